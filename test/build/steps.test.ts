// The build's steps over Ajv's code, on a saved sample of Ajv's output (test/build/ajv-sample.js): each
// rewrites what it names, keeps Ajv's verdicts and errors, and fails by name when the code is not in the
// shape it expects. The build runs them on Ajv's live output too, with the same checks.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT } from "../../scripts/root.js";
import { appendCalleeErrorsInPlace, dropSchemaPaths, mergeDuplicateFunctions, stopGatheringAtLimit } from "../../scripts/generate/error-code.js";

const sample = readFileSync(join(ROOT, "test/build/ajv-sample.js"), "utf8");

/** Runs ESM standalone code as a function: its exports, with Ajv's require() of its runtime helpers served. */
function load(code: string): Record<string, ((data: unknown) => boolean) & { errors?: unknown[] | null }> {
  const body = code.replace(/^export const (\w+) = (\w+);$/gm, "exports.$1 = $2;").replace(/^export default \w+;$/m, "");
  const exports = {};
  new Function("exports", "require", "allErrorsLimit", body)(exports, createRequire(import.meta.url), { errors: Number.POSITIVE_INFINITY });
  return exports;
}

const values = [{ members: [] }, { members: [{}, { id: 5 }, { id: "" }], lead: {}, deputy: { id: "x" }, extra: 1 }, { lead: 1 }, "team", null, { members: [{ id: "a" }] }];
const outcome = (validators: ReturnType<typeof load>) =>
  values.map((value) => {
    const valid = validators.Team!(value);
    return { valid, errors: JSON.parse(JSON.stringify(validators.Team!.errors ?? null, (key, v) => (key === "schemaPath" ? undefined : v))) as unknown };
  });

describe("the build's steps on a saved sample of Ajv's output", () => {
  const original = outcome(load(sample));

  it("the sample has what the steps rewrite", () => {
    expect(sample.match(/\.concat\(/g)?.length).toBeGreaterThan(0);
    expect(sample.match(/schemaPath:/g)?.length).toBeGreaterThan(0);
    expect(original.some((o) => !o.valid && (o.errors as unknown[]).length > 3)).toBe(true);
  });

  it("appendCalleeErrorsInPlace leaves no concat and the same errors", () => {
    const rewritten = appendCalleeErrorsInPlace(sample);
    expect(rewritten).not.toContain(".concat(");
    expect(outcome(load(rewritten))).toEqual(original);
    expect(() => appendCalleeErrorsInPlace(`${sample}\nvErrors = vErrors.concat(other);`)).toThrow(/appendCalleeErrorsInPlace: Ajv gathers errors with a concat of another form/);
  });

  it("mergeDuplicateFunctions keeps one copy of each function and the same errors", () => {
    const rewritten = mergeDuplicateFunctions(sample);
    expect(rewritten.match(/^function validate\d+\(/gm)!.length).toBeLessThan(sample.match(/^function validate\d+\(/gm)!.length);
    expect(outcome(load(rewritten))).toEqual(original);
    expect(() => mergeDuplicateFunctions(`${sample}\nfunction validate99(data) {\nreturn true;\n}\n`)).toThrow(/mergeDuplicateFunctions: 4 functions, 3 of the expected shape/);
  });

  it("dropSchemaPaths drops every schemaPath and nothing else", () => {
    const rewritten = dropSchemaPaths(sample);
    expect(rewritten).not.toContain("schemaPath");
    expect(outcome(load(rewritten))).toEqual(original);
    expect(() => dropSchemaPaths(sample.replace(',schemaPath:"', ', schemaPath: "'))).toThrow(/dropSchemaPaths: a schemaPath of another form is left/);
  });

  it("stopGatheringAtLimit checks the limit at each item and key, and changes nothing without one", () => {
    const rewritten = stopGatheringAtLimit(appendCalleeErrorsInPlace(sample));
    expect(rewritten.match(/if \(errors >= allErrorsLimit\.errors\) break;/g)!.length).toBe(2);
    expect(outcome(load(rewritten))).toEqual(original);
  });
});
