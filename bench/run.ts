/**
 * The benchmark: this package's precompiled validators against what users would pick instead, on the same
 * payloads, plus cold start, the command line and the build. Not part of `npm test`; BENCHMARKS.md records a run.
 *
 * Usage: npm run bench   (builds dist/ first; writes .bench/results.json)
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { cpus, totalmem } from "node:os";
import { join } from "node:path";
import { ROOT } from "../scripts/root.js";
import { writeChart } from "./chart.js";
import { measureCli } from "./cli.js";
import { measureColdStart } from "./coldstart.js";
import { measureSchemaFiles } from "./schema-files.js";
import { measureErrors } from "./errors.js";
import { reportServiceLoad } from "./service-load.js";
import { formatNs, median } from "./harness.js";
import { checkAgreement, measureThroughput, ratio, type Contender } from "./throughput.js";

const log = (line: string) => console.log(line);
const version = (name: string) => (JSON.parse(readFileSync(join(ROOT, "node_modules", name, "package.json"), "utf8")) as { version: string }).version;
const times = (slower: number, faster: number) => `${(slower / faster).toFixed(2)}×`;

const machine = {
  cpu: cpus()[0]?.model ?? "unknown",
  cores: cpus().length,
  memoryGb: Math.round(totalmem() / 2 ** 30),
  node: process.version,
  versions: { ajv: version("ajv"), zod: version("zod"), "@sinclair/typebox": version("@sinclair/typebox"), "graph-invite-participants": version("..") },
};
log(`Machine: ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGb} GB, Node.js ${machine.node}`);
log(
  `Versions: ${Object.entries(machine.versions)
    .map(([name, v]) => `${name} ${v}`)
    .join(", ")}`,
);

log("\nAgreement: every contender gives our verdict on every payload …");
checkAgreement();
log("  yes");

log("\nValidation (time per call: the fastest sample of each warmed-up process, the fastest of the rounds' processes):");
const rows = measureThroughput(log);

log("\nWhat a rejection costs (validateInviteParticipantsOperation, tolerant; each against the same payload made valid, and Ajv compiled from the shipped file):");
const errorRows = await measureErrors(log);

log("\nThe schema files with Ajv alone (defaults and inlineRefs: false) and with Python's libraries, against the files before rule 12:");
const schemaFiles = measureSchemaFiles(log);

log("\nCold start (median of fresh processes):");
const cold = await measureColdStart(log);

log("\nCommand line:");
const cli = await measureCli(log);

log("\nBuild (regenerate every schema and the validator code, median of 3):");
const buildSeconds = median(
  [0, 1, 2].map(() => {
    const started = performance.now();
    const run = spawnSync(process.execPath, [join(ROOT, "node_modules/tsx/dist/cli.mjs"), join(ROOT, "scripts/build.ts"), "--check"], { encoding: "utf8" });
    if (run.status !== 0) throw new Error(`build --check failed: ${run.stderr}`);
    return (performance.now() - started) / 1000;
  }),
);
log(`  ${buildSeconds.toFixed(1)} s`);

// The table and the goals, as BENCHMARKS.md shows them.
const ours: Contender = "graph-invite-participants, tolerant";
const table = [
  `| payload | ${Object.keys(rows[0]!.ns).join(" | ")} |`,
  "|---|" +
    Object.keys(rows[0]!.ns)
      .map(() => "---:")
      .join("|") +
    "|",
  ...rows.map(
    (row) =>
      `| ${row.payload}${row.mode === "all" ? " (all errors)" : row.payload.startsWith("invalid") ? " (first error)" : ""} | ${Object.values(row.ns).map(formatNs).join(" | ")} |`,
  ),
];
const validRows = rows.filter((row) => !row.payload.startsWith("invalid"));
const goals = validRows.map((row) => ({
  payload: row.payload,
  vsZod: ratio(row, "zod 4", ours),
  vsAjv: ratio(row, "Ajv compiling the schema file at run time", ours),
  vsTypeBox: ratio(row, ours, "TypeBox TypeCompiler"),
  strictVsTypeBox: ratio(row, "graph-invite-participants, strict", "TypeBox TypeCompiler"),
  // Throughput as a share of the hand-written validator's: its time ÷ ours.
  ofHandwritten: ratio(row, "hand-written, tolerant", ours),
  strictOfHandwritten: ratio(row, "hand-written, strict", "graph-invite-participants, strict"),
}));
log(`\n${table.join("\n")}`);
log(
  "\nRatios of the times above (each contender's fastest process).\n| payload | zod 4 ÷ ours (goal ≥ 10) | runtime Ajv ÷ ours (goal ≥ 1) | ours ÷ TypeBox (goal ≤ 0.5) | strict ÷ TypeBox | throughput vs hand-written (goal ≥ 0.8) | strict vs hand-written strict (goal ≥ 0.5) |\n|---|---:|---:|---:|---:|---:|---:|",
);
for (const goal of goals)
  log(
    `| ${goal.payload} | ${goal.vsZod.toFixed(1)} | ${goal.vsAjv.toFixed(2)} | ${goal.vsTypeBox.toFixed(2)} | ${goal.strictVsTypeBox.toFixed(2)} | ${goal.ofHandwritten.toFixed(2)} | ${goal.strictOfHandwritten.toFixed(2)} |`,
  );
const ajvCold = cold["Ajv (import, read and compile the schema file, validate)"].ms;
const ourCold = cold["graph-invite-participants (import + validate)"].ms;
log(`\nCold start: Ajv ÷ ours = ${times(ajvCold, ourCold)} (goal ≥ 10×)`);
log(`Import and first verdict: ${ourCold.toFixed(1)} ms in process (goal ≤ 4 ms)`);
const ourColdInvalid = cold["graph-invite-participants (import + validate an invalid value)"].ms;
log(`Import and first rejection: ${ourColdInvalid.toFixed(1)} ms, ${(ourColdInvalid - ourCold).toFixed(1)} ms more than a first valid value (goal ≤ 1 ms)`);
const rowOf = (payload: string, mode: "first" | "all") => rows.find((row) => row.payload === payload && row.mode === mode)!;
for (const mode of ["tolerant", "strict"] as const) {
  const contender = `graph-invite-participants, ${mode}` as const;
  log(`Invalid, late error (first error) ÷ large valid, ${mode}: ${(rowOf("invalidLate", "first").ns[contender] / rowOf("large", "first").ns[contender]).toFixed(1)}× (goal ≤ 2×)`);
}
log(`Command line: throughput ${(cli.baseline.seconds / cli.cli.seconds).toFixed(2)}× the parse-only baseline (goal ≥ 0.8×), peak ${cli.cli.peakMb.toFixed(0)} MB (goal < 150 MB)`);
log(`Build: ${buildSeconds.toFixed(1)} s (goal < 15 s)`);

log("\nThe callback service under hostile load (bench/service-load.ts):");
const service = await reportServiceLoad((line) => log(`  ${line}`));

mkdirSync(join(ROOT, ".bench"), { recursive: true });
writeChart(rows);
writeFileSync(join(ROOT, ".bench/results.json"), `${JSON.stringify({ machine, rows, goals, errors: errorRows, schemaFiles, cold, cli, buildSeconds, service }, null, 2)}\n`);
