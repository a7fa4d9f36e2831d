/**
 * Everything derived from the hand-written types in types/, computed in memory, stage by stage
 * (scripts/generate/): schemas.ts (the schema files), fast-path.ts (the verdicts), error-code.ts (Ajv's code
 * that explains an invalid value), api.ts (the public functions), openapi.ts, docs.ts.
 *
 * `generateFiles()` returns each generated file as a path (relative to the package root) and its text.
 * scripts/build.ts writes them (or, with --check, compares them); test/drift.test.ts compares them too,
 * so the committed files can never drift from the types.
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { TYPES } from "../src/table.js";
import { apiModule } from "./generate/api.js";
import { referenceDocument } from "./generate/docs.js";
import { VALIDATOR_DECLARATIONS, validatorModule } from "./generate/error-code.js";
import { FAST_PATH_DECLARATIONS, fastPath } from "./generate/fast-path.js";
import { openApiDocument } from "./generate/openapi.js";
import { formatJson, generateSchemas, ROOT, schemaPath } from "./generate/schemas.js";

export { createAjv, ODATA_ANNOTATION_PATTERN, ROOT, schemaPath, type Schema } from "./generate/schemas.js";

/** Every generated file: relative path → content. */
export function generateFiles(): Map<string, string> {
  const schemas = generateSchemas();
  const files = new Map<string, string>();
  for (const mode of ["tolerant", "strict"] as const) {
    for (const { name, graphName } of TYPES) files.set(schemaPath(graphName, mode), formatJson(schemas[mode][name]));
    files.set(`src/generated/${mode}-code.js`, validatorModule(schemas[mode], mode));
    files.set(`src/generated/${mode}-code.d.ts`, VALIDATOR_DECLARATIONS);
    const fast = fastPath(schemas[mode], mode);
    files.set(`src/generated/${mode}-fast.js`, fast.module);
    files.set(`src/generated/${mode}-fast.d.ts`, FAST_PATH_DECLARATIONS);
    files.set(`src/generated/${mode}.ts`, apiModule(mode, "static", fast.typesWithSkipPlans));
    files.set(`src/generated/${mode}-node.ts`, apiModule(mode, "on-demand", fast.typesWithSkipPlans));
  }
  files.set("schemas/openapi.json", formatJson(openApiDocument(schemas)));
  files.set("docs/reference.md", referenceDocument(schemas.tolerant));
  return files;
}

/**
 * The generated files whose committed text differs from what the sources generate (a missing file counts),
 * with what they should contain. `npm run check:schemas` and the drift test both ask this one question.
 */
export function staleFiles(files: Map<string, string> = generateFiles()): Map<string, string> {
  const stale = new Map<string, string>();
  for (const [path, content] of files) {
    let committed: string | undefined;
    try {
      committed = readFileSync(resolve(ROOT, path), "utf8");
    } catch {
      committed = undefined;
    }
    if (committed !== content) stale.set(path, content);
  }
  return stale;
}
