// Validation speed on the same payloads, side by side.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Ajv } from "ajv";
import { ROOT } from "../scripts/generate.js";
import * as strict from "../src/strict.js";
import * as tolerant from "../src/index.js";
import { time, formatNs } from "./harness.js";
import { invalid, valid } from "./payloads.js";
import { check as typebox } from "./typebox.js";
import { inviteParticipantsOperation as zodSchema } from "./zod.js";

const schemaFile = (path: string) => JSON.parse(readFileSync(join(ROOT, path), "utf8")) as object;

/** What a user of the schema files alone would do: Ajv with its defaults, compiling the file at run time. */
const ajvFirst = new Ajv().compile(schemaFile("schemas/inviteParticipantsOperation.schema.json"));
const ajvAll = new Ajv({ allErrors: true }).compile(schemaFile("schemas/inviteParticipantsOperation.schema.json"));

export const contenders = {
  "graph-invite-participants, tolerant": { first: (v: unknown) => tolerant.validateInviteParticipantsOperation(v).valid, all: (v: unknown) => tolerant.validateInviteParticipantsOperation(v, { allErrors: true }).valid },
  "graph-invite-participants, strict": { first: (v: unknown) => strict.validateInviteParticipantsOperation(v).valid, all: (v: unknown) => strict.validateInviteParticipantsOperation(v, { allErrors: true }).valid },
  "Ajv compiling the schema file at run time": { first: (v: unknown) => ajvFirst(v), all: (v: unknown) => ajvAll(v) },
  "zod 4": { first: (v: unknown) => zodSchema.safeParse(v).success, all: (v: unknown) => zodSchema.safeParse(v).success },
  "TypeBox TypeCompiler": { first: (v: unknown) => typebox.Check(v), all: (v: unknown) => [...typebox.Errors(v)].length === 0 },
} as const;
export type Contender = keyof typeof contenders;

/** Every contender must reach our verdict on every payload before anything is timed. */
export function checkAgreement(): void {
  for (const [name, value] of Object.entries({ ...valid, ...invalid })) {
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
  ns: Record<Contender, number>;
}

export function measureThroughput(log: (line: string) => void): ThroughputRow[] {
  const rows: ThroughputRow[] = [];
  const cases = [
    ...Object.entries(valid).map(([payload, value]) => ({ payload, value, mode: "first" as const })),
    ...Object.entries(invalid).flatMap(([payload, value]) => (["first", "all"] as const).map((mode) => ({ payload, value, mode }))),
  ];
  for (const { payload, value, mode } of cases) {
    const ns = {} as Record<Contender, number>;
    for (const [contender, run] of Object.entries(contenders) as [Contender, (typeof contenders)[Contender]][]) {
      ns[contender] = time(run[mode], value).ns;
      log(`  ${payload} (${mode === "first" ? "first error" : "all errors"}), ${contender}: ${formatNs(ns[contender])}`);
    }
    rows.push({ payload, mode, ns });
  }
  return rows;
}
