// A TypeBox schema of the same rules (tolerant mode), compiled with TypeBox's TypeCompiler: rule 12's subtypes (and
// rule 14's member types) as a union of the plain value (not labelled as a subtype) and one branch per subtype.
import { type TObject, type TProperties, type TSchema, Type } from "@sinclair/typebox";
import { TypeCompiler } from "@sinclair/typebox/compiler";
import { ENDPOINT_TYPES, ENUMS, familyLabelPattern, odataTypeNames, STATUSES, SUBTYPES, subtypesOf } from "../test/model.js";

const odataType = (...names: string[]) => Type.Optional(Type.Union(odataTypeNames(...names).map((name) => Type.Literal(name))));
const familyLabel = (family: "identity" | "identitySet") => Type.Optional(Type.String({ maxLength: 256, pattern: familyLabelPattern(family).source }));
const nullable = <T extends TSchema>(schema: T) => Type.Optional(Type.Union([schema, Type.Null()]));
const text = nullable(Type.String());
const endpointType = nullable(Type.Union(ENDPOINT_TYPES.map((v) => Type.Literal(v))));
const int32 = Type.Optional(Type.Integer({ minimum: -2147483648, maximum: 2147483647 }));

/** A subtype's own property, from the metadata. */
function ownProperty(type: string, nullable: boolean, identity: TSchema | undefined): TSchema {
  const members = (ENUMS as Record<string, readonly string[]>)[type];
  const schema: TSchema =
    type === "Edm.String"
      ? Type.String()
      : type === "Edm.Boolean"
        ? Type.Boolean()
        : members !== undefined
          ? Type.Union(members.map((member) => Type.Literal(member)))
          : type === "identity" && identity !== undefined
            ? identity
            : SUBTYPES[type] !== undefined
              ? declared(type)
              : Type.Object({});
  return Type.Optional(nullable ? Type.Union([schema, Type.Null()]) : schema);
}
const ownProperties = (name: string, identity?: TSchema): TProperties =>
  Object.fromEntries(Object.entries(SUBTYPES[name]!.properties).map(([property, { type, nullable }]) => [property, ownProperty(type, nullable, identity)]));

/** Rule 14: a member declared as a subtype is one with or without its label. */
function declared(name: string): TObject {
  return Type.Object({ "@odata.type": familyLabel("identity"), displayName: text, id: text, ...ownProperties(name) });
}

/** Rule 12: the plain value, not labelled as a subtype, or one branch per subtype with its label and its own properties. */
function withSubtypes(root: TObject, family: "identity" | "identitySet", identity?: TSchema): TSchema {
  const subtypes = subtypesOf(family);
  const labels = (name: string) => Type.Union(odataTypeNames(name).map((label) => Type.Literal(label)));
  const plain = Type.Intersect([root, Type.Object({ "@odata.type": Type.Optional(Type.Not(Type.Union(subtypes.map(([name]) => labels(name))))) })]);
  return Type.Union([plain, ...subtypes.map(([name]) => Type.Intersect([root, Type.Object({ "@odata.type": labels(name), ...ownProperties(name, identity) })]))]);
}

const identity = withSubtypes(
  Type.Object({
    "@odata.type": familyLabel("identity"),
    displayName: text,
    id: text,
    tenantId: text,
    identityProvider: text,
    applicationType: text,
    email: text,
    azureCommunicationServicesResourceId: text,
    hidden: nullable(Type.Boolean()),
  }),
  "identity",
);

const identitySet = withSubtypes(
  Type.Object({
    "@odata.type": familyLabel("identitySet"),
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
  }),
  "identitySet",
  identity,
);

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
