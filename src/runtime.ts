/**
 * The one place that turns a precompiled validator into the public API: verdicts, error messages,
 * type guards, assertions, parsing and the Standard Schema interface.
 */
import { decodeUtf8, jsonErrorMessage, readJson, utf8ErrorMessage } from "./json.js";
import type { StandardJSONSchemaV1, StandardSchemaV1 } from "./standard-schema.js";
import { MAX_PROPERTY_NAME_LENGTH, type AjvError, type CompiledValidator, type JsonSchema, type Mode, type TypeName } from "./table.js";

/** One reason a value is invalid. */
export interface ValidationIssue {
  /** JSON Pointer to the offending value (`""` for the value itself). For a missing or undeclared property, its own location. */
  path: string;
  /** A sentence naming the path, what was expected and what was found. */
  message: string;
  /** The JSON Schema keyword that failed (`type`, `enum`, `required`, …), or `json` for unreadable JSON text, `exception` for an unreadable value. */
  keyword: string;
  /** The keyword's details, such as `{ allowedValues }` or `{ line, column, offset }`. */
  params: Record<string, unknown>;
}

/** The verdict of `validateT()`: the value, typed, or the reasons it is invalid. */
export type ValidationResult<T> = { valid: true; value: T; errors: [] } | { valid: false; value?: undefined; errors: ValidationIssue[] };

export interface ValidateOptions {
  /** Report every error instead of stopping at the first (the default, as Ajv's security advice recommends). */
  allErrors?: boolean;
  /**
   * The most errors reported, a positive integer (default 100). In all-errors mode the validator stops
   * gathering errors soon after this many, so the work on a hostile value stays bounded too.
   */
  maxErrors?: number;
}

/**
 * A fast-path check as a type guard that never throws (a getter or proxy trap that throws makes the value
 * invalid). Generated code calls it with a pure annotation, so that a bundle keeps only the guards it uses.
 */
export function guard<T>(check: (value: unknown) => boolean): (value: unknown) => value is T {
  return (value: unknown): value is T => {
    try {
      return check(value);
    } catch {
      return false;
    }
  };
}

/** One function of a validator, for the generated module's named exports (called with a pure annotation). */
export function functionOf<T, K extends "validate" | "assert" | "parse" | "parseJson">(validator: Validator<T>, key: K): Validator<T>[K] {
  return validator[key];
}

/** Marks every ValidationError, whichever copy of the package (ESM, CommonJS) made it. */
const VALIDATION_ERROR = Symbol.for("graph-invite-participants.ValidationError");

/**
 * Thrown by `assertT()`, `parseT()` and `parseJsonT()`; `errors` holds every issue found. `instanceof
 * ValidationError` holds across the ESM and CommonJS builds (and two installed copies): it checks a
 * registered symbol, not the class.
 */
export class ValidationError extends Error {
  override readonly name = "ValidationError";
  readonly errors: ValidationIssue[];

  constructor(errors: ValidationIssue[], typeName?: string) {
    const first = errors[0]?.message ?? "invalid value";
    const more = errors.length > 1 ? ` (and ${errors.length - 1} more)` : "";
    super(typeName === undefined ? `${first}${more}` : `Invalid ${typeName}: ${first}${more}`);
    this.errors = errors;
    Object.defineProperty(this, VALIDATION_ERROR, { value: true });
  }

  static override [Symbol.hasInstance](value: unknown): boolean {
    // A subclass keeps the usual meaning.
    // biome-ignore lint/complexity/noThisInStatic: `this` is the class instanceof was asked about, a subclass included.
    if (this !== ValidationError) return Function.prototype[Symbol.hasInstance].call(this, value);
    return typeof value === "object" && value !== null && (value as { [VALIDATION_ERROR]?: unknown })[VALIDATION_ERROR] === true;
  }
}

