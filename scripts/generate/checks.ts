/**
 * The checks of one mode: for each schema, one walk of its keywords that writes two functions.
 *
 * - The **verdict** function `fN(v)` returns a boolean: a failed rule is `return false`. No allocation, and each
 *   object's names read in one `for…in` loop with a `switch` over the declared ones (V8 then reads each value by
 *   its place in the object's layout, where a read by name is looked up again for each layout a service sees).
 * - The **report** function `rN(v, r)` records each failed rule in a `Report` (src/report.ts) and goes on or
 *   returns as the report says (`r.stop`): at the first issue, or with allErrors at maxErrors.
 *
 * Both are written by the same code below, which asks an `Output` what a failed rule and a subschema become,
 * a schema's keywords in the order Ajv evaluates them: `$ref`, the type when no keyword of its own depends on
 * it, `enum`, `anyOf`, `allOf`, `if`; then numbers (`maximum`, `minimum`), strings (`maxLength`, `minLength`,
 * `pattern`), arrays (`maxItems`, `minItems`, `items`) and objects, each group under its type's test. An object's
 * names are checked as `for…in` visits them (`properties`, `propertyNames`, `additionalProperties`,
 * `patternProperties` at each name), then `required`: the first issue is the first the verdict meets, and a
 * rejection costs the walk up to it. Values are read by the rule of src/read.ts.
 *
 * The generator knows the keywords the shipped files use and fails the build, naming the keyword, on any other.
 */
import assert from "node:assert/strict";
import { type Mode, TYPES } from "../../src/table.js";
import { escapeSegment, isPrintable } from "../../src/text.js";
import { Code, literal } from "./code.js";
import { isObject, type Schema, type SchemaOf } from "./schemas.js";

/** Keywords that say nothing about validity. */
const ANNOTATIONS = new Set(["title", "description", "$schema", "$id", "definitions", "$comment"]);
/** Keywords the generator turns into checks. */
const KNOWN = new Set([
  ...["type", "enum", "$ref", "anyOf", "allOf", "if", "then", "else"],
  ...["minimum", "maximum", "minLength", "maxLength", "pattern", "minItems", "maxItems", "items"],
  ...["properties", "required", "additionalProperties", "patternProperties", "propertyNames"],
]);

/** JSON Schema's types as tests of a value, as Ajv tests them with `strictNumbers` (what `strict: true` sets). */
const TYPE_TEST: Record<string, (v: string) => string> = {
  // src/read.ts says what an object is.
  object: (v) => `isObject(${v})`,
  array: (v) => `Array.isArray(${v})`,
  string: (v) => `typeof ${v} === "string"`,
  integer: (v) => `(typeof ${v} === "number" && Number.isInteger(${v}))`,
  number: (v) => `(typeof ${v} === "number" && isFinite(${v}))`,
  boolean: (v) => `typeof ${v} === "boolean"`,
  null: (v) => `${v} === null`,
};

/** The keywords of each type's group, in Ajv's order; a group runs only on a value of its type. */
const GROUPS: [type: string, keywords: string[]][] = [
  ["number", ["maximum", "minimum"]],
  ["string", ["maxLength", "minLength", "pattern"]],
  ["array", ["maxItems", "minItems", "items"]],
  ["object", ["required", "propertyNames", "additionalProperties", "properties", "patternProperties"]],
];

/** Where a value stands for the code checking it: the expression that reads it, and its segment from the current place. */
interface At {
  v: string;
  /** A JavaScript expression for its path segment below the report's current place, or undefined when it is the place itself. */
  segment: string | undefined;
}

/**
 * A declared property's path segment, as the report's path holds it: escaped as JSON Pointer writes it. The
 * report takes these as printable in messages (`Report.name` is for the names read from a value).
 */
function segmentOf(name: string): string {
  assert.ok(isPrintable(name), `checks: the property name ${JSON.stringify(name)} needs escaping in a message`);
  return literal(escapeSegment(name));
}

/**
 * Whether a label holds against the schema of `@odata.type` as the generator writes it: a string, of at most its
 * `maxLength`, in its `enum` or matching its `pattern`. Any other keyword: no (the shortcut that relies on it is
 * then refused at build time).
 */
function holdsLabel(schema: Schema | boolean, label: string): boolean {
  if (schema === true) return true;
  if (!isObject(schema) || !Object.keys(schema).every((key) => ["type", "enum", "pattern", "maxLength"].includes(key) || ANNOTATIONS.has(key))) return false;
  if (schema.type !== undefined && schema.type !== "string") return false;
  if (Array.isArray(schema.enum) && !schema.enum.includes(label)) return false;
  if (typeof schema.pattern === "string" && !new RegExp(schema.pattern, "u").test(label)) return false;
  return typeof schema.maxLength !== "number" || label.length <= schema.maxLength;
}

/** What the walk writes for a failed rule and for a subschema: the two outputs. */
interface Output {
  readonly report: boolean;
  /** A rule failed: its issue (keyword, params and declared names as expressions). */
  fail(code: Code, at: At, keyword: string, params: string, value: string, declared?: string): void;
  /** The subschema's function, called on the value; `guarded`: first asking its verdict function (not for arrays, whose items are asked each). */
  call(code: Code, at: At, fn: number, guarded: boolean): void;
}

const VERDICT: Output = {
  report: false,
  fail: (code) => {
    code.line("return false;");
  },
  call: (code, at, fn) => {
    code.line(`if (!f${fn}(${at.v})) return false;`);
  },
};

const REPORT: Output = {
  report: true,
  fail: (code, at, keyword, params, value, declared) => {
    const args = [at.segment ?? "undefined", literal(keyword), params, value, ...(declared === undefined ? [] : [declared])];
    code.line(`if (r.add(${args.join(", ")})) return;`);
  },
  // A value the verdict function finds valid is not walked again: only what holds an issue is reported on. An
  // array is not asked as a whole: each of its items is, so that no item is checked twice more.
  call: (code, at, fn, guarded) => {
    const unless = guarded ? `!f${fn}(${at.v}) && ` : "";
    if (at.segment === undefined) code.if(`${unless}(r${fn}(${at.v}, r), r.stop)`, () => code.line("return;"));
    else code.line(`if (${unless}r.at(${at.segment}, r${fn}, ${at.v})) return;`);
  },
};

