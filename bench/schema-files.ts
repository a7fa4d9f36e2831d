/**
 * What a user of the schema files alone pays, with this checkout's files and with the files before rule 12 (commit
 * `3ba8d0b`, read from git): Ajv with its defaults and with `inlineRefs: false` (the time to compile the twenty
 * files, and per operation of the corpus validated with the tolerant file), and, where Python has them, jsonschema
 * and fastjsonschema (bench/schema-tools.py: compiling the tolerant operation file, and per corpus operation).
 * Each Ajv figure is the fastest of three fresh processes, the four (files, options) pairs interleaved: measured in
 * one process after other work, the first pair timed ran slower than the same code timed later (BENCHMARKS.md).
 * Run by `npm run bench` (bench/run.ts), or alone: `npx tsx bench/schema-files.ts`.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { Ajv, type Options } from "ajv";
import addFormats from "ajv-formats";
import { ROOT } from "../scripts/root.js";
import { formatNs, time } from "./harness.js";

/** The files before rule 12's dispatch: what the goals of the schema files are measured against. */
const BEFORE_SUBTYPES = "3ba8d0b";

export interface SchemaToolRow {
  tool: string;
  files: string;
  compileMs: number;
  perOperationNs: number;
}

const FIXTURES = join(ROOT, "fixtures/inviteParticipantsOperation.json");

/** Graph's operations in the fixtures, valid ones and not, as a service receives them. */
const operations = (JSON.parse(readFileSync(FIXTURES, "utf8")) as { fixtures: { payload: unknown }[] }).fixtures.map((fixture) => fixture.payload);

function readFiles(folder: string): { $id: string }[] {
  return ["", "strict"].flatMap((sub) =>
    readdirSync(join(folder, sub))
      .filter((file) => file.endsWith(".schema.json"))
      .map((file) => JSON.parse(readFileSync(join(folder, sub, file), "utf8")) as { $id: string }),
  );
}

function measureAjv(files: { $id: string }[], options: Options): { compileMs: number; perOperationNs: number } {
  const started = performance.now();
  const ajv = new Ajv({ strict: false, ...options });
  addFormats.default(ajv);
  for (const file of files) ajv.addSchema(file);
  for (const file of files) ajv.getSchema(file.$id);
  const compileMs = performance.now() - started;
  const validate = ajv.getSchema(files.find((file) => file.$id.endsWith("/schemas/inviteParticipantsOperation.schema.json"))!.$id)!;
  const all = (list: unknown) => {
    let valid = 0;
    for (const value of list as unknown[]) if (validate(value)) valid += 1;
    return valid;
  };
  return { compileMs, perOperationNs: time(all, operations).ns / operations.length };
}

/** Ajv on a folder's files, in a fresh process (this script with `--ajv <folder> <inlineRefs>`). */
function ajvApart(folder: string, inlineRefs: boolean): { compileMs: number; perOperationNs: number } {
  const child = spawnSync(process.execPath, [join(ROOT, "node_modules/tsx/dist/cli.mjs"), fileURLToPath(import.meta.url), "--ajv", folder, String(inlineRefs)], {
    encoding: "utf8",
  });
  if (child.status !== 0) throw new Error(`Ajv on ${folder}: ${child.stderr}`);
  return JSON.parse(child.stdout) as { compileMs: number; perOperationNs: number };
}

const PROCESSES = 3;

/** The shipped schema files of a commit, written into a temporary folder. */
function filesOf(commit: string): string {
  const folder = mkdtempSync(join(tmpdir(), "gip-schemas-"));
  const paths = execFileSync("git", ["ls-tree", "-r", "--name-only", commit, "schemas"], { cwd: ROOT, encoding: "utf8" }).split("\n").filter(Boolean);
  for (const path of paths) {
    const target = join(folder, path.slice("schemas/".length));
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, execFileSync("git", ["show", `${commit}:${path}`], { cwd: ROOT }));
  }
  return folder;
}

/** Python's jsonschema and fastjsonschema on a folder of files, or nothing when Python lacks them. */
function measurePython(folder: string): { tool: string; compileMs: number; perOperationNs: number }[] {
  const run = spawnSync("/usr/bin/python3", [join(ROOT, "bench/schema-tools.py"), folder, FIXTURES], { encoding: "utf8" });
  if (run.status !== 0) return [];
  const result = JSON.parse(run.stdout) as Record<string, { compileS: number; perOperationNs: number }>;
  return Object.entries(result).map(([tool, row]) => ({ tool, compileMs: row.compileS * 1000, perOperationNs: row.perOperationNs }));
}

export function measureSchemaFiles(log: (line: string) => void): SchemaToolRow[] {
  const before = filesOf(BEFORE_SUBTYPES);
  const rows: SchemaToolRow[] = [];
  try {
    const folders = [
      ["this checkout", join(ROOT, "schemas")],
      [BEFORE_SUBTYPES, before],
    ] as const;
    const tools = [
      ["Ajv, defaults", true],
      ["Ajv, inlineRefs: false", false],
    ] as const;
    for (const [files] of folders) for (const [tool] of tools) rows.push({ tool, files, compileMs: Infinity, perOperationNs: Infinity });
    for (let round = 0; round < PROCESSES; round += 1)
      for (const [files, folder] of round % 2 === 0 ? folders : [...folders].reverse())
        for (const [tool, inlineRefs] of tools) {
          const row = rows.find((other) => other.tool === tool && other.files === files)!;
          const measured = ajvApart(folder, inlineRefs);
          row.compileMs = Math.min(row.compileMs, measured.compileMs);
          row.perOperationNs = Math.min(row.perOperationNs, measured.perOperationNs);
        }
    for (const [files, folder] of folders) for (const row of measurePython(folder)) rows.push({ ...row, tool: `Python ${row.tool}`, files });
  } finally {
    rmSync(before, { recursive: true, force: true });
  }
  log(`(Ajv compiles the twenty files; Python the tolerant operation file; ${operations.length} operations of fixtures/ validated with the tolerant file)`);
  log(`| tool | compile, this checkout | compile, ${BEFORE_SUBTYPES} | per corpus operation, this checkout | per operation, ${BEFORE_SUBTYPES} | ratio |`);
  log("|---|---:|---:|---:|---:|---:|");
  for (const row of rows.filter((row) => row.files === "this checkout")) {
    const old = rows.find((other) => other.tool === row.tool && other.files !== row.files)!;
    const ms = (value: number) => (value >= 1000 ? `${(value / 1000).toFixed(2)} s` : value >= 1 ? `${value.toFixed(1)} ms` : `${(value * 1000).toFixed(0)} µs`);
    log(
      `| ${row.tool} | ${ms(row.compileMs)} | ${ms(old.compileMs)} | ${formatNs(row.perOperationNs)} | ${formatNs(old.perOperationNs)} | ${(row.perOperationNs / old.perOperationNs).toFixed(2)}× |`,
    );
  }
  return rows;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const at = process.argv.indexOf("--ajv");
  // A fresh Ajv in a fresh process: it compiles nothing another left behind.
  if (at >= 0) console.log(JSON.stringify(measureAjv(readFiles(process.argv[at + 1]!), { inlineRefs: process.argv[at + 2] === "true" })));
  else measureSchemaFiles(console.log);
}
