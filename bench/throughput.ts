// Validation speed on the same payloads, side by side.
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Ajv } from "ajv";
import { ROOT } from "../scripts/root.js";
import * as strict from "../src/strict.js";
import * as tolerant from "../src/index.js";
import { formatNs, time } from "./harness.js";
import { payloads, ruleCases } from "../test/support.js";
import { handwritten, handwrittenStrict } from "./handwritten.js";
import { invalid, mixed, valid } from "./payloads.js";
import { check as typebox } from "./typebox.js";
import { inviteParticipantsOperation as zodSchema } from "./zod.js";

const schemaFile = (path: string) => JSON.parse(readFileSync(join(ROOT, path), "utf8")) as object;

/** What a user of the schema files alone would do: Ajv with its defaults, compiling the file at run time. */
const ajvFirst = new Ajv().compile(schemaFile("schemas/inviteParticipantsOperation.schema.json"));
const ajvAll = new Ajv({ allErrors: true }).compile(schemaFile("schemas/inviteParticipantsOperation.schema.json"));

export const contenders = {
  "graph-invite-participants, tolerant": {
    first: (v: unknown) => tolerant.validateInviteParticipantsOperation(v).valid,
    all: (v: unknown) => tolerant.validateInviteParticipantsOperation(v, { allErrors: true }).valid,
  },
  "graph-invite-participants, strict": {
    first: (v: unknown) => strict.validateInviteParticipantsOperation(v).valid,
    all: (v: unknown) => strict.validateInviteParticipantsOperation(v, { allErrors: true }).valid,
  },
  "Ajv compiling the schema file at run time": { first: (v: unknown) => ajvFirst(v), all: (v: unknown) => ajvAll(v) },
  "zod 4": { first: (v: unknown) => zodSchema.safeParse(v).success, all: (v: unknown) => zodSchema.safeParse(v).success },
  "TypeBox TypeCompiler": { first: (v: unknown) => typebox.Check(v), all: (v: unknown) => [...typebox.Errors(v)].length === 0 },
  // The same rules written by hand (bench/handwritten.ts), reading each declared name: a verdict and no errors.
  "hand-written, tolerant": { first: handwritten, all: handwritten },
  "hand-written, strict": { first: handwrittenStrict, all: handwrittenStrict },
} as const;
export type Contender = keyof typeof contenders;

/**
 * The rule probes as operations: each rule case of an identity, an identity set or a participant (rule 12's and
 * rule 14's among them) placed in an operation's one participant, where every contender checks it.
 */
function ruleProbes(): { label: string; data: unknown }[] {
  const wrap: Partial<Record<string, (data: unknown) => unknown>> = {
    Identity: (data) => ({ status: "running", participants: [{ identity: { user: data } }] }),
    IdentitySet: (data) => ({ status: "running", participants: [{ identity: data }] }),
    InvitationParticipantInfo: (data) => ({ status: "running", participants: [data] }),
  };
  return ruleCases.flatMap((c) => (wrap[c.type] === undefined ? [] : [{ label: `${c.rule}: ${c.description}`, data: wrap[c.type]!(c.data) }]));
}

/** The contenders that implement tolerant mode's rules, and what each says of a value. */
const TOLERANT: Contender[] = ["Ajv compiling the schema file at run time", "zod 4", "TypeBox TypeCompiler", "hand-written, tolerant"];

/** Every contender must reach our verdict on every payload, and on every rule probe, before anything is timed. */
export function checkAgreement(): void {
  const disagreements: string[] = [];
  for (const probe of ruleProbes()) {
    const expected = tolerant.isInviteParticipantsOperation(probe.data);
    for (const contender of TOLERANT)
      for (const mode of ["first", "all"] as const)
        if (contenders[contender][mode](probe.data) !== expected) disagreements.push(`${contender} (${mode}) on ${probe.label}: ${!expected}`);
    if (handwrittenStrict(probe.data) !== strict.isInviteParticipantsOperation(probe.data)) disagreements.push(`hand-written, strict on ${probe.label}`);
  }
  if (disagreements.length > 0) throw new Error(`${disagreements.length} disagreements with the package on rule probes:\n${disagreements.slice(0, 40).join("\n")}`);
  // The hand-written validators, on every case, example and corpus payload, in their own mode.
  for (const p of payloads().filter((p) => p.type === "InviteParticipantsOperation")) {
    if (handwritten(p.data) !== tolerant.isInviteParticipantsOperation(p.data)) throw new Error(`the hand-written validator disagrees on ${p.label}`);
    if (handwrittenStrict(p.data) !== strict.isInviteParticipantsOperation(p.data)) throw new Error(`the hand-written strict validator disagrees on ${p.label}`);
  }
  for (const [name, value] of [...Object.entries({ ...valid, ...invalid }), ...mixed.map((value, index) => [`mixed ${index}`, value] as const)]) {
    if (name.startsWith("mixed")) {
      for (const [contender, run] of Object.entries(contenders)) if (!run.first(value)) throw new Error(`${contender} rejects ${name}`);
      continue;
    }
    const expected = tolerant.isInviteParticipantsOperation(value);
    if (expected !== name in valid) throw new Error(`payload ${name} should be ${name in valid ? "valid" : "invalid"}`);
    for (const [contender, run] of Object.entries(contenders)) {
      for (const mode of ["first", "all"] as const) {
        if (run[mode](value) !== expected) throw new Error(`${contender} (${mode}) disagrees on ${name}: ${!expected}`);
      }
    }
  }
}

