/**
 * The one place that turns a type's generated functions into the public API: `is` (the verdict function),
 * `validate`, `assert`, `parse` (the verdict, then, for a value it rejects, the report function's issues),
 * `parseJson` and the Standard Schema interface. docs/ARCHITECTURE.md follows a value through it.
 */
import { jsonErrorMessage, readJsonText, utf8ErrorMessage } from "./json.js";
import { Report, type ValidationIssue } from "./report.js";
import type { StandardJSONSchemaV1, StandardSchemaV1 } from "./standard-schema.js";
import type { JsonSchema, Mode, TypeName } from "./table.js";
import { afterPlace, describeValue, pointerSegments, truncate } from "./text.js";
import { deepFreeze } from "./freeze.js";

export type { ValidationIssue } from "./report.js";

/** The verdict of `validateT()`: the value, typed, or the reasons it is invalid. */
export type ValidationResult<T> = { valid: true; value: T; errors: [] } | { valid: false; value?: undefined; errors: ValidationIssue[] };

export interface ValidateOptions {
  /** Report every error instead of stopping at the first (the default, as Ajv's security advice recommends). */
  allErrors?: boolean;
  /**
   * The most errors reported, a positive integer (default 100). In all-errors mode the validator stops
   * reading the value once it holds this many, so the work on a hostile value stays bounded too.
   */
  maxErrors?: number;
}

/** A report function of src/generated/<mode>-checks.js: records the issues of a value in the report. */
type ReportFunction = (value: unknown, report: Report) => void;

const DEFAULT_MAX_ERRORS = 100;
// A plain constant (the package's own, never handed out): a bundle of type guards alone leaves it out, where
// esbuild keeps a call of Object.freeze at the top level whatever its annotation says.
const DEFAULT_OPTIONS: Readonly<{ allErrors: boolean; maxErrors: number }> = { allErrors: false, maxErrors: DEFAULT_MAX_ERRORS };

/**
 * The errors of every valid result: one frozen empty array, so that a valid value costs at most the result
 * object (none at all where V8 inlines validate into a caller that only reads the result). Made on first use: a
 * call at the top level stays in every bundle of the module esbuild puts it in, type guards' too.
 */
let noErrors: [] | undefined;
const NO_ERRORS = (): [] => {
  noErrors ??= Object.freeze([]) as unknown as [];
  return noErrors;
};

/** Never a value passed in: the block it guards in `calledApart` never runs. */
const NEVER: Record<string, unknown> = {};

/**
 * The verdict as `validate`, `assert` and `parse` call it: never throwing, and called, not inlined into them.
 * V8 counts the code already inlined into a function against the budget of a caller that would inline it
 * (`--max-inlined-bytecode-size-cumulative`). With the verdict inlined into `validate`, `validate` was often too
 * large to be inlined into the application's function that calls it, and the result object it returns for a
 * valid value was then made on every call instead of being optimized away. The block that never runs makes this
 * function's bytecode larger than V8 inlines at all (`--max-inlined-bytecode-size`; `node --v8-options` gives
 * both), so `validate` stays small enough to be inlined. `test/allocation.test.ts` holds `validate` to no
 * allocation on a valid value, and fails if the block no longer does its work.
 */
function calledApart(verdict: (value: unknown) => boolean, forget: () => void): (value: unknown) => boolean {
  return (value: unknown): boolean => {
    try {
      if (verdict(value)) {
        // No report follows: where the verdict stopped, and the array it noted, are dropped.
        forget();
        return true;
      }
    } catch {
      // a throwing getter or trap: invalid
    }
    if (value === NEVER) {
      const n = NEVER;
      // Enough items to pass V8's inlining limit by a margin.
      // biome-ignore format: one line, not seventy
      n.never = [n, n, n, n, n, n, n, n, n, n, n, n, n, n, n, n, n, n, n, n, n, n, n, n, n, n, n, n, n, n, n, n, n, n, n, n, n, n, n, n, n, n, n, n, n, n, n, n, n, n, n, n, n, n, n, n, n, n, n, n, n, n, n, n, n, n, n, n, n, n];
    }
    return false;
  };
}

/** One function of a checker or validator, for the generated module's named exports (called with a pure annotation). */
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

/** The functions of a validator that check values: what `validateT`, `isT`, `assertT` and `parseT` are. */
export interface Checker<T> {
  readonly name: TypeName;
  readonly is: (value: unknown) => value is T;
  readonly validate: (value: unknown, options?: ValidateOptions) => ValidationResult<T>;
  readonly assert: (value: unknown) => asserts value is T;
  readonly parse: (value: unknown) => T;
}

