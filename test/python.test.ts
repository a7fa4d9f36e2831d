// A tool in another language, using the shipped schema files alone, must reach our verdicts case by case.
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { expect, it } from "vitest";
import { ROOT, schemaPath } from "../scripts/generate.js";
import { TYPES } from "../src/table.js";
import { MODES, api, examples, ruleCases } from "./support.js";

/** The first Python with jsonschema: the one on PATH, else Debian's (`apt-get install python3-jsonschema`). */
function findPython(): string | undefined {
  return ["python3", "/usr/bin/python3"].find((python) => spawnSync(python, ["-c", "import jsonschema"]).status === 0);
}

it("Python's jsonschema gives our verdict on every example and rule case, in both modes", () => {
  const python = findPython();
  expect(python, "no Python with jsonschema: install it with `apt-get install python3-jsonschema` (.ci/run does)").toBeDefined();
  const graphName = (name: string) => TYPES.find((t) => t.name === name)!.graphName;
  const payloads = [
    ...examples.map((e) => ({ label: e.file, type: e.type, data: e.data })),
    ...ruleCases.map((c) => ({ label: `${c.rule}: ${c.description}`, type: c.type, data: c.data })),
  ];
  const cases = MODES.flatMap((mode) => payloads.map((p) => ({ ...p, mode, schema: schemaPath(graphName(p.type), mode) })));
  const result = spawnSync(python!, [join(ROOT, "test/python/verdicts.py")], {
    input: JSON.stringify({ cases: cases.map(({ schema, data }) => ({ schema, data })) }),
    encoding: "utf8",
    maxBuffer: 64 << 20,
  });
  expect(result.stderr).toBe("");
  const { verdicts } = JSON.parse(result.stdout) as { verdicts: boolean[] };
  expect(verdicts).toHaveLength(cases.length);
  const disagreements = cases
    .map((c, index) => ({ ...c, python: verdicts[index], ours: api[c.mode].validators[c.type].is(c.data) }))
    .filter((c) => c.python !== c.ours)
    .map((c) => `${c.mode} ${c.label}: python ${c.python}, ours ${c.ours}`);
  expect(disagreements).toEqual([]);
  // Both verdicts occur, so agreement is not trivial.
  expect(new Set(verdicts).size).toBe(2);
});
