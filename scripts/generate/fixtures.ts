/**
 * The fixture files (fixtures/*.json, shipped; read by graph-invite-participants/fixtures): the corpus's real
 * payloads (test/corpus/), one file per type, and the published mistakes in fixtures/invalid.json. Each fixture
 * keeps its source and the verdicts the corpus holds; one fixture per line, so that a change reads as a diff.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { TYPES, type TypeName } from "../../src/table.js";
import { ROOT } from "../root.js";

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
export const fixturePath = (graphName: string): string => `fixtures/${graphName}.json`;

function fixtureFile(head: object, fixtures: object[]): string {
  const lines = Object.entries(head).map(([name, value]) => `  ${JSON.stringify(name)}: ${JSON.stringify(value)},`);
  return `{\n${lines.join("\n")}\n  "fixtures": [\n${fixtures.map((fixture) => `    ${JSON.stringify(fixture)}`).join(",\n")}\n  ]\n}\n`;
}

export function fixtureFiles(): Map<string, string> {
  const corpus = readdirSync(join(ROOT, "test/corpus"))
    .filter((name) => name.endsWith(".json"))
    .sort()
    .map((name) => JSON.parse(readFileSync(join(ROOT, "test/corpus", name), "utf8")) as CorpusFile);
  // One corpus today; a second one would need the repository on each fixture's source.
  if (corpus.length !== 1) throw new Error(`fixtures: expected one corpus file in test/corpus/, found ${corpus.length}`);
  const { repository, license, entries } = corpus[0]!;
  const head = (comment: string) => ({ $comment: comment, repository, license });
  const fixture = (entry: CorpusEntry) => ({ strict: entry.strict, source: { ...entry.source, at: entry.at }, payload: entry.data });
  const files = new Map<string, string>();
  for (const { name, graphName } of TYPES) {
    const sent = entries.filter((entry) => entry.type === name && entry.sentByGraph !== false);
    const comment = `Real ${graphName} payloads as Graph sends or takes them (every one valid in tolerant mode; strict: true or the path of its first issue), with their sources: \`at\` is where each stands in its page's payload.`;
    files.set(fixturePath(graphName), fixtureFile(head(comment), sent.map(fixture)));
  }
  const invalid = entries.filter((entry) => entry.sentByGraph === false).map((entry) => ({ type: entry.type, why: entry.why, tolerant: entry.tolerant, ...fixture(entry) }));
  files.set(fixturePath("invalid"), fixtureFile(head("Published examples that are not what Graph sends, each with why and the path of its first issue in each mode."), invalid));
  return files;
}
