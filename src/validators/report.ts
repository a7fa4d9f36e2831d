/**
 * The issues of an invalid value, as a report function records them (src/generated/<mode>-checks.js, generated
 * with the verdict function from the same walk of the schema). A `Report` holds the walk's place in the value
 * (`p`, the path's segments), the issues found, and whether the walk should stop (`stop`): at the first issue,
 * or with `allErrors` at `maxErrors`.
 */
import { nameInGraph } from "./graph-names.js";
import { MAX_PROPERTY_NAME_LENGTH } from "./table.js";
import { describeValue, escapeSegment, isPrintable, placeOf, QUOTED_LENGTH } from "./text.js";

/** Each keyword an issue can have, with its params: Ajv's shapes for the JSON Schema keywords. */
export interface IssueParams {
  /** A value of another JSON type: the type or types allowed (`"string"`, `["string", "null"]`). */
  type: { type: string | string[] };
  /** A value not among those allowed. */
  enum: { allowedValues: unknown[] };
  /** A missing property; `alternatives` when another name may stand in its place (`resource` for `resourceUrl`). */
  required: { missingProperty: string; alternatives?: string[] };
  /** A property the object does not declare (strict mode). */
  additionalProperties: { additionalProperty: string };
  /** A property name longer than a name may be. */
  propertyNames: { propertyName: string };
  /** A string that does not match. */
  pattern: { pattern: string };
  /** None of the forms allowed here: for an invitation that names no one, the identity `members` that could have. */
  anyOf: { members?: string[] };
  maximum: { comparison: string; limit: number };
  minimum: { comparison: string; limit: number };
  maxItems: { limit: number };
  minItems: { limit: number };
  maxLength: { limit: number };
  minLength: { limit: number };
  /** Text that is not JSON, or bytes that are not UTF-8: where. */
  json: { line?: number; column?: number; offset?: number };
  /** A value that could not be read (a getter or proxy trap that throws). */
  exception: Record<string, never>;
}

/** The keywords of `IssueParams`. */
export type IssueKeyword = keyof IssueParams;

/**
 * One reason a value is invalid. A union by `keyword`, so that `params` is typed once the keyword is tested:
 * `if (issue.keyword === "enum") issue.params.allowedValues`.
 */
export type ValidationIssue = {
  [K in IssueKeyword]: {
    /** JSON Pointer to the offending value (`""` for the value itself). For a missing or undeclared property, its own location. */
    path: string;
    /** A sentence naming the path, what was expected and what was found. */
    message: string;
    /** The JSON Schema keyword that failed (`type`, `enum`, `required`, …), or `json` for unreadable JSON text, `exception` for an unreadable value. */
    keyword: K;
    /** The keyword's details, such as `{ allowedValues }` or `{ line, column, offset }`. */
    params: IssueParams[K];
  };
}[IssueKeyword];

/** For an undeclared property: the Graph name of the object and the names it declares. For a property a subtype declares (rule 12): that subtype, and no names. */
export interface Declared {
  readonly title: string | undefined;
  readonly names: readonly string[];
}

/** A failed rule, as the walk records it: the message is written only for the issues reported. */
export interface Recorded {
  path: string;
  keyword: string;
  params: Record<string, unknown>;
  /** The value at the path, as the walk read it; `absent` when there is none (a missing property). */
  value: unknown;
  declared: Declared | undefined;
  /** True when every segment of the path is known to hold no character a message escapes (`printable`), so the message need not look. */
  plain?: boolean;
}

/** What `add` is given for a property that is missing or undeclared: no value was read. */
export const ABSENT: unique symbol = Symbol("absent");

export class Report {
  /**
   * The segments of the path to the value being checked, as JSON Pointer writes them (`~` and `/` escaped: the
   * generated code writes its property names so, and escapes the names it reads from the value): pushed before
   * a subschema's function, popped after.
   */
  readonly p: (string | number)[] = [];
  /** The walk stops when this is true: after the first issue, or with allErrors at maxErrors. */
  stop = false;
  private readonly recorded: Recorded[] = [];
  /**
   * Whether a name read from the value (`name`) needed escaping in a message: until one does, every path is
   * known to be printable (the generated code's names are), and no message looks at its path's characters,
   * which would first copy the path into one string.
   */
  private unprintable = false;
  /** How many unions are open around the current place: what their branches record is held, not yet kept. */
  private nested = 0;

