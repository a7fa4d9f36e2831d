/**
 * The error code: Ajv standalone code for each mode, which finds and describes the errors of an invalid value
 * (the fast path gives verdicts), with the few named steps over Ajv's output that correctness and size need.
 */
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { isDeepStrictEqual } from "node:util";
import standaloneCode from "ajv/dist/standalone/index.js";
import { TYPES, type TypeName } from "../../src/table.js";
import { createAjv, isObject, mapSchema, SCHEMA_BASE_URL, type Schema, type SchemaOf } from "./schemas.js";

/** Annotations change no verdict, and the code never reads them: its copy of the schemas goes without. */
function withoutAnnotations(node: Schema): Schema {
  const { title: _title, description: _description, deprecated: _deprecated, ...rest } = node;
  // A property may be named like an annotation keyword; only schema nodes lose theirs.
  if (
    isObject(node.properties) ||
    typeof node.type === "string" ||
    Array.isArray(node.type) ||
    node.$ref !== undefined ||
    node.enum !== undefined ||
    node.anyOf !== undefined ||
    node.if !== undefined
  )
    return rest;
  return node;
}

/**
 * The definitions the generated code is compiled from: the shipped ones, each type once, without the
 * annotations the code never reads. Only the error path runs this code (the fast path gives verdicts).
 */
function codeDefinitions(schemas: SchemaOf): Record<TypeName, Schema> {
  return mapSchema(sharedDefinitions(schemas), withoutAnnotations) as Record<TypeName, Schema>;
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
  // inlineRefs: false compiles each referenced type once, as a function, which keeps the code small.
  const ajv = createAjv({ allErrors, messages: false, loopEnum: 16, inlineRefs: false, code: { source: true, esm: true, lines: true } });
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
  return dropSchemaPaths(mergeDuplicateFunctions(appendCalleeErrorsInPlace(code)));
}

/**
 * Each error Ajv builds names its place in the schema (`schemaPath`); the runtime reports errors by their
 * place in the data and never reads it, and the strings were a sixth of the code.
 */
export function dropSchemaPaths(code: string): string {
  const errors = code.match(/,schemaPath:"[^"]*",keyword:"/g)?.length ?? 0;
  let dropped = 0;
  const rewritten = code.replace(/,schemaPath:"[^"]*"/g, () => {
    dropped += 1;
    return "";
  });
  assert.ok(errors > 0, "dropSchemaPaths: no error objects found");
  assert.equal(dropped, errors, `dropSchemaPaths: ${errors} error objects, ${dropped} schemaPath strings dropped`);
  assert.ok(!rewritten.includes("schemaPath"), "dropSchemaPaths: a schemaPath of another form is left");
  return rewritten;
}

/**
 * Ajv compiles a type again for each way it is reached (as an export, as a reference from another type),
 * so identitySet, with its ten inlined identities, came out several times. Functions that are the same but
 * for their own name are merged into the first, which keeps the code to one copy of each type.
 */