/** Everything this package offers for one type in one mode. */
export interface Validator<T> extends Checker<T> {
  readonly mode: Mode;
  /** The JSON Schema the validator was generated from (the shipped `.schema.json` file). */
  readonly schema: JsonSchema;
  /** Parses JSON text (or UTF-8 bytes) and validates it; throws a `ValidationError`, with line and column for bad JSON. */
  parseJson(text: string | Uint8Array): T;
  /**
   * The Standard Schema v1 interface, for libraries that accept any Standard Schema (Hono, tRPC, …), with the
   * Standard JSON Schema v1 converter: the shipped schema for `draft-07` or `draft-2020-12`.
   */
  readonly "~standard": StandardSchemaV1.Props<T, T> & StandardJSONSchemaV1.Props<T, T>;
}

/**
 * Options come from the developer, not the payload: a wrong one, or a name it does not take, is a programming error,
 * a TypeError naming it (as `checkOptions` words it for the other entry points; written out here, two names, so
 * that a validator's bundle carries no option table).
 */
function readOptions(options: unknown): { allErrors: boolean; maxErrors: number } {
  if (options === undefined) return DEFAULT_OPTIONS;
  if (options === null || typeof options !== "object" || Array.isArray(options)) throw new TypeError(`validate: options must be an object, not ${describeValue(options)}`);
  for (const name of Object.keys(options)) {
    if (name !== "allErrors" && name !== "maxErrors") throw new TypeError(`validate: unknown option ${describeValue(name)}; the options are allErrors, maxErrors`);
  }
  const { allErrors, maxErrors } = options as Record<string, unknown>;
  if (allErrors !== undefined && typeof allErrors !== "boolean") throw new TypeError(`validate: options.allErrors must be true or false, not ${describeValue(allErrors)}`);
  if (maxErrors !== undefined && !(typeof maxErrors === "number" && Number.isSafeInteger(maxErrors) && maxErrors >= 1)) {
    throw new TypeError(`validate: options.maxErrors must be a positive integer, not ${describeValue(maxErrors)}`);
  }
  return { allErrors: allErrors ?? false, maxErrors: maxErrors ?? DEFAULT_MAX_ERRORS };
}

/**
 * The issues of a value the verdict rejected, from the report function: at the first issue, or with allErrors
 * up to maxErrors. Should it find none (a getter that answers differently the second time), the value is valid
 * as it reads now.
 */
