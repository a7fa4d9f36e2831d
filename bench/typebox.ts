// A TypeBox schema of the same rules (tolerant mode), compiled with TypeBox's TypeCompiler.
import { Type, type TSchema } from "@sinclair/typebox";
import { TypeCompiler } from "@sinclair/typebox/compiler";

const odataType = (...names: string[]) => Type.Optional(Type.Union(names.flatMap((name) => [Type.Literal(`#microsoft.graph.${name}`), Type.Literal(`microsoft.graph.${name}`)])));
const nullable = <T extends TSchema>(schema: T) => Type.Optional(Type.Union([schema, Type.Null()]));
const text = nullable(Type.String());
const endpointType = nullable(Type.Union(["default", "voicemail", "skypeForBusiness", "skypeForBusinessVoipPhone", "unknownFutureValue"].map((v) => Type.Literal(v))));
const int32 = Type.Optional(Type.Integer({ minimum: -2147483648, maximum: 2147483647 }));

const identity = Type.Object({
  "@odata.type": odataType(
    "identity",
    "communicationsUserIdentity",
    "communicationsApplicationIdentity",
    "communicationsApplicationInstanceIdentity",
    "communicationsGuestIdentity",
    "communicationsPhoneIdentity",
    "communicationsEncryptedIdentity",
    "azureCommunicationServicesUserIdentity",
  ),
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
  status: Type.Union(["notStarted", "running", "completed", "failed", "NotStarted", "Running", "Completed", "Failed"].map((v) => Type.Literal(v))),
  clientContext: text,
  resultInfo: nullable(resultInfo),
  participants: Type.Optional(Type.Array(participant)),
});

export const check = TypeCompiler.Compile(inviteParticipantsOperation);
