/**
 * The JSON Schemas: typescript-json-schema over types/, then the named post-processing steps for what
 * TypeScript cannot say, giving one self-contained draft-07 schema per type and mode.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { Ajv, type Options } from "ajv";
import addFormats from "ajv-formats";
import stringify from "json-stringify-pretty-compact";
import * as TJS from "typescript-json-schema";
import { MAX_PROPERTY_NAME_LENGTH, TYPES, type Mode, type TypeName } from "../../src/validators/table.js";
import { FAMILIES, type Family, type MetadataProperty, readMetadata, SUBTYPE_FAMILIES } from "../graph-metadata.js";
import { ROOT } from "../root.js";
import { carry, mark } from "./rules.js";
import { GRAPH_NAMESPACE, labelsOf, nameInGraph } from "../../src/validators/graph-names.js";

export { ROOT };

/** The package's version: the schema files' `$id`s name it, so that each resolves to the files of that release. */
export const PACKAGE_VERSION = (JSON.parse(readFileSync(resolve(ROOT, "package.json"), "utf8")) as { version: string }).version;

/** Where a release's files are served once published (unpkg serves every file of every npm release). */
const RELEASE_URL = `https://unpkg.com/graph-invite-participants@${PACKAGE_VERSION}/`;

const SCHEMA_BASE_URL = `${RELEASE_URL}schemas/`;
const DRAFT_07 = "http://json-schema.org/draft-07/schema#";

export type Schema = Record<string, unknown>;
export type SchemaOf = Record<TypeName, Schema>;

/** Where each mode's schema file lives, relative to the package root. */
export function schemaPath(graphName: string, mode: Mode): string {
  return mode === "strict" ? `schemas/strict/${graphName}.schema.json` : `schemas/${graphName}.schema.json`;
}

function schemaId(graphName: string, mode: Mode): string {
  return SCHEMA_BASE_URL + schemaPath(graphName, mode).slice("schemas/".length);
}

/**
 * Runs typescript-json-schema once over types/index.ts and returns each exported type's raw schema
 * (with `definitions` and `$ref`s), keyed by its TypeScript name.
 */
function generateRawSchemas(): { raw: SchemaOf; definitions: Record<string, Schema> } {
  // strictNullChecks: without it the generator silently drops `| null` from every property.
  const program = TJS.getProgramFromFiles([resolve(ROOT, "types/index.ts")], { strict: true, strictNullChecks: true }, ROOT);
  const generator = TJS.buildGenerator(program, {
    required: true,
    ref: true,
    aliasRef: false,
    titles: false,
    ignoreErrors: false,
    validationKeywords: ["validateAs", "odataFamily", "subtypeOf"],
  });
  assert.ok(generator, "typescript-json-schema could not build a generator: the types in types/ do not compile");
  const raw = {} as SchemaOf;
  const definitions: Record<string, Schema> = {};
  for (const { name } of TYPES) {
    const schema = generator.getSchemaForSymbol(name, true, true) as Schema;
    const { definitions: defs = {}, $schema: _schema, ...rest } = schema as { definitions?: Record<string, Schema>; $schema?: string };
    raw[name] = rest;
    Object.assign(definitions, defs);
  }
  for (const { name } of TYPES) definitions[name] ??= raw[name];
  return { raw, definitions };
}

/** The Graph name (`identitySet`) of a type's TypeScript name (`IdentitySet`). */
export function graphNameOf(definitionName: string): string {
  return definitionName.charAt(0).toLowerCase() + definitionName.slice(1);
}

