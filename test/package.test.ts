// The package as users get it: packed with `npm pack`, installed from the tarball into an empty project,
// and used from ESM, CommonJS, TypeScript (NodeNext and Bundler resolution) and the shell.
import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { build } from "esbuild";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { ROOT } from "../scripts/generate.js";
import { PACKAGE_VERSION } from "../scripts/generate/schemas.js";
import { payloads } from "./support.js";

const project = mkdtempSync(join(tmpdir(), "gip-consumer-"));
const installed = join(project, "node_modules/graph-invite-participants");
const npm = (args: string[], cwd: string) => execFileSync("npm", args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
const write = (name: string, content: string) => {
  mkdirSync(dirname(join(project, name)), { recursive: true });
  writeFileSync(join(project, name), content);
};
const node = (file: string) => spawnSync(process.execPath, [file], { cwd: project, encoding: "utf8" });
const operation = JSON.stringify({ status: "Running", participants: [{ identity: { phone: { id: "+12345678901" } } }] });

beforeAll(() => {
  // The tarball the global setup packed from this run's build.
  write("package.json", JSON.stringify({ name: "consumer", private: true, type: "module" }));
  npm(["install", "--no-audit", "--no-fund", "--ignore-scripts", inject("tarball")], project);
}, 120_000);
afterAll(() => rmSync(project, { recursive: true, force: true }));

describe("the packed package", () => {
  it("has no runtime dependencies and ships only what users need", () => {
    const manifest = JSON.parse(readFileSync(join(installed, "package.json"), "utf8"));
    expect(manifest.dependencies ?? {}).toEqual({});
    const listing = npm(["pack", "--dry-run", "--json", "--ignore-scripts"], ROOT);
    const files = (JSON.parse(listing) as { files: { path: string }[] }[])[0]!.files.map((f) => f.path);
    expect(files).toEqual(
      expect.arrayContaining([
        ...["dist/src/index.js", "dist/src/index.d.ts", "dist/src/strict.js", "dist/src/bin.js", "dist/cjs/src/index.js", "dist/cjs/src/index.d.ts", "dist/cjs/package.json"],
        ...["schemas/openapi.json", "schemas/strict/identity.schema.json", "types/index.ts", "README.md", "LICENSE", "CHANGELOG.md", "SECURITY.md", "BENCHMARKS.md"],
        ...[
          "dist/src/fixtures.js",
          "dist/src/arbitraries.js",
          "dist/src/testing.js",
          "dist/cjs/src/fixtures.js",
          "dist/cjs/src/testing.js",
          "fixtures/commsNotifications.json",
          "fixtures/invalid.json",
        ],
      ]),
    );
    expect(files.filter((f) => /^(test|scripts|src|bench|metadata)\//.test(f) || f.endsWith(".tgz"))).toEqual([]);
    // One build for Node.js and bundlers, one for CommonJS; no declarations of internal modules.
    expect(files.filter((f) => /^dist\/node\/|(?:cli|fixture-file|json|read|text|-checks|-schemas)\.d\.ts$/.test(f))).toEqual([]);
    // The budgets hold the self-contained schema files (rule 12's subtypes and rule 14's member types stand in every
    // file that holds an identity), the test kit's data and code, and the callbacks entry; BENCHMARKS.md ("What an
    // application bundles") has the figures.
    const packed = (JSON.parse(listing) as { unpackedSize: number; files: { path: string; size: number }[] }[])[0]!;
    const bytesUnder = (prefix: string) => packed.files.filter((f) => f.path.startsWith(prefix)).reduce((sum, f) => sum + f.size, 0);
    expect(bytesUnder("fixtures/")).toBeLessThanOrEqual(410_000);
    expect(bytesUnder("schemas/")).toBeLessThanOrEqual(950_000);
    expect(packed.unpackedSize).toBeLessThanOrEqual(2_350_000);
  });

  it("is clean to publint (strict) and to arethetypeswrong, as packed", () => {
    const bin = (name: string) => join(ROOT, "node_modules/.bin", name);
    const publint = spawnSync(bin("publint"), ["--strict", inject("tarball")], { encoding: "utf8" });
    expect(publint.status, publint.stdout + publint.stderr).toBe(0);
    expect(publint.stdout).toContain("All good!");
    const attw = spawnSync(bin("attw"), [inject("tarball"), "--format", "json"], { encoding: "utf8", maxBuffer: 64 << 20 });
    expect(attw.status, attw.stderr).toBe(0);
    expect((JSON.parse(attw.stdout) as { problems: Record<string, unknown> }).problems).toEqual({});
  }, 60_000);

  it("imports as ESM, from . and ./strict", () => {
    write(
      "esm.js",
      `import { validateInviteParticipantsOperation, parseJsonInviteParticipantsOperation } from "graph-invite-participants";
import * as strict from "graph-invite-participants/strict";
const value = parseJsonInviteParticipantsOperation(${JSON.stringify(operation)});
console.log(validateInviteParticipantsOperation(value).valid, strict.validateInviteParticipantsOperation({ ...value, extra: 1 }).errors[0].path);`,
    );
    expect(node("esm.js")).toMatchObject({ status: 0, stdout: "true /extra\n", stderr: "" });
  });

  it("loads two of its modules for a first import of the validators, in either mode: the entry point and the runtime", () => {
    // Node.js spends about half a millisecond on each module it loads (BENCHMARKS.md, the cold start).
    const importsOf = (file: string) =>
      [...readFileSync(join(installed, "dist/src", file), "utf8").matchAll(/(?:import|export)\s*[^;"]*?from\s*"([^"]+)"|import\s*\(\s*"([^"]+)"/g)].map((m) => m[1] ?? m[2]!);
    const runtime = importsOf("index.js");
    expect(runtime).toHaveLength(1);
    expect(importsOf("strict.js")).toEqual(runtime);
    expect(importsOf(runtime[0]!)).toEqual([]);
  });

  it("gives the same verdicts, issues and schemas from its ES module and CommonJS builds, on every known payload", () => {
    const known = payloads().map(({ type, data }) => ({ type, data }));
    write("payloads.json", JSON.stringify(known));
    write(
      "both-builds.mjs",
      `import { createRequire } from "node:module";
import { readFileSync } from "node:fs";
import * as tolerant from "graph-invite-participants";
import * as strict from "graph-invite-participants/strict";
const require = createRequire(import.meta.url);
const cjs = { tolerant: require("graph-invite-participants"), strict: require("graph-invite-participants/strict") };
const cases = JSON.parse(readFileSync("payloads.json", "utf8"));
const report = { compared: 0, valid: 0, differences: [] };
for (const [mode, api] of Object.entries({ tolerant, strict })) {
  for (const { type, data } of cases) {
    for (const options of [undefined, { allErrors: true }]) {
      const ours = JSON.stringify(api.validators[type].validate(data, options));
      if (ours !== JSON.stringify(cjs[mode].validators[type].validate(data, options))) report.differences.push([mode, type, ours]);
      if (api.validators[type].is(data)) report.valid += 1;
      report.compared += 1;
    }
    if (JSON.stringify(api.validators[type].schema) !== JSON.stringify(cjs[mode].validators[type].schema)) report.differences.push([mode, type, "schema"]);
  }
}
try { strict.assertIdentity(1); } catch (error) { report.instanceofAcross = error instanceof cjs.tolerant.ValidationError; }
console.log(JSON.stringify(report));`,
    );
    const run = node("both-builds.mjs");
    expect(run.stderr).toBe("");
    const report = JSON.parse(run.stdout);
    expect(report).toMatchObject({ differences: [], compared: known.length * 4, instanceofAcross: true });
    expect(report.valid).toBeGreaterThan(200);
  });

  it("works when a name was added to Object.prototype before it loads, from both builds", () => {
    // Another library, or a pollution bug in the application: esbuild's CommonJS export helper looped with for…in.
    const script = (load: string) => `Object.prototype.polluted = "yes";
${load}
const results = [api.validateIdentity({ id: 5 }).errors[0].path, api.validators.Identity.schema.title, api.isInviteParticipantsOperation({ status: "running" })];
try { api.assertInviteParticipantsOperation({ status: "x" }); } catch (error) { results.push(error.name, error.errors[0].path); }
console.log(JSON.stringify(results));`;
    write("polluted.cjs", script(`const api = require("graph-invite-participants");`));
    write("polluted.mjs", script(`const api = await import("graph-invite-participants");`));
    const expected = `${JSON.stringify(["/id", "identity", true, "ValidationError", "/status"])}\n`;
    expect(node("polluted.cjs")).toMatchObject({ status: 0, stdout: expected, stderr: "" });
    expect(node("polluted.mjs")).toMatchObject({ status: 0, stdout: expected, stderr: "" });
  });

  it("gives bundlers a build that runs anywhere", async () => {
    write("app.js", `import { validateIdentity } from "graph-invite-participants";\nconsole.log(JSON.stringify(validateIdentity({ id: 5 }).errors.map((issue) => issue.path)));`);
    const result = await build({ entryPoints: [join(project, "app.js")], bundle: true, platform: "neutral", format: "esm", write: false, logLevel: "silent" });
    const whole = result.outputFiles[0]!.text;
    expect(whole).not.toMatch(/\brequire\(|node:/);
    write("bundled/app.mjs", whole);
    expect(node("bundled/app.mjs")).toMatchObject({ status: 0, stdout: '["/id"]\n', stderr: "" });
    expect(node("app.js")).toMatchObject({ status: 0, stdout: '["/id"]\n', stderr: "" });
  });

  it("gives the test kit's fixtures and stand-in from both builds, reading the fixture files it ships", () => {
    const script = (load: string) => `${load}
const callbacks = fixtures.fixturesFor("inviteCompleted", "CommsNotifications");
const graph = await testing.startGraphStandIn();
const answer = await fetch(graph.url + "/v1.0/communications/calls/none/participants/invite", { method: "POST", body: "{}" });
await graph.close();
console.log(JSON.stringify([callbacks.length > 0, callbacks[0].source.url.startsWith("https://github.com/"), fixtures.invalidFixtures[0].firstIssue.path, answer.status]));`;
    write("kit.mjs", script(`import * as fixtures from "graph-invite-participants/fixtures";\nimport * as testing from "graph-invite-participants/testing";`));
    write(
      "kit.cjs",
      `(async () => {\n${script(`const fixtures = require("graph-invite-participants/fixtures");\nconst testing = require("graph-invite-participants/testing");`)}\n})();`,
    );
    const expected = `${JSON.stringify([true, true, "/code", 401])}\n`;
    expect(node("kit.mjs")).toMatchObject({ status: 0, stdout: expected, stderr: "" });
    expect(node("kit.cjs")).toMatchObject({ status: 0, stdout: expected, stderr: "" });
  });

  it("loads with require() from CommonJS", () => {
    write(
      "cjs.cjs",
      `const { isInviteParticipantsOperation } = require("graph-invite-participants");
const strict = require("graph-invite-participants/strict");
console.log(isInviteParticipantsOperation(${operation}), strict.isIdentity({ id: "x", extra: 1 }));`,
    );
    expect(node("cjs.cjs")).toMatchObject({ status: 0, stdout: "true false\n" });
  });

  it("exports the schema files for import with import attributes", () => {
    write(
      "schema.js",
      `import schema from "graph-invite-participants/schemas/strict/inviteParticipantsRequest.schema.json" with { type: "json" };
import tolerant from "graph-invite-participants/schemas/identity.schema.json" with { type: "json" };
import { createRequire } from "node:module";
const manifest = createRequire(import.meta.url)("graph-invite-participants/package.json");
console.log(schema.$id, tolerant.title, manifest.name);`,
    );
    expect(node("schema.js")).toMatchObject({
      status: 0,
      stdout: `https://unpkg.com/graph-invite-participants@${PACKAGE_VERSION}/schemas/strict/inviteParticipantsRequest.schema.json identity graph-invite-participants\n`,
    });
  });

  it.each([
    ["NodeNext", { module: "NodeNext", moduleResolution: "NodeNext" }],
    ["Bundler", { module: "ESNext", moduleResolution: "Bundler" }],
  ])("type-checks a TypeScript user under %s resolution", (_name, resolution) => {
    write(
      "consumer.ts",
      `import { isInviteParticipantsOperation, validators, type InviteParticipantsOperation, type ValidationIssue } from "graph-invite-participants";
import { assertInviteParticipantsRequest, type InviteParticipantsRequest } from "graph-invite-participants/strict";
export function statusOf(body: unknown): InviteParticipantsOperation["status"] | undefined {
  return isInviteParticipantsOperation(body) ? body.status : undefined;
}
export function send(body: unknown): InviteParticipantsRequest {
  assertInviteParticipantsRequest(body);
  return body;
}
export const issues: ValidationIssue[] = validators.Identity.validate({}).errors;
// @ts-expect-error: status is an operationStatus
export const wrong: InviteParticipantsOperation = { status: "String" };
`,
    );
    write("tsconfig.json", JSON.stringify({ compilerOptions: { ...resolution, target: "ES2022", strict: true, noEmit: true, types: [] }, files: ["consumer.ts"] }));
    const tsc = spawnSync(process.execPath, [join(ROOT, "node_modules/typescript/bin/tsc"), "-p", project], { encoding: "utf8" });
    expect(tsc.stdout + tsc.stderr).toBe("");
    expect(tsc.status).toBe(0);
  });

  it("publishes cleanly: npm publish --dry-run has nothing to warn about and keeps the command line", () => {
    // A token in the environment only silences the "not logged in" notice of a dry run; nothing is sent.
    const env = { ...process.env, "npm_config_//registry.npmjs.org/:_authToken": "dry-run" };
    const result = spawnSync("npm", ["publish", "--dry-run", "--ignore-scripts", "--json"], { cwd: ROOT, encoding: "utf8", env });
    expect(result.status).toBe(0);
    expect(result.stderr.split("\n").filter((line) => line.startsWith("npm warn"))).toEqual([]);
    const manifest = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8"));
    expect(manifest.bin).toEqual({ "graph-invite-participants": "dist/src/bin.js" });
    expect(manifest.scripts.prepare).toBeUndefined();
    // Packing builds dist/ from the committed schemas and generated code (the drift test holds them to types/):
    // after `npm run build`, `npm pack` builds the schemas no second time.
    expect(manifest.scripts.prepack).toBe("npm run build:dist");
  });

  it("has README links that work on the registry page: absolute, to files of this release's tarball", () => {
    const readme = readFileSync(join(ROOT, "README.md"), "utf8");
    const links = [...readme.matchAll(/\]\(([^)]+)\)/g)].map((m) => m[1]!);
    expect(links.filter((link) => !/^https:\/\//.test(link))).toEqual([]);
    const listing = npm(["pack", "--dry-run", "--json", "--ignore-scripts"], ROOT);
    const files = (JSON.parse(listing) as { files: { path: string }[] }[])[0]!.files.map((f) => f.path);
    const ours = links.filter((link) => link.startsWith("https://unpkg.com/"));
    expect(ours.length).toBeGreaterThan(5);
    for (const link of ours) {
      const path = link.replace(`https://unpkg.com/browse/graph-invite-participants@${PACKAGE_VERSION}/`, "");
      expect(path, `${link} names another release or host`).not.toBe(link);
      expect(
        files.some((file) => file === path || (path.endsWith("/") && file.startsWith(path))),
        `${path} is not in the tarball`,
      ).toBe(true);
    }
  });

  it("installs the command line", () => {
    write("payload.json", operation);
    const bin = spawnSync(join(project, "node_modules/.bin/graph-invite-participants"), ["validate", "payload.json"], { cwd: project, encoding: "utf8" });
    expect(bin).toMatchObject({ status: 0, stdout: "payload.json: valid InviteParticipantsOperation (tolerant)\n" });
  });
});
