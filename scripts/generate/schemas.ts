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
import { TYPES, type Mode, type TypeName } from "../../src/validators/table.js";
import { SUBTYPE_FAMILIES } from "../graph-metadata.js";
import { ROOT } from "../root.js";
import { carry } from "./rules.js";
import {
  allowODataAnnotations,
  allowUndeclaredProperties,
  dispatchCommsOperation,
  dispatchOnODataType,
  forbidUndeclaredProperties,
  invitationNamesSomeone,
  odataTypeFamilies,
  requireResource,
} from "./schema-rules.js";
import { declaredDefinition, declaredMemberTypes, declaredTypeSchema, dispatchSubtypes, subtypesDefinition, withoutSubtypeProperties } from "./schema-subtypes.js";
import {
  camelCaseFirst,
  foldNullableEnums,
  graphNameOf,
  inlineEnumDefinitions,
  isObject,
  isObjectSchema,
  mapSchema,
  nullFirst,
  reachableDefinitions,
  type Schema,
} from "./schema-tree.js";

export { ROOT };

/** The package's version: the schema files' `$id`s name it, so that each resolves to the files of that release. */
export const PACKAGE_VERSION = (JSON.parse(readFileSync(resolve(ROOT, "package.json"), "utf8")) as { version: string }).version;

/** Where a release's files are served once published (unpkg serves every file of every npm release). */
const RELEASE_URL = `https://unpkg.com/graph-invite-participants@${PACKAGE_VERSION}/`;

const SCHEMA_BASE_URL = `${RELEASE_URL}schemas/`;
const DRAFT_07 = "http://json-schema.org/draft-07/schema#";

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

/** Puts the identifying keywords first and gives the file its stable absolute `$id`. */
function identify(schema: Schema, graphName: string, mode: Mode): Schema {
  return carry(schema, { $schema: DRAFT_07, $id: schemaId(graphName, mode), title: graphName, ...schema });
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
