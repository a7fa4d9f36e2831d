import { describe, expect, it } from "vitest";
import { MODES, api, ruleCases, runtimeAjv } from "./support.js";

const firstErrorAjv = runtimeAjv();
const allErrorsAjv = runtimeAjv({ allErrors: true });

describe.each(MODES)("rules in %s mode", (mode) => {
  it.each(ruleCases)("$rule: $description", (testCase) => {
    const expected = testCase[mode];
    const validator = api[mode].validators[testCase.type];
    const result = validator.validate(testCase.data);
    if (expected === true) {
      expect(result.errors).toEqual([]);
      expect(result.valid).toBe(true);
    } else {
      expect(result.valid).toBe(false);
      expect(result.errors.map((e) => e.path)).toEqual([expected]);
      // Messages name the path (long property names are shortened in them).
      expect(result.errors[0]!.message).toContain(expected === "" ? "The value" : expected.slice(0, 200));
      // A wrong value of a subtype's own property names the subtype: the @odata.type is why it is checked.
      if (testCase.subtype !== undefined)
        expect(result.errors[0]!.message).toMatch(new RegExp(`, as (?:.* or )?${testCase.subtype.replace(/\./g, "\\.")}(?: or .*)? declares it$`));
      const all = validator.validate(testCase.data, { allErrors: true });
      expect(all.errors.map((e) => e.path)).toContain(expected);
    }
    // Two paths must agree: Ajv compiling the shipped schema file at run time gives the same verdict.
    expect(firstErrorAjv(mode, testCase.type, testCase.data)).toBe(result.valid);
    expect(allErrorsAjv(mode, testCase.type, testCase.data)).toBe(result.valid);
    expect(validator.is(testCase.data)).toBe(result.valid);
  });
});

describe("modes", () => {
  it("anything strict mode accepts, tolerant mode accepts", () => {
    for (const testCase of ruleCases) {
      if (api.strict.validators[testCase.type].is(testCase.data)) expect(api.tolerant.validators[testCase.type].is(testCase.data), testCase.description).toBe(true);
    }
  });

  it("the cases cover every type, and valid and invalid verdicts in both modes", () => {
    const types = new Set(ruleCases.map((c) => c.type));
    expect([...types].sort()).toEqual(Object.keys(api.tolerant.validators).sort());
    for (const mode of MODES) {
      expect(ruleCases.some((c) => c[mode] === true)).toBe(true);
      expect(ruleCases.some((c) => c[mode] !== true)).toBe(true);
    }
  });
});
