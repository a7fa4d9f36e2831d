/**
 * Rule 12's table of subtypes as the generated code holds it: one constant per table (each group's subtypes and
 * own properties: JSON types, enum values, the function of a member declared as another type), which the runtime
 * (src/validators/subtypes.ts) reads for the verdict and the report alike.
 */
import assert from "node:assert/strict";
import { literal } from "../code.js";
import type { Schema } from "../schema-tree.js";
import { listText, sameCheck } from "./keywords.js";
import type { Planner } from "./planner.js";
import { nullableRef } from "./shapes.js";
import { nameInGraph, labelsOf } from "../../../src/validators/graph-names.js";

/** Rule 12's table as written: its constant, and what each output needs of its groups. */
export interface SubtypeTable {
  /** The constant the runtime (src/validators/subtypes.ts) reads. */
  table: string;
  /** The names each group takes from its root (closed groups), or undefined. */
  rootNames: string[] | undefined;
  /** Each group's subtypes, and its `then`. */
  groups: { names: string[]; then: Schema; own: [string, Schema][] }[];
}

/** An array literal of the expressions, trailing `undefined`s left out and the others left as holes (a bundle's bytes). */
function tuple(items: string[]): string {
  const kept = [...items];
  while (kept.at(-1) === "undefined") kept.pop();
  return `[${kept.map((item) => (item === "undefined" ? "" : item)).join(", ")}]`;
}

/**
 * Rule 12's table (`members`: its groups), written once as a constant both outputs' runtime (src/validators/subtypes.ts)
 * reads. `onRef`: called with each nullable `$ref` a group's property has and the number of its function.
 */
export function subtypeTable(planner: Planner, members: Schema[], onRef?: (ref: Schema, verdict: number) => void): SubtypeTable {
  // Verdict and report share one table: the marks come from the root the `allOf` belongs to, however it is reached.
  const rootProperties = planner.rootOf(members);
  const thens = members.map((member) => member.then as Schema);
  const closedOnes = thens.filter((then) => then.additionalProperties === false);
  assert.ok(closedOnes.length === 0 || closedOnes.length === thens.length, "checks: subtype groups both open and closed");
  const same = (values: unknown[], what: string) => {
    assert.ok(new Set(values.map((value) => JSON.stringify(value))).size <= 1, `checks: subtype groups that differ in ${what}`);
    return values[0];
  };
  const entriesOf = (then: Schema) => Object.entries((then.properties ?? {}) as Record<string, Schema | true>);
  const rootNames = same(
    closedOnes.map((then) =>
      entriesOf(then)
        .filter(([, property]) => property === true)
        .map(([name]) => name),
    ),
    "their root's names",
  ) as string[] | undefined;
  const patternProperties = same(
    closedOnes.map((then) => then.patternProperties),
    "their annotations",
  ) as Record<string, Schema> | undefined;
  const maxName = same(
    closedOnes.map((then) => (then.propertyNames as Schema | undefined)?.maxLength),
    "their longest names",
  ) as number | undefined;
  const [pattern, patternSchema] = patternProperties === undefined ? [] : Object.entries(patternProperties)[0]!;
  if (patternSchema !== undefined) assert.equal(JSON.stringify(patternSchema), '{"type":"string"}', "checks: subtype annotations other than strings");
  const ownOf = (then: Schema) => {
    const found = entriesOf(then);
    if (rootNames !== undefined)
      assert.deepEqual(
        found.slice(0, rootNames.length).map(([name]) => name),
        rootNames,
        "checks: a subtype group that does not declare its root's names first",
      );
    return found.filter(([, property]) => property !== true) as [string, Schema][];
  };
  const refOf = (property: Schema) => (Array.isArray(property.anyOf) ? planner.resolve(nullableRef(property.anyOf as Schema[])!.$ref as string) : undefined);
  const groups = members.map((member, index) => {
    const labels = ((member.if as Schema).properties as Record<string, Schema>)["@odata.type"]!.enum as string[];
    const names = labels.slice(0, labels.length / 2).map((label) => nameInGraph(label) ?? label);
    assert.deepEqual(labels, labelsOf(names), "checks: a subtype group's labels");
    return { names, then: thens[index]!, own: ownOf(thens[index]!) };
  });
  const texts = groups.map(({ names, own }) => {
    const properties = own.map(([name, property]) => {
      const types = property.type === undefined ? "undefined" : planner.constant(literal(([] as unknown[]).concat(property.type)), "t");
      const values = Array.isArray(property.enum) ? planner.constant(`/* @__PURE__ */ new Set(${planner.constant(listText(property.enum as unknown[]), "l")})`) : "undefined";
      const ref = refOf(property);
      const verdict = ref === undefined ? undefined : planner.functionFor(ref, planner.verdict);
      if (ref !== undefined) onRef?.(ref, verdict!);
      // The root's loop has checked a property it declares alike (only where the label was read in that loop).
      const byRoot = rootProperties !== undefined && Object.hasOwn(rootProperties, name) && sameCheck(rootProperties[name]!, property);
      return tuple([literal(name), types, values, verdict === undefined ? "undefined" : `f${verdict}`, byRoot ? "true" : "undefined"]);
    });
    return `[${literal(names)}, [${properties.join(", ")}]]`;
  });
  const annotation = pattern === undefined ? "undefined" : planner.constant(`/* @__PURE__ */ new RegExp(${literal(pattern)}, "u")`);
  const fields = [`groups: [${texts.join(", ")}]`, ...(rootNames === undefined ? [] : [`rootNames: ${literal(rootNames)}`])];
  if (annotation !== "undefined") fields.push(`annotation: ${annotation}`);
  if (maxName !== undefined) fields.push(`maxName: ${maxName}`);
  const table = planner.constant(`{ ${fields.join(", ")} }`, "s");
  return { table, rootNames, groups };
}
