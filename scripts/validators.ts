/**
 * The precompiled validators: Ajv standalone code for each mode, made smaller and faster by named steps
 * (the tests hold it to the same verdicts as Ajv compiling the shipped schema files), and the generated
 * public API that binds it to the runtime.
 */
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { isDeepStrictEqual } from "node:util";
import standaloneCode from "ajv/dist/standalone/index.js";
import { TYPES, type Mode, type TypeName } from "../src/table.js";
import { createAjv, definitionName, isObject, mapSchema, ODATA_ANNOTATION_PATTERN, SCHEMA_BASE_URL, type Schema, type SchemaOf } from "./schemas.js";

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
        odataTypes(schema).length > 0 &&
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
 * Array items that refer to a type (participants) get a copy of it in place, and so do the item's own
 * references (its identitySet): Ajv compiles a referenced type as a function, and two calls per
 * participant, each building the path string it would need for an error, were most of what was left on
 * large payloads. It doubles the code of the type it is used on, so only inviteParticipantsOperation (what
 * services receive, alone or in notifications) gets it, and only in the first-error code.
 */
function itemsInPlace(definitions: Record<TypeName, Schema>) {
  // What is put in place has its own references put in place too (an identitySet's identities).
  const inPlace = (schema: Schema): Schema =>
    typeof schema.$ref === "string" && Object.keys(schema).length === 1 ? (mapSchema(definitions[definitionName(schema.$ref) as TypeName], inPlace) as Schema) : schema;
  return (node: Schema): Schema => {
    const items = node.items;
    if (node.type !== "array" || !isObject(items) || typeof items.$ref !== "string") return node;
    const item = inPlace(items);
    return { ...node, items: { ...item, properties: mapSchema(item.properties, inPlace) } };
  };
}

