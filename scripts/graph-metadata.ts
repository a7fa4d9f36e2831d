/**
 * Extracts what this package needs from Graph's metadata into metadata/graph.json, and from it writes
 * types/generated/odataTypes.ts (the `@odata.type` families of rule 2; scripts/odata-types.ts writes it).
 *
 * Usage:
 *   tsx scripts/graph-metadata.ts <cleanMetadata-v1.0.xml> [--beta-types <microsoft-graph.d.ts>] [--check] [--excerpt]
 *
 * - the v1.0 CSDL gives the modelled types (with their base chains), property types and nullability,
 *   the enums, and every subtype of identity, identitySet and commsOperation;
 * - beta comes from `@microsoft/microsoft-graph-types-beta` (generated from the beta metadata), checked
 *   against the beta type mappings (`beta-*-types.json`) when they sit beside the CSDL;
 * - the source commit is read from a README.md beside the CSDL ("commit `<40 hex>`"), when there is one.
 *
 * Rerun it on a newer metadata file, then `npm test`: the metadata test names every difference.
 */
import assert from "node:assert/strict";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { basename, dirname, join, resolve } from "node:path";
import { XMLParser } from "fast-xml-parser";
import { ROOT } from "./root.js";
import { GRAPH_NAMESPACE, nameInGraph } from "../src/validators/graph-names.js";

/** The Graph types this package models, and the enums they use. */
export const MODELLED_TYPES = [
  "entity",
  "commsOperation",
  "inviteParticipantsOperation",
  "invitationParticipantInfo",
  "resultInfo",
  "identitySet",
  "communicationsIdentitySet",
  "identity",
  "commsNotification",
  "commsNotifications",
] as const;
const MODELLED_ENUMS = ["operationStatus", "endpointType", "changeType"] as const;
/** The roots of rule 2's `@odata.type` families, and the suffix tolerant mode accepts for names Graph adds later. */
export const FAMILIES = { identity: "Identity", identitySet: "IdentitySet", commsOperation: "Operation" } as const;
export type Family = keyof typeof FAMILIES;
/** The families whose subtypes are checked with their own properties (rule 12); commsOperation's have rule 8. */
export const SUBTYPE_FAMILIES = ["identity", "identitySet"] as const;

export type Version = "v1.0" | "beta";
export interface MetadataProperty {
  /** `Edm.String`, `Edm.Int32`, `Edm.Boolean`, or a Graph type name (`identitySet`, `operationStatus`). */
  type: string;
  collection: boolean;
  nullable: boolean;
  versions: Version[];
}
export interface GraphMetadata {
  sources: Record<string, Record<string, string>>;
  types: Record<string, { baseType: string | null; properties: Record<string, MetadataProperty> }>;
  enums: Record<string, Partial<Record<Version, string[]>>>;
  /** Qualified names (`microsoft.graph.emailIdentity`) of each family's root and everything derived from it. */
  families: Record<Family, { name: string; versions: Version[] }[]>;
  /** Rule 12: each subtype of identity and identitySet (`teamworkUserIdentity`), with the properties it adds to its root. */
  /** `baseType`: the type it derives from directly (rule 14 reads a declared member type's own subtypes by it). */
  subtypes: Record<string, { family: (typeof SUBTYPE_FAMILIES)[number]; baseType: string; properties: Record<string, MetadataProperty> }>;
}

export const METADATA_PATH = "metadata/graph.json";
/** The part of Graph's CSDL the extraction reads (`--excerpt`), kept in the repository for its test. */
export const EXCERPT_PATH = "test/fixtures/graph-csdl-excerpt.xml";

type Xml = Record<string, unknown>;
const list = (value: unknown): Xml[] => (value === undefined ? [] : Array.isArray(value) ? (value as Xml[]) : [value as Xml]);

