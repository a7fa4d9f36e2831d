import { spawnSync } from "node:child_process";
import { readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { Validator } from "@seriousme/openapi-schema-validator";
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { describe, expect, it } from "vitest";
import { ROOT } from "../scripts/generate.js";
import { pointedTo } from "../scripts/generate/schema-tree.js";
import { TYPES } from "../src/validators/table.js";
import { MODES, api, consumerProject, payloads, refs, schemaFiles } from "./support.js";

const graphName = (name: string) => TYPES.find((t) => t.name === name)!.graphName;
const document = JSON.parse(readFileSync(join(ROOT, "schemas/openapi.json"), "utf8")) as Record<string, unknown>;

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
      // A component, never a place inside one: express-openapi-validator resolves no such pointer.
      expect(ref).toMatch(/^#\/components\/schemas\/[^/]+$/);
      expect(pointedTo(document, ref), ref).toBeTypeOf("object");
    }
  });

  it("holds only components it uses, every type in the mode it is used in, as the schema files say", () => {
    const components = (document.components as { schemas: Record<string, Record<string, unknown>> }).schemas;
    const used = new Set(refs({ ...document, components: undefined }).map(({ ref }) => ref));
    const reached = new Set<string>();
    const queue = [...used];
    while (queue.length > 0) {
      const name = queue.pop()!.replace("#/components/schemas/", "");
      if (reached.has(name)) continue;
      reached.add(name);
      queue.push(...refs(components[name]).map(({ ref }) => ref));
    }
    expect(Object.keys(components).sort()).toEqual([...reached].sort());
    // What Graph sends is tolerant, what the bot sends is strict.
    expect(Object.keys(components)).toEqual(
      expect.arrayContaining(["inviteParticipantsOperation", "commsNotifications", "identitySet", "strict.inviteParticipantsRequest", "strict.identitySet"]),
    );
    expect(components.inviteParticipantsRequest).toBeUndefined();
    for (const file of schemaFiles) {
      const component = components[`${file.mode === "strict" ? "strict." : ""}${file.graphName}`];
      if (component === undefined) continue;
      expect(component.title).toBe(file.graphName);
      expect(Object.keys(component.properties as object)).toEqual(Object.keys(file.schema.properties as object));
      expect(component.required).toEqual(file.schema.required);
    }
  });

  // The components are rewritten for linters and generators (see scripts/generate/openapi.ts): the rules must stay the same.
  describe.each(MODES)("its %s components", (mode) => {
    const ajv = new Ajv2020({ strict: false, inlineRefs: false });
    addFormats.default(ajv);
    ajv.addSchema({ ...document, $id: "https://example.test/openapi.json" });
    const all = payloads();
    const inDocument = all.filter(
      (p) => (document.components as { schemas: Record<string, unknown> }).schemas[`${mode === "strict" ? "strict." : ""}${graphName(p.type)}`] !== undefined,
    );

    it("reach the package's verdict on every example, rule case and corpus payload", () => {
      expect(inDocument.length).toBeGreaterThan(mode === "strict" ? 100 : 500);
      const validators = new Map<string, (data: unknown) => boolean>();
      const validatorOf = (type: string) => {
        const name = `${mode === "strict" ? "strict." : ""}${graphName(type)}`;
        if (!validators.has(name)) validators.set(name, ajv.compile({ $ref: `https://example.test/openapi.json#/components/schemas/${name}` }));
        return validators.get(name)!;
      };
      const verdicts = inDocument.map((p) => api[mode].validators[p.type].is(p.data));
      expect(new Set(verdicts)).toEqual(new Set([true, false]));
      const disagreements = inDocument.filter((p, i) => validatorOf(p.type)(p.data) !== verdicts[i]);
      expect(disagreements.map((p) => p.label)).toEqual([]);
    });
  });

  it("passes Redocly's recommended rules and Spectral's OpenAPI rules with no problem at all", () => {
    const env = { ...process.env, REDOCLY_TELEMETRY: "off", REDOCLY_SUPPRESS_UPDATE_NOTICE: "true", NO_COLOR: "1" };
    const redocly = spawnSync(join(ROOT, "node_modules/.bin/redocly"), ["lint", "schemas/openapi.json", "--format=json"], { cwd: ROOT, encoding: "utf8", env });
    const report = JSON.parse(redocly.stdout) as { totals: Record<string, number>; problems: { ruleId: string; message: string }[] };
    expect(report.problems.map((p) => `${p.ruleId}: ${p.message}`)).toEqual([]);
    expect(report.totals).toMatchObject({ errors: 0, warnings: 0 });
    expect(redocly.status).toBe(0);

    const spectral = spawnSync(join(ROOT, "node_modules/.bin/spectral"), ["lint", "schemas/openapi.json", "--format=json", "--fail-severity=hint", "--quiet"], {
      cwd: ROOT,
      encoding: "utf8",
      env,
    });
    const results = JSON.parse(spectral.stdout.trim() === "" ? "[]" : spectral.stdout) as { code: string; message: string }[];
    expect(results.map((r) => `${r.code}: ${r.message}`)).toEqual([]);
    expect(spectral.status).toBe(0);
  }, 120_000);

  it("becomes types that compile and type-check a consumer's code, with openapi-typescript", () => {
    const folder = consumerProject("openapi-typescript");
    const generated = join(folder, "generated");
    rmSync(generated, { recursive: true, force: true });
    const generate = spawnSync(join(folder, "node_modules/.bin/openapi-typescript"), [join(ROOT, "schemas/openapi.json"), "-o", join(generated, "openapi.d.ts")], {
      cwd: folder,
      encoding: "utf8",
    });
    expect(generate.status, generate.stderr).toBe(0);
    // use.ts writes a request, reads a response, an error and a callback, and expects type errors for a
    // misspelled request property and a request without participants (an unused @ts-expect-error fails).
    const compile = spawnSync(join(folder, "node_modules/.bin/tsc"), ["-p", folder], { cwd: folder, encoding: "utf8" });
    expect(compile.stdout + compile.stderr).toBe("");
    expect(compile.status).toBe(0);
  }, 180_000);
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
    expect(readFileSync(join(ROOT, "README.md"), "utf8")).toMatch(/\(https:\/\/unpkg\.com\/browse\/graph-invite-participants@[^/]+\/docs\/reference\.md\)/);
  });
});
