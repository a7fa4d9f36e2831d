/**
 * What the runtime (src/runtime.ts) reads only when a value is rejected, options are given, JSON text does not
 * parse, or Standard Schema reports issues or a schema: each checker and validator is handed it by the
 * generated API module (`explaining`, `reading`). Node.js's build carries it in the file it reads with Ajv's
 * code when first needed (src/node/<mode>-code.ts), not in the entry module, which it made 9.7 KB larger to
 * compile at import (38.7 KB against 28.9 KB; import and a first verdict about 0.5 ms longer).
 */
import { DEFAULT_MAX_ERRORS, DEFAULT_OPTIONS, GATHERED_PER_ISSUE, NO_ERRORS } from "./defaults.js";
import { decodeUtf8, jsonErrorMessage, readJson, utf8ErrorMessage } from "./json.js";
import type { Parts, Shortener, SkipPlan, ValidationIssue, ValidationResult } from "./runtime.js";
import type { StandardJSONSchemaV1, StandardSchemaV1 } from "./standard-schema.js";
import type { AjvError, CompiledValidator, JsonSchema } from "./table.js";
import { describeValue, escapeSegment, placeOf, pointerSegments, truncate } from "./text.js";

/** Options come from the developer, not the payload: a wrong one is a programming error, a TypeError. */
export function readOptions(options: unknown): { allErrors: boolean; maxErrors: number } {
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
 * The views of one explanation, by the object or array each shows: made afresh for each value explained, since
 * a caller may change a value between two calls and a view lists its object's names when it is made.
 */
type Views = Map<object, object>;

/** The array each array view shows and the views it belongs with (its target is an empty array, never changed). */
const shown = new WeakMap<object, { array: unknown[]; views: Views }>();

/**
 * An object's view: nothing inherited (its prototype holds no name). Made with `new`, so that V8 keeps it in the
 * compact form an object literal has and views of the same names share a layout, where `Object.create(null)`
 * gives a dictionary, which Ajv's code reads several times more slowly. The class is made on first use, so that
 * a bundle that never explains holds no statement for it.
 */
let View: (new () => Record<string, unknown>) | undefined;
function newView(): Record<string, unknown> {
  if (View === undefined) {
    class Empty {}
    Object.setPrototypeOf(Empty.prototype, null);
    Reflect.deleteProperty(Empty.prototype, "constructor");
    View = Empty as new () => Record<string, unknown>;
  }
  return new View();
}

/** What Ajv's code asks of a view of an array: its length and items, read as the fast path reads them. */
const arrayTraps: ProxyHandler<object> = {
  get: (target, name) => {
    const { array, views } = shown.get(target)!;
    return name === "length" ? array.length : typeof name === "string" ? visible((array as unknown as Record<string, unknown>)[name], views) : undefined;
  },
};

/** How many objects deep a view reads at once; below, an object is read when Ajv's code asks for it. */
const EAGER_DEPTH = 32;

/**
 * The value as the fast path reads it, for Ajv's code to read it the same. An object's view holds, as data, the
 * names `for…in` visits on it and nothing else (a non-enumerable property, or one inherited otherwise, reads as
 * missing; strict mode's loops over names are V8's own), with their values' views: made when the object's is,
 * down to arrays, whose views are proxies of their length and items made when Ajv's code reaches them, so that
 * explaining an early error reads no more of a large value than its first objects. A plain JSON value reads the
 * same either way.
 */
function visible(value: unknown, views: Views, depth = 0): unknown {
  if (value === null || typeof value !== "object") return value;
  let view = views.get(value);
  if (view !== undefined) return view;
  let array: boolean;
  try {
    array = Array.isArray(value);
  } catch {
    return value; // a revoked proxy: Ajv's code reads it as it is, and finds it cannot
  }
  if (array) {
    const target: unknown[] = [];
    shown.set(target, { array: value as unknown[], views });
    view = new Proxy(target, arrayTraps);
    views.set(value, view);
    return view;
  }
  const object = value as Record<string, unknown>;
  const made = newView();
  views.set(value, made);
  for (const name in object) {
    let item: unknown;
    try {
      item = object[name];
    } catch {
      // A getter that throws: read again, and throw again, when Ajv's code asks for it.
      Object.defineProperty(made, name, { get: () => visible(object[name], views), enumerable: true, configurable: true });
      continue;
    }
    if (depth < EAGER_DEPTH) made[name] = visible(item, views, depth + 1);
    else Object.defineProperty(made, name, { get: () => visible(item, views), enumerable: true, configurable: true });
  }
  return made;
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

/**
 * For a type whose fast path records where it rejected an item of an array (given to its checker by the
 * generated API module, so that a bundle of a type without such arrays leaves this code out): the value read
 * through views without the items before the rejected one, and how to move an error's path back to the value.
 */
export const withoutValidPrefix: Shortener = (value, plan) => {
  const shorter = withoutValidItems(value, plan);
  return shorter === undefined ? undefined : { view: shorter.view, moveBack: (error) => movedBack(error, shorter.shifts) };
};

/**
 * Ajv's all-errors code on a value the fast path rejected. It stops gathering at the limit set here: in
 * first-error mode, once it holds an error (the issue reported is the first it finds; every loop over the
 * value then stops), with allErrors, at 16 per issue asked for.
 */
export function explain<T>(parts: Parts, value: unknown, settings: { allErrors: boolean; maxErrors: number }, plan?: SkipPlan): ValidationResult<T> {
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
    // Ajv's code reads the value as the fast path does: the names for…in visits (see visible).
    const views: Views = new Map();
    const inShorter = shorter === undefined ? undefined : errorsOf(errorCode, errorLimit, limit, visible(shorter.view, views));
    errors = inShorter === undefined ? [] : inShorter.map((error) => shorter!.moveBack(error));
    // Should the shorter value pass (a getter that answers differently each time), the whole value is read.
    if (errors.length === 0) {
      const found = errorsOf(errorCode, errorLimit, limit, visible(value, views));
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

/**
 * JSON text (or UTF-8 bytes) that the runtime could not read as it is (`parseJsonT`): the value, or the issue
 * that says why not, with the line and column of bad JSON and the offset of bytes that are not UTF-8.
 */
export function readJsonText(text: unknown): { ok: true; value: unknown } | { ok: false; issue: ValidationIssue } {
  let source: string;
  if (typeof text === "string") {
    source = text;
  } else if (text instanceof Uint8Array) {
    const decoded = decodeUtf8(text);
    if (!decoded.ok) return { ok: false, issue: { path: "", message: utf8ErrorMessage(decoded.offset), keyword: "json", params: { offset: decoded.offset } } };
    source = decoded.text;
  } else {
    const message = `parseJson reads JSON text (a string) or UTF-8 bytes (a Uint8Array), not ${describeValue({ found: true, value: text })}`;
    return { ok: false, issue: { path: "", message, keyword: "type", params: { type: "string" } } };
  }
  const read = readJson(source);
  if (!read.ok) {
    const { line, column, offset } = read.location;
    return { ok: false, issue: { path: "", message: jsonErrorMessage(read), keyword: "json", params: { line, column, offset } } };
  }
  return { ok: true, value: read.value };
}

/** Standard Schema's issues for a rejected value: the path is a field of its own, so the message leaves it out. */
export function standardIssues(errors: readonly ValidationIssue[]): StandardSchemaV1.Issue[] {
  return errors.map((issue) => ({ message: withoutPlace(issue), path: pointerSegments(issue.path) }));
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
export function jsonSchemaFor(schema: JsonSchema, options: StandardJSONSchemaV1.Options | undefined): Record<string, unknown> {
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

/** What a checker reads only when options are given or a value is rejected. */
export interface Explaining {
  readonly explain: typeof explain;
  readonly readOptions: typeof readOptions;
}
export const explaining: Explaining = { explain, readOptions };

/** What a validator reads only when JSON text does not parse as it is, or Standard Schema reports issues or a schema. */
export interface Reading {
  readonly readJsonText: typeof readJsonText;
  readonly standardIssues: typeof standardIssues;
  readonly jsonSchemaFor: typeof jsonSchemaFor;
}
export const reading: Reading = { readJsonText, standardIssues, jsonSchemaFor };
