/**
 * graph-invite-participants/arbitraries: fast-check arbitraries of every type the package validates, for
 * property-based tests. Written from the object model (the rules of each type) and Graph's metadata
 * (generated/model.ts), not from the schemas, so that values drawn from them check the schemas too:
 *
 * - `validArbitrary(type, mode)`: values valid in that mode, with the variation Graph sends (members in any
 *   order and layout, optional and null members, both status spellings, subtypes from the metadata, OData
 *   annotations; in tolerant mode also properties Graph may add later and subtype names it may add later);
 * - `nearMissArbitrary(type, mode)`: a valid value with one thing wrong, and the JSON Pointer of the issue the
 *   package must report for it (among the issues of `validate<Type>(value, { allErrors: true })`).
 *
 * fast-check (4 or later) is an optional peer dependency: install it beside the package to use this entry point.
 */
import * as fc from "fast-check";
import { ENUMS, FAMILIES, FAMILY_SUFFIXES, ROOT_PROPERTIES, SUBTYPES } from "../generated/model.js";
import { checkOptions, rule, suggestOption } from "../validators/options.js";
import { type Scenario, SCENARIOS, scenariosOf } from "./scenarios.js";
import { type Mode, NAMES_SOMEONE, type TypeName, type TypeOf } from "../validators/table.js";
import { escapeSegment } from "../validators/text.js";
import { GRAPH_NAMESPACE, labelsOf } from "../validators/graph-names.js";

/** A value with one thing wrong, and where. */
export interface NearMiss {
  readonly value: unknown;
  /** JSON Pointer of the issue the package must report: the wrong value, or the missing or undeclared property. */
  readonly path: string;
  /** What was changed, in words, for a test's title or message. */
  readonly change: string;
}

/** The valid values of one type, and its near misses. */
interface Shape {
  readonly valid: fc.Arbitrary<unknown>;
  /** Undefined when nothing about the value can be wrong (any value is valid). */
  readonly invalid?: fc.Arbitrary<NearMiss>;
}

const miss = (value: unknown, path: string, change: string): NearMiss => ({ value, path, change });
const pointer = (name: string | number) => `/${escapeSegment(String(name))}`;

/** `#microsoft.graph.<name>` and `microsoft.graph.<name>`. */
const labels = labelsOf;

const STATUSES = [...ENUMS.operationStatus.map((name) => name.charAt(0).toLowerCase() + name.slice(1)), ...ENUMS.operationStatus];
const text = fc.string({ unit: "binary", maxLength: 24 });

function leaf(valid: fc.Arbitrary<unknown>, wrong: fc.Arbitrary<unknown>, change: string): Shape {
  return { valid, invalid: wrong.map((value) => miss(value, "", change)) };
}

const string = leaf(text, fc.constantFrom(42, true, {}), "not a string");
const boolean = leaf(fc.boolean(), fc.constantFrom("true", 1), "not a boolean");
const int32 = leaf(fc.integer({ min: -2147483648, max: 2147483647 }), fc.constantFrom(2147483648, -2147483649, 1.5, "0"), "not an Int32");
const oneOf = (members: readonly string[]) =>
  leaf(fc.constantFrom(...members), fc.constantFrom("bogus", members[0]!.toUpperCase() === members[0] ? "x" : members[0]!.toUpperCase(), 0), "not a member");

/** Members the package does not check: any value drawn is valid, and none is a near miss. */
const anything = (valid: fc.Arbitrary<unknown>): Shape => ({ valid });

/** Null, or a value of the shape (Graph's nullable members). */
function nullable(shape: Shape): Shape {
  return { valid: fc.option(shape.valid, { nil: null, freq: 4 }), invalid: shape.invalid };
}

/** The `@odata.type` of a family (or of one type): its names in the metadata; in tolerant mode also a later one. */
function odataType(mode: Mode, names: readonly string[], suffix: string | undefined, wrong: string): Shape {
  const known = fc.constantFrom(...labels(names));
  const later = suffix === undefined ? undefined : fc.constantFrom(`#${GRAPH_NAMESPACE}future${suffix}`, `${GRAPH_NAMESPACE}later${suffix}`);
  const valid = mode === "tolerant" && later !== undefined ? fc.oneof({ arbitrary: known, weight: 4 }, { arbitrary: later, weight: 1 }) : known;
  // A name of another family: wrong in both modes. In strict mode also a later name the metadata does not hold.
  const wrongNames = [`#${GRAPH_NAMESPACE}${wrong}`, 42, ...(mode === "strict" && suffix !== undefined ? [`#${GRAPH_NAMESPACE}future${suffix}`] : [])];
  return leaf(valid, fc.constantFrom(...wrongNames), "a label of another type");
}