function explain<T>(report: ReportFunction, value: unknown, settings: { allErrors: boolean; maxErrors: number }): ValidationResult<T> {
  const found = new Report(settings.allErrors, settings.allErrors ? settings.maxErrors : 1);
  let errors: ValidationIssue[];
  try {
    report(value, found);
    errors = found.issues();
  } catch (error) {
    // A getter or proxy trap threw while the value was being read.
    return { valid: false, errors: [unreadable(error)] };
  }
  return errors.length === 0 ? { valid: true, value: value as T, errors: NO_ERRORS() } : { valid: false, errors };
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

/**
 * The functions that check values of one type: `is` (its verdict as a type guard), and the report function that
 * explains a rejection, starting where the verdict stopped (`forget` drops that when no report follows).
 */
export function createChecker<T>(name: TypeName, is: (value: unknown) => value is T, verdict: (value: unknown) => boolean, report: ReportFunction, forget: () => void): Checker<T> {
  const apart = calledApart(verdict, forget);
  const validate = (value: unknown, options?: ValidateOptions): ValidationResult<T> => {
    // Options are read apart, so that validate stays small when they are not given (see calledApart).
    const settings = options === undefined ? DEFAULT_OPTIONS : readOptions(options);
    if (apart(value)) return { valid: true, value: value as T, errors: NO_ERRORS() };
    return explain<T>(report, value, settings);
  };
  const assert: (value: unknown) => asserts value is T = (value) => {
    // A valid value allocates nothing: no result object is made for it.
    if (apart(value)) return;
    const result = explain<T>(report, value, DEFAULT_OPTIONS);
    if (!result.valid) throw new ValidationError(result.errors, name);
  };
  const parse = (value: unknown): T => {
    assert(value);
    return value;
  };
  return Object.freeze({ name, is, validate, assert, parse });
}

/**
 * A validator from the checker of its type, its mode and its shipped schema, made and frozen when first read (by `.schema` and Standard JSON Schema); `parseJson` and Standard Schema are made here too, so
 * that an application that imports only `validateT` bundles none of them.
 */
export function createValidator<T>(checker: Checker<T>, mode: Mode, shipped: () => JsonSchema): Validator<T> {
  const { name, is, validate, assert, parse } = checker;
  let schema: JsonSchema | undefined;
  const schemaOf = () => {
    schema ??= deepFreeze(shipped());
    return schema;
  };
  const parseJson = (text: string | Uint8Array): T => {
    const read = readText(text);
    if (!read.ok) throw new ValidationError([read.issue], name);
    return parse(read.value);
  };
  let standard: (StandardSchemaV1.Props<T, T> & StandardJSONSchemaV1.Props<T, T>) | undefined;
  return Object.freeze({
    name,
    mode,
    // Parsed on first use: most services never read it.
    get schema() {
      return schemaOf();
    },
    validate,
    is,
    assert,
    parse,
    parseJson,
    // Made on first use, as the schema is: few services read it, and every validator is made at import.
    get "~standard"() {
      standard ??= standardOf(validate, schemaOf);
      return standard;
    },
  });
}

/**
 * What `parseJson` was given, read (`readJsonText`): the value, or the issue that says why not, with the line and
 * column of bad JSON and the offset of bytes that are not UTF-8.
 */
function readText(text: unknown): { ok: true; value: unknown } | { ok: false; issue: ValidationIssue } {
  if (typeof text !== "string" && !(text instanceof Uint8Array)) {
    const message = `parseJson reads JSON text (a string) or UTF-8 bytes (a Uint8Array), not ${describeValue(text)}`;
    return { ok: false, issue: { path: "", message, keyword: "type", params: { type: "string" } } };
  }
  const read = readJsonText(text);
  if (read.ok) return read;
  if (read.text === undefined) return { ok: false, issue: { path: "", message: utf8ErrorMessage(read.offset), keyword: "json", params: { offset: read.offset } } };
  const { line, column, offset } = read.location;
  return { ok: false, issue: { path: "", message: jsonErrorMessage(read), keyword: "json", params: { line, column, offset } } };
}

/** The validator's Standard Schema and Standard JSON Schema properties. */
function standardOf<T>(validate: (value: unknown) => ValidationResult<T>, schemaOf: () => JsonSchema): StandardSchemaV1.Props<T, T> & StandardJSONSchemaV1.Props<T, T> {
  return Object.freeze({
    version: 1 as const,
    vendor: "graph-invite-participants",
    validate: (value: unknown) => {
      const result = validate(value);
      return result.valid ? { value: result.value } : { issues: standardIssues(result.errors) };
    },
    jsonSchema: Object.freeze({
      input: (options: StandardJSONSchemaV1.Options) => jsonSchemaFor(schemaOf(), options),
      output: (options: StandardJSONSchemaV1.Options) => jsonSchemaFor(schemaOf(), options),
    }),
  });
}

/**
 * A type's Standard Schema v1 alone (`standardT`), made from its checker: for libraries that take any Standard
 * Schema (tRPC, Hono, TanStack Form, …), without the schema text that `validators.T["~standard"]` reaches for
 * its JSON Schema converter, so that a bundle of it costs little more than one of `validateT`.
 */
export function standardSchemaOf<T>(checker: Checker<T>): StandardSchemaV1<T, T> {
  const validate = (value: unknown): StandardSchemaV1.Result<T> => {
    const result = checker.validate(value);
    return result.valid ? { value: result.value } : { issues: standardIssues(result.errors) };
  };
  return Object.freeze({ "~standard": Object.freeze({ version: 1 as const, vendor: "graph-invite-participants", validate }) });
}

/** Standard Schema's issues for a rejected value: the path is a field of its own, so the message leaves it out. */
function standardIssues(errors: readonly ValidationIssue[]): StandardSchemaV1.Issue[] {
  return errors.map((issue) => ({ message: withoutPlace(issue), path: pointerSegments(issue.path) }));
}

/**
 * An issue's message without the place it begins with, as a sentence of its own beside the path:
 * `/a must be a string (got 5)` → `Must be a string (got 5)`, `/a is required` → `Required`,
 * `/a is not a declared property …` → `Not a declared property …`.
 */
function withoutPlace(issue: ValidationIssue): string {
  let rest = afterPlace(issue.path, issue.message);
  if (rest.startsWith("is ")) rest = rest.slice(3);
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