/** Everything this package offers for one type in one mode. */
export interface Validator<T> {
  /** The TypeScript name of the type, such as `"InviteParticipantsOperation"`. */
  readonly name: TypeName;
  readonly mode: Mode;
  /** The JSON Schema the validator was compiled from (the shipped `.schema.json` file). */
  readonly schema: JsonSchema;
  /** Checks a value; never throws and never changes it. */
  validate(value: unknown, options?: ValidateOptions): ValidationResult<T>;
  /** A type guard: true when the value is a valid T. */
  is(value: unknown): value is T;
  /** Throws a `ValidationError` unless the value is a valid T. */
  assert(value: unknown): asserts value is T;
  /** Returns the value, typed, when it is a valid T; throws a `ValidationError` otherwise (zod's, valibot's and tRPC's meaning of `parse`). */
  parse(value: unknown): T;
  /** Parses JSON text (or UTF-8 bytes) and validates it; throws a `ValidationError`, with line and column for bad JSON. */
  parseJson(text: string | Uint8Array): T;
  /**
   * The Standard Schema v1 interface, for libraries that accept any Standard Schema (Hono, tRPC, …), with the
   * Standard JSON Schema v1 converter: the shipped schema for `draft-07` or `draft-2020-12`.
   */
  readonly "~standard": StandardSchemaV1.Props<T, T> & StandardJSONSchemaV1.Props<T, T>;
}

const DEFAULT_MAX_ERRORS = 100;
/**
 * All-errors mode gathers up to this many of Ajv's errors per issue it may report: several of Ajv's errors
 * can make one issue (a union's branches, a type error and its enum), and stopping at an exact count could
 * leave fewer issues than asked for.
 */
const GATHERED_PER_ISSUE = 16;

const DEFAULT_OPTIONS = Object.freeze({ allErrors: false, maxErrors: DEFAULT_MAX_ERRORS });

/** Options come from the developer, not the payload: a wrong one is a programming error, a TypeError. */
function readOptions(options: unknown): { allErrors: boolean; maxErrors: number } {
  // The common call passes none: nothing to read, nothing to allocate.
  if (options === undefined) return DEFAULT_OPTIONS;
  if (options === null || typeof options !== "object") throw new TypeError(`validate options must be an object, not ${describeValue({ found: true, value: options })}`);
  const { allErrors, maxErrors } = options as Record<string, unknown>;
  if (allErrors !== undefined && typeof allErrors !== "boolean") {
    throw new TypeError(`options.allErrors must be true or false, not ${describeValue({ found: true, value: allErrors })}`);
  }
  if (maxErrors !== undefined && !(typeof maxErrors === "number" && Number.isSafeInteger(maxErrors) && maxErrors >= 1)) {
    throw new TypeError(`options.maxErrors must be a positive integer, not ${describeValue({ found: true, value: maxErrors })}`);
  }
  return { allErrors: allErrors ?? false, maxErrors: maxErrors ?? DEFAULT_MAX_ERRORS };
}

/** Freezes a parsed schema and everything in it, so that no caller can change what later messages read. */
function deepFreeze<T>(root: T): T {
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const node = stack.pop();
    if (node === null || typeof node !== "object" || Object.isFrozen(node)) continue;
    Object.freeze(node);
    for (const value of Object.values(node)) stack.push(value);
  }
  return root;
}

/**
 * How many items of a top-level array the fast path's last rejection found valid before an invalid one
 * (generated with the fast path): `forget` before a verdict, `read` after a rejection.
 */
export interface ValidPrefix {
  forget(): void;
  read(): { property: string; count: number } | undefined;
}
const NO_PREFIX: ValidPrefix = { forget() {}, read: () => undefined };

/**
 * Ajv's errors for a value, gathering up to `limit`, or undefined when the value passes. A loop cut short by the
 * limit inside a union's branch could pass a value the full code rejects: a pass is checked without a limit.
 */
function errorsOf(errorCode: CompiledValidator, errorLimit: { errors: number }, limit: number, value: unknown): readonly AjvError[] | undefined {
  errorLimit.errors = limit;
  if (errorCode(value)) {
    errorLimit.errors = Number.POSITIVE_INFINITY;
    if (errorCode(value)) return undefined;
  }
  return errorCode.errors ?? [];
}

/**
 * The object read through a view whose top-level array `property` lacks its first `count` items: every other
 * property is read from the object itself (the view's prototype), in the same order, getters included.
 * Undefined when there is nothing to leave out.
 */
function withoutItems(value: unknown, property: string, count: number): object | undefined {
  if (value === null || typeof value !== "object" || count < 1) return undefined;
  const items: unknown = (value as Record<string, unknown>)[property];
  if (!Array.isArray(items) || count >= items.length) return undefined;
  const rest: unknown[] = [];
  for (let index = count; index < items.length; index += 1) rest.push(items[index]);
  const view = Object.create(value) as object;
  Object.defineProperty(view, property, { value: rest, enumerable: true, writable: true, configurable: true });
  return view;
}