/** An enum's values as code: a literal, or a pure call of `graphNames` for a long list of Graph's type names. */
function listText(values: unknown[]): string {
  const half = values.length / 2;
  const names = values.slice(0, half).map((value) => (typeof value === "string" && value.startsWith("#microsoft.graph.") ? value.slice(17) : undefined));
  const graphNames = values.length > 8 && names.every((name, index) => name !== undefined && /^[A-Za-z0-9_.]+$/.test(name) && values[half + index] === `microsoft.graph.${name}`);
  return graphNames ? `/* @__PURE__ */ graphNames(${literal(names.join(" "))})` : literal(values);
}

/** Whether two schemas check a value alike: the same keywords, annotations aside, type and enum lists in any order. */
function sameCheck(a: Schema | boolean, b: Schema | boolean): boolean {
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

class Generator {
  private readonly constants: string[] = [];
  private readonly constantByText = new Map<string, string>();
  private readonly numbers = new Map<string, number>();
  private readonly written = new Set<string>();
  private readonly functions: string[] = [];
  private readonly memberFunctions = new Map<string, string>();
  private counter = 0;

  /** The root's properties of each subtypes' `allOf` (by its text), for the table's `checkedByRoot` marks. */
  private readonly subtypeRoots = new Map<string, Record<string, Schema | boolean>>();

  constructor(readonly definitions: Record<string, Schema>) {
    for (const schema of Object.values(definitions)) {
      const dispatch = this.labelDispatch(schema);
      const members = dispatch === undefined ? undefined : this.subtypeMembers(dispatch.labelled);
      if (members !== undefined) this.subtypeRoots.set(JSON.stringify(members), schema.properties as Record<string, Schema | boolean>);
    }
  }

  /** A module-level constant (a RegExp, a Set, params), shared by equal texts. */
  constant(text: string, prefix = "c"): string {
    let name = this.constantByText.get(text);
    if (name === undefined) {
      name = `${prefix}${this.constantByText.size}`;
      this.constantByText.set(text, name);
      this.constants.push(`const ${name} = ${text};`);
    }
    return name;
  }

  private variable(): string {
    this.counter += 1;
    return `x${this.counter}`;
  }

  private textOf(schema: Schema | boolean): string {
    return JSON.stringify(isObject(schema) ? Object.fromEntries(Object.entries(schema).filter(([key]) => !ANNOTATIONS.has(key) || key === "title")) : schema);
  }

  private target(ref: string): Schema {
    const target = this.definitions[ref.replace(/^#\/definitions\//, "")];
    assert.ok(target, `checks: no definition for ${ref}`);
    return target;
  }

  /** The number of a schema's functions (`fN`, `rN`), writing the one the output needs if it is not written yet. */
  functionFor(schema: Schema | boolean, out: Output): number {
    // A type's file and its copies under other files' definitions differ only in their descriptions.
    const text = this.textOf(schema);
    let number = this.numbers.get(text);
    if (number === undefined) {
      number = this.numbers.size;
      this.numbers.set(text, number);
    }
    const name = `${out.report ? "r" : "f"}${number}`;
    if (this.written.has(name)) return number;
    this.written.add(name);
    // A report function is called only where its verdict function finds the value invalid.
    if (out.report) this.functionFor(schema, VERDICT);
    const code = new Code();
    // A report function of a schema that checks only the value itself is given the segment of its place (`k`),
    // so that each property checked alike calls one function, not a copy of its checks.
    const inPlace = out.report && this.inPlace(schema);
    code.block(`function ${name}(v${out.report ? ", r" : ""}${inPlace ? ", k" : ""})`, () => {
      this.checks(code, schema, { v: "v", segment: inPlace ? "k" : undefined }, out);
      if (!out.report) code.line("return true;");
    });
    this.functions.push(code.toString());
    return number;
  }

  /** Whether a schema checks only the value itself (no object, array or union below it): it is checked in place. */
  private inPlace(schema: Schema | boolean): boolean {
    if (!isObject(schema)) return true;
    return Object.keys(schema).every((key) => ANNOTATIONS.has(key) || ["type", "enum", "minimum", "maximum", "minLength", "maxLength", "pattern"].includes(key));
  }

  /**
   * A subschema checked at the same place as `schema` (a branch of `if`, `allOf`, `anyOf`), with the title of the
   * type it belongs to when it has none: a message about an undeclared property names the type (commsOperation,
   * whose `else` branch declares its properties).
   */
  private titled(sub: Schema | boolean, schema: Schema): Schema | boolean {
    if (!isObject(sub) || typeof schema.title !== "string" || sub.title !== undefined || sub.$ref !== undefined || sub.additionalProperties !== false) return sub;
    return { title: schema.title, ...sub };
  }

  /** Whether a schema (through a lone `$ref`) is of arrays only. */
  private isArray(schema: Schema | boolean): boolean {
    if (!isObject(schema)) return false;
    if (typeof schema.$ref === "string" && schema.type === undefined) return this.isArray(this.target(schema.$ref));
    return schema.type === "array";
  }

  /** The function of a subschema: its target's, when it is a `$ref` and nothing else. */
  private functionOf(schema: Schema | boolean, out: Output): number {
    const lone = isObject(schema) && typeof schema.$ref === "string" && Object.keys(schema).every((key) => key === "$ref" || ANNOTATIONS.has(key));
    return this.functionFor(lone ? this.target(schema.$ref as string) : schema, out);
  }

  /**
   * A subschema of the value at `at`: checked in place, or by its function. The report checks a property's value
   * by a function even where it checks only the value: each message-writing `r.add` stands once.
   */
  private subschema(code: Code, schema: Schema | boolean, at: At, out: Output): void {
    if (!this.inPlace(schema)) out.call(code, at, this.functionOf(schema, out), !this.isArray(schema));
    else if (!out.report || at.segment === undefined || this.nothingToCheck(schema)) this.checks(code, schema, at, out);
    else code.line(`r${this.functionFor(schema, out)}(${at.v}, r, ${at.segment});`).line("if (r.stop) return;");
  }

  /** The statements that check the value at `at` against the schema, in Ajv's order of keywords. */
  checks(code: Code, schema: Schema | boolean, at: At, out: Output): void {
    if (schema === true) return;
    if (schema === false) {
      out.fail(code, at, "false schema", this.constant("{}", "p"), at.v);
      return;
    }
    for (const key of Object.keys(schema)) assert.ok(KNOWN.has(key) || ANNOTATIONS.has(key), `checks: the keyword "${key}" is not supported; teach scripts/generate/checks.ts`);
    const { v } = at;
    const types = schema.type === undefined ? undefined : ([] as string[]).concat(schema.type as string | string[]);
    for (const type of types ?? []) assert.ok(TYPE_TEST[type], `checks: unknown type ${type}`);
    const typeTest = types === undefined ? undefined : types.map((type) => TYPE_TEST[type]!(v)).join(" || ");
    // A property a subtype declares (rule 12) carries the subtype's name as its title: its messages name it.
    const declaredBy = typeof schema.title === "string" && schema.properties === undefined ? this.constant(literal({ title: schema.title, names: [] }), "d") : undefined;
    const typeFail = () => out.fail(code, at, "type", this.constant(literal({ type: schema.type }), "p"), v, declaredBy);
    const usedGroups = GROUPS.filter(([, keywords]) => keywords.some((key) => schema[key] !== undefined));
    // Ajv tests the type first unless the schema has one type and keywords of that type's group: then the type
    // is the group's test, and a value of another type fails after the keywords that apply to any value.
    const single = types?.length === 1 ? types[0] : undefined;
    const typeLast = single !== undefined && usedGroups.some(([type]) => type === single);
    const hasEnum = Array.isArray(schema.enum);
    if (typeTest !== undefined && !typeLast) {
      // An enum whose every value has one of the types says the type too: the verdict needs its check alone.
      const ofType = types!.map((type) => new Function("v", `return ${TYPE_TEST[type]!("v")};`) as (value: unknown) => boolean);
      const implied = hasEnum && (schema.enum as unknown[]).every((value) => ofType.some((test) => test(value)));
      if (out.report || !implied) {
        // With allErrors, a value of the wrong type is not checked against the enum too: the type says it all.
        if (out.report && hasEnum) code.if(`!(${typeTest})`, typeFail, () => this.enumCheck(code, schema.enum as unknown[], at, out, declaredBy));
        else code.if(`!(${typeTest})`, typeFail);
      }
      if (hasEnum && !out.report) this.enumCheck(code, schema.enum as unknown[], at, out, declaredBy);
    }
    if (typeof schema.$ref === "string") out.call(code, at, this.functionFor(this.target(schema.$ref), out), !this.isArray(this.target(schema.$ref)));
    if (hasEnum && (typeTest === undefined || typeLast)) this.enumCheck(code, schema.enum as unknown[], at, out, declaredBy);
    if (Array.isArray(schema.anyOf))
      this.anyOf(
        code,
        (schema.anyOf as Schema[]).map((branch) => this.titled(branch, schema) as Schema),
        at,
        out,
        declaredBy,
      );
    if (Array.isArray(schema.allOf) && this.subtypeGroups(schema.allOf as Schema[])) this.subtypeTable(code, schema.allOf as Schema[], at, out);
    else if (Array.isArray(schema.allOf)) for (const member of schema.allOf as Schema[]) this.subschema(code, this.titled(member, schema), at, out);
    // Rule 12's dispatch, for the verdict: the label is taken from the object's own loop (objectChecks) and the
    // branch chosen after it, rather than read again by each condition. Only the boolean matters there, not the order.
    const dispatch = out.report ? undefined : this.labelDispatch(schema);
    if (schema.if !== undefined && dispatch === undefined) {
      // The condition decides silently (Ajv reports none of its errors): its verdict function.
      const condition = `f${this.functionFor(schema.if as Schema, VERDICT)}(${v})`;
      const then = schema.then === undefined ? undefined : () => this.subschema(code, this.titled(schema.then as Schema, schema), at, out);
      const otherwise = schema.else === undefined ? undefined : () => this.subschema(code, this.titled(schema.else as Schema, schema), at, out);
      if (then !== undefined) code.if(condition, then, otherwise);
      else if (otherwise !== undefined) code.if(`!${condition}`, otherwise);
    }
    for (const [type, keywords] of usedGroups) {
      const group = () => {
        for (const keyword of keywords) if (schema[keyword] !== undefined) this.keyword(code, schema, keyword, at, out);
        if (type === "object") this.objectChecks(code, schema, at, out, dispatch);
      };
      if (type === single) code.if(TYPE_TEST[type]!(v), group, typeFail);
      else if (types === undefined || types.includes(type) || (type === "number" && types.includes("integer"))) code.if(TYPE_TEST[type]!(v), group);
    }
    // A single type with nothing of its group checked is tested first, above.
  }

  /** One keyword of the number, string or array group (the object group is `objectChecks`). */
  private keyword(code: Code, schema: Schema, keyword: string, at: At, out: Output): void {
    const { v } = at;
    const limit = schema[keyword];
    const fail = (params: unknown) => () => out.fail(code, at, keyword, this.constant(literal(params), "p"), v);
    switch (keyword) {
      case "maximum":
        code.if(`${v} > ${limit}`, fail({ comparison: "<=", limit }));
        break;
      case "minimum":
        code.if(`${v} < ${limit}`, fail({ comparison: ">=", limit }));
        break;
      // A string of n UTF-16 units has between n / 2 and n code points: count only when that leaves a doubt.
      case "maxLength":
        code.if(`${v}.length > ${limit} && ucs2length(${v}) > ${limit}`, fail({ limit }));
        break;
      case "minLength":
        code.if(`${v}.length < ${2 * (limit as number)} && ucs2length(${v}) < ${limit}`, fail({ limit }));
        break;
      case "pattern": {
        const pattern = this.constant(`/* @__PURE__ */ new RegExp(${literal(limit)}, "u")`);
        const matched = this.constant(`/* @__PURE__ */ new Set() /* the strings ${pattern} matched */`);
        code.if(`!matches(${pattern}, ${matched}, ${v})`, fail({ pattern: limit }));
        break;
      }
      case "maxItems":
        code.if(`${v}.length > ${limit}`, fail({ limit }));
        break;
      case "minItems":
        code.if(`${v}.length < ${limit}`, fail({ limit }));
        break;
      case "items": {
        assert.ok(isObject(limit), "checks: tuple items");
        const item = this.variable();
        if (this.inPlace(limit) || this.isArray(limit)) {
          code.block(`for (let i = 0; i < ${v}.length; i++)`, () => {
            code.line(`const ${item} = ${v}[i];`);
            this.subschema(code, limit, { v: item, segment: "i" }, out);
          });
          break;
        }
        // Items checked by a function: the verdict notes where it stopped (`Stopped` in src/checks-runtime.ts), and
        // the report starts there.
        const fn = this.functionOf(limit, out);
        if (!out.report) {
          code.block(`for (let i = 0; i < ${v}.length; i++)`, () =>
            code.if(`!f${fn}(${v}[i])`, () => code.line(`stopped.items = ${v}; stopped.by = ${fn}; stopped.at = i;`).line("return false;")),
          );
          break;
        }
        const stopped = this.variable();
        code.line(`const ${stopped} = resume(stopped, ${v}, ${fn});`);
        code.block(`for (let i = ${stopped} < 0 ? 0 : ${stopped}; i < ${v}.length; i++)`, () => {
          code.line(`const ${item} = ${v}[i];`);
          code.line(`if ((i === ${stopped} || !f${fn}(${item})) && r.at(i, r${fn}, ${item})) return;`);
        });
        break;
      }
      default:
        // required, propertyNames, additionalProperties, properties, patternProperties: objectChecks.
        break;
    }
  }

  private enumCheck(code: Code, values: unknown[], at: At, out: Output, declared?: string): void {
    for (const value of values) assert.ok(value === null || ["string", "number", "boolean"].includes(typeof value), "checks: enum of objects");
    const list = this.constant(listText(values), "l");
    const params = this.constant(`{ allowedValues: ${list} }`, "p");
    const test = values.length <= 8 ? values.map((value) => `${at.v} !== ${literal(value)}`).join(" && ") : `!${this.constant(`/* @__PURE__ */ new Set(${list})`)}.has(${at.v})`;
    code.if(test, () => out.fail(code, at, "enum", params, at.v, declared));
  }

  /**
   * Rule 12's form: an `allOf` whose every member is `if` the value's `@odata.type` is one of some labels, `then`
   * a group of subtypes' properties (tolerant: `properties`; strict: closed, with the annotations' pattern), each a
   * JSON type, an enum or a nullable `$ref`. Written as a table read by src/subtypes.ts.
   */
  private subtypeGroups(members: Schema[]): boolean {
    // The JSON types src/subtypes.ts tests (TYPE_OF there).
    const tested = (property: Schema) => ([] as unknown[]).concat(property.type ?? []).every((type) => ["object", "string", "boolean", "null"].includes(type as string));
    const leaf = (property: unknown) =>
      property === true ||
      (isObject(property) &&
        ((Object.keys(property).every((key) => ["title", "type", "enum"].includes(key)) && tested(property)) ||
          (Object.keys(property).every((key) => ["title", "anyOf"].includes(key)) && Array.isArray(property.anyOf) && this.nullableRef(property.anyOf as Schema[]) !== undefined)));
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

  /** A branch that is a table of subtype groups (an object's `allOf` of them alone, or a `$ref` to one): its members. */
  private subtypeMembers(sub: Schema | boolean | undefined): Schema[] | undefined {
    const table = isObject(sub) && typeof sub.$ref === "string" && this.onlyKeys(sub, ["$ref"]) ? this.target(sub.$ref) : sub;
    const members = isObject(table) && this.onlyKeys(table, ["type", "allOf"]) && table.type === "object" ? (table.allOf as Schema[]) : undefined;
    return members !== undefined && this.subtypeGroups(members) ? members : undefined;
  }

  /** Whether a schema's keywords, annotations aside, are exactly `keys`. */
  private onlyKeys(schema: Schema, keys: string[]): boolean {
    return JSON.stringify(Object.keys(schema).filter((key) => !ANNOTATIONS.has(key))) === JSON.stringify(keys);
  }

  /** The names a closed subtype group takes from its root (declared as `true`), or undefined for open groups. */
  private tableRootNames(members: Schema[]): string[] | undefined {
    const then = members[0]?.then as Schema | undefined;
    if (then?.additionalProperties !== false) return undefined;
    return Object.entries((then.properties ?? {}) as Record<string, unknown>)
      .filter(([, property]) => property === true)
      .map(([name]) => name);
  }

  /**
   * Rule 12's table. `label`: the label the object's own loop read. `fold` (strict mode, the verdict): that loop's
   * notes, `refused` (a name it does not declare) and `seen` (a bit for each of `extras`, the names it declares
   * beyond the root's), with which a group whose own properties are all among those names, checked alike, is
   * closed by a mask, not by a second loop.
   */
  private subtypeTable(code: Code, members: Schema[], at: At, out: Output, label?: string, fold?: { refused: string; seen: string | undefined; extras: string[] }): void {
    // Verdict and report share one table: the marks come from the root the `allOf` belongs to, however it is reached.
    const rootProperties = this.subtypeRoots.get(JSON.stringify(members));
    assert.equal(at.segment, undefined, "checks: subtype groups below a property");
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
    const refOf = (property: Schema) => (Array.isArray(property.anyOf) ? this.target(this.nullableRef(property.anyOf as Schema[])!.$ref as string) : undefined);
    const refs = new Map<number, number>();
    const groupNames = members.map((member) => {
      const labels = ((member.if as Schema).properties as Record<string, Schema>)["@odata.type"]!.enum as string[];
      const names = labels.slice(0, labels.length / 2).map((label) => label.replace(/^#microsoft\.graph\./, ""));
      assert.deepEqual(labels, [...names.map((name) => `#microsoft.graph.${name}`), ...names.map((name) => `microsoft.graph.${name}`)], "checks: a subtype group's labels");
      return names;
    });
    const groups = groupNames.map((names, index) => {
      const own = ownOf(thens[index]!).map(([name, property]) => {
        const types = property.type === undefined ? "undefined" : this.constant(literal(([] as unknown[]).concat(property.type)), "t");
        const values = Array.isArray(property.enum) ? this.constant(`/* @__PURE__ */ new Set(${this.constant(listText(property.enum as unknown[]), "l")})`) : "undefined";
        const ref = refOf(property);
        const verdict = ref === undefined ? undefined : this.functionFor(ref, VERDICT);
        if (ref !== undefined && out.report) refs.set(verdict!, this.functionFor(ref, REPORT));
        // The root's loop has checked a property it declares alike (only where the label was read in that loop).
        const byRoot = rootProperties !== undefined && Object.hasOwn(rootProperties, name) && sameCheck(rootProperties[name]!, property);
        return `[${literal(name)}, ${types}, ${values}, ${verdict === undefined ? "undefined" : `f${verdict}`}${byRoot ? ", true" : ""}]`;
      });
      return `[${literal(names)}, [${own.join(", ")}]]`;
    });
    const annotation = pattern === undefined ? "undefined" : this.constant(`/* @__PURE__ */ new RegExp(${literal(pattern)}, "u")`);
    const table = this.constant(
      `{ groups: [${groups.join(", ")}], rootNames: ${rootNames === undefined ? "undefined" : literal(rootNames)}, annotation: ${annotation}, maxName: ${maxName ?? "undefined"} }`,
      "s",
    );
    if (!out.report) {
      const holds = `subtypesHold(${[at.v, table, ...(label === undefined ? [] : [label])].join(", ")})`;
      if (label !== undefined && rootNames === undefined) {
        // Open groups: only a label whose group has a property the root's loop has not checked alike is looked up.
        code.if(`${this.constant(`/* @__PURE__ */ unsettledLabels(${table})`)}.has(${label}) && !${holds}`, () => code.line("return false;"));
      } else if (label !== undefined && fold !== undefined) {
        // Closed groups whose own properties are among the root's names, checked alike: closed by the loop's notes.
        const mask = this.variable();
        code.line(`const ${mask} = ${this.constant(`/* @__PURE__ */ labelMasks(${table}, ${literal(fold.extras)})`)}.get(${label});`);
        const unnoted = fold.seen === undefined ? "" : ` || (${fold.seen} & ~${mask}) !== 0`;
        code.if(`${mask} === undefined ? !${holds} : ${fold.refused}${unnoted}`, () => code.line("return false;"));
      } else code.if(`!${holds}`, () => code.line("return false;"));
      return;
    }
    // The titles follow from the group's names (`reportSubtypes` in src/subtypes.ts): the root's name is all the report needs.
    const root = same(
      thens
        .map((then, index) => {
          const list = groupNames[index]!;
          for (const [, property] of ownOf(then)) assert.equal(property.title, list.join(" or "), "checks: a subtype property's title");
          if (then.additionalProperties !== false) return undefined;
          const found = /^(\w+) \(/.exec(String(then.title))?.[1];
          assert.equal(then.title, list.length === 1 ? list[0] : `${found} (${list.join(", ")})`, "checks: a subtype group's title");
          return found;
        })
        .filter((name) => name !== undefined),
      "their root's name",
    ) as string | undefined;
    const reports = [...refs].map(([verdict, report]) => `[f${verdict}, r${report}]`);
    const report = this.constant(`{ table: ${table}, root: ${root === undefined ? "undefined" : literal(root)}, reports: [${reports.join(", ")}] }`, "s");
    code.if(`reportSubtypes(${at.v}, ${report}, r)`, () => code.line("return;"));
  }

  /**
   * `anyOf`. Two forms the shipped files use get code of their own; any other union tries each branch in turn,
   * and the report keeps, when none holds, what says most (`anyOf` and `Report.orNull` in src/report.ts).
   * - An invited participant names someone: three or more branches, each requiring one name of an object with
   *   the same schema. One function tries each name (`memberTest`); its issue names them all.
   * - A notification names its resource: branches that each only require one name. Its issue is the first name's
   *   `required`, naming the others as alternatives.
   */
  private anyOf(code: Code, branches: Schema[], at: At, out: Output, declared?: string): void {
    const { v } = at;
    const objectTest = TYPE_TEST.object!(v);
    const notObject = () => out.fail(code, at, "type", this.constant(literal({ type: "object" }), "p"), v);
    const members = this.memberTest(branches);
    if (members !== undefined) {
      const test = `${members.fn}(${v})`;
      if (!out.report) code.if(`!${test}`, () => code.line("return false;"));
      else code.if(`!(${objectTest})`, notObject, () => code.if(`!${test}`, () => out.fail(code, at, "anyOf", this.constant(literal({ members: members.names }), "p"), v)));
      return;
    }
    const required = this.requiredNames(branches);
    if (required !== undefined) {
      const tests = branches.map((branch) => `f${this.functionFor(branch, VERDICT)}(${v})`).join(" || ");
      if (!out.report) code.if(`!(${tests})`, () => code.line("return false;"));
      else {
        const [first, ...others] = required;
        const params = this.constant(literal({ missingProperty: first, alternatives: others }), "p");
        code.if(`!(${objectTest})`, notObject, () => code.if(`!(${tests})`, () => out.fail(code, { v, segment: segmentOf(first!) }, "required", params, "ABSENT")));
      }
      return;
    }
    const orNull = this.orNull(branches);
    if (out.report && orNull !== undefined) {
      const fn = this.functionOf(orNull, REPORT);
      code.line(`if (${v} !== null && !f${fn}(${v}) && r.orNull(${[v, `r${fn}`, ...(declared === undefined ? [] : [declared])].join(", ")})) return;`);
      return;
    }
    if (!out.report) {
      const tests = branches.map((branch) =>
        isObject(branch) && Object.keys(branch).length === 1 && branch.type === "null" ? `${v} === null` : `f${this.functionOf(branch, VERDICT)}(${v})`,
      );
      code.if(`!(${tests.join(" || ")})`, () => code.line("return false;"));
      return;
    }
    const tests = branches.map((branch) => `r${this.functionOf(branch, REPORT)}`);
    code.line(`if (anyOf(r, ${v}, ${tests.join(", ")})) return;`);
  }

  /** The other branch of a union of two whose first is null (Graph's nullable members, null tried first). */
  private orNull(branches: Schema[]): Schema | undefined {
    return branches.length === 2 && JSON.stringify(branches[0]) === '{"type":"null"}' ? branches[1] : undefined;
  }

  /** The `$ref` of a nullable member (`anyOf: [{ type: "null" }, { $ref }]`). */
  private nullableRef(branches: Schema[]): Schema | undefined {
    const other = this.orNull(branches);
    return isObject(other) && typeof other.$ref === "string" && Object.keys(other).length === 1 ? other : undefined;
  }

  /** The names of a union whose every branch requires one name of an object and checks nothing else. */
  private requiredNames(branches: Schema[]): string[] | undefined {
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
   * A union of three or more branches that each require one property of an object, every such property with
   * the same schema and nothing else: one function that tries each name in turn, instead of a function per
   * branch. It passes exactly when some branch does.
   */
  private memberTest(branches: Schema[]): { fn: string; names: string[] } | undefined {
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
      const text = this.textOf(properties[name] as Schema);
      if (memberText !== undefined && text !== memberText) return undefined;
      memberText = text;
      names.push(name);
    }
    const check = this.functionFor((branches[0]!.properties as Record<string, Schema>)[names[0]!]!, VERDICT);
    const key = `${literal(names)} ${check}`;
    let fn = this.memberFunctions.get(key);
    if (fn === undefined) {
      fn = `m${this.memberFunctions.size}`;
      this.memberFunctions.set(key, fn);
      const code = new Code();
      // The names read where a `for…in` loop visits them, as every object's checks read them.
      code.block(`function ${fn}(v)`, () => {
        code.line(`if (!${TYPE_TEST.object!("v")}) return false;`);
        code.forIn("k", "v", () =>
          code.block("switch (k)", () => {
            for (const member of names) code.line(`case ${literal(member)}:`);
            code.block("", () => {
              code.line("const m = v[k];");
              code.line(`if (m !== undefined && f${check}(m)) return true;`);
            });
          }),
        );
        code.line("return false;");
      });
      this.functions.push(code.toString());
    }
    return { fn, names };
  }

  /**
   * Rule 12's shape: `if` the object's label is absent or the root's (one name, with and without `#`: a condition on
   * `@odata.type` alone, which does not require it), `then` the root's closure (strict mode) or nothing, `else` the
   * table of subtypes. The labels as values, and the branches: as the root, labelled otherwise, unlabelled.
   */
  private labelDispatch(schema: Schema): { labels: string[]; asRoot: Schema | undefined; labelled: Schema; unlabelled: Schema | undefined } | undefined {
    const condition = schema.if as Schema | undefined;
    if (schema.type !== "object" || !isObject(condition) || !this.onlyKeys(condition, ["properties"]) || schema.else === undefined) return undefined;
    const properties = condition.properties as Record<string, Schema | boolean>;
    const root = properties["@odata.type"];
    if (Object.keys(properties).length !== 1 || !isObject(root) || !this.onlyKeys(root, ["enum"]) || this.subtypeMembers(schema.else as Schema) === undefined) return undefined;
    const then = schema.then as Schema | undefined;
    return { labels: root.enum as string[], asRoot: then, labelled: schema.else as Schema, unlabelled: then };
  }

  /**
   * The annotations' pattern, when both plain branches are one closed schema declaring exactly `names` (each as
   * `true`), allowing annotations as strings and names no longer than `maxName`: what the object's loop can check.
   */
  private sameClosure(asRoot: Schema | undefined, unlabelled: Schema | undefined, names: string[], maxName: number | undefined): string | undefined {
    if (!isObject(asRoot) || JSON.stringify(asRoot) !== JSON.stringify(unlabelled) || asRoot.additionalProperties !== false) return undefined;
    const keys = Object.keys(asRoot).filter((key) => !ANNOTATIONS.has(key));
    if (JSON.stringify(keys.sort()) !== JSON.stringify(["additionalProperties", "patternProperties", "properties", "propertyNames", "type"])) return undefined;
    const properties = asRoot.properties as Record<string, unknown>;
    if (JSON.stringify(Object.keys(properties)) !== JSON.stringify(names) || !Object.values(properties).every((property) => property === true)) return undefined;
    if ((asRoot.propertyNames as Schema).maxLength !== maxName || asRoot.type !== "object") return undefined;
    const patterns = Object.entries(asRoot.patternProperties as Record<string, Schema>);
    return patterns.length === 1 && JSON.stringify(patterns[0]![1]) === '{"type":"string"}' ? patterns[0]![0] : undefined;
  }

  /**
   * An object's checks (its type already tested). The verdict reads its names in one `for…in` loop with a
   * `switch` over the declared ones and checks each value where it reads it; the report reads them the same way
   * into locals and checks them after, in Ajv's order: required, property names, undeclared names, declared
   * values, annotation values. Where one or two names are checked and no other is, each is read by name and
   * `visits` (src/read.ts) asked whether `for…in` would visit it: starting a loop lists every name of the
   * object, where this reads one.
   */
  private objectChecks(code: Code, schema: Schema, at: At, out: Output, dispatch?: ReturnType<Generator["labelDispatch"]>): void {
    const { v } = at;
    const properties = (isObject(schema.properties) ? schema.properties : {}) as Record<string, Schema | boolean>;
    const required = new Set((schema.required as string[] | undefined) ?? []);
    const patterns = Object.entries((isObject(schema.patternProperties) ? schema.patternProperties : {}) as Record<string, Schema>);
    assert.ok(patterns.length <= 1, "checks: more than one of patternProperties");
    assert.ok(schema.additionalProperties === undefined || typeof schema.additionalProperties === "boolean", "checks: additionalProperties as a schema");
    const names = isObject(schema.propertyNames) ? (schema.propertyNames as Schema) : undefined;
    if (names !== undefined) assert.deepEqual(Object.keys(names), ["maxLength"], "checks: propertyNames other than maxLength");
    const maxName = names?.maxLength as number | undefined;
    const closed = schema.additionalProperties === false;
    for (const name of Object.keys(properties)) {
      for (const [pattern] of patterns) assert.ok(!new RegExp(pattern, "u").test(name), `checks: declared ${name} matches ${pattern}`);
      assert.ok(maxName === undefined || name.length <= maxName, `checks: declared ${name} is longer than propertyNames allows`);
    }
    if (!(out.report ? required.size > 0 || Object.keys(properties).length > 0 || patterns.length > 0 || closed || maxName !== undefined : true)) return;
    const declared = [...Object.keys(properties), ...[...required].filter((name) => !Object.hasOwn(properties, name))];
    const propertySchema = (name: string): Schema | boolean => (Object.hasOwn(properties, name) ? properties[name]! : true);
    const [pattern, patternSchema] = patterns[0] ?? [];
    const patternTest = (key: string) =>
      // Every OData annotation names "@odata."; the regular expression runs only on names that do.
      `${pattern!.includes("@odata\\.") ? `${key}.includes("@odata.") && ` : ""}${this.constant(`/* @__PURE__ */ new RegExp(${literal(pattern)}, "u")`)}.test(${key})`;
    const tooLong = (key: string) => `${key}.length > ${maxName} && ucs2length(${key}) > ${maxName}`;
    const anyUndeclared = maxName !== undefined || pattern !== undefined || closed;
    const checked = declared.filter((name) => required.has(name) || !this.nothingToCheck(propertySchema(name)));
    const byName = !anyUndeclared && checked.length <= 2;
    const key = this.variable();
    if (!out.report) {
      const count = required.size > 0 ? this.variable() : undefined;
      if (count !== undefined) code.line(`let ${count} = 0;`);
      const value = this.variable();
      const label = dispatch === undefined ? undefined : this.variable();
      if (label !== undefined) {
        assert.ok(!byName && declared.includes("@odata.type"), "checks: a label dispatch on an object whose label is not read in its loop");
        code.line(`let ${label};`);
      }
      // Strict mode closes a plain object (unlabelled, or labelled as the root) in a branch that declares exactly its
      // names: its own loop notes a name that branch would refuse, rather than a second loop reading every name again.
      const closure = dispatch === undefined ? undefined : this.sameClosure(dispatch.asRoot, dispatch.unlabelled, Object.keys(properties), maxName);
      const refused = closure === undefined ? undefined : this.variable();
      if (refused !== undefined) code.line(`let ${refused} = false;`);
      // Strict mode, a labelled subtype: the loop also notes, a bit each, which of the names the object declares
      // beyond its root's it visits, so that a subtype declaring no other name is closed by a mask (`subtypeTable`).
      // The label is no such name: the group is chosen by it.
      const members = dispatch === undefined ? undefined : this.subtypeMembers(dispatch.labelled);
      const rootNames = members === undefined ? undefined : this.tableRootNames(members);
      const extras = refused === undefined || rootNames === undefined ? [] : Object.keys(properties).filter((name) => name !== "@odata.type" && !rootNames.includes(name));
      assert.ok(extras.length <= 30, "checks: more names beyond a subtype root's than an integer's bits");
      const seen = extras.length > 0 ? this.variable() : undefined;
      if (seen !== undefined) code.line(`let ${seen} = 0;`);
      const mark = (name: string) => (seen === undefined || !extras.includes(name) ? "" : `${seen} |= ${2 ** extras.indexOf(name)};`);
      // The root's own labels hold against the label's schema (asserted), so the loop notes them before any other
      // check: most objects carry one, and one comparison then replaces the label's checks and the branch's.
      const asRoot = label === undefined ? undefined : this.variable();
      if (asRoot !== undefined) {
        for (const root of dispatch!.labels) assert.ok(holdsLabel(propertySchema("@odata.type"), root), `checks: the root label ${root} fails its own schema`);
        code.line(`let ${asRoot} = false;`);
      }
      const check = (into: Code, name: string) => {
        if (required.has(name)) into.line(`${count}++;`);
        if (asRoot !== undefined && name === "@odata.type") {
          const isRoot = dispatch!.labels.map((root) => `${value} === ${literal(root)}`).join(" || ");
          into.if(
            isRoot,
            () => into.line(`${asRoot} = true;`),
            () => {
              into.line(`${label} = ${value};`);
              this.subschema(into, propertySchema(name), { v: value, segment: undefined }, out);
            },
          );
          return;
        }
        this.subschema(into, propertySchema(name), { v: value, segment: undefined }, out);
      };
      if (byName) {
        for (const name of checked)
          code.block("", () => {
            code.line(`const ${value} = ${v}[${literal(name)}];`);
            code.if(`${value} !== undefined && visits(${v}, ${literal(name)})`, () => check(code, name));
          });
      } else if (checked.length > 0 || anyUndeclared) {
        // Names whose values pass the same checks share one case: each name's checks are written apart, from the
        // same variable numbers, so that equal checks are equal text, and each text is written once.
        // Names with the same note and the same checks share a case: keyed by both (a note holds no line break).
        const cases = new Map<string, { noted: string; text: string; names: string[] }>();
        const first = this.counter;
        let last = first;
        for (const name of declared) {
          const body = new Code();
          this.counter = first;
          check(body, name);
          last = Math.max(last, this.counter);
          const text = body.toString();
          // A name noted by a bit is noted when visited, whatever its value, as a closed schema counts names.
          const noted = mark(name);
          if (text === "" && noted === "" && !anyUndeclared) continue;
          const same = cases.get(`${noted}\n${text}`);
          if (same === undefined) cases.set(`${noted}\n${text}`, { noted, text, names: [name] });
          else same.names.push(name);
        }
        this.counter = last;
        code.forIn(key, v, () =>
          code.block(`switch (${key})`, () => {
            for (const { noted, text, names } of cases.values()) {
              for (const name of names) code.line(`case ${literal(name)}:`);
              if (text === "" && noted === "") code.line("  break;");
              else
                code.block("", () => {
                  if (noted !== "") code.line(noted);
                  if (text !== "") {
                    code.line(`const ${value} = ${v}[${key}];`);
                    code.if(`${value} !== undefined`, () => code.line(text));
                  }
                  code.line("break;");
                });
            }
            if (anyUndeclared)
              code.block("default:", () => {
                if (maxName !== undefined) code.if(tooLong(key), () => code.line("return false;"));
                if (closure !== undefined) {
                  const annotation = `${key}.includes("@odata.") && ${this.constant(`/* @__PURE__ */ new RegExp(${literal(closure)}, "u")`)}.test(${key})`;
                  code.if(`!(${annotation} && typeof ${v}[${key}] === "string")`, () => code.line(`${refused} = true;`));
                }
                if (pattern !== undefined)
                  code.if(patternTest(key), () => {
                    const item = this.variable();
                    code.line(`const ${item} = ${v}[${key}];`);
                    this.subschema(code, patternSchema!, { v: item, segment: undefined }, out);
                    code.line("continue;");
                  });
                if (closed) code.line("return false;");
              });
          }),
        );
      }
      if (count !== undefined) code.if(`${count} !== ${required.size}`, () => code.line("return false;"));
      if (dispatch !== undefined && label !== undefined) {
        const branch = (sub: Schema | undefined) => () => {
          if (sub === undefined) return;
          // The subtypes' table is given the label the loop read, rather than looking for it again.
          const members = this.subtypeMembers(sub);
          const fold = sub === dispatch.labelled && refused !== undefined ? { refused, seen, extras } : undefined;
          if (members !== undefined) this.subtypeTable(code, members, { v, segment: undefined }, out, label, fold);
          else this.subschema(code, this.titled(sub, schema), { v, segment: undefined }, out);
        };
        if (refused !== undefined) code.if(`${asRoot} || ${label} === undefined`, () => code.if(refused, () => code.line("return false;")), branch(dispatch.labelled));
        else code.if(asRoot!, branch(dispatch.asRoot), () => code.if(`${label} !== undefined`, branch(dispatch.labelled), branch(dispatch.unlabelled)));
      }
      return;
    }
    // The report: each name checked when for…in visits it, in the value's order, as the verdict reads it, so that a
    // rejection costs the walk up to its issue (a wrong `status` is not found after every participant); then the
    // required names that were not there.
    const present = new Map([...required].map((name) => [name, this.variable()]));
    if (present.size > 0) code.line(`let ${[...present.values()].join(", ")};`);
    const visited = (into: Code, name: string, x: string) => {
      if (present.has(name)) into.line(`${present.get(name)} = true;`);
      if (!this.nothingToCheck(propertySchema(name))) this.subschema(into, propertySchema(name), { v: x, segment: segmentOf(name) }, out);
    };
    const x = this.variable();
    if (byName) {
      for (const name of checked)
        code.block("", () => {
          code.line(`const ${x} = ${v}[${literal(name)}];`);
          code.if(`${x} !== undefined && visits(${v}, ${literal(name)})`, () => visited(code, name, x));
        });
    } else {
      const hint = closed ? this.constant(literal({ title: schema.title, names: Object.keys(properties) }), "d") : "undefined";
      code.forIn(key, v, () =>
        code.block(`switch (${key})`, () => {
          for (const name of declared) {
            code.line(`case ${literal(name)}:`);
            // A declared name with nothing to check or note (strict mode's `true`): only not undeclared.
            if (!present.has(name) && this.nothingToCheck(propertySchema(name))) {
              code.line("  break;");
              continue;
            }
            code.block("", () => {
              code.line(`const ${x} = ${v}[${key}];`);
              code.if(`${x} !== undefined`, () => visited(code, name, x));
              code.line("break;");
            });
          }
          if (anyUndeclared)
            code.block("default:", () => {
              if (maxName !== undefined) code.if(`${tooLong(key)} && r.longName(${key})`, () => code.line("return;"));
              if (pattern !== undefined)
                code.if(patternTest(key), () => {
                  code.line(`const ${x} = ${v}[${key}];`);
                  this.subschema(code, patternSchema!, { v: x, segment: `r.name(${key})` }, out);
                  code.line("continue;");
                });
              if (closed) code.if(`r.undeclared(${key}, ${hint})`, () => code.line("return;"));
            });
        }),
      );
    }
    for (const name of required)
      code.if(`${present.get(name)} === undefined`, () =>
        out.fail(code, { v, segment: segmentOf(name) }, "required", this.constant(literal({ missingProperty: name }), "p"), "ABSENT"),
      );
  }

  /** Whether a schema accepts every value. */
  private nothingToCheck(schema: Schema | boolean): boolean {
    return schema === true || (isObject(schema) && Object.keys(schema).every((key) => ANNOTATIONS.has(key)));
  }

  source(): string {
    return [...this.constants, ...this.functions].join("\n");
  }
}

export const GENERATED_HEADER = "// Generated by scripts/build.ts from the schema files. Do not edit: run `npm run build:schemas`.\n";

/**
 * The checks module of one mode: for each type, its verdict function (exported under the type's name) and its
 * report function (`reportT`), written by one walk of the shipped schema; every export a declaration a bundler
 * can drop, so that an application keeps only what it uses.
 */
export function checksModule(schemas: SchemaOf, mode: Mode): string {
  // Every file carries its definitions; they are the same schema wherever they appear (the build asserts it).
  const definitions: Record<string, Schema> = {};
  for (const { name } of TYPES) Object.assign(definitions, (schemas[name].definitions as Record<string, Schema> | undefined) ?? {}, { [name]: schemas[name] });
  const generator = new Generator(definitions);
  const exported = TYPES.map(({ name }) => {
    const schema = definitions[name]!;
    return { name, verdict: generator.functionFor(schema, VERDICT), report: generator.functionFor(schema, REPORT) };
  });
  const source = generator.source();
  return [
    GENERATED_HEADER.replace("the schema files", `the ${mode} schema files`).trimEnd(),
    'import { isObject, visits, ucs2length } from "../read.js";',
    'import { ABSENT, anyOf } from "../report.js";',
    'import { labelMasks, reportSubtypes, subtypesHold, unsettledLabels } from "../subtypes.js";',
    'import { consumed, graphNames, matches, resume, stoppedNowhere } from "../checks-runtime.js";',
    "/** Where a verdict function last stopped in an array's items (src/checks-runtime.ts). */",
    "const stopped = /* @__PURE__ */ stoppedNowhere();",
    "/** Drops where a verdict function last stopped: called by the type guard, which no report follows. */",
    "export function forget() {",
    "  stopped.items = undefined;",
    "}",
    source,
    "/** Each type's verdict, as a boolean: no errors, no allocation. */",
    ...exported.map(({ name, verdict }) => `export const ${name} = f${verdict};`),
    "/** Each type's report: records the issues of a value in a Report (src/report.ts); drops where the verdict stopped. */",
    ...exported.map(({ name, report }) => `export const report${name} = /* @__PURE__ */ consumed(stopped, r${report});`),
    "",
  ].join("\n");
}

export const CHECKS_DECLARATIONS = `${GENERATED_HEADER}import type { Report } from "../report.js";
${TYPES.map(({ name }) => `/** The verdict for ${name}, as a boolean: no errors, no allocation. */\nexport declare const ${name}: (value: unknown) => boolean;`).join("\n")}
${TYPES.map(({ name }) => `/** Records in \`report\` the issues of a value that is no valid ${name}. */\nexport declare const report${name}: (value: unknown, report: Report) => void;`).join("\n")}
/** Drops where a verdict function last stopped in an array (a type guard calls it when no report follows). */
export declare function forget(): void;
`;
