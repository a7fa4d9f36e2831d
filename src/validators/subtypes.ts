/**
 * Rule 12: an identity or identity set whose `@odata.type` names a subtype is checked against that subtype's own
 * properties (and, in strict mode, accepts exactly its properties). The shipped files say it as an `allOf` of one
 * `if`/`then` per group of subtypes; the generator (scripts/generate/checks/subtypes.ts) writes that `allOf` as a table of
 * the groups, read here, rather than as two functions per group: some thirty groups of the same few checks
 * made a strict request's bundle twice as large. One walk, two outputs, as in the generated code: `subtypesHold` gives
 * the verdict, `reportSubtypes` records the issues, in the order Ajv finds them in the files.
 */
import { isObject, ucs2length } from "./read.js";
import type { Report } from "./report.js";
import { labelsOf } from "./graph-names.js";

/**
 * A subtype's own property: its name, its JSON types, its enum's values, an object type's verdict (for a nullable
 * `$ref`), and whether the root declares it with the same check (the communications subtypes' properties that real
 * payloads put on plain identities): then the verdict, which has checked it with the root's, does not again.
 */
type OwnProperty = readonly [
  name: string,
  types?: readonly string[] | undefined,
  values?: ReadonlySet<unknown> | undefined,
  check?: ((value: unknown) => boolean) | undefined,
  checkedByRoot?: true,
];

/** One group of subtypes: their names (`teamworkUserIdentity`, labelled with or without `#microsoft.graph.`), and their own properties. */
type SubtypeGroup = readonly [names: readonly string[], own: readonly OwnProperty[]];

/**
 * The groups of one `allOf`, and, for strict mode, what a group declares and allows besides its own properties. The
 * generated code leaves out what is undefined, here and at the end of an own property (a bundle's bytes).
 */
export interface SubtypeTable {
  readonly groups: readonly SubtypeGroup[];
  /** Strict mode: the root's names, declared by every group (`displayName`, `id`); none in tolerant mode, whose groups are open. */
  readonly rootNames?: readonly string[] | undefined;
  /** Names of OData annotations, allowed on a closed group when their values are strings. */
  readonly annotation?: RegExp | undefined;
  /** The longest property name allowed (`propertyNames`). */
  readonly maxName?: number | undefined;
}

