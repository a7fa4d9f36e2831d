// fast-check arbitraries that follow the object model (test/model.ts and the spec of each type), written from
// the model rather than from the schemas, so that they check the schemas.
import fc from "fast-check";
import type { TypeName } from "../src/table.js";
import { ENDPOINT_TYPES, IDENTITY_SET_TYPES, IDENTITY_TYPES, OPERATION_SUBTYPES, odataTypeNames, STATUSES } from "./model.js";

const odataType = (...names: string[]) => fc.constantFrom(...odataTypeNames(...names));
const nullable = <T>(arbitrary: fc.Arbitrary<T>) => fc.option(arbitrary, { nil: null, freq: 4 });
const text = fc.string({ unit: "binary", maxLength: 24 });
const optional = <T extends Record<string, fc.Arbitrary<unknown>>>(model: T, required: (keyof T)[] = []) => fc.record(model, { requiredKeys: required as never[] });

/** OData annotations any object may carry, in both modes. */
const annotations = optional({ "@odata.etag": text, "@odata.id": text, "@odata.context": text });
const withAnnotations = <T extends object>(arbitrary: fc.Arbitrary<T>) => fc.tuple(arbitrary, annotations).map(([value, extra]) => ({ ...extra, ...value }));

const int32 = fc.integer({ min: -2147483648, max: 2147483647 });
const endpointType = fc.constantFrom(...ENDPOINT_TYPES);

const identity = withAnnotations(
  optional({
    "@odata.type": odataType(...IDENTITY_TYPES),
    displayName: nullable(text),
    id: nullable(text),
    tenantId: nullable(text),
    identityProvider: nullable(text),
    applicationType: nullable(text),
    email: nullable(text),
    azureCommunicationServicesResourceId: nullable(text),
    hidden: nullable(fc.boolean()),
  }),
);

const identitySetMembers = {
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
  endpointType: nullable(endpointType),
};
const identitySet = withAnnotations(optional({ "@odata.type": odataType(...IDENTITY_SET_TYPES), ...identitySetMembers }));
const communicationsIdentitySet = withAnnotations(optional({ "@odata.type": odataType("communicationsIdentitySet"), ...identitySetMembers }));

const participant = withAnnotations(
  optional(
    {
      "@odata.type": odataType("invitationParticipantInfo"),
      identity: identitySet,
      replacesCallId: nullable(text),
      participantId: nullable(text),
      hidden: nullable(fc.boolean()),
      removeFromDefaultAudioRoutingGroup: nullable(fc.boolean()),
      endpointType: nullable(endpointType),
      region: nullable(text),
      languageId: nullable(text),
    },
    ["identity"],
  ),
);

const resultInfo = withAnnotations(optional({ "@odata.type": odataType("resultInfo"), code: int32, subcode: int32, message: nullable(text) }));

const operationBase = { id: nullable(text), status: fc.constantFrom(...STATUSES), clientContext: nullable(text), resultInfo: nullable(resultInfo) };
/** A commsOperation: plain, or labelled as a subtype this package does not model, with that subtype's own properties (rule 8). */
const commsOperation = fc.oneof(
  withAnnotations(optional({ "@odata.type": odataType("commsOperation"), ...operationBase }, ["status"])),
  withAnnotations(
    optional(
      {
        "@odata.type": odataType(...OPERATION_SUBTYPES.filter((name) => name !== "inviteParticipantsOperation")),
        ...operationBase,
        recordingLocation: text,
        completionReason: text,
        participants: fc.array(fc.jsonValue({ maxDepth: 1 }), { maxLength: 2 }),
      },
      ["@odata.type", "status"],
    ),
  ),
);
const inviteOperation = (required: ("@odata.type" | "status")[] = ["status"]) =>
  withAnnotations(optional({ "@odata.type": odataType("inviteParticipantsOperation"), ...operationBase, participants: fc.array(participant, { maxLength: 4 }) }, required));

/** An invited participant names someone: one identity member with a non-empty id (rule 9). */
const invitee = fc
  .tuple(participant, fc.constantFrom(...(Object.keys(identitySetMembers).filter((name) => name !== "endpointType") as string[])), fc.string({ minLength: 1, maxLength: 24 }))
  .map(([info, member, id]) => {
    const set = info.identity as Record<string, unknown>;
    const existing = set[member];
    return { ...info, identity: { ...set, [member]: { ...(typeof existing === "object" && existing !== null ? existing : {}), id } } };
  });

