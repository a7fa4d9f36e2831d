/**
 * JSON Schema trees as the schema writer handles them: the node type, a map over every node, and the steps that
 * tidy what typescript-json-schema writes (enum definitions inlined, nullable enums folded, null tried first,
 * camelCase values first), none of which knows Graph's rules.
 */
import assert from "node:assert/strict";
import { pointerSegments } from "../../src/validators/text.js";

export type Schema = Record<string, unknown>;

/** The Graph name (`identitySet`) of a type's TypeScript name (`IdentitySet`). */
export function graphNameOf(definitionName: string): string {
  return definitionName.charAt(0).toLowerCase() + definitionName.slice(1);
}

export const isObject = (value: unknown): value is Schema => typeof value === "object" && value !== null && !Array.isArray(value);
export const isObjectSchema = (schema: Schema | undefined): boolean => schema?.type === "object";
/** The definition a `$ref` names, or the one it points into (`#/definitions/Identity/properties/id` → `Identity`). */
export const definitionName = (ref: string): string => ref.replace(/^#\/definitions\//, "").split("/")[0]!;

/** Whether a reference points into a definition (`#/definitions/Identity/properties/id`), not to a whole one. */
export const pointsIntoDefinition = (ref: unknown): ref is string => typeof ref === "string" && /^#\/definitions\/[^/]+\/./.test(ref);

/** What a reference inside a document (`#/definitions/Identity/properties/id`) names in it, if anything. */
export function pointedTo(document: unknown, ref: string): unknown {
  assert.ok(ref.startsWith("#"), `not a reference inside the document: ${ref}`);
  // Through objects and arrays (a group of rule 12's table: `#/definitions/IdentitySubtypes/allOf/3/then`).
  return pointerSegments(ref.slice(1)).reduce<unknown>((node, segment) => (Array.isArray(node) ? node[segment as number] : isObject(node) ? node[segment] : undefined), document);
}

/** Applies `transform` to every schema node of a tree, children first. */
export function mapSchema(node: unknown, transform: (schema: Schema) => Schema): unknown {
  if (Array.isArray(node)) return node.map((item) => mapSchema(item, transform));
  if (!isObject(node)) return node;
  return transform(Object.fromEntries(Object.entries(node).map(([key, value]) => [key, mapSchema(value, transform)])));
}

/**
 * Replaces each `$ref` to a non-object definition (the OperationStatus and EndpointType enums) with the
 * definition itself: an enum reads better in place, and only object types are worth a definition.
 */
export function inlineEnumDefinitions(schema: Schema, definitions: Record<string, Schema>): Schema {
  return mapSchema(schema, (node) => {
    if (typeof node.$ref !== "string") return node;
    const target = definitions[definitionName(node.$ref)];
    assert.ok(target, `unresolved $ref ${node.$ref}`);
    if (isObjectSchema(target)) return node;
    const { $ref: _ref, ...siblings } = node;
    return { ...target, ...siblings };
  }) as Schema;
}

/**
 * typescript-json-schema writes `E | null` for an enum E as `anyOf: [E, {type: "null"}]`. That anyOf makes
 * Ajv report each branch's failure, so it is folded into the enum itself (`type: ["string", "null"]`, with
 * null among the values). Nullable objects keep their anyOf: folding them would copy the definition into
 * every place it is used; the runtime turns their errors into one message.
 */
export function foldNullableEnums(schema: Schema): Schema {
  return mapSchema(schema, (node) => {
    const anyOf = node.anyOf;
    if (!Array.isArray(anyOf) || anyOf.length !== 2 || !isObject(anyOf[1]) || anyOf[1].type !== "null") return node;
    const inner = anyOf[0] as Schema;
    if (!Array.isArray(inner.enum)) return node;
    const { anyOf: _anyOf, ...outer } = node;
    // null first: it is the common value in Graph's responses, and the generated code tries values in order.
    return { ...outer, type: [inner.type, "null"], enum: [null, ...inner.enum] };
  }) as Schema;
}

/**
 * A nullable object (`anyOf: [{ $ref }, { type: "null" }]`, as typescript-json-schema writes `T | null`) tries null
 * first: null is the common value of Graph's members (`application`, `device` and `phone` of most identity sets), and
 * a tool that tries the branches in order then stops at once, where the `$ref` fails first (Python's fastjsonschema
 * raises an exception carrying the definition for each such failure).
 */
export function nullFirst(schema: Schema): Schema {
  return mapSchema(schema, (node) => {
    const anyOf = node.anyOf;
    if (!Array.isArray(anyOf) || anyOf.length !== 2 || !isObject(anyOf[1]) || JSON.stringify(anyOf[1]) !== '{"type":"null"}') return node;
    return { ...node, anyOf: [anyOf[1], anyOf[0]] };
  }) as Schema;
}

/**
 * typescript-json-schema sorts enum values by code unit, which puts `Completed` before `completed`. Graph's
 * documentation and notifications use the camelCase spelling, so values that start in lower case come first
 * (in error messages too); the order means nothing to validation.
 */
export function camelCaseFirst(schema: Schema): Schema {
  const upper = (value: unknown) => (typeof value === "string" && /^[A-Z]/.test(value) ? 1 : 0);
  return mapSchema(schema, (node) => (Array.isArray(node.enum) ? { ...node, enum: [...node.enum].sort((a, b) => upper(a) - upper(b)) } : node)) as Schema;
}

/** The names of the definitions a schema refers to, directly or through other definitions, sorted. */
export function reachableDefinitions(schema: Schema, definitions: Record<string, Schema>): string[] {
  const found = new Set<string>();
  const visit = (node: unknown): void => {
    mapSchema(node, (child) => {
      const name = typeof child.$ref === "string" ? definitionName(child.$ref) : undefined;
      if (name !== undefined && !found.has(name)) {
        found.add(name);
        visit(definitions[name]);
      }
      return child;
    });
  };
  visit(schema);
  return [...found].sort();
}
