/**
 * What the generated checks (src/generated/<mode>-checks.js) call besides the read rule (src/validators/read.ts) and the
 * report (src/validators/report.ts): typed and linted here, imported by the generated code, rather than written into it as
 * text by the generator.
 */
import { labelsOf } from "./graph-names.js";

/**
 * A pattern check that remembers the strings it matched: a payload's `@odata.type` labels are a few names
 * repeated in every object, and looking them up first made the checks of a typical operation about a quarter
 * faster. Only matches are remembered, at most 256 strings of up to 256 characters, so memory stays bounded.
 */
export function matches(pattern: RegExp, matched: Set<string>, s: string): boolean {
  if (matched.has(s)) return true;
  if (!pattern.test(s)) return false;
  if (matched.size < 256 && s.length <= 256) matched.add(s);
  return true;
}

/**
 * Graph's type names, with and without `#` (the `@odata.type` lists from the metadata: a hundred identity types),
 * stand once in the generated code, without their common prefix: they are most of what a strict validator bundles.
 */
export function graphNames(names: string): string[] {
  return labelsOf(names.split(" "));
}

/**
 * Where a verdict function last stopped in an array's items: the array, the number of the function of its items,
 * the index. The items before it are valid, so the report of that array starts there rather than asking the
 * verdict of each item again (a late error in a long array cost twice its valid time). One per generated module.
 */
export interface Stopped {
  items: unknown;
  by: number;
  at: number;
}

export function stoppedNowhere(): Stopped {
  return { items: undefined, by: 0, at: 0 };
}

/** Where the report of `items`, checked by function `by`, starts: the index its verdict stopped at, or -1. */
export function resume(stopped: Stopped, items: unknown, by: number): number {
  return items === stopped.items && by === stopped.by ? stopped.at : -1;
}

/**
 * A report function that drops the note when it returns, so that no value is held after a call (the type guard,
 * which no report follows, drops it with the module's `forget`).
 */
export function consumed<R>(stopped: Stopped, report: (value: unknown, r: R) => void): (value: unknown, r: R) => void {
  return (value, r) => {
    try {
      report(value, r);
    } finally {
      stopped.items = undefined;
    }
  };
}

/**
 * A verdict function as a type guard that never throws (a getter or proxy trap that throws makes the value
 * invalid). No report follows: `forget` drops where the verdict stopped in an array, which a report would have
 * started from, so that no value is held after a call. Generated code calls it with a pure annotation, so that a
 * bundle keeps only the guards it uses; it stands here, apart from the validators' runtime, so that a bundle of type
 * guards carries nothing of that.
 */
export function guard<T>(verdict: (value: unknown) => boolean, forget: () => void): (value: unknown) => value is T {
  return (value: unknown): value is T => {
    let valid = false;
    try {
      valid = verdict(value);
    } catch {
      // a throwing getter or trap: invalid
    }
    forget();
    return valid;
  };
}