  constructor(
    private readonly all: boolean,
    private readonly max: number,
  ) {}

  /** Records a failed rule at the current place (with `segment`, escaped, at a property or item of it); true when the walk must stop. */
  add(segment: string | number | undefined, keyword: string, params: Record<string, unknown>, value: unknown, declared?: Declared): boolean {
    const path = segment === undefined ? this.here() : `${this.here()}/${segment}`;
    return this.keep({ path, keyword, params, value, declared, plain: !this.unprintable });
  }

  /** A name read from the value, as a segment of a path: escaped as JSON Pointer writes it. */
  name(name: string): string {
    if (!this.unprintable && !isPrintable(name)) this.unprintable = true;
    return escapeSegment(name);
  }

  /** Checks the value at a property or item (`segment`, escaped) of the current place with a report function; true when the walk must stop. */
  at(segment: string | number, check: (value: unknown, report: Report) => void, value: unknown): boolean {
    this.p.push(segment);
    check(value, this);
    this.p.pop();
    return this.stop;
  }

  /** A property name longer than `propertyNames` allows, at the current place. True when the walk must stop. */
  longName(name: string): boolean {
    return this.add(this.name(name), "propertyNames", { propertyName: name }, ABSENT);
  }

  /** A property a closed object does not declare (`declared` says what it declares, for the message). True when the walk must stop. */
  undeclared(name: string, declared: Declared | undefined): boolean {
    return this.add(this.name(name), "additionalProperties", { additionalProperty: name }, ABSENT, declared);
  }

  /**
   * A union of a schema and null (`anyOf: [{ type: "null" }, { $ref }]`, Graph's nullable members) on a value that
   * is not null: the schema's issues, or, where it rejected the value's type, one issue naming it or null.
   */
  orNull(value: unknown, check: (value: unknown, report: Report) => void, declared?: Declared): boolean {
    const mark = this.open();
    check(value, this);
    return this.recorded.length === mark ? this.pass(mark) : this.collapse(mark, value, ["null"], declared);
  }

  /** Opens a union: what its branches record is held until it is passed or collapsed. Returns where they begin. */
  open(): number {
    this.nested += 1;
    this.stop = false;
    return this.recorded.length;
  }

  /** A branch of the union held: what the others recorded is dropped. */
  pass(mark: number): false {
    this.nested -= 1;
    this.recorded.length = mark;
    this.stop = false;
    return false;
  }

  /**
   * No branch of a union held: the issues of a branch that got past the type check, if any; otherwise one type
   * issue naming every type the branches allow (`others`: those of branches that were not run, null).
   */
  collapse(mark: number, value: unknown, others: string[], declared?: Declared): boolean {
    this.nested -= 1;
    const recorded = this.recorded.splice(mark);
    const path = this.here();
    const deeper = recorded.filter((f) => !(f.path === path && f.keyword === "type"));
    if (deeper.length === 0) {
      const types = [...new Set([...recorded.flatMap((f) => String(f.params.type).split(",")), ...others])];
      return this.keep({ path, keyword: "type", params: { type: types.join(",") }, value, declared });
    }
    let stop = false;
    for (const f of deeper) stop = this.keep(f);
    return stop;
  }

  /** How many issues are held: a union's branch held when it added none. */
  get size(): number {
    return this.recorded.length;
  }

  /** The issues found, with their messages, at most `maxErrors`. */
  issues(): ValidationIssue[] {
    const issues: ValidationIssue[] = [];
    for (let at = 0; at < this.recorded.length && at < this.max; at += 1) issues.push(issueOf(this.recorded[at]!));
    return issues;
  }

  private here(): string {
    let path = "";
    for (const at of this.p) path += `/${at}`;
    return path;
  }

