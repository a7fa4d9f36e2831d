// The issues of an invalid value, described from Ajv's errors: its own module, which Node.js's build loads
// with Ajv's code when a value is first invalid (scripts/generate/api.ts), so that importing the package and
// checking valid values does not compile it.
import type { ValidationIssue } from "./runtime.js";
import { MAX_PROPERTY_NAME_LENGTH, type AjvError, type JsonSchema } from "./table.js";
import { describeValue, escapeSegment, placeOf, pointerSegments } from "./text.js";

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

/** The issues of Ajv's errors on `data`, read against its schema: the shipped one, or its outline (`outlineOf` in scripts/generate/error-code.ts). */
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
