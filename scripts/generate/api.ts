/**
 * The public API module of each mode (src/generated/<mode>.ts): the `validators` record and, for each type, its
 * named functions, binding the type's verdict and report functions (checks/) and its schema to the runtime.
 */
import assert from "node:assert/strict";
import { isDeepStrictEqual } from "node:util";
import { TYPES, type Mode } from "../../src/validators/table.js";
import { GENERATED_HEADER } from "./checks/module.js";
import type { SchemaOf } from "./schemas.js";

const MODE_NOTES: Record<Mode, string> = {
  tolerant: "tolerant mode: undeclared properties are accepted",
  strict: "strict mode: undeclared properties are rejected",
};

/**
 * The shipped schemas of one mode, for `validators.T.schema` (src/generated/<mode>-schemas.js): each type's own
 * body and each definition stand once, as one JSON text, and a type's schema is put together from them when
 * first read (every file repeats the definitions it uses: this is a third of their size).
 */
export function schemasModule(schemas: SchemaOf): string {
  const bodies: Record<string, unknown> = {};
  const without = (schema: Record<string, unknown>) => Object.fromEntries(Object.entries(schema).filter(([key]) => !["$schema", "$id", "definitions"].includes(key)));
  const parts = TYPES.map(({ name }) => {
    const schema = schemas[name];
    bodies[name] = without(schema);
    const definitions = (schema.definitions ?? {}) as Record<string, Record<string, unknown>>;
    for (const [definition, body] of Object.entries(definitions)) {
      assert.ok(bodies[definition] === undefined || isDeepStrictEqual(bodies[definition], body), `schemas: ${definition} differs between files`);
      bodies[definition] ??= body;
    }
    assert.deepEqual(Object.keys(schema).slice(0, 2), ["$schema", "$id"]);
    assert.ok(schema.definitions === undefined || Object.keys(schema).at(-1) === "definitions", `schemas: ${name} has keys after its definitions`);
    return { name, id: schema.$id as string, definitions: Object.keys(definitions) };
  });
  const draft = schemas[TYPES[0].name].$schema as string;
  const lines = [
    GENERATED_HEADER.trimEnd(),
    "/** Each type's own schema and each definition, without `$schema`, `$id` and `definitions`, as one JSON text. */",
    `const TEXT = ${JSON.stringify(JSON.stringify(bodies))};`,
    "let bodies;",
    "/** A type's shipped schema, put together from the bodies: the JSON of its .schema.json file. */",
    "function schemaOf(id, name, definitions) {",
    "  bodies ??= JSON.parse(TEXT);",
    `  const schema = { $schema: ${JSON.stringify(draft)}, $id: id, ...bodies[name] };`,
    "  if (definitions.length > 0) schema.definitions = Object.fromEntries(definitions.map((definition) => [definition, bodies[definition]]));",
    "  return schema;",
    "}",
  ];
  for (const { name, id, definitions } of parts)
    lines.push(`export const ${name} = () => schemaOf(${JSON.stringify(id)}, ${JSON.stringify(name)}, ${JSON.stringify(definitions)});`);
  return `${lines.join("\n")}\n`;
}

export const SCHEMAS_DECLARATIONS = `${GENERATED_HEADER}import type { JsonSchema } from "../validators/table.js";\n${TYPES.map(({ name }) => `export declare const ${name}: () => JsonSchema;`).join("\n")}\n`;

/**
 * The public API of one mode: the `validators` record and, for each type, validateT, isT, assertT, parseT,
 * parseJsonT and standardT. Every export is a pure declaration (an annotated call or a literal), so that a bundler keeps
 * only what an application uses: `isT` alone needs only its verdict function; `validateT`, `assertT` and
 * `parseT` need the report function too, and not the schema.
 */
export function apiModule(mode: Mode): string {
  const names = TYPES.map(({ name }) => name);
  const PURE = "/* @__PURE__ */";
  const lines = [
    GENERATED_HEADER.trimEnd(),
    'import { createChecker, createValidator, functionOf, standardSchemaOf, type Validator } from "../validators/runtime.js";',
    'import { guard } from "../validators/checks-runtime.js";',
    'import type { StandardSchemaV1 } from "../validators/standard-schema.js";',
    `import type { ${names.join(", ")} } from "../../types/index.js";`,
    `import * as checks from "./${mode}-checks.js";`,
    `import * as schemas from "./${mode}-schemas.js";`,
  ];
  for (const { name, graphName } of TYPES) {
    lines.push(
      "",
      `/** True when the value is a valid ${graphName} (${mode} mode). */`,
      `export const is${name}: (value: unknown) => value is ${name} = ${PURE} guard<${name}>(checks.${name}, checks.forget);`,
      `const ${name}Checker = ${PURE} createChecker<${name}>("${name}", is${name}, checks.${name}, checks.report${name}, checks.forget);`,
      `const ${name}Validator: Validator<${name}> = ${PURE} createValidator<${name}>(${name}Checker, "${mode}", schemas.${name});`,
      `/** Validates ${/^[aeiou]/.test(graphName) ? "an" : "a"} ${graphName} (${MODE_NOTES[mode]}); never throws. */`,
      `export const validate${name} = ${PURE} functionOf(${name}Checker, "validate");`,
      `/** Throws a ValidationError unless the value is a valid ${graphName} (${mode} mode). */`,
      `export const assert${name}: (value: unknown) => asserts value is ${name} = ${PURE} functionOf(${name}Checker, "assert");`,
      `/** Returns the value, typed, when it is a valid ${graphName} (${mode} mode); throws a ValidationError otherwise. */`,
      `export const parse${name}: (value: unknown) => ${name} = ${PURE} functionOf(${name}Checker, "parse");`,
      `/** Parses JSON text (or UTF-8 bytes) as ${/^[aeiou]/.test(graphName) ? "an" : "a"} ${graphName} (${mode} mode); throws a ValidationError, with line and column for bad JSON. */`,
      `export const parseJson${name}: (text: string | Uint8Array) => ${name} = ${PURE} functionOf(${name}Validator, "parseJson");`,
      `/** The Standard Schema v1 of ${/^[aeiou]/.test(graphName) ? "an" : "a"} ${graphName} (${mode} mode), for tRPC, Hono and any library that takes one; \`validators.${name}\` adds the JSON Schema converter. */`,
      `export const standard${name}: StandardSchemaV1<${name}, ${name}> = ${PURE} standardSchemaOf<${name}>(${name}Checker);`,
    );
  }
  lines.push(
    "",
    `/** Every validator (${MODE_NOTES[mode]}), keyed by type name. */`,
    "export const validators: {",
    ...names.map((name) => `  readonly ${name}: Validator<${name}>;`),
    "} = {",
    ...names.map((name) => `  ${name}: ${name}Validator,`),
    "};",
  );
  return `${lines.join("\n")}\n`;
}
