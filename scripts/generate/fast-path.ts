/**
 * The fast path: for each type of one mode, a boolean function generated from the shipped schema (the one
 * users read), in the style of TypeBox's compiler: no allocation, no error reporting (a rejection in an
 * array only notes the index of the item, see MISSES), each object's keys visited once (strict mode: one
 * loop with a `switch` over the declared names, the name-length and annotation checks in its `default`). The
 * verdict comes from it; Ajv's code runs only to explain an invalid value (src/runtime.ts, src/explain.ts).
 *
 * A value is judged by what `for…in` visits, in both paths: an object's properties are the names the loop
 * visits on it (its own enumerable ones and those it inherits enumerably: what JSON text made from it would
 * carry, but for the inherited ones), each present when reading it gives something other than `undefined`; a
 * non-enumerable property, or a class's getter, is not read. Ajv's code, explaining a rejection, reads the value
 * through views that show it the same names (src/explain.ts). An object is a non-null, non-array
 * `typeof "object"`, lengths count code points. test/fast-path.test.ts holds the two paths to the same verdict
 * on every case, example and corpus payload, on seeded random values and on values that are not plain JSON.
 *
 * Reading each name where the loop visits it is what makes the fast path fast on real traffic: V8 reads such a
 * name by its place in the object's layout, where a read by name is looked up again for each of the many
 * layouts a service sees (identity sets with a user only, with a user and `application: null`, …). On a
 * workload mixing them, the fast path took a seventh of the time it took reading each declared name.
 *
 * The generator knows the keywords the shipped files use and fails the build, naming the keyword, on any
 * other, so a schema change it cannot follow never goes unnoticed.
 */
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { type Mode, TYPES, type TypeName } from "../../src/table.js";
import { isObject, type Schema, type SchemaOf } from "./schemas.js";

/**
 * The long lists of one mode's schemas (the `@odata.type` names strict mode allows: about a hundred identity
 * types), by their JSON text: each is one string exported by the fast-path module, which its own sets and the
 * error code's copies of the schemas are made from, so that an application's bundle holds each list once
 * instead of three times (in the shipped schema, in Ajv's copy and in the fast path). Named in the order the
 * schemas first use them.
 */
export function sharedLists(schemas: SchemaOf, minimumLength = 400): Map<string, string> {
  const lists = new Map<string, string>();
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) {
      for (const item of node) visit(item);
    } else if (isObject(node)) {
      for (const [key, value] of Object.entries(node)) {
        const text = key === "enum" && Array.isArray(value) ? JSON.stringify(value) : undefined;
        if (text !== undefined && text.length >= minimumLength && !lists.has(text)) lists.set(text, `list${lists.size}`);
        else visit(value);
      }
    }
  };
  for (const { name } of TYPES) visit(schemas[name]);
  return lists;
}

/**
 * A JavaScript expression that gives `text`: a string literal, or, where `text` holds shared lists, a pure call
 * of `spliced` (which the module declaring it defines) joining its parts and the lists' names.
 */
export function splicedText(text: string, lists: ReadonlyMap<string, string>): string {
  const parts: string[] = [];
  let rest = text;
  for (;;) {
    let first: { at: number; list: string; name: string } | undefined;
    for (const [list, name] of lists) {
      const at = rest.indexOf(list);
      if (at >= 0 && (first === undefined || at < first.at)) first = { at, list, name };
    }
    if (first === undefined) break;
    parts.push(JSON.stringify(rest.slice(0, first.at)), first.name);
    rest = rest.slice(first.at + first.list.length);
  }
  if (parts.length === 0) return JSON.stringify(text);
  parts.push(JSON.stringify(rest));
  return `/* @__PURE__ */ spliced(${parts.join(", ")})`;
}

/** Keywords that say nothing about validity. */
const ANNOTATIONS = new Set(["title", "description", "$schema", "$id", "definitions", "$comment"]);
/** Keywords the generator turns into checks. */
const KNOWN = new Set([
  "type",
  "enum",
  "properties",
  "required",
  "additionalProperties",
  "patternProperties",
  "propertyNames",
  "items",
  "minItems",
  "maxItems",
  "minLength",
  "maxLength",
  "pattern",
  "minimum",
  "maximum",
  "anyOf",
  "allOf",
  "if",
  "then",
  "else",
  "$ref",
]);

