/**
 * The verdict output: a schema's function `fN(v)` returns a boolean, a failed rule is `return false`. No allocation,
 * and each object's names read in one `for…in` loop with a `switch` over the declared ones (V8 then reads each value
 * by its place in the object's layout, where a read by name is looked up again for each layout a service sees).
 */
import assert from "node:assert/strict";
import { type Code, literal } from "../code.js";
import type { Schema } from "../schema-tree.js";
import { type At, holdsLabel } from "./keywords.js";
import type { Fold, Output } from "./output.js";
import type { Planner } from "./planner.js";
import { isNullBranch, type LabelDispatch, labelDispatch, sameClosure, subtypeMembers, tableRootNames } from "./shapes.js";
import { subtypeTable } from "./subtypes.js";

export const VERDICT: Output = {
  prefix: "f",

  writeFunction(planner, code, number, schema) {
    code.block(`function f${number}(v)`, () => {
      planner.checks(code, schema, { v: "v", segment: undefined }, this);
      code.line("return true;");
    });
  },

  fail: (code) => {
    code.line("return false;");
  },

  call: (code, at, fn) => {
    code.line(`if (!f${fn}(${at.v})) return false;`);
  },

  inPlace(planner, code, schema, at) {
    planner.checks(code, schema, at, this);
  },

  // An enum whose every value has one of the types says the type too: the verdict needs its check alone.
  typeAndEnum(planner, code, at, typeTest, typeFail, values, implied, declared) {
    if (!implied) code.if(`!(${typeTest})`, typeFail);
    if (values !== undefined) planner.enumCheck(code, values, at, this, declared);
  },

  // Rule 12's dispatch: the label is taken from the object's own loop and the branch chosen after it, rather than
  // read again by each condition. Only the boolean matters here, not the order.
  dispatchOf: (planner, schema) => labelDispatch(schema, planner.resolve),

  // Items checked by a function: the verdict notes where it stopped (`Stopped` in src/validators/checks-runtime.ts), and the
  // report starts there. (An object's arrays are checked after its other names: no issue of the object comes after
  // a valid array for the report to meet past it.)
  items(_planner, code, v, fn) {
    code.block(`for (let i = 0; i < ${v}.length; i++)`, () =>
      code.if(`!f${fn}(${v}[i])`, () => code.line(`stopped.items = ${v}; stopped.by = ${fn}; stopped.at = i;`).line("return false;")),
    );
  },

  memberUnion(_planner, code, _at, test) {
    code.if(`!${test}`, () => code.line("return false;"));
  },

  namedUnion(_planner, code, _at, tests) {
    code.if(`!(${tests})`, () => code.line("return false;"));
  },

  union(planner, code, at, branches) {
    const tests = branches.map((branch) => (isNullBranch(branch) ? `${at.v} === null` : `f${planner.functionOf(branch, this)}(${at.v})`));
    code.if(`!(${tests.join(" || ")})`, () => code.line("return false;"));
  },

  /**
   * Rule 12's table. `label`: the label the object's own loop read. `fold` (strict mode): that loop's notes, with
   * which a group whose own properties are all among the names it declares, checked alike, is closed by a mask,
   * not by a second loop.
   */
  subtypes(planner, code, at, members, label, fold) {
    assert.equal(at.segment, undefined, "checks: subtype groups below a property");
    const { table, rootNames } = subtypeTable(planner, members);
    const holds = `${rootNames === undefined ? "subtypesHold" : "closedSubtypesHold"}(${[at.v, table, ...(label === undefined ? [] : [label])].join(", ")})`;
    if (label !== undefined && rootNames === undefined) {
      // Open groups: only a label whose group has a property the root's loop has not checked alike is looked up.
      code.if(`${planner.constant(`/* @__PURE__ */ unsettledLabels(${table})`)}.has(${label}) && !${holds}`, () => code.line("return false;"));
    } else if (label !== undefined && fold !== undefined) {
      // Closed groups whose own properties are among the root's names, checked alike: closed by the loop's notes.
      const mask = planner.variable();
      code.line(`const ${mask} = ${planner.constant(`/* @__PURE__ */ labelMasks(${table}, ${literal(fold.extras)})`)}.get(${label});`);
      const unnoted = fold.seen === undefined ? "" : ` || (${fold.seen} & ~${mask}) !== 0`;
      code.if(`${mask} === undefined ? !${holds} : ${fold.refused}${unnoted}`, () => code.line("return false;"));
    } else code.if(`!${holds}`, () => code.line("return false;"));
  },

  object(planner, code, schema, at, dispatch) {
    objectLoop(planner, code, schema, at, dispatch);
  },
};

/**
 * An object's checks (its type tested): its names read in one `for…in` loop with a `switch` over the declared ones,
 * each value checked where it is read, but an array's items, checked after the loop. Where one or two names are
 * checked and no other is, each is read by name and `visits` (src/validators/read.ts) asked whether `for…in` would
 * visit it: starting a loop lists every name of the object, where this reads one. With rule 12's dispatch, the loop
 * reads the label, and the branch is chosen after it.
 */
