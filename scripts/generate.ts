/**
 * Everything derived from the hand-written types in types/, computed in memory, stage by stage
 * (scripts/generate/): schemas.ts (the schema files, with schema-tree.ts, schema-rules.ts and schema-subtypes.ts), checks/ (the verdict and report functions, one walk of
 * each schema), api.ts (the public functions and the schemas as text), openapi.ts, docs.ts; and the test kit's
 * fixtures.ts (the corpus as fixture files) and model.ts (Graph's lists the arbitraries draw from).
 *
 * `generateFiles()` returns each generated file as a path (relative to the package root) and its text.
 * scripts/build.ts writes them (or, with --check, compares them); test/drift.test.ts compares them too,
 * so the committed files can never drift from the types.
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { TYPES } from "../src/validators/table.js";
import { apiModule, SCHEMAS_DECLARATIONS, schemasModule } from "./generate/api.js";
import { CHECKS_DECLARATIONS, checksModule } from "./generate/checks/module.js";
import { referenceDocument } from "./generate/docs.js";
import { fixtureFiles } from "./generate/fixtures.js";
import { modelModule } from "./generate/model.js";
import { openApiDocument } from "./generate/openapi.js";
import { formatJson, generateSchemas, ROOT, schemaPath } from "./generate/schemas.js";

export { ANY_ODATA_ANNOTATION_PATTERN, ODATA_ANNOTATION_PATTERN } from "./generate/schema-rules.js";
export type { Schema } from "./generate/schema-tree.js";
export { createAjv, ROOT, schemaPath } from "./generate/schemas.js";

/** Every generated file: relative path → content. */
export function generateFiles(): Map<string, string> {
  const schemas = generateSchemas();
  const files = new Map<string, string>();
  for (const mode of ["tolerant", "strict"] as const) {
    for (const { name, graphName } of TYPES) files.set(schemaPath(graphName, mode), formatJson(schemas[mode][name]));
    files.set(`src/generated/${mode}-checks.js`, checksModule(schemas[mode], mode));
    files.set(`src/generated/${mode}-checks.d.ts`, CHECKS_DECLARATIONS);
    files.set(`src/generated/${mode}-schemas.js`, schemasModule(schemas[mode]));
    files.set(`src/generated/${mode}-schemas.d.ts`, SCHEMAS_DECLARATIONS);
    files.set(`src/generated/${mode}.ts`, apiModule(mode));
  }
  files.set("schemas/openapi.json", formatJson(openApiDocument(schemas)));
  files.set("docs/reference.md", referenceDocument(schemas.tolerant));
  files.set("src/generated/model.ts", modelModule());
  for (const [path, content] of fixtureFiles()) files.set(path, content);
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
