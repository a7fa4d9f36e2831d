/**
 * The package's own rules as the shipped files state them, read back from their shapes: rule 12's dispatch and
 * table of subtypes, rule 9's union (an invited participant names someone), rule 7's (a notification names its
 * resource), Graph's nullable members. Every such reading is here, each a function that says which shape it reads,
 * so that the planner and both outputs ask these rather than looking at a schema's keys themselves.
 */
import { isObject, type Schema } from "../schemas.js";
import { ANNOTATIONS } from "./keywords.js";

/** Whether a schema's keywords, annotations aside, are exactly `keys`. */
export function onlyKeys(schema: Schema, keys: string[]): boolean {
  return JSON.stringify(Object.keys(schema).filter((key) => !ANNOTATIONS.has(key))) === JSON.stringify(keys);
}

/** Whether a schema accepts every value. */
export function nothingToCheck(schema: Schema | boolean): boolean {
  return schema === true || (isObject(schema) && Object.keys(schema).every((key) => ANNOTATIONS.has(key)));
}

/** The other branch of a union of two whose first is null (Graph's nullable members, null tried first). */
export function orNull(branches: Schema[]): Schema | undefined {
  return branches.length === 2 && JSON.stringify(branches[0]) === '{"type":"null"}' ? branches[1] : undefined;
}

/** The `$ref` of a nullable member (`anyOf: [{ type: "null" }, { $ref }]`). */
export function nullableRef(branches: Schema[]): Schema | undefined {
  const other = orNull(branches);
  return isObject(other) && typeof other.$ref === "string" && Object.keys(other).length === 1 ? other : undefined;
}

/** Rule 7's union: the names of a union whose every branch requires one name of an object and checks nothing else. */
export function requiredNames(branches: Schema[]): string[] | undefined {
  const names: string[] = [];
  for (const branch of branches) {
    if (!isObject(branch) || branch.type !== "object" || !Array.isArray(branch.required) || branch.required.length !== 1) return undefined;
    const name = branch.required[0] as string;
    const properties = branch.properties;
    if (!Object.keys(branch).every((key) => ["type", "required", "properties"].includes(key))) return undefined;
    if (properties !== undefined && !(isObject(properties) && Object.keys(properties).length === 1 && properties[name] === true)) return undefined;
    names.push(name);
  }
  return names;
}

/**
 * Rule 9's union: three or more branches that each require one property of an object, every such property with the
 * same schema (`textOf` says when two are the same) and nothing else. The names, and the schema they share.
 */
export function memberUnion(branches: Schema[], textOf: (schema: Schema) => string): { names: string[]; member: Schema } | undefined {
  if (branches.length < 3) return undefined;
  const names: string[] = [];
  let memberText: string | undefined;
  for (const branch of branches) {
    if (!isObject(branch) || branch.type !== "object" || !Object.keys(branch).every((key) => ["type", "required", "properties"].includes(key) || ANNOTATIONS.has(key)))
      return undefined;
    const { required, properties } = branch;
    if (!Array.isArray(required) || required.length !== 1 || !isObject(properties) || Object.keys(properties).length !== 1) return undefined;
    const name = required[0] as string;
    if (!Object.hasOwn(properties, name)) return undefined;
    const text = textOf(properties[name] as Schema);
    if (memberText !== undefined && text !== memberText) return undefined;
    memberText = text;
    names.push(name);
  }
  return { names, member: (branches[0]!.properties as Record<string, Schema>)[names[0]!]! };
}

/**
 * Rule 12's table: an `allOf` whose every member is `if` the value's `@odata.type` is one of some labels, `then`
 * a group of subtypes' properties (tolerant: `properties`; strict: closed, with the annotations' pattern), each a
 * JSON type, an enum or a nullable `$ref`.
 */
export function isSubtypeTable(members: Schema[]): boolean {
  // The JSON types src/subtypes.ts tests (TYPE_OF there).
  const tested = (property: Schema) => ([] as unknown[]).concat(property.type ?? []).every((type) => ["object", "string", "boolean", "null"].includes(type as string));
  const leaf = (property: unknown) =>
    property === true ||
    (isObject(property) &&
      ((Object.keys(property).every((key) => ["title", "type", "enum"].includes(key)) && tested(property)) ||
        (Object.keys(property).every((key) => ["title", "anyOf"].includes(key)) && Array.isArray(property.anyOf) && nullableRef(property.anyOf as Schema[]) !== undefined)));
  return members.every((member) => {
    if (!isObject(member) || JSON.stringify(Object.keys(member)) !== '["if","then"]' || !isObject(member.if) || !isObject(member.then)) return false;
    const condition = member.if as Schema;
    const label = (condition.properties as Schema | undefined)?.["@odata.type"] as Schema | undefined;
    if (JSON.stringify(Object.keys(condition)) !== '["properties"]' || !isObject(label) || JSON.stringify(Object.keys(label)) !== '["enum"]') return false;
    const then = member.then as Schema;
    const closed = then.additionalProperties === false;
    const keys = closed ? ["title", "type", "properties", "patternProperties", "propertyNames", "additionalProperties"] : ["title", "properties"];
    return Object.keys(then).every((key) => keys.includes(key)) && (!closed || then.type === "object") && Object.values((then.properties ?? {}) as Schema).every(leaf);
  });
}

/** A branch that is rule 12's table (an object's `allOf` of subtype groups alone, or a `$ref` to one): its members. */
export function subtypeMembers(sub: Schema | boolean | undefined, resolve: (ref: string) => Schema): Schema[] | undefined {
  const table = isObject(sub) && typeof sub.$ref === "string" && onlyKeys(sub, ["$ref"]) ? resolve(sub.$ref) : sub;
  const members = isObject(table) && onlyKeys(table, ["type", "allOf"]) && table.type === "object" ? (table.allOf as Schema[]) : undefined;
  return members !== undefined && isSubtypeTable(members) ? members : undefined;
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
  const condition = schema.if as Schema | undefined;
  if (schema.type !== "object" || !isObject(condition) || !onlyKeys(condition, ["properties"]) || schema.else === undefined) return undefined;
  const properties = condition.properties as Record<string, Schema | boolean>;
  const root = properties["@odata.type"];
  if (Object.keys(properties).length !== 1 || !isObject(root) || !onlyKeys(root, ["enum"]) || subtypeMembers(schema.else as Schema, resolve) === undefined) return undefined;
  const then = schema.then as Schema | undefined;
  return { labels: root.enum as string[], asRoot: then, labelled: schema.else as Schema, unlabelled: then };
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
