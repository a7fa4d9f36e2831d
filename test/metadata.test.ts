// Graph's metadata is the reference for declared properties (rule 11): every property Graph declares on a
// modelled type, through its base types, is declared here with the same JSON type and nullability, and every
// enum member matches, except the rows of metadata/deviations.json. A newer metadata file (`npm run
// graph:metadata -- <csdl>`) makes this test name each thing Graph changed.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { EXCERPT_PATH, extractMetadata, METADATA_PATH, MODELLED_TYPES, type GraphMetadata, type MetadataProperty } from "../scripts/graph-metadata.js";
import { ODATA_TYPES_PATH, odataTypesModule } from "../scripts/odata-types.js";
import { ROOT } from "../scripts/root.js";
import { TYPES } from "../src/validators/table.js";
import { readJsonFile } from "./support.js";

type Schema = Record<string, unknown>;
interface Deviation {
  type: string;
  property: string | null;
  kind: "nullable" | "enum" | "extra";
  reason: string;
}

const metadata = readJsonFile(METADATA_PATH) as GraphMetadata;
const deviations = (readJsonFile("metadata/deviations.json") as { deviations: Deviation[] }).deviations;
const EDM: Record<string, string> = { "Edm.String": "string", "Edm.Int32": "integer", "Edm.Boolean": "boolean" };

/** The tolerant schema file of a Graph type, and its definitions. */
function schemaOf(graphName: string): Schema {
  return readJsonFile(`schemas/${graphName}.schema.json`) as Schema;
}

/** What a property's schema accepts: its JSON types, whether null, its enum, and its items' schema. */
function shape(node: Schema, root: Schema): { types: Set<string>; enum?: unknown[]; items?: Schema } {
  const types = new Set<string>();
  let values: unknown[] | undefined;
  let items: Schema | undefined;
  const visit = (n: Schema) => {
    if (typeof n.$ref === "string") types.add("object");
    for (const t of ([] as unknown[]).concat(n.type ?? [])) types.add(String(t));
    if (Array.isArray(n.enum)) {
      values = n.enum.filter((v) => v !== null);
      if (n.enum.includes(null)) types.add("null");
    }
    if (n.items !== undefined) items = n.items as Schema;
    for (const branch of (n.anyOf as Schema[] | undefined) ?? []) visit(branch);
  };
  visit(node);
  void root;
  return { types, ...(values ? { enum: values } : {}), ...(items ? { items } : {}) };
}

/** A modelled type's properties in the metadata, its base types' included. */
function metadataProperties(graphName: string): Record<string, MetadataProperty & { declaredOn: string }> {
  const result: Record<string, MetadataProperty & { declaredOn: string }> = {};
  for (let name: string | null = graphName; name !== null; name = metadata.types[name]?.baseType ?? null) {
    for (const [property, value] of Object.entries(metadata.types[name]?.properties ?? {})) result[property] ??= { ...value, declaredOn: name };
  }
  return result;
}