/** The definitions the generated code is compiled from: the shipped ones, in a form that compiles to less, faster code. */
function codeDefinitions(schemas: SchemaOf, allErrors: boolean): Record<TypeName, Schema> {
  const shared = mapSchema(sharedDefinitions(schemas), nullableObjectAsCondition) as Record<TypeName, Schema>;
  const narrowed = referToWiderType(mapSchema(shared, withoutAnnotations) as Record<TypeName, Schema>);
  if (allErrors) return narrowed;
  return { ...narrowed, InviteParticipantsOperation: mapSchema(narrowed.InviteParticipantsOperation, itemsInPlace(narrowed)) as Schema };
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
  // inlineRefs: false compiles each referenced type once, as a function; the hot path gets its types in
  // place instead (itemsInPlace), so the rest of the code stays small.
  const ajv = createAjv({ allErrors, messages: false, loopEnum: 16, inlineRefs: false, code: { source: true, esm: true, lines: true } });
  ajv.addSchema({ $id: SHARED_ID, definitions: codeDefinitions(schemas, allErrors) });
  const exports = Object.fromEntries(TYPES.map(({ name }) => [name, `${SHARED_ID}#/definitions/${name}`]));
  let code = standaloneCode.default(ajv, exports);
  const require = createRequire(import.meta.url);
  code = code.replace(/require\("(ajv\/dist\/runtime\/[a-z0-9_]+)"\)\.default/g, (_match, module: string) => {
    const helper = require(module).default as unknown;
    assert.ok(typeof helper === "function", `Ajv runtime helper ${module} is not a function`);
    return `(${helper.toString()})`;
  });
  assert.ok(!/\brequire\(/.test(code), "generated validator code still calls require()");
  return hoistSchemaPaths(positionalArguments(dropSchemaPaths(mergeDuplicateFunctions(skipNeedlessStringWork(appendCalleeErrorsInPlace(code))))));
}

/**
 * Code compiled from a type put in place reads its schema through long paths
 * (`schema31.properties.participants.items.properties.identity…properties`), and strict mode does so for
 * every property name of every object. Each such path is read once, into a constant beside its schema's.
 */
function hoistSchemaPaths(code: string): string {
  const hoisted = new Map<string, { name: string; base: string }>();
  const CHAIN = /\b(schema\d+)((?:\.[A-Za-z_$][\w$]*|\["[^"\]]*"\]){2,})/g;
  const rewritten = code.replace(CHAIN, (chain: string, base: string) => {
    if (!hoisted.has(chain)) hoisted.set(chain, { name: `${base}_${hoisted.size}`, base });
    return hoisted.get(chain)!.name;
  });
  return rewritten.replace(/^const (schema\d+) = .*;$/gm, (line, base: string) => {
    const constants = [...hoisted].filter(([, entry]) => entry.base === base).map(([chain, entry]) => `const ${entry.name} = ${chain};`);
    return [line, ...constants].join("\n");
  });
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
 * Each rewrite touches only the variable Ajv bound to that helper or that pattern (other `pattern` keywords
 * keep Ajv's own test), and fails by name when Ajv's output no longer has the shape it expects.
 */
export function skipNeedlessStringWork(code: string): string {
  assert.ok(ODATA_ANNOTATION_PATTERN.includes("@odata\\.") && !ODATA_ANNOTATION_PATTERN.includes("|^"), "the annotation prefilter assumes the pattern requires @odata.");
  const ucs2 = [...code.matchAll(/^const (func\d+) = \(function ucs2length\(/gm)].map((m) => m[1]!);
  const annotation = [...code.matchAll(/^const (pattern\d+) = new RegExp\((".*"), "u"\);$/gm)].filter((m) => JSON.parse(m[2]!) === ODATA_ANNOTATION_PATTERN).map((m) => m[1]!);
  assert.ok(
    ucs2.length <= 1 && annotation.length <= 1,
    `skipNeedlessStringWork: expected at most one ucs2length helper and one annotation pattern, found ${ucs2.length} and ${annotation.length}`,
  );
  let rewritten = code;
  for (const func of ucs2) {
    // minLength's `< N` must count; only maxLength's `> N` can be skipped.
    rewritten = rewritten.replace(new RegExp(`\\b${func}\\((\\w+)\\) > (\\d+)`, "g"), `($1.length > $2 && ${func}($1) > $2)`);
  }
  for (const pattern of annotation) {
    const tests = rewritten.split(`${pattern}.test(`).length - 1;
    let changed = 0;
    rewritten = rewritten.replace(new RegExp(`\\b${pattern}\\.test\\((\\w+)\\)`, "g"), (_test, name: string) => {
      changed += 1;
      return `(${name}.includes("@odata.") && ${pattern}.test(${name}))`;
    });
    assert.equal(changed, tests, `skipNeedlessStringWork: ${tests} tests of the annotation pattern, ${changed} rewritten`);
  }
  return rewritten;
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
  const BOUNDED = [/for\(const v\d+ of schema\d+(?:_\d+)*\)\{/g, /for \(const error of validate\d+\.errors\)/g, /for \(i = length; i-- !== 0;\)/g];
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

const GENERATED_HEADER = "// Generated by scripts/build.ts from types/. Do not edit: run `npm run build:schemas`.\n";

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
    const definitions = codeDefinitions(schemas, allErrors);
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
    `export const firstError = (() => {\nconst exported = {};\n${body(false)}\nreturn exported;\n})();\n` +
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
/** The precompiled validators that stop at the first error. */
export declare const firstError: CompiledValidators;
/** The precompiled validators that report every error, built on first use. */
export declare const allErrors: () => CompiledValidators;
/** How many errors all-errors mode gathers before it stops; the runtime sets it for each call. */
export declare const allErrorsLimit: { errors: number };
`;

const MODE_NOTES: Record<Mode, string> = {
  tolerant: "tolerant mode: undeclared properties are accepted",
  strict: "strict mode: undeclared properties are rejected",
};

/** The public API of one mode: the `validators` record and, for each type, validateT, isT, assertT and parseT. */
export function apiModule(mode: Mode): string {
  const names = TYPES.map(({ name }) => name);
  const lines = [
    GENERATED_HEADER.trimEnd(),
    'import { createValidator, type Validator } from "../runtime.js";',
    `import type { ${names.join(", ")} } from "../../types/index.js";`,
    `import { allErrors, allErrorsLimit, firstError, schemas } from "./${mode}-code.js";`,
    `import { fast } from "./${mode}-fast.js";`,
    "",
    `/** Every validator (${MODE_NOTES[mode]}), keyed by type name. */`,
    "export const validators: {",
    ...names.map((name) => `  readonly ${name}: Validator<${name}>;`),
    "} = {",
    ...names.map(
      (name) => `  ${name}: createValidator<${name}>("${name}", "${mode}", () => schemas().${name}, fast.${name}, firstError.${name}, () => allErrors().${name}, allErrorsLimit),`,
    ),
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
      `/** Returns the value, typed, when it is a valid ${graphName} (${mode} mode); throws a ValidationError otherwise. */`,
      `export const parse${name}: (value: unknown) => ${name} = validators.${name}.parse;`,
      `/** Parses JSON text (or UTF-8 bytes) as a ${graphName} (${mode} mode); throws a ValidationError, with line and column for bad JSON. */`,
      `export const parseJson${name}: (text: string | Uint8Array) => ${name} = validators.${name}.parseJson;`,
    );
  }
  return `${lines.join("\n")}\n`;
}
