// Each valid payload timed alone, in a process warmed on it alone: every property read then sees one object
// layout, as in a benchmark of one payload (not as in a service; bench/throughput.ts warms every contender on
// every layout). `npx tsx bench/single-layout.ts` after `npm run build:dist`; BENCHMARKS.md records a run.
// typia's `is` joins when bench/typia is built (typia compiles at build time, with TypeScript 5 and ts-patch):
// `npm --prefix bench/typia ci && npm --prefix bench/typia run build`.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { ROOT } from "../scripts/root.js";
import { formatNs, time } from "./harness.js";
import { handwritten } from "./handwritten.js";
import { mixed, valid } from "./payloads.js";
import { check as typebox } from "./typebox.js";

const TYPIA = join(ROOT, "bench/typia/dist/bench/typia/check.js");
const CONTENDERS = ["graph-invite-participants, tolerant", "TypeBox TypeCompiler", "hand-written, tolerant", ...(existsSync(TYPIA) ? ["typia 12 is"] : [])] as const;
type Contender = (typeof CONTENDERS)[number];
/** Each valid payload alone; and, for the contenders that check types alone, the mixed workload beside it. */
type Payload = keyof typeof valid | "mixed";

async function checkOf(contender: Contender): Promise<(value: unknown) => boolean> {
  if (contender === "TypeBox TypeCompiler") return (value: unknown) => typebox.Check(value);
  if (contender === "hand-written, tolerant") return handwritten;
  if (contender === "typia 12 is") return ((await import(pathToFileURL(TYPIA).href)) as { is: (value: unknown) => boolean }).is;
  return ((await import(pathToFileURL(join(ROOT, "dist/src/index.js")).href)) as { isInviteParticipantsOperation: (value: unknown) => boolean }).isInviteParticipantsOperation;
}

async function timeAlone(contender: Contender, payload: Payload): Promise<number> {
  const check = await checkOf(contender);
  // The mixed workload: its 200 payloads in turn, in one call; the time per payload is returned.
  const many = payload === "mixed" ? mixed.length : 1;
  const value: unknown = payload === "mixed" ? mixed : valid[payload];
  const run = payload === "mixed" ? (values: unknown) => (values as unknown[]).every(check) : check;
  if (!run(value)) throw new Error(`${contender} rejects the valid ${payload} payload`);
  const started = performance.now();
  while (performance.now() - started < 1000) run(value);
  return time(run, value, { samples: 9, sampleMs: 20 }).ns / many;
}

if (process.argv[2] !== undefined) {
  console.log(JSON.stringify(await timeAlone(process.argv[2] as Contender, process.argv[3] as Payload)));
} else {
  const rounds = 3;
  console.log(`Each valid payload alone, warmed on it alone (fastest of ${rounds} processes each, interleaved):`);
  if (!CONTENDERS.includes("typia 12 is" as Contender)) console.log("  (typia: not built; npm --prefix bench/typia ci && npm --prefix bench/typia run build)");
  for (const payload of [...Object.keys(valid), "mixed"] as Payload[]) {
    const best = new Map<Contender, number>();
    for (let round = 0; round < rounds; round += 1) {
      for (const contender of CONTENDERS) {
        const child = spawnSync(process.execPath, [join(ROOT, "node_modules/tsx/dist/cli.mjs"), join(ROOT, "bench/single-layout.ts"), contender, payload], { encoding: "utf8" });
        if (child.status !== 0) throw new Error(`timing ${contender} on ${payload} failed: ${child.stderr}`);
        best.set(contender, Math.min(best.get(contender) ?? Number.POSITIVE_INFINITY, JSON.parse(child.stdout) as number));
      }
    }
    console.log(
      `  ${payload === "mixed" ? "mixed workload (per payload, the same process warmed on it alone)" : payload}: ${CONTENDERS.map((contender) => `${contender} ${formatNs(best.get(contender)!)}`).join(", ")}`,
    );
  }
}
