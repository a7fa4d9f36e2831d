/**
 * Rule 12: an identity or identity set whose `@odata.type` names a subtype is checked against that subtype's own
 * properties (and, in strict mode, accepts exactly its properties). The shipped files say it as an `allOf` of one
 * `if`/`then` per group of subtypes; the generator (scripts/generate/checks.ts) writes that `allOf` as a table of
 * the groups, read here, rather than as two functions per group: forty groups of the same few checks made a
 * strict request's bundle twice as large. One walk, two outputs, as in the generated code: `subtypesHold` gives
 * the verdict, `reportSubtypes` records the issues, in the order Ajv finds them in the files.
 */
import { isObject, ucs2length } from "./read.js";
import type { Report } from "./report.js";

/** A subtype's own property: its name, its JSON types, its enum's values, an object type's verdict (for a nullable `$ref`). */
export type OwnProperty = readonly [name: string, types: readonly string[] | undefined, values: ReadonlySet<unknown> | undefined, check: ((value: unknown) => boolean) | undefined];

/** One group of subtypes: their names (`teamworkUserIdentity`, labelled with or without `#microsoft.graph.`), and their own properties. */
export type SubtypeGroup = readonly [names: readonly string[], own: readonly OwnProperty[]];

/** The groups of one `allOf`, and, for strict mode, what a group declares and allows besides its own properties. */
export interface SubtypeTable {
  readonly groups: readonly SubtypeGroup[];
  /** Strict mode: the root's names, declared by every group (`displayName`, `id`); undefined in tolerant mode, whose groups are open. */
  readonly rootNames: readonly string[] | undefined;
  /** Names of OData annotations, allowed on a closed group when their values are strings. */
  readonly annotation: RegExp | undefined;
  /** The longest property name allowed (`propertyNames`). */
  readonly maxName: number | undefined;
}

/** What the report adds: the root's name (for the title of a closed group of several subtypes), and each object type's report. */
export interface SubtypeReport {
  readonly table: SubtypeTable;
  readonly root: string | undefined;
  readonly reports: readonly (readonly [check: (value: unknown) => boolean, report: (value: unknown, report: Report) => void])[];
}

const TYPE_OF: Record<string, (value: unknown) => boolean> = {
  object: isObject,
  string: (value) => typeof value === "string",
  boolean: (value) => typeof value === "boolean",
  null: (value) => value === null,
};

const ofTypes = (value: unknown, types: readonly string[] | undefined): boolean => types === undefined || types.some((type) => TYPE_OF[type]!(value));
const ownValue = ([, types, values, check]: OwnProperty, value: unknown): boolean =>
  ofTypes(value, types) && (values === undefined || values.has(value)) && (check === undefined || value === null || check(value));
const longerThan = (name: string, max: number) => name.length > max && ucs2length(name) > max;

/** The value's names as `for…in` visits them, each with its value. */
function entries(v: object): [string, unknown][] {
  const found: [string, unknown][] = [];
  for (const name in v) found.push([name, (v as Record<string, unknown>)[name]]);
  return found;
}

const indexes = new WeakMap<SubtypeTable, Map<string, number>>();
const PREFIXES = ["#microsoft.graph.", "microsoft.graph."];

/** The groups a value is checked against: the one its label names, none for another label, all without one (an `if` on an absent property holds). */
function groupsOf(table: SubtypeTable, read: [string, unknown][]): number[] {
  const label = read.find(([name, value]) => name === "@odata.type" && value !== undefined)?.[1];
  if (label === undefined) return table.groups.map((_, index) => index);
  let index = indexes.get(table);
  if (index === undefined) {
    index = new Map(table.groups.flatMap(([names], group) => names.flatMap((name) => PREFIXES.map((prefix) => [`${prefix}${name}`, group] as const))));
    indexes.set(table, index);
  }
  const group = typeof label === "string" ? index.get(label) : undefined;
  return group === undefined ? [] : [group];
}

const isAnnotation = (table: SubtypeTable, name: string) => table.annotation !== undefined && name.includes("@odata.") && table.annotation.test(name);

/** The verdict: whether the value holds against the group its `@odata.type` names. */
export function subtypesHold(v: unknown, table: SubtypeTable): boolean {
  const closed = table.rootNames !== undefined;
  if (!isObject(v)) return !closed;
  const read = entries(v);
  for (const group of groupsOf(table, read)) {
    const own = table.groups[group]![1];
    for (const [name, value] of read) {
      const property = own.find(([ownName]) => ownName === name);
      if (property !== undefined) {
        if (value !== undefined && !ownValue(property, value)) return false;
      } else if (closed && !table.rootNames!.includes(name)) {
        if (table.maxName !== undefined && longerThan(name, table.maxName)) return false;
        if (isAnnotation(table, name) ? typeof value !== "string" : true) return false;
      }
    }
  }
  return true;
}

/** The issues, in Ajv's order within each group: names too long, undeclared names, own properties (declared order), annotations. True when the walk must stop. */
export function reportSubtypes(v: unknown, report: SubtypeReport, r: Report): boolean {
  const { table } = report;
  const closed = table.rootNames !== undefined;
  if (!isObject(v)) return closed && r.add(undefined, "type", { type: "object" }, v);
  const read = entries(v);
  for (const group of groupsOf(table, read)) {
    const own = table.groups[group]![1];
    const subtypes = table.groups[group]![0];
    // What the files' titles say: the subtype, or the root and the subtypes of a group; each own property, its subtypes.
    const closedTitle = subtypes.length === 1 ? subtypes[0] : `${report.root} (${subtypes.join(", ")})`;
    const ownTitle = subtypes.join(" or ");
    if (closed) {
      const names = [...table.rootNames!, ...own.map(([name]) => name)];
      const long = table.maxName === undefined ? [] : read.filter(([name]) => !names.includes(name) && longerThan(name, table.maxName!)).map(([name]) => name);
      const extra = read.filter(([name]) => !names.includes(name) && !isAnnotation(table, name)).map(([name]) => name);
      if (r.undeclared(long.length > 0 ? long : undefined, extra.length > 0 ? extra : undefined, { title: closedTitle, names })) return true;
    }
    const declared = { title: ownTitle, names: [] };
    for (const property of own) {
      const [name, types, values, check] = property;
      const value = read.find(([readName]) => readName === name)?.[1];
      if (value === undefined || ownValue(property, value)) continue;
      if (check !== undefined) {
        // A nullable object type: its issues, or one naming it and null (`Report.orNull`), at the property.
        const inner = report.reports.find(([verdict]) => verdict === check)![1];
        if (r.at(name, (x, at) => void at.orNull(x, inner, declared), value)) return true;
      } else if (!ofTypes(value, types)) {
        if (r.add(name, "type", { type: types!.length === 1 ? types![0] : types }, value, declared)) return true;
      } else if (r.add(name, "enum", { allowedValues: [...values!] }, value, declared)) return true;
    }
    if (closed && table.annotation !== undefined) {
      for (const [name, value] of read) if (isAnnotation(table, name) && typeof value !== "string" && r.add(name, "type", { type: "string" }, value)) return true;
    }
  }
  return false;
}
