/**
 * The error code: Ajv standalone code for each mode, which finds and describes the errors of an invalid value
 * (the fast path gives verdicts), with the few named steps over Ajv's output that correctness and size need.
 */
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { isDeepStrictEqual } from "node:util";
import standaloneCode from "ajv/dist/standalone/index.js";
import { type Mode, TYPES, type TypeName } from "../../src/table.js";
import { createAjv, isObject, mapSchema, SCHEMA_BASE_URL, type Schema, type SchemaOf } from "./schemas.js";
import { sharedLists, splicedText } from "./fast-path.js";

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
 * annotations the code never reads, and with each repeated subschema as a definition of its own. Only the
 * error path runs this code (the fast path gives verdicts).
 */
function codeDefinitions(schemas: SchemaOf): Record<string, Schema> {
  return repeatedDefinitions(mapSchema(sharedDefinitions(schemas), withoutAnnotations) as Record<TypeName, Schema>);
}

/**
 * The keywords whose value is a subschema, and those whose value holds subschemas (in an array or by name).
 * Not `propertyNames`: Ajv marks the errors of a name checked in place with the name, and not those of a
 * name checked by a function it calls.
 */
const SUBSCHEMA = ["items", "additionalProperties", "if", "then", "else", "not", "contains"];
const SUBSCHEMAS = ["anyOf", "allOf", "oneOf"];
const NAMED_SUBSCHEMAS = ["properties", "patternProperties"];

/** Calls `visit` on each subschema below a schema (not the schema itself), with a function that replaces it. */
function eachSubschema(schema: Schema, visit: (node: Schema, replace: (by: Schema) => void) => void): void {
  const at = (node: unknown, replace: (by: Schema) => void) => {
    if (!isObject(node)) return;
    visit(node, replace);
    eachSubschema(node, visit);
  };
  for (const key of SUBSCHEMA)
    at(schema[key], (by) => {
      schema[key] = by;
    });
  for (const key of SUBSCHEMAS) {
    const list = schema[key];
    if (!Array.isArray(list)) continue;
    for (const [i, node] of list.entries())
      at(node, (by) => {
        list[i] = by;
      });
  }
  for (const key of NAMED_SUBSCHEMAS) {
    const named = schema[key];
    if (!isObject(named)) continue;
    for (const [name, node] of Object.entries(named))
      at(node, (by) => {
        named[name] = by;
      });
  }
}

/**
 * Ajv compiles a subschema in place wherever it stands, so one that stands in many places is compiled as many
 * times: `application: Identity | null` (`anyOf: [{$ref: Identity}, {type: "null"}]`, some forty lines of
 * code) in each of an identity set's ten members, and an identity with a non-empty `id` in each of the ten
 * branches of "an invited participant names someone". Each subschema of 50 characters or more that stands in
 * two places or more becomes a definition (`Repeated1`, …), compiled once and called; the largest first, so
 * that the parts of a repeated subschema go with it. Ajv passes the instance path to the function it calls,
 * so the errors are the same (test/error-lists.test.ts).
 */
