// The oracle: Ajv compiling the shipped schema files, its errors described as the package's issues. The package's
// verdict and report functions are generated from the same files by another program (scripts/generate/checks/);
// the tests hold every verdict and every issue of the package equal to what this gives.
//
// Ajv reports a failed `anyOf` as each branch's errors followed by the anyOf error, and a failed `if`/`then` as
// the `then` errors followed by the if error. An issue list says each thing once: the errors of a union's branches
// become what says most (the errors of a branch that got past the type check, or one type error naming every type
// allowed, or for the two unions the files use for it, "names someone" and "names its resource", one issue), the
// if error is dropped, and a place's rule is reported once. Which of Ajv's errors a union's branches gave is
// counted, not guessed: each branch is compiled alone and run on the value (its `if` errors aside).
import type { ErrorObject } from "ajv";
import { createAjv } from "../scripts/generate/schemas.js";
import { ABSENT, type Recorded, issueOf, type ValidationIssue } from "../src/validators/report.js";
import { TYPES, type Mode, type TypeName } from "../src/validators/table.js";
import { escapeSegment } from "../src/validators/text.js";
import { NAMES_RESOURCE, NAMES_SOMEONE } from "./model.js";
import { asForInSees, schemaFiles } from "./support.js";

type Schema = Record<string, unknown>;

/**
 * The title a closed schema's message names: its own, or that of the type whose branch it is (`if`/`then`/`else`,
 * `allOf`, `anyOf` at the same place: commsOperation's `else` declares its properties). Found by identity among
 * the schema objects Ajv was given, which it reports back as an error's `parentSchema`.
 */
const typeTitles = new WeakMap<object, string>();
function noteTitles(node: unknown, title: string | undefined): void {
  if (node === null || typeof node !== "object") return;
  if (Array.isArray(node)) {
    for (const item of node) noteTitles(item, undefined);
    return;
  }
  const schema = node as Schema;
  noteSubtypeGroup(schema);
  const own = typeof schema.title === "string" ? schema.title : title;
  if (own !== undefined) typeTitles.set(schema, own);
  for (const [key, value] of Object.entries(schema)) {
    if (["if", "then", "else"].includes(key)) noteTitles(value, own);
    else if (["allOf", "anyOf"].includes(key) && Array.isArray(value)) for (const branch of value) noteTitles(branch, own);
    else noteTitles(value, undefined);
  }
}
/**
 * The subtypes that declare a property of rule 12's table: the names the `if` of its group asks for in
 * `@odata.type` (without `#` and the namespace), which a wrong value's message names ("…, as a or b declares it").
 */
const declaringSubtypes = new WeakMap<object, string>();
function noteSubtypeGroup(schema: Schema): void {
  const labels = ((schema.if as Schema | undefined)?.properties as Record<string, Schema> | undefined)?.["@odata.type"]?.enum;
  const properties = (schema.then as Schema | undefined)?.properties as Record<string, unknown> | undefined;
  if (!Array.isArray(labels) || properties === undefined) return;
  const names = (labels as string[]).filter((label) => !label.startsWith("#")).map((label) => label.replace(/^microsoft\.graph\./, ""));
  for (const property of Object.values(properties)) if (typeof property === "object" && property !== null) declaringSubtypes.set(property, names.join(" or "));
}
for (const file of schemaFiles) noteTitles(file.schema, undefined);

const oracles = new Map<string, ReturnType<typeof makeOracle>>();

/**
 * Ajv on the shipped files of one mode, in first-error or all-errors mode: the verdict and the issues of a value,
 * read as for…in sees it. One per mode and error mode in a test file: compiling the files takes seconds.
 */
export function oracle(mode: Mode, allErrors: boolean): ReturnType<typeof makeOracle> {
  const key = `${mode} ${allErrors}`;
  let made = oracles.get(key);
  if (made === undefined) {
    made = makeOracle(mode, allErrors);
    oracles.set(key, made);
  }
  return made;
}

function makeOracle(mode: Mode, allErrors: boolean) {
  // inlineRefs: false: each definition compiled once, not inlined at every $ref (ten times faster to compile the
  // files; the same verdicts and errors, bar the `if` errors dropped below).
  const ajv = createAjv({ allErrors, verbose: true, loopEnum: 16, inlineRefs: false });
  for (const file of schemaFiles) ajv.addSchema(file.schema);
  const definitions = (schemaFiles.find((f) => f.mode === mode && f.name === "CommsNotifications")!.schema.definitions ?? {}) as Schema;
  const branches = new Map<string, ReturnType<typeof ajv.compile>>();
  /** How many errors Ajv gives for a branch of a union on a value: the branch compiled alone, with the file's definitions. */
  // Not counting `if` errors: Ajv adds one for a failed `then`/`else` inside a function it calls, and not when it
  // inlines the same schema, as it does compiling a branch alone. They are dropped from the issues anyway.
  const errorsOfBranch = (branch: Schema, value: unknown): number => {
    const text = JSON.stringify(branch);
    let validate = branches.get(text);
    if (validate === undefined) {
      validate = ajv.compile({ ...branch, definitions });
      branches.set(text, validate);
    }
    return validate(value) ? 0 : (validate.errors ?? []).filter((error) => error.keyword !== "if").length;
  };
  return (type: TypeName, data: unknown): { valid: boolean; issues: ValidationIssue[] } => {
    const graphName = TYPES.find((t) => t.name === type)!.graphName;
    const validate = ajv.getSchema(schemaFiles.find((f) => f.mode === mode && f.graphName === graphName)!.schema.$id as string)!;
    const seen = asForInSees(data);
    if (validate(seen)) return { valid: true, issues: [] };
    const issues = describeAjvErrors(validate.errors ?? [], errorsOfBranch).slice(0, allErrors ? 100 : 1);
    return { valid: false, issues };
  };
}

