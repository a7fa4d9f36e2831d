// A TypeBox schema of the same rules (tolerant mode), compiled with TypeBox's TypeCompiler.
import { Type, type TSchema } from "@sinclair/typebox";
import { TypeCompiler } from "@sinclair/typebox/compiler";
import { ENDPOINT_TYPES, IDENTITY_TYPES, odataTypeNames, STATUSES } from "../test/model.js";

const odataType = (...names: string[]) => Type.Optional(Type.Union(odataTypeNames(...names).map((name) => Type.Literal(name))));
const nullable = <T extends TSchema>(schema: T) => Type.Optional(Type.Union([schema, Type.Null()]));
const text = nullable(Type.String());
const endpointType = nullable(Type.Union(ENDPOINT_TYPES.map((v) => Type.Literal(v))));
const int32 = Type.Optional(Type.Integer({ minimum: -2147483648, maximum: 2147483647 }));

const identity = Type.Object({
  "@odata.type": odataType(...IDENTITY_TYPES),
  displayName: text,
  id: text,
  tenantId: text,
  identityProvider: text,
  applicationType: text,
  email: text,
  azureCommunicationServicesResourceId: text,
  hidden: nullable(Type.Boolean()),
});

const identitySet = Type.Object({
  "@odata.type": odataType("identitySet", "communicationsIdentitySet"),
  application: nullable(identity),
  device: nullable(identity),
  user: nullable(identity),
  applicationInstance: nullable(identity),
  assertedIdentity: nullable(identity),
  azureCommunicationServicesUser: nullable(identity),
  encrypted: nullable(identity),
  guest: nullable(identity),
  onPremises: nullable(identity),
  phone: nullable(identity),
  endpointType,
});

const participant = Type.Object({
  "@odata.type": odataType("invitationParticipantInfo"),
  identity: identitySet,
  replacesCallId: text,
  participantId: text,
  hidden: nullable(Type.Boolean()),
  removeFromDefaultAudioRoutingGroup: nullable(Type.Boolean()),
  endpointType,
  region: text,
  languageId: text,
});

const resultInfo = Type.Object({ "@odata.type": odataType("resultInfo"), code: int32, subcode: int32, message: text });

export const inviteParticipantsOperation = Type.Object({
  "@odata.type": odataType("inviteParticipantsOperation"),
  id: text,
  status: Type.Union(STATUSES.map((v) => Type.Literal(v))),
  clientContext: text,
  resultInfo: nullable(resultInfo),
  participants: Type.Optional(Type.Array(participant)),
});

export const check = TypeCompiler.Compile(inviteParticipantsOperation);