export const isObject = (value: unknown): value is Schema => typeof value === "object" && value !== null && !Array.isArray(value);
const isObjectSchema = (schema: Schema | undefined): boolean => schema?.type === "object";
export const definitionName = (ref: string): string => ref.replace(/^#\/definitions\//, "");

/** Applies `transform` to every schema node of a tree, children first. */
function mapSchema(node: unknown, transform: (schema: Schema) => Schema): unknown {
  if (Array.isArray(node)) return node.map((item) => mapSchema(item, transform));
  if (!isObject(node)) return node;
  return transform(Object.fromEntries(Object.entries(node).map(([key, value]) => [key, mapSchema(value, transform)])));
}

/**
 * Replaces each `$ref` to a non-object definition (the OperationStatus and EndpointType enums) with the
 * definition itself: an enum reads better in place, and only object types are worth a definition.
 */
function inlineEnumDefinitions(schema: Schema, definitions: Record<string, Schema>): Schema {
  return mapSchema(schema, (node) => {
    if (typeof node.$ref !== "string") return node;
    const target = definitions[definitionName(node.$ref)];
    assert.ok(target, `unresolved $ref ${node.$ref}`);
    if (isObjectSchema(target)) return node;
    const { $ref: _ref, ...siblings } = node;
    return { ...target, ...siblings };
  }) as Schema;
}

/**
 * typescript-json-schema writes `E | null` for an enum E as `anyOf: [E, {type: "null"}]`. That anyOf makes
 * Ajv report each branch's failure, so it is folded into the enum itself (`type: ["string", "null"]`, with
 * null among the values). Nullable objects keep their anyOf: folding them would copy the definition into
 * every place it is used; the runtime turns their errors into one message.
 */
function foldNullableEnums(schema: Schema): Schema {
  return mapSchema(schema, (node) => {
    const anyOf = node.anyOf;
    if (!Array.isArray(anyOf) || anyOf.length !== 2 || !isObject(anyOf[1]) || anyOf[1].type !== "null") return node;
    const inner = anyOf[0] as Schema;
    if (!Array.isArray(inner.enum)) return node;
    const { anyOf: _anyOf, ...outer } = node;
    // null first: it is the common value in Graph's responses, and the generated code tries values in order.
    return { ...outer, type: [inner.type, "null"], enum: [null, ...inner.enum] };
  }) as Schema;
}

/**
 * A nullable object (`anyOf: [{ $ref }, { type: "null" }]`, as typescript-json-schema writes `T | null`) tries null
 * first: null is the common value of Graph's members (`application`, `device` and `phone` of most identity sets), and
 * a tool that tries the branches in order then stops at once, where the `$ref` fails first (Python's fastjsonschema
 * raises an exception carrying the definition for each such failure).
 */
function nullFirst(schema: Schema): Schema {
  return mapSchema(schema, (node) => {
    const anyOf = node.anyOf;
    if (!Array.isArray(anyOf) || anyOf.length !== 2 || !isObject(anyOf[1]) || JSON.stringify(anyOf[1]) !== '{"type":"null"}') return node;
    return { ...node, anyOf: [anyOf[1], anyOf[0]] };
  }) as Schema;
}

/**
 * typescript-json-schema sorts enum values by code unit, which puts `Completed` before `completed`. Graph's
 * documentation and notifications use the camelCase spelling, so values that start in lower case come first
 * (in error messages too); the order means nothing to validation.
 */
function camelCaseFirst(schema: Schema): Schema {
  const upper = (value: unknown) => (typeof value === "string" && /^[A-Z]/.test(value) ? 1 : 0);
  return mapSchema(schema, (node) => (Array.isArray(node.enum) ? { ...node, enum: [...node.enum].sort((a, b) => upper(a) - upper(b)) } : node)) as Schema;
}

/** The names of the definitions a schema refers to, directly or through other definitions, sorted. */
function reachableDefinitions(schema: Schema, definitions: Record<string, Schema>): string[] {
  const found = new Set<string>();
  const visit = (node: unknown): void => {
    mapSchema(node, (child) => {
      const name = typeof child.$ref === "string" ? definitionName(child.$ref) : undefined;
      if (name !== undefined && !found.has(name)) {
        found.add(name);
        visit(definitions[name]);
      }
      return child;
    });
  };
  visit(schema);
  return [...found].sort();
}

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
function allowODataAnnotations(schema: Schema): void {
  schema.patternProperties = { [ODATA_ANNOTATION_PATTERN]: { type: "string" } };
  // Bounds the work each property name costs (Ajv's json-schema-secure meta-schema asks for it).
  schema.propertyNames = { maxLength: MAX_PROPERTY_NAME_LENGTH };
}

function forbidUndeclaredProperties(schema: Schema): void {
  schema.additionalProperties = false;
}

/**
 * Tolerant mode says in so many words that undeclared properties are allowed. It is JSON Schema's
 * default, but tools that close schemas unless told otherwise (fast-json-stringify drops undeclared
 * properties from a response, linters validating examples reject them) then keep what Graph sent.
 */
function allowUndeclaredProperties(schema: Schema): void {
  schema.additionalProperties = true;
}

/** Puts the identifying keywords first and gives the file its stable absolute `$id`. */
function identify(schema: Schema, graphName: string, mode: Mode): Schema {
  return carry(schema, { $schema: DRAFT_07, $id: schemaId(graphName, mode), title: graphName, ...schema });
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
function odataTypeFamilies(schema: Schema, mode: Mode): Schema {
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
function dispatchOnODataType(schema: Schema, definitions: Record<string, Schema>): Schema {
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
function dispatchCommsOperation(schema: Schema, definitions: Record<string, Schema>, mode: Mode): Schema {
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
function requireResource(schema: Schema): Schema {
  // `properties: {name: true}` beside each `required` keeps Ajv's strictRequired satisfied for users who turn it on.
  const named = (name: string) => ({ type: "object", required: [name], properties: { [name]: true } });
  return mark({ ...schema, anyOf: [named("resourceUrl"), named("resource")] }, { rule: "namesResource", names: ["resourceUrl", "resource"] });
}

/**
 * Rule 9: in the invite request, each participant's identity has a member that is an identity with a non-empty
 * string `id` (a user, a phone number, an application, …). The members are read from identitySet's schema:
 * every property it declares that refers to identity (rule 16).
 */
function invitationNamesSomeone(schema: Schema, definitions: Record<string, Schema>): Schema {
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

/**
 * Rule 12's subtype properties are members of identity and identitySet in TypeScript (`@subtypeOf`), and no
 * member of the base type's schema: `dispatchSubtypes` checks each on the subtypes that declare it.
 */
function withoutSubtypeProperties(schema: Schema): Schema {
  return mapSchema(schema, (node) => {
    if (!isObject(node.properties)) return node;
    const properties = Object.entries(node.properties as Record<string, Schema>).filter(([, property]) => !isObject(property) || property.subtypeOf === undefined);
    return { ...node, properties: Object.fromEntries(properties) };
  }) as Schema;
}

/** The definition of each family's root, which a member declared as the root refers to. */
const ROOT_DEFINITIONS: Record<(typeof SUBTYPE_FAMILIES)[number], string> = { identity: "Identity", identitySet: "IdentitySet" };

/** Rule 14: the definition of a member type that is a subtype (`teamworkConversationIdentity` → `TeamworkConversationIdentity`). */
const declaredDefinition = (graphType: string): string => {
  assert.match(graphType, /^[a-z][A-Za-z0-9]*$/, `rule 14: a declared member type in a namespace (${graphType}) needs a definition name`);
  return graphType.charAt(0).toUpperCase() + graphType.slice(1);
};

/** The family a member's declared type belongs to, if it is one of rule 12's. */
function familyOf(graphType: string): (typeof SUBTYPE_FAMILIES)[number] | undefined {
  const { families } = readMetadata();
  return SUBTYPE_FAMILIES.find((family) => families[family].some(({ name }) => name === `${GRAPH_NAMESPACE}${graphType}`));
}

/** A subtype property's schema, from the metadata: its JSON type and nullability, an enum's members, or an identity of its declared type. */
function subtypePropertySchema(subtype: string, property: MetadataProperty): Schema {
  const metadata = readMetadata();
  const edm: Record<string, string> = { "Edm.String": "string", "Edm.Boolean": "boolean", "Edm.Int32": "integer" };
  assert.ok(!property.collection, `${subtype}: collection properties are not modelled`);
  // The title names the subtype in the message of a wrong value ("…, as teamworkUserIdentity declares it").
  const titled = (schema: Schema) => ({ title: subtype, ...schema });
  if (edm[property.type] !== undefined) return titled({ type: property.nullable ? [edm[property.type], "null"] : edm[property.type] });
  const members = metadata.enums[property.type];
  if (members !== undefined) {
    const values = [...new Set(Object.values(members).flat())];
    return titled(property.nullable ? { type: ["string", "null"], enum: [null, ...values] } : { type: "string", enum: values });
  }
  const family = familyOf(property.type);
  if (family !== undefined) {
    // Rule 14: a member declared as a subtype (`conversation`, a teamworkConversationIdentity) has that type's rules.
    const $ref = `#/definitions/${property.type === family ? ROOT_DEFINITIONS[family] : declaredDefinition(property.type)}`;
    return titled(property.nullable ? { anyOf: [{ type: "null" }, { $ref }] } : { allOf: [{ $ref }] });
  }
  // A complex type the package does not model (provisionedIdentity.details): any object.
  return titled({ type: property.nullable ? ["object", "null"] : "object" });
}

/** Rule 14: the subtypes some subtype's member is declared as (`teamworkConversationIdentity`, `sharePointIdentity`, …), sorted. */
function declaredMemberTypes(): string[] {
  const { subtypes } = readMetadata();
  const types = Object.values(subtypes).flatMap(({ properties }) =>
    Object.values(properties)
      .map(({ type }) => type)
      .filter((type) => familyOf(type) !== undefined && !(SUBTYPE_FAMILIES as readonly string[]).includes(type)),
  );
  return [...new Set(types)].sort();
}

/**
 * Rule 14: a member declared as a subtype is checked as that subtype with or without a label: the properties the
 * metadata declares for it (its root's and its own; the deviation table's extras are a plain identity's), which
 * strict mode accepts exactly. Its label names the type (strict mode), or, in tolerant mode, any name of the
 * family, checked as the declared type. No type derives from a declared member type in the metadata; the build fails when one does, so
 * that its dispatch is written then.
 */
function declaredTypeSchema(type: string, finished: Record<string, Schema>, mode: Mode): Schema {
  const metadata = readMetadata();
  const { family, properties } = metadata.subtypes[type]!;
  const root = finished[ROOT_DEFINITIONS[family]]!;
  const derived = Object.entries(metadata.subtypes)
    .filter(([, subtype]) => subtype.baseType === type)
    .map(([name]) => name);
  assert.deepEqual(derived, [], `rule 14: ${type} has subtypes of its own (${derived.join(", ")}); write their dispatch in scripts/generate/schemas.ts`);
  const rootProperties = root.properties as Record<string, Schema>;
  const own = Object.fromEntries(
    Object.entries(properties).map(([name, property]) => [
      name,
      { description: `Declared by ${type} (Graph's metadata, ${property.versions.join(" and ")}).`, ...subtypePropertySchema(type, property) },
    ]),
  );
  const description = `A member Graph's metadata declares as a ${type}: checked as one with or without \`@odata.type\` (rule 14).`;
  const declared = Object.keys(metadata.types[family]!.properties).map((name) => [name, rootProperties[name]!] as const);
  if (mode === "tolerant")
    return {
      title: type,
      description,
      type: "object",
      properties: { "@odata.type": rootProperties["@odata.type"], ...Object.fromEntries(declared), ...own },
      additionalProperties: true,
    };
  const { enum: _names, description: _description, ...label } = rootProperties["@odata.type"]!;
  const schema: Schema = {
    title: type,
    description,
    type: "object",
    properties: {
      "@odata.type": {
        description: `The OData type of the object: ${type}, with or without the leading \`#\`.`,
        ...label,
        enum: labelsOf([type]),
      },
      ...Object.fromEntries(declared),
      ...own,
    },
  };
  allowODataAnnotations(schema);
  forbidUndeclaredProperties(schema);
  return schema;
}

/**
 * Rule 12: an identity or identity set whose `@odata.type` names a subtype is checked against that subtype's
 * properties (its root's and its own, from the metadata); strict mode accepts exactly those. Without
 * `@odata.type`, naming the root, or naming a later type the metadata does not know, it is checked as the root
 * (with the deviation table's extras). Subtypes that add the same properties share a branch; the first `if`
 * asks whether the value names a subtype at all, so a plain value costs one test.
 */
function dispatchSubtypes(schema: Schema, root: (typeof SUBTYPE_FAMILIES)[number], mode: Mode): { schema: Schema; table: Schema } {
  const metadata = readMetadata();
  const rootNames = Object.keys(metadata.types[root]!.properties);
  const groups = new Map<string, { subtypes: string[]; properties: Record<string, MetadataProperty> }>();
  for (const [subtype, { family, properties }] of Object.entries(metadata.subtypes)) {
    if (family !== root) continue;
    if (mode === "tolerant" && Object.keys(properties).length === 0) continue;
    const key = JSON.stringify(properties);
    const group = groups.get(key) ?? { subtypes: [], properties };
    group.subtypes.push(subtype);
    groups.set(key, group);
  }
  const labels = labelsOf;
  const { additionalProperties, patternProperties, propertyNames, ...rest } = schema;
  const branchOf = ({ subtypes, properties }: { subtypes: string[]; properties: Record<string, MetadataProperty> }): Schema => {
    const own = Object.fromEntries(Object.entries(properties).map(([name, property]) => [name, subtypePropertySchema(subtypes.join(" or "), property)]));
    if (mode === "tolerant") return { properties: own };
    const declared = { ...Object.fromEntries(rootNames.map((name) => [name, true])), ...own };
    // `@odata.type` (checked by the root's properties) is one of the annotations here: the short pattern of
    // every annotation keeps the branches small, and no declared property matches it.
    const annotations = { [ANY_ODATA_ANNOTATION_PATTERN]: { type: "string" } };
    return {
      title: subtypes.length === 1 ? subtypes[0] : `${root} (${subtypes.join(", ")})`,
      type: "object",
      properties: declared,
      patternProperties: annotations,
      propertyNames,
      additionalProperties,
    };
  };
  const all = [...groups.values()];
  // One branch per group, side by side (a nested if/else chain would indent the files ever deeper), each asking
  // for its own names; they are asked only of a value that names a type other than the root: a plain value, or
  // one labelled as the root, costs one test or two.
  const branches = all.map((group) => ({ if: { properties: { "@odata.type": { enum: labels(group.subtypes) } } }, then: branchOf(group) }));
  // A plain value, or one labelled as the root, passes the condition (it does not require a label): the common
  // values meet no failing `if`, which costs tools that evaluate one by raising an exception (fastjsonschema).
  const plainOrRoot = { properties: { "@odata.type": { enum: labels([root]) } } };
  // The table of subtypes is a definition of its own, referred to: it stands once in each file, and a tool that
  // inlines a definition with no `$ref` in it at every use (Ajv's defaults) compiles the root's checks once,
  // not once for each member of an identity set.
  const table = { $ref: `#/definitions/${subtypesDefinition(root)}` };
  const dispatch = { rule: "dispatch", family: root, labels: labels([root]) } as const;
  const written = mark(tableOf(root, branches), { rule: "subtypes", family: root, groups: all.map((group) => group.subtypes) });
  if (mode === "tolerant") return { schema: mark({ ...schema, if: plainOrRoot, else: table }, dispatch), table: written };
  const declared = Object.fromEntries(Object.keys(schema.properties as Schema).map((name) => [name, true]));
  const closed = { title: root, type: "object", properties: declared, patternProperties, propertyNames, additionalProperties };
  return { schema: mark({ ...rest, propertyNames, if: plainOrRoot, then: closed, else: table }, dispatch), table: written };
}

/** Rule 12's table of a family's subtypes, as the definition that holds it (no title: it is not one of Graph's types). */
function tableOf(root: (typeof SUBTYPE_FAMILIES)[number], branches: Schema[]): Schema {
  const description = `An ${root} whose \`@odata.type\` names one of its subtypes in Graph's metadata is checked against that subtype's properties (one branch for each group of subtypes that add the same properties).`;
  return { description, type: "object", allOf: branches };
}

/** The definition that holds rule 12's table of a family's subtypes (`IdentitySubtypes`). */
export function subtypesDefinition(root: (typeof SUBTYPE_FAMILIES)[number]): string {
  return `${root.charAt(0).toUpperCase()}${root.slice(1)}Subtypes`;
}

/**
 * The shipped schema of one type in one mode: the type's own schema plus, under `definitions`, every
 * object type it refers to, so that the file is complete alone.
 */
function finishSchema(name: TypeName, definitions: Record<string, Schema>, mode: Mode): Schema {
  const tables: Record<string, Schema> = {};
  const prepare = (schema: Schema): Schema =>
    camelCaseFirst(nullFirst(foldNullableEnums(odataTypeFamilies(dispatchOnODataType(inlineEnumDefinitions(withoutSubtypeProperties(schema), definitions), definitions), mode))));
  const finishObject = (typeName: string): Schema => {
    let finished = prepare(definitions[typeName]!);
    if (mode === "strict") {
      allowODataAnnotations(finished);
      forbidUndeclaredProperties(finished);
    } else {
      allowUndeclaredProperties(finished);
    }
    if (typeName === "CommsOperation") finished = dispatchCommsOperation(finished, definitions, mode);
    const family = SUBTYPE_FAMILIES.find((root) => graphNameOf(typeName) === root);
    if (family !== undefined) {
      const dispatched = dispatchSubtypes(finished, family, mode);
      tables[subtypesDefinition(family)] = dispatched.table;
      finished = dispatched.schema;
    }
    if (typeName === "CommsNotification") finished = requireResource(finished);
    if (typeName === "InviteParticipantsRequest") finished = invitationNamesSomeone(finished, definitions);
    return finished;
  };
  const root = finishObject(name);
  const finished = Object.fromEntries(
    Object.keys(definitions)
      .filter((key) => isObjectSchema(definitions[key]))
      .map((key) => [key, finishObject(key)]),
  );
  Object.assign(finished, tables);
  for (const type of declaredMemberTypes()) finished[declaredDefinition(type)] = declaredTypeSchema(type, finished, mode);
  const used = reachableDefinitions(root, finished).filter((key) => key !== name || JSON.stringify(root).includes(`"#/definitions/${name}"`));
  if (used.length > 0) {
    root.definitions = Object.fromEntries(used.map((key) => [key, key in tables ? finished[key]! : carry(finished[key]!, { title: graphNameOf(key), ...finished[key]! })]));
  }
  return identify(root, TYPES.find((type) => type.name === name)!.graphName, mode);
}

/**
 * Rule 10: every regular expression in a shipped file uses only what ECMA-262, RE2 (Go), Python's `re` and
 * Perl agree on. Lookaround, backreferences, named groups, possessive or lazy-only tricks and Unicode
 * property escapes are what one of them lacks; the build fails naming the pattern.
 */
function assertPortablePatterns(schema: unknown): void {
  const NOT_PORTABLE = /\(\?[=!<]|\(\?P?<|\\[1-9]|\\k<|\\[pP]\{|[*+?}]\+|\\[AZzGbB]/;
  mapSchema(schema, (node) => {
    const patterns = [...(typeof node.pattern === "string" ? [node.pattern] : []), ...Object.keys(isObject(node.patternProperties) ? node.patternProperties : {})];
    for (const pattern of patterns) assert.ok(!NOT_PORTABLE.test(pattern), `pattern ${pattern} uses a feature that not every JSON Schema implementation has (rule 10)`);
    return node;
  });
}

export function generateSchemas(): Record<Mode, SchemaOf> {
  const { definitions } = generateRawSchemas();
  const result = { tolerant: {} as SchemaOf, strict: {} as SchemaOf };
  for (const mode of ["tolerant", "strict"] as const) {
    for (const { name } of TYPES) {
      result[mode][name] = finishSchema(name, definitions, mode);
      assertPortablePatterns(result[mode][name]);
    }
  }
  compileEverySchema(result);
  return result;
}

/**
 * Every schema compiled by Ajv in strict mode, as a user of the files would compile them: a schema Ajv refuses
 * (an unknown keyword, a type it cannot satisfy, a strict-mode mistake) fails the build, naming the file.
 */
function compileEverySchema(schemas: Record<Mode, SchemaOf>): void {
  // Each definition compiled once rather than inlined at each `$ref` (Ajv's `inlineRefs: false`): strict mode refuses
  // the same schemas either way, in a tenth of the time.
  const ajv = createAjv({ inlineRefs: false });
  for (const mode of ["tolerant", "strict"] as const) for (const { name } of TYPES) ajv.addSchema(schemas[mode][name]);
  for (const mode of ["tolerant", "strict"] as const) {
    for (const { name, graphName } of TYPES) {
      try {
        ajv.getSchema(schemas[mode][name].$id as string);
      } catch (error) {
        throw new Error(`Ajv (strict mode) refuses ${schemaPath(graphName, mode)}: ${(error as Error).message}`);
      }
    }
  }
}

/** An Ajv instance in strict mode, so that a schema mistake (unknown keyword, bad type) fails the build. */
export function createAjv(options: Options = {}): Ajv {
  const ajv = new Ajv({ strict: true, ...options });
  addFormats.default(ajv);
  return ajv;
}

/**
 * Generated JSON is indented by 2 spaces, with each array or object that fits in 120 characters on one line
 * (`"type": ["string", "null"]`): readable, and diffs of the committed files stay small, at a third less than
 * one value per line.
 */
export const formatJson = (value: unknown): string => `${stringify(value, { maxLength: 120 })}\n`;