/** The v1.0 CSDL: every complex and entity type by qualified name, with its base and properties; every enum. */
function readCsdl(text: string) {
  const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "" });
  const edmx = parser.parse(text) as Xml;
  const schemas = list(((edmx["edmx:Edmx"] as Xml)["edmx:DataServices"] as Xml).Schema);
  assert.ok(schemas.length > 0, "no <Schema> in the CSDL");
  const aliases = new Map<string, string>(schemas.filter((s) => typeof s.Alias === "string").map((s) => [s.Alias as string, s.Namespace as string]));
  const qualify = (name: string): string => {
    const dot = name.lastIndexOf(".");
    const prefix = name.slice(0, dot);
    return `${aliases.get(prefix) ?? prefix}.${name.slice(dot + 1)}`;
  };
  const types = new Map<string, { baseType: string | null; properties: Xml[] }>();
  const enums = new Map<string, string[]>();
  for (const schema of schemas) {
    const namespace = schema.Namespace as string;
    for (const node of [...list(schema.ComplexType), ...list(schema.EntityType)]) {
      types.set(`${namespace}.${node.Name as string}`, { baseType: typeof node.BaseType === "string" ? qualify(node.BaseType) : null, properties: list(node.Property) });
    }
    for (const node of list(schema.EnumType))
      enums.set(
        `${namespace}.${node.Name as string}`,
        list(node.Member).map((m) => m.Name as string),
      );
  }
  return { types, enums, qualify };
}

/** Beta, from the typings generated from the beta metadata: each interface's base, and its properties as written. */
function readBetaTypings(text: string) {
  const types = new Map<string, { baseType: string | null; properties: Map<string, string> }>();
  const enums = new Map<string, string[]>();
  let namespace = "microsoft.graph";
  const lines = text.split(/\r?\n/);
  const qualify = (name: string, within: string) => {
    const parts = name.replace(/^microsoftgraphbeta\./, "").split(".");
    const own = parts.pop()!;
    const ns =
      parts.length > 0 || name.startsWith("microsoftgraphbeta.") ? (parts.length > 0 ? `${GRAPH_NAMESPACE}${parts.map(toGraphNamespace).join(".")}` : "microsoft.graph") : within;
    return `${ns}.${own.charAt(0).toLowerCase()}${own.slice(1)}`;
  };
  for (let i = 0; i < lines.length; i += 1) {
    const line = lines[i]!;
    const ns = /^export namespace ([\w.]+) \{/.exec(line);
    if (ns) namespace = `${GRAPH_NAMESPACE}${ns[1]!.split(".").map(toGraphNamespace).join(".")}`;
    if (line === "}" && namespace !== "microsoft.graph" && !lines[i - 1]!.startsWith("    ")) namespace = "microsoft.graph";
    const declared = /^(?:export )?\s*(?:export )?interface (\w+)(?: extends ([\w.]+))? \{(\})?/.exec(line);
    if (declared) {
      const name = qualify(declared[1]!, namespace);
      const properties = new Map<string, string>();
      if (declared[3] === undefined) {
        for (i += 1; i < lines.length && !/^\s*\}$/.test(lines[i]!); i += 1) {
          const property = /^\s+(\w+)\?: (.+);$/.exec(lines[i]!);
          if (property) properties.set(property[1]!, property[2]!);
        }
      }
      types.set(name, { baseType: declared[2] === undefined ? null : qualify(declared[2], namespace), properties });
    }
    const enumType = /^\s*(?:export )?type (\w+) =(.*)$/.exec(line);
    if (enumType) {
      let body = enumType[2]!;
      while (!body.trimEnd().endsWith(";") && i + 1 < lines.length) {
        i += 1;
        body += lines[i]!;
      }
      const members = [...body.matchAll(/"([^"]+)"/g)].map((m) => m[1]!);
      if (members.length > 0) enums.set(qualify(enumType[1]!, namespace), members);
    }
  }
  return { types, enums };
}

/** `CallRecords` → `callRecords`, `SecurityNamespace` → `security`: the typings' namespace names as Graph's. */
function toGraphNamespace(name: string): string {
  const bare = name.replace(/Namespace$/, "");
  return bare.charAt(0).toLowerCase() + bare.slice(1);
}

/** Every type whose base chain reaches `root`, the root included, sorted. */
function derivedFrom(root: string, bases: Map<string, string | null>): string[] {
  const reaches = (name: string): boolean => {
    for (let current: string | null | undefined = name, steps = 0; current; current = bases.get(current), steps += 1) {
      assert.ok(steps < 64, `the base chain of ${name} does not end`);
      if (current === root) return true;
    }
    return false;
  };
  return [...bases.keys()].filter(reaches).sort();
}

