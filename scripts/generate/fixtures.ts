/**
 * The fixture files (fixtures/*.json, shipped; read by graph-invite-participants/fixtures): the corpus's real
 * payloads (test/corpus/), one file per type, and the published mistakes in fixtures/invalid.json. Each fixture
 * keeps its source and the verdicts the corpus holds; one fixture per line, so that a change reads as a diff.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { scenariosOf } from "../../src/test-kit/scenarios.js";
import { TYPES, type TypeName } from "../../src/validators/table.js";
import { ROOT } from "../root.js";
import { nameInGraph } from "../../src/validators/graph-names.js";

/** One payload of test/corpus/: its type, source, place in the source's payload and verdicts. */
export interface CorpusEntry {
  type: TypeName;
  source: { path: string; commit: string; date: string };
  /** Where in the source payload this object stands ("" for the payload itself). */
  at: string;
  tolerant: true | string;
  strict: true | string;
  /** false for a published example that is not what Graph sends (a placeholder, a wrong type): `why` says how. */
  sentByGraph?: false;
  why?: string;
  data: unknown;
}

/** A file of test/corpus/. */
export interface CorpusFile {
  repository: string;
  license: string;
  entries: CorpusEntry[];
}

/** The file of a type's fixtures, relative to the package root. */
const fixturePath = (graphName: string): string => `fixtures/${graphName}.json`;

function fixtureFile(head: object, fixtures: object[]): string {
  const lines = Object.entries(head).map(([name, value]) => `  ${JSON.stringify(name)}: ${JSON.stringify(value)},`);
  return `{\n${lines.join("\n")}\n  "fixtures": [\n${fixtures.map((fixture) => `    ${JSON.stringify(fixture)}`).join(",\n")}\n  ]\n}\n`;
}

/** A published page's file name without its folder and extension, and whether it is beta's. */
const pageOf = (path: string) => ({ page: path.split("/").pop()!.replace(/\.md$/, ""), beta: path.includes("/beta/") });

/** What a payload is, in a few words, for a fixture's name: a notification's change and resource, an operation's status. */
function summaryOf(type: TypeName, payload: unknown): string {
  const object = (value: unknown) => (value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined);
  const label = (value: unknown) =>
    typeof object(value)?.["@odata.type"] === "string" ? (nameInGraph(String(object(value)!["@odata.type"])) ?? String(object(value)!["@odata.type"])) : undefined;
  const state = (value: unknown) => {
    const data = object(value);
    const status = data?.status ?? data?.state;
    return typeof status === "string" ? status : undefined;
  };
  const notification = (value: unknown) => {
    const data = object(value)?.resourceData;
    return [object(value)?.changeType, Array.isArray(data) ? "array" : label(data), state(data)].filter((part) => typeof part === "string").join(" ");
  };
  if (type === "CommsNotifications") {
    const value = object(payload)?.value;
    return Array.isArray(value) ? value.map(notification).join(", ") : "";
  }
  if (type === "CommsNotification") return notification(payload);
  if (type === "InviteParticipantsOperation" || type === "CommsOperation") return [label(payload), state(payload)].filter(Boolean).join(" ");
  return "";
}

/** A fixture as its file holds it: what a test in any language needs to pick it and name it. */
interface FixtureLine {
  id: string;
  name: string;
  type: TypeName;
  valid: boolean;
  strict: true | string;
  scenarios: string[];
  source: CorpusEntry["source"] & { at: string; example: number; repository?: string };
  synthetic?: true;
  note?: string;
  why?: string;
  tolerant?: true | string;
  payload: unknown;
}

/**
 * Each entry's id and name. The id is stable while the corpus is: the type's Graph name, the page, the commit,
 * the entry's place among the payloads of its type on that page at that commit (`#2`), and where it stands. The
 * name says the same for a test's title — page, date, example, place — and what the payload is; names are unique
 * within a type (a clash, two commits of one page on one day, takes the commit).
 */
