/**
 * What a rejection costs: the first error, and all errors, of an operation with 1, 50 and 1,000 participants,
 * wrong early (its `@odata.type`), in its status, in the middle (the middle participant) and late (the last
 * participant), each against the same payload made valid, the type guard's rejection, Ajv's code compiled from
 * the shipped schema file (first-error and all-errors, with its defaults and with `inlineRefs: false`), and the
 * peers that explain a rejection (TypeBox's `Errors()`, zod's `safeParse`, and typia's `validate` when bench/typia
 * is built: `npm --prefix bench/typia ci && npm --prefix bench/typia run build`; on the tolerant rows), in three
 * processes. Beside them, strict mode's commonest rejection, in processes of its own: a name the last participant
 * does not declare, misspelt, whose message names the declared name meant. Run by `npm run bench`
 * (bench/run.ts), or alone: `npx tsx bench/errors.ts`.
 */
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { Ajv } from "ajv";
import { ROOT } from "../scripts/root.js";
import { formatNs, time } from "./harness.js";
import { operation } from "./payloads.js";
import { check as typebox } from "./typebox.js";
import { inviteParticipantsOperation as zodOperation } from "./zod.js";

type Api = {
  validateInviteParticipantsOperation: (value: unknown, options?: { allErrors?: boolean }) => { valid: boolean; errors: { path: string }[] };
  isInviteParticipantsOperation: (value: unknown) => boolean;
};

export interface ErrorRow {
  participants: number;
  where: "early" | "status" | "status last" | "middle" | "late" | "undeclared" | "undeclared last";
  mode: "tolerant" | "strict";
  validNs: number;
  /** The type guard's rejection: the verdict alone, no issue. */
  guardNs: number;
  firstNs: number;
  allNs: number;
  ajvFirstNs: number;
  ajvAllNs: number;
  /** Ajv with `inlineRefs: false` (each definition one function), which the README names to users of the schema files. */
  leanFirstNs: number;
  leanAllNs: number;
  /** The peers that explain a rejection, tolerant rows only (their schemas are tolerant): TypeBox's `Errors()` (its first, and all), zod's `safeParse` (always all). */
  typeboxFirstNs?: number;
  typeboxAllNs?: number;
  zodNs?: number;
  /** typia's `validate` (every issue; typia checks the TypeScript type, which these mistakes break too), when built. */
  typiaNs?: number;
}

/** typia's validator of the package's type, built apart (typia transforms at compile time). */
const TYPIA = join(ROOT, "bench/typia/dist/bench/typia/check.js");

/** The operation with one mistake: where it stands, and the path the package must report. */
function mistaken(participants: number, where: ErrorRow["where"]): { value: unknown; path: string } {
  const value = operation(participants);
  if (where === "early") return { value: { ...value, "@odata.type": "#microsoft.graph.call" }, path: "/@odata.type" };
  // The seed page's placeholder: the operation's status, read before its participants.
  if (where === "status") return { value: { ...value, status: "String" }, path: "/status" };
  // After the participants: an object's arrays are read after its other names, so neither walk reads them first.
  if (where === "status last") {
    const { status: _status, ...rest } = value;
    return { value: { ...rest, status: "String" }, path: "/status" };
  }
  // Strict mode: a root name misspelt after the participants (Ajv reads names before values).
  if (where === "undeclared last") {
    const { clientContext, ...rest } = value;
    return { value: { ...rest, clientContxt: clientContext }, path: "/clientContxt" };
  }
  const at = where === "middle" ? Math.floor(participants / 2) : participants - 1;
  const list: Record<string, unknown>[] = [...value.participants];
  if (where === "undeclared") {
    list[at] = { ...list[at]!, replaceCallId: "x" };
    return { value: { ...value, participants: list }, path: `/participants/${at}/replaceCallId` };
  }
  list[at] = { ...list[at]!, hidden: "yes" };
  return { value: { ...value, participants: list }, path: `/participants/${at}/hidden` };
}