/** Every difference between the metadata and the shipped schemas, as deviation keys `type.property kind`. */
function differences(): { key: string; detail: string }[] {
  const found: { key: string; detail: string }[] = [];
  const add = (type: string, property: string | null, kind: string, detail: string) => found.push({ key: `${type}.${property ?? ""} ${kind}`, detail });
  for (const { graphName } of TYPES) {
    if (!(graphName in metadata.types)) continue;
    const schema = schemaOf(graphName);
    const declared = schema.properties as Record<string, Schema>;
    const graph = metadataProperties(graphName);
    for (const [property, expected] of Object.entries(graph)) {
      const ours = declared[property];
      if (ours === undefined) {
        add(expected.declaredOn, property, "missing", `${graphName}.${property} is declared by Graph (${expected.versions.join(", ")}) but not here`);
        continue;
      }
      const { types, enum: values, items } = shape(ours, schema);
      const elementType = (type: string) => EDM[type] ?? (metadata.enums[type] ? "string" : "object");
      const want = expected.collection ? "array" : elementType(expected.type);
      if (!types.has(want))
        add(
          expected.declaredOn,
          property,
          "type",
          `${graphName}.${property}: Graph says ${expected.collection ? "a collection of " : ""}${expected.type}, here ${[...types].join("|")}`,
        );
      if (!expected.collection && types.has("null") !== expected.nullable)
        add(
          expected.declaredOn,
          property,
          "nullable",
          `${graphName}.${property}: Graph says ${expected.nullable ? "nullable" : "non-null"}, here ${types.has("null") ? "nullable" : "non-null"}`,
        );
      if (expected.collection && items !== undefined) {
        const itemTypes = shape(items, schema).types;
        if (!itemTypes.has(elementType(expected.type))) add(expected.declaredOn, property, "type", `${graphName}.${property}: items are ${expected.type} in Graph`);
        if (itemTypes.has("null") !== expected.nullable)
          add(
            expected.declaredOn,
            property,
            "nullable",
            `${graphName}.${property}: Graph's items are ${expected.nullable ? "nullable" : "non-null"}, here ${itemTypes.has("null") ? "nullable" : "non-null"}`,
          );
      }
      const members = metadata.enums[expected.type];
      if (members !== undefined && values !== undefined) {
        const graphMembers = [...new Set([...(members["v1.0"] ?? []), ...(members.beta ?? [])])].sort();
        if (JSON.stringify([...values].sort()) !== JSON.stringify(graphMembers))
          add(expected.type, null, "enum", `${expected.type}: Graph has ${graphMembers.join(", ")}; here ${values.join(", ")}`);
      }
      if (expected.versions.length === 1 && expected.versions[0] === "beta" && !/\bbeta\b/.test(String(ours.description))) {
        add(graphName, property, "beta", `${graphName}.${property} is beta-only in Graph; its description must say so`);
      }
    }
    for (const property of Object.keys(declared)) {
      if (property !== "@odata.type" && !(property in graph)) add(graphName, property, "extra", `${graphName}.${property} is declared here but not by Graph`);
    }
  }
  // One key per difference: an enum or a base type's property is seen from every type that uses it.
  return [...new Map(found.map((f) => [f.key, f])).values()];
}