  private keep(recorded: Recorded): boolean {
    if (this.nested > 0 || !this.all) {
      // Within a union, or the one issue first-error mode reports.
      this.recorded.push(recorded);
    } else {
      // One issue per place and rule: a dispatched value is checked as its base type and as the subtype its
      // @odata.type names (a commsOperation that is an inviteParticipantsOperation), and both find a wrong status.
      // The issues kept so far are compared, at most `maxErrors` of them: a key string for each issue, and a set of
      // them, were a large part of all-errors mode's cost on a payload with few issues (BENCHMARKS.md).
      if (!this.recorded.some((kept) => kept.keyword === recorded.keyword && kept.path === recorded.path)) this.recorded.push(recorded);
    }
    this.stop = !this.all || this.recorded.length >= this.max;
    return this.stop;
  }
}

/**
 * A union (`anyOf`): each branch in turn, until one records nothing. When none holds, its issues are replaced by
 * what says most (`Report.collapse`). True when the walk must stop. A function, not a method, so that a bundle
 * whose types have no such union leaves it out.
 */
export function anyOf(report: Report, value: unknown, ...branches: ((value: unknown, report: Report) => void)[]): boolean {
  const mark = report.open();
  for (const branch of branches) {
    // Each branch starts afresh: the one before stopped at its first issue in first-error mode.
    report.stop = false;
    const before = report.size;
    branch(value, report);
    if (report.size === before) return report.pass(mark);
  }
  return report.collapse(mark, value, []);
}

/** The keywords the walk records (`json` and `exception` are issues of reading, written where the text or value is read). */
type SchemaKeyword = Exclude<IssueKeyword, "json" | "exception">;

/** The message of a limit, by its keyword: `must have at least 1 item`, `must be at most 256 characters long`. */
function limited(where: string, { limit }: { limit: number }, recorded: Recorded): string {
  const { keyword } = recorded;
  const unit = keyword.endsWith("Items") ? ` item${limit === 1 ? "" : "s"}` : keyword.endsWith("Length") ? " characters long" : "";
  return `${where} must ${keyword.endsWith("Items") ? "have" : "be"} ${keyword.startsWith("min") ? "at least" : "at most"} ${limit}${unit} (got ${got(recorded)})`;
}

/**
 * Each keyword's issue: its message (`where`: the path as a message shows it; the value found, described) and, for
 * the keywords most issues have, the issue's own copy of its params in their one shape (the params are the generated
 * code's constants and must not be edited through an issue; `copied` copies the others).
 * One entry per keyword the walk records, typed by its params (`IssueParams`), as Ajv's `KeywordErrorDefinition`s
 * are: a keyword without an entry is a type error. Only declarations at the top level, no call, so that a bundle
 * without the report leaves the table out. Own names only: a name on a polluted Object.prototype is no param.
 */
