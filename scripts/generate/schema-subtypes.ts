/**
 * Rules 12 and 14 as schema nodes: an identity or identity set dispatched on the subtype its `@odata.type` names
 * (a table of the family's subtypes, one definition per file), and a member whose declared type is a subtype
 * checked as that type. Both read Graph's metadata (`metadata/graph.json`).
 */
import assert from "node:assert/strict";
import type { Mode } from "../../src/validators/table.js";
import { GRAPH_NAMESPACE, labelsOf } from "../../src/validators/graph-names.js";
import { escapeSegment } from "../../src/validators/text.js";
import { type MetadataProperty, readMetadata, SUBTYPE_FAMILIES } from "../graph-metadata.js";
import { mark, ruleOf } from "./rules.js";
import { ANY_ODATA_ANNOTATION_PATTERN, allowODataAnnotations, forbidUndeclaredProperties } from "./schema-rules.js";
import { mapSchema, type Schema, isObject } from "./schema-tree.js";

/**
 * Rule 12's subtype properties are members of identity and identitySet in TypeScript (`@subtypeOf`), and no
 * member of the base type's schema: `dispatchSubtypes` checks each on the subtypes that declare it.
 */
export function withoutSubtypeProperties(schema: Schema): Schema {
  return mapSchema(schema, (node) => {
    if (!isObject(node.properties)) return node;
    const properties = Object.entries(node.properties as Record<string, Schema>).filter(([, property]) => !isObject(property) || property.subtypeOf === undefined);
    return { ...node, properties: Object.fromEntries(properties) };
  }) as Schema;
}

/** The definition of each family's root, which a member declared as the root refers to. */
const ROOT_DEFINITIONS: Record<(typeof SUBTYPE_FAMILIES)[number], string> = { identity: "Identity", identitySet: "IdentitySet" };

/** Rule 14: the definition of a member type that is a subtype (`teamworkConversationIdentity` → `TeamworkConversationIdentity`). */
export const declaredDefinition = (graphType: string): string => {
  assert.match(graphType, /^[a-z][A-Za-z0-9]*$/, `rule 14: a declared member type in a namespace (${graphType}) needs a definition name`);
  return graphType.charAt(0).toUpperCase() + graphType.slice(1);
};

/** The family a member's declared type belongs to, if it is one of rule 12's. */
function familyOf(graphType: string): (typeof SUBTYPE_FAMILIES)[number] | undefined {
  const { families } = readMetadata();
  return SUBTYPE_FAMILIES.find((family) => families[family].some(({ name }) => name === `${GRAPH_NAMESPACE}${graphType}`));
}

/**
 * A property of a group of rule 12's table (`subtypes`), from the metadata: its JSON type and nullability, an enum's
 * members, or an identity of its declared type. The group's `if` names the subtypes, which the messages of a wrong
 * value name ("…, as sharePointIdentity declares it"). `described`: with the description a member type of rule 14
 * reads there (`ownProperty`).
 */
function subtypePropertySchema(subtypes: string[], property: MetadataProperty, described: boolean): Schema {
  const metadata = readMetadata();
  const edm: Record<string, string> = { "Edm.String": "string", "Edm.Boolean": "boolean", "Edm.Int32": "integer" };
  const declarers = subtypes.join(" or ");
  assert.ok(!property.collection, `${declarers}: collection properties are not modelled`);
  const description = described ? { description: `Declared by ${declarers} (Graph's metadata, ${property.versions.join(" and ")}).` } : {};
  if (edm[property.type] !== undefined) return { ...description, type: property.nullable ? [edm[property.type], "null"] : edm[property.type] };
  const members = metadata.enums[property.type];
  if (members !== undefined) {
    const values = [...new Set(Object.values(members).flat())];
    return { ...description, ...(property.nullable ? { type: ["string", "null"], enum: [null, ...values] } : { type: "string", enum: values }) };
  }
  const family = familyOf(property.type);
  if (family !== undefined) {
    // Rule 14: a member declared as a subtype (`conversation`, a teamworkConversationIdentity) has that type's rules.
    const $ref = `#/definitions/${property.type === family ? ROOT_DEFINITIONS[family] : declaredDefinition(property.type)}`;
    return { ...description, ...(property.nullable ? { anyOf: [{ type: "null" }, { $ref }] } : { allOf: [{ $ref }] }) };
  }
  // A complex type the package does not model (provisionedIdentity.details): any object.
  return { ...description, type: property.nullable ? ["object", "null"] : "object" };
}

/**
 * A property of a family's root, referred to where the root's definition states it (a JSON Pointer into it), so that
 * each file states the root's rules once, however many member types (rule 14) share them.
 */