function identify(entries: (CorpusEntry & { graphName: string })[]): { id: string; name: string; example: number }[] {
  const seen = new Map<string, number>();
  const examples = entries.map((entry) => {
    const key = `${entry.type} ${entry.source.path} ${entry.source.commit} ${entry.at}`;
    const example = (seen.get(key) ?? 0) + 1;
    seen.set(key, example);
    return example;
  });
  const named = entries.map((entry, index) => {
    const { page, beta } = pageOf(entry.source.path);
    const several = (seen.get(`${entry.type} ${entry.source.path} ${entry.source.commit} ${entry.at}`) ?? 1) > 1;
    const summary = summaryOf(entry.type, entry.data);
    const place = `${beta ? "beta " : ""}${page}@${entry.source.date}${several ? ` #${examples[index]}` : ""}${entry.at === "" ? "" : ` ${entry.at}`}`;
    return {
      id: `${entry.graphName}:${beta ? "beta/" : ""}${page}@${entry.source.commit.slice(0, 7)}#${examples[index]}${entry.at}`,
      name: `${entry.type} from ${place}${summary === "" ? "" : `: ${summary}`}`,
      example: examples[index]!,
    };
  });
  const count = new Map<string, number>();
  for (const [index, { name }] of named.entries()) count.set(`${entries[index]!.type} ${name}`, (count.get(`${entries[index]!.type} ${name}`) ?? 0) + 1);
  return named.map((item, index) =>
    (count.get(`${entries[index]!.type} ${item.name}`) ?? 0) > 1 ? { ...item, name: item.name.replace(/@(\S+)/, `@$1 (${entries[index]!.source.commit.slice(0, 7)})`) } : item,
  );
}

/**
 * Payloads no public page shows, written by this package and marked `synthetic`: a failed-invite callback (the
 * docs show none; reports of real ones in public issues are not licensed for redistribution), built on the
 * completed-invite callback's shape with a resultInfo of Graph's documented form.
 */
const SYNTHETIC = [
  {
    file: "test/examples/commsNotifications.invite-failed.json",
    type: "CommsNotifications" as TypeName,
    graphName: "commsNotifications",
    note: "Synthetic: no page of Graph's docs shows a failed-invite callback. Written by this package on the shape of the docs' completed-invite callbacks, with a resultInfo of Graph's form (code 408, the invited participant did not answer).",
  },
];

export function fixtureFiles(): Map<string, string> {
  const corpus = readdirSync(join(ROOT, "test/corpus"))
    .filter((name) => name.endsWith(".json"))
    .sort()
    .map((name) => JSON.parse(readFileSync(join(ROOT, "test/corpus", name), "utf8")) as CorpusFile);
  // One corpus today; a second one would need the repository on each fixture's source.
  if (corpus.length !== 1) throw new Error(`fixtures: expected one corpus file in test/corpus/, found ${corpus.length}`);
  const { repository, license, entries } = corpus[0]!;
  const head = (comment: string) => ({ $comment: comment, repository, license });
  const graphNameOf = (type: TypeName) => TYPES.find((t) => t.name === type)!.graphName;
  const identified = identify(entries.map((entry) => ({ ...entry, graphName: graphNameOf(entry.type) })));
  const fixture = (entry: CorpusEntry, index: number): FixtureLine => ({
    id: identified[index]!.id,
    name: identified[index]!.name,
    type: entry.type,
    valid: entry.sentByGraph !== false,
    strict: entry.strict,
    scenarios: scenariosOf(entry.type, entry.data),
    source: { ...entry.source, at: entry.at, example: identified[index]!.example },
    ...(entry.sentByGraph === false ? { why: entry.why, tolerant: entry.tolerant } : {}),
    payload: entry.data,
  });
  const lines = entries.map(fixture);
  const files = new Map<string, string>();
  for (const { name, graphName } of TYPES) {
    const sent = lines.filter((line) => line.type === name && line.valid);
    for (const synthetic of SYNTHETIC.filter((candidate) => candidate.type === name)) {
      const payload = JSON.parse(readFileSync(join(ROOT, synthetic.file), "utf8")) as unknown;
      sent.push({
        id: `${synthetic.graphName}:synthetic/${synthetic.file
          .split("/")
          .pop()!
          .replace(/\.json$/, "")}`,
        name: `${name} (synthetic): ${summaryOf(name, payload)}`,
        type: name,
        valid: true,
        strict: true,
        scenarios: scenariosOf(name, payload),
        source: { repository: "graph-invite-participants", path: synthetic.file, commit: "", date: "", at: "", example: 1 },
        synthetic: true,
        note: synthetic.note,
        payload,
      });
    }
    const comment = `Real ${graphName} payloads as Graph sends or takes them (every one valid in tolerant mode; strict: true or the path of its first issue), with their sources: \`at\` is where each stands in its page's payload, \`example\` its place among the payloads of its type there. Each has a stable \`id\`, a \`name\` unique in this file and the \`scenarios\` it shows; one marked \`synthetic\` is written by this package, its \`note\` says why.`;
    // The file's type is said once, in its head; each line of invalid.json says its own.
    files.set(
      fixturePath(graphName),
      fixtureFile(
        { ...head(comment), type: name },
        sent.map(({ type: _type, ...line }) => line),
      ),
    );
  }
  const invalid = lines.filter((line) => !line.valid);
  files.set(fixturePath("invalid"), fixtureFile(head("Published examples that are not what Graph sends, each with why and the path of its first issue in each mode."), invalid));
  return files;
}