const ISSUES: { [K in SchemaKeyword]: { message(where: string, params: IssueParams[K], recorded: Recorded): string; copy?(params: IssueParams[K]): IssueParams[K] } } = {
  type: {
    message: (where, { type }, recorded) => `${where} must be ${describeTypes(type)} (got ${got(recorded)})${declaredBy(recorded.declared)}`,
    copy: ({ type }) => ({ type: Array.isArray(type) ? type.slice() : type }),
  },
  enum: {
    message: (where, { allowedValues }, recorded) =>
      allowedValues.length > 8 && recorded.path.endsWith("/@odata.type")
        ? `${where} must name one of the ${allowedValues.length / 2} types Graph's metadata allows here${typeMeant(allowedValues, recorded.value)} (see params.allowedValues; got ${got(recorded)})`
        : `${where} must be one of ${listed(allowedValues)} (got ${got(recorded)})${declaredBy(recorded.declared)}`,
    copy: ({ allowedValues }) => ({ allowedValues: allowedValues.slice() }),
  },
  required: {
    message: (where, params) => (Object.hasOwn(params, "alternatives") ? `${where} is required (or ${params.alternatives!.join(" or ")} in its place)` : `${where} is required`),
    copy: (params) =>
      Object.hasOwn(params, "alternatives") ? { missingProperty: params.missingProperty, alternatives: params.alternatives!.slice() } : { missingProperty: params.missingProperty },
  },
  additionalProperties: {
    message: (where, { additionalProperty }, recorded) =>
      `${where} is not a declared property${undeclaredHint(recorded.declared, String(additionalProperty))} (strict mode rejects undeclared properties)`,
    copy: ({ additionalProperty }) => ({ additionalProperty }),
  },
  propertyNames: {
    message: (where) => `${where} has a name longer than the ${MAX_PROPERTY_NAME_LENGTH} characters a property name may have`,
  },
  pattern: {
    message: (where, { pattern }, recorded) =>
      recorded.path.endsWith("/@odata.type")
        ? `${where} must name a type allowed here, "#microsoft.graph.<name>" with or without "#", matching ${pattern} (got ${got(recorded)})${lowerCased(pattern, recorded.value)}`
        : `${where} must match ${pattern} (got ${got(recorded)})`,
  },
  anyOf: {
    message: (where, params, recorded) =>
      Object.hasOwn(params, "members")
        ? `${where} must name someone: at least one of ${params.members!.join(", ")} must be an identity with a non-empty "id"`
        : `${where} does not match any of the forms allowed here (got ${got(recorded)})`,
  },
  minimum: { message: limited },
  maximum: { message: limited },
  minItems: { message: limited },
  maxItems: { message: limited },
  minLength: { message: limited },
  maxLength: { message: limited },
};

/** The table's entry of a keyword, as the walk records it (a string). */
type Entry = { message(where: string, params: unknown, recorded: Recorded): string; copy?(params: unknown): unknown };

/** The table by keyword, made when a first issue is written (so that a bundle without the report leaves it out). */
let entries: Map<string, Entry> | undefined;

/** A recorded rule as the issue reported: its message describes the value the walk read, its params read as `IssueParams` types them. */
export function issueOf(recorded: Recorded): ValidationIssue {
  const { path, keyword, params, plain } = recorded;
  // A path can hold a property name of any length and any character; the message shows a bounded part of it
  // with control characters escaped, so that a payload cannot write lines or terminal codes into logs.
  const where = plain === true && path !== "" && path.length <= 200 ? path : placeOf(path);
  entries ??= new Map(Object.entries(ISSUES) as [string, Entry][]);
  const entry = entries.get(keyword);
  // The walk records only the table's keywords (the generator fails the build on any other); this keeps an issue
  // well formed if one were not.
  if (entry === undefined)
    return { path, message: `${where} does not satisfy the schema's "${keyword}" rule (got ${got(recorded)})`, keyword, params: copied(params) } as ValidationIssue;
  return { path, message: entry.message(where, params, recorded), keyword, params: entry.copy === undefined ? copied(params) : entry.copy(params) } as ValidationIssue;
}

/**
 * An issue's own copy of params of a keyword the table gives no copy of (the keywords of the few issues a payload
 * has: the common ones copy their one shape, faster): own names, arrays copied.
 */
function copied(params: Record<string, unknown>): Record<string, unknown> {
  const copy = { ...params };
  for (const key in copy) if (Object.hasOwn(copy, key) && Array.isArray(copy[key])) copy[key] = (copy[key] as unknown[]).slice();
  return copy;
}

/** The value an issue found, for its message. */
const got = (recorded: Recorded): string => described(recorded.value);

/** The value an issue found, for its message: bounded, and never throwing. */
function described(value: unknown): string {
  try {
    return value === ABSENT ? "nothing" : describeValue(value);
  } catch {
    return "a value that could not be read"; // a revoked proxy, say
  }
}

const ARTICLES: Record<string, string> = {
  object: "an object",
  array: "an array",
  string: "a string",
  integer: "an integer",
  number: "a number",
  boolean: "a boolean",
  null: "null",
};