/** OData annotations any object may carry: strings, checked as such in strict mode only. */
const annotations = (mode: Mode) => {
  const shape = mode === "strict" ? string : anything(text);
  return { "@odata.etag": shape, "@odata.id": shape, "@odata.context": shape };
};

/** Names Graph may add later: tolerant mode accepts them on any object; strict mode refuses each. */
const LATER_NAMES = ["addedLater", "futureSetting", "newProperty"];

interface ObjectOptions {
  required?: readonly string[];
  /** Required names whose absence would make another type of the value rather than a near miss (a subtype's label). */
  fixed?: readonly string[];
  /** An extra rule of the object: a near miss that breaks it, and the path it is reported at. */
  breaks?: fc.Arbitrary<(value: Record<string, unknown>) => NearMiss>;
}

function object(mode: Mode, fields: Record<string, Shape>, { required = [], fixed = [], breaks }: ObjectOptions = {}): Shape {
  const all = { ...annotations(mode), ...fields };
  const declared = fc.record(Object.fromEntries(Object.entries(all).map(([name, shape]) => [name, shape.valid])), { requiredKeys: [...required, ...fixed] }) as fc.Arbitrary<
    Record<string, unknown>
  >;
  const valid: fc.Arbitrary<Record<string, unknown>> =
    mode === "tolerant"
      ? fc
          .tuple(declared, fc.dictionary(fc.constantFrom(...LATER_NAMES), fc.jsonValue({ maxDepth: 1, depthSize: "xsmall" }), { maxKeys: 2 }))
          // Later names first or last: the order of an object's names is part of its layout.
          .chain(([value, later]) => fc.boolean().map((first) => (first ? { ...later, ...value } : { ...value, ...later })))
      : declared;
  const misses: fc.Arbitrary<NearMiss>[] = [];
  for (const [name, shape] of Object.entries(all)) {
    if (shape.invalid === undefined) continue;
    misses.push(
      fc.tuple(valid, shape.invalid).map(([value, wrong]) => miss({ ...value, [name]: wrong.value }, `${pointer(name)}${wrong.path}`, `${name}${wrong.path}: ${wrong.change}`)),
    );
  }
  for (const name of required) {
    misses.push(
      valid.map((value) => {
        const { [name]: _removed, ...rest } = value;
        return miss(rest, pointer(name), `${name}: missing`);
      }),
    );
  }
  if (mode === "strict")
    misses.push(fc.tuple(valid, fc.constantFrom(...LATER_NAMES)).map(([value, name]) => miss({ ...value, [name]: 1 }, pointer(name), `${name}: not declared`)));
  misses.push(fc.constantFrom("text", 42, [], true).map((value) => miss(value, "", "not an object")));
  if (breaks !== undefined) misses.push(fc.tuple(valid, breaks).map(([value, broken]) => broken(value)));
  return { valid, invalid: fc.oneof(...misses) };
}

/** Values of any of the shapes (a root and its subtypes), and the near misses of each. */
function union(...shapes: Shape[]): Shape {
  return { valid: fc.oneof(...shapes.map(({ valid }) => valid)), invalid: fc.oneof(...shapes.flatMap(({ invalid }) => (invalid === undefined ? [] : [invalid]))) };
}

function array(item: Shape, { minLength = 0, maxLength = 4 }: { minLength?: number; maxLength?: number } = {}): Shape {
  const valid = fc.array(item.valid, { minLength, maxLength });
  const misses: fc.Arbitrary<NearMiss>[] = [fc.constantFrom("text", {}, 1).map((value) => miss(value, "", "not an array"))];
  if (item.invalid !== undefined) {
    misses.push(
      fc.tuple(fc.array(item.valid, { minLength: Math.max(0, minLength - 1), maxLength: maxLength - 1 }), item.invalid, fc.nat()).map(([items, wrong, at]) => {
        const index = at % (items.length + 1);
        const value = [...items.slice(0, index), wrong.value, ...items.slice(index)];
        return miss(value, `${pointer(index)}${wrong.path}`, `item ${index}${wrong.path}: ${wrong.change}`);
      }),
    );
  }
  if (minLength > 0) misses.push(fc.constant(miss([], "", "an empty array")));
  return { valid, invalid: fc.oneof(...misses) };
}

