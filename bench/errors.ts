/**
 * What a rejection costs: the first error, and all errors, of an operation with 1, 50 and 1,000 participants,
 * wrong early (its `@odata.type`), in the middle (the middle participant) and late (the last participant), each
 * against the same payload made valid, and against Ajv's code compiled from the shipped schema file (first-error
 * and all-errors). Run by `npm run bench` (bench/run.ts), or alone: `npx tsx bench/errors.ts`.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { Ajv } from "ajv";
import { ROOT } from "../scripts/root.js";
import { formatNs, time } from "./harness.js";
import { operation } from "./payloads.js";

type Api = { validateInviteParticipantsOperation: (value: unknown, options?: { allErrors?: boolean }) => { valid: boolean; errors: { path: string }[] } };

export interface ErrorRow {
  participants: number;
  where: "early" | "middle" | "late";
  validNs: number;
  firstNs: number;
  allNs: number;
  ajvFirstNs: number;
  ajvAllNs: number;
}

/** The operation with one mistake: where it stands, and the path the package must report. */
function mistaken(participants: number, where: ErrorRow["where"]): { value: unknown; path: string } {
  const value = operation(participants);
  if (where === "early") return { value: { ...value, "@odata.type": "#microsoft.graph.call" }, path: "/@odata.type" };
  const at = where === "middle" ? Math.floor(participants / 2) : participants - 1;
  const list: Record<string, unknown>[] = [...value.participants];
  list[at] = { ...list[at]!, hidden: "yes" };
  return { value: { ...value, participants: list }, path: `/participants/${at}/hidden` };
}

export async function measureErrors(log: (line: string) => void): Promise<ErrorRow[]> {
  const api = (await import(pathToFileURL(join(ROOT, "dist/src/index.js")).href)) as Api;
  const schema = JSON.parse(readFileSync(join(ROOT, "schemas/inviteParticipantsOperation.schema.json"), "utf8"));
  const ajvFirst = new Ajv({ strict: false }).compile(schema);
  const ajvAll = new Ajv({ strict: false, allErrors: true }).compile(schema);
  const rows: ErrorRow[] = [];
  log("| participants | error | valid | first error | ÷ valid | Ajv first error ÷ ours | all errors | Ajv all errors ÷ ours |");
  log("|---:|---|---:|---:|---:|---:|---:|---:|");
  for (const participants of [1, 50, 1000]) {
    const valid = operation(participants);
    for (const where of ["early", "middle", "late"] as const) {
      if (participants === 1 && where === "middle") continue;
      const { value, path } = mistaken(participants, where);
      const first = api.validateInviteParticipantsOperation(value);
      if (first.valid || first.errors[0]!.path !== path) throw new Error(`errors: expected ${path}, got ${JSON.stringify(first.errors[0])}`);
      if (ajvFirst(value) || ajvAll(value)) throw new Error("errors: Ajv accepts the mistaken payload");
      const row: ErrorRow = {
        participants,
        where,
        validNs: time((v) => api.validateInviteParticipantsOperation(v).valid, valid).ns,
        firstNs: time((v) => api.validateInviteParticipantsOperation(v).valid, value).ns,
        allNs: time((v) => api.validateInviteParticipantsOperation(v, { allErrors: true }).valid, value).ns,
        ajvFirstNs: time((v) => ajvFirst(v), value).ns,
        ajvAllNs: time((v) => ajvAll(v), value).ns,
      };
      rows.push(row);
      log(
        `| ${participants} | ${where} | ${formatNs(row.validNs)} | ${formatNs(row.firstNs)} | ${(row.firstNs / row.validNs).toFixed(2)}× | ${(row.ajvFirstNs / row.firstNs).toFixed(2)} | ${formatNs(row.allNs)} | ${(row.ajvAllNs / row.allNs).toFixed(2)} |`,
      );
    }
  }
  return rows;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) await measureErrors(console.log);
