// Cold start: a fresh Node.js process for each run, timing import (or schema compilation) and one validation.
import { spawnSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { build } from "esbuild";
import { ROOT } from "../scripts/root.js";
import { median } from "./harness.js";

const payload = JSON.stringify({ status: "running", participants: [{ identity: { user: { id: "278405a3-f568-4b3e-b684-009193463064" } } }] });
const out = join(ROOT, ".bench");

/** Each script prints the milliseconds from its first import to the end of its first validation. */
const scripts = {
  "graph-invite-participants (import + validate)": `
const start = performance.now();
const { validateInviteParticipantsOperation } = await import(${JSON.stringify(join(ROOT, "dist/src/index.js"))});
const valid = validateInviteParticipantsOperation(${payload}).valid;
console.log(JSON.stringify({ ms: performance.now() - start, valid }));`,
  "Ajv (import, read and compile the schema file, validate)": `
const start = performance.now();
const { Ajv } = await import("ajv");
const { readFileSync } = await import("node:fs");
const schema = JSON.parse(readFileSync(${JSON.stringify(join(ROOT, "schemas/inviteParticipantsOperation.schema.json"))}, "utf8"));
const valid = new Ajv().compile(schema)(${payload});
console.log(JSON.stringify({ ms: performance.now() - start, valid }));`,
  "zod 4 (import, build the schema, validate)": `
const start = performance.now();
const { inviteParticipantsOperation } = await import("./zod.mjs");
const valid = inviteParticipantsOperation.safeParse(${payload}).success;
console.log(JSON.stringify({ ms: performance.now() - start, valid }));`,
};
export type ColdStartContender = keyof typeof scripts;

export async function measureColdStart(log: (line: string) => void, runs = 21): Promise<Record<ColdStartContender, { ms: number; processMs: number }>> {
  mkdirSync(out, { recursive: true });
  // The zod schema is TypeScript; esbuild bundles it (with the model lists) into a module that imports zod.
  await build({ entryPoints: [join(ROOT, "bench/zod.ts")], outfile: join(out, "zod.mjs"), bundle: true, external: ["zod"], format: "esm", platform: "node", logLevel: "warning" });
  const result = {} as Record<ColdStartContender, { ms: number; processMs: number }>;
  const entries = Object.entries(scripts) as [ColdStartContender, string][];
  for (const [name, source] of entries) writeFileSync(join(out, `cold-${entries.findIndex(([n]) => n === name)}.mjs`), source);
  const samples = Object.fromEntries(entries.map(([name]) => [name, { ms: [] as number[], processMs: [] as number[] }])) as Record<
    ColdStartContender,
    { ms: number[]; processMs: number[] }
  >;
  for (let run = 0; run < runs; run += 1) {
    entries.forEach(([name], index) => {
      const started = performance.now();
      const child = spawnSync(process.execPath, [join(out, `cold-${index}.mjs`)], { cwd: out, encoding: "utf8" });
      const processMs = performance.now() - started;
      const { ms, valid } = JSON.parse(child.stdout) as { ms: number; valid: boolean };
      if (valid !== true) throw new Error(`${name}: the cold-start payload was not valid`);
      samples[name].ms.push(ms);
      samples[name].processMs.push(processMs);
    });
  }
  for (const [name] of entries) {
    result[name] = { ms: median(samples[name].ms), processMs: median(samples[name].processMs) };
    log(`  ${name}: ${result[name].ms.toFixed(1)} ms in process, ${result[name].processMs.toFixed(0)} ms for the whole process`);
  }
  return result;
}
