/**
 * What a user of the schema files alone pays with Ajv, with its defaults and with `inlineRefs: false` (each
 * definition compiled once, as a function, rather than inlined at every `$ref`): the time to compile the twenty
 * shipped files, and the time per operation of the corpus (`fixtures/`, Graph's own payloads) validated with the
 * tolerant file. Run by `npm run bench` (bench/run.ts), or alone: `npx tsx bench/ajv-options.ts`.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { Ajv, type Options } from "ajv";
import addFormats from "ajv-formats";
import { ROOT } from "../scripts/root.js";
import { formatNs, time } from "./harness.js";

export interface AjvOptionsRow {
  options: string;
  compileMs: number;
  perOperationNs: number;
}

const files = ["schemas", "schemas/strict"].flatMap((folder) =>
  readdirSync(join(ROOT, folder))
    .filter((file) => file.endsWith(".schema.json"))
    .map((file) => JSON.parse(readFileSync(join(ROOT, folder, file), "utf8")) as { $id: string }),
);

/** Graph's operations in the fixtures, valid ones and not, as a service receives them. */
const operations = (JSON.parse(readFileSync(join(ROOT, "fixtures/inviteParticipantsOperation.json"), "utf8")) as { fixtures: { payload: unknown }[] }).fixtures.map(
  (fixture) => fixture.payload,
);

function measure(name: string, options: Options): AjvOptionsRow {
  const started = performance.now();
  const ajv = new Ajv({ strict: false, ...options });
  addFormats.default(ajv);
  for (const file of files) ajv.addSchema(file);
  for (const file of files) ajv.getSchema(file.$id);
  const compileMs = performance.now() - started;
  const validate = ajv.getSchema(files.find((file) => file.$id.endsWith("/schemas/inviteParticipantsOperation.schema.json"))!.$id)!;
  const all = (list: unknown) => {
    let valid = 0;
    for (const value of list as unknown[]) if (validate(value)) valid += 1;
    return valid;
  };
  const perOperationNs = time(all, operations).ns / operations.length;
  return { options: name, compileMs, perOperationNs };
}

export function measureAjvOptions(log: (line: string) => void): AjvOptionsRow[] {
  // A fresh Ajv each: the second compiles nothing the first left behind.
  const rows = [measure("defaults", {}), measure("inlineRefs: false", { inlineRefs: false })];
  log(`(${files.length} files compiled; ${operations.length} operations of fixtures/ validated with the tolerant file)`);
  log("| Ajv options | compile every file | per corpus operation |");
  log("|---|---:|---:|");
  for (const row of rows) log(`| ${row.options} | ${(row.compileMs / 1000).toFixed(2)} s | ${formatNs(row.perOperationNs)} |`);
  return rows;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) measureAjvOptions(console.log);