const request = withAnnotations(
  optional(
    {
      participants: fc.array(invitee, { minLength: 1, maxLength: 5 }),
      // Up to 256 characters, counted in code points like JSON Schema's maxLength.
      clientContext: nullable(fc.string({ unit: "binary", maxLength: 256 })),
    },
    ["participants"],
  ),
);

/** Resource data this package does not model: it must pass unchecked. */
const otherResourceData = fc.oneof(
  fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 3 }),
  fc.dictionary(fc.constantFrom("state", "id", "status", "info"), fc.jsonValue({ maxDepth: 2 })),
  fc.record({ "@odata.type": odataType("call", "participant", "chatMessage"), status: fc.jsonValue({ maxDepth: 1 }) }),
);

/** A notification names its resource with resourceUrl, the legacy resource, or both (rule 7). */
const notification = fc.constantFrom<("resourceUrl" | "resource")[]>(["resourceUrl"], ["resource"], ["resourceUrl", "resource"]).chain((names) =>
  withAnnotations(
    optional(
      {
        "@odata.type": odataType("commsNotification"),
        changeType: fc.constantFrom("created", "updated", "deleted"),
        resource: text,
        resourceUrl: text,
        resourceData: fc.oneof(
          inviteOperation(["@odata.type", "status"]),
          commsOperation.filter((op) => "@odata.type" in op),
          otherResourceData,
        ),
      },
      ["changeType", ...names],
    ),
  ),
);
const notifications = withAnnotations(optional({ "@odata.type": odataType("commsNotifications"), value: fc.array(notification, { maxLength: 3 }) }, ["value"]));

/** For each type, payloads that follow the model: valid in both modes. */
export const validPayloads: Record<TypeName, fc.Arbitrary<Record<string, unknown>>> = {
  InviteParticipantsOperation: inviteOperation(),
  CommsOperation: commsOperation,
  InvitationParticipantInfo: participant,
  IdentitySet: identitySet,
  CommunicationsIdentitySet: communicationsIdentitySet,
  Identity: identity,
  ResultInfo: resultInfo,
  InviteParticipantsRequest: request,
  CommsNotifications: notifications,
  CommsNotification: notification,
};

/** A payload with one thing changed: a property removed, retyped, renamed or added, somewhere inside. */
export function mutations(value: unknown): fc.Arbitrary<unknown> {
  const replacements = fc.oneof(fc.constant(null), fc.constant(undefined), fc.integer(), fc.string(), fc.constant({}), fc.constant([]), fc.constant("#microsoft.graph.identity"));
  return fc.tuple(fc.nat(), replacements, fc.constantFrom("set", "delete", "rename", "add", "annotate")).map(([pick, replacement, how]) => {
    const copy = structuredClone(value) as Record<string, unknown>;
    const objects: Record<string, unknown>[] = [];
    const stack: unknown[] = [copy];
    while (stack.length > 0) {
      const node = stack.pop();
      if (node !== null && typeof node === "object") {
        if (!Array.isArray(node)) objects.push(node as Record<string, unknown>);
        for (const child of Object.values(node)) stack.push(child);
      }
    }
    const target = objects[pick % objects.length]!;
    const keys = Object.keys(target);
    const key = keys.length > 0 ? keys[pick % keys.length]! : "x";
    if (how === "set") target[key] = replacement;
    else if (how === "delete") delete target[key];
    else if (how === "rename") {
      target[`${key}s`] = target[key];
      delete target[key];
    } else if (how === "add") target[`extra${pick % 3}`] = replacement;
    else target[`${key}@odata.type`] = replacement;
    return copy;
  });
}

/** A type's name and a payload of it, valid or with one thing changed (see mutations). */
export const namedPayloads: fc.Arbitrary<[TypeName, unknown]> = fc.constantFrom(...(Object.keys(validPayloads) as TypeName[])).chain((name) =>
  fc.tuple(
    fc.constant(name),
    validPayloads[name].chain((payload) => fc.oneof(fc.constant(payload as unknown), mutations(payload))),
  ),
);
