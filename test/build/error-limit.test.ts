// The "stop gathering at the limit" step rewrites Ajv's all-errors output: a check before each array item and
// each object key, and a loud failure on any loop it does not know.
import standaloneCode from "ajv/dist/standalone/index.js";
import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { createAjv } from "../../scripts/generate/schemas.js";
import { stopGatheringAtLimit } from "../../scripts/generate/error-code.js";

const schema = {
  type: "object",
  properties: { items: { type: "array", items: { type: "object", required: ["id"], properties: { id: { type: "string" } } } } },
  additionalProperties: false,
};

/** Ajv's all-errors standalone code for the schema, rewritten, run with the given limit. */
function compile(limit: { errors: number }) {
  const ajv = createAjv({ allErrors: true, code: { source: true, lines: true } });
  const code = stopGatheringAtLimit(standaloneCode.default(ajv, ajv.compile(schema)));
  const module = { exports: {} as { default?: ((data: unknown) => boolean) & { errors?: unknown[] } } };
  new Function("module", "exports", "require", "allErrorsLimit", code)(module, module.exports, createRequire(import.meta.url), limit);
  return module.exports.default!;
}

describe("stopGatheringAtLimit", () => {
  const value = { items: Array.from({ length: 50 }, () => ({})), a: 1, b: 2, c: 3 };

  it("gathers every error without a limit, and stops near the limit with one", () => {
    const limit = { errors: Number.POSITIVE_INFINITY };
    const validate = compile(limit);
    expect(validate(value)).toBe(false);
    expect(validate.errors).toHaveLength(53);
    limit.errors = 5;
    expect(validate(value)).toBe(false);
    expect(validate.errors!.length).toBeGreaterThanOrEqual(5);
    expect(validate.errors!.length).toBeLessThan(10);
    expect(validate({ items: [{ id: "x" }] })).toBe(true);
  });

  it("fails by name on a loop of a form it does not know", () => {
    expect(() => stopGatheringAtLimit("for(let i0=0; i0<len0; i0++){\n}\nwhile (x) {}\nfor (const v of data) {}")).toThrow(
      /stopGatheringAtLimit: 2 loops, 1 over input and 0 bounded/,
    );
    expect(() => stopGatheringAtLimit("return true;")).toThrow(/stopGatheringAtLimit: no loop over input found/);
  });
});
