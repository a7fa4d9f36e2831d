// Each valid payload timed alone, in a process warmed on it alone: every property read then sees one object
// layout, as in a benchmark of one payload (not as in a service; bench/throughput.ts warms every contender on
// every layout). `npx tsx bench/single-layout.ts` after `npm run build:dist`; BENCHMARKS.md records a run.
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { ROOT } from "../scripts/root.js";
import { formatNs, time } from "./harness.js";
import { handwritten } from "./handwritten.js";
import { valid } from "./payloads.js";
import { check as typebox } from "./typebox.js";

const CONTENDERS = ["graph-invite-participants, tolerant", "TypeBox TypeCompiler", "hand-written, tolerant"] as const;
type Contender = (typeof CONTENDERS)[number];
type Payload = keyof typeof valid;

async function timeAlone(contender: Contender, payload: Payload): Promise<number> {
  const run =
    contender === "TypeBox TypeCompiler"
      ? (value: unknown) => typebox.Check(value)
      : contender === "hand-written, tolerant"
        ? handwritten
        : ((await import(pathToFileURL(join(ROOT, "dist/src/index.js")).href)) as { isInviteParticipantsOperation: (value: unknown) => boolean }).isInviteParticipantsOperation;
  const value = valid[payload];
  const started = performance.now();
  while (performance.now() - started < 1000) run(value);
  return time(run, value, { samples: 9, sampleMs: 20 }).ns;
}

if (process.argv[2] !== undefined) {
  console.log(JSON.stringify(await timeAlone(process.argv[2] as Contender, process.argv[3] as Payload)));
} else {
  const rounds = 3;
  console.log(`Each valid payload alone, warmed on it alone (fastest of ${rounds} processes each, interleaved):`);
  for (const payload of Object.keys(valid) as Payload[]) {
    const best = new Map<Contender, number>();
    for (let round = 0; round < rounds; round += 1) {
      for (const contender of CONTENDERS) {
        const child = spawnSync(process.execPath, [join(ROOT, "node_modules/tsx/dist/cli.mjs"), join(ROOT, "bench/single-layout.ts"), contender, payload], { encoding: "utf8" });
        if (child.status !== 0) throw new Error(`timing ${contender} on ${payload} failed: ${child.stderr}`);
        best.set(contender, Math.min(best.get(contender) ?? Number.POSITIVE_INFINITY, JSON.parse(child.stdout) as number));
      }
    }
    console.log(`  ${payload}: ${CONTENDERS.map((contender) => `${contender} ${formatNs(best.get(contender)!)}`).join(", ")}`);
  }
}