/** The type lists of the generated code's params, each described once ("null or a boolean"). */
const DESCRIBED_TYPES = new WeakMap<object, string>();
function describeTypes(types: unknown): string {
  const cached = typeof types === "object" && types !== null ? DESCRIBED_TYPES.get(types) : undefined;
  if (cached !== undefined) return cached;
  const names = String(types)
    .split(",")
    .map((type) => ARTICLES[type] ?? type);
  const text = names.length <= 2 ? names.join(" or ") : `${names.slice(0, -1).join(", ")} or ${names.at(-1)}`;
  if (typeof types === "object" && types !== null) DESCRIBED_TYPES.set(types, text);
  return text;
}

/**
 * An enum's values as a message lists them. The lists are the generated code's constants, a few dozen in all, so
 * each is written once: quoting them took half the time of reporting a wrong value.
 */
const LISTED = new WeakMap<unknown[], string>();
function listed(values: unknown[]): string {
  let text = LISTED.get(values);
  if (text === undefined) {
    text = values.map((value) => JSON.stringify(value)).join(", ");
    LISTED.set(values, text);
  }
  return text;
}

/** The names an object declares, as a message lists them: written once for each object's list. */
const JOINED = new WeakMap<readonly string[], string>();
function joined(names: readonly string[]): string {
  let text = JOINED.get(names);
  if (text === undefined) {
    text = names.join(", ");
    JOINED.set(names, text);
  }
  return text;
}

/**
 * For a label not among the many Graph's metadata allows (whose message does not list them): the one meant when its
 * type name looks like a typo of one (its case, an edit or two), or else an example. Names are compared without the
 * namespace every label shares, which would make each comparison long.
 */
function typeMeant(allowedValues: readonly unknown[], value: unknown): string {
  const name = typeof value === "string" ? nameInGraph(value) : undefined;
  let names = TYPE_NAMES.get(allowedValues);
  // The generated code's lists are constants: each list's names are read once.
  if (names === undefined) {
    names = [...new Set(allowedValues.flatMap((label) => (typeof label === "string" && nameInGraph(label)) || []))];
    TYPE_NAMES.set(allowedValues, names);
  }
  const meant = name === undefined ? undefined : closest(name, names);
  return meant === undefined
    ? `, such as ${JSON.stringify(allowedValues.find((label) => typeof label === "string" && label.startsWith("#")))}`
    : // The label's own `#` and namespace, and a name of the list: nothing to escape.
      `; did you mean "${(value as string).slice(0, (value as string).length - name!.length)}${meant}"?`;
}
const TYPE_NAMES = new WeakMap<readonly unknown[], string[]>();

/**
 * For a label tolerant mode refuses by its family's pattern: the name meant when the label starts its type's name
 * with a capital (Graph spells type names with a lower-case letter first) and would match with a lower-case one.
 */
function lowerCased(pattern: string, value: unknown): string {
  // Only a label short enough for a message to quote whole (it is the payload's, one letter changed).
  if (typeof value !== "string" || value.length > QUOTED_LENGTH) return "";
  const name = nameInGraph(value);
  const first = name === undefined ? 0 : name.charCodeAt(0);
  if (!(first >= 0x41 && first <= 0x5a)) return "";
  const meant = value.slice(0, value.length - name!.length) + String.fromCharCode(first + 0x20) + name!.slice(1);
  return new RegExp(pattern, "u").test(meant) ? `; did you mean ${JSON.stringify(meant)}?` : "";
}

/** For a property only a subtype declares: which, since the object's `@odata.type` is why it is checked. */
function declaredBy(declared: Declared | undefined): string {
  return declared?.title === undefined ? "" : `, as ${declared.title} declares it`;
}

/** For an undeclared property: the object's Graph name and, when the name looks like a typo, the declared one meant. */
function undeclaredHint(declared: Declared | undefined, property: string): string {
  if (declared === undefined) return "";
  const named = declared.title === undefined ? "" : ` of ${declared.title}`;
  const suggestion = closest(property, declared.names);
  if (suggestion !== undefined) return `${named}; did you mean "${suggestion}"?`;
  // No near name: the names that are declared, so that the fix is in the message.
  return declared.names.length === 0 ? named : `${named}, which declares ${joined(declared.names)}`;
}

