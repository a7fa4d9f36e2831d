/**
 * The walk of a schema's keywords, shared by both outputs: which checks a schema asks for, in the order Ajv
 * evaluates them (`$ref`, the type when no keyword of its own depends on it, `enum`, `anyOf`, `allOf`, `if`; then
 * numbers, strings, arrays and objects, each group under its type's test), and the module's constants and
 * functions. What a check becomes is the output's (output.ts): the verdict's `return false`, the report's issue.
 *
 * The generator knows the keywords the shipped files use and fails the build, naming the keyword, on any other.
 */
import assert from "node:assert/strict";
import { Code, literal } from "../code.js";
import { isObject, type Schema } from "../schema-tree.js";
import { ANNOTATIONS, type At, GROUPS, KNOWN, listText, TYPE_TEST } from "./keywords.js";
import type { Output } from "./output.js";
import { labelDispatch, memberUnion, namedUnion, nothingToCheck, subtypeMembers } from "./shapes.js";

/** What an object's checks read of its schema: the same for both outputs. */
export interface ObjectPlan {
  properties: Record<string, Schema | boolean>;
  required: Set<string>;
  /** Declared names, then required names that are not declared. */
  declared: string[];
  /** The names with something to check or count (those read by name: each array last). */
  checked: string[];
  /**
   * The names of arrays, checked after the loop has read every other name (a loop's only): an array's length is
   * the value's choice, so a wrong name or value beside it is found before its items are read.
   */
  later: string[];
  propertySchema(name: string): Schema | boolean;
  pattern: string | undefined;
  patternSchema: Schema | undefined;
  /** The test of an annotation's name (`patternProperties`). */
  patternTest(key: string): string;
  /** The test of a name longer than `propertyNames` allows. */
  tooLong(key: string): string;
  maxName: number | undefined;
  closed: boolean;
  /** Whether a name the object does not declare is checked at all. */
  anyUndeclared: boolean;
  /** Whether the one or two checked names are read by name rather than by a loop. */
  byName: boolean;
  /** Whether the object has anything for the report to say. */
  anyCheck: boolean;
}

export class Planner {
  private readonly constants: string[] = [];
  private readonly constantByText = new Map<string, string>();
  private readonly numbers = new Map<string, number>();
  private readonly written = new Set<string>();
  private readonly functions: string[] = [];
  private readonly memberFunctions = new Map<string, string>();
  /** The last variable's number: an output may rewind it to write equal checks as equal text. */
  counter = 0;
  /** The root's properties of each subtypes' `allOf` (by its text), for the table's `checkedByRoot` marks. */
  private readonly subtypeRoots = new Map<string, Record<string, Schema | boolean>>();

