/**
 * Validates every bundled example payload (test/examples/) in both modes and compares each verdict with
 * the documented one in test/examples/verdicts.json; then the corpus of real payloads (test/corpus/), summarised.
 *
 * Usage: tsx scripts/examples.ts    (exit 0 when every verdict is as documented, 1 otherwise)
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import * as strict from "../src/strict.js";
import * as tolerant from "../src/index.js";
import type { TypeName } from "../src/validators/table.js";
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
  for (const [mode, api] of [
    ["tolerant", tolerant],
    ["strict", strict],
  ] as const) {
    const result = api.validators[documented.type].validate(payload, { allErrors: true });
    const paths = result.errors.map((error) => error.path);
    const asDocumented = JSON.stringify(paths) === JSON.stringify(documented[mode]);
    if (!asDocumented) mismatches += 1;
    console.log(`  ${`${mode}:`.padEnd(9)} ${result.valid ? "valid" : "invalid"}${asDocumented ? "" : `  (documented: ${JSON.stringify(documented[mode])})`}`);
    for (const error of result.errors) console.log(`    - ${error.message}`);
  }
}
// The corpus of real payloads (test/corpus/): a summary per type, and each verdict checked against the recorded one.
interface CorpusEntry {
  type: TypeName;
  source: { path: string; date: string };
  tolerant: true | string;
  strict: true | string;
  sentByGraph?: false;
  why?: string;
  data: unknown;
}
const corpusFolder = join(ROOT, "test/corpus");
const corpus = readdirSync(corpusFolder)
  .filter((file) => file.endsWith(".json"))
  .flatMap((file) => (JSON.parse(readFileSync(join(corpusFolder, file), "utf8")) as { entries: CorpusEntry[] }).entries);
const summary = new Map<string, { count: number; tolerant: number; strict: number }>();
for (const entry of corpus) {
  const row = summary.get(entry.type) ?? { count: 0, tolerant: 0, strict: 0 };
  row.count += 1;
  for (const [mode, api] of [
    ["tolerant", tolerant],
    ["strict", strict],
  ] as const) {
    const result = api.validators[entry.type].validate(entry.data);
    if (result.valid) row[mode] += 1;
    if ((result.valid ? true : result.errors[0]!.path) !== entry[mode]) {
      mismatches += 1;
      console.log(`  ${entry.type} from ${entry.source.path}: ${mode} verdict differs from the recorded one`);
    }
  }
  summary.set(entry.type, row);
}
console.log(`\ntest/corpus/: ${corpus.length} real payloads from ${new Set(corpus.map((e) => e.source.path)).size} pages`);
console.log(`  ${"type".padEnd(28)} ${"payloads".padStart(8)} ${"tolerant".padStart(9)} ${"strict".padStart(7)}   (valid)`);
for (const [type, row] of [...summary].sort())
  console.log(`  ${type.padEnd(28)} ${String(row.count).padStart(8)} ${String(row.tolerant).padStart(9)} ${String(row.strict).padStart(7)}`);
for (const entry of corpus.filter((e) => e.sentByGraph === false)) console.log(`  not what Graph sends: ${entry.source.path} (${entry.type}): ${entry.why}`);
console.log(mismatches === 0 ? "Every verdict is as documented." : `${mismatches} verdicts differ from the documented ones.`);
process.exit(mismatches === 0 ? 0 : 1);
