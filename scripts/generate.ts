/**
 * Everything derived from the hand-written types in types/, computed in memory.
 *
 * `generateFiles()` returns each generated file as a path (relative to the package root) and its text.
 * scripts/build.ts writes them (or, with --check, compares them); test/drift.test.ts compares them too,
 * so the committed files can never drift from the types.
 */
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { isDeepStrictEqual } from "node:util";
import { Ajv, type Options } from "ajv";
import addFormats from "ajv-formats";
import standaloneCode from "ajv/dist/standalone/index.js";
import * as TJS from "typescript-json-schema";
import { MAX_PROPERTY_NAME_LENGTH, TYPES, type Mode, type TypeName } from "../src/table.js";
import { referenceDocument } from "./docs.js";
import { openApiDocument } from "./openapi.js";

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
export const SCHEMA_BASE_URL = "https://unpkg.com/graph-invite-participants/schemas/";
const DRAFT_07 = "http://json-schema.org/draft-07/schema#";

export type Schema = Record<string, unknown>;
type SchemaOf = Record<TypeName, Schema>;

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

/** The Graph name (`identitySet`) of a definition name (`IdentitySet`), used as the title of object schemas. */
function graphNameOf(definitionName: string): string {
  return definitionName.charAt(0).toLowerCase() + definitionName.slice(1);
}

