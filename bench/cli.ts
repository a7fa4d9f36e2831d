// The command line over a large NDJSON file, against a baseline that only reads the lines and parses them.
import { spawn } from "node:child_process";
import { createWriteStream, existsSync, openSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { ROOT } from "../scripts/root.js";

const out = join(ROOT, ".bench");

/** Writes `lines` payloads, one per line (valid operations, every thousandth one invalid), once. */
async function ndjsonFile(lines: number): Promise<string> {
  const path = join(out, `operations-${lines}.ndjson`);
  if (existsSync(path)) return path;
  const stream = createWriteStream(path);
  for (let index = 0; index < lines; index += 1) {
    const status = index % 1000 === 999 ? "String" : index % 2 === 0 ? "running" : "Completed";
    const line = `{"@odata.type":"#microsoft.graph.inviteParticipantsOperation","id":"op-${index}","status":"${status}","clientContext":"ctx-${index}","participants":[{"identity":{"user":{"id":"u-${index}","displayName":"User ${index}"}}}]}\n`;
    if (!stream.write(line)) await new Promise<void>((resolve) => stream.once("drain", () => resolve()));
  }
  await new Promise<void>((resolve) => stream.end(() => resolve()));
  return path;
}

/**
 * The baseline: stream the file with the command line's read size (1 MiB), split it into lines, JSON.parse
 * each. It reads text (Node's UTF-8 decoder) where the command line reads bytes, and keeps a partial line as a
 * string; it prints nothing.
 */
const BASELINE = `
import { createReadStream } from "node:fs";
let carry = "", count = 0;
const stream = createReadStream(process.argv[2], { highWaterMark: 1 << 20 });
stream.setEncoding("utf8");
for await (const data of stream) {
  const chunk = carry + data;
  let start = 0;
  for (let end = chunk.indexOf("\\n"); end !== -1; end = chunk.indexOf("\\n", start)) {
    const line = chunk.slice(start, end);
    if (line.trim() !== "") { JSON.parse(line); count += 1; }
    start = end + 1;
  }
  carry = chunk.slice(start);
}
if (carry.trim() !== "") { JSON.parse(carry); count += 1; }
console.log(count);
`;

/** Runs a command with its output to /dev/null; wall time and peak resident memory (VmHWM, polled). */
function measure(args: string[]): Promise<{ seconds: number; peakMb: number; status: number | null }> {
  return new Promise((resolve) => {
    const started = performance.now();
    const child = spawn(process.execPath, args, { stdio: ["ignore", openSync("/dev/null", "w"), "inherit"] });
    let peakKb = 0;
    const poll = setInterval(() => {
      try {
        const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, "utf8"));
        if (match) peakKb = Math.max(peakKb, Number(match[1]));
      } catch {
        // the process has just ended
      }
    }, 20);
    child.on("close", (status) => {
      clearInterval(poll);
      resolve({ seconds: (performance.now() - started) / 1000, peakMb: peakKb / 1024, status });
    });
  });
}

export interface CliResult {
  lines: number;
  megabytes: number;
  /** The fastest run of each (on a shared machine noise only adds time; the ratio is taken from these), and the highest peak of any. */
  baseline: { seconds: number; peakMb: number };
  cli: { seconds: number; peakMb: number; status: number | null };
  /** Every round: the baseline, then the command line, one process each. */
  rounds: { baseline: number; cli: number }[];
}

const fastest = <T extends { seconds: number }>(runs: T[]): T => runs.reduce((best, run) => (run.seconds < best.seconds ? run : best));

/**
 * `rounds` rounds, each running the baseline and then the command line: the machine's speed drifts over
 * seconds, so one run of each can land in different speeds; in turn, both see the same ones.
 */
export async function measureCli(log: (line: string) => void, lines = 1_000_000, rounds = 5): Promise<CliResult> {
  const path = await ndjsonFile(lines);
  const baselineScript = join(out, "baseline.mjs");
  writeFileSync(baselineScript, BASELINE);
  const baselines: Awaited<ReturnType<typeof measure>>[] = [];
  const clis: Awaited<ReturnType<typeof measure>>[] = [];
  for (let round = 0; round < rounds; round += 1) {
    baselines.push(await measure([baselineScript, path]));
    clis.push(await measure([join(ROOT, "dist/src/bin.js"), "validate", "--ndjson", path]));
    // One line in a thousand is invalid: anything but 1 is a run that did not do the work.
    if (baselines.at(-1)!.status !== 0 || clis.at(-1)!.status !== 1) throw new Error(`a command line run ended with ${baselines.at(-1)!.status} / ${clis.at(-1)!.status}`);
  }
  const megabytes = statSync(path).size / 1e6;
  const baseline = fastest(baselines);
  const cli = fastest(clis);
  // Peak memory: the highest of any run, for both.
  const peakOf = (runs: { peakMb: number }[]) => Math.max(...runs.map((run) => run.peakMb));
  const perRound = baselines.map((run, index) => run.seconds / clis[index]!.seconds).sort((a, b) => a - b);
  log(
    `  ${lines.toLocaleString("en-US")} lines (${megabytes.toFixed(0)} MB), fastest of ${rounds} rounds: baseline ${baseline.seconds.toFixed(2)} s, peak ${peakOf(baselines).toFixed(0)} MB; validate --ndjson ${cli.seconds.toFixed(2)} s (exit ${cli.status}), peak ${peakOf(clis).toFixed(0)} MB; within a round ${perRound[0]!.toFixed(2)}–${perRound.at(-1)!.toFixed(2)}×`,
  );
  return {
    lines,
    megabytes,
    baseline: { seconds: baseline.seconds, peakMb: peakOf(baselines) },
    cli: { seconds: cli.seconds, peakMb: peakOf(clis), status: cli.status },
    rounds: baselines.map((run, index) => ({ baseline: run.seconds, cli: clis[index]!.seconds })),
  };
}
