// Property-based tests: seeded and reproducible (FC_SEED=… reruns one seed), thousands of cases a run.
import { Validator as CfValidator } from "@cfworker/json-schema";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ODATA_ANNOTATION_PATTERN } from "../scripts/generate.js";
import { TYPES, type Mode, type TypeName } from "../src/validators/table.js";
import { closest } from "../src/validators/report.js";
import { describeValue, printable } from "../src/validators/text.js";
import { validPayloads } from "./arbitraries.js";
import { MODES, api, schemaFiles } from "./support.js";

const seed = Number(process.env.FC_SEED ?? 20261126);
const numRuns = Number(process.env.FC_RUNS ?? 300);
fc.configureGlobal({ seed, numRuns });

type Schema = Record<string, unknown>;
const NAMES = TYPES.map((type) => type.name);
const annotation = new RegExp(ODATA_ANNOTATION_PATTERN, "u");
const schemaOf = (mode: Mode, name: TypeName) => api[mode].validators[name].schema as Schema;
const escapeSegment = (key: string) => key.replace(/~/g, "~0").replace(/\//g, "~1");
const isObject = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);
const typesOf = (schema: Schema) => ([] as unknown[]).concat(schema.type ?? []);

/** The schema that applies to `value`, following $ref, nullable unions and the @odata.type dispatch. */
function resolve(schema: Schema | undefined, value: unknown, root: Schema): Schema | undefined {
  if (schema === undefined) return undefined;
  if (typeof schema.$ref === "string") return resolve((root.definitions as Record<string, Schema>)[schema.$ref.slice("#/definitions/".length)], value, root);
  // A property whose object is validated only when its @odata.type says so (a notification's resourceData).
  if (schema.if !== undefined && schema.properties === undefined) {
    const names = ((schema.if as Schema).properties as Record<string, Schema>)["@odata.type"]!.enum as unknown[];
    return isObject(value) && names.includes(value["@odata.type"]) ? resolve(schema.then as Schema, value, root) : undefined;
  }
  if (Array.isArray(schema.anyOf) && schema.properties === undefined)
    return resolve(
      (schema.anyOf as Schema[]).find((branch) => branch.type !== "null"),
      value,
      root,
    );
  return schema;
}

/** A commsOperation labelled as a subtype this package does not model: its undeclared properties are accepted (rule 8). */
function isUnmodelledSubtype(target: Location, value: unknown): boolean {
  const object = target.path.reduce<unknown>((node, segment) => (node as Record<string, unknown>)[segment], value);
  const names = ((target.schema.if as Schema | undefined)?.properties as Record<string, Schema> | undefined)?.["@odata.type"]?.enum as unknown[] | undefined;
  return isObject(object) && names?.includes(object["@odata.type"]) === true && (target.schema.else as Schema | undefined)?.additionalProperties === false;
}

interface Location {
  path: string[];
  schema: Schema;
}

/** Every declared property present in a valid value, and every object in it, with their schemas. */
function walk(value: unknown, schema: Schema | undefined, root: Schema, path: string[] = [], found = { properties: [] as Location[], objects: [] as Location[] }) {
  const resolved = resolve(schema, value, root);
  if (resolved === undefined) return found;
  if (isObject(value) && resolved.properties !== undefined) {
    found.objects.push({ path, schema: resolved });
    const dispatched = schema?.if !== undefined;
    for (const [key, propertySchema] of Object.entries(resolved.properties as Record<string, Schema>)) {
      if (!(key in value) || (dispatched && key === "@odata.type")) continue;
      found.properties.push({ path: [...path, key], schema: propertySchema });
      walk(value[key], propertySchema, root, [...path, key], found);
    }
  } else if (Array.isArray(value) && resolved.items !== undefined) {
    for (const [index, item] of value.entries()) walk(item, resolved.items as Schema, root, [...path, String(index)], found);
  }
  return found;
}

/** A value the property's schema rejects. */
function wrongValue(schema: Schema, root: Schema, choice: number): unknown {
  const resolvedTypes = typesOf(schema).length > 0 ? typesOf(schema) : ((schema.anyOf as Schema[] | undefined)?.flatMap((b) => (b.$ref ? ["object"] : typesOf(b))) ?? []);
  const candidates: unknown[] = [];
  if (!resolvedTypes.includes("null")) candidates.push(null);
  if (Array.isArray(schema.enum)) candidates.push("notAMember");
  if (!resolvedTypes.includes("string")) candidates.push("text");
  if (!resolvedTypes.includes("boolean")) candidates.push(true);
  if (resolvedTypes.includes("integer")) candidates.push(0.5, 2147483648, "7");
  else if (!resolvedTypes.includes("number")) candidates.push(42);
  if (!resolvedTypes.includes("object") && schema.$ref === undefined) candidates.push({});
  if (!resolvedTypes.includes("array")) candidates.push([]);
  void root;
  return candidates[choice % candidates.length];
}