function rootProperty(family: (typeof SUBTYPE_FAMILIES)[number], name: string, rootProperties: Record<string, Schema>): Schema {
  assert.ok(rootProperties[name] !== undefined, `rule 14: ${family} declares no ${name}`);
  return { $ref: `#/definitions/${ROOT_DEFINITIONS[family]}/properties/${escapeSegment(name)}` };
}

/**
 * A member type's own property (rule 14), referred to where rule 12's table states it for the same subtype (a JSON
 * Pointer into the table's group), so that each file states each subtype's rules once. The checks' generator gives
 * the property the group's subtypes as its title, which the messages of a wrong value name (checks/module.ts).
 */
function ownProperty(type: string, family: (typeof SUBTYPE_FAMILIES)[number], name: string, property: MetadataProperty, finished: Record<string, Schema>): Schema {
  const definition = subtypesDefinition(family);
  const table = finished[definition]!;
  const rule = ruleOf(table);
  assert.ok(rule?.rule === "subtypes", `rule 14: ${definition} is no table of subtypes`);
  const group = rule.groups.findIndex((subtypes) => subtypes.includes(type));
  const stated = (((table.allOf as Schema[])[group]?.then as Schema | undefined)?.properties as Record<string, Schema> | undefined)?.[name];
  assert.deepEqual(stated, subtypePropertySchema(rule.groups[group]!, property, true), `rule 14: ${definition} states ${type}'s ${name} otherwise`);
  return { $ref: `#/definitions/${definition}/allOf/${group}/then/properties/${escapeSegment(name)}` };
}

/** Rule 14: the subtypes some subtype's member is declared as (`teamworkConversationIdentity`, `sharePointIdentity`, …), sorted. */
export function declaredMemberTypes(): string[] {
  const { subtypes } = readMetadata();
  const types = Object.values(subtypes).flatMap(({ properties }) =>
    Object.values(properties)
      .map(({ type }) => type)
      .filter((type) => familyOf(type) !== undefined && !(SUBTYPE_FAMILIES as readonly string[]).includes(type)),
  );
  return [...new Set(types)].sort();
}

/**
 * Rule 14: a member declared as a subtype is checked as that subtype with or without a label: the properties the
 * metadata declares for it (its root's and its own; the deviation table's extras are a plain identity's), which
 * strict mode accepts exactly. Its label names the type (strict mode), or, in tolerant mode, any name of the
 * family, checked as the declared type. No type derives from a declared member type in the metadata; the build fails when one does, so
 * that its dispatch is written then.
 */
export function declaredTypeSchema(type: string, finished: Record<string, Schema>, mode: Mode): Schema {
  const metadata = readMetadata();
  const { family, properties } = metadata.subtypes[type]!;
  const root = finished[ROOT_DEFINITIONS[family]]!;
  const derived = Object.entries(metadata.subtypes)
    .filter(([, subtype]) => subtype.baseType === type)
    .map(([name]) => name);
  assert.deepEqual(derived, [], `rule 14: ${type} has subtypes of its own (${derived.join(", ")}); write their dispatch in scripts/generate/schema-subtypes.ts`);
  const rootProperties = root.properties as Record<string, Schema>;
  const own = Object.fromEntries(Object.entries(properties).map(([name, property]) => [name, ownProperty(type, family, name, property, finished)]));
  const description = `A member Graph's metadata declares as a ${type}: checked as one with or without \`@odata.type\` (rule 14).`;
  const declared = Object.keys(metadata.types[family]!.properties).map((name) => [name, rootProperty(family, name, rootProperties)] as const);
  if (mode === "tolerant")
    return {
      title: type,
      description,
      type: "object",
      properties: { "@odata.type": rootProperty(family, "@odata.type", rootProperties), ...Object.fromEntries(declared), ...own },
      additionalProperties: true,
    };
  const { enum: _names, description: _description, ...label } = rootProperties["@odata.type"]!;
  const schema: Schema = {
    title: type,
    description,
    type: "object",
    properties: {
      "@odata.type": {
        description: `The OData type of the object: ${type}, with or without the leading \`#\`.`,
        ...label,
        enum: labelsOf([type]),
      },
      ...Object.fromEntries(declared),
      ...own,
    },
  };
  allowODataAnnotations(schema);
  forbidUndeclaredProperties(schema);
  return schema;
}

/**
 * Rule 12: an identity or identity set whose `@odata.type` names a subtype is checked against that subtype's
 * properties (its root's and its own, from the metadata); strict mode accepts exactly those. Without
 * `@odata.type`, naming the root, or naming a later type the metadata does not know, it is checked as the root
 * (with the deviation table's extras). Subtypes that add the same properties share a branch; the first `if`
 * asks whether the value names a subtype at all, so a plain value costs one test.
 */
