// A hand-written zod 4 schema of the same rules (tolerant mode), as most TypeScript users would write it: rule 12's
// subtypes (and rule 14's member types) as a refinement that parses a labelled value with its subtype's schema.
import { z } from "zod";
import { atMostCodePoints, ENDPOINT_TYPES, ENUMS, familyLabelPattern, odataTypeNames, STATUSES, SUBTYPES, subtypesOf } from "../test/model.js";

const odataType = (...names: string[]) => z.enum(odataTypeNames(...names) as [string, ...string[]]).optional();
const familyLabel = (family: "identity" | "identitySet") => {
  const pattern = familyLabelPattern(family);
  return z
    .string()
    .refine((value) => atMostCodePoints(value, 256) && pattern.test(value))
    .optional();
};
const text = z.string().nullable().optional();
const endpointType = z.enum(ENDPOINT_TYPES).nullable().optional();

/** A subtype's own property, from the metadata. */
function ownProperty(type: string, nullable: boolean): z.ZodType {
  const members = (ENUMS as Record<string, readonly string[]>)[type];
  const schema: z.ZodType =
    type === "Edm.String"
      ? z.string()
      : type === "Edm.Boolean"
        ? z.boolean()
        : members !== undefined
          ? z.enum(members as [string, ...string[]])
          : type === "identity"
            ? z.lazy(() => identity)
            : SUBTYPES[type] !== undefined
              ? declared(type)
              : z.looseObject({});
  return (nullable ? schema.nullable() : schema).optional();
}
const ownProperties = (name: string) =>
  Object.fromEntries(Object.entries(SUBTYPES[name]!.properties).map(([property, { type, nullable }]) => [property, ownProperty(type, nullable)]));

/** Rule 14: a member declared as a subtype is one with or without its label. */
function declared(name: string): z.ZodType {
  return z.looseObject({ "@odata.type": familyLabel("identity"), displayName: text, id: text, ...ownProperties(name) });
}

/** Rule 12: a value labelled as a subtype is parsed with the subtype's own properties too. */
function withSubtypes<T extends z.ZodType>(schema: T, family: "identity" | "identitySet"): z.ZodType {
  const bySubtype = new Map<unknown, z.ZodType>();
  for (const [name] of subtypesOf(family)) {
    const own = z.looseObject(ownProperties(name));
    for (const label of odataTypeNames(name)) bySubtype.set(label, own);
  }
  return schema.superRefine((value, context) => {
    const own = bySubtype.get((value as Record<string, unknown>)["@odata.type"]);
    if (own === undefined) return;
    const result = own.safeParse(value);
    if (!result.success) for (const issue of result.error.issues) context.addIssue({ code: "custom", message: issue.message, path: issue.path });
  });
}

const identity: z.ZodType = withSubtypes(
  z.looseObject({
    "@odata.type": familyLabel("identity"),
    displayName: text,
    id: text,
    tenantId: text,
    identityProvider: text,
    applicationType: text,
    email: text,
    azureCommunicationServicesResourceId: text,
    hidden: z.boolean().nullable().optional(),
  }),
  "identity",
);
const member = identity.nullable().optional();

const identitySetObject = z.looseObject({
  "@odata.type": familyLabel("identitySet"),
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
const identitySet = withSubtypes(identitySetObject, "identitySet");

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