const isObject = (value: unknown): value is Schema => typeof value === "object" && value !== null && !Array.isArray(value);
const isObjectSchema = (schema: Schema | undefined): boolean => schema?.type === "object";
const definitionName = (ref: string): string => ref.replace(/^#\/definitions\//, "");

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
 * The pattern of OData instance and property annotations (`@odata.etag`, `participants@odata.type`).
 * `@odata.type` itself is declared on every object, and Ajv's strict mode rejects a pattern that matches a
 * declared property, so the lookahead leaves it out.
 */
export const ODATA_ANNOTATION_PATTERN = "^(?!@odata\\.type$)[A-Za-z0-9_]*@odata\\.[A-Za-z0-9_.]+$";

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

/**
 * The shipped schemas say "an identity or null" the usual way, `anyOf: [{$ref}, {type: "null"}]`. Ajv
 * compiles an anyOf branch so that it gathers errors instead of returning at the first, which made the code
 * long and slow; the generated code checks the same rule as `if` object `then` the type `else` null. The
 * tests hold the two forms to the same verdicts, and the runtime reads a failed `else` as "object or null".
 */
function nullableObjectAsCondition(node: Schema): Schema {
  const anyOf = node.anyOf;
  if (!Array.isArray(anyOf) || anyOf.length !== 2 || !isObject(anyOf[1]) || anyOf[1].type !== "null" || !isObject(anyOf[0]) || typeof anyOf[0].$ref !== "string") return node;
  const { anyOf: _anyOf, ...rest } = node;
  return { ...rest, if: { type: "object" }, then: anyOf[0], else: { type: "null" } };
}

/**
 * A type that is another type with a narrower `@odata.type` (communicationsIdentitySet and identitySet)
 * is compiled as that check plus a reference to the other type, instead of a second copy of its code
 * (with ten inlined identities, a fifth of the code).
 */
function referToWiderType(definitions: Record<TypeName, Schema>): Record<TypeName, Schema> {
  const withoutODataType = (schema: Schema) => {
    const { "@odata.type": _odata, ...properties } = schema.properties as Record<string, Schema>;
    const { title: _title, description: _description, properties: _properties, ...rest } = schema;
    return { ...rest, properties };
  };
  const odataTypes = (schema: Schema) => ((schema.properties as Record<string, Schema>)["@odata.type"]?.enum ?? []) as unknown[];
  const result = { ...definitions };
  for (const [name, schema] of Object.entries(definitions) as [TypeName, Schema][]) {
    const wider = (Object.keys(definitions) as TypeName[]).find(
      (other) =>
        other !== name &&
        odataTypes(definitions[other]).length > odataTypes(schema).length &&
        odataTypes(schema).every((value) => odataTypes(definitions[other]).includes(value)) &&
        isDeepStrictEqual(withoutODataType(schema), withoutODataType(definitions[other])),
    );
    if (wider === undefined) continue;
    const odataType = (schema.properties as Record<string, Schema>)["@odata.type"];
    result[name] = { type: "object", properties: { "@odata.type": odataType }, allOf: [{ $ref: `#/definitions/${wider}` }] };
  }
  return result;
}

/** Annotations change no verdict, and the code never reads them: its copy of the schemas goes without. */
function withoutAnnotations(node: Schema): Schema {
  const { title: _title, description: _description, deprecated: _deprecated, ...rest } = node;
  // A property may be named like an annotation keyword; only schema nodes lose theirs.
  if (isObject(node.properties) || typeof node.type === "string" || Array.isArray(node.type) || node.$ref !== undefined || node.enum !== undefined || node.anyOf !== undefined || node.if !== undefined) return rest;
  return node;
}

/** The definitions the generated code is compiled from: the shipped ones, in a form that compiles to less, faster code. */
function codeDefinitions(schemas: SchemaOf): Record<TypeName, Schema> {
  const shared = mapSchema(sharedDefinitions(schemas), nullableObjectAsCondition) as Record<TypeName, Schema>;
  return referToWiderType(mapSchema(shared, withoutAnnotations) as Record<TypeName, Schema>);
}

/** The id under which the generated code shares one compiled function per type; it is not a shipped file. */
const SHARED_ID = `${SCHEMA_BASE_URL}validators.json`;

/**
 * Each type's own schema without its file identity. Every shipped file carries copies of the types it
 * uses; the generated code compiles each type once instead, which makes it several times smaller and
 * quicker to load. Each copy must equal the type's own schema, or sharing would change a verdict.
 */
function sharedDefinitions(schemas: SchemaOf): Record<TypeName, Schema> {
  const own = (schema: Schema): Schema => {
    const { $schema: _schema, $id: _id, definitions: _definitions, ...rest } = schema;
    return rest;
  };
  const definitions = Object.fromEntries(TYPES.map(({ name }) => [name, own(schemas[name])])) as Record<TypeName, Schema>;
  for (const { name } of TYPES) {
    for (const [key, copy] of Object.entries((schemas[name].definitions ?? {}) as Record<string, Schema>)) {
      assert.ok(isDeepStrictEqual(copy, definitions[key as TypeName]), `${name}.definitions.${key} differs from the ${key} schema`);
    }
  }
  return definitions;
}

/**
 * Ajv's standalone code for every type of one mode, as an ES module. Ajv's ESM output still contains
 * `require("ajv/dist/runtime/…")` for its runtime helpers (ajv-validator/ajv#2209); each is replaced by
 * the helper's own source, which keeps the package free of runtime dependencies and of CommonJS.
 */
export function generateValidatorCode(schemas: SchemaOf, allErrors: boolean): string {
  // loopEnum: enums become comparisons, so the code needs no copy of the schema to loop over.
  // Ajv inlines referenced schemas that hold no references themselves (identity into identitySet): larger
  // code, but no function call, argument object and path string per nested object.
  const ajv = createAjv({ allErrors, messages: false, loopEnum: 64, code: { source: true, esm: true, lines: true } });
  ajv.addSchema({ $id: SHARED_ID, definitions: codeDefinitions(schemas) });
  const exports = Object.fromEntries(TYPES.map(({ name }) => [name, `${SHARED_ID}#/definitions/${name}`]));
  let code = standaloneCode.default(ajv, exports);
  const require = createRequire(import.meta.url);
  code = code.replace(/require\("(ajv\/dist\/runtime\/[a-z0-9_]+)"\)\.default/g, (_match, module: string) => {
    const helper = require(module).default as unknown;
    assert.ok(typeof helper === "function", `Ajv runtime helper ${module} is not a function`);
    return `(${helper.toString()})`;
  });
  assert.ok(!/\brequire\(/.test(code), "generated validator code still calls require()");
  return positionalArguments(dropSchemaPaths(mergeDuplicateFunctions(skipNeedlessStringWork(appendCalleeErrorsInPlace(code)))));
}

/**
 * Ajv's functions take their context as an object (`{instancePath, parentData, …}`), built and taken apart
 * on every call: once per participant and per identity. Passing the same values as plain arguments keeps
 * each type a single function without that cost.
 */
function positionalArguments(code: string): string {
  const HEADER = /\((data), \{instancePath="", parentData, parentDataProperty, rootData=data\}=\{\}\)\{/g;
  const CALL = /\b(validate\d+)\(([^,(){}]+(?:\[[^\]]*\])?), \{(instancePath(?::[^,{}]+)?),(parentData(?::[^,{}]+)?),(parentDataProperty(?::[^,{}]+)?),rootData\}\)/g;
  const headers = code.match(HEADER)?.length ?? 0;
  const calls = code.match(/rootData\}\)/g)?.length ?? 0;
  const rewritten = code
    .replace(HEADER, '(data, instancePath="", parentData, parentDataProperty, rootData=data){')
    .replace(CALL, (_call, name: string, data: string, path: string, parent: string, property: string) => {
      const value = (part: string) => part.slice(part.indexOf(":") + 1);
      return `${name}(${data}, ${value(path)}, ${value(parent)}, ${value(property)}, rootData)`;
    });
  assert.ok(headers > 0 && !/rootData\}\)/.test(rewritten), `a call to an Ajv function was not rewritten (${calls} calls)`);
  return rewritten;
}