/** `NullableOption<EndpointType>` → { type: "endpointType", nullable: true }; the typings' form of a property type. */
function betaProperty(typing: string): Omit<MetadataProperty, "versions"> {
  const nullable = /^NullableOption<(.*)>$/.exec(typing);
  let inner = nullable ? nullable[1]! : typing;
  const collection = inner.endsWith("[]");
  if (collection) inner = inner.slice(0, -2);
  const edm: Record<string, string> = { string: "Edm.String", boolean: "Edm.Boolean", number: "Edm.Int32" };
  return { type: edm[inner] ?? inner.charAt(0).toLowerCase() + inner.slice(1), collection, nullable: nullable !== null };
}

export function extractMetadata(csdlPath: string, betaTypingsPath: string): GraphMetadata {
  const csdl = readCsdl(readFileSync(csdlPath, "utf8"));
  const beta = readBetaTypings(readFileSync(betaTypingsPath, "utf8"));
  const mappingsDir = dirname(csdlPath);
  const mappings = ["beta-complex-types.json", "beta-entity-types.json"]
    .filter((file) => existsSync(join(mappingsDir, file)))
    .map((file) => JSON.parse(readFileSync(join(mappingsDir, file), "utf8")) as Record<string, Record<string, { properties: string[] }>>);
  const betaMapping = (qualified: string) => {
    const dot = qualified.lastIndexOf(".");
    for (const mapping of mappings) {
      const found = mapping[qualified.slice(0, dot)]?.[qualified.slice(dot + 1)];
      if (found) return found;
    }
    return undefined;
  };

  const graph = (name: string) => `${GRAPH_NAMESPACE}${name}`;
  const short = (qualified: string) => nameInGraph(qualified) ?? qualified;
  const types: GraphMetadata["types"] = {};
  /** A type's own declared properties (not its base's), v1.0 and beta, sorted by name. */
  const ownProperties = (qualified: string): Record<string, MetadataProperty> => {
    const v1 = csdl.types.get(qualified);
    const betaType = beta.types.get(qualified);
    assert.ok(v1 || betaType, `${short(qualified)} is in neither the v1.0 CSDL nor the beta typings`);
    const properties: Record<string, MetadataProperty> = {};
    for (const property of v1?.properties ?? []) {
      let type = property.Type as string;
      const collection = /^Collection\((.*)\)$/.exec(type);
      if (collection) type = collection[1]!;
      type = type.startsWith("Edm.") ? type : short(csdl.qualify(type));
      // OData: a property is nullable unless it says Nullable="false".
      properties[property.Name as string] = { type, collection: collection !== null, nullable: property.Nullable !== "false", versions: ["v1.0"] };
    }
    const betaNames = betaMapping(qualified)?.properties ?? [...(betaType?.properties.keys() ?? [])];
    for (const property of betaNames) {
      if (properties[property]) {
        properties[property].versions.push("beta");
        continue;
      }
      const typing = betaType?.properties.get(property);
      assert.ok(typing, `beta declares ${short(qualified)}.${property}, but its typings do not`);
      properties[property] = { ...betaProperty(typing), versions: ["beta"] };
    }
    return Object.fromEntries(Object.entries(properties).sort(([a], [b]) => a.localeCompare(b)));
  };
  const baseOf = (qualified: string) => csdl.types.get(qualified)?.baseType ?? beta.types.get(qualified)?.baseType ?? null;
  for (const name of MODELLED_TYPES) {
    const base = baseOf(graph(name));
    types[name] = { baseType: base === null ? null : short(base), properties: ownProperties(graph(name)) };
  }

  const enums: GraphMetadata["enums"] = {};
  for (const name of MODELLED_ENUMS) {
    const v1 = csdl.enums.get(graph(name));
    const betaMembers = beta.enums.get(graph(name));
    enums[name] = { ...(v1 ? { "v1.0": v1 } : {}), ...(betaMembers ? { beta: betaMembers } : {}) };
    assert.ok(v1 || betaMembers, `enum ${name} is in neither source`);
  }

  const v1Bases = new Map([...csdl.types].map(([name, type]) => [name, type.baseType]));
  const betaBases = new Map([...beta.types].map(([name, type]) => [name, type.baseType]));
  const families = {} as GraphMetadata["families"];
  for (const root of Object.keys(FAMILIES) as Family[]) {
    const inV1 = new Set(derivedFrom(graph(root), v1Bases));
    const inBeta = new Set(derivedFrom(graph(root), betaBases));
    for (const name of inBeta) {
      assert.ok(mappings.length === 0 || betaMapping(name), `the beta typings' ${name} is not in the beta type mappings: is its namespace read right?`);
    }
    families[root] = [...new Set([...inV1, ...inBeta])]
      .sort()
      .map((name) => ({ name, versions: [...(inV1.has(name) ? ["v1.0" as const] : []), ...(inBeta.has(name) ? ["beta" as const] : [])] }));
  }

  // Rule 12: the subtypes of identity and identitySet bring their own properties: those each type of the chain
  // between the family's root and the subtype declares (the root's are the modelled type's).
  const subtypes: GraphMetadata["subtypes"] = {};
  for (const root of SUBTYPE_FAMILIES) {
    for (const { name } of families[root]) {
      if (name === graph(root)) continue;
      const properties: Record<string, MetadataProperty> = {};
      for (let current: string | null = name; current !== null && current !== graph(root); current = baseOf(current)) {
        for (const [property, declared] of Object.entries(ownProperties(current))) properties[property] ??= declared;
      }
      subtypes[short(name)] = { family: root, baseType: short(baseOf(name)!), properties: Object.fromEntries(Object.entries(properties).sort(([a], [b]) => a.localeCompare(b))) };
    }
  }
  // The enums the subtypes' properties use.
  for (const { properties } of Object.values(subtypes)) {
    for (const { type } of Object.values(properties)) {
      const qualified = graph(type);
      if (enums[type] !== undefined || !(csdl.enums.has(qualified) || beta.enums.has(qualified))) continue;
      const v1 = csdl.enums.get(qualified);
      const betaMembers = beta.enums.get(qualified);
      enums[type] = { ...(v1 ? { "v1.0": v1 } : {}), ...(betaMembers ? { beta: betaMembers } : {}) };
    }
  }

  const readme = join(mappingsDir, "README.md");
  const commit = existsSync(readme) ? /commit `([0-9a-f]{40})`/.exec(readFileSync(readme, "utf8"))?.[1] : undefined;
  const require = createRequire(import.meta.url);
  const betaPackage = require("@microsoft/microsoft-graph-types-beta/package.json") as { name: string; version: string };
  return {
    sources: {
      "v1.0": { repository: "microsoftgraph/msgraph-metadata", path: "clean_v10_metadata/cleanMetadata.xml", file: basename(csdlPath), ...(commit ? { commit } : {}) },
      beta: {
        package: `${betaPackage.name}@${betaPackage.version}`,
        ...(mappings.length > 0
          ? { typeMappings: "schemas/type-mappings/beta-{complex,entity}-types.json", repository: "microsoftgraph/msgraph-metadata", ...(commit ? { commit } : {}) }
          : {}),
      },
    },
    types,
    enums,
    families,
    subtypes,
  };
}

