/**
 * Options come from the developer, not the payload: every entry point (the validators, the stand-in, the callbacks
 * verifier) reads its options through `checkOptions`, so that a wrong value or an unknown name (a misspelling) is
 * one `TypeError` naming the option, its value quoted by `describeValue` (bounded, escaped).
 */
import { closest } from "./report.js";
import { describeValue } from "./text.js";

/** What an option must be, as a test of its value and the words that say it (`"a positive integer"`). */
export interface OptionRule {
  readonly is: (value: unknown) => boolean;
  readonly must: string;
}

export const rule = (must: string, is: (value: unknown) => boolean): OptionRule => ({ is, must });

/** The largest delay `setTimeout` honours (a larger one fires at once, with a warning). */
export const MAX_TIMER_MS = 2 ** 31 - 1;

// Each rule its own export, so that a bundle keeps only the rules its entry points use.
export const booleanRule = rule("true or false", (value) => typeof value === "boolean");
export const positiveIntegerRule = rule("a positive integer", (value) => typeof value === "number" && Number.isSafeInteger(value) && value >= 1);
export const stringRule = rule("a non-empty string", (value) => typeof value === "string" && value !== "");
/** A number of milliseconds a timer can wait: finite, ≥ 0 and at most 2³¹ − 1. */
export const millisecondsRule = rule(`a number of milliseconds from 0 to ${MAX_TIMER_MS}`, (value) => typeof value === "number" && value >= 0 && value <= MAX_TIMER_MS);
export const positiveMillisecondsRule = rule(
  `a number of milliseconds above 0 and at most ${MAX_TIMER_MS}`,
  (value) => typeof value === "number" && value > 0 && value <= MAX_TIMER_MS,
);
export const oneOfRule = (...allowed: readonly string[]) =>
  rule(`one of ${allowed.map((value) => JSON.stringify(value)).join(", ")}`, (value) => allowed.includes(value as string));
export const stringListRule = rule(
  "a non-empty array of non-empty strings",
  (value) => Array.isArray(value) && value.length > 0 && value.every((item) => typeof item === "string" && item !== ""),
);

/**
 * Checks options against their rules: `undefined` is no options, anything else must be an object whose own names
 * are all known and whose values (but `undefined`, the option left out) keep their rules. Throws a `TypeError`
 * naming `owner` and the option; returns the options as given. `suggest` names the option an unknown name meant
 * (`suggestOption`); without it, the message lists the options (the validators', which are two, and whose bundles
 * carry no edit distance).
 */
export function checkOptions<T extends object>(
  owner: string,
  options: T | undefined,
  known: { readonly [name: string]: OptionRule },
  suggest?: (name: string, known: readonly string[]) => string | undefined,
): T | undefined {
  if (options === undefined) return undefined;
  if (options === null || typeof options !== "object" || Array.isArray(options)) throw new TypeError(`${owner}: options must be an object, not ${describeValue(options)}`);
  for (const name of Object.keys(options)) {
    const option = Object.hasOwn(known, name) ? known[name] : undefined;
    if (option === undefined) {
      const meant = suggest?.(name, Object.keys(known));
      throw new TypeError(
        `${owner}: unknown option ${describeValue(name)}${meant === undefined ? `; the options are ${Object.keys(known).join(", ")}` : `; did you mean "${meant}"?`}`,
      );
    }
    const value = (options as Record<string, unknown>)[name];
    if (value !== undefined && !option.is(value)) throw new TypeError(`${owner}: options.${name} must be ${option.must}, not ${describeValue(value)}`);
  }
  return options;
}

/** The known option an unknown name meant: the nearest (`closest`), or one it begins (`clockTolerance` for `clockToleranceSec`). */
export const suggestOption = (name: string, known: readonly string[]): string | undefined =>
  closest(name, known) ?? (name.length >= 4 ? known.find((option) => option.startsWith(name)) : undefined);
