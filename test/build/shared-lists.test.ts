// The long lists of a mode's schemas (scripts/generate/fast-path.ts, sharedLists and splicedText): each is one
// string of the fast-path module, and every text that holds one is joined from its parts and the list's name.
import { describe, expect, it } from "vitest";
import { sharedLists, splicedText } from "../../scripts/generate/fast-path.js";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { type Schema, type SchemaOf, schemaPath } from "../../scripts/generate/schemas.js";
import { ROOT } from "../../scripts/root.js";
import { type Mode, TYPES } from "../../src/table.js";

/** The shipped schema files of a mode, as the build reads them. */
const shipped = (mode: Mode): SchemaOf =>
  Object.fromEntries(TYPES.map(({ name, graphName }) => [name, JSON.parse(readFileSync(join(ROOT, schemaPath(graphName, mode)), "utf8")) as Schema])) as SchemaOf;

/** The text an expression from splicedText gives, with `spliced` and the lists as the generated module has them. */
function evaluate(expression: string, lists: ReadonlyMap<string, string>): string {
  const names = [...lists.values()];
  const texts = [...lists.keys()];
  return new Function("spliced", ...names, `return ${expression};`)((...parts: string[]) => parts.join(""), ...texts) as string;
}

describe("shared lists", () => {
  const lists = new Map([
    ['["a","b"]', "list0"],
    ['["c"]', "list1"],
  ]);

  it("give back the same text, a list standing once, twice, first, last or not at all", () => {
    for (const text of ['{"enum":["a","b"]}', '["a","b"]', '{"x":["c"],"y":["a","b"],"z":["c"]}', '{"enum":["a"]}', ""]) {
      const expression = splicedText(text, lists);
      expect(evaluate(expression, lists), text).toBe(text);
      // Each occurrence is the list's name, not its text.
      expect(expression.match(/\blist\d\b/g)?.length ?? 0, text).toBe(text.split('["a","b"]').length - 1 + text.split('["c"]').length - 1);
    }
    expect(splicedText('{"enum":["a"]}', lists)).toBe(JSON.stringify('{"enum":["a"]}'));
    expect(splicedText('{"x":["c"],"y":["a","b"]}', lists)).toBe('/* @__PURE__ */ spliced("{\\"x\\":", list1, ",\\"y\\":", list0, "}")');
  });

  it("are the long enums of the shipped schemas, each named once, in both modes", () => {
    const schemas = { strict: shipped("strict"), tolerant: shipped("tolerant") };
    const strict = sharedLists(schemas.strict);
    // Strict mode names the identity, identity-set and operation types Graph's metadata allows.
    expect(strict.size).toBeGreaterThanOrEqual(3);
    expect([...strict.keys()].some((text) => text.includes('"#microsoft.graph.teamworkUserIdentity"'))).toBe(true);
    expect(new Set(strict.values()).size).toBe(strict.size);
    for (const [text, name] of strict) {
      expect(name).toMatch(/^list\d+$/);
      expect(text.length).toBeGreaterThanOrEqual(400);
      expect(Array.isArray(JSON.parse(text))).toBe(true);
    }
    // Every file that holds one gives its text back from the parts.
    for (const { name } of TYPES) {
      const text = JSON.stringify(schemas.strict[name]);
      expect(evaluate(splicedText(text, strict), strict), name).toBe(text);
    }
    expect(sharedLists(schemas.tolerant).size).toBeGreaterThanOrEqual(1);
  });
});