/** The rows of one process, of one mode's validator (a service uses one): every case warmed, then timed. */
async function timeRows(mode: ErrorRow["mode"]): Promise<ErrorRow[]> {
  const api = (await import(pathToFileURL(join(ROOT, `dist/src/${mode === "strict" ? "strict" : "index"}.js`)).href)) as Api;
  const validate = api.validateInviteParticipantsOperation;
  const guard = api.isInviteParticipantsOperation;
  const schema = JSON.parse(readFileSync(join(ROOT, `schemas/${mode === "strict" ? "strict/" : ""}inviteParticipantsOperation.schema.json`), "utf8"));
  const ajvFirst = new Ajv({ strict: false }).compile(schema);
  const ajvAll = new Ajv({ strict: false, allErrors: true }).compile(schema);
  const leanFirst = new Ajv({ strict: false, inlineRefs: false }).compile(schema);
  const leanAll = new Ajv({ strict: false, allErrors: true, inlineRefs: false }).compile(schema);
  const typia =
    mode === "tolerant" && existsSync(TYPIA) ? ((await import(pathToFileURL(TYPIA).href)) as { validate: (value: unknown) => { success: boolean } }).validate : undefined;
  const rows: ErrorRow[] = [];
  const cases = [1, 50, 1000].flatMap((participants) => {
    const valid = operation(participants);
    return (mode === "strict" ? (["undeclared", "undeclared last"] as const) : (["early", "status", "status last", "middle", "late"] as const))
      .filter((where) => participants > 1 || where !== "middle")
      .map((where) => ({ participants, where, valid, ...mistaken(participants, where) }));
  });
  // Warmed on every case first, as a service is, and as the throughput figures are: a row timed on code that has
  // seen only the rows before it measured the JIT's first guesses (0.5 µs for the first row, 0.14 µs warmed).
  const started = performance.now();
  while (performance.now() - started < 1000) {
    for (const { valid, value } of cases) {
      validate(valid);
      guard(value);
      validate(value);
      validate(value, { allErrors: true });
      ajvFirst(value);
      ajvAll(value);
      leanFirst(value);
      leanAll(value);
      if (mode === "tolerant") {
        typebox.Errors(value).First();
        [...typebox.Errors(value)];
        zodOperation.safeParse(value);
        typia?.(value);
      }
    }
  }
  for (const { participants, where, valid, value, path } of cases) {
    const first = validate(value);
    if (!validate(valid).valid) throw new Error(`errors: the ${mode} validator rejects the valid payload`);
    if (first.valid || first.errors[0]!.path !== path) throw new Error(`errors: expected ${path}, got ${JSON.stringify(first.errors[0])}`);
    if (ajvFirst(value) || ajvAll(value) || leanFirst(value) || leanAll(value)) throw new Error("errors: Ajv accepts the mistaken payload");
    if (mode === "tolerant" && (typebox.Check(value) || zodOperation.safeParse(value).success)) throw new Error(`errors: TypeBox or zod accepts the payload wrong ${where}`);
    if (typia !== undefined && (typia(value).success || !typia(valid).success)) throw new Error(`errors: typia's verdicts differ on the payload wrong ${where}`);
    const row: ErrorRow = {
      participants,
      where,
      mode,
      validNs: time((v) => validate(v).valid, valid).ns,
      guardNs: time((v) => guard(v), value).ns,
      firstNs: time((v) => validate(v).valid, value).ns,
      allNs: time((v) => validate(v, { allErrors: true }).valid, value).ns,
      ajvFirstNs: time((v) => ajvFirst(v), value).ns,
      ajvAllNs: time((v) => ajvAll(v), value).ns,
      leanFirstNs: time((v) => leanFirst(v), value).ns,
      leanAllNs: time((v) => leanAll(v), value).ns,
      ...(mode === "tolerant"
        ? {
            typeboxFirstNs: time((v) => typebox.Errors(v).First() !== undefined, value).ns,
            typeboxAllNs: time((v) => [...typebox.Errors(v)].length > 0, value).ns,
            zodNs: time((v) => !zodOperation.safeParse(v).success, value).ns,
          }
        : {}),
      ...(typia === undefined ? {} : { typiaNs: time((v) => !typia(v).success, value).ns }),
    };
    rows.push(row);
  }
  return rows;
}