/** What the report adds: the root's name (for the title of a closed group of several subtypes), and each object type's report. */
interface SubtypeReport {
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

/** Whether a value has one of the JSON types (all of them when the property names none). */
const ofTypes = (value: unknown, types: readonly string[] | undefined): boolean => types === undefined || types.some((type) => TYPE_OF[type]!(value));
const longerThan = (name: string, max: number) => name.length > max && ucs2length(name) > max;

/** A table as the checks look it up: each label's group, each group's own properties' checks by name, the root's names. */
interface Prepared {
  readonly byLabel: Map<string, number>;
  /**
   * Each own name's check, for a value alone ([0]) and for one whose root's loop has just checked it ([1]: null for
   * a property the root declares alike).
   */
  readonly own: readonly [Map<string, (value: unknown) => boolean>[], Map<string, ((value: unknown) => boolean) | null>[]];
  readonly root: Set<string> | undefined;
}
/** An own property's name and its check. */
type OwnCheck = readonly [name: string, check: (value: unknown) => boolean];
const prepared = new WeakMap<SubtypeTable, Prepared>();

/** The last table prepared: a bundle has one or two, and a map lookup per value cost as much as the check. */
let lastTable: SubtypeTable | undefined;
let lastPrepared: Prepared | undefined;

function prepare(table: SubtypeTable): Prepared {
  if (table === lastTable) return lastPrepared!;
  let found = prepared.get(table);
  if (found === undefined) {
    // Each own property's check, built once; after the root's loop, none for a property it declares alike.
    const alone = table.groups.map(([, own]) => own.map((property): OwnCheck => [property[0], checkOf(property)]));
    found = {
      byLabel: new Map(table.groups.flatMap(([names], group) => labelsOf(names).map((label) => [label, group] as const))),
      own: [
        alone.map((checks) => new Map(checks)),
        table.groups.map(([, own], group) => new Map(own.map(([name, , , , byRoot], index) => [name, byRoot === true ? null : alone[group]![index]![1]]))),
      ],
      root: table.rootNames === undefined ? undefined : new Set(table.rootNames),
    };
    prepared.set(table, found);
  }
  lastTable = table;
  lastPrepared = found;
  return found;
}

/** An own property's check as one function, built once: its types, its enum, its object type's verdict. */
function checkOf([, types, values, check]: OwnProperty): (value: unknown) => boolean {
  const typeTests = (types ?? []).map((type) => TYPE_OF[type]!);
  const ofType =
    typeTests.length === 0
      ? () => true
      : typeTests.length === 1
        ? typeTests[0]!
        : (value: unknown) => typeTests[0]!(value) || typeTests[1]!(value) || typeTests.slice(2).some((test) => test(value));
  if (values !== undefined) return (value) => ofType(value) && values.has(value);
  if (check !== undefined) return (value) => ofType(value) && (value === null || check(value));
  return ofType;
}

/** The label, where `for…in` visits it, as the generated code reads it. */
function labelOf(v: object): unknown {
  for (const name in v) if (name === "@odata.type") return (v as Record<string, unknown>)[name];
  return undefined;
}

const ALL = -1;
const NONE = -2;
/** The group a label names, NONE for another label, ALL without one (an `if` on an absent property holds). */
function groupOf(table: SubtypeTable, label: unknown): number {
  if (label === undefined) return ALL;
  return (typeof label === "string" ? prepare(table).byLabel.get(label) : undefined) ?? NONE;
}

const isAnnotation = (table: SubtypeTable, name: string) => table.annotation !== undefined && name.includes("@odata.") && table.annotation.test(name);

/**
 * Tolerant mode, for the generated verdict of an object whose own loop read its label and checked its declared
 * properties: the labels of the groups with a property that loop has not checked alike. Another label needs no
 * look at the table (the communications subtypes' properties are all their root's).
 */
export function unsettledLabels(table: SubtypeTable): Set<string> {
  return new Set(table.groups.flatMap(([names, own]) => (own.every((property) => property[4] === true) ? [] : labelsOf(names))));
}

/**
 * Strict mode, for the same verdict: each label of a group whose own properties are among `extras` (the names the
 * root declares beyond those every group takes from it), all checked alike, with a bit for each of the extras it
 * declares. The object's loop notes a bit for each extra it visits and whether it visited a name it does not
 * declare: such a group holds when it did not, and visited no extra but the group's.
 */
export function labelMasks(table: SubtypeTable, extras: readonly string[]): Map<string, number> {
  const settled = ([, own]: SubtypeGroup) => own.every(([name, , , , byRoot]) => byRoot === true && extras.includes(name));
  const mask = ([, own]: SubtypeGroup) => own.reduce((bits, [name]) => bits | (1 << extras.indexOf(name)), 0);
  return new Map(table.groups.filter(settled).flatMap((group) => labelsOf(group[0]).map((label) => [label, mask(group)] as const)));
}

/**
 * The verdict: whether the value holds against the group its `@odata.type` names (`label`: the label the object's
 * own loop read, when it has one). Only the values of the group's own properties (and, in strict mode, of
 * annotations) are read: tolerant mode reads no value it does not declare. Open groups (tolerant mode) and closed
 * ones (strict mode) have a function each, so that a bundle of one mode's checks carries only its own.
 */
export function subtypesHold(v: unknown, table: SubtypeTable, label?: unknown): boolean {
  return isObject(v) ? inGroups(v, table, label, holdsOpen) : true;
}

/** `subtypesHold` for closed groups (strict mode), which take only objects. */
export function closedSubtypesHold(v: unknown, table: SubtypeTable, label?: unknown): boolean {
  return isObject(v) && inGroups(v, table, label, holdsClosed);
}

/** Whether an object holds against the group its label names, or against every group when it has none. */
function inGroups(v: object, table: SubtypeTable, label: unknown, holds: typeof holdsOpen): boolean {
  // Given the label, the caller is the root's own loop, which has checked the properties it declares alike.
  const afterRoot = label === undefined ? 0 : 1;
  const group = groupOf(table, label ?? labelOf(v));
  if (group === NONE) return true;
  if (group === ALL) return table.groups.every((_, index) => holds(v, table, index, afterRoot));
  return holds(v, table, group, afterRoot);
}

/**
 * Whether an object holds against one open group, with no allocation: the names one `for…in` loop visits (a
 * proxy's ownKeys, every prototype), so that the verdict reads what the report reads.
 */
function holdsOpen(v: object, table: SubtypeTable, group: number, afterRoot: 0 | 1): boolean {
  const own = prepare(table).own[afterRoot][group]!;
  for (const name in v) {
    const check = own.get(name);
    if (check === undefined || check === null) continue;
    const value = (v as Record<string, unknown>)[name];
    if (value !== undefined && !check(value)) return false;
  }
  return true;
}

/** `holdsOpen` for a closed group: a name it does not declare holds only as an annotation. */
function holdsClosed(v: object, table: SubtypeTable, group: number, afterRoot: 0 | 1): boolean {
  const { own: ownByGroup, root } = prepare(table);
  const own = ownByGroup[afterRoot][group]!;
  for (const name in v) {
    const check = own.get(name);
    if (check !== undefined) {
      if (check === null) continue;
      const value = (v as Record<string, unknown>)[name];
      if (value !== undefined && !check(value)) return false;
    } else if (name !== "@odata.type" && !root!.has(name)) {
      // The label is an annotation here, a string the root's own checks have read (a group is chosen by a string).
      if (table.maxName !== undefined && longerThan(name, table.maxName)) return false;
      if (!isAnnotation(table, name) || typeof (v as Record<string, unknown>)[name] !== "string") return false;
    }
  }
  return true;
}

/** The issues, in Ajv's order within each group: names too long, undeclared names, own properties (declared order), annotations. True when the walk must stop. */
export function reportSubtypes(v: unknown, report: SubtypeReport, r: Report): boolean {
  const { table } = report;
  const closed = table.rootNames !== undefined;
  if (!isObject(v)) return closed && r.add(undefined, "type", { type: "object" }, v);
  const visited: string[] = [];
  for (const name in v) visited.push(name);
  const read = (name: string) => (visited.includes(name) ? (v as Record<string, unknown>)[name] : undefined);
  const label = groupOf(table, labelOf(v));
  const checks = prepare(table).own[0];
  for (const group of label === ALL ? table.groups.map((_, index) => index) : label === NONE ? [] : [label]) {
    const [subtypes, own] = table.groups[group]!;
    // What the files' titles say: the subtype, or the root and the subtypes of a group; each own property, its subtypes.
    const closedTitle = subtypes.length === 1 ? subtypes[0] : `${report.root} (${subtypes.join(", ")})`;
    const ownTitle = subtypes.join(" or ");
    if (closed) {
      const names = [...table.rootNames!, ...own.map(([name]) => name)];
      const undeclared = visited.filter((name) => !names.includes(name));
      const long = table.maxName === undefined ? [] : undeclared.filter((name) => longerThan(name, table.maxName!));
      const extra = undeclared.filter((name) => !isAnnotation(table, name));
      for (const name of long) if (r.longName(name)) return true;
      const hint = { title: closedTitle, names };
      for (const name of extra) if (r.undeclared(name, hint)) return true;
    }
    const declared = { title: ownTitle, names: [] };
    for (const property of own) {
      const [name, types, values, check] = property;
      const value = read(name);
      // The verdict's check of the property; the report then says which part failed.
      if (value === undefined || checks[group]!.get(name)!(value)) continue;
      const segment = r.name(name);
      if (check !== undefined) {
        // A nullable object type: its issues, or one naming it and null (`Report.orNull`), at the property.
        const inner = report.reports.find(([verdict]) => verdict === check)![1];
        if (r.at(segment, (x, at) => void at.orNull(x, inner, declared), value)) return true;
      } else if (!ofTypes(value, types)) {
        if (r.add(segment, "type", { type: types!.length === 1 ? types![0] : types }, value, declared)) return true;
      } else if (r.add(segment, "enum", { allowedValues: [...values!] }, value, declared)) return true;
    }
    if (closed && table.annotation !== undefined) {
      for (const name of visited) {
        if (!isAnnotation(table, name)) continue;
        const value = (v as Record<string, unknown>)[name];
        if (typeof value !== "string" && r.add(r.name(name), "type", { type: "string" }, value)) return true;
      }
    }
  }
  return false;
}