/** An error found in the view above, its path moved back into the whole array. */
function movedBack(error: AjvError, property: string, count: number): AjvError {
  const head = `/${escapeSegment(property)}/`;
  if (!error.instancePath.startsWith(head)) return error;
  const rest = error.instancePath.slice(head.length);
  const end = rest.indexOf("/");
  const index = Number(end === -1 ? rest : rest.slice(0, end)) + count;
  return { ...error, instancePath: `${head}${index}${end === -1 ? "" : rest.slice(end)}` };
}

/**
 * A validator from its parts: the fast path `is`, which gives every verdict, and three functions that give
 * Ajv's code for the type, the error limit that code reads, and the shipped schema. Those three are called
 * only when a value is invalid or the schema is read, so that a module may load them when first needed.
 */
export function createValidator<T>(
  name: TypeName,
  mode: Mode,
  schema: () => JsonSchema,
  is: (value: unknown) => value is T,
  errorCodeOf: () => CompiledValidator,
  errorLimitOf: () => { errors: number },
  prefix: ValidPrefix = NO_PREFIX,
): Validator<T> {
  const frozenSchema = () => deepFreeze(schema());
  // The verdict comes from the fast path (`is`: a throwing getter reads as invalid). Ajv's all-errors code
  // runs only to explain a value the fast path rejects (and has the last word, should the two ever disagree).
  // It stops gathering at the limit set here: in first-error mode, once it holds an error (the issue reported
  // is the first it finds; every loop over the value then stops), with allErrors, at 16 per issue asked for.
  const validate = (value: unknown, options?: ValidateOptions): ValidationResult<T> => {
    const settings = readOptions(options);
    prefix.forget();
    if (is(value)) return { valid: true, value, errors: [] };
    return explain(value, settings, prefix.read());
  };
  const explain = (value: unknown, settings: { allErrors: boolean; maxErrors: number }, valid?: { property: string; count: number }): ValidationResult<T> => {
    const maxErrors = settings.allErrors ? settings.maxErrors : 1;
    // Outside the try below: failing to load the code is the installation's fault, not the value's.
    const errorCode = errorCodeOf();
    const errorLimit = errorLimitOf();
    let errors: readonly AjvError[];
    // Saved and restored: a getter in the value may itself call a validator with other options.
    const saved = errorLimit.errors;
    const limit = settings.allErrors ? settings.maxErrors * GATHERED_PER_ISSUE : 1;
    try {
      // The fast path found the first items of a top-level array valid: Ajv's code reads the value without
      // them, and its paths into that array are moved back by as many items.
      const shorter = valid === undefined ? undefined : withoutItems(value, valid.property, valid.count);
      const inShorter = shorter === undefined ? undefined : errorsOf(errorCode, errorLimit, limit, shorter);
      errors = inShorter === undefined ? [] : inShorter.map((error) => movedBack(error, valid!.property, valid!.count));
      // Should the shorter value pass (a getter that answers differently each time), the whole value is read.
      if (errors.length === 0) {
        const found = errorsOf(errorCode, errorLimit, limit, value);
        if (found === undefined) return { valid: true, value: value as T, errors: [] };
        errors = found;
      }
    } catch (error) {
      // A getter or proxy trap threw while the value was being read.
      return { valid: false, errors: [unreadable(error)] };
    } finally {
      errorLimit.errors = saved;
    }
    return { valid: false, errors: toIssues(errors, value, frozenSchema(), maxErrors) };
  };
  const assert: (value: unknown) => asserts value is T = (value) => {
    // A valid value allocates nothing: no result object is made for it.
    prefix.forget();
    if (is(value)) return;
    const result = explain(value, DEFAULT_OPTIONS, prefix.read());
    if (!result.valid) throw new ValidationError(result.errors, name);
  };
  const parse = (value: unknown): T => {
    assert(value);
    return value;
  };
  const parseJson = (text: string | Uint8Array): T => {
    let source: string;
    if (typeof text === "string") {
      source = text;
    } else if (text instanceof Uint8Array) {
      const decoded = decodeUtf8(text);
      if (!decoded.ok) {
        const issue = { path: "", message: utf8ErrorMessage(decoded.offset), keyword: "json", params: { offset: decoded.offset } };
        throw new ValidationError([issue], name);
      }
      source = decoded.text;
    } else {
      const issue = {
        path: "",
        message: `parseJson reads JSON text (a string) or UTF-8 bytes (a Uint8Array), not ${describeValue({ found: true, value: text })}`,
        keyword: "type",
        params: { type: "string" },
      };
      throw new ValidationError([issue], name);
    }
    const read = readJson(source);
    if (!read.ok) {
      const { line, column, offset } = read.location;
      throw new ValidationError([{ path: "", message: jsonErrorMessage(read), keyword: "json", params: { line, column, offset } }], name);
    }
    assert(read.value);
    return read.value;
  };
  const standard: StandardSchemaV1.Props<T, T> & StandardJSONSchemaV1.Props<T, T> = Object.freeze({
    version: 1 as const,
    vendor: "graph-invite-participants",
    validate: (value: unknown) => {
      const result = validate(value);
      if (result.valid) return { value: result.value };
      // The path is a field of its own; libraries print it beside the message, so the message leaves it out.
      return { issues: result.errors.map((issue) => ({ message: withoutPlace(issue), path: pointerSegments(issue.path) })) };
    },
    jsonSchema: Object.freeze({
      input: (options: StandardJSONSchemaV1.Options) => jsonSchemaFor(frozenSchema(), options),
      output: (options: StandardJSONSchemaV1.Options) => jsonSchemaFor(frozenSchema(), options),
    }),
  });
  return Object.freeze({
    name,
    mode,
    // Parsed on first use: most services never read it, and parsing every schema slowed the import.
    get schema() {
      return frozenSchema();
    },
    validate,
    is,
    assert,
    parse,
    parseJson,
    "~standard": standard,
  });
}

