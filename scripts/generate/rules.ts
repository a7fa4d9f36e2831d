/**
 * The package's own rules, as data: what the schema writer (schema-rules.ts, schema-subtypes.ts) means by the nodes it writes for them. The
 * shipped files state each rule in JSON Schema's words (an `if`/`then`/`else`, an `allOf` of subtype groups, an
 * `anyOf`); the writer marks each such node with its rule here, and the checks' generator (checks/) reads the rule
 * from the mark instead of recognising it by the node's keys. A mark is kept in a WeakMap by the node's identity, so
 * it lives as long as the schemas generated in this process.
 */
import type { Family } from "../graph-metadata.js";
import type { Schema } from "./schema-tree.js";

/** A family whose subtypes are dispatched on (rule 12). */
type SubtypeFamily = Extract<Family, "identity" | "identitySet">;

export type Rule =
  /**
   * Rule 12, on a family root's schema: `if` its label is absent or one of `labels` (the root's own), `then` the
   * root's closure (strict mode), `else` a `$ref` to the family's table.
   */
  | { rule: "dispatch"; family: SubtypeFamily; labels: string[] }
  /** Rule 12's table, on its definition: an `allOf` with one `if`/`then` per group of subtypes with the same properties. */
  | { rule: "subtypes"; family: SubtypeFamily; groups: string[][] }
  /** Rule 9, on an invited participant's `identity`: an `anyOf` with one branch per member that may name someone. */
  | { rule: "namesSomeone"; members: string[] }
  /** Rule 7, on a notification's schema: an `anyOf` with one branch per name the resource may be given by. */
  | { rule: "namesResource"; names: string[] };

const RULES = new WeakMap<object, Rule>();

/** Marks a node the writer wrote for a rule; returns the node. */
export function mark<T extends Schema>(node: T, rule: Rule): T {
  RULES.set(node, rule);
  return node;
}

/** The rule a node was written for, if any. */
export function ruleOf(node: unknown): Rule | undefined {
  return typeof node === "object" && node !== null ? RULES.get(node) : undefined;
}

/** A copy of a node (`{ ...node, title }`) keeps the node's rule. */
export function carry<T extends Schema>(from: Schema, to: T): T {
  const rule = RULES.get(from);
  if (rule !== undefined) RULES.set(to, rule);
  return to;
}
