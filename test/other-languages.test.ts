// The schema files are the package's promise to tools in other languages: four other JSON Schema
// implementations, in three languages, read the shipped files alone and must reach our verdicts on every
// example, rule case and corpus payload, in both modes. The one known dialect difference is pinned below.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { existsSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROOT, schemaPath } from "../scripts/generate.js";
import { TYPES } from "../src/validators/table.js";
import { MODES, api, payloads as allPayloads } from "./support.js";

const graphName = (name: string) => TYPES.find((t) => t.name === name)!.graphName;
const payloads = allPayloads();
const cases = MODES.flatMap((mode) => payloads.map((p) => ({ ...p, mode, schema: schemaPath(graphName(p.type), mode), ours: api[mode].validators[p.type].is(p.data) })));
const input = JSON.stringify({ root: ROOT, cases: cases.map(({ schema, data }) => ({ schema, data })) });

/**
 * Where an engine's regular expressions differ from ECMA-262 (rule 10), the cases that show it. Python's re (as
 * jsonschema uses it) and Perl let `$` match before a final newline, so a family pattern accepts a type name
 * ending in "\n" (fastjsonschema and Go's RE2 do not); strict mode's `@odata.type` lists are enums and agree
 * everywhere.
 */
const DIALECT_DIFFERENCES: Record<string, string[]> = {
  "tolerant 2. OData annotations: an identity name with a trailing newline": ["jsonschema", "json_validator"],
};

/** Runs a command with the cases on stdin; fails naming the Debian package when the toolchain is missing. */
function run(command: string, args: string[], install: string, env: NodeJS.ProcessEnv = process.env): Record<string, boolean[]> {
  const result = spawnSync(command, args, { input, encoding: "utf8", maxBuffer: 256 << 20, env });
  if (result.error !== undefined || result.status !== 0) {
    throw new Error(
      `${command} ${args.join(" ")} failed (${result.error?.message ?? result.stderr.slice(0, 500)}). Install it with \`apt-get install ${install}\` (.ci/run does).`,
    );
  }
  return JSON.parse(result.stdout) as Record<string, boolean[]>;
}

/**
 * The Debian packages these tests need, with how to tell each is there. Where one is missing, `npm test` skips
 * them with one line naming every package to install; `.ci/run` installs them and sets
 * GIP_REQUIRE_OTHER_LANGUAGES=1, which makes a missing one a failure.
 */
const TOOLCHAIN: [pkg: string, present: () => boolean][] = [
  ["python3-jsonschema", () => spawnSync("/usr/bin/python3", ["-c", "import jsonschema"]).status === 0],
  ["python3-fastjsonschema", () => spawnSync("/usr/bin/python3", ["-c", "import fastjsonschema"]).status === 0],
  ["golang-go", () => spawnSync("go", ["version"]).status === 0],
  ["golang-github-xeipuuv-gojsonschema-dev", () => existsSync("/usr/share/gocode/src/github.com/xeipuuv/gojsonschema")],
  ["libjson-validator-perl", () => spawnSync("perl", ["-MJSON::Validator", "-e", "1"]).status === 0],
];
const missing = TOOLCHAIN.filter(([, present]) => !present()).map(([pkg]) => pkg);
const required = process.env.GIP_REQUIRE_OTHER_LANGUAGES === "1";
if (missing.length > 0 && !required) console.warn(`Skipping the other-language tests: apt-get install ${missing.join(" ")}`);

const verdicts: Record<string, boolean[]> = {};
let goDir = "";

describe.skipIf(missing.length > 0 && !required)("other JSON Schema implementations", () => {
  it("finds every toolchain it needs", () => {
    expect(missing, `apt-get install ${missing.join(" ")}`).toEqual([]);
  });

  beforeAll(() => {
    if (missing.length > 0) return;
    Object.assign(verdicts, run("/usr/bin/python3", [join(ROOT, "test/other-languages/verdicts.py")], "python3-jsonschema python3-fastjsonschema"));
    goDir = mkdtempSync(join(tmpdir(), "gip-go-"));
    const goEnv = { ...process.env, GOPATH: "/usr/share/gocode", GO111MODULE: "off", GOCACHE: join(goDir, "cache") };
    const build = spawnSync("go", ["build", "-o", join(goDir, "verdicts"), join(ROOT, "test/other-languages/verdicts.go")], { encoding: "utf8", env: goEnv });
    if (build.error !== undefined || build.status !== 0) {
      throw new Error(
        `go build failed (${build.error?.message ?? build.stderr.slice(0, 500)}). Install it with \`apt-get install golang-go golang-github-xeipuuv-gojsonschema-dev\` (.ci/run does).`,
      );
    }
    Object.assign(verdicts, run(join(goDir, "verdicts"), [], "golang-go golang-github-xeipuuv-gojsonschema-dev"));
    Object.assign(verdicts, run("perl", [join(ROOT, "test/other-languages/verdicts.pl")], "libjson-validator-perl"));
  }, 120_000);

  afterAll(() => {
    if (goDir !== "") rmSync(goDir, { recursive: true, force: true });
  });

  describe.each(["jsonschema", "fastjsonschema", "gojsonschema", "json_validator"])("%s", (engine) => {
    it("gives our verdict on every example, rule case and corpus payload in both modes, but for the pinned dialect differences", () => {
      expect(verdicts[engine]).toHaveLength(cases.length);
      const disagreements = cases.filter((c, index) => verdicts[engine]![index] !== c.ours).map((c) => `${c.mode} ${c.label}`);
      const expected = Object.entries(DIALECT_DIFFERENCES)
        .filter(([, engines]) => engines.includes(engine))
        .map(([label]) => label);
      expect(disagreements).toEqual(expected);
      // Both verdicts occur, so agreement is not trivial.
      expect(new Set(verdicts[engine]).size).toBe(2);
    });
  });

  it("runs every payload in both modes", () => {
    expect(cases.length).toBeGreaterThan(1_000);
  });
});