/**
 * Each error Ajv builds names its place in the schema (`schemaPath`); the runtime reports errors by their
 * place in the data and never reads it, and the strings were a sixth of the code.
 */
function dropSchemaPaths(code: string): string {
  return code.replace(/,schemaPath:"[^"]*"/g, "");
}

/**
 * Ajv compiles a type again for each way it is reached (as an export, as a reference from another type),
 * so identitySet, with its ten inlined identities, came out several times. Functions that are the same but
 * for their own name are merged into the first, which keeps the code to one copy of each type.
 */
function mergeDuplicateFunctions(code: string): string {
  const FUNCTION = /^function (validate\d+)\(data, [^\n]*\n[\s\S]*?\nreturn errors === 0;\n}$/gm;
  for (;;) {
    const seen = new Map<string, string>();
    const duplicates = new Map<string, string>();
    for (const [text, name] of code.matchAll(FUNCTION) as IterableIterator<[string, string]>) {
      const body = text.replace(new RegExp(`\\b${name}\\b`, "g"), "SELF");
      const first = seen.get(body);
      if (first === undefined) seen.set(body, name);
      else duplicates.set(name, first);
    }
    if (duplicates.size === 0) return code;
    code = code.replace(FUNCTION, (text, name: string) => (duplicates.has(name) ? "" : text));
    code = code.replace(/\bvalidate\d+\b/g, (name) => duplicates.get(name) ?? name);
  }
}

/**
 * Two per-key checks of every object dominated a profile of valid payloads, and both can skip the common
 * case without changing a verdict:
 * - a string's length in code points is never more than its length in UTF-16 units, so Ajv's
 *   `ucs2length(s) > N` need not count when `s.length <= N`;
 * - the OData annotation pattern only matches names that contain "@odata.", so most names need no regex.
 */
function skipNeedlessStringWork(code: string): string {
  assert.ok(ODATA_ANNOTATION_PATTERN.includes("@odata\\."), "the annotation prefilter assumes the pattern requires @odata.");
  return code
    .replace(/\b(func\d+)\((\w+)\) > (\d+)/g, "($2.length > $3 && $1($2) > $3)")
    .replace(/\b(pattern\d+)\.test\((\w+)\)/g, '($2.includes("@odata.") && $1.test($2))');
}

/**
 * With allErrors, Ajv gathers a called validator's errors with `vErrors = vErrors.concat(callee.errors)`,
 * which copies everything gathered so far on each call: quadratic time over 200,000 invalid participants.
 * Appending in place is linear.
 */
function appendCalleeErrorsInPlace(code: string): string {
  const concat = /vErrors = vErrors === null \? (\w+)\.errors : vErrors\.concat\(\1\.errors\);/g;
  return code.replace(concat, "if (vErrors === null) vErrors = $1.errors; else for (const error of $1.errors) vErrors.push(error);");
}

const GENERATED_HEADER = "// Generated by scripts/build.ts from types/. Do not edit: run `npm run build:schemas`.\n";

/**
 * Ajv's code embeds a copy of each schema it reads from (`const schema6 = {…}`: enum values, the declared
 * names of a large object). Each copy becomes a reference into one shared `definitions` object holding the
 * schemas the code was compiled from.
 */
function referToDefinitions(code: string, schemas: SchemaOf): string {
  const definitions = codeDefinitions(schemas);
  const expressions = new Map<string, string>([[JSON.stringify({ $id: SHARED_ID, definitions }), "{ definitions }"]]);
  for (const { name } of TYPES) expressions.set(JSON.stringify(definitions[name]), `definitions.${name}`);
  return code.replace(/^const (schema\d+) = (\{.*\});$/gm, (_line, variable: string, literal: string) => {
    const expression = expressions.get(literal);
    assert.ok(expression, `generated code embeds a schema it was not compiled from: ${literal.slice(0, 120)}`);
    return `const ${variable} = ${expression};`;
  });
}

/**
 * The module holding the precompiled validators of one mode and its schemas. The all-errors variant is
 * built on first use: until then V8 only pre-parses it, which keeps importing the package fast.
 */