const formatJson = (value: unknown): string => `${JSON.stringify(value, null, 2)}\n`;

let metadata: GraphMetadata | undefined;

/**
 * The part of a CSDL this extraction reads, as a CSDL: every schema's opening tag (namespaces and aliases), and the
 * modelled types, the types of the families and the types they derive from, and the enums `metadata` names. A test
 * extracts from it in every checkout (test/fixtures/graph-csdl-excerpt.xml), where Graph's 3.5 MB file is not kept.
 */
function csdlExcerpt(text: string, metadata: GraphMetadata): string {
  const { types } = readCsdl(text);
  const wanted = new Set<string>();
  const withBases = (qualified: string) => {
    for (let current: string | null = qualified; current !== null && !wanted.has(current); current = types.get(current)?.baseType ?? null) wanted.add(current);
  };
  for (const name of MODELLED_TYPES) withBases(`${GRAPH_NAMESPACE}${name}`);
  for (const family of Object.values(metadata.families)) for (const { name, versions } of family) if (versions.includes("v1.0")) withBases(name);
  for (const name of Object.keys(metadata.enums)) wanted.add(`${GRAPH_NAMESPACE}${name}`);
  const schemas = [...text.matchAll(/(<Schema [^>]*>)([\s\S]*?)<\/Schema>/g)].map(([, open, body]) => {
    const namespace = /Namespace="([^"]+)"/.exec(open!)![1]!;
    const kept = [...body!.matchAll(/<(ComplexType|EntityType|EnumType) Name="([^"]+)"[^>]*?(?:\/>|>[\s\S]*?<\/\1>)/g)]
      .filter(([, , name]) => wanted.has(`${namespace}.${name}`))
      .map(([element]) => `      ${element}`);
    return `    ${open}\n${kept.join("\n")}\n    </Schema>`;
  });
  const open = /^[\s\S]*?<edmx:DataServices>/.exec(text.replace(/^\uFEFF/, ""))![0];
  return `${open}\n${schemas.join("\n")}\n  </edmx:DataServices>\n</edmx:Edmx>\n`;
}