describe("Graph's metadata", () => {
  // Graph's CSDL (3.5 MB) is not kept in the repository; where a copy sits beside it, the extraction is rerun.
  const csdl = join(ROOT, "../shared/graph-metadata/cleanMetadata-v1.0.xml");
  it.runIf(existsSync(csdl))("metadata/graph.json is what scripts/graph-metadata.ts extracts from the files it names", () => {
    const extracted = extractMetadata(csdl, join(ROOT, "node_modules/@microsoft/microsoft-graph-types-beta/microsoft-graph.d.ts"));
    expect(extracted.sources["v1.0"]!.commit).toMatch(/^[0-9a-f]{40}$/);
    expect(extracted).toEqual(metadata);
  });

  // Everywhere: the part of that file the extraction reads (scripts/graph-metadata.ts --excerpt) gives what
  // metadata/graph.json holds, bar the sources it names.
  it("metadata/graph.json is what scripts/graph-metadata.ts extracts from the CSDL's excerpt in the repository", () => {
    const { sources: _sources, ...extracted } = extractMetadata(join(ROOT, EXCERPT_PATH), join(ROOT, "node_modules/@microsoft/microsoft-graph-types-beta/microsoft-graph.d.ts"));
    const { sources: _recorded, ...recorded } = metadata;
    expect(extracted).toEqual(recorded);
    expect(Object.keys(extracted.subtypes).length).toBeGreaterThan(30);
  });

  it("types/generated/odataTypes.ts is generated from metadata/graph.json", () => {
    expect(readFileSync(join(ROOT, ODATA_TYPES_PATH), "utf8"), "Run `npm run graph:metadata`.").toBe(odataTypesModule(metadata));
  });

  it("checks each subtype of identity and identitySet with the properties Graph's metadata gives it, in both modes (rule 12)", () => {
    type Branch = { if: { properties: { "@odata.type": { enum: string[] } } }; then: Schema };
    // The dispatch refers to its table of subtypes, a definition of the file.
    const branchesOf = (file: string): Branch[] => {
      const schema = readJsonFile(file) as Schema;
      const table = (schema.else as Schema).$ref as string;
      return (schema.definitions as Record<string, { allOf: Branch[] }>)[table.slice("#/definitions/".length)]!.allOf;
    };
    const problems: string[] = [];
    for (const [subtype, { family, properties }] of Object.entries(metadata.subtypes)) {
      for (const mode of ["tolerant", "strict"] as const) {
        const file = `schemas/${mode === "strict" ? "strict/" : ""}${family}.schema.json`;
        const branch = branchesOf(file).find((b) => b.if.properties["@odata.type"].enum.includes(`#microsoft.graph.${subtype}`));
        if (branch === undefined) {
          // Tolerant mode checks only what a subtype adds; strict mode closes every subtype.
          if (mode === "strict" || Object.keys(properties).length > 0) problems.push(`${file}: no branch for ${subtype}`);
          continue;
        }
        const declared = (branch.then.properties ?? {}) as Record<string, Schema>;
        for (const [property, expected] of Object.entries(properties)) {
          const ours = declared[property];
          if (ours === undefined) {
            problems.push(`${file}: ${subtype}.${property} is declared by Graph but not here`);
            continue;
          }
          const { types, enum: values } = shape(ours, {});
          const want = EDM[expected.type] ?? (metadata.enums[expected.type] ? "string" : "object");
          if (!types.has(want)) problems.push(`${file}: ${subtype}.${property} is ${expected.type} in Graph, here ${[...types].join("|")}`);
          if (types.has("null") !== expected.nullable) problems.push(`${file}: ${subtype}.${property} nullability differs`);
          const members = metadata.enums[expected.type];
          if (members !== undefined && JSON.stringify([...(values ?? [])].sort()) !== JSON.stringify([...new Set(Object.values(members).flat())].sort()))
            problems.push(`${file}: ${subtype}.${property}: Graph's ${expected.type} has other members`);
        }
        const root = Object.keys(metadata.types[family]!.properties);
        const extra = Object.keys(declared).filter((name) => !(name in properties) && !root.includes(name));
        if (extra.length > 0) problems.push(`${file}: ${subtype} declares ${extra.join(", ")}, which Graph does not`);
      }
    }
    expect(problems).toEqual([]);
    // Every subtype rule 12 of the model names is among them.
    for (const name of [
      "teamworkUserIdentity",
      "communicationsApplicationIdentity",
      "emailIdentity",
      "initiator",
      "sharePointIdentity",
      "userIdentity",
      "chatMessageFromIdentitySet",
      "sharePointIdentitySet",
      "engagementIdentitySet",
    ])
      expect(metadata.subtypes[name], name).toBeDefined();
  });

  it("models every type it names, with its base chain", () => {
    for (const name of MODELLED_TYPES) expect(metadata.types[name], name).toBeDefined();
    expect(metadata.types.inviteParticipantsOperation!.baseType).toBe("commsOperation");
    expect(metadata.types.commsOperation!.baseType).toBe("entity");
    expect(metadata.types.communicationsIdentitySet!.baseType).toBe("identitySet");
  });

  it("every difference from the metadata is a row of the deviations table, and every row is a difference", () => {
    const found = differences();
    const rows = new Set(deviations.map((d) => `${d.type}.${d.property ?? ""} ${d.kind}`));
    expect(found.filter((f) => !rows.has(f.key)).map((f) => f.detail)).toEqual([]);
    expect([...rows].filter((row) => !found.some((f) => f.key === row))).toEqual([]);
    for (const row of deviations) expect(row.reason.length, `${row.type}.${row.property}`).toBeGreaterThan(20);
  });

  it("says of each extra of a plain identity which subtypes declare it, as the metadata does", () => {
    for (const row of deviations.filter((candidate) => candidate.type === "identity" && candidate.kind === "extra")) {
      const declaring = Object.entries(metadata.subtypes)
        .filter(([, subtype]) => subtype.family === "identity" && row.property! in subtype.properties)
        .map(([name]) => name)
        .sort();
      const named = [...row.reason.matchAll(/`([\w.]+Identity)`/g)].map((match) => match[1]!).sort();
      if (declaring.length === 0) expect(row.reason, row.property!).toMatch(/^No type of Graph's metadata declares it/);
      else expect(named, row.property!).toEqual(declaring);
    }
  });

  it("the README's section on how the rules differ lists every row of the deviations table", () => {
    const readme = readFileSync(join(ROOT, "README.md"), "utf8");
    const section = readme.slice(readme.indexOf("## How the rules differ from Graph's metadata"));
    expect(section.length).toBeLessThan(readme.length);
    for (const row of deviations) {
      expect(section, `${row.type}.${row.property}`).toContain(`| ${row.type} | ${row.property === null ? "(members)" : `\`${row.property}\``} | ${row.kind} | ${row.reason} |`);
    }
  });
});