/** How a message names the place of its issue: the JSON Pointer, bounded and escaped, or "The value". */
const placeOf = (path: string): string => (path === "" ? "The value" : printable(truncate(path, 200)));

/** An issue's message without the place it begins with (`must be a string (got 5)` → `Must be a string (got 5)`). */
function withoutPlace(issue: ValidationIssue): string {
  const place = `${placeOf(issue.path)} `;
  const rest = issue.message.startsWith(place) ? issue.message.slice(place.length) : issue.message;
  return rest.charAt(0).toUpperCase() + rest.slice(1);
}

/**
 * The shipped schema as Standard JSON Schema asks for it: a copy (the caller may change it) for draft-07,
 * or the same rules for draft-2020-12 (`definitions` as `$defs`). Other targets cannot express the rules
 * as they are (OpenAPI 3.0 has no `type: [..., "null"]`), so they throw, naming the ones there are.
 */
function jsonSchemaFor(schema: JsonSchema, options: StandardJSONSchemaV1.Options | undefined): Record<string, unknown> {
  const target = options?.target;
  if (target === "draft-07") return structuredClone(schema) as Record<string, unknown>;
  if (target === "draft-2020-12") {
    const { $schema: _draft, $id: _id, definitions, ...rest } = structuredClone(schema) as Record<string, unknown>;
    const text = JSON.stringify({ $schema: "https://json-schema.org/draft/2020-12/schema", ...rest, ...(definitions === undefined ? {} : { $defs: definitions }) });
    return JSON.parse(text.replaceAll('"$ref":"#/definitions/', '"$ref":"#/$defs/')) as Record<string, unknown>;
  }
  throw new Error(
    `graph-invite-participants gives JSON Schema for the targets "draft-07" and "draft-2020-12", not ${JSON.stringify(target)}; for OpenAPI, see schemas/openapi.json (OpenAPI 3.1)`,
  );
}

function unreadable(error: unknown): ValidationIssue {
  // What was thrown is as hostile as the value: reading its message may throw too.
  let reason = "an exception was thrown";
  try {
    if (error instanceof Error && typeof error.message === "string") reason = error.message;
  } catch {
    // keep the generic reason
  }
  return { path: "", message: `The value could not be read: ${truncate(reason, 200)}`, keyword: "exception", params: {} };
}

/** `/a~1b/0` → `["a/b", 0]`: a JSON Pointer as the path segments Standard Schema uses. */
function pointerSegments(pointer: string): (string | number)[] {
  if (pointer === "") return [];
  return pointer
    .slice(1)
    .split("/")
    .map((segment) => (/^(0|[1-9]\d*)$/.test(segment) ? Number(segment) : segment.replace(/~1/g, "/").replace(/~0/g, "~")));
}

