/**
 * Validates every bundled example payload (test/examples/) in both modes and compares each verdict with
 * the documented one in test/examples/verdicts.json.
 *
 * Usage: tsx scripts/examples.ts    (exit 0 when every verdict is as documented, 1 otherwise)
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import * as strict from "../src/strict.js";
import * as tolerant from "../src/index.js";
import type { TypeName } from "../src/table.js";
import { ROOT } from "./root.js";

interface Verdict {
  type: TypeName;
  source: string;
  tolerant: string[];
  strict: string[];
}

const folder = join(ROOT, "test/examples");
const verdicts = JSON.parse(readFileSync(join(folder, "verdicts.json"), "utf8")) as Record<string, Verdict>;
let mismatches = 0;
for (const [file, documented] of Object.entries(verdicts)) {
  const payload: unknown = JSON.parse(readFileSync(join(folder, file), "utf8"));
  console.log(`test/examples/${file}: ${documented.type}\n  ${documented.source}`);
  for (const [mode, api] of [["tolerant", tolerant], ["strict", strict]] as const) {
    const result = api.validators[documented.type].validate(payload, { allErrors: true });
    const paths = result.errors.map((error) => error.path);
    const asDocumented = JSON.stringify(paths) === JSON.stringify(documented[mode]);
    if (!asDocumented) mismatches += 1;
    console.log(`  ${`${mode}:`.padEnd(9)} ${result.valid ? "valid" : "invalid"}${asDocumented ? "" : `  (documented: ${JSON.stringify(documented[mode])})`}`);
    for (const error of result.errors) console.log(`    - ${error.message}`);
  }
}
console.log(mismatches === 0 ? "Every verdict is as documented." : `${mismatches} verdicts differ from the documented ones.`);
process.exit(mismatches === 0 ? 0 : 1);
