/**
 * The one place that turns a precompiled validator into the public API: verdicts, error messages,
 * type guards, assertions, parsing and the Standard Schema interface.
 */
import { decodeUtf8, jsonErrorMessage, readJson, utf8ErrorMessage } from "./json.js";
import type { StandardJSONSchemaV1, StandardSchemaV1 } from "./standard-schema.js";
import type { AjvError, CompiledValidator, JsonSchema, Mode, TypeName } from "./table.js";
import { describeValue, escapeSegment, placeOf, pointerSegments, truncate } from "./text.js";

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
 * `prefix`, if given, is told to forget what a rejection recorded (see ValidPrefix): a type guard called inside
 * a value being validated (from a getter) must leave nothing that the outer validation could take for its own.
 */
export function guard<T>(check: (value: unknown) => boolean, prefix?: ValidPrefix): (value: unknown) => value is T {
  return neverThrowing<T>(check, prefix);
}

/** The type guard `guard` returns, under another name: the build annotates every `guard(` call as pure. */
function neverThrowing<T>(check: (value: unknown) => boolean, prefix?: ValidPrefix): (value: unknown) => value is T {
  return (value: unknown): value is T => {
    try {
      if (check(value)) return true;
    } catch {
      // a throwing getter or trap: invalid
    }
    if (prefix !== undefined) prefix.forget();
    return false;
  };
}

/** Never a value passed in: the block it guards in `calledApart` never runs. */
const NEVER: Record<string, unknown> = {};

/**
 * The fast-path check as `validate`, `assert` and `parse` call it: never throwing, and called, not inlined into
 * them. V8 (Node.js 20) counts the code already inlined into a function against the budget of a caller that
 * would inline it (920 bytes of bytecode in all). With the fast path inlined into `validate`, `validate` was
 * often too large to be inlined into the application's function that calls it, and the result object it
 * returns for a valid value was then made on every call (about 45 young-generation collections a million
 * calls) instead of being optimized away. The block that never runs makes this function larger than V8
 * inlines (460 bytes of bytecode; this one has about 730), so `validate` stays small enough to be inlined.
 * `test/allocation.test.ts` holds `validate` to no allocation on a valid value.
 */
function calledApart<T>(check: (value: unknown) => boolean): (value: unknown) => value is T {
  return (value: unknown): value is T => {
    try {
      if (check(value)) return true;
    } catch {
      // a throwing getter or trap: invalid
    }
    if (value === NEVER) {
      const n = NEVER;
      n.never = [n.a, n.b, n.c, n.d, n.e, n.f, n.g, n.h, n.i, n.j, n.k, n.l, n.m, n.n, n.o, n.p, n.q, n.r, n.s, n.t];
      n.never = [n.a, n.b, n.c, n.d, n.e, n.f, n.g, n.h, n.i, n.j, n.k, n.l, n.m, n.n, n.o, n.p, n.q, n.r, n.s, n.t];
      n.never = [n.a, n.b, n.c, n.d, n.e, n.f, n.g, n.h, n.i, n.j, n.k, n.l, n.m, n.n, n.o, n.p, n.q, n.r, n.s, n.t];
    }
    return false;
  };
}

/** One function of a validator, for the generated module's named exports (called with a pure annotation). */
export function functionOf<V, K extends keyof V>(validator: V, key: K): V[K] {
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

/**
 * The errors of every valid result: one frozen empty array, so that a valid value costs at most the result
 * object (none at all where V8 inlines validate into a caller that only reads the result).
 */
const NO_ERRORS = Object.freeze([]) as unknown as [];

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
 * Ajv's errors as the issues reported (src/describe.ts), from the value and the outline of its schema (what the
 * descriptions read of it): given, like Ajv's code, by a function that may load it.
 */
export type Describer = (errors: readonly AjvError[], data: unknown, schema: JsonSchema, maxErrors: number) => ValidationIssue[];

/**
 * Where the fast path's last rejection was, as far as Ajv's code may leave out what it found valid (generated
 * with the fast path): from the value, the property names to an array and the index of the item it rejected
 * there (the items before it are valid), then from that item the names to the next such array, and so on.
 */
export type SkipPlan = readonly { readonly keys: readonly string[]; readonly index: number }[];