/** Every shape of one mode. */
function shapesOf(mode: Mode): Record<TypeName, Shape> {
  const endpointType = oneOf(ENUMS.endpointType);
  /** An `@odata.type` of one subtype: its two spellings; a near miss names a type of another family. */
  const subtypeLabel = (name: string, wrong: string) => leaf(fc.constantFrom(...labels([name])), fc.constantFrom(`#${GRAPH_NAMESPACE}${wrong}`, 42), "a label of another type");
  /** Rule 12: a subtype's own properties, from the metadata, as shapes. */
  const ownFields = (name: string, identity: Shape | undefined): Record<string, Shape> =>
    Object.fromEntries(
      Object.entries(SUBTYPES[name]!.properties).map(([property, { type, nullable: canBeNull }]) => {
        const members = (ENUMS as Record<string, readonly string[]>)[type];
        const shape =
          type === "Edm.String"
            ? string
            : type === "Edm.Boolean"
              ? boolean
              : members !== undefined
                ? oneOf(members)
                : type === "identity" && identity !== undefined
                  ? identity
                  : FAMILIES.identity.includes(type as never) && identity !== undefined
                    ? declared(type)
                    : anything(fc.dictionary(fc.constantFrom("a", "b"), fc.string(), { maxKeys: 2 }));
        return [property, canBeNull ? nullable(shape) : shape];
      }),
    );
  /**
   * Rule 14: a member declared as a subtype (`conversation`, a teamworkConversationIdentity) is one with or
   * without its label: the root's properties and the type's own.
   */
  const declared = (name: string): Shape =>
    object(mode, {
      "@odata.type": subtypeLabel(name, "identitySet"),
      ...Object.fromEntries(ROOT_PROPERTIES.identity.map((root) => [root, nullable(string)])),
      ...ownFields(name, undefined),
    });
  /**
   * A family's plain values, or a subtype's: labelled as it, with its root's properties (each a `rootShape`) and its
   * own; a near miss never drops the label, which would make it a plain value rather than a wrong one.
   */
  const withSubtypes = (family: "identity" | "identitySet", plain: Shape, otherFamily: string, rootShape: Shape, identity: Shape | undefined): Shape =>
    union(
      plain,
      ...Object.keys(SUBTYPES)
        .filter((name) => SUBTYPES[name]!.family === family)
        .map((name) =>
          object(
            mode,
            { "@odata.type": subtypeLabel(name, otherFamily), ...Object.fromEntries(ROOT_PROPERTIES[family].map((root) => [root, rootShape])), ...ownFields(name, identity) },
            { fixed: ["@odata.type"] },
          ),
        ),
    );

  // A plain identity: no label, identity's own, or (tolerant mode) a later name; with the extras real payloads put
  // on it (metadata/deviations.json). Or a subtype the label names, with exactly its own properties (rule 12).
  const plainIdentity = object(mode, {
    "@odata.type": odataType(mode, ["identity"], mode === "tolerant" ? FAMILY_SUFFIXES.identity : undefined, "identitySet"),
    displayName: nullable(string),
    id: nullable(string),
    tenantId: nullable(string),
    identityProvider: nullable(string),
    applicationType: nullable(string),
    email: nullable(string),
    azureCommunicationServicesResourceId: nullable(string),
    hidden: nullable(boolean),
  });
  const identity = withSubtypes("identity", plainIdentity, "identitySet", nullable(string), undefined);
  const members = Object.fromEntries(NAMES_SOMEONE.map((name) => [name, nullable(identity)]));
  const plainIdentitySet = object(mode, {
    "@odata.type": odataType(mode, ["identitySet"], mode === "tolerant" ? FAMILY_SUFFIXES.identitySet : undefined, "identity"),
    ...members,
    endpointType: nullable(endpointType),
  });
  const identitySet = withSubtypes("identitySet", plainIdentitySet, "identity", nullable(identity), identity);
  const communicationsIdentitySet = object(mode, {
    "@odata.type": odataType(mode, ["communicationsIdentitySet"], undefined, "identitySet"),
    ...members,
    endpointType: nullable(endpointType),
  });

  const participantFields = (set: Shape) => ({
    "@odata.type": odataType(mode, ["invitationParticipantInfo"], undefined, "identitySet"),
    identity: set,
    replacesCallId: nullable(string),
    participantId: nullable(string),
    hidden: nullable(boolean),
    removeFromDefaultAudioRoutingGroup: nullable(boolean),
    endpointType: nullable(endpointType),
    region: nullable(string),
    languageId: nullable(string),
  });
  const participant = object(mode, participantFields(identitySet), { required: ["identity"] });

  // An invited participant names someone (rule 9): one identity member with a non-empty id.
  const namedSet: Shape = {
    // A plain identity set, whose every member may name someone.
    valid: fc.tuple(plainIdentitySet.valid, fc.constantFrom(...NAMES_SOMEONE), fc.string({ minLength: 1, maxLength: 24 })).map(([set, member, id]) => {
      const value = set as Record<string, unknown>;
      const existing = value[member];
      return { ...value, [member]: { ...(typeof existing === "object" && existing !== null ? existing : {}), id } };
    }),
    invalid: fc.oneof(
      identitySet.invalid!,
      fc
        .constantFrom<[Record<string, unknown>, string]>([{}, "no member"], [{ user: { displayName: "Alex" } }, "a member without an id"], [{ phone: { id: "" } }, "an empty id"])
        .map(([value, change]) => miss(value, "", `names no one: ${change}`)),
    ),
  };
  const invitee = object(mode, participantFields(namedSet), { required: ["identity"] });

  const resultInfo = object(mode, { "@odata.type": odataType(mode, ["resultInfo"], undefined, "identity"), code: int32, subcode: int32, message: nullable(string) });
  const operationFields = { id: nullable(string), status: oneOf(STATUSES), clientContext: nullable(string), resultInfo: nullable(resultInfo) };
  const inviteLabel = odataType(mode, ["inviteParticipantsOperation"], undefined, "identity");
  const inviteOperation = (required: string[]) => object(mode, { "@odata.type": inviteLabel, ...operationFields, participants: array(participant) }, { required });
  // A commsOperation labelled with a subtype the package does not model carries that subtype's own members (rule 8).
  const otherOperations = FAMILIES.commsOperation.filter((name) => name !== "commsOperation" && name !== "inviteParticipantsOperation");
  const subtypeOperation = object(
    mode,
    {
      "@odata.type": leaf(fc.constantFrom(...labels(otherOperations)), fc.constant(42), "not a string"),
      ...operationFields,
      recordingLocation: anything(text),
      completionReason: anything(text),
      participants: anything(fc.array(fc.jsonValue({ maxDepth: 1 }), { maxLength: 2 })),
    },
    { required: ["@odata.type", "status"] },
  );
  const commsOperationShape = object(mode, { "@odata.type": odataType(mode, ["commsOperation"], undefined, "identity"), ...operationFields }, { required: ["status"] });
  const commsOperation: Shape = {
    valid: fc.oneof(commsOperationShape.valid, subtypeOperation.valid, inviteOperation(["@odata.type", "status"]).valid),
    invalid: commsOperationShape.invalid,
  };

  const request = object(
    mode,
    { participants: array(invitee, { minLength: 1, maxLength: 5 }), clientContext: nullable(leaf(fc.string({ unit: "binary", maxLength: 256 }), fc.constant(7), "not a string")) },
    { required: ["participants"] },
  );

  const labelledInvite = inviteOperation(["@odata.type", "status"]);
  /** Resource data the package does not model passes unchecked. */
  const otherResourceData = fc.oneof(
    fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 3 }),
    fc.dictionary(fc.constantFrom("state", "id", "status", "info"), fc.jsonValue({ maxDepth: 2 })),
    fc.record({ "@odata.type": fc.constantFrom(...labels(["call", "participant", "chatMessage"])), status: fc.jsonValue({ maxDepth: 1 }) }),
  );
  const resourceData: Shape = {
    valid: fc.oneof(
      labelledInvite.valid,
      commsOperation.valid.filter((op) => "@odata.type" in (op as object)),
      otherResourceData,
    ),
    invalid: labelledInvite.invalid!.filter((wrong) => wrong.path !== "" && wrong.path !== "/@odata.type"),
  };
  // A notification names its resource: resourceUrl, the legacy resource, or both (rule 7).
  const notificationFields = {
    "@odata.type": odataType(mode, ["commsNotification"], undefined, "commsOperation"),
    changeType: oneOf(ENUMS.changeType),
    resource: string,
    resourceUrl: string,
    resourceData,
  };
  const notificationOf = (names: string[]) => object(mode, notificationFields, { required: ["changeType", ...names] });
  const withUrl = notificationOf(["resourceUrl"]);
  const notification: Shape = {
    valid: fc.oneof(withUrl.valid, notificationOf(["resource"]).valid, notificationOf(["resourceUrl", "resource"]).valid),
    // Without either name, the issue stands at resourceUrl ("or resource in its place").
    invalid: withUrl.invalid!.map((wrong) =>
      wrong.path === "/resourceUrl" && wrong.change.endsWith("missing") ? miss(dropName(wrong.value, "resource"), wrong.path, wrong.change) : wrong,
    ),
  };
  const notifications = object(
    mode,
    { "@odata.type": odataType(mode, ["commsNotifications"], undefined, "commsNotification"), value: array(notification, { maxLength: 3 }) },
    { required: ["value"] },
  );

  return {
    InviteParticipantsOperation: inviteOperation(["status"]),
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
}

