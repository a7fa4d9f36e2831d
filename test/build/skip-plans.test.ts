// Which arrays Ajv's code may read from the rejected item on (scripts/generate/fast-path.ts, skipPlans): only
// where leaving out the valid items before it changes nothing Ajv's code reports but their indices.
import { describe, expect, it } from "vitest";
import { skipPlansOf } from "../../scripts/generate/fast-path.js";

const item = { type: "object", properties: { id: { type: "string" } }, required: ["id"] };
const list = { type: "array", items: { $ref: "#/definitions/Item" } };
const plans = (root: Record<string, unknown>, more: Record<string, unknown> = {}) =>
  skipPlansOf({ Item: item, ...more, Root: root } as never, "Root").map((plan) => plan.map(([, keys]) => keys.join("/")));

describe("skip plans", () => {
  it("follow a plain array at the top, and one inside an object under it", () => {
    expect(plans({ type: "object", properties: { items: list } })).toEqual([["items"]]);
    const outer = { type: "object", properties: { batch: { type: "array", items: { $ref: "#/definitions/Holder" } } } };
    const holder = { type: "object", properties: { data: { $ref: "#/definitions/Inner" } } };
    const inner = { type: "object", properties: { items: list } };
    expect(plans(outer, { Holder: holder, Inner: inner })).toEqual([["batch"], ["batch", "data/items"]]);
  });

  it("leave out an array another keyword reads as a whole: its length bounds, a nullable union", () => {
    expect(plans({ type: "object", properties: { items: { ...list, maxItems: 5 } } })).toEqual([]);
    expect(plans({ type: "object", properties: { items: { anyOf: [list, { type: "null" }] } } })).toEqual([]);
  });

  it("leave out an array that another schema at the same place reads otherwise", () => {
    const other = { type: "object", properties: { items: { type: "array", items: { type: "string" } } } };
    expect(plans({ type: "object", properties: { items: list }, allOf: [{ $ref: "#/definitions/Other" }] }, { Other: other })).toEqual([]);
  });

  it("keep an array in an object that a schema there closes without declaring it, or bounds its names: the views keep every name, in order", () => {
    const closed = { type: "object", properties: { id: { type: "string" } }, additionalProperties: false };
    expect(plans({ type: "object", properties: { items: list }, anyOf: [{ $ref: "#/definitions/Closed" }] }, { Closed: closed })).toEqual([["items"]]);
    expect(plans({ type: "object", properties: { items: list }, additionalProperties: false })).toEqual([["items"]]);
    const bounded = { type: "object", propertyNames: { maxLength: 3 } };
    expect(plans({ type: "object", properties: { items: list }, anyOf: [{ $ref: "#/definitions/Bounded" }] }, { Bounded: bounded })).toEqual([["items"]]);
  });

  it("leave out an array whose value another schema there reads under a pattern of names", () => {
    const patterned = { type: "object", patternProperties: { "^it": { type: "array", maxItems: 3 } } };
    expect(plans({ type: "object", properties: { items: list }, anyOf: [{ $ref: "#/definitions/Patterned" }] }, { Patterned: patterned })).toEqual([]);
  });

  it("leave out loops that two routes record alike", () => {
    const inner = { type: "object", properties: { items: list } };
    const root = { type: "object", properties: { a: { $ref: "#/definitions/Inner" }, b: { $ref: "#/definitions/Inner" } } };
    expect(plans(root, { Inner: inner })).toEqual([]);
  });
});