function objectLoop(planner: Planner, code: Code, schema: Schema, at: At, dispatch: LabelDispatch | undefined): void {
  const out = VERDICT;
  const { v } = at;
  const { properties, required, declared, checked, later, propertySchema, pattern, patternSchema, patternTest, tooLong, maxName, closed, anyUndeclared, byName } =
    planner.objectPlan(schema);
  const key = planner.variable();
  // An array the loop meets is kept, and its items checked after the loop (`later`).
  const kept = new Map(later.map((name) => [name, planner.variable()]));
  assert.ok(kept.size === 0 || dispatch === undefined, "checks: an array in an object with rule 12's dispatch");
  if (kept.size > 0) code.line(`let ${[...kept.values()].join(", ")};`);
  const count = required.size > 0 ? planner.variable() : undefined;
  if (count !== undefined) code.line(`let ${count} = 0;`);
  const value = planner.variable();
  const label = dispatch === undefined ? undefined : planner.variable();
  if (label !== undefined) {
    assert.ok(!byName && declared.includes("@odata.type"), "checks: a label dispatch on an object whose label is not read in its loop");
    code.line(`let ${label};`);
  }
  // Strict mode closes a plain object (unlabelled, or labelled as the root) in a branch that declares exactly its
  // names: its own loop notes a name that branch would refuse, rather than a second loop reading every name again.
  const closure = dispatch === undefined ? undefined : sameClosure(dispatch.asRoot, dispatch.unlabelled, Object.keys(properties), maxName);
  const refused = closure === undefined ? undefined : planner.variable();
  if (refused !== undefined) code.line(`let ${refused} = false;`);
  // Strict mode, a labelled subtype: the loop also notes, a bit each, which of the names the object declares
  // beyond its root's it visits, so that a subtype declaring no other name is closed by a mask (`subtypes`).
  // The label is no such name: the group is chosen by it.
  const members = dispatch === undefined ? undefined : subtypeMembers(dispatch.labelled, planner.resolve);
  const rootNames = members === undefined ? undefined : tableRootNames(members);
  const extras = refused === undefined || rootNames === undefined ? [] : Object.keys(properties).filter((name) => name !== "@odata.type" && !rootNames.includes(name));
  assert.ok(extras.length <= 30, "checks: more names beyond a subtype root's than an integer's bits");
  const seen = extras.length > 0 ? planner.variable() : undefined;
  if (seen !== undefined) code.line(`let ${seen} = 0;`);
  const mark = (name: string) => (seen === undefined || !extras.includes(name) ? "" : `${seen} |= ${2 ** extras.indexOf(name)};`);
  // The root's own labels hold against the label's schema (asserted), so the loop notes them before any other
  // check: most objects carry one, and one comparison then replaces the label's checks and the branch's.
  const asRoot = label === undefined ? undefined : planner.variable();
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
          planner.subschema(into, propertySchema(name), { v: value, segment: undefined }, out);
        },
      );
      return;
    }
    if (kept.has(name)) into.line(`${kept.get(name)} = ${value};`);
    else planner.subschema(into, propertySchema(name), { v: value, segment: undefined }, out);
  };
  if (byName) {
    for (const name of checked)
      code.block("", () => {
        code.line(`const ${value} = ${v}[${literal(name)}];`);
        code.if(`${value} !== undefined && visits(${v}, ${literal(name)})`, () => check(code, name));
      });
  } else if (checked.length > 0 || anyUndeclared) {
    // Names with the same note and the same checks share a case: each name's checks are written in a scope of its
    // own (`siblings`), so that equal checks are the same code, written once (keyed by both: a note holds no line break).
    const cases = new Map<string, { noted: string; text: string; names: string[] }>();
    const texts = planner.siblings(declared, (name, body) => check(body, name));
    declared.forEach((name, index) => {
      const text = texts[index]!;
      // A name noted by a bit is noted when visited, whatever its value, as a closed schema counts names.
      const noted = mark(name);
      if (text === "" && noted === "" && !anyUndeclared) return;
      const same = cases.get(`${noted}\n${text}`);
      if (same === undefined) cases.set(`${noted}\n${text}`, { noted, text, names: [name] });
      else same.names.push(name);
    });
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
              const annotation = `${key}.includes("@odata.") && ${planner.constant(`/* @__PURE__ */ new RegExp(${literal(closure)}, "u")`)}.test(${key})`;
              code.if(`!(${annotation} && typeof ${v}[${key}] === "string")`, () => code.line(`${refused} = true;`));
            }
            if (pattern !== undefined)
              code.if(patternTest(key), () => {
                const item = planner.variable();
                code.line(`const ${item} = ${v}[${key}];`);
                planner.subschema(code, patternSchema!, { v: item, segment: undefined }, out);
                code.line("continue;");
              });
            if (closed) code.line("return false;");
          });
      }),
    );
  }
  if (count !== undefined) code.if(`${count} !== ${required.size}`, () => code.line("return false;"));
  for (const [name, array] of kept) code.if(`${array} !== undefined`, () => planner.subschema(code, propertySchema(name), { v: array, segment: undefined }, out));
  if (dispatch !== undefined && label !== undefined) {
    const branch = (sub: Schema | undefined) => () => {
      if (sub === undefined) return;
      // The subtypes' table is given the label the loop read, rather than looking for it again.
      const table = subtypeMembers(sub, planner.resolve);
      const fold: Fold | undefined = sub === dispatch.labelled && refused !== undefined ? { refused, seen, extras } : undefined;
      if (table !== undefined) out.subtypes(planner, code, { v, segment: undefined }, table, label, fold);
      else planner.subschema(code, planner.titled(sub, schema), { v, segment: undefined }, out);
    };
    if (refused !== undefined) code.if(`${asRoot} || ${label} === undefined`, () => code.if(refused, () => code.line("return false;")), branch(dispatch.labelled));
    else code.if(asRoot!, branch(dispatch.asRoot), () => code.if(`${label} !== undefined`, branch(dispatch.labelled), branch(dispatch.unlabelled)));
  }
}