/**
 * The first of the candidates nearest to `name` within edit distance 2 (or equal to it ignoring case). Strict mode
 * asks this for every undeclared property it reports, so the nearest are looked for first, by linear tests (a
 * misspelling is mostly one edit away), and a candidate two edits away is measured only while it could be: an edit
 * distance is at least the difference of the lengths, and never less than the least value of a row of its table
 * (`bench/errors.ts` times strict mode's misspelt participant property; measuring every candidate in full made it
 * the slowest explanation by far).
 */
export function closest(name: string, candidates: readonly string[]): string | undefined {
  if (name.length > 64) return undefined;
  const lower = name.toLowerCase();
  // The generated code's lists of declared names are constants: each is lowered once.
  let lowered = LOWERED.get(candidates);
  if (lowered === undefined) {
    lowered = candidates.map((candidate) => candidate.toLowerCase());
    LOWERED.set(candidates, lowered);
  }
  // The nearest first: equal but for case, then one edit away (each a linear test), and only when neither is
  // there, two edits away, measured in the band of the table.
  for (let index = 0; index < candidates.length; index += 1) if (lowered[index] === lower) return candidates[index];
  for (const candidate of candidates) if (oneEditApart(name, candidate)) return candidate;
  for (const candidate of candidates) if (Math.abs(candidate.length - name.length) < 3 && editDistance(name, candidate, 3) < 3) return candidate;
  return undefined;
}

/** Whether `b` is `a` with one character inserted, deleted or replaced (or `a` itself). */
function oneEditApart(a: string, b: string): boolean {
  const longer = a.length >= b.length ? a : b;
  const shorter = longer === a ? b : a;
  if (longer.length - shorter.length > 1) return false;
  let at = 0;
  while (at < shorter.length && a.charCodeAt(at) === b.charCodeAt(at)) at += 1;
  // After the first difference: the rest equal, past one character of each (a replacement) or of the longer one.
  const skip = longer.length === shorter.length ? 1 : 0;
  for (let i = at + skip, j = at + 1; j < longer.length; i += 1, j += 1) if (shorter.charCodeAt(i) !== longer.charCodeAt(j)) return false;
  return true;
}

const LOWERED = new WeakMap<readonly string[], readonly string[]>();
/** Two rows of the table, reused: a name is at most 64 characters and a candidate nearer than 3 at most 66. */
let rows: [Int32Array, Int32Array] | undefined;

/**
 * The edit distance of `a` and `b`, or `limit` when it is not less. A cell of the table is at least as far as it
 * lies from the diagonal, so only the band of cells nearer than `limit` is computed; the others stand at `limit`.
 */
function editDistance(a: string, b: string, limit: number): number {
  rows ??= [new Int32Array(72), new Int32Array(72)];
  const fits = b.length < rows[0].length;
  let previous = fits ? rows[0] : new Int32Array(b.length + 1);
  let current = fits ? rows[1] : new Int32Array(b.length + 1);
  previous.fill(limit, 0, b.length + 1);
  current.fill(limit, 0, b.length + 1);
  for (let j = 0; j < limit && j <= b.length; j += 1) previous[j] = j;
  for (let i = 1; i <= a.length; i += 1) {
    const code = a.charCodeAt(i - 1);
    const first = Math.max(1, i - limit + 1);
    const last = Math.min(b.length, i + limit - 1);
    // Left of the band: `limit` (this array held a row two before, whose band reached one cell further left).
    current[first - 1] = first === 1 && i < limit ? i : limit;
    let least = current[first - 1]!;
    for (let j = first; j <= last; j += 1) {
      let distance = previous[j - 1]! + (code === b.charCodeAt(j - 1) ? 0 : 1);
      if (previous[j]! + 1 < distance) distance = previous[j]! + 1;
      if (current[j - 1]! + 1 < distance) distance = current[j - 1]! + 1;
      if (distance > limit) distance = limit;
      current[j] = distance;
      if (distance < least) least = distance;
    }
    if (least >= limit) return limit;
    const done = previous;
    previous = current;
    current = done;
  }
  return previous[b.length]!;
}
