/**
 * What TypeScript cannot say, written as schema nodes: OData annotations and the open or closed object of each
 * mode, the `@odata.type` families (rule 2), the dispatches on `@odata.type` (rules 7 and 8), and the request's
 * participant that names someone (rule 9). Each step takes a schema and returns the schema with its rule.
 */
import assert from "node:assert/strict";
import { MAX_PROPERTY_NAME_LENGTH, type Mode } from "../../src/validators/table.js";
import { GRAPH_NAMESPACE, labelsOf, nameInGraph } from "../../src/validators/graph-names.js";
import { FAMILIES, type Family, readMetadata } from "../graph-metadata.js";
import { mark } from "./rules.js";
import { mapSchema, type Schema } from "./schema-tree.js";

/**
 * A regular expression (source text) matching a non-empty run of the characters `chars` (a character class
 * body such as `A-Za-z0-9_.`) that is not exactly `word`. It uses only what ECMA-262, RE2 (Go), Python's `re`
 * and Perl agree on: no lookaround, so the words of the same length are ruled out letter by letter.
 */
function anyRunExcept(chars: string, word: string): string {
  assert.ok(/^[a-z]+$/.test(word), `anyRunExcept: ${word} must be lower-case letters`);
  const range = (from: number, to: number): string => (from > to ? "" : from === to ? String.fromCharCode(from) : `${String.fromCharCode(from)}-${String.fromCharCode(to)}`);
  const without = (letter: string): string => chars.replace("a-z", range(97, letter.charCodeAt(0) - 1) + range(letter.charCodeAt(0) + 1, 122));
  const n = word.length;
  const sameLength = [...word].map((letter, i) => `${word.slice(0, i)}[${without(letter)}]${i < n - 1 ? `[${chars}]${i < n - 2 ? `{${n - i - 1}}` : ""}` : ""}`);
  return `(?:[${chars}]{1,${n - 1}}|[${chars}]{${n + 1},}|${sameLength.join("|")})`;
}

/**
 * The pattern of OData instance and property annotations (`@odata.etag`, `participants@odata.type`).
 * `@odata.type` itself is declared on every object, and Ajv's strict mode rejects a pattern that matches a
 * declared property, so the pattern leaves it out: a name with a prefix before `@odata.`, or one without a
 * prefix whose suffix is not `type`. No lookahead, so that Go's RE2 and every other engine can read it.
 */
export const ODATA_ANNOTATION_PATTERN = `^(?:[A-Za-z0-9_]+@odata\\.[A-Za-z0-9_.]+|@odata\\.${anyRunExcept("A-Za-z0-9_.", "type")})$`;

/** Every OData annotation name, `@odata.type` included: for the closed branches of rule 12, which declare no `@odata.type`. */
export const ANY_ODATA_ANNOTATION_PATTERN = "^[A-Za-z0-9_]*@odata\\.[A-Za-z0-9_.]+$";

/**
 * Strict mode, what TypeScript cannot say: any property named like an OData annotation is allowed, as a
 * string, since Graph may add `@odata.etag` or `@odata.id` to any object. Tolerant mode needs no such
 * rule: it reads no property it does not declare, which keeps its checks to the declared properties alone.
 */
export function allowODataAnnotations(schema: Schema): void {
  schema.patternProperties = { [ODATA_ANNOTATION_PATTERN]: { type: "string" } };
  // Bounds the work each property name costs (Ajv's json-schema-secure meta-schema asks for it).
  schema.propertyNames = { maxLength: MAX_PROPERTY_NAME_LENGTH };
}

export function forbidUndeclaredProperties(schema: Schema): void {
  schema.additionalProperties = false;
}

/**
 * Tolerant mode says in so many words that undeclared properties are allowed. It is JSON Schema's
 * default, but tools that close schemas unless told otherwise (fast-json-stringify drops undeclared
 * properties from a response, linters validating examples reject them) then keep what Graph sent.
 */
export function allowUndeclaredProperties(schema: Schema): void {
  schema.additionalProperties = true;
}

/** Graph's qualified type names are short; a pattern is only run on strings up to this length (json-schema-secure). */
const MAX_TYPE_NAME_LENGTH = 256;

/** The `@odata.type` values (with and without `#`) of a family's names in Graph's metadata. */
export function familyNames(family: Family): string[] {
  // The root first, so that messages and documentation name it before its subtypes.
  const names = readMetadata()
    .families[family].map(({ name }) => name)
    .sort((a, b) => Number(b === `${GRAPH_NAMESPACE}${family}`) - Number(a === `${GRAPH_NAMESPACE}${family}`));
  return [...names.map((name) => `#${name}`), ...names];
}

/** The same names as one portable regular expression, with any other name ending in the family's suffix. */
export function familyPattern(family: Family): string {
  const suffix = FAMILIES[family];
  const others = readMetadata()
    .families[family].map(({ name }) => nameInGraph(name) ?? name)
    .filter((name) => !name.endsWith(suffix))
    .map((name) => name.replace(/\./g, "\\."));
  // Rule 15: a name Graph could give a type starts with a lower-case letter, as every name of the families does.
  return `^#?microsoft\\.graph\\.(?:[a-z][A-Za-z0-9_.]*${suffix}|${others.join("|")})$`;
}

/**
 * Rule 2: an `@odata.type` marked `@odataFamily <root>` names the root or a type derived from it. Strict mode
 * takes the names in Graph's metadata (v1.0 and beta) and nothing else; tolerant mode is forward compatible and
 * also takes any other `microsoft.graph` name ending in the family's suffix, since Graph adds subtypes without
 * notice. The lists come from metadata/graph.json, never from a hand-kept copy.
 */