function dropName(value: unknown, name: string): unknown {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return value;
  const { [name]: _dropped, ...rest } = value as Record<string, unknown>;
  return rest;
}

const shapes: Partial<Record<Mode, Record<TypeName, Shape>>> = {};
function shapeOf(type: TypeName, mode: Mode): Shape {
  if (mode !== "tolerant" && mode !== "strict") throw new TypeError(`arbitraries: no mode ${JSON.stringify(mode)}; the modes are tolerant and strict`);
  shapes[mode] ??= shapesOf(mode);
  const shape = shapes[mode][type];
  if (shape === undefined || !Object.hasOwn(shapes[mode], type))
    throw new TypeError(`arbitraries: no type ${JSON.stringify(type)}; the types are ${Object.keys(shapes[mode]).join(", ")}`);
  return shape;
}

export interface ArbitraryOptions {
  /**
   * Only values that show this scenario (as the fixtures name them: `inviteCompleted`, `failed`, `pstn`, …),
   * read from each drawn value as `scenariosOf` reads a fixture. A scenario no value of the type shows is a
   * TypeError naming those it can show.
   */
  scenario?: Scenario;
}

/** How many values are drawn, with a fixed seed, to learn which scenarios a type's values show. */
const SURVEY = 2_000;
const shown = new Map<string, Set<Scenario>>();