/** Processes: a process keeps its JIT's view of a row; one landed at 0.6 µs for a row others time at 0.15 µs. */
const PROCESSES = 3;

/**
 * Each row in fresh processes, in turn (a mode's rows in processes of their own); each figure is the fastest of its
 * processes (noise only adds time, as in the throughput figures), and the ratios are taken from those.
 */
export async function measureErrors(log: (line: string) => void): Promise<ErrorRow[]> {
  const runs: ErrorRow[][] = [];
  for (let run = 0; run < PROCESSES; run += 1) {
    const rows = (["tolerant", "strict"] as const).flatMap((mode) => {
      const child = spawnSync(process.execPath, [join(ROOT, "node_modules/tsx/dist/cli.mjs"), fileURLToPath(import.meta.url), "--rows", mode], { encoding: "utf8" });
      if (child.status !== 0) throw new Error(`errors: a timing process failed: ${child.stderr}`);
      return JSON.parse(child.stdout) as ErrorRow[];
    });
    runs.push(rows);
  }
  const fastest = (index: number, key: keyof ErrorRow) => Math.min(...runs.map((rows) => rows[index]![key] as number));
  const rows = runs[0]!.map((row, index) => ({
    ...row,
    validNs: fastest(index, "validNs"),
    guardNs: fastest(index, "guardNs"),
    firstNs: fastest(index, "firstNs"),
    allNs: fastest(index, "allNs"),
    ajvFirstNs: fastest(index, "ajvFirstNs"),
    ajvAllNs: fastest(index, "ajvAllNs"),
    leanFirstNs: fastest(index, "leanFirstNs"),
    leanAllNs: fastest(index, "leanAllNs"),
    ...(row.mode === "tolerant" ? { typeboxFirstNs: fastest(index, "typeboxFirstNs"), typeboxAllNs: fastest(index, "typeboxAllNs"), zodNs: fastest(index, "zodNs") } : {}),
    ...(row.typiaNs === undefined ? {} : { typiaNs: fastest(index, "typiaNs") }),
  }));
  log(`(each figure the fastest of ${PROCESSES} processes, each warmed on every case)`);
  if (!rows.some((row) => row.typiaNs !== undefined)) log("(typia: not built; npm --prefix bench/typia ci && npm --prefix bench/typia run build)");
  log(
    "| participants | error | valid | isT (rejects) | first error | ÷ valid | Ajv first error ÷ ours | Ajv (inlineRefs: false) ÷ ours | TypeBox first error ÷ ours | all errors | Ajv all errors ÷ ours | Ajv (inlineRefs: false) ÷ ours | TypeBox all errors ÷ ours | zod ÷ ours | typia validate ÷ ours |",
  );
  log("|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
  const over = (peer: number | undefined, ours: number) => (peer === undefined ? "–" : (peer / ours).toFixed(2));
  for (const row of rows) {
    log(
      `| ${row.participants} | ${row.where}${row.mode === "strict" ? " (strict)" : ""} | ${formatNs(row.validNs)} | ${formatNs(row.guardNs)} | ${formatNs(row.firstNs)} | ${(row.firstNs / row.validNs).toFixed(2)}× | ${(row.ajvFirstNs / row.firstNs).toFixed(2)} | ${(row.leanFirstNs / row.firstNs).toFixed(2)} | ${over(row.typeboxFirstNs, row.firstNs)} | ${formatNs(row.allNs)} | ${(row.ajvAllNs / row.allNs).toFixed(2)} | ${(row.leanAllNs / row.allNs).toFixed(2)} | ${over(row.typeboxAllNs, row.allNs)} | ${over(row.zodNs, row.allNs)} | ${over(row.typiaNs, row.allNs)} |`,
    );
  }
  return rows;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  if (process.argv[2] === "--rows") console.log(JSON.stringify(await timeRows(process.argv[3] === "strict" ? "strict" : "tolerant")));
  else await measureErrors(console.log);
}