export function mergeDuplicateFunctions(code: string): string {
  const FUNCTION = /^function (validate\d+)\(data, [^\n]*\n[\s\S]*?\nreturn errors === 0;\n}$/gm;
  const functions = code.match(/^function validate\d+\(/gm)?.length ?? 0;
  const matched = [...code.matchAll(FUNCTION)].length;
  assert.ok(functions > 0 && matched === functions, `mergeDuplicateFunctions: ${functions} functions, ${matched} of the expected shape`);
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
 * With allErrors, Ajv gathers a called validator's errors with `vErrors = vErrors.concat(callee.errors)`,
 * which copies everything gathered so far on each call: quadratic time over 200,000 invalid participants.
 * Appending in place is linear.
 */
export function appendCalleeErrorsInPlace(code: string): string {
  const concat = /vErrors = vErrors === null \? (\w+)\.errors : vErrors\.concat\(\1\.errors\);/g;
  const rewritten = code.replace(concat, "if (vErrors === null) vErrors = $1.errors; else for (const error of $1.errors) vErrors.push(error);");
  assert.ok(!rewritten.includes(".concat("), "appendCalleeErrorsInPlace: Ajv gathers errors with a concat of another form");
  return rewritten;
}

/**
 * All-errors mode stops gathering once `allErrorsLimit.errors` errors are in hand (the runtime sets it
 * from `maxErrors`), so the work on an invalid value is bounded by what is reported. The check stands at
 * the top of every loop whose length the input decides: array items and an object's keys. Every other
 * loop runs over a schema (enum values) or over a called validator's errors, which are bounded in turn.
 * No such loop lies inside an `anyOf` branch, whose errors Ajv may later discard, so stopping early
 * never leaves half of a composite's errors.
 */
export function stopGatheringAtLimit(code: string): string {
  const ITEMS = /for\(let (i\d+)=0; \1<len\d+; \1\+\+\)\{/g;
  const KEYS = /for\(const key\d+ in data\)\{/g;
  const BOUNDED = [/for\(const v\d+ of schema\d+[\w.[\]"@]*\)\{/g, /for \(const error of validate\d+\.errors\)/g, /for \(i = length; i-- !== 0;\)/g];
  const loops = [...code.matchAll(/\bfor ?\(/g)].length;
  const bounded = BOUNDED.reduce((sum, pattern) => sum + [...code.matchAll(pattern)].length, 0);
  let inserted = 0;
  const rewritten = code
    .replace(ITEMS, (loop) => {
      inserted += 1;
      return `${loop}\nif (errors >= allErrorsLimit.errors) break;`;
    })
    .replace(KEYS, (loop) => {
      inserted += 1;
      return `${loop}\nif (errors >= allErrorsLimit.errors) break;`;
    });
  assert.ok(inserted > 0, "stopGatheringAtLimit: no loop over input found");
  assert.equal(inserted + bounded, loops, `stopGatheringAtLimit: ${loops} loops, ${inserted} over input and ${bounded} bounded; a loop of another form would gather without limit`);
  return rewritten;
}

export const GENERATED_HEADER = "// Generated by scripts/build.ts from types/. Do not edit: run `npm run build:schemas`.\n";

/**
 * Ajv's code embeds a copy of each schema it reads from (`const schema6 = {…}`: enum values, the declared
 * names of a large object). Each copy becomes a reference into one shared `definitions` object holding the
 * schemas the code was compiled from.
 */
function referToDefinitions(code: string, definitions: Record<TypeName, Schema>): string {
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
export function validatorModule(schemas: SchemaOf): string {
  const body = (allErrors: boolean) => {
    const definitions = codeDefinitions(schemas);
    const generated = generateValidatorCode(schemas, allErrors);
    const code = referToDefinitions(allErrors ? stopGatheringAtLimit(generated) : generated, definitions)
      .replace(/^"use strict";/, "")
      .replace(/export const (\w+) = (\w+);/g, "exported.$1 = $2;");
    // JSON.parse of a string literal is faster for V8 than the same data as an object literal.
    return `const definitions = JSON.parse(${JSON.stringify(JSON.stringify(definitions))});\n${code}`;
  };
  return (
    GENERATED_HEADER +
    "let parsed;\n" +
    "/** How many errors all-errors mode gathers before it stops; the runtime sets it for each call. */\n" +
    "export const allErrorsLimit = { errors: Infinity };\n" +
    `export const schemas = () => (parsed ??= JSON.parse(${JSON.stringify(JSON.stringify(schemas))}));\n` +
    // Each variant lives in its own function scope, since Ajv names its functions validate10, schema11, … in both.
    // Built on first use, like the all-errors variant: the fast path gives every verdict, so a service that
    // only sees valid payloads never builds it, and a bundle that uses no validate function leaves it out.
    "let first;\n" +
    `export const firstError = () => (first ??= (function () {\nconst exported = {};\n${body(false)}\nreturn exported;\n})());\n` +
    "let all;\n" +
    `export const allErrors = () => (all ??= (function () {\nconst exported = {};\n${body(true)}\nreturn exported;\n})());\n`
  );
}

/**
 * The generated code is plain JavaScript, bundled by esbuild (scripts/bundle.ts) with these declarations:
 * compiling it with tsc would re-indent it to twice its size, and its size is much of the load time.
 */
export const VALIDATOR_DECLARATIONS = `${GENERATED_HEADER}import type { CompiledValidators, SchemaRecord } from "../table.js";
/** The shipped schemas of this mode, keyed by type name, parsed on first use. */
export declare const schemas: () => SchemaRecord;
/** The precompiled validators that stop at the first error, built on first use. */
export declare const firstError: () => CompiledValidators;
/** The precompiled validators that report every error, built on first use. */
export declare const allErrors: () => CompiledValidators;
/** How many errors all-errors mode gathers before it stops; the runtime sets it for each call. */
export declare const allErrorsLimit: { errors: number };
`;
