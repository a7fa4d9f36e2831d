/**
 * Regenerates every file derived from types/: the JSON Schemas in schemas/ and the precompiled
 * validators in src/generated/.
 *
 * Usage:
 *   tsx scripts/build.ts           write the generated files
 *   tsx scripts/build.ts --check   write nothing; exit 1 naming each file that differs
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { generateFiles, staleFiles } from "./generate.js";
import { ROOT } from "./root.js";

const check = process.argv.includes("--check");
const started = performance.now();
const files = generateFiles();
const stale = staleFiles(files);
if (!check) {
  for (const [path, content] of stale) {
    const target = resolve(ROOT, path);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, content);
  }
}
const seconds = ((performance.now() - started) / 1000).toFixed(1);
if (check && stale.size > 0) {
  console.error(`These generated files are out of date with types/:\n  ${[...stale.keys()].join("\n  ")}\nRun \`npm run build:schemas\` and commit the result.`);
  process.exit(1);
}
console.log(`${check ? "Checked" : "Generated"} ${files.size} files in ${seconds} s.`);