const isObject = (value: unknown): boolean => value !== null && typeof value === "object" && !Array.isArray(value);

const sameNames = (names: string[], documented: readonly string[]) => JSON.stringify(names) === JSON.stringify(documented);

/** The names of a union whose every branch requires one name of an object (`names someone`, `names its resource`). */
function requiredNames(union: Schema[]): string[] | undefined {
  const names = union.map((branch) => (branch.type === "object" && Array.isArray(branch.required) && branch.required.length === 1 ? String(branch.required[0]) : undefined));
  return names.every((name) => name !== undefined) ? (names as string[]) : undefined;
}

/** Ajv's errors (with `verbose`) as the issues of a value, in Ajv's order. */
function describeAjvErrors(errors: readonly ErrorObject[], errorsOfBranch: (branch: Schema, value: unknown) => number): ValidationIssue[] {
  /** Each issue so far, with the index of the first of Ajv's errors it stands for. */
  const out: { recorded: Recorded; from: number }[] = [];
  errors.forEach((error, index) => {
    const path = error.instancePath;
    if (error.keyword === "if" || error.propertyName !== undefined) return; // said by the errors around it
    if (error.keyword !== "anyOf") {
      out.push({ recorded: recordedOf(error), from: index });
      return;
    }
    const union = error.schema as Schema[];
    const count = union.reduce((sum, branch) => sum + errorsOfBranch(branch, error.data), 0);
    let from = index;
    for (let seen = 0; seen < count && from > 0; ) if (errors[--from]!.keyword !== "if") seen += 1;
    const branchIssues = out.splice(out.findIndex((item) => item.from >= from) === -1 ? out.length : out.findIndex((item) => item.from >= from)).map((item) => item.recorded);
    const atUnion = (f: Recorded) => f.path === path && f.keyword === "type";
    const names = requiredNames(union);
    const deeper = branchIssues.filter((f) => !atUnion(f));
    let collapsed: Recorded[];
    const rule = names === undefined ? undefined : sameNames(names, NAMES_SOMEONE) ? "namesSomeone" : sameNames(names, NAMES_RESOURCE) ? "namesResource" : undefined;
    if (names !== undefined && rule !== undefined && isObject(error.data)) {
      collapsed =
        rule === "namesSomeone"
          ? [{ path, keyword: "anyOf", params: { members: names }, value: error.data, declared: undefined }]
          : [
              {
                path: `${path}/${escapeSegment(names[0]!)}`,
                keyword: "required",
                params: { missingProperty: names[0], alternatives: names.slice(1) },
                value: ABSENT,
                declared: undefined,
              },
            ];
    } else if (deeper.length > 0) {
      collapsed = deeper;
    } else {
      // The types allowed, each once, null last (Graph's nullable members try null first): "an object or null".
      const types = [...new Set(branchIssues.flatMap((f) => String(f.params.type).split(",")))].sort((a, b) => Number(a === "null") - Number(b === "null"));
      collapsed = [{ path, keyword: "type", params: { type: types.join(",") }, value: error.data, declared: subtypeOf(error.parentSchema as Schema | undefined) }];
    }
    for (const recorded of collapsed) out.push({ recorded, from });
  });
  // One issue per place and rule (a dispatched value is checked as its base type and as its subtype); with
  // allErrors, a value of the wrong type also fails its enum, and the type error says it all.
  const keys = new Set<string>();
  const wrongType = new Set(out.filter(({ recorded }) => recorded.keyword === "type").map(({ recorded }) => recorded.path));
  return out
    .map(({ recorded }) => recorded)
    .filter((recorded) => {
      const key = `${recorded.keyword} ${recorded.path}`;
      if (keys.has(key) || (recorded.keyword === "enum" && wrongType.has(recorded.path))) return false;
      keys.add(key);
      return true;
    })
    .map(issueOf);
}

/**
 * A property a subtype declares (a group of rule 12's table, which a member type of rule 14 refers to for its own):
 * its type and enum issues name the subtypes the group's `if` names.
 */
function subtypeOf(schema: Schema | undefined): Recorded["declared"] {
  if (schema === undefined) return undefined;
  const title = declaringSubtypes.get(schema);
  return title === undefined ? undefined : { title, names: [] };
}

/** One of Ajv's errors as a recorded rule: a missing, undeclared or too long property at its own place. */
function recordedOf(error: ErrorObject): Recorded {
  const { keyword } = error;
  const params = structuredClone(error.params) as Record<string, unknown>;
  const child = (params.missingProperty ?? params.additionalProperty ?? params.propertyName) as string | undefined;
  const path = child === undefined ? error.instancePath : `${error.instancePath}/${escapeSegment(child)}`;
  const parent = error.parentSchema as Schema | undefined;
  const declared =
    keyword === "additionalProperties"
      ? { title: parent === undefined ? undefined : typeTitles.get(parent), names: Object.keys((parent?.properties ?? {}) as Schema) }
      : keyword === "type" || keyword === "enum"
        ? subtypeOf(parent)
        : undefined;
  return { path, keyword, params, value: child === undefined ? error.data : ABSENT, declared };
}