function setAt(value: unknown, path: string[], newValue: unknown): unknown {
  const copy = structuredClone(value) as Record<string, unknown>;
  let node = copy;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string, unknown>;
  node[path.at(-1)!] = newValue;
  return copy;
}

const pointer = (path: string[]) => path.map((key) => `/${escapeSegment(key)}`).join("");
const payload = fc.constantFrom(...NAMES).chain((name) => validPayloads[name].map((value) => ({ name, value })));

describe("property-based", () => {
  it.each(NAMES)("payloads that follow the model are valid %s in both modes", (name) => {
    fc.assert(
      fc.property(validPayloads[name], (value) => {
        for (const mode of MODES) expect(api[mode].validators[name].validate(value).errors).toEqual([]);
      }),
    );
  });

  it("changing one declared property to a wrong type or value is rejected, at that property's path", () => {
    fc.assert(
      fc.property(payload, fc.nat(), fc.nat(), ({ name, value }, pick, choice) => {
        const root = schemaOf("strict", name);
        const { properties } = walk(value, root, root);
        fc.pre(properties.length > 0);
        const target = properties[pick % properties.length]!;
        const mutated = setAt(value, target.path, wrongValue(target.schema, root, choice));
        for (const mode of MODES) {
          const result = api[mode].validators[name].validate(mutated, { allErrors: true });
          expect(result.valid).toBe(false);
          expect(result.errors.map((e) => e.path)).toEqual([pointer(target.path)]);
        }
      }),
      { numRuns: numRuns * 10 },
    );
  });

  it("an undeclared property is accepted in tolerant mode and rejected in strict mode, with its path", () => {
    fc.assert(
      fc.property(payload, fc.nat(), fc.string({ minLength: 1, maxLength: 12 }), ({ name, value }, pick, key) => {
        const root = schemaOf("strict", name);
        const { objects } = walk(value, root, root);
        const target = objects[pick % objects.length]!;
        fc.pre(!(key in (target.schema.properties as object)) && !annotation.test(key) && key !== "__proto__" && !isUnmodelledSubtype(target, value));
        const mutated = structuredClone(value) as Record<string, unknown>;
        const object = target.path.reduce<Record<string, unknown>>((node, segment) => node[segment] as Record<string, unknown>, mutated);
        object[key] = 1;
        expect(api.tolerant.validators[name].validate(mutated).valid).toBe(true);
        expect(api.strict.validators[name].validate(mutated, { allErrors: true }).errors.map((e) => e.path)).toEqual([pointer([...target.path, key])]);
      }),
      { numRuns: numRuns * 10 },
    );
  });

  const anyValue = fc.oneof(
    payload.map((p) => p.value),
    fc.jsonValue(),
    fc.anything(),
  );

  it("anything strict mode accepts, tolerant mode accepts", () => {
    fc.assert(
      fc.property(fc.constantFrom(...NAMES), anyValue, (name, value) => {
        if (api.strict.validators[name].is(value)) expect(api.tolerant.validators[name].is(value)).toBe(true);
      }),
      { numRuns: numRuns * 10 },
    );
  });

  it("validateT, isT, assertT, parseT and parseJsonT(JSON.stringify(x)) always agree", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...MODES),
        fc.constantFrom(...NAMES),
        fc.oneof(
          payload.map((p) => p.value),
          fc.jsonValue(),
        ),
        (mode, name, value) => {
          const validator = api[mode].validators[name];
          const { valid } = validator.validate(value);
          expect(validator.is(value)).toBe(valid);
          let asserted = true;
          try {
            validator.assert(value);
          } catch {
            asserted = false;
          }
          expect(asserted).toBe(valid);
          let parsed = true;
          try {
            expect(validator.parseJson(JSON.stringify(value))).toEqual(JSON.parse(JSON.stringify(value)));
          } catch {
            parsed = false;
          }
          expect(parsed).toBe(valid);
          let returned = true;
          try {
            expect(validator.parse(value)).toBe(value);
          } catch {
            returned = false;
          }
          expect(returned).toBe(valid);
        },
      ),
      { numRuns: numRuns * 10 },
    );
  });

  it("for any JavaScript value, validateT returns a verdict, never throws and never changes the value", () => {
    const exotic = fc.anything({
      withBigInt: true,
      withBoxedValues: true,
      withDate: true,
      withMap: true,
      withSet: true,
      withNullPrototype: true,
      withObjectString: true,
      withSparseArray: true,
      withTypedArray: true,
      withUnicodeString: true,
    });
    const values = fc.oneof(
      exotic,
      payload.map((p) => p.value),
      fc.constantFrom(undefined, Symbol("s"), () => 1, 10n, NaN, -0),
    );
    fc.assert(
      fc.property(fc.constantFrom(...MODES), fc.constantFrom(...NAMES), values, fc.boolean(), (mode, name, value, allErrors) => {
        const before = fc.stringify(value);
        const result = api[mode].validators[name].validate(value, { allErrors });
        expect(typeof result.valid).toBe("boolean");
        expect(fc.stringify(value)).toBe(before);
      }),
      { numRuns: numRuns * 10 },
    );
  });
});

