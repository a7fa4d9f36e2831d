// What the runtime (src/runtime.ts) and the code it reads when first needed (src/explain.ts) both start from.

export const DEFAULT_MAX_ERRORS = 100;
/**
 * All-errors mode gathers up to this many of Ajv's errors per issue it may report: several of Ajv's errors
 * can make one issue (a union's branches, a type error and its enum), and stopping at an exact count could
 * leave fewer issues than asked for.
 */
export const GATHERED_PER_ISSUE = 16;

/**
 * The errors of every valid result: one frozen empty array, so that a valid value costs at most the result
 * object (none at all where V8 inlines validate into a caller that only reads the result).
 */
export const NO_ERRORS = Object.freeze([]) as unknown as [];

export const DEFAULT_OPTIONS = Object.freeze({ allErrors: false, maxErrors: DEFAULT_MAX_ERRORS });