function validatorModule(schemas: SchemaOf): string {
  const body = (allErrors: boolean) =>
    referToDefinitions(generateValidatorCode(schemas, allErrors), schemas)
      .replace(/^"use strict";/, "")
      .replace(/export const (\w+) = (\w+);/g, "exported.$1 = $2;");
  return (
    GENERATED_HEADER +
    // JSON.parse of a string literal is faster for V8 than the same data as an object literal.
    "let parsed;\n" +
    `export const schemas = () => (parsed ??= JSON.parse(${JSON.stringify(JSON.stringify(schemas))}));\n` +
    `const definitions = JSON.parse(${JSON.stringify(JSON.stringify(codeDefinitions(schemas)))});\n` +
    // Each variant lives in its own function scope, since Ajv names its functions validate10, schema11, … in both.
    `export const firstError = (() => {\nconst exported = {};\n${body(false)}\nreturn exported;\n})();\n` +
    "let all;\n" +
    `export const allErrors = () => (all ??= (function () {\nconst exported = {};\n${body(true)}\nreturn exported;\n})());\n`
  );
}

/**
 * The generated code is plain JavaScript, bundled by esbuild (scripts/bundle.ts) with these declarations:
 * compiling it with tsc would re-indent it to twice its size, and its size is much of the load time.
 */
const VALIDATOR_DECLARATIONS = `${GENERATED_HEADER}import type { CompiledValidators, SchemaRecord } from "../table.js";
/** The shipped schemas of this mode, keyed by type name, parsed on first use. */
export declare const schemas: () => SchemaRecord;
/** The precompiled validators that stop at the first error. */
export declare const firstError: CompiledValidators;
/** The precompiled validators that report every error, built on first use. */
export declare const allErrors: () => CompiledValidators;
`;

const MODE_NOTES: Record<Mode, string> = {
  tolerant: "tolerant mode: undeclared properties are accepted",
  strict: "strict mode: undeclared properties are rejected",
};

/** The public API of one mode: the `validators` record and, for each type, validateT, isT, assertT and parseT. */
function apiModule(mode: Mode): string {
  const names = TYPES.map(({ name }) => name);
  const lines = [
    GENERATED_HEADER.trimEnd(),
    'import { createValidator, type Validator } from "../runtime.js";',
    `import type { ${names.join(", ")} } from "../../types/index.js";`,
    `import { allErrors, firstError, schemas } from "./${mode}-code.js";`,
    "",
    `/** Every validator (${MODE_NOTES[mode]}), keyed by type name. */`,
    "export const validators: {",
    ...names.map((name) => `  readonly ${name}: Validator<${name}>;`),
    "} = {",
    ...names.map((name) => `  ${name}: createValidator<${name}>("${name}", "${mode}", () => schemas().${name}, firstError.${name}, () => allErrors().${name}),`),
    "};",
  ];
  for (const { name, graphName } of TYPES) {
    lines.push(
      "",
      `/** Validates ${/^[aeiou]/.test(graphName) ? "an" : "a"} ${graphName} (${MODE_NOTES[mode]}); never throws. */`,
      `export const validate${name} = validators.${name}.validate;`,
      `/** True when the value is a valid ${graphName} (${mode} mode). */`,
      `export const is${name}: (value: unknown) => value is ${name} = validators.${name}.is;`,
      `/** Throws a ValidationError unless the value is a valid ${graphName} (${mode} mode). */`,
      `export const assert${name}: (value: unknown) => asserts value is ${name} = validators.${name}.assert;`,
      `/** Parses JSON text as a ${graphName} (${mode} mode); throws a ValidationError, with line and column for bad JSON. */`,
      `export const parse${name}: (text: string | Uint8Array) => ${name} = validators.${name}.parse;`,
    );
  }
  return `${lines.join("\n")}\n`;
}

/** Generated JSON is 2-space indented with a trailing newline, so diffs of the committed files stay readable. */
export const formatJson = (value: unknown): string => `${JSON.stringify(value, null, 2)}\n`;

/** Every generated file: relative path → content. */
export function generateFiles(): Map<string, string> {
  const schemas = generateSchemas();
  const files = new Map<string, string>();
  for (const mode of ["tolerant", "strict"] as const) {
    for (const { name, graphName } of TYPES) files.set(schemaPath(graphName, mode), formatJson(schemas[mode][name]));
    files.set(`src/generated/${mode}-code.js`, validatorModule(schemas[mode]));
    files.set(`src/generated/${mode}-code.d.ts`, VALIDATOR_DECLARATIONS);
    files.set(`src/generated/${mode}.ts`, apiModule(mode));
  }
  files.set("schemas/openapi.json", formatJson(openApiDocument(schemas.tolerant)));
  files.set("docs/reference.md", referenceDocument(schemas.tolerant));
  return files;
}