export function odataTypeFamilies(schema: Schema, mode: Mode): Schema {
  return mapSchema(schema, (node) => {
    if (typeof node.odataFamily !== "string") return node;
    const { odataFamily, anyOf: _anyOf, type: _type, pattern: _pattern, enum: _enum, ...rest } = node;
    const family = odataFamily as Family;
    assert.ok(family in FAMILIES, `@odataFamily ${family}: no such family`);
    return mode === "strict"
      ? { ...rest, type: "string", enum: familyNames(family) }
      : { ...rest, type: "string", maxLength: MAX_TYPE_NAME_LENGTH, pattern: familyPattern(family) };
  }) as Schema;
}

/** The `@odata.type` values of a type: its enum, or its family's names in the metadata. */
function odataTypeNames(target: Schema | undefined): string[] {
  const odataType = (target?.properties as Record<string, Schema> | undefined)?.["@odata.type"];
  if (typeof odataType?.odataFamily === "string") return familyNames(odataType.odataFamily as Family);
  return (odataType?.enum ?? []) as string[];
}

/** `if` the value is an object whose `@odata.type` is one of `names`. */
const labelledAs = (names: string[]): Schema => ({ type: "object", required: ["@odata.type"], properties: { "@odata.type": { enum: names } } });

/**
 * TypeScript cannot say "validate this as a commsOperation when its @odata.type says it is one", so a property
 * marked `@validateAs <Type>` (commsNotification.resourceData: an object or an array) becomes `if` its
 * `@odata.type` names that type or one derived from it in Graph's metadata, `then` that type's schema. Any
 * other resource data passes, since this package does not model it (rule 7).
 */
export function dispatchOnODataType(schema: Schema, definitions: Record<string, Schema>): Schema {
  return mapSchema(schema, (node) => {
    if (typeof node.validateAs !== "string") return node;
    const { validateAs: name, anyOf: _anyOf, ...rest } = node;
    const names = odataTypeNames(definitions[name]);
    assert.ok(names.length > 0, `@validateAs ${name}: no such type with an @odata.type`);
    return {
      ...rest,
      // anyOf rather than a union type, which Ajv's strict mode rejects by default.
      anyOf: [{ type: "object" }, { type: "array" }],
      if: labelledAs(names),
      then: { $ref: `#/definitions/${name}` },
    };
  }) as Schema;
}

/**
 * Rule 8: a commsOperation labelled inviteParticipantsOperation is validated as one. One labelled as another
 * subtype, which this package does not model, keeps commsOperation's own checks and may carry that subtype's
 * properties (`recordingLocation`, `completionReason`, …) in both modes; so strict mode closes the object only
 * when it is a plain commsOperation (no `@odata.type`, or commsOperation's own).
 */
export function dispatchCommsOperation(schema: Schema, definitions: Record<string, Schema>, mode: Mode): Schema {
  const invite = labelledAs(odataTypeNames(definitions.InviteParticipantsOperation));
  const asInvite = { if: invite, then: { $ref: "#/definitions/InviteParticipantsOperation" } };
  if (mode === "tolerant") return { ...schema, ...asInvite };
  const { additionalProperties, patternProperties, propertyNames, ...rest } = schema;
  const own = labelsOf(["commsOperation"]);
  const subtypes = familyNames("commsOperation").filter((name) => !own.includes(name));
  const declared = Object.fromEntries(Object.keys(schema.properties as Schema).map((name) => [name, true]));
  return {
    ...rest,
    propertyNames,
    if: labelledAs(subtypes),
    then: asInvite,
    else: { type: "object", properties: declared, patternProperties, propertyNames, additionalProperties },
  };
}

/**
 * Rule 7: a notification names the changed resource with `resourceUrl` (what Graph's metadata declares), the
 * legacy `resource`, or both. TypeScript cannot require one of two properties of an interface without a union
 * the generator would turn into two schemas, so the rule is added here.
 */
export function requireResource(schema: Schema): Schema {
  // `properties: {name: true}` beside each `required` keeps Ajv's strictRequired satisfied for users who turn it on.
  const named = (name: string) => ({ type: "object", required: [name], properties: { [name]: true } });
  return mark({ ...schema, anyOf: [named("resourceUrl"), named("resource")] }, { rule: "namesResource", names: ["resourceUrl", "resource"] });
}

/**
 * Rule 9: in the invite request, each participant's identity has a member that is an identity with a non-empty
 * string `id` (a user, a phone number, an application, …). The members are read from identitySet's schema:
 * every property it declares that refers to identity (rule 16).
 */
export function invitationNamesSomeone(schema: Schema, definitions: Record<string, Schema>): Schema {
  // Rule 16: the members an unlabelled identity set declares (its own and the deviation table's communications
  // members), not the subtypes' own (`tag`, `conversation`, …), which an unlabelled set does not declare.
  const members = Object.entries((definitions.IdentitySet!.properties ?? {}) as Record<string, Schema>)
    .filter(([, property]) => property.subtypeOf === undefined && JSON.stringify(property).includes('"#/definitions/Identity"'))
    .map(([name]) => name);
  assert.ok(members.length >= 3, "invitationNamesSomeone: identitySet has no identity members");
  const participants = (schema.properties as Record<string, Schema>).participants!;
  const namesSomeone = {
    type: "object",
    properties: {
      identity: mark(
        {
          anyOf: members.map((member) => ({
            type: "object",
            required: [member],
            properties: { [member]: { type: "object", required: ["id"], properties: { id: { type: "string", minLength: 1 } } } },
          })),
        },
        { rule: "namesSomeone", members },
      ),
    },
  };
  return { ...schema, properties: { ...(schema.properties as Schema), participants: { ...participants, items: { allOf: [participants.items, namesSomeone] } } } };
}
