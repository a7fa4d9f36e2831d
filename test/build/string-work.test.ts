// The "skip needless string work" step rewrites Ajv's output: it must touch the annotation pattern and the
// maxLength helper only, and leave every other `pattern` and `minLength` to Ajv's own code.
import standaloneCode from "ajv/dist/standalone/index.js";
import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { createAjv, ODATA_ANNOTATION_PATTERN } from "../../scripts/schemas.js";
import { skipNeedlessStringWork } from "../../scripts/validators.js";

/** Ajv's standalone code (CommonJS) for a schema, as a function; `rewrite` is applied to the code first. */
function compile(schema: object, rewrite: (code: string) => string = (code) => code): (data: unknown) => boolean {
  const ajv = createAjv({ code: { source: true, lines: true } });
  const code = rewrite(standaloneCode.default(ajv, ajv.compile(schema)));
  const module = { exports: {} as { default?: (data: unknown) => boolean } };
  new Function("module", "exports", "require", code)(module, module.exports, createRequire(import.meta.url));
  return module.exports.default!;
}

const schema = {
  type: "object",
  properties: {
    clientContext: { type: "string", pattern: "^[a-z]+-[0-9]$", maxLength: 8 },
    id: { type: "string", minLength: 1 },
    "@odata.type": { enum: ["#microsoft.graph.x"] },
  },
  patternProperties: { [ODATA_ANNOTATION_PATTERN]: { type: "string" } },
  additionalProperties: false,
};

const values: unknown[] = [
  { clientContext: "abc-1" },
  { clientContext: "abc-12" },
  { clientContext: "abcdefg-1" },
  { clientContext: "😀😀😀😀😀😀-1" },
  { clientContext: "@odata.x" },
  { id: "" },
  { id: "a" },
  { "@odata.etag": "W/1" },
  { "@odata.etag": 1 },
  { "x@odata.type": "y" },
  { "@odata.type": "#microsoft.graph.x" },
  { odata: "no" },
];

describe("skipNeedlessStringWork", () => {
  it("rewrites only the annotation pattern's tests, and keeps Ajv's verdicts", () => {
    const ajv = createAjv();
    const reference = ajv.compile(schema);
    let code = "";
    const rewritten = compile(schema, (source) => (code = skipNeedlessStringWork(source)));
    expect(code).toMatch(/includes\("@odata\."\) && pattern\d+\.test/);
    // The clientContext pattern keeps Ajv's plain test.
    expect(code).toMatch(/[^(]pattern\d+\.test\(data\d*\)/);
    for (const value of values) expect(rewritten(value), JSON.stringify(value)).toBe(reference(value));
  });

  it("leaves code without the annotation pattern as Ajv wrote it, but for maxLength", () => {
    const plain = { type: "object", properties: { a: { type: "string", pattern: "^a+$", minLength: 2 } } };
    let before = "";
    let after = "";
    compile(plain, (source) => {
      before = source;
      after = skipNeedlessStringWork(source);
      return after;
    });
    expect(after).toBe(before);
  });

  it("fails by name when the annotation pattern appears twice", () => {
    const twice = `const pattern0 = new RegExp(${JSON.stringify(ODATA_ANNOTATION_PATTERN)}, "u");\nconst pattern1 = new RegExp(${JSON.stringify(ODATA_ANNOTATION_PATTERN)}, "u");\n`;
    expect(() => skipNeedlessStringWork(twice)).toThrow(/skipNeedlessStringWork/);
  });
});

describe("assertPortablePatterns", () => {
  it("accepts the shipped patterns and rejects lookaround, backreferences and named groups", async () => {
    const { assertPortablePatterns, familyPattern } = await import("../../scripts/schemas.js");
    expect(() => assertPortablePatterns({ patternProperties: { [ODATA_ANNOTATION_PATTERN]: {} }, properties: { t: { pattern: familyPattern("identity") } } })).not.toThrow();
    for (const pattern of ["^(?!@odata\\.type$)x$", "^(?<=a)b$", "^(a)\\1$", "^(?<name>a)$", "^\\p{L}+$", "^a++$"]) {
      expect(() => assertPortablePatterns({ properties: { x: { pattern } } }), pattern).toThrow(/rule 10/);
      expect(() => assertPortablePatterns({ patternProperties: { [pattern]: {} } }), pattern).toThrow(/rule 10/);
    }
  });
});
