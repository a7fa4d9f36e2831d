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
        ...["dist/node/index.js", "dist/node/strict.js", "dist/node/tolerant-code.cjs", "dist/node/strict-code.cjs"],
        ...["schemas/openapi.json", "schemas/strict/identity.schema.json", "types/index.ts", "README.md", "LICENSE", "CHANGELOG.md", "SECURITY.md", "BENCHMARKS.md"],
      ]),
    );
    expect(files.filter((f) => /^(test|scripts|src|bench|metadata)\//.test(f) || f.endsWith(".tgz"))).toEqual([]);
  });

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

  it("in Node.js, loads Ajv's code and the error descriptions only when a value is first invalid, and describes every known payload as the bundlers' build does", () => {
    // Node.js takes dist/node/ (the `node` condition); the bundlers' build (dist/src/, imported here by path)
    // imports the same code. Each verdict and issue list, in both modes and error modes, must be the same, on
    // every example, rule case and corpus payload (Graph's published ones).
    const known = payloads().map(({ type, data }) => ({ type, data }));
    write("payloads.json", JSON.stringify(known));
    write(
      "on-demand.js",
      `import { createRequire } from "node:module";
import { readFileSync } from "node:fs";
import * as tolerant from "graph-invite-participants";
import * as strict from "graph-invite-participants/strict";
const bundled = {
  tolerant: await import("./node_modules/graph-invite-participants/dist/src/index.js"),
  strict: await import("./node_modules/graph-invite-participants/dist/src/strict.js"),
};
const cache = createRequire(import.meta.url).cache;
const loaded = () => Object.keys(cache).filter((file) => file.endsWith("-code.cjs")).map((file) => file.slice(file.lastIndexOf("/") + 1)).sort();
const cases = JSON.parse(readFileSync("payloads.json", "utf8"));
const report = { atImport: loaded(), valid: 0, afterValid: null, afterTolerantInvalid: null, compared: 0, differences: [] };
// The payloads valid in both modes, as the bundlers' build's fast path judges them (which loads no file).
for (const { type, data } of cases) {
  if (!bundled.tolerant.validators[type].is(data) || !bundled.strict.validators[type].is(data)) continue;
  if (tolerant.validators[type].validate(data).valid && strict.validators[type].validate(data).valid) report.valid += 1;
  else report.differences.push(["valid in both modes", type]);
}
// JSON text and bytes that parse, and Standard Schema's verdict on a valid value, read no file either.
if (tolerant.parseJsonIdentity('{"id":"x"}').id !== "x" || strict.parseJsonIdentity(new TextEncoder().encode('{"id":"x"}')).id !== "x") report.differences.push("parseJson");
if (tolerant.validators.Identity["~standard"].validate({ id: "x" }).value?.id !== "x") report.differences.push("~standard");
report.afterValid = loaded();
tolerant.validateIdentity({ id: 5 });
report.afterTolerantInvalid = loaded();
for (const [mode, api] of Object.entries({ tolerant, strict })) {
  for (const { type, data } of cases) {
    for (const options of [undefined, { allErrors: true }]) {
      const ours = JSON.stringify(api.validators[type].validate(data, options));
      if (ours !== JSON.stringify(bundled[mode].validators[type].validate(data, options))) report.differences.push([mode, type, ours]);
      report.compared += 1;
    }
    if (JSON.stringify(api.validators[type].schema) !== JSON.stringify(bundled[mode].validators[type].schema)) report.differences.push([mode, type, "schema"]);
  }
}
report.atEnd = loaded();
// The descriptions of Ajv's errors come with Ajv's code, not with the entry modules.
const packaged = (file) => readFileSync("./node_modules/graph-invite-participants/dist/node/" + file, "utf8").includes("function collapseComposites(");
report.describing = ["index.js", "strict.js", "tolerant-code.cjs", "strict-code.cjs"].filter(packaged);
// So does what explains a rejection, reads options and bad JSON, and reports issues to Standard Schema.
const explaining = (file) => /function (?:explain|readOptions|jsonErrorOffset|jsonSchemaFor)\\(/.test(readFileSync("./node_modules/graph-invite-participants/dist/node/" + file, "utf8"));
report.explaining = ["index.js", "strict.js", "tolerant-code.cjs", "strict-code.cjs"].filter(explaining);
// Each entry module is the only module its import loads: no static import, not even of a built-in (importing
// node:module cost about 0.7 ms at import; the error code is required through process.getBuiltinModule).
const importing = (file) => /(?:^|[;}\\n])\\s*import\\s*[{*\\w"']/.test(readFileSync("./node_modules/graph-invite-participants/dist/node/" + file, "utf8"));
report.importing = ["index.js", "strict.js"].filter(importing);
// Each entry point is a module of its own in Node.js's build, with its own class; instanceof holds across.
try { strict.assertIdentity(1); } catch (error) { report.instanceofAcross = error instanceof tolerant.ValidationError; }
console.log(JSON.stringify(report));`,
    );
    const run = node("on-demand.js");
    expect(run.stderr).toBe("");
    const report = JSON.parse(run.stdout);
    expect(report).toMatchObject({
      atImport: [],
      afterValid: [],
      afterTolerantInvalid: ["tolerant-code.cjs"],
      atEnd: ["strict-code.cjs", "tolerant-code.cjs"],
      differences: [],
      compared: known.length * 4,
      instanceofAcross: true,
      describing: ["tolerant-code.cjs", "strict-code.cjs"],
      explaining: ["tolerant-code.cjs", "strict-code.cjs"],
      importing: [],
    });
    expect(report.valid).toBeGreaterThan(100);
  });

  it("gives bundlers the build that imports Ajv's code, and says so clearly when a bundle leaves that code out", async () => {
    write("app.js", `import { validateIdentity } from "graph-invite-participants";\nconsole.log(JSON.stringify(validateIdentity({ id: 5 }).errors.map((issue) => issue.path)));`);
    const bundle = async (conditions?: string[]) => {
      const result = await build({
        entryPoints: [join(project, "app.js")],
        bundle: true,
        platform: "node",
        format: "esm",
        write: false,
        logLevel: "silent",
        ...(conditions ? { conditions } : {}),
      });
      return result.outputFiles[0]!.text;
    };
    // esbuild's defaults (the `module` condition): the code is in the bundle, which runs anywhere.
    const whole = await bundle();
    expect(whole).not.toContain("createRequire");
    write("bundled/app.mjs", whole);
    expect(node("bundled/app.mjs")).toMatchObject({ status: 0, stdout: '["/id"]\n', stderr: "" });
    // Only the `node` condition: Node.js's build, whose code file the bundle does not carry.
    write("bundled/node-only.mjs", await bundle(["node"]));
    const run = node("bundled/node-only.mjs");
    expect(run.status).not.toBe(0);
    expect(run.stderr).toContain("graph-invite-participants could not load its error code (tolerant-code.cjs)");
    // A runtime without process.getBuiltinModule (Node.js before 20.16) is told what the load needs.
    write("no-builtin.js", `delete process.getBuiltinModule;\nawait import("./app.js");`);
    const old = node("no-builtin.js");
    expect(old.status).not.toBe(0);
    expect(old.stderr).toContain(
      "could not load its error code (tolerant-code.cjs), which Node.js reads with require() when a value is first invalid (reached through process.getBuiltinModule, Node.js 20.16 or later)",
    );
    // The installed package, unbundled, reads it.
    expect(node("app.js")).toMatchObject({ status: 0, stdout: '["/id"]\n', stderr: "" });
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
    expect(manifest.scripts.prepack).toBe("npm run build");
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