export function repeatedDefinitions(definitions: Record<string, Schema>, minimumLength = 50): Record<string, Schema> {
  const result = structuredClone(definitions);
  for (let n = 1; ; n += 1) {
    const seen = new Map<string, number>();
    for (const schema of Object.values(result))
      eachSubschema(schema, (node) => {
        const text = JSON.stringify(node);
        if (text.length >= minimumLength) seen.set(text, (seen.get(text) ?? 0) + 1);
      });
    const repeated = [...seen].filter(([, count]) => count > 1).sort(([a], [b]) => b.length - a.length)[0]?.[0];
    if (repeated === undefined) return result;
    const name = `Repeated${n}`;
    assert.ok(!(name in result), `repeatedDefinitions: ${name} is already a definition`);
    for (const schema of Object.values(result))
      eachSubschema(schema, (node, replace) => {
        if (JSON.stringify(node) === repeated) replace({ $ref: `#/definitions/${name}` });
      });
    result[name] = JSON.parse(repeated) as Schema;
  }
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
function generateValidatorCode(schemas: SchemaOf): string {
  // loopEnum: enums become comparisons, so the code needs no copy of the schema to loop over.
  // inlineRefs: false compiles each referenced type once, as a function, which keeps the code small.
  const ajv = createAjv({ allErrors: true, messages: false, loopEnum: 16, inlineRefs: false, code: { source: true, esm: true, lines: true } });
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
 * Ajv adds each error it finds with the same five lines (`if(vErrors === null){vErrors = [err];} else
 * {vErrors.push(err);}`), some seventy times in a type's code; each becomes a call of one function that does
 * the same (`pushed`, defined once at the top of the module), which makes the code a tenth smaller. Every
 * such block must be of that form, or the build fails.
 */
export function pushErrorsByCall(code: string): string {
  const BLOCK = /^if\(vErrors === null\)\{\nvErrors = \[(err\d+)\];\n\}\nelse \{\nvErrors\.push\(\1\);\n\}$/gm;
  const blocks = code.match(/^if\(vErrors === null\)\{$/gm)?.length ?? 0;
  let rewritten = 0;
  const result = code.replace(BLOCK, (_block, error: string) => {
    rewritten += 1;
    return `vErrors = pushed(vErrors, ${error});`;
  });
  assert.ok(blocks > 0, "pushErrorsByCall: no error is added");
  assert.equal(rewritten, blocks, `pushErrorsByCall: ${blocks} blocks add an error, ${rewritten} of the expected form`);
  assert.ok(!/\bpushed\b/.test(code), "pushErrorsByCall: the code already names pushed");
  const helper =
    "/** Adds an error to those gathered (null when there are none yet). */\nfunction pushed(errors, error) {\nif (errors === null) return [error];\nerrors.push(error);\nreturn errors;\n}\n";
  // After Ajv's "use strict" directive, which must stay first.
  return result.replace(/^(?:"use strict";\n?)?/, (directive) => `${directive}${helper}`);
}

/**
 * Ajv's functions take, and pass to the functions they call, the parent of the value and the root of the data
 * beside its path (for `$data` references and dynamic anchors, which the shipped schemas do not use); the code
 * reads only the path. Each function takes, and each call passes, the path alone, and no other mention of the
 * others may be left (the build fails if the code reads them).
 */
export function passPathsOnly(code: string): string {
  const SIGNATURE = /^(function validate\d+\(data, \{instancePath="")(, parentData, parentDataProperty, rootData=data)(\}=\{\}\)\{)$/gm;
  const CALL = /(\{instancePath(?::[^,{}\n]+)?),parentData(?::\w+)?,parentDataProperty(?::(?:\w+|"(?:[^"\\\n]|\\.)*"))?,rootData\}/g;
  const functions = code.match(/^function validate\d+\(/gm)?.length ?? 0;
  let signatures = 0;
  const rewritten = code
    .replace(SIGNATURE, (_line, head: string, _context: string, tail: string) => {
      signatures += 1;
      return `${head}${tail}`;
    })
    .replace(CALL, "$1}");
  assert.equal(signatures, functions, `passPathsOnly: ${functions} functions, ${signatures} of the expected signature`);
  assert.ok(!/\b(?:parentData|parentDataProperty|rootData)\b/.test(rewritten), "passPathsOnly: the code reads the parent or the root of the data in another form");
  return rewritten;
}

/**
 * Ajv checks a long enum (more than `loopEnum` values) with a loop that compares by deep equality (its helper
 * `equal`, fast-deep-equal). Where every value of the enum is a string, number, boolean or null, deep equality
 * is `===` (a JSON schema holds no NaN), which needs no helper: each such loop compares with `===` (one over
 * objects or arrays keeps `equal`). Every enum loop must be of the expected form and its enum readable from the
 * embedded schema, or the build fails.
 */
export function compareEnumsByIdentity(code: string): string {
  const literals = new Map([...code.matchAll(/^const (schema\d+) = (\{.*\});$/gm)].map(([, name, literal]) => [name!, JSON.parse(literal!) as Schema]));
  const LOOP = /for\(const (v\d+) of (schema\d+)((?:\.[A-Za-z_$][\w$]*|\["(?:[^"\\]|\\.)*"\])*\.enum)\)\{\nif\((func\d+)\(([^\n]*), \1\)\)\{/g;
  const loops = code.match(/for\(const v\d+ of schema\d+[^\n]*\.enum\)\{/g)?.length ?? 0;
  let matched = 0;
  const result = code.replace(LOOP, (loop, item: string, variable: string, path: string, helper: string, data: string) => {
    matched += 1;
    // Ajv's helper, as Ajv emits it or with its source in place of the require() (generateValidatorCode).
    assert.ok(
      new RegExp(`^const ${helper} = (?:\\(function equal\\(|require\\("ajv/dist/runtime/equal"\\)\\.default;$)`, "m").test(code),
      `compareEnumsByIdentity: ${helper} is not Ajv's equal`,
    );
    const values = pathOf(path).reduce<unknown>((node, key) => (isObject(node) ? node[key] : undefined), literals.get(variable));
    assert.ok(Array.isArray(values), `compareEnumsByIdentity: ${variable}${path} is not an embedded enum`);
    if (!values.every((value) => value === null || ["string", "number", "boolean"].includes(typeof value))) return loop;
    return `for(const ${item} of ${variable}${path}){\nif(${data} === ${item}){`;
  });
  assert.equal(matched, loops, `compareEnumsByIdentity: ${loops} enum loops, ${matched} of the expected form`);
  return result;
}

/** A read of an embedded schema in Ajv's code: `schema8.properties.hidden.type`, `schema9.properties["@odata.type"].enum`. */
const SCHEMA_READ = /\b(schema\d+)((?:\.[A-Za-z_$][\w$]*|\["(?:[^"\\]|\\.)*"\])*)/g;

/** The property names of a read path (`.properties["@odata.type"].enum` → properties, @odata.type, enum). */
function pathOf(text: string): string[] {
  return [...text.matchAll(/\.([A-Za-z_$][\w$]*)|\["((?:[^"\\]|\\.)*)"\]/g)].map(([, name, quoted]) => name ?? (JSON.parse(`"${quoted}"`) as string));
}

/**
 * Ajv's code embeds the whole subschema a function was compiled from (`const schema8 = {…}`) wherever it reads
 * a part of it: the declared names of an object with more than eight properties (`hasOwnProperty.call(
 * schema8.properties, key)`), an enum's values, a property's types for an error's params. Each embedded schema
 * keeps only what the code reads: the value of each path read, and the names (not the values) of an object
 * only asked whether it has a name. A read of any other form keeps the whole value it names. Every read is
 * checked to give what it gave before.
 */
export function pruneEmbeddedSchemas(code: string): string {
  const ownChecks = new Set([...code.matchAll(/^const (func\d+) = Object\.prototype\.hasOwnProperty;$/gm)].map(([, name]) => name));
  const reads = new Map<string, { path: string[]; namesOnly: boolean }[]>();
  for (const match of code.matchAll(SCHEMA_READ)) {
    const [, variable, path] = match as unknown as [string, string, string];
    const before = code.slice(Math.max(0, match.index - 32), match.index);
    if (path === "" && before.endsWith("\nconst ") && code.startsWith(" = ", match.index + match[0].length)) continue; // its declaration
    const call = /\b(func\d+)\.call\($/.exec(before);
    reads.set(variable, [...(reads.get(variable) ?? []), { path: pathOf(path), namesOnly: call !== null && ownChecks.has(call[1]!) }]);
  }
  const at = (node: unknown, path: string[]): unknown => path.reduce<unknown>((value, key) => (isObject(value) && Object.hasOwn(value, key) ? value[key] : undefined), node);
  let pruned = 0;
  const rewritten = code.replace(/^const (schema\d+) = (\{.*\});$/gm, (_line, variable: string, literal: string) => {
    pruned += 1;
    const schema = JSON.parse(literal) as Schema;
    const used = reads.get(variable) ?? [];
    const kept: Schema = {};
    const put = (path: string[], value: unknown) => {
      let node: Record<string, unknown> = kept;
      for (const key of path.slice(0, -1)) {
        if (!isObject(node[key])) node[key] = {};
        node = node[key] as Record<string, unknown>;
      }
      node[path.at(-1)!] = structuredClone(value);
    };
    for (const { path, namesOnly } of used) {
      const value = at(schema, path);
      assert.ok(value !== undefined, `pruneEmbeddedSchemas: ${variable} has nothing at ${path.join(".")}`);
      if (path.length === 0) return `const ${variable} = ${literal};`;
      if (!namesOnly) put(path, value);
    }
    for (const { path, namesOnly } of used) {
      if (!namesOnly) continue;
      const value = at(schema, path);
      assert.ok(isObject(value), `pruneEmbeddedSchemas: ${variable}.${path.join(".")} is asked for a name but is not an object`);
      for (const name of Object.keys(value)) if (at(kept, [...path, name]) === undefined) put([...path, name], 0);
    }
    // In the schema's own order, as Ajv's code would have read them.
    const ordered = (original: unknown, part: unknown): unknown =>
      isObject(original) && isObject(part) && part !== original
        ? Object.fromEntries(Object.keys(original).flatMap((key) => (Object.hasOwn(part, key) ? [[key, ordered(original[key], part[key])]] : [])))
        : part;
    const result = ordered(schema, kept);
    for (const { path, namesOnly } of used) {
      const before = at(schema, path) as Schema;
      const after = at(result, path) as Schema;
      if (namesOnly) assert.deepEqual(Object.keys(after), Object.keys(before), `pruneEmbeddedSchemas: ${variable}.${path.join(".")} lost a name`);
      else assert.deepEqual(after, before, `pruneEmbeddedSchemas: ${variable}.${path.join(".")} reads another value`);
    }
    return `const ${variable} = ${JSON.stringify(result)};`;
  });
  const declared = code.match(/^const schema\d+ = /gm)?.length ?? 0;
  assert.equal(pruned, declared, `pruneEmbeddedSchemas: ${declared} embedded schemas, ${pruned} of the expected one-line form`);
  return rewritten;
}

/**
 * Ajv's code embeds a copy of each schema it reads from (`const schema6 = {…}`: enum values, the declared
 * names of a strict object). Each becomes a JSON string parsed where it is declared, a pure expression (V8
 * parses JSON faster than the same object literal, and a bundler drops a copy no kept function reads).
 */
export function parseEmbeddedSchemas(code: string, lists: ReadonlyMap<string, string> = new Map()): string {
  let parsed = 0;
  const rewritten = code.replace(/^const (schema\d+) = (\{.*\});$/gm, (_line, variable: string, literal: string) => {
    parsed += 1;
    return `const ${variable} = /* @__PURE__ */ JSON.parse(${splicedText(JSON.stringify(JSON.parse(literal)), lists)});`;
  });
  const declared = code.match(/^const schema\d+ = /gm)?.length ?? 0;
  assert.equal(parsed, declared, `parseEmbeddedSchemas: ${declared} embedded schemas, ${parsed} of the expected one-line form`);
  return rewritten;
}

/**
 * Ajv builds a pattern with `new RegExp(…)` where it is declared; annotated as pure, so that a bundler drops a
 * pattern no kept function uses (the call has no side effect: the build checks every pattern compiles).
 */
export function markPatternsPure(code: string): string {
  const declared = code.match(/^const pattern\d+ = /gm)?.length ?? 0;
  let marked = 0;
  const rewritten = code.replace(/^(const pattern\d+ = )(new RegExp\("(?:[^"\\]|\\.)*", "u"\);)$/gm, (_line, head: string, call: string) => {
    marked += 1;
    return `${head}/* @__PURE__ */ ${call}`;
  });
  assert.equal(marked, declared, `markPatternsPure: ${declared} patterns, ${marked} of the expected form`);
  return rewritten;
}

/**
 * The module that explains the errors of one mode: Ajv's all-errors code for every type, each type's code a
 * top-level function that calls the types it uses, so that a bundle keeps only the functions of the types it
 * validates. The runtime sets how many errors the code gathers before it stops: a few for the default
 * first-error mode (whose issue is the first the code finds), more with `allErrors`. The shipped schemas,
 * one per type, are parsed on first use.
 */
export function validatorModule(schemas: SchemaOf, mode: Mode): string {
  // The long lists come from the fast-path module (scripts/generate/fast-path.ts), once for both.
  const lists = sharedLists(schemas);
  const code = markPatternsPure(
    parseEmbeddedSchemas(pruneEmbeddedSchemas(compareEnumsByIdentity(passPathsOnly(pushErrorsByCall(stopGatheringAtLimit(generateValidatorCode(schemas)))))), lists),
  ).replace(/^"use strict";/, "");
  // Every list is an enum of the shipped schemas, so the schemas' texts below use each of them.
  return (
    GENERATED_HEADER +
    (lists.size === 0
      ? ""
      : `import { ${[...lists.values()].join(", ")} } from "./${mode}-fast.js";\n` +
        "/** Joins a text from its parts and the shared lists (JSON strings) in it. */\n" +
        'const spliced = (...parts) => parts.join("");\n') +
    "/** How many errors the code gathers before it stops; the runtime sets it for each call. */\n" +
    "export const allErrorsLimit = { errors: Infinity };\n" +
    shippedSchemaCode(schemas, lists) +
    code
  );
}

/**
 * What the error descriptions read of a schema (src/describe.ts, `schemaAt`): titles, references, the declared
 * names and what lies below them, the branches of `if`, `allOf` and `anyOf` (a `null` branch known as one),
 * items, and of a condition the types, required names and enums it tests. Descriptions, other types, patterns
 * and bounds go, so that a validate function carries this outline instead of the shipped schema (which only
 * `.schema` and Standard JSON Schema read).
 */
export function outlineOf(node: Schema | boolean, condition = false): Schema | boolean {
  if (!isObject(node)) return node;
  const kept: Schema = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === "title" || key === "$ref") kept[key] = value;
    else if (key === "type" && (condition || value === "null")) kept[key] = value;
    else if ((key === "enum" || key === "required") && condition) kept[key] = value;
    else if (key === "items" || key === "then" || key === "else") kept[key] = outlineOf(value as Schema, condition);
    else if (key === "if") kept[key] = outlineOf(value as Schema, true);
    else if (key === "allOf" || key === "anyOf") kept[key] = (value as Schema[]).map((branch) => outlineOf(branch, condition));
    else if (key === "properties" || key === "definitions")
      kept[key] = Object.fromEntries(Object.entries(value as Record<string, Schema>).map(([name, below]) => [name, outlineOf(below, condition)]));
  }
  return kept;
}

/**
 * The shipped schemas, one function per type that parses its file's JSON on first use. Every file carries a
 * copy of each type it uses, so the module holds each type's own part once (`bodyIdentity`: the JSON of its
 * schema without `$schema`, `$id` and `definitions`) and each function joins its file's text from them.
 * The build checks that each joined text is the file's, character for character.
 */
function shippedSchemaCode(schemas: SchemaOf, lists: ReadonlyMap<string, string>): string {
  const definitions = sharedDefinitions(schemas);
  const body = (name: TypeName) => JSON.stringify(definitions[name]);
  // One join, in the module and here, where it is checked against each file.
  const join = [
    "(schema, id, body, uses) =>",
    // biome-ignore lint/suspicious/noTemplateCurlyInString: JavaScript source of the generated module.
    '  "{" + `"$schema":${JSON.stringify(schema)},"$id":${JSON.stringify(id)},${body.slice(1, -1)}` +',
    // biome-ignore lint/suspicious/noTemplateCurlyInString: JavaScript source of the generated module.
    '  (uses.length === 0 ? "" : `,"definitions":{${uses.map(([name, text]) => `${JSON.stringify(name)}:${text}`).join(",")}}`) + "}"',
  ].join("\n");
  const fileText = new Function(`return ${join};`)() as (schema: string, id: string, body: string, uses: [string, string][]) => string;
  const lines = ["/** A shipped schema's JSON text, from its identity, its own part and those of the types it uses. */", `const fileText = ${join};`];
  for (const { name } of TYPES) lines.push(`const body${name} = ${splicedText(body(name), lists)};`);
  // The outlines the error descriptions read (`outlineOf`): each type's own, joined with those of the types it uses.
  const outline = (name: TypeName) => JSON.stringify(outlineOf(definitions[name]));
  // One join, in the module and here, where it is checked against each outline (as `join` above).
  const joinOutline = [
    "(own, uses) =>",
    // biome-ignore lint/suspicious/noTemplateCurlyInString: JavaScript source of the generated module.
    '  uses.length === 0 ? own : `${own.slice(0, -1)}${own === "{}" ? "" : ","}"definitions":{${uses.map(([use, text]) => `${JSON.stringify(use)}:${text}`).join(",")}}}`',
  ].join("\n");
  const outlineText = new Function(`return ${joinOutline};`)() as (own: string, uses: [string, string][]) => string;
  lines.push("/** An outline's JSON text, from the type's own and those of the types it uses. */", `const outlineText = ${joinOutline};`);
  for (const { name } of TYPES) lines.push(`const outline${name} = ${splicedText(outline(name), lists)};`);
  for (const { name } of TYPES) {
    const { $schema, $id } = schemas[name] as { $schema: string; $id: string };
    const uses = Object.keys((schemas[name].definitions ?? {}) as Schema) as TypeName[];
    assert.equal(Object.keys(schemas[name]).at(-1), uses.length === 0 ? Object.keys(schemas[name]).at(-1) : "definitions", `${name}: definitions is not the last key`);
    assert.equal(
      fileText(
        $schema,
        $id,
        body(name),
        uses.map((use) => [use, body(use)]),
      ),
      JSON.stringify(schemas[name]),
      `shippedSchemaCode: the ${name} file's text cannot be joined from its parts`,
    );
    lines.push(
      `let parsed${name};`,
      `/** The shipped ${name} schema, parsed on first use. */`,
      `export const ${name}Schema = () => (parsed${name} ??= JSON.parse(fileText(${JSON.stringify($schema)}, ${JSON.stringify($id)}, body${name}, [${uses.map((use) => `["${use}", body${use}]`).join(", ")}])));`,
    );
    const joined = outlineText(
      outline(name),
      uses.map((use) => [use, outline(use)]),
    );
    assert.deepEqual(JSON.parse(joined), outlineOf(schemas[name]), `shippedSchemaCode: the ${name} outline cannot be joined from its parts`);
    lines.push(
      `let outlined${name};`,
      `/** What the error descriptions read of the ${name} schema, parsed on first use. */`,
      `export const ${name}Outline = () => (outlined${name} ??= JSON.parse(outlineText(outline${name}, [${uses.map((use) => `["${use}", outline${use}]`).join(", ")}])));`,
    );
  }
  return `${lines.join("\n")}\n`;
}

/**
 * The generated code is plain JavaScript, bundled by esbuild (scripts/bundle.ts) with these declarations:
 * compiling it with tsc would re-indent it to twice its size, and its size is much of the load time.
 */
export const VALIDATOR_DECLARATIONS = `${GENERATED_HEADER}import type { CompiledValidator, JsonSchema } from "../table.js";
/** How many errors the code gathers before it stops; the runtime sets it for each call. */
export declare const allErrorsLimit: { errors: number };
${TYPES.map(({ name }) => `/** Ajv's all-errors code for ${name}: a verdict, with the errors it gathered on the function. */\nexport declare const ${name}: CompiledValidator;\n/** The shipped ${name} schema, parsed on first use. */\nexport declare const ${name}Schema: () => JsonSchema;\n/** What the error descriptions read of the ${name} schema, parsed on first use. */\nexport declare const ${name}Outline: () => JsonSchema;\n`).join("")}`;