describe("differential: @cfworker/json-schema with the shipped schema files agrees with our validators", () => {
  const reference = Object.fromEntries(schemaFiles.map((file) => [`${file.mode}:${file.name}`, new CfValidator(file.schema as never, "7", false)])) as Record<string, CfValidator>;

  it("on generated valid, mutated and extended payloads", { timeout: 60_000 }, () => {
    const variants = payload.chain(({ name, value }) => {
      const root = schemaOf("strict", name);
      const { properties, objects } = walk(value, root, root);
      return fc.oneof(
        fc.constant({ name, value }),
        properties.length === 0
          ? fc.constant({ name, value })
          : fc.tuple(fc.nat(), fc.nat()).map(([pick, choice]) => {
              const target = properties[pick % properties.length]!;
              return { name, value: setAt(value, target.path, wrongValue(target.schema, root, choice)) };
            }),
        fc.tuple(fc.nat(), fc.string({ maxLength: 8 })).map(([pick, key]) => {
          const target = objects[pick % objects.length]!;
          const copy = structuredClone(value) as Record<string, unknown>;
          const object = target.path.reduce<Record<string, unknown>>((node, segment) => node[segment] as Record<string, unknown>, copy);
          if (key !== "__proto__") object[key] = "x";
          return { name, value: copy };
        }),
      );
    });
    let disagreements = 0;
    fc.assert(
      fc.property(variants, ({ name, value }) => {
        for (const mode of MODES) {
          const ours = api[mode].validators[name].is(value);
          const theirs = reference[`${mode}:${name}`]!.validate(value).valid;
          if (ours !== theirs) disagreements += 1;
          expect({ mode, name, ours }).toEqual({ mode, name, ours: theirs });
        }
      }),
      { numRuns: numRuns * 10 },
    );
    expect(disagreements).toBe(0);
  });
});

describe("a string in a message", () => {
  // A string that is printable ASCII but for the quote and the backslash is quoted as it is, without
  // JSON.stringify: the result must be what the full quoting gives, with what `printable` escapes escaped.
  const text = fc.oneof(
    fc.string({ maxLength: 60 }),
    fc.string({ maxLength: 60, unit: "binary" }),
    fc.string({ maxLength: 60, unit: fc.constantFrom("a", " ", "~", '"', "\\", "\u007f", "\u0000", "\u00e9", "\u202e", "\ud800", "\udc00") }),
  );

  it("is quoted as JSON quotes it, with control and direction characters escaped", () => {
    fc.assert(
      fc.property(text, (value) => {
        expect(describeValue(value)).toBe(printable(JSON.stringify(value)));
      }),
      { numRuns: numRuns * 10 },
    );
  });
});

describe("the name a message suggests for an undeclared one", () => {
  /** The rule as first written: every candidate measured in full, the first nearest kept. */
  function reference(name: string, candidates: readonly string[]): string | undefined {
    if (name.length > 64) return undefined;
    const distance = (a: string, b: string): number => {
      let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
      for (let i = 1; i <= a.length; i += 1) {
        const current = [i];
        for (let j = 1; j <= b.length; j += 1) current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
        previous = current;
      }
      return previous[b.length]!;
    };
    let best: string | undefined;
    let bestDistance = 3;
    for (const candidate of candidates) {
      const d = candidate.toLowerCase() === name.toLowerCase() ? 0 : distance(name, candidate);
      if (d < bestDistance) {
        best = candidate;
        bestDistance = d;
      }
    }
    return best;
  }
  // Few letters, so that near names are common; cases and letters whose lower case differs in length.
  const unit = fc.constantFrom("a", "b", "c", "A", "B", "\u0130", "i", "\u0307", "\u212a", "k", "\ud83d", "\ude00");
  const name = fc.oneof(fc.string({ maxLength: 8, unit }), fc.string({ minLength: 60, maxLength: 70, unit }));

  it("is the one the full measure finds, though it measures a candidate only while it could be nearer", () => {
    fc.assert(
      fc.property(name, fc.array(fc.oneof(name, fc.string({ maxLength: 8, unit })), { maxLength: 12 }), (value, candidates) => {
        expect(closest(value, candidates)).toBe(reference(value, candidates));
      }),
      { numRuns: numRuns * 20 },
    );
  });
});
