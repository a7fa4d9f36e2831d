/**
 * The public API module of each mode (src/generated/<mode>.ts): the `validators` record and, for each type,
 * its named functions, binding the fast path (fast-path.ts) and the error code (error-code.ts) to the runtime.
 */
import { TYPES, type Mode, type TypeName } from "../../src/table.js";
import { GENERATED_HEADER } from "./error-code.js";

const MODE_NOTES: Record<Mode, string> = {
  tolerant: "tolerant mode: undeclared properties are accepted",
  strict: "strict mode: undeclared properties are rejected",
};

/**
 * How the API module reaches Ajv's code and the schemas. `static`: imported with the module, for bundlers,
 * which keep what each function reaches (`module` and `default` in package.json's exports). `on-demand`: for
 * Node.js (the `node` condition), read with require() from a CommonJS copy beside the built module when a value
 * is first invalid or a schema first read (src/node/<mode>-code.ts: with the error descriptions), so that
 * importing the package and checking valid values loads only the fast path and the runtime. Bundlers do not follow that require(), so that variant is never theirs.
 */
export type CodeLoading = "static" | "on-demand";

/** The CommonJS copy of a mode's error code that the `on-demand` API module loads, beside it in dist/. */
export const onDemandCodeFile = (mode: Mode) => `${mode}-code.cjs`;

/**
 * The public API of one mode: the `validators` record and, for each type, validateT, isT, assertT, parseT and
 * parseJsonT. Every export is a pure declaration (an annotated call or a literal), so that a bundler keeps
 * only what an application uses: `isT` alone needs only its fast-path function, not Ajv's code or the schemas;
 * `validateT`, `assertT` and `parseT` need Ajv's code and the outline its messages read, not the shipped schema.
 */
export function apiModule(mode: Mode, loading: CodeLoading = "static", shortened: ReadonlySet<TypeName> = new Set()): string {
  const names = TYPES.map(({ name }) => name);
  const PURE = "/* @__PURE__ */";
  const lines = [
    GENERATED_HEADER.trimEnd(),
    `import { createChecker, createValidator, functionOf, guard${loading === "on-demand" && shortened.size > 0 ? ", type Shortener" : ""}, type Validator } from "../runtime.js";`,
    `import type { ${names.join(", ")} } from "../../types/index.js";`,
    ...(loading === "static"
      ? [
          `import * as code from "./${mode}-code.js";`,
          'import { toIssues } from "../describe.js";',
          `import { explaining, reading${shortened.size > 0 ? ", withoutValidPrefix" : ""} } from "../explain.js";`,
        ]
      : [`import type * as ErrorCode from "../node/${mode}-code.js";`]),
    `import * as fast from "./${mode}-fast.js";`,
  ];
  // What each checker is given: the outline of its schema, Ajv's code, the error limit, the description of the
  // errors and the code that explains (src/explain.ts), each as a function, and where in its arrays the fast
  // path last rejected an item, with, for a type whose fast path records that, the code that reads the value
  // from there (`fastPath` in fast-path.ts); each validator, its shipped schema and the code that reads JSON
  // text and reports to Standard Schema, as functions. Node.js's build reads src/explain.ts with Ajv's code.
  const shortening = (name: TypeName) => (shortened.has(name) ? ", withoutValidPrefix" : "");
  const parts =
    loading === "static"
      ? (name: TypeName) => `code.${name}Outline, is${name}, () => code.${name}, errorLimitOf, describerOf, explainingOf, fast.${name}, fast.${name}Prefix${shortening(name)}`
      : (name: TypeName) => `() => code().${name}Outline(), is${name}, () => code().${name}, errorLimitOf, describerOf, code, fast.${name}, fast.${name}Prefix${shortening(name)}`;
  const schemaOf = loading === "static" ? (name: TypeName) => `code.${name}Schema, readingOf` : (name: TypeName) => `() => code().${name}Schema(), code`;
  if (loading === "static") {
    lines.push(
      "",
      "// What every checker and validator of this mode shares.",
      "const errorLimitOf = () => code.allErrorsLimit;",
      "const describerOf = () => toIssues;",
      "const explainingOf = () => explaining;",
      "const readingOf = () => reading;",
    );
  }
  if (loading === "on-demand") {
    lines.push(
      "",
      "let loaded: typeof ErrorCode | undefined;",
      `/** Ajv's code and the schemas of this mode, read when first needed (built beside this module as ${onDemandCodeFile(mode)}). */`,
      "function code(): typeof ErrorCode {",
      "  if (loaded === undefined) {",
      "    try {",
      // process.getBuiltinModule, not an import of node:module: importing a built-in as an ES module cost about
      // 0.7 ms at import (its module facade is built), and most processes never read the error code.
      `      loaded = process.getBuiltinModule("node:module").createRequire(import.meta.url)("./${onDemandCodeFile(mode)}") as typeof ErrorCode;`,
      "    } catch (error) {",
      "      throw new Error(",
      `        "graph-invite-participants could not load its error code (${onDemandCodeFile(mode)}), which Node.js reads with require() when a value is first invalid (reached through process.getBuiltinModule, Node.js 20.16 or later): a bundle made with the node condition of package.json's exports, and without the module condition, leaves it out",`,
      "        { cause: error },",
      "      );",
      "    }",
      "  }",
      "  return loaded;",
      "}",
      "",
      "// What every checker of this mode shares; the validators are given `code` itself for what they read on demand.",
      "const errorLimitOf = () => code().allErrorsLimit;",
      "const describerOf = () => code().toIssues;",
      ...(shortened.size > 0 ? ["const withoutValidPrefix: Shortener = (value, plan) => code().withoutValidPrefix(value, plan);"] : []),
    );
  }
  for (const { name, graphName } of TYPES) {
    lines.push(
      "",
      `/** True when the value is a valid ${graphName} (${mode} mode). */`,
      `export const is${name}: (value: unknown) => value is ${name} = ${PURE} guard<${name}>(fast.${name}, fast.${name}Prefix);`,
      `const ${name}Checker = ${PURE} createChecker<${name}>("${name}", ${parts(name)});`,
      `const ${name}Validator: Validator<${name}> = ${PURE} createValidator<${name}>(${name}Checker, "${mode}", ${schemaOf(name)});`,
      `/** Validates ${/^[aeiou]/.test(graphName) ? "an" : "a"} ${graphName} (${MODE_NOTES[mode]}); never throws. */`,
      `export const validate${name} = ${PURE} functionOf(${name}Checker, "validate");`,
      `/** Throws a ValidationError unless the value is a valid ${graphName} (${mode} mode). */`,
      `export const assert${name}: (value: unknown) => asserts value is ${name} = ${PURE} functionOf(${name}Checker, "assert");`,
      `/** Returns the value, typed, when it is a valid ${graphName} (${mode} mode); throws a ValidationError otherwise. */`,
      `export const parse${name}: (value: unknown) => ${name} = ${PURE} functionOf(${name}Checker, "parse");`,
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