const escapeSegment = (key: string): string => key.replace(/~/g, "~0").replace(/\//g, "~1");
const within = (path: string, ancestor: string): boolean => path === ancestor || path.startsWith(`${ancestor}/`);

/**
 * Ajv reports a failed `anyOf` as each branch's errors followed by "must match a schema in anyOf", and a
 * failed `if`/`then` as the `then` errors followed by `must match "then" schema`. The branch errors say what
 * is wrong, so the composite error is dropped, and the branches' type errors at the union's own path merge
 * into one: `{$ref: object} | {type: "null"}` gives "must be an object or null".
 */
function collapseComposites(errors: readonly AjvError[]): AjvError[] {
  const out: AjvError[] = [];
  for (const error of errors) {
    if (error.keyword !== "anyOf" && error.keyword !== "if") {
      out.push(error);
      continue;
    }
    let start = out.length;
    while (start > 0 && within(out[start - 1]!.instancePath, error.instancePath)) start -= 1;
    const branches = out.splice(start);
    const atUnion = (e: AjvError) => e.instancePath === error.instancePath && e.keyword === "type";
    if (error.keyword === "anyOf" && error.instancePath.endsWith("/identity") && !branches.some(atUnion)) {
      // A choice of members, one of which must hold something: an invited participant's identity names someone.
      const members = branches.map((e) =>
        e.instancePath === error.instancePath ? String(e.params.missingProperty) : pointerSegments(e.instancePath.slice(error.instancePath.length))[0],
      );
      out.push({ instancePath: error.instancePath, keyword: "anyOf", params: { members: [...new Set(members)] } });
      continue;
    }
    if (error.keyword === "anyOf" && branches.length > 0 && branches.every((e) => e.keyword === "required" && e.instancePath === error.instancePath)) {
      // A choice of required properties (a notification's resourceUrl or resource): the first, naming the others.
      const [first, ...others] = branches;
      out.push({ ...first!, params: { ...first!.params, alternatives: others.map((e) => e.params.missingProperty) } });
      continue;
    }
    const types = branches.filter(atUnion).map((e) => String(e.params.type));
    const deeper = branches.filter((e) => !atUnion(e));
    // Pushed one by one: spreading an array into a call's arguments overflows the stack when the array is large.
    if (error.keyword === "anyOf" && deeper.length > 0) {
      // A branch that got past the type check says more than the ones that did not.
      for (const e of deeper) out.push(e);
    } else if (types.length > 0) {
      out.push({ ...branches.find(atUnion)!, params: { type: types.join(",") } });
      for (const e of deeper) out.push(e);
    } else if (branches.length > 0) {
      for (const e of branches) out.push(e);
    } else {
      out.push(error);
    }
  }
  return out;
}

export function toIssues(errors: readonly AjvError[], data: unknown, schema: JsonSchema, maxErrors: number): ValidationIssue[] {
  const collapsed = collapseComposites(errors);
  // With allErrors, a value of the wrong type also fails its enum; the type error says it all.
  const wrongType = new Set(collapsed.filter((e) => e.keyword === "type").map((e) => e.instancePath));
  // One issue per place and rule: the shipped schemas check a dispatched value twice over, as its base type
  // and as the subtype its @odata.type names (a commsOperation that is an inviteParticipantsOperation), so in
  // all-errors mode a wrong status fails both.
  const seen = new Set<string>();
  return collapsed
    .filter((e) => {
      const key = `${e.keyword} ${e.instancePath} ${String(e.params.missingProperty ?? e.params.additionalProperty ?? e.params.propertyName ?? "")}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .filter((e) => e.propertyName === undefined) // the propertyNames error that follows says the same
    .filter((e) => e.keyword !== "enum" || !wrongType.has(e.instancePath))
    .slice(0, maxErrors)
    .map((error) => toIssue(error, data, schema));
}

function toIssue(error: AjvError, data: unknown, schema: JsonSchema): ValidationIssue {
  const { keyword, params } = error;
  const child = (params.missingProperty ?? params.additionalProperty ?? params.propertyName) as string | undefined;
  const path = child === undefined ? error.instancePath : `${error.instancePath}/${escapeSegment(child)}`;
  // A path can hold a property name of any length and any character; the message shows a bounded part of
  // it with control characters escaped, so that a payload cannot write lines or terminal codes into logs.
  const where = placeOf(path);
  const got = () => {
    try {
      return describeValue(valueAt(data, path));
    } catch {
      return "a value that could not be read"; // a revoked proxy, say
    }
  };
  let message: string;
  switch (keyword) {
    case "required":
      message = Array.isArray(params.alternatives) ? `${where} is required (or ${(params.alternatives as string[]).join(" or ")} in its place)` : `${where} is required`;
      break;
    case "anyOf":
      message = Array.isArray(params.members)
        ? `${where} must name someone: at least one of ${(params.members as string[]).join(", ")} must be an identity with a non-empty "id"`
        : `${where} does not match any of the forms allowed here (got ${got()})`;
      break;
    case "pattern":
      message = path.endsWith("/@odata.type")
        ? `${where} must name a type allowed here, "#microsoft.graph.<name>" with or without "#", matching ${String(params.pattern)} (got ${got()})`
        : `${where} must match ${String(params.pattern)} (got ${got()})`;
      break;
    case "additionalProperties":
      message = `${where} is not a declared property${undeclaredHint(schema, data, error.instancePath, child ?? "")} (strict mode rejects undeclared properties)`;
      break;
    case "propertyNames":
      message = `${where} has a name longer than the ${MAX_PROPERTY_NAME_LENGTH} characters a property name may have`;
      break;
    case "type":
      message = `${where} must be ${describeTypes(String(params.type))} (got ${got()})`;
      break;
    case "enum": {
      const allowed = params.allowedValues as unknown[];
      message =
        allowed.length > 8 && path.endsWith("/@odata.type")
          ? `${where} must name one of the ${allowed.length / 2} types Graph's metadata allows here, such as ${JSON.stringify(allowed.find((v) => typeof v === "string" && v.startsWith("#")))} (see params.allowedValues; got ${got()})`
          : `${where} must be one of ${allowed.map((v) => JSON.stringify(v)).join(", ")} (got ${got()})`;
      break;
    }
    case "minimum":
    case "maximum":
      message = `${where} must be ${keyword === "minimum" ? "at least" : "at most"} ${String(params.limit)} (got ${got()})`;
      break;
    case "minItems":
    case "maxItems":
      message = `${where} must have ${keyword === "minItems" ? "at least" : "at most"} ${String(params.limit)} item${params.limit === 1 ? "" : "s"} (got ${got()})`;
      break;
    case "maxLength":
    case "minLength":
      message = `${where} must be ${keyword === "minLength" ? "at least" : "at most"} ${String(params.limit)} characters long (got ${got()})`;
      break;
    default:
      message = `${where} does not satisfy the schema's "${keyword}" rule (got ${got()})`;
  }
  // A copy: the generated code's own arrays (allowedValues) must not be edited through an issue.
  return { path, message, keyword, params: structuredClone(params) };
}

/** One member of a value, read defensively: own properties only, and a throwing getter reads as missing. */
function member(value: unknown, key: string | number): { found: boolean; value?: unknown } {
  try {
    if (value === null || typeof value !== "object" || !Object.hasOwn(value, key)) return { found: false };
    return { found: true, value: (value as Record<string | number, unknown>)[key] };
  } catch {
    return { found: false };
  }
}

/** The value a JSON Pointer names, read member by member. */
function valueAt(data: unknown, pointer: string): { found: boolean; value?: unknown } {
  let current: { found: boolean; value?: unknown } = { found: true, value: data };
  for (const segment of pointerSegments(pointer)) {
    current = member(current.value, segment);
    if (!current.found) return current;
  }
  return current;
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

function describeTypes(types: string): string {
  const names = types.split(",").map((type) => ARTICLES[type] ?? type);
  return names.length <= 2 ? names.join(" or ") : `${names.slice(0, -1).join(", ")} or ${names.at(-1)}`;
}

/** Control, line-separator and direction-override characters as `\u` escapes; everything else as it is. */
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]/;
const UNPRINTABLE_ALL = new RegExp(UNPRINTABLE.source, "g");

export function printable(text: string): string {
  // Most text has nothing to escape: a test is much cheaper than a replace with a callback.
  if (!UNPRINTABLE.test(text)) return text;
  return text.replace(UNPRINTABLE_ALL, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

function truncate(text: string, length: number): string {
  return text.length <= length ? text : `${text.slice(0, length)}…`;
}

/** A short description of a value for an error message: bounded, whatever the value's size. */
function describeValue({ found, value }: { found: boolean; value?: unknown }): string {
  if (!found) return "nothing";
  if (value === null) return "null";
  if (Array.isArray(value)) return `an array of ${value.length} item${value.length === 1 ? "" : "s"}`;
  switch (typeof value) {
    case "string":
      return printable(value.length <= 60 ? JSON.stringify(value) : `a string of ${value.length} characters, ${JSON.stringify(value.slice(0, 40))}…`);
    case "number":
      return Object.is(value, -0) ? "-0" : String(value);
    case "bigint":
      return `the BigInt ${truncate(String(value), 40)}n`;
    case "boolean":
      return String(value);
    case "object":
      return "an object";
    case "undefined":
      return "undefined";
    default:
      return `a ${typeof value}`;
  }
}

/** For an undeclared property: the object's Graph name and, when the name looks like a typo, the declared one meant. */
function undeclaredHint(schema: JsonSchema, data: unknown, objectPath: string, property: string): string {
  const { node, title } = schemaAt(schema, data, objectPath);
  const named = title === undefined ? "" : ` of ${title}`;
  const declared = Object.keys((node?.properties as Record<string, unknown> | undefined) ?? {});
  const suggestion = closest(property, declared);
  if (suggestion !== undefined) return `${named}; did you mean "${suggestion}"?`;
  // No near name: the names that are declared, so that the fix is in the message.
  return declared.length === 0 ? named : `${named}, which declares ${declared.join(", ")}`;
}

/**
 * The object schema that applies at a JSON Pointer, and the title of the nearest type on the way: follows
 * `$ref`s, nullable unions, `allOf`, and `if`/`then`/`else` as the value at that place decides them (the
 * dispatch on `@odata.type` in notifications), then properties and items.
 */
function schemaAt(root: JsonSchema, data: unknown, pointer: string): { node: JsonSchema | undefined; title: string | undefined } {
  let title: string | undefined;
  const resolve = (start: JsonSchema | undefined, value: unknown): JsonSchema | undefined => {
    let node = start;
    // Bounded by the schema, not the value: each step goes one keyword deeper into the schema.
    for (let steps = 0; node !== undefined && steps < 64; steps += 1) {
      if (typeof node.title === "string") title = node.title;
      if (typeof node.$ref === "string") {
        node = (root.definitions as Record<string, JsonSchema> | undefined)?.[node.$ref.replace(/^#\/definitions\//, "")];
      } else if (node.if !== undefined && (node.then !== undefined || node.else !== undefined)) {
        const branch = (holds(node.if as JsonSchema, value) ? node.then : node.else) as JsonSchema | undefined;
        if (branch === undefined || (node.properties !== undefined && branch.properties === undefined && branch.$ref === undefined && branch.if === undefined)) return node;
        node = branch;
      } else if (Array.isArray(node.allOf)) {
        node = (node.allOf as JsonSchema[])[0];
      } else if (node.properties === undefined && Array.isArray(node.anyOf)) {
        node = (node.anyOf as JsonSchema[]).find((branch) => branch.type !== "null");
      } else {
        return node;
      }
    }
    return node;
  };
  let value = data;
  let node = resolve(root, value);
  for (const segment of pointerSegments(pointer)) {
    title = undefined;
    value = member(value, segment).value;
    const properties = node?.properties as Record<string, JsonSchema> | undefined;
    node = resolve(typeof segment === "number" ? (node?.items as JsonSchema | undefined) : properties?.[segment], value);
  }
  return { node, title };
}

/** Whether a value meets an `if` schema of the forms the shipped files use: type object, required, and enums of properties. */
function holds(condition: JsonSchema, value: unknown): boolean {
  if (condition.type === "object" && (value === null || typeof value !== "object" || Array.isArray(value))) return false;
  const record = value as Record<string, unknown>;
  for (const key of (condition.required as string[] | undefined) ?? []) {
    if (!member(record, key).found) return false;
  }
  for (const [key, rule] of Object.entries((condition.properties as Record<string, JsonSchema> | undefined) ?? {})) {
    const at = member(record, key);
    if (at.found && Array.isArray(rule.enum) && !(rule.enum as unknown[]).includes(at.value)) return false;
  }
  return true;
}

/** The declared name within edit distance 2 of `name` (or equal ignoring case), if there is exactly one best. */
export function closest(name: string, candidates: string[]): string | undefined {
  if (name.length > 64) return undefined;
  let best: string | undefined;
  let bestDistance = 3;
  for (const candidate of candidates) {
    const distance = candidate.toLowerCase() === name.toLowerCase() ? 0 : editDistance(name, candidate);
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    for (let j = 1; j <= b.length; j += 1) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length]!;
}
