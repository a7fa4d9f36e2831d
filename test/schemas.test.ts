import { PACKAGE_VERSION } from "../scripts/generate/schemas.js";
import { describe, expect, it } from "vitest";
import { createAjv } from "../scripts/generate.js";
import { pointedTo } from "../scripts/generate/schema-tree.js";
import { TYPES } from "../src/validators/table.js";
import { api, refs, schemaFiles } from "./support.js";

describe.each(schemaFiles)("$path", ({ schema, graphName, mode, name }) => {
  it("is valid against the draft-07 meta-schema", () => {
    const ajv = createAjv();
    expect(ajv.validateSchema(schema), JSON.stringify(ajv.errors)).toBe(true);
    expect(schema.$schema).toBe("http://json-schema.org/draft-07/schema#");
  });

  it("compiles in Ajv strict mode, alone", () => {
    // Each definition compiled once (`inlineRefs: false`): what strict mode refuses does not depend on inlining, and the
    // build compiles every file so too.
    expect(() => createAjv({ strict: true, inlineRefs: false }).compile(schema)).not.toThrow();
  });

  it("has a stable absolute $id, a title and a description", () => {
    // Versioned, so that the $id resolves to this release's file once it is published.
    expect(schema.$id).toBe(`https://unpkg.com/graph-invite-participants@${PACKAGE_VERSION}/${mode === "strict" ? "schemas/strict" : "schemas"}/${graphName}.schema.json`);
    expect(new URL(schema.$id as string).protocol).toBe("https:");
    expect(schema.title).toBe(graphName);
    expect(typeof schema.description).toBe("string");
  });

  it("refers to nothing outside itself", () => {
    // A definition, or a schema inside one (a member type of rule 14 names its root's properties where the root's
    // definition states them).
    for (const { at, ref } of refs(schema)) {
      expect(ref, `$ref at ${at}`).toMatch(/^#\/definitions\//);
      expect(pointedTo(schema, ref), `${ref} at ${at}`).toBeTypeOf("object");
    }
  });

  it("states each subtype's properties once: a member type (rule 14) refers to identity's definition and to its group in the table", () => {
    type Group = { if: { properties: { "@odata.type": { enum: string[] } } }; then: { properties?: Record<string, unknown> } };
    const definitions = (schema.definitions ?? {}) as Record<string, { title?: string; properties?: Record<string, { $ref?: string }> }>;
    const table = definitions.IdentitySubtypes as { allOf: Group[] } | undefined;
    let members = 0;
    for (const [key, definition] of Object.entries(definitions)) {
      // A definition titled with a subtype the table has a group for (the table names no root: identity is no member).
      const group = table?.allOf.findIndex((branch) => branch.if.properties["@odata.type"].enum.includes(`#microsoft.graph.${definition.title}`)) ?? -1;
      if (group < 0) continue;
      members += 1;
      for (const [property, stated] of Object.entries(definition.properties ?? {})) {
        if (property === "@odata.type") continue;
        const own = table!.allOf[group]!.then.properties?.[property];
        const where = own !== undefined && own !== true ? `IdentitySubtypes/allOf/${group}/then/properties` : "Identity/properties";
        expect(stated.$ref, `${key}.${property}`).toBe(`#/definitions/${where}/${property}`);
      }
    }
    if (JSON.stringify(schema).includes('"#/definitions/SharePointIdentity"')) expect(members).toBeGreaterThanOrEqual(3);
  });

  it("states each table of subtypes once, as a definition the type's dispatch refers to (rule 12)", () => {
    // A table: an allOf of `if` the label is one of some names, `then` a group's properties.
    const tables: string[] = [];
    const visit = (node: unknown, at: string): void => {
      if (Array.isArray(node)) for (const [index, item] of node.entries()) visit(item, `${at}/${index}`);
      if (typeof node !== "object" || node === null) return;
      const { allOf } = node as { allOf?: { if?: { properties?: Record<string, unknown> } }[] };
      if (Array.isArray(allOf) && allOf.length > 0 && allOf.every((member) => member.if?.properties?.["@odata.type"] !== undefined)) tables.push(at);
      for (const [key, value] of Object.entries(node)) visit(value, `${at}/${key}`);
    };
    visit(schema, "#");
    const families = ["Identity", "IdentitySet"].filter((type) => type === name || JSON.stringify(schema).includes(`"#/definitions/${type}"`));
    expect(tables.sort()).toEqual(families.map((type) => `#/definitions/${type}Subtypes`).sort());
    // Each definition that holds an identity's or identity set's checks refers to its table, so that it is not free of
    // `$ref`: a tool that inlines such a definition at every use (Ajv's defaults) would copy the table with it.
    for (const type of families) {
      const holder = type === name ? schema : (schema.definitions as Record<string, unknown>)[type];
      expect(JSON.stringify(holder), type).toContain(`"$ref":"#/definitions/${type}Subtypes"`);
    }
  });

  it("writes each nullable member with null first, the branch most values take", () => {
    const unions: unknown[][] = [];
    const visit = (node: unknown): void => {
      if (Array.isArray(node)) for (const item of node) visit(item);
      if (typeof node !== "object" || node === null) return;
      const { anyOf } = node as { anyOf?: unknown[] };
      if (Array.isArray(anyOf) && anyOf.some((branch) => JSON.stringify(branch) === '{"type":"null"}')) unions.push(anyOf);
      for (const value of Object.values(node)) visit(value);
    };
    visit(schema);
    if (!["ResultInfo", "Identity"].includes(name)) expect(unions.length, "nullable unions").toBeGreaterThan(0);
    for (const union of unions) expect(union[0], JSON.stringify(union)).toEqual({ type: "null" });
  });

  it("describes every declared property", () => {
    const objects = [schema, ...Object.values((schema.definitions ?? {}) as Record<string, Record<string, unknown>>)];
    for (const object of objects) {
      for (const [property, stated] of Object.entries((object.properties ?? {}) as Record<string, { description?: string; $ref?: string }>)) {
        // A property stated where another definition states it is described there.
        const propertySchema = (stated.$ref === undefined ? stated : pointedTo(schema, stated.$ref)) as { description?: string };
        expect(propertySchema.description, `${String(object.title)}.${property}`).toMatch(/\S/);
      }
    }
  });

  it(`is what the ${mode} validators export as the ${name} schema`, () => {
    expect(api[mode].validators[name].schema).toEqual(schema);
  });

  it(mode === "strict" ? "forbids undeclared properties on every object" : "says it allows undeclared properties on every object", () => {
    type Node = Record<string, unknown>;
    const definitions = (schema.definitions ?? {}) as Record<string, Node>;
    // Graph's types; a table of subtypes (rule 12) is checked where its type refers to it.
    const objects = [schema, ...Object.values(definitions)].filter((object) => typeof object.title === "string");
    // A commsOperation is closed in its `else`: a subtype this package does not model keeps its own properties (rule 8).
    // An identity or identity set is closed in each branch of its dispatch: as the root, and as each subtype (rule 12).
    const closures = (object: Node): unknown[] => {
      if (object.additionalProperties !== undefined) return [object.additionalProperties];
      if (typeof object.$ref === "string") return closures(definitions[object.$ref.slice("#/definitions/".length)]!);
      const branches = [object.then, object.else, ...((object.allOf as Node[] | undefined) ?? [])].filter(
        (branch): branch is Node => typeof branch === "object" && branch !== null,
      );
      return branches.flatMap(closures);
    };
    for (const object of objects) {
      const found = closures(object);
      expect(found.length, String(object.title)).toBeGreaterThan(0);
      if (mode === "strict") expect(new Set(found), String(object.title)).toEqual(new Set([false]));
      else expect(object.additionalProperties).toBe(true);
    }
  });
});

it("there is a schema file for each type in each mode", () => {
  expect(schemaFiles).toHaveLength(TYPES.length * 2);
  expect(new Set(schemaFiles.map((f) => f.schema.$id)).size).toBe(TYPES.length * 2);
});
