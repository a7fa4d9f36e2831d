/**
 * The one place that turns a precompiled validator into the public API: verdicts, error messages,
 * type guards, assertions, parsing and the Standard Schema interface. What a valid value never needs
 * (explaining a rejection, reading options, bad JSON, Standard Schema's issues) is in src/explain.ts, which
 * each checker and validator is handed as a function, so that Node.js's build can read it when first needed.
 */
import { DEFAULT_OPTIONS, NO_ERRORS } from "./defaults.js";
import type { Explaining, Reading } from "./explain.js";
import { utf8Text, withoutByteOrderMark } from "./json.js";
import type { StandardJSONSchemaV1, StandardSchemaV1 } from "./standard-schema.js";
import type { AjvError, CompiledValidator, JsonSchema, Mode, TypeName } from "./table.js";

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
 * inlines (460 bytes of bytecode; this one has about 680), so `validate` stays small enough to be inlined.
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
      // 70 items of about 9 bytes of bytecode each.
      // biome-ignore format: one line, not seventy
      n.never = [n, n, n, n, n, n, n, n, n, n, n, n, n, n, n, n, n, n, n, n, n, n, n, n, n, n, n, n, n, n, n, n, n, n, n, n, n, n, n, n, n, n, n, n, n, n, n, n, n, n, n, n, n, n, n, n, n, n, n, n, n, n, n, n, n, n, n, n, n, n];
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

/** The value as Ajv's code may read it after a rejection, without the items the fast path found valid (`withoutValidPrefix` in src/explain.ts). */
export type Shortener = (value: unknown, plan: SkipPlan) => { view: unknown; moveBack: (error: AjvError) => AjvError } | undefined;

/**
 * What explaining an invalid value reads: a checker's parts, and the outline of its schema once parsed. The
 * code that explains (`explainingOf`, src/explain.ts) is one of them, so that Node.js's build may load it with
 * Ajv's code.
 */
export interface Parts {
  readonly name: TypeName;
  readonly outlineOf: () => JsonSchema;
  readonly errorCodeOf: () => CompiledValidator;
  readonly errorLimitOf: () => { errors: number };
  readonly describerOf: () => Describer;
  readonly explainingOf: () => Explaining;
  readonly shorten: Shortener | undefined;
  outline: JsonSchema | undefined;
}

/**
 * What a validator's own functions read: its name, its schema once parsed and frozen, and the code that reads
 * JSON text it could not parse and reports issues and schemas to Standard Schema (`readingOf`, src/explain.ts).
 */