const TYPE_TEST: Record<string, (v: string) => string> = {
  object: (v) => `(${v} !== null && typeof ${v} === "object" && !Array.isArray(${v}))`,
  array: (v) => `Array.isArray(${v})`,
  string: (v) => `typeof ${v} === "string"`,
  // Ajv's integer: a finite number with no fraction.
  integer: (v) => `(typeof ${v} === "number" && Number.isInteger(${v}))`,
  number: (v) => `(typeof ${v} === "number" && isFinite(${v}))`,
  boolean: (v) => `typeof ${v} === "boolean"`,
  null: (v) => `${v} === null`,
};

/**
 * Ajv's own code point count (its runtime helper ucs2length), the same source the error code embeds, so that
 * both paths count a string's length alike: for minLength, maxLength and property-name bounds.
 */
const UCS2_LENGTH = `const ucs2length = (${(createRequire(import.meta.url)("ajv/dist/runtime/ucs2length") as { default: (s: string) => number }).default.toString()});`;

/**
 * A pattern check that remembers the strings it matched: a payload's `@odata.type` labels are a few names
 * repeated in every object, and looking them up first made the fast path alone 25 to 33 % faster on the
 * typical and large operations (the typical one: 1.2 µs against 1.7 µs). Only matches are remembered, so the
 * verdict is the pattern's; at most 256 strings of up to 256 characters each, so memory stays bounded whatever
 * the payloads (past that, strings are tested as before).
 */
const MATCHES = `function matches(pattern, matched, s) {
if (matched.has(s)) return true;
if (!pattern.test(s)) return false;
if (matched.size < 256 && s.length <= 256) matched.add(s);
return true;
}`;

/** An array schema with no keyword but its type and items: leaving out some of its items changes nothing else. */
function isPlainArray(schema: Schema | boolean): schema is Schema {
  if (!isObject(schema) || schema.type !== "array" || !isObject(schema.items)) return false;
  return Object.keys(schema).every((key) => key === "type" || key === "items" || ANNOTATIONS.has(key));
}

/**
 * Where the fast path last rejected an item of an array: for each loop it left on the way out of the rejection,
 * innermost first, the loop's number and the item's index. Written only on the way out (a valid value writes
 * nothing; a branch of a union or a condition that fails after writing clears it). The runtime forgets it
 * before a verdict it may have to explain and reads it after, as a plan (`planOf`): the items before each
 * rejected one are valid, so Ajv's code, which then looks for the errors, is given the value without them
 * (src/explain.ts), and an error late in a long array costs one pass of the fast path, not a second pass of
 * Ajv's code. Which loops and which property names lead to them, per type, comes from `skipPlans` below.
 */
const MISSES = `let missDepth = 0;
const missLoops = [];
const missIndices = [];
function missed(loop, index) {
missLoops[missDepth] = loop;
missIndices[missDepth] = index;
missDepth++;
return false;
}
function forgetMiss() {
missDepth = 0;
}
function planOf(plans) {
let best;
for (const plan of plans) {
if (plan.length > missDepth || (best !== undefined && plan.length <= best.length)) continue;
let same = true;
for (let i = 0; i < plan.length && same; i++) same = plan[i][0] === missLoops[missDepth - 1 - i];
if (same) best = plan;
}
return best === undefined ? undefined : best.map(([, keys], i) => ({ keys, index: missIndices[missDepth - 1 - i] }));
}`;

class Generator {
  private readonly functions: string[] = [];
  readonly definitions: Record<string, Schema>;
  private readonly constants: string[] = [];
  private readonly byText = new Map<string, string>();
  private readonly constantByText = new Map<string, string>();
  private readonly memberFunctions = new Map<string, string>();
  private counter = 0;
  /** The function whose body is being generated, and the arrays at each function's own level that record a miss. */
  private current = "";
  readonly recordedLoops = new Map<string, { property: string; loop: number }[]>();
  private loops = 0;
  /** Whether a check asks `visits` (src/visits.ts), which the module then imports. */
  usesVisits = false;

  private readonly lists: ReadonlyMap<string, string>;

  constructor(definitions: Record<string, Schema>, lists: ReadonlyMap<string, string> = new Map()) {
    this.definitions = definitions;
    this.lists = lists;
  }

  /** A module-level constant (a RegExp, a Set), shared by equal texts. */
  private constant(text: string): string {
    let name = this.constantByText.get(text);
    if (name === undefined) {
      name = `c${this.constantByText.size}`;
      this.constantByText.set(text, name);
      this.constants.push(`const ${name} = ${text};`);
    }
    return name;
  }

