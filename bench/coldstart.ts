// Cold start: a fresh Node.js process for each run, timing import (or schema compilation) and one validation.
import { spawnSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { build } from "esbuild";
import { ROOT } from "../scripts/root.js";
import { median } from "./harness.js";

const payload = JSON.stringify({ status: "running", participants: [{ identity: { user: { id: "278405a3-f568-4b3e-b684-009193463064" } } }] });
const out = join(ROOT, ".bench");

const invalid = JSON.stringify({ status: "running", participants: [{ identity: { user: { id: 5 } } }] });

/**
 * Each script prints the milliseconds from its first import to the end of its first validation. The package's
 * own cost is timed with its built module imported by path (dist/src/), with a valid and an invalid first value. Imported by
 * name, as an application does, the time adds what Node.js spends resolving a first bare specifier, which a
 * package of one line shows.
 */
const timed = (importing: string, validating: string, verdict: string) => `
const start = performance.now();
const { validateInviteParticipantsOperation } = await import(${importing});
const result = validateInviteParticipantsOperation(${validating});
const ms = performance.now() - start;
console.log(JSON.stringify({ ms, valid: ${verdict} }));`;
const scripts = {
  "graph-invite-participants (import + validate)": timed(JSON.stringify(join(ROOT, "dist/src/index.js")), payload, "result.valid"),
  "graph-invite-participants (import + validate an invalid value)": timed(
    JSON.stringify(join(ROOT, "dist/src/index.js")),
    invalid,
    'result.errors[0].path === "/participants/0/identity/user/id"',
  ),
  "graph-invite-participants imported by name (import + validate)": timed(
    '"graph-invite-participants"',
    payload,
    `result.valid && import.meta.resolve("graph-invite-participants") === ${JSON.stringify(pathToFileURL(join(ROOT, "dist/src/index.js")).href)}`,
  ),
  "a package of one line, imported by name (what any import costs)": `
const start = performance.now();
const { valid } = await import("one-line-package");
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
  const oneLine = join(out, "node_modules/one-line-package");
  mkdirSync(oneLine, { recursive: true });
  writeFileSync(join(oneLine, "package.json"), JSON.stringify({ name: "one-line-package", type: "module", exports: { ".": "./index.js" } }));
  writeFileSync(join(oneLine, "index.js"), "export const valid = true;\n");
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
      if (valid !== true) throw new Error(`${name}: the cold-start payload did not get the verdict expected`);
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