export function dispatchSubtypes(schema: Schema, root: (typeof SUBTYPE_FAMILIES)[number], mode: Mode): { schema: Schema; table: Schema } {
  const metadata = readMetadata();
  const rootNames = Object.keys(metadata.types[root]!.properties);
  const groups = new Map<string, { subtypes: string[]; properties: Record<string, MetadataProperty> }>();
  for (const [subtype, { family, properties }] of Object.entries(metadata.subtypes)) {
    if (family !== root) continue;
    if (mode === "tolerant" && Object.keys(properties).length === 0) continue;
    const key = JSON.stringify(properties);
    const group = groups.get(key) ?? { subtypes: [], properties };
    group.subtypes.push(subtype);
    groups.set(key, group);
  }
  const labels = labelsOf;
  const { additionalProperties, patternProperties, propertyNames, ...rest } = schema;
  // A member type of rule 14 refers to its own properties here (`ownProperty`): those are described here.
  const members = declaredMemberTypes();
  const branchOf = ({ subtypes, properties }: { subtypes: string[]; properties: Record<string, MetadataProperty> }): Schema => {
    const described = subtypes.some((subtype) => members.includes(subtype));
    const own = Object.fromEntries(Object.entries(properties).map(([name, property]) => [name, subtypePropertySchema(subtypes, property, described)]));
    if (mode === "tolerant") return { properties: own };
    const declared = { ...Object.fromEntries(rootNames.map((name) => [name, true])), ...own };
    // `@odata.type` (checked by the root's properties) is one of the annotations here: the short pattern of
    // every annotation keeps the branches small, and no declared property matches it. The root has checked that
    // the value is an object (the table is its `else`): a branch does not again. Its names stay bounded
    // (`propertyNames`) where it tests them against a pattern, as Ajv's json-schema-secure meta-schema asks.
    const annotations = { [ANY_ODATA_ANNOTATION_PATTERN]: { type: "string" } };
    return {
      title: subtypes.length === 1 ? subtypes[0] : `${root} (${subtypes.join(", ")})`,
      properties: declared,
      patternProperties: annotations,
      propertyNames,
      additionalProperties,
    };
  };
  const all = [...groups.values()];
  // One branch per group, side by side (a nested if/else chain would indent the files ever deeper), each asking
  // for its own names; they are asked only of a value that names a type other than the root: a plain value, or
  // one labelled as the root, costs one test or two.
  const branches = all.map((group) => ({ if: { properties: { "@odata.type": { enum: labels(group.subtypes) } } }, then: branchOf(group) }));
  // A plain value, or one labelled as the root, passes the condition (it does not require a label): the common
  // values meet no failing `if`, which costs tools that evaluate one by raising an exception (fastjsonschema).
  const plainOrRoot = { properties: { "@odata.type": { enum: labels([root]) } } };
  // The table of subtypes is a definition of its own, referred to: it stands once in each file, and a tool that
  // inlines a definition with no `$ref` in it at every use (Ajv's defaults) compiles the root's checks once,
  // not once for each member of an identity set.
  const table = { $ref: `#/definitions/${subtypesDefinition(root)}` };
  const dispatch = { rule: "dispatch", family: root, labels: labels([root]) } as const;
  const written = mark(tableOf(root, branches), { rule: "subtypes", family: root, groups: all.map((group) => group.subtypes) });
  if (mode === "tolerant") return { schema: mark({ ...schema, if: plainOrRoot, else: table }, dispatch), table: written };
  const declared = Object.fromEntries(Object.keys(schema.properties as Schema).map((name) => [name, true]));
  const closed = { title: root, type: "object", properties: declared, patternProperties, propertyNames, additionalProperties };
  return { schema: mark({ ...rest, propertyNames, if: plainOrRoot, then: closed, else: table }, dispatch), table: written };
}

/** Rule 12's table of a family's subtypes, as the definition that holds it (no title: it is not one of Graph's types). */
function tableOf(root: (typeof SUBTYPE_FAMILIES)[number], branches: Schema[]): Schema {
  const description = `An ${root} whose \`@odata.type\` names one of its subtypes in Graph's metadata is checked against that subtype's properties (one branch for each group of subtypes that add the same properties).`;
  return { description, type: "object", allOf: branches };
}

/** The definition that holds rule 12's table of a family's subtypes (`IdentitySubtypes`). */
export function subtypesDefinition(root: (typeof SUBTYPE_FAMILIES)[number]): string {
  return `${root.charAt(0).toUpperCase()}${root.slice(1)}Subtypes`;
}