/** `forget` before a verdict, `read` after a rejection. */
export interface ValidPrefix {
  forget(): void;
  read(): SkipPlan | undefined;
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

/** An array of the value that a view shows from a later item: where it is, in the view, and by how much. */
interface Shift {
  /** The path to the array as it is in the view (escaped JSON Pointer segments). */
  at: string[];
  count: number;
}

/**
 * The value read through views that leave out the items the plan says are valid: each object on the way is a
 * view whose prototype is the object itself, holding as its own properties, in the same order, the values of the
 * names `for…in` visits on the object (the one on the way replaced), so that Ajv's code visits the same names in
 * the same order and reads anything else from the object; each array, a new array from the rejected item on.
 * Undefined when there is nothing to leave out or the value is not as the plan says (a getter that answers
 * differently).
 */
function withoutValidItems(value: unknown, plan: SkipPlan): { view: unknown; shifts: Shift[] } | undefined {
  const shifts: Shift[] = [];
  const rebuild = (node: unknown, level: number, at: string[]): unknown => {
    const { keys, index } = plan[level]!;
    const objects: object[] = [];
    let current = node;
    for (const key of keys) {
      if (current === null || typeof current !== "object" || Array.isArray(current)) return undefined;
      objects.push(current);
      current = (current as Record<string, unknown>)[key];
    }
    if (!Array.isArray(current) || index >= current.length) return undefined;
    const arrayAt = [...at, ...keys.map(escapeSegment)];
    const inner = level + 1 < plan.length ? rebuild(current[index], level + 1, [...arrayAt, "0"]) : undefined;
    if (index === 0 && inner === undefined) return undefined;
    const rest: unknown[] = [inner ?? current[index]];
    for (let item = index + 1; item < current.length; item += 1) rest.push(current[item]);
    let child: unknown = rest;
    for (let depth = keys.length - 1; depth >= 0; depth -= 1) {
      const object = objects[depth] as Record<string, unknown>;
      const view = Object.create(object) as Record<string, unknown>;
      for (const name in object) {
        const value = name === keys[depth] ? child : object[name];
        Object.defineProperty(view, name, { value, enumerable: true, writable: true, configurable: true });
      }
      // Not a name for…in visits (a non-enumerable property): then Ajv's code would not see the array left out.
      if (!Object.hasOwn(view, keys[depth]!)) return undefined;
      child = view;
    }
    // Only once the views are made: an array left whole keeps its indices.
    if (index > 0) shifts.push({ at: arrayAt, count: index });
    return child;
  };
  const view = rebuild(value, 0, []);
  return view === undefined ? undefined : { view, shifts };
}

/** An error found in such a view, its path moved back to the items of the value itself. */
function movedBack(error: AjvError, shifts: readonly Shift[]): AjvError {
  if (error.instancePath === "") return error;
  const segments = error.instancePath.slice(1).split("/");
  const moved = [...segments];
  for (const { at, count } of shifts) {
    if (segments.length > at.length && at.every((segment, index) => segments[index] === segment)) moved[at.length] = String(Number(segments[at.length]) + count);
  }
  return moved.every((segment, index) => segment === segments[index]) ? error : { ...error, instancePath: `/${moved.join("/")}` };
}

/** The value as Ajv's code may read it after a rejection, without the items the fast path found valid. */
export type Shortener = (value: unknown, plan: SkipPlan) => { view: unknown; moveBack: (error: AjvError) => AjvError } | undefined;

/**
 * For a type whose fast path records where it rejected an item of an array (given to its checker by the
 * generated API module, so that a bundle of a type without such arrays leaves this code out): the value read
 * through views without the items before the rejected one, and how to move an error's path back to the value.
 */
export const withoutValidPrefix: Shortener = (value, plan) => {
  const shorter = withoutValidItems(value, plan);
  return shorter === undefined ? undefined : { view: shorter.view, moveBack: (error) => movedBack(error, shorter.shifts) };
};

/** What explaining an invalid value reads: a checker's parts, and the outline of its schema once parsed. */
interface Parts {
  readonly name: TypeName;
  readonly outlineOf: () => JsonSchema;
  readonly errorCodeOf: () => CompiledValidator;
  readonly errorLimitOf: () => { errors: number };
  readonly describerOf: () => Describer;
  readonly shorten: Shortener | undefined;
  outline: JsonSchema | undefined;
}

/** What a validator's schema-reading functions read: its name, and its schema once parsed and frozen. */
interface SchemaParts {
  readonly name: TypeName;
  readonly schema: () => JsonSchema;
  frozen: JsonSchema | undefined;
}

/** The functions of a validator that check values: what `validateT`, `assertT` and `parseT` are. */
export interface Checker<T> {
  readonly name: TypeName;
  readonly is: (value: unknown) => value is T;
  readonly validate: (value: unknown, options?: ValidateOptions) => ValidationResult<T>;
  readonly assert: (value: unknown) => asserts value is T;
  readonly parse: (value: unknown) => T;
}

/**
 * The functions that check values, from their parts: the fast path's type guard `is` (the exported one) and
 * the `check` under it, which give every verdict; four functions that give Ajv's code for the type, the error
 * limit that code reads, the description of its errors and the outline of the schema those descriptions read,
 * called only when a value is invalid, so that a module may load them when first needed; where the fast path
 * last rejected an item (`prefix`); and, for a type whose fast path records that, the reading of the value from
 * there (`shorten`: `withoutValidPrefix`). Not the shipped schema: an application that imports `validateT`
 * bundles only the outline (see `createValidator`). Only what a valid value needs is made here; explaining an
 * invalid value is a module function, which V8 compiles when first called rather than at import (this
 * function, when it held it, took a quarter of a millisecond to compile at its first call).
 */
export function createChecker<T>(
  name: TypeName,
  outlineOf: () => JsonSchema,
  is: (value: unknown) => value is T,
  errorCodeOf: () => CompiledValidator,
  errorLimitOf: () => { errors: number },
  describerOf: () => Describer,
  check: (value: unknown) => boolean = is,
  prefix: ValidPrefix = NO_PREFIX,
  shorten?: Shortener,
): Checker<T> {
  const parts: Parts = { name, outlineOf, errorCodeOf, errorLimitOf, describerOf, shorten, outline: undefined };
  // The verdict as the validator's own functions read it: the fast path's check, never throwing, keeping what a
  // rejection recorded for them to read (`is`, the exported type guard, forgets it).
  const verdict = calledApart<T>(check);
  // The verdict comes from the fast path (`is`: a throwing getter reads as invalid). Ajv's all-errors code
  // runs only to explain a value the fast path rejects (and has the last word, should the two ever disagree).
  const validate = (value: unknown, options?: ValidateOptions): ValidationResult<T> => {
    // Options are read apart, so that validate stays small when they are not given (see calledApart).
    const settings = options === undefined ? DEFAULT_OPTIONS : readOptions(options);
    prefix.forget();
    if (verdict(value)) return { valid: true, value, errors: NO_ERRORS };
    return explain<T>(parts, value, settings, readPrefix(prefix));
  };
  const assert: (value: unknown) => asserts value is T = (value) => {
    // A valid value allocates nothing: no result object is made for it.
    prefix.forget();
    if (verdict(value)) return;
    throwUnlessValid(parts, value, readPrefix(prefix));
  };
  const parse = (value: unknown): T => {
    assert(value);
    return value;
  };
  return Object.freeze({ name, is, validate, assert, parse });
}

/**
 * A validator from the checker of its type, its mode and its shipped schema, parsed and frozen when first read
 * (by `.schema` and Standard JSON Schema); `parseJson` and Standard Schema are module functions, made or
 * compiled on first use.
 */
export function createValidator<T>(checker: Checker<T>, mode: Mode, schema: () => JsonSchema): Validator<T> {
  const { name, is, validate, assert, parse } = checker;
  const parts: SchemaParts = { name, schema, frozen: undefined };
  const parseJson = (text: string | Uint8Array): T => parseJsonWith(name, assert, text);
  let standard: (StandardSchemaV1.Props<T, T> & StandardJSONSchemaV1.Props<T, T>) | undefined;
  return Object.freeze({
    name,
    mode,
    // Parsed on first use: most services never read it, and parsing every schema slowed the import.
    get schema() {
      return frozenSchema(parts);
    },
    validate,
    is,
    assert,
    parse,
    parseJson,
    // Made on first use, as the schema is: few services read it, and every validator is made at import.
    get "~standard"() {
      standard ??= standardOf(parts, validate);
      return standard;
    },
  });
}

/** The shipped schema, parsed and frozen on first use. */
function frozenSchema(parts: SchemaParts): JsonSchema {
  parts.frozen ??= deepFreeze(parts.schema());
  return parts.frozen;
}

/** What the rejection just recorded, which is then forgotten (a validation inside a getter reads its own). */
function readPrefix(prefix: ValidPrefix): SkipPlan | undefined {
  const plan = prefix.read();
  prefix.forget();
  return plan;
}

/**
 * Ajv's all-errors code on a value the fast path rejected. It stops gathering at the limit set here: in
 * first-error mode, once it holds an error (the issue reported is the first it finds; every loop over the
 * value then stops), with allErrors, at 16 per issue asked for.
 */
function explain<T>(parts: Parts, value: unknown, settings: { allErrors: boolean; maxErrors: number }, plan?: SkipPlan): ValidationResult<T> {
  const maxErrors = settings.allErrors ? settings.maxErrors : 1;
  // Outside the try below: failing to load the code is the installation's fault, not the value's.
  const errorCode = parts.errorCodeOf();
  const errorLimit = parts.errorLimitOf();
  const describe = parts.describerOf();
  let errors: readonly AjvError[];
  // Saved and restored: a getter in the value may itself call a validator with other options.
  const saved = errorLimit.errors;
  const limit = settings.allErrors ? settings.maxErrors * GATHERED_PER_ISSUE : 1;
  try {
    // The fast path found the first items of arrays valid: Ajv's code reads the value without them, and its
    // paths into those arrays are moved back by as many items.
    const shorter = plan === undefined || parts.shorten === undefined ? undefined : parts.shorten(value, plan);
    const inShorter = shorter === undefined ? undefined : errorsOf(errorCode, errorLimit, limit, shorter.view);
    errors = inShorter === undefined ? [] : inShorter.map((error) => shorter!.moveBack(error));
    // Should the shorter value pass (a getter that answers differently each time), the whole value is read.
    if (errors.length === 0) {
      const found = errorsOf(errorCode, errorLimit, limit, value);
      if (found === undefined) return { valid: true, value: value as T, errors: NO_ERRORS };
      errors = found;
    }
  } catch (error) {
    // A getter or proxy trap threw while the value was being read.
    return { valid: false, errors: [unreadable(error)] };
  } finally {
    errorLimit.errors = saved;
  }
  parts.outline ??= parts.outlineOf();
  return { valid: false, errors: describe(errors, value, parts.outline, maxErrors) };
}

/** For assertT and parseT: throws the ValidationError of a value the fast path rejected, should Ajv's code agree. */
function throwUnlessValid(parts: Parts, value: unknown, plan: SkipPlan | undefined): void {
  const result = explain(parts, value, DEFAULT_OPTIONS, plan);
  if (!result.valid) throw new ValidationError(result.errors, parts.name);
}

function parseJsonWith<T>(name: TypeName, assert: (value: unknown) => asserts value is T, text: string | Uint8Array): T {
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
}

/** The validator's Standard Schema and Standard JSON Schema properties. */
function standardOf<T>(parts: SchemaParts, validate: (value: unknown) => ValidationResult<T>): StandardSchemaV1.Props<T, T> & StandardJSONSchemaV1.Props<T, T> {
  return Object.freeze({
    version: 1 as const,
    vendor: "graph-invite-participants",
    validate: (value: unknown) => {
      const result = validate(value);
      if (result.valid) return { value: result.value };
      // The path is a field of its own; libraries print it beside the message, so the message leaves it out.
      return { issues: result.errors.map((issue) => ({ message: withoutPlace(issue), path: pointerSegments(issue.path) })) };
    },
    jsonSchema: Object.freeze({
      input: (options: StandardJSONSchemaV1.Options) => jsonSchemaFor(frozenSchema(parts), options),
      output: (options: StandardJSONSchemaV1.Options) => jsonSchemaFor(frozenSchema(parts), options),
    }),
  });
}

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
