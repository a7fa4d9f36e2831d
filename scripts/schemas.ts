/**
 * The JSON Schemas: typescript-json-schema over types/, then the named post-processing steps for what
 * TypeScript cannot say, giving one self-contained draft-07 schema per type and mode.
 */
import assert from "node:assert/strict";
import { resolve } from "node:path";
import { Ajv, type Options } from "ajv";
import addFormats from "ajv-formats";
import * as TJS from "typescript-json-schema";
import { MAX_PROPERTY_NAME_LENGTH, TYPES, type Mode, type TypeName } from "../src/table.js";
import { ROOT } from "./root.js";

export { ROOT };

export const SCHEMA_BASE_URL = "https://unpkg.com/graph-invite-participants/schemas/";
const DRAFT_07 = "http://json-schema.org/draft-07/schema#";

export type Schema = Record<string, unknown>;
export type SchemaOf = Record<TypeName, Schema>;

/** Where each mode's schema file lives, relative to the package root. */
export function schemaPath(graphName: string, mode: Mode): string {
  return mode === "strict" ? `schemas/strict/${graphName}.schema.json` : `schemas/${graphName}.schema.json`;
}

export function schemaId(graphName: string, mode: Mode): string {
  return SCHEMA_BASE_URL + schemaPath(graphName, mode).slice("schemas/".length);
}

/**
 * Runs typescript-json-schema once over types/index.ts and returns each exported type's raw schema
 * (with `definitions` and `$ref`s), keyed by its TypeScript name.
 */
export function generateRawSchemas(): { raw: SchemaOf; definitions: Record<string, Schema> } {
  // strictNullChecks: without it the generator silently drops `| null` from every property.
  const program = TJS.getProgramFromFiles([resolve(ROOT, "types/index.ts")], { strict: true, strictNullChecks: true }, ROOT);
  const generator = TJS.buildGenerator(program, {
    required: true,
    ref: true,
    aliasRef: false,
    titles: false,
    ignoreErrors: false,
    validationKeywords: ["validateAs"],
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
export function mapSchema(node: unknown, transform: (schema: Schema) => Schema): unknown {
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
export function anyRunExcept(chars: string, word: string): string {
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

/** Puts the identifying keywords first and gives the file its stable absolute `$id`. */
function identify(schema: Schema, graphName: string, mode: Mode): Schema {
  return { $schema: DRAFT_07, $id: schemaId(graphName, mode), title: graphName, ...schema };
}

/**
 * TypeScript cannot say "validate this as an InviteParticipantsOperation when its @odata.type says it is
 * one", so a property marked `@validateAs <Type>` (commsNotification.resourceData: an object or an array)
 * becomes `if` its `@odata.type` names that type (or a subtype), `then` that type's schema. Any other
 * resource data passes, since this package does not model it.
 */
function dispatchOnODataType(schema: Schema, definitions: Record<string, Schema>): Schema {
  return mapSchema(schema, (node) => {
    if (typeof node.validateAs !== "string") return node;
    const { validateAs: name, anyOf: _anyOf, ...rest } = node;
    const target = definitions[name];
    const names = ((target?.properties as Record<string, Schema> | undefined)?.["@odata.type"]?.enum ?? []) as string[];
    assert.ok(names.length > 0, `@validateAs ${name}: no such type with an @odata.type`);
    return {
      ...rest,
      // anyOf rather than a union type, which Ajv's strict mode rejects by default.
      anyOf: [{ type: "object" }, { type: "array" }],
      if: { type: "object", required: ["@odata.type"], properties: { "@odata.type": { enum: names } } },
      then: { $ref: `#/definitions/${name}` },
    };
  }) as Schema;
}

/**
 * The shipped schema of one type in one mode: the type's own schema plus, under `definitions`, every
 * object type it refers to, so that the file is complete alone.
 */
export function finishSchema(raw: Schema, definitions: Record<string, Schema>, graphName: string, mode: Mode): Schema {
  const prepare = (schema: Schema): Schema =>
    camelCaseFirst(foldNullableEnums(dispatchOnODataType(inlineEnumDefinitions(schema, definitions), definitions)));
  const finishObject = (schema: Schema): Schema => {
    const finished = prepare(schema);
    if (mode === "strict") {
      allowODataAnnotations(finished);
      forbidUndeclaredProperties(finished);
    }
    return finished;
  };
  const root = finishObject(raw);
  const prepared = Object.fromEntries(Object.entries(definitions).map(([name, schema]) => [name, prepare(schema)]));
  const used = reachableDefinitions(root, prepared).filter((name) => isObjectSchema(definitions[name]));
  if (used.length > 0) {
    root.definitions = Object.fromEntries(used.map((name) => [name, { title: graphNameOf(name), ...finishObject(definitions[name]!) }]));
  }
  return identify(root, graphName, mode);
}

export function generateSchemas(): Record<Mode, SchemaOf> {
  const { raw, definitions } = generateRawSchemas();
  const result = { tolerant: {} as SchemaOf, strict: {} as SchemaOf };
  for (const mode of ["tolerant", "strict"] as const) {
    for (const { name, graphName } of TYPES) result[mode][name] = finishSchema(raw[name], definitions, graphName, mode);
  }
  return result;
}

/** An Ajv instance in strict mode, so that a schema mistake (unknown keyword, bad type) fails the build. */
export function createAjv(options: Options = {}): Ajv {
  const ajv = new Ajv({ strict: true, ...options });
  addFormats.default(ajv);
  return ajv;
}

/** Generated JSON is 2-space indented with a trailing newline, so diffs of the committed files stay readable. */
export const formatJson = (value: unknown): string => `${JSON.stringify(value, null, 2)}\n`;

