// A hand-written zod 4 schema of the same rules (tolerant mode), as most TypeScript users would write it.
import { z } from "zod";
import { ENDPOINT_TYPES, IDENTITY_TYPES, odataTypeNames, STATUSES } from "../test/model.js";

const odataType = (...names: string[]) => z.enum(odataTypeNames(...names) as [string, ...string[]]).optional();
const text = z.string().nullable().optional();
const endpointType = z.enum(ENDPOINT_TYPES).nullable().optional();

const identity = z.looseObject({
  "@odata.type": odataType(...IDENTITY_TYPES),
  displayName: text,
  id: text,
  tenantId: text,
  identityProvider: text,
  applicationType: text,
  email: text,
  azureCommunicationServicesResourceId: text,
  hidden: z.boolean().nullable().optional(),
});
const member = identity.nullable().optional();

const identitySet = z.looseObject({
  "@odata.type": odataType("identitySet", "communicationsIdentitySet"),
  application: member,
  device: member,
  user: member,
  applicationInstance: member,
  assertedIdentity: member,
  azureCommunicationServicesUser: member,
  encrypted: member,
  guest: member,
  onPremises: member,
  phone: member,
  endpointType,
});

const participant = z.looseObject({
  "@odata.type": odataType("invitationParticipantInfo"),
  identity: identitySet,
  replacesCallId: text,
  participantId: text,
  hidden: z.boolean().nullable().optional(),
  removeFromDefaultAudioRoutingGroup: z.boolean().nullable().optional(),
  endpointType,
  region: text,
  languageId: text,
});

const resultInfo = z.looseObject({
  "@odata.type": odataType("resultInfo"),
  code: z.int32().optional(),
  subcode: z.int32().optional(),
  message: text,
});

export const inviteParticipantsOperation = z.looseObject({
  "@odata.type": odataType("inviteParticipantsOperation"),
  id: text,
  status: z.enum(STATUSES),
  clientContext: text,
  resultInfo: resultInfo.nullable().optional(),
  participants: z.array(participant).optional(),
});
