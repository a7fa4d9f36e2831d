/**
 * What the planner (planner.ts) asks of an output: what a failed rule, a subschema, a union, an array's items,
 * rule 12's table and an object's names become in its functions. Two outputs: the verdict (verdict.ts) and the
 * report (report.ts); each owns its differences, so that the walk never asks which one it writes.
 */
import type { Code } from "../code.js";
import type { Schema } from "../schema-tree.js";
import type { At } from "./keywords.js";
import type { Planner } from "./planner.js";
import type { LabelDispatch } from "./shapes.js";

export interface Output {
  /** The prefix of its functions' names: `f` (verdict), `r` (report). */
  readonly prefix: "f" | "r";
  /** Writes the function `<prefix><number>` of a schema, its checks by `planner.checks`. */
  writeFunction(planner: Planner, code: Code, number: number, schema: Schema | boolean): void;
  /** A rule failed: its issue (keyword, params and declared names as expressions). */
  fail(code: Code, at: At, keyword: string, params: string, value: string, declared?: string): void;
  /** The subschema's function, called on the value; `guarded`: first asking its verdict function (not for arrays, whose items are asked each). */
  call(code: Code, at: At, fn: number, guarded: boolean): void;
  /** A subschema that checks only the value itself, at `at`. */
  inPlace(planner: Planner, code: Code, schema: Schema | boolean, at: At): void;
  /**
   * A type test (`typeTest`, failing as `typeFail`) and, when `values` is given, the enum checked after it: the
   * verdict leaves out a type test the enum implies (`implied`).
   */
  typeAndEnum(planner: Planner, code: Code, at: At, typeTest: string, typeFail: () => void, values: unknown[] | undefined, implied: boolean, declared: string | undefined): void;
  /** Rule 12's dispatch as the object's loop reads it (the verdict), or undefined: the `if` as written. */
  dispatchOf(planner: Planner, schema: Schema): LabelDispatch | undefined;
  /** The items of an array (`v`), each checked by function `fn`; `item`: a variable the planner has named. */
  items(planner: Planner, code: Code, v: string, fn: number, item: string): void;
  /** Rule 9's union: the object at `at` names someone, by the member test `test` over `names`. */
  memberUnion(planner: Planner, code: Code, at: At, test: string, names: string[]): void;
  /** Rule 7's union: the object at `at` has one of `names`, each branch's verdict in `tests`. */
  namedUnion(planner: Planner, code: Code, at: At, tests: string, names: string[]): void;
  /** Any other union: null or a member, or each branch in turn. */
  union(planner: Planner, code: Code, at: At, branches: Schema[], declared: string | undefined): void;
  /** Rule 12's table of subtype groups (`members`), given the label the object's loop read and its notes. */
  subtypes(planner: Planner, code: Code, at: At, members: Schema[], label?: string, fold?: Fold): void;
  /** An object's names (its type tested), as `planner.objectPlan` reads them; `dispatch`: rule 12's, read in its loop. */
  object(planner: Planner, code: Code, schema: Schema, at: At, dispatch: LabelDispatch | undefined): void;
}

/**
 * Strict mode's notes of the verdict's object loop for rule 12: `refused` (a name the root's closure does not
 * declare) and `seen` (a bit for each of `extras`, the names it declares beyond a subtype root's).
 */
export interface Fold {
  refused: string;
  seen: string | undefined;
  extras: string[];
}
