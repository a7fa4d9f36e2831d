/** The reference page (docs/reference.md), generated from the tolerant schemas like Graph's own resource pages. */
import assert from "node:assert/strict";
import { TYPES, type TypeName } from "../../src/validators/table.js";
import { ruleOf } from "./rules.js";
import { subtypesDefinition } from "./schema-subtypes.js";
import { definitionName, graphNameOf as graphNameOfType, type Schema } from "./schema-tree.js";

const anchor = (graphName: string) => `#${graphName.toLowerCase()}`;
const cell = (text: string) => text.replace(/\s*\n\s*/g, " ").replace(/\|/g, "\\|");
const graphNameOf = (ref: string) => graphNameOfType(definitionName(ref));

/** The Type column: a link for object types, the enum values, the limits. */
function typeOf(schema: Schema): string {
  if (typeof schema.$ref === "string") return `[${graphNameOf(schema.$ref)}](${anchor(graphNameOf(schema.$ref))})`;
  if (Array.isArray(schema.anyOf)) {
    const union = (schema.anyOf as Schema[])
      .filter((branch) => branch.type !== "null")
      .map(typeOf)
      .join(" or ");
    const then = (schema.then as Schema | undefined)?.$ref;
    return typeof then === "string" ? `${union}; ${typeOf({ $ref: then })} when its \`@odata.type\` says so` : union;
  }
  const types = ([] as unknown[]).concat(schema.type ?? []).filter((type) => type !== "null");
  let text = types.join(" or ");
  if (text === "array" && schema.items !== undefined) text = `${typeOf(schema.items as Schema)} collection`;
  if (text === "integer" && schema.minimum === -2147483648 && schema.maximum === 2147483647) text = "Int32";
  if (Array.isArray(schema.enum)) text += `: ${enumValues(schema.enum.filter((v) => v !== null).map(String))}`;
  if (typeof schema.maxLength === "number") text += `, at most ${schema.maxLength} characters`;
  if (typeof schema.minItems === "number" || typeof schema.maxItems === "number") text += `, ${String(schema.minItems ?? 0)} to ${String(schema.maxItems ?? "any")} items`;
  return text;
}

/** Enum values; `@odata.type` values, each allowed with or without `#`, are listed once. */
function enumValues(values: string[]): string {
  const hashed = values.filter((value) => value.startsWith("#"));
  const optionalHash = hashed.length * 2 === values.length && hashed.every((value) => values.includes(value.slice(1)));
  const listed = (optionalHash ? hashed : values).map((value) => `\`${value}\``).join(", ");
  return optionalHash ? `${listed} (the \`#\` is optional)` : listed;
}

function nullable(schema: Schema): boolean {
  if (Array.isArray(schema.anyOf)) return (schema.anyOf as Schema[]).some((branch) => branch.type === "null");
  return Array.isArray(schema.type) && schema.type.includes("null");
}

function section(graphName: string, schema: Schema): string {
  const required = new Set((schema.required as string[] | undefined) ?? []);
  const rows = Object.entries(schema.properties as Record<string, Schema>).map(([property, propertySchema]) => {
    const deprecated = propertySchema.deprecated === true ? " **Deprecated.**" : "";
    return `| \`${property}\` | ${typeOf(propertySchema)} | ${nullable(propertySchema) ? "yes" : "no"} | ${required.has(property) ? "yes" : "no"} | ${cell(String(propertySchema.description ?? ""))}${deprecated} |`;
  });
  return [
    `## ${graphName}`,
    "",
    cell(String(schema.description ?? "")),
    "",
    `Schema files: [\`schemas/${graphName}.schema.json\`](../schemas/${graphName}.schema.json) (tolerant), [\`schemas/strict/${graphName}.schema.json\`](../schemas/strict/${graphName}.schema.json) (strict).`,
    "",
    "| Property | Type | Nullable | Required | Description |",
    "|---|---|---|---|---|",
    ...rows,
    "",
  ].join("\n");
}

/**
 * Rule 12's subtypes: each group of subtypes (from the table's rule, `scripts/generate/rules.ts`) and the properties
 * it adds (its branch of the table), as the validators check them when `@odata.type` names one of them.
 */
function subtypesSection(schemas: Record<TypeName, Schema>): string {
  const rows: string[] = [];
  for (const name of ["Identity", "IdentitySet"] as const) {
    const table = (schemas[name].definitions as Record<string, Schema>)[subtypesDefinition(graphNameOfType(name) as "identity" | "identitySet")];
    const rule = ruleOf(table);
    assert.ok(rule?.rule === "subtypes", `docs: ${name}'s table of subtypes is not marked as rule 12's`);
    const branches = table!.allOf as Schema[];
    for (const [index, branch] of branches.entries()) {
      const subtypes = rule.groups[index]!.map((subtype) => `\`${subtype}\``);
      const properties = Object.entries(((branch.then as Schema).properties ?? {}) as Record<string, Schema>).map(
        ([property, propertySchema]) => `\`${property}\` (${typeOf(propertySchema)}${nullable(propertySchema) ? ", nullable" : ""})`,
      );
      rows.push(`| [${graphNameOfType(name)}](${anchor(graphNameOfType(name))}) | ${subtypes.join(", ")} | ${properties.join("; ")} |`);
    }
  }
  return [
    "## Subtypes",
    "",
    "An identity or identity set whose `@odata.type` names one of these subtypes (from Graph's v1.0 and beta metadata)",
    "is checked against its properties: its root's and those below. Strict mode accepts exactly those, plus OData",
    "annotations; the other subtypes in the metadata add no property, and strict mode accepts only their root's. An",
    "object without `@odata.type`, or labelled as its root, is checked as the root, with the properties above.",
    "",
    "| Root | Subtypes | Their own properties |",
    "|---|---|---|",
    ...rows,
    "",
  ].join("\n");
}

export function referenceDocument(schemas: Record<TypeName, Schema>): string {
  return [
    "<!-- Generated by scripts/build.ts from types/. Do not edit: run `npm run build:schemas`. -->",
    "# Reference",
    "",
    "Every type this package validates, with its properties as the validators check them. Tolerant mode accepts",
    "any undeclared property; strict mode rejects undeclared properties except OData annotations (`@odata.etag`,",
    "`participants@odata.type`, …), which must be strings, and property names longer than 1,024 characters.",
    "",
    ...TYPES.map(({ graphName }) => `- [${graphName}](${anchor(graphName)})`),
    "- [Subtypes](#subtypes)",
    "",
    ...TYPES.map(({ name, graphName }) => section(graphName, schemas[name])),
    subtypesSection(schemas),
  ].join("\n");
}
