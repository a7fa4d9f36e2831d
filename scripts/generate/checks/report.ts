/**
 * The report output: a schema's function `rN(v, r)` records each failed rule in a `Report` (src/validators/report.ts) and goes
 * on or returns as the report says (`r.stop`): at the first issue, or with allErrors at maxErrors. It is called only
 * where the verdict function of the same schema finds the value invalid, and asks that verdict of each subschema
 * before walking it: only what holds an issue is walked twice.
 */
import assert from "node:assert/strict";
import type { Code } from "../code.js";
import { literal } from "../code.js";
import type { Schema } from "../schema-tree.js";
import { type At, segmentOf, TYPE_TEST } from "./keywords.js";
import type { Output } from "./output.js";
import type { Planner } from "./planner.js";
import { nothingToCheck, orNull } from "./shapes.js";
import { subtypeTable } from "./subtypes.js";

export const REPORT: Output = {
  prefix: "r",

  // A report function of a schema that checks only the value itself is given the segment of its place (`k`), so
  // that each property checked alike calls one function, not a copy of its checks.
  writeFunction(planner, code, number, schema) {
    planner.functionFor(schema, planner.verdict);
    const inPlace = planner.inPlace(schema);
    code.block(`function r${number}(v, r${inPlace ? ", k" : ""})`, () => planner.checks(code, schema, { v: "v", segment: inPlace ? "k" : undefined }, this));
  },

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

  // A property's value is checked by a function even where it checks only the value: each message-writing `r.add`
  // stands once.
  inPlace(planner, code, schema, at) {
    if (at.segment === undefined || nothingToCheck(schema)) planner.checks(code, schema, at, this);
    else code.line(`r${planner.functionFor(schema, this)}(${at.v}, r, ${at.segment});`).line("if (r.stop) return;");
  },

  // With allErrors, a value of the wrong type is not checked against the enum too: the type says it all.
  typeAndEnum(planner, code, at, typeTest, typeFail, values, _implied, declared) {
    if (values !== undefined) code.if(`!(${typeTest})`, typeFail, () => planner.enumCheck(code, values, at, this, declared));
    else code.if(`!(${typeTest})`, typeFail);
  },

  // The `if` as written: the report's order of issues is the schema's.
  dispatchOf: () => undefined,

  // The items before the one the verdict stopped at are valid: the report starts there.
  items(planner, code, v, fn, item) {
    const stopped = planner.variable();
    code.line(`const ${stopped} = resume(stopped, ${v}, ${fn});`);
    code.block(`for (let i = ${stopped} < 0 ? 0 : ${stopped}; i < ${v}.length; i++)`, () => {
      code.line(`const ${item} = ${v}[i];`);
      code.line(`if ((i === ${stopped} || !f${fn}(${item})) && r.at(i, r${fn}, ${item})) return;`);
    });
  },

  // Rule 9: one issue naming every member that could have named someone.
  memberUnion(planner, code, at, test, names) {
    code.if(`!(${TYPE_TEST.object!(at.v)})`, notObject(planner, code, at), () =>
      code.if(`!${test}`, () => this.fail(code, at, "anyOf", planner.constant(literal({ members: names }), "p"), at.v)),
    );
  },

  // Rule 7: the first name's `required`, naming the others as alternatives.
  namedUnion(planner, code, at, tests, names) {
    const [first, ...others] = names;
    const params = planner.constant(literal({ missingProperty: first, alternatives: others }), "p");
    code.if(`!(${TYPE_TEST.object!(at.v)})`, notObject(planner, code, at), () =>
      code.if(`!(${tests})`, () => this.fail(code, { v: at.v, segment: segmentOf(first!) }, "required", params, "ABSENT")),
    );
  },

  // A nullable member is one call (`Report.orNull`); any other union tries each branch in turn and keeps, when none
  // holds, what says most (`anyOf` in src/validators/report.ts).
  union(planner, code, at, branches, declared) {
    const other = orNull(branches);
    if (other !== undefined) {
      const fn = planner.functionOf(other, this);
      code.line(`if (${at.v} !== null && !f${fn}(${at.v}) && r.orNull(${[at.v, `r${fn}`, ...(declared === undefined ? [] : [declared])].join(", ")})) return;`);
      return;
    }
    const tests = branches.map((branch) => `r${planner.functionOf(branch, this)}`);
    code.line(`if (anyOf(r, ${at.v}, ${tests.join(", ")})) return;`);
  },

  // Rule 12's table, read by `reportSubtypes` (src/validators/subtypes.ts) with the report function of each member a group
  // declares as another type; the titles follow from the groups' names: the root's name is all it needs.
  subtypes(planner, code, at, members) {
    assert.equal(at.segment, undefined, "checks: subtype groups below a property");
    const refs = new Map<number, number>();
    const { table, groups } = subtypeTable(planner, members, (ref, verdict) => refs.set(verdict, planner.functionFor(ref, this)));
    const roots = groups.map(({ names, then }) => {
      if (then.additionalProperties !== false) return undefined;
      const found = /^(\w+) \(/.exec(String(then.title))?.[1];
      assert.equal(then.title, names.length === 1 ? names[0] : `${found} (${names.join(", ")})`, "checks: a subtype group's title");
      return found;
    });
    const named = roots.filter((name) => name !== undefined);
    assert.ok(new Set(named).size <= 1, "checks: subtype groups that differ in their root's name");
    const root = named[0];
    const reports = [...refs].map(([verdict, report]) => `[f${verdict}, r${report}]`);
    const report = planner.constant(`{ table: ${table}, root: ${root === undefined ? "undefined" : literal(root)}, reports: [${reports.join(", ")}] }`, "s");
    code.if(`reportSubtypes(${at.v}, ${report}, r)`, () => code.line("return;"));
  },

  object(planner, code, schema, at) {
    objectNames(planner, code, schema, at);
  },
};

/** A value that is not an object, where a union of objects is asked. */
function notObject(planner: Planner, code: Code, at: At): () => void {
  return () => REPORT.fail(code, at, "type", planner.constant(literal({ type: "object" }), "p"), at.v);
}

/**
 * An object's issues (its type tested): each name checked when `for…in` visits it, in the value's order, as the
 * verdict reads it, so that a rejection costs the walk up to its issue; then the required names that were not
 * there; then the items of its arrays (a wrong `status` is not found after every participant).
 */
function objectNames(planner: Planner, code: Code, schema: Schema, at: At): void {
  const out = REPORT;
  const { v } = at;
  const { properties, required, declared, checked, later, propertySchema, pattern, patternSchema, patternTest, tooLong, maxName, closed, anyUndeclared, byName, anyCheck } =
    planner.objectPlan(schema);
  if (!anyCheck) return;
  const key = planner.variable();
  const present = new Map([...required].map((name) => [name, planner.variable()]));
  // An array is kept when the loop meets it, and its items checked after the required names, as the verdict does.
  const kept = new Map(later.map((name) => [name, planner.variable()]));
  if (present.size + kept.size > 0) code.line(`let ${[...present.values(), ...kept.values()].join(", ")};`);
  const visited = (into: Code, name: string, x: string) => {
    if (present.has(name)) into.line(`${present.get(name)} = true;`);
    if (kept.has(name)) into.line(`${kept.get(name)} = ${x};`);
    else if (!nothingToCheck(propertySchema(name))) planner.subschema(into, propertySchema(name), { v: x, segment: segmentOf(name) }, out);
  };
  const x = planner.variable();
  if (byName) {
    for (const name of checked)
      code.block("", () => {
        code.line(`const ${x} = ${v}[${literal(name)}];`);
        code.if(`${x} !== undefined && visits(${v}, ${literal(name)})`, () => visited(code, name, x));
      });
  } else {
    const hint = closed ? planner.constant(literal({ title: schema.title, names: Object.keys(properties) }), "d") : "undefined";
    code.forIn(key, v, () =>
      code.block(`switch (${key})`, () => {
        for (const name of declared) {
          code.line(`case ${literal(name)}:`);
          // A declared name with nothing to check or note (strict mode's `true`): only not undeclared.
          if (!present.has(name) && nothingToCheck(propertySchema(name))) {
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
                planner.subschema(code, patternSchema!, { v: x, segment: `r.name(${key})` }, out);
                code.line("continue;");
              });
            if (closed) code.if(`r.undeclared(${key}, ${hint})`, () => code.line("return;"));
          });
      }),
    );
  }
  for (const name of required)
    code.if(`${present.get(name)} === undefined`, () =>
      out.fail(code, { v, segment: segmentOf(name) }, "required", planner.constant(literal({ missingProperty: name }), "p"), "ABSENT"),
    );
  for (const [name, array] of kept) code.if(`${array} !== undefined`, () => planner.subschema(code, propertySchema(name), { v: array, segment: segmentOf(name) }, out));
}