/** metadata/graph.json, read once per process: the schema build asks for it at every `@odata.type`. */
export function readMetadata(): GraphMetadata {
  metadata ??= JSON.parse(readFileSync(resolve(ROOT, METADATA_PATH), "utf8")) as GraphMetadata;
  return metadata;
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(ROOT, "scripts/graph-metadata.ts")) {
  // The writer of the TypeScript module imports this module's lists: loaded once this module has run.
  void import("./odata-types.js").then(({ ODATA_TYPES_PATH, odataTypesModule }) => {
    const args = process.argv.slice(2);
    const csdl = args.find((arg) => !arg.startsWith("--") && args[args.indexOf(arg) - 1] !== "--beta-types");
    if (csdl === undefined) {
      console.error("usage: tsx scripts/graph-metadata.ts <cleanMetadata-v1.0.xml> [--beta-types <microsoft-graph.d.ts>] [--check] [--excerpt]");
      process.exit(2);
    }
    const betaTypes = args.includes("--beta-types")
      ? args[args.indexOf("--beta-types") + 1]!
      : createRequire(import.meta.url).resolve("@microsoft/microsoft-graph-types-beta/microsoft-graph.d.ts");
    const metadata = extractMetadata(resolve(csdl), resolve(betaTypes));
    if (args.includes("--excerpt")) {
      // The CSDL's part this extraction reads, for the test that runs it in every checkout.
      writeFileSync(resolve(ROOT, EXCERPT_PATH), csdlExcerpt(readFileSync(resolve(csdl), "utf8"), metadata));
      // And the beta type mappings' entries of the same types, beside it, as they sit beside the CSDL.
      const names = new Set([
        ...MODELLED_TYPES.map((name) => `${GRAPH_NAMESPACE}${name}`),
        ...Object.values(metadata.families).flatMap((family) => family.map(({ name }) => name)),
      ]);
      for (const file of ["beta-complex-types.json", "beta-entity-types.json"]) {
        const from = join(dirname(resolve(csdl)), file);
        if (!existsSync(from)) continue;
        const mapping = JSON.parse(readFileSync(from, "utf8")) as Record<string, Record<string, unknown>>;
        const kept = Object.fromEntries(
          Object.entries(mapping)
            .map(([namespace, entries]) => [namespace, Object.fromEntries(Object.entries(entries).filter(([name]) => names.has(`${namespace}.${name}`)))] as const)
            .filter(([, entries]) => Object.keys(entries).length > 0),
        );
        writeFileSync(join(dirname(resolve(ROOT, EXCERPT_PATH)), file), formatJson(kept));
      }
      console.log(`Wrote ${EXCERPT_PATH} and the beta type mappings' entries beside it.`);
    }
    const files = new Map([
      [METADATA_PATH, formatJson(metadata)],
      [ODATA_TYPES_PATH, odataTypesModule(metadata)],
    ]);
    const stale = [...files].filter(([path, text]) => !existsSync(resolve(ROOT, path)) || readFileSync(resolve(ROOT, path), "utf8") !== text).map(([path]) => path);
    if (args.includes("--check")) {
      if (stale.length > 0) {
        console.error(`Graph's metadata differs from ${stale.join(" and ")}. Run \`npm run graph:metadata -- ${csdl}\`, then \`npm test\` to see what changed.`);
        process.exit(1);
      }
    } else {
      for (const path of stale) writeFileSync(resolve(ROOT, path), files.get(path)!);
    }
    const counts = (Object.keys(FAMILIES) as Family[]).map((family) => `${metadata.families[family].length} ${family}`).join(", ");
    console.log(`${args.includes("--check") ? "Checked" : "Wrote"} ${METADATA_PATH} (${counts} types in the families) and ${ODATA_TYPES_PATH}.`);
  });
}
