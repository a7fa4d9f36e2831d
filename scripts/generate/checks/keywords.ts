/**
 * The vocabulary of the checks' generator: the keywords it knows, JSON Schema's types as tests of a value, the
 * keyword groups in Ajv's order, and small pure helpers on schemas and names.
 */
import assert from "node:assert/strict";
import { escapeSegment, isPrintable } from "../../../src/validators/text.js";
import { literal } from "../code.js";
import { isObject, type Schema } from "../schema-tree.js";
import { nameInGraph, labelsOf } from "../../../src/validators/graph-names.js";

/** Keywords that say nothing about validity. */
export const ANNOTATIONS = new Set(["title", "description", "$schema", "$id", "definitions", "$comment"]);
/** Keywords the generator turns into checks. */
export const KNOWN = new Set([
  ...["type", "enum", "$ref", "anyOf", "allOf", "if", "then", "else"],
  ...["minimum", "maximum", "minLength", "maxLength", "pattern", "minItems", "maxItems", "items"],
  ...["properties", "required", "additionalProperties", "patternProperties", "propertyNames"],
]);

/** JSON Schema's types as tests of a value, as Ajv tests them with `strictNumbers` (what `strict: true` sets). */
export const TYPE_TEST: Record<string, (v: string) => string> = {
  // src/validators/read.ts says what an object is.
  object: (v) => `isObject(${v})`,
  array: (v) => `Array.isArray(${v})`,
  string: (v) => `typeof ${v} === "string"`,
  integer: (v) => `(typeof ${v} === "number" && Number.isInteger(${v}))`,
  number: (v) => `(typeof ${v} === "number" && isFinite(${v}))`,
  boolean: (v) => `typeof ${v} === "boolean"`,
  null: (v) => `${v} === null`,
};

/** The keywords of each type's group, in Ajv's order; a group runs only on a value of its type. */
export const GROUPS: [type: string, keywords: string[]][] = [
  ["number", ["maximum", "minimum"]],
  ["string", ["maxLength", "minLength", "pattern"]],
  ["array", ["maxItems", "minItems", "items"]],
  ["object", ["required", "propertyNames", "additionalProperties", "properties", "patternProperties"]],
];

/** Where a value stands for the code checking it: the expression that reads it, and its segment from the current place. */
export interface At {
  v: string;
  /** A JavaScript expression for its path segment below the report's current place, or undefined when it is the place itself. */
  segment: string | undefined;
}

/**
 * A declared property's path segment, as the report's path holds it: escaped as JSON Pointer writes it. The
 * report takes these as printable in messages (`Report.name` is for the names read from a value).
 */
export function segmentOf(name: string): string {
  assert.ok(isPrintable(name), `checks: the property name ${JSON.stringify(name)} needs escaping in a message`);
  return literal(escapeSegment(name));
}

/**
 * Whether a label holds against the schema of `@odata.type` as the generator writes it: a string, of at most its
 * `maxLength`, in its `enum` or matching its `pattern`. Any other keyword: no (the shortcut that relies on it is
 * then refused at build time).
 */
export function holdsLabel(schema: Schema | boolean, label: string): boolean {
  if (schema === true) return true;
  if (!isObject(schema) || !Object.keys(schema).every((key) => ["type", "enum", "pattern", "maxLength"].includes(key) || ANNOTATIONS.has(key))) return false;
  if (schema.type !== undefined && schema.type !== "string") return false;
  if (Array.isArray(schema.enum) && !schema.enum.includes(label)) return false;
  if (typeof schema.pattern === "string" && !new RegExp(schema.pattern, "u").test(label)) return false;
  return typeof schema.maxLength !== "number" || label.length <= schema.maxLength;
}

/** An enum's values as code: a literal, or a pure call of `graphNames` for a long list of Graph's type names. */
export function listText(values: unknown[]): string {
  const half = values.length / 2;
  const names = values.slice(0, half).map((value) => (typeof value === "string" && value.startsWith("#") ? nameInGraph(value) : undefined));
  const graphNames =
    values.length > 8 && names.every((name) => name !== undefined && /^[A-Za-z0-9_.]+$/.test(name)) && JSON.stringify(labelsOf(names as string[])) === JSON.stringify(values);
  return graphNames ? `/* @__PURE__ */ graphNames(${literal(names.join(" "))})` : literal(values);
}

/** Whether two schemas check a value alike: the same keywords, annotations aside, type and enum lists in any order. */
export function sameCheck(a: Schema | boolean, b: Schema | boolean): boolean {
  const normal = (schema: Schema | boolean): string => {
    if (!isObject(schema)) return JSON.stringify(schema);
    const entries = Object.entries(schema)
      .filter(([key]) => !ANNOTATIONS.has(key))
      .map(([key, value]) => [
        key,
        (key === "type" || key === "enum") && Array.isArray(value)
          ? value.map((item) => JSON.stringify(item)).sort()
          : key === "anyOf" && Array.isArray(value)
            ? value.map((branch) => normal(branch as Schema))
            : value,
      ]);
    return JSON.stringify(entries.sort(([x], [y]) => String(x).localeCompare(String(y))));
  };
  return normal(a) === normal(b);
}
