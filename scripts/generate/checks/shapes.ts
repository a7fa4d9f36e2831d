/**
 * The package's own rules as the generated code needs them: rule 12's dispatch and table of subtypes, rule 9's union
 * (an invited participant names someone), rule 7's (a notification names its resource). Which node states which
 * rule is data: the schema writer marks each (scripts/generate/rules.ts), and these functions take the rule from
 * the mark, asserting that the node has the form the rule is written in (the build fails if the writer and the
 * generator disagree). No node is taken for a rule by its keys alone. Besides: Graph's nullable members, JSON
 * Schema's own idiom for `T | null` (`anyOf: [{ type: "null" }, T]`), and the closure strict mode writes.
 */
import assert from "node:assert/strict";
import { ruleOf } from "../rules.js";
import { isObject, type Schema } from "../schema-tree.js";
import { ANNOTATIONS } from "./keywords.js";

/** Whether a schema's keywords, annotations aside, are exactly `keys`. */
function onlyKeys(schema: Schema, keys: string[]): boolean {
  return JSON.stringify(Object.keys(schema).filter((key) => !ANNOTATIONS.has(key))) === JSON.stringify(keys);
}

/** Whether a schema accepts every value. */
export function nothingToCheck(schema: Schema | boolean): boolean {
  return schema === true || (isObject(schema) && Object.keys(schema).every((key) => ANNOTATIONS.has(key)));
}

/** Whether a union's branch is `{ type: "null" }` alone. */
export const isNullBranch = (branch: Schema): boolean => JSON.stringify(branch) === '{"type":"null"}';

/** The other branch of a union of two whose first is null (Graph's nullable members, null tried first). */
export function orNull(branches: Schema[]): Schema | undefined {
  return branches.length === 2 && isNullBranch(branches[0]!) ? branches[1] : undefined;
}

/** The `$ref` of a nullable member (`anyOf: [{ type: "null" }, { $ref }]`). */
export function nullableRef(branches: Schema[]): Schema | undefined {
  const other = orNull(branches);
  return isObject(other) && typeof other.$ref === "string" && Object.keys(other).length === 1 ? other : undefined;
}

/**
 * Rule 7's union, on the node the writer marked: the names the resource may be given by, each branch requiring one
 * of them and checking nothing else.
 */
export function namedUnion(node: Schema, branches: Schema[]): string[] | undefined {
  const rule = ruleOf(node);
  if (rule?.rule !== "namesResource") return undefined;
  assert.equal(branches.length, rule.names.length, "checks: rule 7's union has a branch per name");
  branches.forEach((branch, index) => {
    const name = rule.names[index]!;
    assert.deepEqual(branch, { type: "object", required: [name], properties: { [name]: true } }, `checks: rule 7's branch for ${name}`);
  });
  return rule.names;
}

/**
 * Rule 9's union, on the node the writer marked: the members that may name someone, each branch requiring one of
 * them with the same schema (`textOf` says when two are the same), and that schema.
 */
export function memberUnion(node: Schema, branches: Schema[], textOf: (schema: Schema) => string): { names: string[]; member: Schema } | undefined {
  const rule = ruleOf(node);
  if (rule?.rule !== "namesSomeone") return undefined;
  assert.equal(branches.length, rule.members.length, "checks: rule 9's union has a branch per member");
  const members = branches.map((branch, index) => {
    const name = rule.members[index]!;
    const keys = Object.keys(branch).filter((key) => !ANNOTATIONS.has(key));
    assert.deepEqual(keys, ["type", "required", "properties"], `checks: rule 9's branch for ${name}`);
    assert.deepEqual([branch.type, branch.required, Object.keys(branch.properties as Schema)], ["object", [name], [name]], `checks: rule 9's branch for ${name}`);
    return (branch.properties as Record<string, Schema>)[name]!;
  });
  assert.equal(new Set(members.map(textOf)).size, 1, "checks: rule 9's members checked alike");
  return { names: rule.members, member: members[0]! };
}

/**
 * The form of rule 12's table: an `allOf` whose every member is `if` the value's `@odata.type` is one of some labels,
 * `then` a group of subtypes' properties (tolerant: `properties`; strict: closed, with the annotations' pattern), each
 * a JSON type, an enum or a nullable `$ref`: what src/validators/subtypes.ts can read.
 */
