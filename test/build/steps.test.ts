// The build's steps over Ajv's code, on a saved sample of Ajv's output (test/build/ajv-sample.js): each
// rewrites what it names, keeps Ajv's verdicts and errors, and fails by name when the code is not in the
// shape it expects. The build runs them on Ajv's live output too, with the same checks.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT } from "../../scripts/root.js";
import {
  appendCalleeErrorsInPlace,
  compareEnumsByIdentity,
  dropSchemaPaths,
  markPatternsPure,
  mergeDuplicateFunctions,
  outlineOf,
  parseEmbeddedSchemas,
  passPathsOnly,
  pruneEmbeddedSchemas,
  pushErrorsByCall,
  repeatedDefinitions,
  stopGatheringAtLimit,
} from "../../scripts/generate/error-code.js";
import { createAjv } from "../../scripts/generate/schemas.js";
import standaloneCode from "ajv/dist/standalone/index.js";

const sample = readFileSync(join(ROOT, "test/build/ajv-sample.js"), "utf8");

/** Runs ESM standalone code as a function: its exports, with Ajv's require() of its runtime helpers served. */
function load(code: string): Record<string, ((data: unknown) => boolean) & { errors?: unknown[] | null }> {
  const body = code.replace(/^export const (\w+) = (\w+);$/gm, "exports.$1 = $2;").replace(/^export default \w+;$/m, "");
  const exports = {};
  new Function("exports", "require", "allErrorsLimit", body)(exports, createRequire(import.meta.url), { errors: Number.POSITIVE_INFINITY });
  return exports;
}

const values = [{ members: [] }, { members: [{}, { id: 5 }, { id: "" }], lead: {}, deputy: { id: "x" }, extra: 1 }, { lead: 1 }, "team", null, { members: [{ id: "a" }] }];
const outcome = (validators: ReturnType<typeof load>) =>
  values.map((value) => {
    const valid = validators.Team!(value);
    return { valid, errors: JSON.parse(JSON.stringify(validators.Team!.errors ?? null, (key, v) => (key === "schemaPath" ? undefined : v))) as unknown };
  });

