/**
 * The public API module of each mode (src/generated/<mode>.ts): the `validators` record and, for each type,
 * its named functions, binding the fast path (fast-path.ts) and the error code (error-code.ts) to the runtime.
 */
import { TYPES, type Mode } from "../../src/table.js";
import { GENERATED_HEADER } from "./error-code.js";

const MODE_NOTES: Record<Mode, string> = {
  tolerant: "tolerant mode: undeclared properties are accepted",
  strict: "strict mode: undeclared properties are rejected",
};

/**
 * The public API of one mode: the `validators` record and, for each type, validateT, isT, assertT, parseT and
 * parseJsonT. Every export is a pure declaration (an annotated call or a literal), so that a bundler keeps
 * only what an application uses: `isT` alone needs only its fast-path function, not Ajv's code or the schemas.
 */
export function apiModule(mode: Mode): string {
  const names = TYPES.map(({ name }) => name);
  const PURE = "/* @__PURE__ */";
  const lines = [
    GENERATED_HEADER.trimEnd(),
    'import { createValidator, functionOf, guard, type Validator } from "../runtime.js";',
    `import type { ${names.join(", ")} } from "../../types/index.js";`,
    `import * as code from "./${mode}-code.js";`,
    `import * as fast from "./${mode}-fast.js";`,
  ];
  for (const { name, graphName } of TYPES) {
    lines.push(
      "",
      `/** True when the value is a valid ${graphName} (${mode} mode). */`,
      `export const is${name}: (value: unknown) => value is ${name} = ${PURE} guard<${name}>(fast.${name});`,
      `const ${name}Validator: Validator<${name}> = ${PURE} createValidator<${name}>("${name}", "${mode}", code.${name}Schema, is${name}, code.${name}, code.allErrorsLimit);`,
      `/** Validates ${/^[aeiou]/.test(graphName) ? "an" : "a"} ${graphName} (${MODE_NOTES[mode]}); never throws. */`,
      `export const validate${name} = ${PURE} functionOf(${name}Validator, "validate");`,
      `/** Throws a ValidationError unless the value is a valid ${graphName} (${mode} mode). */`,
      `export const assert${name}: (value: unknown) => asserts value is ${name} = ${PURE} functionOf(${name}Validator, "assert");`,
      `/** Returns the value, typed, when it is a valid ${graphName} (${mode} mode); throws a ValidationError otherwise. */`,
      `export const parse${name}: (value: unknown) => ${name} = ${PURE} functionOf(${name}Validator, "parse");`,
      `/** Parses JSON text (or UTF-8 bytes) as a ${graphName} (${mode} mode); throws a ValidationError, with line and column for bad JSON. */`,
      `export const parseJson${name}: (text: string | Uint8Array) => ${name} = ${PURE} functionOf(${name}Validator, "parseJson");`,
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