function isSubtypeTable(members: Schema[]): boolean {
  // The JSON types src/validators/subtypes.ts tests (TYPE_OF there).
  const tested = (property: Schema) => ([] as unknown[]).concat(property.type ?? []).every((type) => ["object", "string", "boolean", "null"].includes(type as string));
  const leaf = (property: unknown) =>
    property === true ||
    (isObject(property) &&
      ((Object.keys(property).every((key) => ["title", "description", "type", "enum"].includes(key)) && tested(property)) ||
        (Object.keys(property).every((key) => ["title", "description", "anyOf"].includes(key)) &&
          Array.isArray(property.anyOf) &&
          nullableRef(property.anyOf as Schema[]) !== undefined)));
  return members.every((member) => {
    if (!isObject(member) || JSON.stringify(Object.keys(member)) !== '["if","then"]' || !isObject(member.if) || !isObject(member.then)) return false;
    const condition = member.if as Schema;
    const label = (condition.properties as Schema | undefined)?.["@odata.type"] as Schema | undefined;
    if (JSON.stringify(Object.keys(condition)) !== '["properties"]' || !isObject(label) || JSON.stringify(Object.keys(label)) !== '["enum"]') return false;
    const then = member.then as Schema;
    const closed = then.additionalProperties === false;
    const keys = closed ? ["title", "properties", "patternProperties", "propertyNames", "additionalProperties"] : ["title", "properties"];
    return Object.keys(then).every((key) => keys.includes(key)) && Object.values((then.properties ?? {}) as Schema).every(leaf);
  });
}

/** Rule 12's table (the node the writer marked, or a `$ref` to it): its groups, each an `if`/`then`. */
export function subtypeMembers(sub: Schema | boolean | undefined, resolve: (ref: string) => Schema): Schema[] | undefined {
  const table = isObject(sub) && typeof sub.$ref === "string" && onlyKeys(sub, ["$ref"]) ? resolve(sub.$ref) : sub;
  const rule = ruleOf(table);
  if (rule?.rule !== "subtypes" || !isObject(table)) return undefined;
  const members = table.allOf as Schema[];
  assert.ok(onlyKeys(table, ["type", "allOf"]) && table.type === "object" && isSubtypeTable(members), "checks: rule 12's table in a form src/validators/subtypes.ts reads");
  assert.equal(members.length, rule.groups.length, "checks: rule 12's table has a branch per group");
  return members;
}

/** The names a closed subtype group takes from its root (declared as `true`), or undefined for open groups. */
export function tableRootNames(members: Schema[]): string[] | undefined {
  const then = members[0]?.then as Schema | undefined;
  if (then?.additionalProperties !== false) return undefined;
  return Object.entries((then.properties ?? {}) as Record<string, unknown>)
    .filter(([, property]) => property === true)
    .map(([name]) => name);
}

/** Rule 12's dispatch: the root's labels, and the branches as the root, labelled otherwise, unlabelled. */
export interface LabelDispatch {
  labels: string[];
  asRoot: Schema | undefined;
  labelled: Schema;
  unlabelled: Schema | undefined;
}

/**
 * Rule 12's dispatch: `if` the object's label is absent or the root's (one name, with and without `#`: a condition
 * on `@odata.type` alone, which does not require it), `then` the root's closure (strict mode) or nothing, `else`
 * the table of subtypes.
 */
export function labelDispatch(schema: Schema, resolve: (ref: string) => Schema): LabelDispatch | undefined {
  const rule = ruleOf(schema);
  if (rule?.rule !== "dispatch") return undefined;
  assert.deepEqual(schema.if, { properties: { "@odata.type": { enum: rule.labels } } }, "checks: rule 12's condition");
  assert.ok(schema.type === "object" && subtypeMembers(schema.else as Schema, resolve) !== undefined, "checks: rule 12's dispatch to its table");
  const then = schema.then as Schema | undefined;
  return { labels: rule.labels, asRoot: then, labelled: schema.else as Schema, unlabelled: then };
}

/**
 * The annotations' pattern, when both plain branches are one closed schema declaring exactly `names` (each as
 * `true`), allowing annotations as strings and names no longer than `maxName`: what the object's loop can check.
 */
export function sameClosure(asRoot: Schema | undefined, unlabelled: Schema | undefined, names: string[], maxName: number | undefined): string | undefined {
  if (!isObject(asRoot) || JSON.stringify(asRoot) !== JSON.stringify(unlabelled) || asRoot.additionalProperties !== false) return undefined;
  const keys = Object.keys(asRoot).filter((key) => !ANNOTATIONS.has(key));
  if (JSON.stringify(keys.sort()) !== JSON.stringify(["additionalProperties", "patternProperties", "properties", "propertyNames", "type"])) return undefined;
  const properties = asRoot.properties as Record<string, unknown>;
  if (JSON.stringify(Object.keys(properties)) !== JSON.stringify(names) || !Object.values(properties).every((property) => property === true)) return undefined;
  if ((asRoot.propertyNames as Schema).maxLength !== maxName || asRoot.type !== "object") return undefined;
  const patterns = Object.entries(asRoot.patternProperties as Record<string, Schema>);
  return patterns.length === 1 && JSON.stringify(patterns[0]![1]) === '{"type":"string"}' ? patterns[0]![0] : undefined;
}