interface SchemaParts {
  readonly name: TypeName;
  readonly schema: () => JsonSchema;
  readonly readingOf: () => Reading;
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
 * the `check` under it, which give every verdict; five functions that give Ajv's code for the type, the error
 * limit that code reads, the description of its errors, the outline of the schema those descriptions read and
 * the code that explains (`explainingOf`), called only when a value is invalid or options are given, so that a
 * module may load them when first needed; where the fast path last rejected an item (`prefix`); and, for a
 * type whose fast path records that, the reading of the value from there (`shorten`: `withoutValidPrefix`).
 * Not the shipped schema: an application that imports `validateT` bundles only the outline (see
 * `createValidator`). Only what a valid value needs is made here; explaining an invalid value and reading
 * options are given by `explainingOf` (src/explain.ts), which Node.js's build reads with Ajv's code: compiling
 * them in the entry module cost about 0.5 ms of import and first verdict.
 */
export function createChecker<T>(
  name: TypeName,
  outlineOf: () => JsonSchema,
  is: (value: unknown) => value is T,
  errorCodeOf: () => CompiledValidator,
  errorLimitOf: () => { errors: number },
  describerOf: () => Describer,
  explainingOf: () => Explaining,
  check: (value: unknown) => boolean = is,
  prefix: ValidPrefix = NO_PREFIX,
  shorten?: Shortener,
): Checker<T> {
  const parts: Parts = { name, outlineOf, errorCodeOf, errorLimitOf, describerOf, explainingOf, shorten, outline: undefined };
  // The verdict as the validator's own functions read it: the fast path's check, never throwing, keeping what a
  // rejection recorded for them to read (`is`, the exported type guard, forgets it).
  const verdict = calledApart<T>(check);
  // The verdict comes from the fast path (`is`: a throwing getter reads as invalid). Ajv's all-errors code
  // runs only to explain a value the fast path rejects (and has the last word, should the two ever disagree).
  const validate = (value: unknown, options?: ValidateOptions): ValidationResult<T> => {
    // Options are read apart, so that validate stays small when they are not given (see calledApart).
    const settings = options === undefined ? DEFAULT_OPTIONS : explainingOf().readOptions(options);
    prefix.forget();
    if (verdict(value)) return { valid: true, value, errors: NO_ERRORS };
    return explainingOf().explain<T>(parts, value, settings, readPrefix(prefix));
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
 * A validator from the checker of its type, its mode, its shipped schema, parsed and frozen when first read
 * (by `.schema` and Standard JSON Schema), and `readingOf`, which gives what reads JSON text that does not
 * parse as it is and reports Standard Schema's issues and schemas (src/explain.ts); `parseJson` and Standard
 * Schema are module functions, made or compiled on first use.
 */
export function createValidator<T>(checker: Checker<T>, mode: Mode, schema: () => JsonSchema, readingOf: () => Reading): Validator<T> {
  const { name, is, validate, assert, parse } = checker;
  const parts: SchemaParts = { name, schema, readingOf, frozen: undefined };
  const parseJson = (text: string | Uint8Array): T => parseJsonWith(parts, assert, text);
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

/** For assertT and parseT: throws the ValidationError of a value the fast path rejected, should Ajv's code agree. */
function throwUnlessValid(parts: Parts, value: unknown, plan: SkipPlan | undefined): void {
  const result = parts.explainingOf().explain(parts, value, DEFAULT_OPTIONS, plan);
  if (!result.valid) throw new ValidationError(result.errors, parts.name);
}

/** Never what JSON.parse returns. */
const UNREAD = {};

/**
 * JSON text or UTF-8 bytes, parsed and validated. Text that parses (after a byte-order mark) is read here, as
 * `readJson` reads it; anything else (bad JSON, bytes that are not UTF-8, neither text nor bytes) is read
 * again by `readJsonText`, which says why.
 */
function parseJsonWith<T>(parts: SchemaParts, assert: (value: unknown) => asserts value is T, text: string | Uint8Array): T {
  const source = typeof text === "string" ? text : text instanceof Uint8Array ? utf8Text(text) : undefined;
  let value: unknown = UNREAD;
  if (source !== undefined) {
    try {
      value = JSON.parse(withoutByteOrderMark(source));
    } catch {
      // read again below, to say why
    }
  }
  if (value === UNREAD) {
    const read = parts.readingOf().readJsonText(text);
    if (!read.ok) throw new ValidationError([read.issue], parts.name);
    value = read.value;
  }
  assert(value);
  return value as T;
}

/** The validator's Standard Schema and Standard JSON Schema properties. */
function standardOf<T>(parts: SchemaParts, validate: (value: unknown) => ValidationResult<T>): StandardSchemaV1.Props<T, T> & StandardJSONSchemaV1.Props<T, T> {
  return Object.freeze({
    version: 1 as const,
    vendor: "graph-invite-participants",
    validate: (value: unknown) => {
      const result = validate(value);
      return result.valid ? { value: result.value } : { issues: parts.readingOf().standardIssues(result.errors) };
    },
    jsonSchema: Object.freeze({
      input: (options: StandardJSONSchemaV1.Options) => parts.readingOf().jsonSchemaFor(frozenSchema(parts), options),
      output: (options: StandardJSONSchemaV1.Options) => parts.readingOf().jsonSchemaFor(frozenSchema(parts), options),
    }),
  });
}