describe("the build's steps on a saved sample of Ajv's output", () => {
  const original = outcome(load(sample));

  it("the sample has what the steps rewrite", () => {
    expect(sample.match(/\.concat\(/g)?.length).toBeGreaterThan(0);
    expect(sample.match(/schemaPath:/g)?.length).toBeGreaterThan(0);
    expect(original.some((o) => !o.valid && (o.errors as unknown[]).length > 3)).toBe(true);
  });

  it("appendCalleeErrorsInPlace leaves no concat and the same errors", () => {
    const rewritten = appendCalleeErrorsInPlace(sample);
    expect(rewritten).not.toContain(".concat(");
    expect(outcome(load(rewritten))).toEqual(original);
    expect(() => appendCalleeErrorsInPlace(`${sample}\nvErrors = vErrors.concat(other);`)).toThrow(/appendCalleeErrorsInPlace: Ajv gathers errors with a concat of another form/);
  });

  it("mergeDuplicateFunctions keeps one copy of each function and the same errors", () => {
    const rewritten = mergeDuplicateFunctions(sample);
    expect(rewritten.match(/^function validate\d+\(/gm)!.length).toBeLessThan(sample.match(/^function validate\d+\(/gm)!.length);
    expect(outcome(load(rewritten))).toEqual(original);
    expect(() => mergeDuplicateFunctions(`${sample}\nfunction validate99(data) {\nreturn true;\n}\n`)).toThrow(/mergeDuplicateFunctions: 4 functions, 3 of the expected shape/);
  });

  it("dropSchemaPaths drops every schemaPath and nothing else", () => {
    const rewritten = dropSchemaPaths(sample);
    expect(rewritten).not.toContain("schemaPath");
    expect(outcome(load(rewritten))).toEqual(original);
    expect(() => dropSchemaPaths(sample.replace(',schemaPath:"', ', schemaPath: "'))).toThrow(/dropSchemaPaths: a schemaPath of another form is left/);
  });

  it("stopGatheringAtLimit checks the limit at each item and key, and changes nothing without one", () => {
    const rewritten = stopGatheringAtLimit(appendCalleeErrorsInPlace(sample));
    expect(rewritten.match(/if \(errors >= allErrorsLimit\.errors\) break;/g)!.length).toBe(2);
    expect(outcome(load(rewritten))).toEqual(original);
  });

  it("passPathsOnly passes each called function the path alone, with the same errors, and fails on a signature of another form", () => {
    expect(sample).toMatch(/parentDataProperty:"lead",rootData\}/);
    const rewritten = passPathsOnly(sample);
    expect(rewritten).not.toMatch(/parentData|rootData/);
    expect(outcome(load(rewritten))).toEqual(original);
    expect(() => passPathsOnly(sample.replace('{instancePath="", parentData, parentDataProperty, rootData=data}={}', '{instancePath="", parentData}={}'))).toThrow(
      /passPathsOnly: 3 functions, 2 of the expected signature/,
    );
    expect(() => passPathsOnly(`${sample}\nconst seen = (data, { rootData }) => rootData;`)).toThrow(
      /passPathsOnly: the code reads the parent or the root of the data in another form/,
    );
  });

  it("pushErrorsByCall adds each error through one function, with the same errors, and fails on a block of another form", () => {
    const blocks = sample.match(/^if\(vErrors === null\)\{$/gm)!.length;
    expect(blocks).toBeGreaterThan(3);
    const rewritten = pushErrorsByCall(sample);
    expect(rewritten.match(/^vErrors = pushed\(vErrors, err\d+\);$/gm)).toHaveLength(blocks);
    expect(rewritten).not.toContain("vErrors === null){");
    expect(rewritten.match(/^function pushed\(/gm)).toHaveLength(1);
    expect(outcome(load(rewritten))).toEqual(original);
    const other = sample.replace(/^vErrors\.push\((err\d+)\);$/m, "vErrors.unshift($1);");
    expect(() => pushErrorsByCall(other)).toThrow(`pushErrorsByCall: ${blocks} blocks add an error, ${blocks - 1} of the expected form`);
  });

  it("parseEmbeddedSchemas parses each embedded schema from JSON, as a pure expression, with the same errors", () => {
    const rewritten = parseEmbeddedSchemas(sample);
    expect(rewritten.match(/^const schema\d+ = \/\* @__PURE__ \*\/ JSON\.parse\("/gm)!.length).toBe(2);
    expect(outcome(load(rewritten))).toEqual(original);
    expect(() => parseEmbeddedSchemas(`${sample}\nconst schema99 = {\n};`)).toThrow(/parseEmbeddedSchemas: 3 embedded schemas, 2 of the expected one-line form/);
  });

  it("parseEmbeddedSchemas joins a schema that holds a shared list from its parts and the list's name, with the same errors", () => {
    const rewritten = parseEmbeddedSchemas(sample, new Map([['["members"]', "list0"]]));
    expect(rewritten).toContain('const schema7 = /* @__PURE__ */ JSON.parse(/* @__PURE__ */ spliced("{\\"type\\":\\"object\\",\\"required\\":", list0, ');
    expect(rewritten.match(/spliced\(/g)!.length).toBe(1);
    expect(outcome(load(`const spliced = (...parts) => parts.join("");\nconst list0 = '["members"]';\n${rewritten}`))).toEqual(original);
  });

  it("markPatternsPure annotates each pattern, and fails on a pattern of another form", () => {
    const withPattern = `${sample}\nconst pattern0 = new RegExp("^a\\\\.b$", "u");`;
    expect(markPatternsPure(withPattern)).toContain('const pattern0 = /* @__PURE__ */ new RegExp("^a\\\\.b$", "u");');
    expect(() => markPatternsPure(`${sample}\nconst pattern0 = /^a$/u;`)).toThrow(/markPatternsPure: 1 patterns, 0 of the expected form/);
  });
});

describe("pruneEmbeddedSchemas, on Ajv's output for a closed object of nine properties", () => {
  // More than eight declared names: Ajv's code asks the embedded schema whether it has a name. A long enum and
  // a property of two types: it reads their values for an error's params.
  const colours = Array.from({ length: 20 }, (_, i) => `colour${i}`);
  const names = ["a", "b", "c", "d", "e", "f", "g", "h"];
  const schema = {
    type: "object",
    required: ["colour"],
    properties: {
      colour: { type: "string", enum: colours },
      note: { type: ["null", "string"], minLength: 3, maxLength: 40 },
      ...Object.fromEntries(names.map((name) => [name, { type: "integer", minimum: 0 }])),
    },
    additionalProperties: false,
  };
  const ajv = createAjv({ allErrors: true, messages: false, loopEnum: 16, inlineRefs: false, code: { source: true, esm: true, lines: true } });
  ajv.addSchema({ $id: "https://example.com/p.json", definitions: { Team: schema } });
  const code = standaloneCode.default(ajv, { Team: "https://example.com/p.json#/definitions/Team" });
  const shirts = [{ colour: "colour3" }, { colour: "red", note: 4, a: -1, z: true }, { colour: "colour19", note: "hi", h: 2.5 }, { note: null }, [], null];
  const run = (text: string) => {
    const team = load(text).Team!;
    return shirts.map((shirt) => ({ valid: team(shirt), errors: JSON.parse(JSON.stringify(team.errors ?? null, (key, v) => (key === "schemaPath" ? undefined : v))) as unknown }));
  };
  const declaration = (text: string) => text.match(/^const schema\d+ = .*$/m)![0];

  it("keeps only the names asked for and the values read, with the same verdicts and errors", () => {
    expect(code).toMatch(/func\d+\.call\(schema\d+\.properties, key\d+\)/);
    const pruned = pruneEmbeddedSchemas(code);
    const kept = JSON.parse(declaration(pruned).replace(/^const schema\d+ = (.*);$/, "$1")) as { properties: Record<string, unknown> };
    expect(Object.keys(kept)).toEqual(["properties"]);
    expect(Object.keys(kept.properties)).toEqual(Object.keys(schema.properties));
    expect(kept.properties.colour).toEqual({ enum: colours });
    expect(kept.properties.note).toEqual({ type: ["null", "string"] });
    expect(kept.properties.a).toBe(0);
    expect(declaration(code)).toMatch(/minimum|minLength|required|additionalProperties/);
    expect(declaration(pruned)).not.toMatch(/minimum|minLength|required|additionalProperties/);
    const before = run(code);
    expect(run(pruned)).toEqual(before);
    expect(before.filter(({ valid }) => !valid).length).toBe(5);
  });

  it("compareEnumsByIdentity compares a long enum of strings with ===, with the same verdicts and errors; one of objects keeps Ajv's equal", () => {
    expect(code).toMatch(/if\(func\d+\(data\d*, v\d+\)\)\{/);
    const rewritten = compareEnumsByIdentity(code);
    expect(rewritten).not.toMatch(/if\(func\d+\(data\d*, v\d+\)\)\{/);
    expect(rewritten).toMatch(/if\(data\d* === v\d+\)\{/);
    expect(run(rewritten)).toEqual(run(code));
    const objects = code.replace('"colour19"]', '"colour19",{"shade":1}]');
    expect(objects).not.toBe(code);
    expect(compareEnumsByIdentity(objects)).toBe(objects);
    const other = code.replace(/if\(func(\d+)\(data(\d*), (v\d+)\)\)\{/, "if(func$1($3, data$2)){");
    expect(() => compareEnumsByIdentity(other)).toThrow(/compareEnumsByIdentity: 1 enum loops, 0 of the expected form/);
  });

  it("keeps a schema read whole, and fails by name on a read of something the schema lacks or a declaration of another form", () => {
    const variable = declaration(code).match(/^const (schema\d+)/)![1]!;
    const readWhole = `${code}\nexport const whole = ${variable};`;
    expect(declaration(pruneEmbeddedSchemas(readWhole))).toBe(declaration(code));
    expect(() => pruneEmbeddedSchemas(`${code}\nexport const missing = ${variable}.properties.zebra.type;`)).toThrow(
      `pruneEmbeddedSchemas: ${variable} has nothing at properties.zebra.type`,
    );
    expect(() => pruneEmbeddedSchemas(`${code}\nconst schema99 = {\n};`)).toThrow(/pruneEmbeddedSchemas: 2 embedded schemas, 1 of the expected one-line form/);
  });
});

describe("outlineOf: what the messages read of a schema", () => {
  it("keeps titles, references, declared names, branches and what a condition tests; drops the rest", () => {
    const schema = {
      title: "team",
      description: "A team.",
      type: "object",
      properties: {
        lead: { description: "Who leads.", anyOf: [{ $ref: "#/definitions/Person" }, { type: "null" }] },
        name: { type: "string", minLength: 1, pattern: "^[a-z]+$" },
        kind: { type: "string", enum: ["a", "b"] },
        members: { type: "array", maxItems: 5, items: { allOf: [{ $ref: "#/definitions/Person" }, { required: ["id"] }] } },
      },
      required: ["name"],
      additionalProperties: false,
      patternProperties: { "^x-": { type: "string" } },
      if: { type: "object", required: ["kind"], properties: { kind: { enum: ["a"] } } },
      then: { $ref: "#/definitions/TeamA" },
      definitions: { Person: { title: "person", type: "object", properties: { id: { type: "string" } } } },
    };
    expect(outlineOf(schema)).toEqual({
      title: "team",
      properties: {
        lead: { anyOf: [{ $ref: "#/definitions/Person" }, { type: "null" }] },
        name: {},
        kind: {},
        members: { items: { allOf: [{ $ref: "#/definitions/Person" }, {}] } },
      },
      if: { type: "object", required: ["kind"], properties: { kind: { enum: ["a"] } } },
      then: { $ref: "#/definitions/TeamA" },
      definitions: { Person: { title: "person", properties: { id: {} } } },
    });
    expect(outlineOf(true)).toBe(true);
  });
});

describe("the code's schemas: repeated subschemas as definitions of their own", () => {
  const person = { type: "object", required: ["id"], properties: { id: { type: "string", minLength: 1 }, name: { type: "string" } } };
  const definitions = {
    Person: person,
    Team: {
      type: "object",
      properties: {
        lead: { anyOf: [{ $ref: "#/definitions/Person" }, { type: "null" }] },
        deputy: { anyOf: [{ $ref: "#/definitions/Person" }, { type: "null" }] },
        members: {
          type: "array",
          items: { type: "object", required: ["role"], properties: { role: { type: "string", enum: ["owner", "member", "guest"] }, since: { type: "integer" } } },
        },
        guests: {
          type: "array",
          items: { type: "object", required: ["role"], properties: { role: { type: "string", enum: ["owner", "member", "guest"] }, since: { type: "integer" } } },
        },
      },
    },
  };
  const teams = [
    { lead: null, deputy: 5, members: [{ role: "x" }], guests: [{}, { role: "guest", since: "now" }] },
    { lead: { id: "" }, deputy: { name: 1 } },
    { members: [{ role: "owner" }] },
  ];
  const errorsOf = (defs: Record<string, unknown>) => {
    const ajv = createAjv({ allErrors: true, inlineRefs: false });
    ajv.addSchema({ $id: "https://example.com/d.json", definitions: defs });
    const validate = ajv.getSchema("https://example.com/d.json#/definitions/Team")!;
    return teams.map((team) => (validate(team) ? [] : validate.errors!.map(({ instancePath, keyword, params }) => ({ instancePath, keyword, params }))));
  };

  it("moves each subschema that stands in two places into one definition, with the same errors at the same paths", () => {
    const hoisted = repeatedDefinitions(definitions);
    // The largest first: the two arrays are alike, so the array goes, its items with it.
    const { members, guests } = (hoisted.Team as { properties: Record<string, unknown> }).properties;
    expect(members).toEqual({ $ref: "#/definitions/Repeated1" });
    expect(guests).toEqual({ $ref: "#/definitions/Repeated1" });
    expect(hoisted.Repeated1).toEqual(definitions.Team.properties.members);
    // Then the nullable Person, in both places it stands.
    const { lead, deputy } = (hoisted.Team as { properties: Record<string, unknown> }).properties;
    expect(lead).toEqual({ $ref: "#/definitions/Repeated2" });
    expect(deputy).toEqual({ $ref: "#/definitions/Repeated2" });
    expect(hoisted.Repeated2).toEqual({ anyOf: [{ $ref: "#/definitions/Person" }, { type: "null" }] });
    expect(hoisted.Repeated3).toBeUndefined();
    expect(errorsOf(hoisted)).toEqual(errorsOf(definitions));
    expect(errorsOf(definitions).flat().length).toBeGreaterThan(4);
    // The input is left as it was.
    expect((definitions.Team.properties.members as { items: unknown }).items).toHaveProperty("type", "object");
  });
});
