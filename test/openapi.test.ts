import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Validator } from "@seriousme/openapi-schema-validator";
import { describe, expect, it } from "vitest";
import { ROOT } from "../scripts/generate.js";
import { TYPES } from "../src/table.js";
import { refs, schemaFiles } from "./support.js";

const document = JSON.parse(readFileSync(join(ROOT, "schemas/openapi.json"), "utf8")) as Record<string, unknown>;

function resolvePointer(root: unknown, ref: string): unknown {
  return ref
    .replace(/^#\//, "")
    .split("/")
    .map((segment) => segment.replace(/~1/g, "/").replace(/~0/g, "~"))
    .reduce<unknown>((node, segment) => (node as Record<string, unknown> | undefined)?.[segment], root);
}

describe("schemas/openapi.json", () => {
  it("is a valid OpenAPI 3.1 document", async () => {
    const validator = new Validator();
    const result = await validator.validate(structuredClone(document)); // it dereferences in place
    expect(result.errors).toBeUndefined();
    expect(result.valid).toBe(true);
    expect(validator.version).toBe("3.1");
    // The validator's own dereferencing reaches every schema.
    const resolved = validator.resolveRefs() as { components: { schemas: Record<string, { properties?: object }> } };
    expect(refs(resolved.components.schemas)).toEqual([]);
  });

  it("resolves every $ref inside itself", () => {
    const all = refs(document).map(({ ref }) => ref);
    expect(all.length).toBeGreaterThan(10);
    for (const ref of all) {
      expect(ref).toMatch(/^#\/components\/schemas\//);
      expect(resolvePointer(document, ref), ref).toBeTypeOf("object");
    }
  });

  it("holds every type under components.schemas, as the tolerant schema file says", () => {
    const components = (document.components as { schemas: Record<string, Record<string, unknown>> }).schemas;
    expect(Object.keys(components).sort()).toEqual(TYPES.map((t) => t.graphName).sort());
    for (const file of schemaFiles.filter((f) => f.mode === "tolerant")) {
      const component = components[file.graphName]!;
      expect(component.title).toBe(file.graphName);
      expect(component.properties).toEqual(
        JSON.parse(JSON.stringify(file.schema.properties).replace(/#\/definitions\/([A-Za-z]+)/g, (_m, name: string) => `#/components/schemas/${TYPES.find((t) => t.name === name)!.graphName}`)),
      );
      expect(component.required).toEqual(file.schema.required);
    }
  });
});

describe("docs/reference.md", () => {
  const reference = readFileSync(join(ROOT, "docs/reference.md"), "utf8");

  it("has a section and a row for every type and declared property", () => {
    for (const file of schemaFiles.filter((f) => f.mode === "tolerant")) {
      expect(reference).toContain(`## ${file.graphName}\n`);
      const section = reference.split(`## ${file.graphName}\n`)[1]!.split("\n## ")[0]!;
      for (const property of Object.keys(file.schema.properties as object)) expect(section).toContain(`| \`${property}\` |`);
    }
  });

  it("is linked from the README", () => {
    expect(readFileSync(join(ROOT, "README.md"), "utf8")).toContain("(docs/reference.md)");
  });
});