  constructor(
    readonly definitions: Record<string, Schema>,
    readonly verdict: Output,
    readonly report: Output,
  ) {
    for (const schema of Object.values(definitions)) {
      const dispatch = labelDispatch(schema, this.resolve);
      const members = dispatch === undefined ? undefined : subtypeMembers(dispatch.labelled, this.resolve);
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

  variable(): string {
    this.counter += 1;
    return `x${this.counter}`;
  }

  /**
   * Code written in scopes side by side (each a block of its own, as a `switch` case is): each scope's variables are
   * numbered from the same start, so that two scopes that check alike are the same code (a `switch` then writes one
   * case for names checked alike); later variables are numbered past every scope's. The code of each, in order.
   */
  siblings<T>(items: readonly T[], write: (item: T, code: Code) => void): string[] {
    const start = this.counter;
    let end = start;
    const texts = items.map((item) => {
      this.counter = start;
      const code = new Code();
      write(item, code);
      end = Math.max(end, this.counter);
      return code.toString();
    });
    this.counter = end;
    return texts;
  }

  textOf(schema: Schema | boolean): string {
    return JSON.stringify(isObject(schema) ? Object.fromEntries(Object.entries(schema).filter(([key]) => !ANNOTATIONS.has(key) || key === "title")) : schema);
  }

  /** The definition a `$ref` names. */
  readonly resolve = (ref: string): Schema => {
    const target = this.definitions[ref.replace(/^#\/definitions\//, "")];
    assert.ok(target, `checks: no definition for ${ref}`);
    return target;
  };

  /** The number of a schema's functions (`fN`, `rN`), writing the one the output needs if it is not written yet. */
  functionFor(schema: Schema | boolean, out: Output): number {
    // A type's file and its copies under other files' definitions differ only in their descriptions.
    const text = this.textOf(schema);
    let number = this.numbers.get(text);
    if (number === undefined) {
      number = this.numbers.size;
      this.numbers.set(text, number);
    }
    const name = `${out.prefix}${number}`;
    if (this.written.has(name)) return number;
    this.written.add(name);
    const code = new Code();
    out.writeFunction(this, code, number, schema);
    this.functions.push(code.toString());
    return number;
  }

  /** Whether a schema checks only the value itself (no object, array or union below it): it is checked in place. */
  inPlace(schema: Schema | boolean): boolean {
    if (!isObject(schema)) return true;
    return Object.keys(schema).every((key) => ANNOTATIONS.has(key) || ["type", "enum", "minimum", "maximum", "minLength", "maxLength", "pattern"].includes(key));
  }

  /**
   * A subschema checked at the same place as `schema` (a branch of `if`, `allOf`, `anyOf`), with the title of the
   * type it belongs to when it has none: a message about an undeclared property names the type (commsOperation,
   * whose `else` branch declares its properties).
   */
  titled(sub: Schema | boolean, schema: Schema): Schema | boolean {
    if (!isObject(sub) || typeof schema.title !== "string" || sub.title !== undefined || sub.$ref !== undefined || sub.additionalProperties !== false) return sub;
    return { title: schema.title, ...sub };
  }

  /** Whether a schema (through a lone `$ref`) is of arrays only. */
  isArray(schema: Schema | boolean): boolean {
    if (!isObject(schema)) return false;
    if (typeof schema.$ref === "string" && schema.type === undefined) return this.isArray(this.resolve(schema.$ref));
    return schema.type === "array";
  }

  /** The function of a subschema: its target's, when it is a `$ref` and nothing else. */
  functionOf(schema: Schema | boolean, out: Output): number {
    const lone = isObject(schema) && typeof schema.$ref === "string" && Object.keys(schema).every((key) => key === "$ref" || ANNOTATIONS.has(key));
    return this.functionFor(lone ? this.resolve(schema.$ref as string) : schema, out);
  }

  /** A subschema of the value at `at`: checked in place, or by its function. */
  subschema(code: Code, schema: Schema | boolean, at: At, out: Output): void {
    if (!this.inPlace(schema)) out.call(code, at, this.functionOf(schema, out), !this.isArray(schema));
    else out.inPlace(this, code, schema, at);
  }

  /** The statements that check the value at `at` against the schema, in Ajv's order of keywords. */
  checks(code: Code, schema: Schema | boolean, at: At, out: Output): void {
    if (schema === true) return;
    if (schema === false) {
      out.fail(code, at, "false schema", this.constant("{}", "p"), at.v);
      return;
    }
    for (const key of Object.keys(schema)) assert.ok(KNOWN.has(key) || ANNOTATIONS.has(key), `checks: the keyword "${key}" is not supported; teach scripts/generate/checks/`);
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
    const values = Array.isArray(schema.enum) ? (schema.enum as unknown[]) : undefined;
    if (typeTest !== undefined && !typeLast) {
      // An enum whose every value has one of the types says the type too.
      const ofType = types!.map((type) => new Function("v", `return ${TYPE_TEST[type]!("v")};`) as (value: unknown) => boolean);
      const implied = values?.every((value) => ofType.some((test) => test(value))) === true;
      out.typeAndEnum(this, code, at, typeTest, typeFail, values, implied, declaredBy);
    }
    if (typeof schema.$ref === "string") out.call(code, at, this.functionFor(this.resolve(schema.$ref), out), !this.isArray(this.resolve(schema.$ref)));
    if (values !== undefined && (typeTest === undefined || typeLast)) this.enumCheck(code, values, at, out, declaredBy);
    if (Array.isArray(schema.anyOf))
      this.anyOf(
        code,
        schema,
        (schema.anyOf as Schema[]).map((branch) => this.titled(branch, schema) as Schema),
        at,
        out,
        declaredBy,
      );
    // Rule 12's table itself (a `$ref` to it is the `$ref` above, checked by the table's function).
    const members = typeof schema.$ref === "string" ? undefined : subtypeMembers(schema, this.resolve);
    if (members !== undefined) out.subtypes(this, code, at, members);
    else if (Array.isArray(schema.allOf)) for (const member of schema.allOf as Schema[]) this.subschema(code, this.titled(member, schema), at, out);
    // Rule 12's dispatch, where the output reads the label in the object's own loop; otherwise the `if` as written.
    const dispatch = out.dispatchOf(this, schema);
    if (schema.if !== undefined && dispatch === undefined) {
      // The condition decides silently (Ajv reports none of its errors): its verdict function.
      const condition = `f${this.functionFor(schema.if as Schema, this.verdict)}(${v})`;
      const then = schema.then === undefined ? undefined : () => this.subschema(code, this.titled(schema.then as Schema, schema), at, out);
      const otherwise = schema.else === undefined ? undefined : () => this.subschema(code, this.titled(schema.else as Schema, schema), at, out);
      if (then !== undefined) code.if(condition, then, otherwise);
      else if (otherwise !== undefined) code.if(`!${condition}`, otherwise);
    }
    for (const [type, keywords] of usedGroups) {
      const group = () => {
        for (const keyword of keywords) if (schema[keyword] !== undefined) this.keyword(code, schema, keyword, at, out);
        if (type === "object") out.object(this, code, schema, at, dispatch);
      };
      if (type === single) code.if(TYPE_TEST[type]!(v), group, typeFail);
      else if (types === undefined || types.includes(type) || (type === "number" && types.includes("integer"))) code.if(TYPE_TEST[type]!(v), group);
    }
    // A single type with nothing of its group checked is tested first, above.
  }

  /** One keyword of the number, string or array group (the object group is the output's `object`). */
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
        out.items(this, code, v, this.functionOf(limit, out), item);
        break;
      }
      default:
        // required, propertyNames, additionalProperties, properties, patternProperties: the output's `object`.
        break;
    }
  }

  enumCheck(code: Code, values: unknown[], at: At, out: Output, declared?: string): void {
    for (const value of values) assert.ok(value === null || ["string", "number", "boolean"].includes(typeof value), "checks: enum of objects");
    const list = this.constant(listText(values), "l");
    const params = this.constant(`{ allowedValues: ${list} }`, "p");
    const test = values.length <= 8 ? values.map((value) => `${at.v} !== ${literal(value)}`).join(" && ") : `!${this.constant(`/* @__PURE__ */ new Set(${list})`)}.has(${at.v})`;
    code.if(test, () => out.fail(code, at, "enum", params, at.v, declared));
  }

  /**
   * `anyOf` (of `node`). Two rules the writer states as unions (shapes.ts reads their marks) get code of their own;
   * any other union is the output's (`union`).
   * - An invited participant names someone (rule 9): one function tries each name (`memberTest`); its issue names
   *   them all.
   * - A notification names its resource (rule 7): its issue is the first name's `required`, naming the others as
   *   alternatives.
   */
  private anyOf(code: Code, node: Schema, branches: Schema[], at: At, out: Output, declared?: string): void {
    const members = this.memberTest(node, branches);
    if (members !== undefined) {
      out.memberUnion(this, code, at, `${members.fn}(${at.v})`, members.names);
      return;
    }
    const required = namedUnion(node, branches);
    if (required !== undefined) {
      const tests = branches.map((branch) => `f${this.functionFor(branch, this.verdict)}(${at.v})`).join(" || ");
      out.namedUnion(this, code, at, tests, required);
      return;
    }
    out.union(this, code, at, branches, declared);
  }

  /** Rule 9's union as one function that tries each name in turn, instead of a function per branch. */
  private memberTest(node: Schema, branches: Schema[]): { fn: string; names: string[] } | undefined {
    const union = memberUnion(node, branches, (schema) => this.textOf(schema));
    if (union === undefined) return undefined;
    const { names, member } = union;
    const check = this.functionFor(member, this.verdict);
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
            for (const name of names) code.line(`case ${literal(name)}:`);
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

  /** The properties of the root whose dispatch holds rule 12's table `members`, when it has one. */
  rootOf(members: Schema[]): Record<string, Schema | boolean> | undefined {
    return this.subtypeRoots.get(JSON.stringify(members));
  }

  /** What an object's checks read of its schema (asserting what the outputs rely on). */
  objectPlan(schema: Schema): ObjectPlan {
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
    const declared = [...Object.keys(properties), ...[...required].filter((name) => !Object.hasOwn(properties, name))];
    const propertySchema = (name: string): Schema | boolean => (Object.hasOwn(properties, name) ? properties[name]! : true);
    const [pattern, patternSchema] = patterns[0] ?? [];
    const anyUndeclared = maxName !== undefined || pattern !== undefined || closed;
    const isArray = (name: string) => this.isArray(propertySchema(name));
    const checked = declared.filter((name) => required.has(name) || !nothingToCheck(propertySchema(name)));
    const byName = !anyUndeclared && checked.length <= 2;
    return {
      properties,
      required,
      declared,
      checked: [...checked.filter((name) => !isArray(name)), ...checked.filter(isArray)],
      later: byName ? [] : checked.filter(isArray),
      propertySchema,
      pattern,
      patternSchema,
      patternTest: (key) =>
        // Every OData annotation names "@odata."; the regular expression runs only on names that do.
        `${pattern!.includes("@odata\\.") ? `${key}.includes("@odata.") && ` : ""}${this.constant(`/* @__PURE__ */ new RegExp(${literal(pattern)}, "u")`)}.test(${key})`,
      tooLong: (key) => `${key}.length > ${maxName} && ucs2length(${key}) > ${maxName}`,
      maxName,
      closed,
      anyUndeclared,
      byName,
      anyCheck: required.size > 0 || Object.keys(properties).length > 0 || patterns.length > 0 || closed || maxName !== undefined,
    };
  }

  source(): string {
    return [...this.constants, ...this.functions].join("\n");
  }
}