  private variable(): string {
    this.counter += 1;
    return `v${this.counter}`;
  }

  /** The function already generated for a schema, if any. */
  existing(schema: Schema | boolean): string | undefined {
    return this.byText.get(this.textOf(schema));
  }

  private textOf(schema: Schema | boolean): string {
    return JSON.stringify(isObject(schema) ? Object.fromEntries(Object.entries(schema).filter(([key]) => !ANNOTATIONS.has(key))) : schema);
  }

  /** Whether checking a value against the schema may record a rejected item: it holds an array somewhere. */
  mayRecord(schema: Schema | boolean, seen = new Set<unknown>()): boolean {
    if (!isObject(schema) || seen.has(schema)) return false;
    seen.add(schema);
    if (schema.type === "array" || (Array.isArray(schema.type) && schema.type.includes("array")) || schema.items !== undefined) return true;
    const target = typeof schema.$ref === "string" ? this.definitions[schema.$ref.replace(/^#\/definitions\//, "")] : undefined;
    const below = [
      target,
      ...["allOf", "anyOf", "oneOf"].flatMap((key) => (Array.isArray(schema[key]) ? (schema[key] as Schema[]) : [])),
      ...["properties", "patternProperties"].flatMap((key) => (isObject(schema[key]) ? Object.values(schema[key] as Record<string, Schema>) : [])),
      ...["if", "then", "else", "not", "additionalProperties"].map((key) => schema[key]),
    ];
    return below.some((node) => node !== undefined && this.mayRecord(node as Schema, seen));
  }

  /** The name of a function `(v) => boolean` for a schema, generated once per distinct schema. */
  functionFor(schema: Schema | boolean): string {
    // A type's file and its copies under other files' definitions differ only in their annotations.
    const text = this.textOf(schema);
    let name = this.byText.get(text);
    if (name !== undefined) return name;
    name = `f${this.byText.size}`;
    this.byText.set(text, name);
    const outer = this.current;
    this.current = name;
    const body = this.checks(schema, "v");
    this.current = outer;
    this.functions.push(`function ${name}(v) {\n${body.join("\n")}\nreturn true;\n}`);
    return name;
  }

  /** Statements that `return false` when the value in `v` breaks the schema. */
  checks(schema: Schema | boolean, v: string): string[] {
    if (schema === true) return [];
    if (schema === false) return ["return false;"];
    for (const key of Object.keys(schema))
      assert.ok(KNOWN.has(key) || ANNOTATIONS.has(key), `fast path: the keyword "${key}" is not supported; teach scripts/generate/fast-path.ts`);
    const out: string[] = [];
    if (typeof schema.$ref === "string") {
      const target = this.definitions[schema.$ref.replace(/^#\/definitions\//, "")];
      assert.ok(target, `fast path: no definition for ${schema.$ref}`);
      out.push(`if (!${this.functionFor(target)}(${v})) return false;`);
    }
    const types = schema.type === undefined ? undefined : ([] as string[]).concat(schema.type as string | string[]);
    if (types !== undefined) {
      for (const type of types) assert.ok(TYPE_TEST[type], `fast path: unknown type ${type}`);
      // An enum whose every value has one of the types says the type too: its check alone is enough.
      const ofType = types.map((type) => new Function("v", `return ${TYPE_TEST[type]!("v")};`) as (value: unknown) => boolean);
      const implied = Array.isArray(schema.enum) && (schema.enum as unknown[]).every((value) => ofType.some((test) => test(value)));
      if (!implied) out.push(`if (!(${types.map((type) => TYPE_TEST[type]!(v)).join(" || ")})) return false;`);
    }
    const only = (type: string) => types !== undefined && types.length === 1 && types[0] === type;
    const guarded = (type: string, statements: string[]) => {
      if (statements.length === 0) return;
      if (only(type)) out.push(...statements);
      else out.push(`if (${TYPE_TEST[type]!(v)}) {`, ...statements, "}");
    };
    if (Array.isArray(schema.enum)) out.push(this.enumCheck(schema.enum as unknown[], v));
    guarded("string", this.stringChecks(schema, v));
    guarded("number", this.numberChecks(schema, v));
    guarded("array", this.arrayChecks(schema, v));
    guarded("object", this.objectChecks(schema, v));
    if (Array.isArray(schema.allOf)) for (const member of schema.allOf as Schema[]) out.push(...this.checks(member, v));
    const members = Array.isArray(schema.anyOf) ? this.memberTest(schema.anyOf as Schema[], v) : undefined;
    if (members !== undefined) {
      out.push(`if (!${members}) return false;`);
    } else if (Array.isArray(schema.anyOf)) {
      const branches = schema.anyOf as Schema[];
      // A branch that fails after recording a rejection clears it before the next is tried.
      const tests = branches.map((branch, index) => {
        const test = isObject(branch) && Object.keys(branch).length === 1 && branch.type === "null" ? `${v} === null` : `${this.functionFor(branch)}(${v})`;
        return index > 0 && this.mayRecord(branches[index - 1]!) ? `(missDepth = 0, ${test})` : test;
      });
      out.push(`if (!(${tests.join(" || ")})) return false;`);
    }
    if (schema.if !== undefined) {
      const then = schema.then === undefined ? [] : this.checks(schema.then as Schema, v);
      const otherwise = schema.else === undefined ? [] : this.checks(schema.else as Schema, v);
      const cleared = this.mayRecord(schema.if as Schema) ? ["missDepth = 0;"] : [];
      out.push(`if (${this.functionFor(schema.if as Schema)}(${v})) {`, ...then, "} else {", ...cleared, ...otherwise, "}");
    }
    return out;
  }

  /**
   * A union of three or more branches that each require one property of an object, every such property with
   * the same schema and nothing else (strict and tolerant requests: "an invited participant names someone"):
   * one function that tries each name in turn, instead of a function per branch (a fifth of the code). It passes
   * exactly when some branch does: the value is an object with one of the names present and valid.
   */
  private memberTest(branches: Schema[], v: string): string | undefined {
    if (branches.length < 3) return undefined;
    const names: string[] = [];
    let memberText: string | undefined;
    for (const branch of branches) {
      if (!isObject(branch) || branch.type !== "object" || !Object.keys(branch).every((key) => ["type", "required", "properties"].includes(key) || ANNOTATIONS.has(key)))
        return undefined;
      const required = branch.required;
      const properties = branch.properties;
      if (!Array.isArray(required) || required.length !== 1 || !isObject(properties) || Object.keys(properties).length !== 1) return undefined;
      const name = required[0] as string;
      if (!Object.hasOwn(properties, name)) return undefined;
      const text = this.textOf(properties[name] as Schema);
      if ((memberText !== undefined && text !== memberText) || this.mayRecord(properties[name] as Schema)) return undefined;
      memberText = text;
      names.push(name);
    }
    const check = this.functionFor((branches[0]!.properties as Record<string, Schema>)[names[0]!]!);
    const key = `${JSON.stringify(names)} ${check}`;
    let name = this.memberFunctions.get(key);
    if (name === undefined) {
      name = `m${this.memberFunctions.size}`;
      this.memberFunctions.set(key, name);
      // The names read where a `for…in` loop visits them, as every object's checks read them (objectChecks).
      this.functions.push(
        [
          `function ${name}(v) {`,
          `if (!${TYPE_TEST.object!("v")}) return false;`,
          "for (const k in v) {",
          "switch (k) {",
          ...names.map((member) => `case ${JSON.stringify(member)}:`),
          "{",
          "const m = v[k];",
          `if (m !== undefined && ${check}(m)) return true;`,
          "}",
          "}",
          "}",
          "return false;",
          "}",
        ].join("\n"),
      );
    }
    return `${name}(${v})`;
  }

  private enumCheck(values: unknown[], v: string): string {
    for (const value of values) assert.ok(value === null || typeof value === "string" || typeof value === "number" || typeof value === "boolean", "fast path: enum of objects");
    if (values.length <= 8) return `if (!(${values.map((value) => `${v} === ${JSON.stringify(value)}`).join(" || ")})) return false;`;
    const list = this.lists.get(JSON.stringify(values));
    // Made from a shared list, the set is a call a bundler must be told it may drop (a literal needs no telling).
    const set = list === undefined ? `new Set(${JSON.stringify(values)})` : `/* @__PURE__ */ new Set(/* @__PURE__ */ JSON.parse(${list}))`;
    return `if (!${this.constant(set)}.has(${v})) return false;`;
  }

  private stringChecks(schema: Schema, v: string): string[] {
    const out: string[] = [];
    // A string of n UTF-16 units has between n / 2 and n code points: count only when that leaves a doubt.
    if (typeof schema.maxLength === "number") out.push(`if (${v}.length > ${schema.maxLength} && ucs2length(${v}) > ${schema.maxLength}) return false;`);
    if (typeof schema.minLength === "number") out.push(`if (${v}.length < ${2 * schema.minLength} && ucs2length(${v}) < ${schema.minLength}) return false;`);
    if (typeof schema.pattern === "string") {
      const pattern = this.constant(`new RegExp(${JSON.stringify(schema.pattern)}, "u")`);
      out.push(`if (!matches(${pattern}, ${this.constant(`new Set() /* the strings ${pattern} matched */`)}, ${v})) return false;`);
    }
    return out;
  }

  private numberChecks(schema: Schema, v: string): string[] {
    const out: string[] = [];
    if (typeof schema.minimum === "number") out.push(`if (${v} < ${schema.minimum}) return false;`);
    if (typeof schema.maximum === "number") out.push(`if (${v} > ${schema.maximum}) return false;`);
    return out;
  }

  private arrayChecks(schema: Schema, v: string): string[] {
    const out: string[] = [];
    if (typeof schema.minItems === "number") out.push(`if (${v}.length < ${schema.minItems}) return false;`);
    if (typeof schema.maxItems === "number") out.push(`if (${v}.length > ${schema.maxItems}) return false;`);
    if (schema.items !== undefined) {
      assert.ok(!Array.isArray(schema.items), "fast path: tuple items");
      const item = this.variable();
      const checks = this.checks(schema.items as Schema, item);
      if (checks.length > 0) out.push(`for (let i = 0; i < ${v}.length; i++) {`, `const ${item} = ${v}[i];`, ...checks, "}");
    }
    return out;
  }

  /** An array's type check and a loop over its items that calls `missed` with the index of the first invalid one. */
  private recordingLoop(property: string, schema: Schema, v: string): string[] {
    const loop = this.loops++;
    this.recordedLoops.set(this.current, [...(this.recordedLoops.get(this.current) ?? []), { property, loop }]);
    const item = this.functionFor(schema.items as Schema);
    return [`if (!(${TYPE_TEST.array!(v)})) return false;`, `for (let i = 0; i < ${v}.length; i++) {`, `if (!${item}(${v}[i])) return missed(${loop}, i);`, "}"];
  }

  /**
   * An object's checks: one `for…in` loop over its names, with a `switch` over the declared ones. Each declared
   * name is read where the loop visits it (V8 then reads it by its place in the object's layout, where a read by
   * name looks it up again for every layout a service sees); a required one counts when its value is not
   * `undefined`. Names nobody declared go to the `default`: strict mode's name-length and annotation checks.
   */
  private objectChecks(schema: Schema, v: string): string[] {
    const properties = (isObject(schema.properties) ? schema.properties : {}) as Record<string, Schema | boolean>;
    const required = new Set((schema.required as string[] | undefined) ?? []);
    const patterns = (isObject(schema.patternProperties) ? schema.patternProperties : {}) as Record<string, Schema>;
    const names = isObject(schema.propertyNames) ? (schema.propertyNames as Schema) : undefined;
    const closed = schema.additionalProperties === false;
    assert.ok(schema.additionalProperties === undefined || typeof schema.additionalProperties === "boolean", "fast path: additionalProperties as a schema");
    if (names !== undefined) assert.deepEqual(Object.keys(names), ["maxLength"], "fast path: propertyNames other than maxLength");
    const maxName = names?.maxLength as number | undefined;
    for (const name of Object.keys(properties)) {
      for (const pattern of Object.keys(patterns)) assert.ok(!new RegExp(pattern, "u").test(name), `fast path: declared ${name} matches ${pattern}`);
      assert.ok(maxName === undefined || name.length <= maxName, `fast path: declared ${name} is longer than propertyNames allows`);
    }
    const key = this.variable();
    const count = required.size > 0 ? this.variable() : undefined;
    // An array at the function's own level records where its first invalid item is, so that Ajv's code,
    // explaining the value, may leave out the items before it (see MISSES and skipPlans).
    const recording = v === "v";
    // Each declared (or required) name, with what its value must pass (nothing: a case that only stops the
    // default); names whose values pass the same checks share one case (each case reads its value in one name).
    const cases = new Map<string, { names: string[]; body: string[] }>();
    const declared = [...Object.keys(properties), ...[...required].filter((name) => !Object.hasOwn(properties, name))];
    const value = this.variable();
    for (const name of declared) {
      const property = Object.hasOwn(properties, name) ? properties[name]! : true;
      const checks = recording && isPlainArray(property) ? this.recordingLoop(name, property, value) : this.checks(property, value);
      const counted = required.has(name) ? [`${count}++;`] : [];
      const body = checks.length + counted.length === 0 ? [] : [`const ${value} = ${v}[${key}];`, `if (${value} !== undefined) {`, ...counted, ...checks, "}"];
      const text = body.join("\n");
      const same = cases.get(text);
      if (same === undefined) cases.set(text, { names: [name], body });
      else same.names.push(name);
    }
    const undeclared: string[] = [];
    if (maxName !== undefined) undeclared.push(`if (${key}.length > ${maxName} && ucs2length(${key}) > ${maxName}) return false;`);
    for (const [pattern, valueSchema] of Object.entries(patterns)) {
      // Every OData annotation names "@odata."; the regular expression runs only on names that do.
      const hint = pattern.includes("@odata\\.") ? `${key}.includes("@odata.") && ` : "";
      const item = this.variable();
      undeclared.push(
        `if (${hint}${this.constant(`new RegExp(${JSON.stringify(pattern)}, "u")`)}.test(${key})) {`,
        `const ${item} = ${v}[${key}];`,
        ...this.checks(valueSchema, item),
        "continue;",
        "}",
      );
    }
    if (closed) undeclared.push("return false;");
    // Tolerant mode: a declared name with nothing to check needs no case, and an object with none no loop.
    const used = [...cases.values()].filter(({ body }) => undeclared.length > 0 || body.length > 0);
    if (used.length === 0 && undeclared.length === 0) return [];
    // One or two names and nothing for the others (a condition on `@odata.type`, a required name): each read by
    // name, and asked whether for…in visits it, since starting a loop over an object of many names lists them
    // all (about 15 ms for 80,000), where this reads one.
    if (undeclared.length === 0 && used.flatMap(({ names }) => names).length <= 2) {
      this.usesVisits = true;
      return [
        ...(count === undefined ? [] : [`let ${count} = 0;`]),
        // The case's body without its read and its test for undefined, which the read by name takes over.
        ...used.flatMap(({ names, body }) =>
          names.flatMap((name) => {
            const literal = JSON.stringify(name);
            return ["{", `const ${value} = ${v}[${literal}];`, `if (${value} !== undefined && visits(${v}, ${literal})) {`, ...body.slice(2, -1), "}", "}"];
          }),
        ),
        ...(count === undefined ? [] : [`if (${count} !== ${required.size}) return false;`]),
      ];
    }
    return [
      ...(count === undefined ? [] : [`let ${count} = 0;`]),
      `for (const ${key} in ${v}) {`,
      `switch (${key}) {`,
      ...used.flatMap(({ names, body }) => [...names.map((name) => `case ${JSON.stringify(name)}:`), ...(body.length === 0 ? ["break;"] : ["{", ...body, "break;", "}"])]),
      ...(undeclared.length > 0 ? ["default: {", ...undeclared, "}"] : []),
      "}",
      "}",
      ...(count === undefined ? [] : [`if (${count} !== ${required.size}) return false;`]),
    ];
  }

  source(): string {
    return [...this.constants, UCS2_LENGTH, MATCHES, MISSES, ...this.functions].join("\n");
  }
}

/** A loop of the fast path and the property names that lead to its array from the item of the loop before. */
type PlanStep = [loop: number, keys: string[]];

/**
 * For one type, the arrays whose valid items Ajv's code may leave out when it explains a rejection: each plan is
 * the loops, outermost first, that a rejection leaves recorded, and the property names between them. An array
 * is left out only where that changes nothing Ajv's code reports but the items' indices, which holds when:
 * - every schema that applies at the array's place (through `$ref`, `allOf`, `anyOf`, `if`, `then`, `else`) is
 *   an array with no keyword but `items`, the same for all of them (so the items before are valid for each);
 * - the object holding it, and each object on the way, is read the same with that property's value replaced
 *   (the runtime's views keep every name, in order): no schema there reads the object's keys as a whole;
 * - no other route through the schemas leaves the same loops recorded (then the plan could point elsewhere).
 */
function skipPlans(generator: Generator, root: Schema): PlanStep[][] {
  const definitions = generator.definitions;
  /** Set when a value under names no plan can follow (patterns, additionalProperties) may record a rejection. */
  let opaque = false;
  const applying = (schemas: (Schema | boolean | undefined)[]): Schema[] => {
    const out: Schema[] = [];
    const visit = (node: unknown) => {
      if (!isObject(node) || out.includes(node as Schema)) return;
      out.push(node as Schema);
      if (typeof node.$ref === "string") visit(definitions[node.$ref.replace(/^#\/definitions\//, "")]);
      for (const key of ["allOf", "anyOf", "oneOf"]) if (Array.isArray(node[key])) for (const member of node[key] as unknown[]) visit(member);
      for (const key of ["if", "then", "else", "not"]) visit(node[key]);
    };
    for (const schema of schemas) visit(schema);
    return out;
  };
  /** What the schemas at an object read of its property `name`, and whether replacing its value is safe there. */
  const readersOf = (at: Schema[], name: string) => {
    const values: Schema[] = [];
    let safe = true;
    for (const schema of at) {
      const properties = (isObject(schema.properties) ? schema.properties : {}) as Record<string, Schema>;
      const patterns = Object.entries((isObject(schema.patternProperties) ? schema.patternProperties : {}) as Record<string, Schema>)
        .filter(([pattern]) => new RegExp(pattern, "u").test(name))
        .map(([, value]) => value);
      if (Object.hasOwn(properties, name)) values.push(properties[name]!);
      values.push(...patterns);
      if (!Object.hasOwn(properties, name) && patterns.length === 0 && isObject(schema.additionalProperties)) values.push(schema.additionalProperties as Schema);
      if (["minProperties", "maxProperties", "dependencies", "dependentRequired", "dependentSchemas", "unevaluatedProperties"].some((key) => key in schema)) safe = false;
      for (const value of [...Object.values((isObject(schema.patternProperties) ? schema.patternProperties : {}) as Record<string, Schema>), schema.additionalProperties])
        if (isObject(value) && generator.mayRecord(value as Schema)) opaque = true;
    }
    return { values: applying(values), safe };
  };
  const isArraySchema = (schema: Schema) => schema.type === "array" || schema.items !== undefined || (Array.isArray(schema.type) && schema.type.includes("array"));
  const isObjectSchema = (schema: Schema) => schema.type === "object" || isObject(schema.properties) || (Array.isArray(schema.type) && schema.type.includes("object"));
  const routes = new Map<string, Set<string>>(); // loops recorded → the routes that record them
  const plans = new Map<string, PlanStep[]>();
  const walk = (at: Schema[], keys: string[], steps: PlanStep[], route: string, approved: boolean, depth: number) => {
    assert.ok(depth < 32, "fast path: schemas nested too deeply to plan");
    const names = new Set(at.flatMap((schema) => (isObject(schema.properties) ? Object.keys(schema.properties) : [])));
    for (const name of names) {
      const { values, safe } = readersOf(at, name);
      const arrays = values.filter(isArraySchema);
      if (arrays.length > 0) {
        const items = applying(arrays.map((array) => array.items as Schema | undefined));
        const plain = values.every((value) => isPlainArray(value) && JSON.stringify(value.items) === JSON.stringify(arrays[0]!.items));
        const loops = new Set(
          at.flatMap((schema) => {
            const fn = generator.existing(schema);
            return (fn === undefined ? [] : (generator.recordedLoops.get(fn) ?? [])).filter((loop) => loop.property === name).map((loop) => loop.loop);
          }),
        );
        if (loops.size === 0) walk(items, [...keys, name, "*"], steps, `${route}/${name}/*`, false, depth + 1);
        for (const loop of loops) {
          const next: PlanStep[] = [...steps, [loop, [...keys, name]]];
          const sequence = next.map(([id]) => id).join(",");
          const path = `${route}/${name}[${loop}]`;
          routes.set(sequence, (routes.get(sequence) ?? new Set()).add(path));
          const kept = approved && safe && plain && loops.size === 1;
          if (kept) plans.set(sequence, next);
          walk(items, [], next, path, kept, depth + 1);
        }
      }
      const objects = values.filter(isObjectSchema);
      if (objects.length > 0) walk(values, [...keys, name], steps, `${route}/${name}`, approved && safe, depth + 1);
    }
  };
  walk(applying([root]), [], [], "", true, 0);
  if (opaque) return [];
  // A plan is kept when its loops, and those of each plan it extends, are recorded by one route only.
  const unique = (steps: PlanStep[]) =>
    steps.every(
      (_, end) =>
        routes.get(
          steps
            .slice(0, end + 1)
            .map(([id]) => id)
            .join(","),
        )?.size === 1,
    );
  return [...plans.values()].filter(unique);
}

/** The plans of one schema among its definitions, as the module below would hold them (for tests). */
export function skipPlansOf(definitions: Record<string, Schema>, name: string): PlanStep[][] {
  const generator = new Generator(definitions);
  generator.functionFor(definitions[name]!);
  return skipPlans(generator, definitions[name]!);
}

/** The fast path of one mode: its generator, with every type's function made, and each type's skip plans. */
function generated(schemas: SchemaOf) {
  // Every file carries its definitions; they are the same schema wherever they appear (the build asserts it).
  const definitions: Record<string, Schema> = {};
  for (const { name } of TYPES) Object.assign(definitions, (schemas[name].definitions as Record<string, Schema> | undefined) ?? {}, { [name]: schemas[name] });
  const lists = sharedLists(schemas);
  const generator = new Generator(definitions, lists);
  const functions = TYPES.map(({ name }) => [name, generator.functionFor(definitions[name]!)] as const);
  const plans = new Map(TYPES.map(({ name }) => [name, skipPlans(generator, definitions[name]!)]));
  return { lists, generator, functions, plans };
}

/**
 * The fast path of one mode: the ES module exporting `fast`, the boolean function of each type, and the types
 * whose explanation may read the value from the item the fast path rejected (they have skip plans). The
 * generated API gives their checkers the code that does it (`withoutValidPrefix` in src/explain.ts), and only
 * theirs, so that a bundle of another type leaves it out.
 */
export function fastPath(schemas: SchemaOf, mode: Mode): { module: string; typesWithSkipPlans: Set<TypeName> } {
  const { lists, generator, functions, plans: plansOf } = generated(schemas);
  const prefix = (name: TypeName) => {
    const plans = plansOf.get(name)!;
    return `{ forget: forgetMiss, read: () => ${plans.length === 0 ? "undefined" : `planOf(${JSON.stringify(plans)})`} }`;
  };
  const typesWithSkipPlans = new Set([...plansOf].filter(([, plans]) => plans.length > 0).map(([name]) => name));
  const module = [
    `// Generated by scripts/build.ts from the ${mode} schema files. Do not edit: run \`npm run build:schemas\`.`,
    ...(generator.usesVisits ? ['import { visits } from "../visits.js";'] : []),
    "/** The long lists of the schemas, as JSON: the sets below and the error code's copies of the schemas are made from them. */",
    ...[...lists].map(([text, name]) => `export const ${name} = ${JSON.stringify(text)};`),
    generator.source(),
    "/** The verdict of each type, as a boolean: no errors, no allocation. One export per type, so that a bundler keeps only the ones used. */",
    ...functions.map(([name, fn]) => `export const ${name} = ${fn};`),
    "/** Per type: forgets, and reads, which items of which arrays the last rejection found valid before an invalid one. */",
    ...functions.map(([name]) => `export const ${name}Prefix = ${prefix(name)};`),
    "/** All of them, by type name. */",
    `export const fast = { ${functions.map(([name]) => name).join(", ")} };`,
    "",
  ].join("\n");
  return { module, typesWithSkipPlans };
}

export const FAST_PATH_DECLARATIONS = `// Generated by scripts/build.ts from the schema files. Do not edit: run \`npm run build:schemas\`.
import type { ValidPrefix } from "../runtime.js";
import type { TypeName } from "../table.js";
${TYPES.map(({ name }) => `/** The verdict for ${name}, as a boolean: no errors, no allocation. */\nexport declare const ${name}: (value: unknown) => boolean;`).join("\n")}
/** All of them, by type name. */
export declare const fast: Record<TypeName, (value: unknown) => boolean>;
${TYPES.map(({ name }) => `/** ${name}: where the last rejection was, as far as valid items may be left out. */\nexport declare const ${name}Prefix: ValidPrefix;`).join("\n")}
`;