export interface ThroughputRow {
  payload: string;
  mode: "first" | "all";
  /** Each contender's time per call: the fastest of its processes (one per round). */
  ns: Record<Contender, number>;
  /** Each round's times, in round order: a round times every contender back to back. */
  rounds: Record<Contender, number>[];
}

/**
 * The ratio of two contenders' times, each the fastest of its processes. The machine's slow spells last from
 * seconds to minutes (the same CPU loop took 321 to 506 ms within a minute), so a spell can fall on one
 * contender's process within a round; noise only adds time, so each contender's fastest process is its
 * undisturbed speed, as the fastest sample is within a process.
 */
export function ratio(row: ThroughputRow, numerator: Contender, denominator: Contender): number {
  return row.ns[numerator] / row.ns[denominator];
}

/**
 * The cases timed: the mixed workload (its 200 payloads in turn, time per payload), each valid payload (first
 * error), each invalid one with the first and with all errors.
 */
const CASES = [
  { payload: "mixed", value: mixed as unknown, mode: "first" as const, many: mixed.length },
  ...Object.entries(valid).map(([payload, value]) => ({ payload, value, mode: "first" as const, many: 0 })),
  ...Object.entries(invalid).flatMap(([payload, value]) => (["first", "all"] as const).map((mode) => ({ payload, value, mode, many: 0 }))),
];

/** Times one contender on every case, in this process: nanoseconds per call, in the order of CASES. */
export function timeContender(contender: Contender): number[] {
  // Warm up on every case first, as a server would be: the JIT then settles before anything is timed.
  const run = (_value: unknown, mode: "first" | "all", many: number) => {
    const check = contenders[contender][mode];
    if (many === 0) return check;
    // The mixed workload: every payload in turn, in one call; its time is divided by their number below.
    return (values: unknown) => {
      let valid = 0;
      for (const v of values as unknown[]) if (check(v)) valid += 1;
      return valid;
    };
  };
  const started = performance.now();
  while (performance.now() - started < 1000) for (const { value, mode, many } of CASES) run(value, mode, many)(value);
  return CASES.map(({ value, mode, many }) => time(run(value, mode, many), value, { samples: 9, sampleMs: 20 }).ns / Math.max(1, many));
}

/**
 * Each contender runs in a fresh process, so that no contender's code shapes the JIT's view of another's,
 * and the rounds interleave the contenders, so that a slow spell of the machine does not fall on one of them.
 * Nine rounds: a process of any contender here runs either at its speed or about twice as slow throughout
 * (the hand-written validator on the mixed workload: 2.52 to 6.17 µs over five processes), so each contender
 * needs several processes for its fastest to be one undisturbed.
 */
export function measureThroughput(log: (line: string) => void, rounds = 9): ThroughputRow[] {
  const names = Object.keys(contenders) as Contender[];
  const samples = Object.fromEntries(names.map((name) => [name, CASES.map(() => [] as number[])])) as Record<Contender, number[][]>;
  for (let round = 0; round < rounds; round += 1) {
    for (const name of names) {
      const child = spawnSync(process.execPath, [join(ROOT, "node_modules/tsx/dist/cli.mjs"), join(ROOT, "bench/throughput-child.ts"), name], { encoding: "utf8" });
      if (child.status !== 0) throw new Error(`timing ${name} failed: ${child.stderr}`);
      for (const [index, ns] of (JSON.parse(child.stdout) as number[]).entries()) samples[name][index]!.push(ns);
    }
  }
  return CASES.map(({ payload, mode }, index) => {
    const ns = Object.fromEntries(names.map((name) => [name, Math.min(...samples[name][index]!)])) as Record<Contender, number>;
    const perRound = Array.from({ length: rounds }, (_, round) => Object.fromEntries(names.map((name) => [name, samples[name][index]![round]!])) as Record<Contender, number>);
    log(
      `  ${payload}${payload === "mixed" ? " (time per payload)" : ""} (${mode === "first" ? "first error" : "all errors"}): ${names.map((name) => `${name} ${formatNs(ns[name])}`).join(", ")}`,
    );
    return { payload, mode, ns, rounds: perRound };
  });
}