/** The scenarios drawn values of a type show, learned once from a seeded sample. */
function scenariosShown(type: TypeName, mode: Mode): Set<Scenario> {
  const key = `${type} ${mode}`;
  let found = shown.get(key);
  if (found === undefined) {
    found = new Set(fc.sample(shapeOf(type, mode).valid, { numRuns: SURVEY, seed: 42 }).flatMap((value) => scenariosOf(type, value)));
    shown.set(key, found);
  }
  return found;
}

/** Values of `type` valid in `mode` (tolerant by default), typed as the type; with `scenario`, only those that show it. */
export function validArbitrary<K extends TypeName>(type: K, mode: Mode = "tolerant", options: ArbitraryOptions = {}): fc.Arbitrary<TypeOf[K]> {
  const valid = shapeOf(type, mode).valid as fc.Arbitrary<TypeOf[K]>;
  const { scenario } = checkOptions("validArbitrary", options, { scenario: rule("a scenario name", (value) => typeof value === "string") }, suggestOption) ?? {};
  if (scenario === undefined) return valid;
  if (!SCENARIOS.includes(scenario)) throw new TypeError(`arbitraries: no scenario ${JSON.stringify(scenario)}; the scenarios are ${SCENARIOS.join(", ")}`);
  const can = scenariosShown(type, mode);
  if (!can.has(scenario)) throw new TypeError(`arbitraries: no ${type} value shows ${scenario}; its values show ${[...can].join(", ") || "none of the scenarios"}`);
  return valid.filter((value) => scenariosOf(type, value).includes(scenario));
}

/** Values of `type` with one thing wrong in `mode` (tolerant by default), each with the path of its issue: not a `type`, so `value` is `unknown`. */
export function nearMissArbitrary(type: TypeName, mode: Mode = "tolerant"): fc.Arbitrary<NearMiss> {
  return shapeOf(type, mode).invalid!;
}
