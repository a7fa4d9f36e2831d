// The package as users get it: packed with `npm pack`, installed from the tarball into an empty project,
// and used from ESM, CommonJS, TypeScript (NodeNext and Bundler resolution) and the shell.
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { ROOT } from "../scripts/generate.js";

const project = mkdtempSync(join(tmpdir(), "gip-consumer-"));
const installed = join(project, "node_modules/graph-invite-participants");
const npm = (args: string[], cwd: string) => execFileSync("npm", args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
const write = (name: string, content: string) => writeFileSync(join(project, name), content);
const node = (file: string) => spawnSync(process.execPath, [file], { cwd: project, encoding: "utf8" });
const operation = JSON.stringify({ status: "Running", participants: [{ identity: { phone: { id: "+12345678901" } } }] });

beforeAll(() => {
  // dist/ is built by `npm test` before vitest runs; --ignore-scripts keeps the pack from rebuilding it.
  const tarball = npm(["pack", "--ignore-scripts", "--silent", "--pack-destination", project], ROOT).trim().split("\n").at(-1)!;
  write("package.json", JSON.stringify({ name: "consumer", private: true, type: "module" }));
  npm(["install", "--no-audit", "--no-fund", "--ignore-scripts", join(project, tarball)], project);
}, 120_000);

describe("the packed package", () => {
  it("has no runtime dependencies and ships only what users need", () => {
    const manifest = JSON.parse(readFileSync(join(installed, "package.json"), "utf8"));
    expect(manifest.dependencies ?? {}).toEqual({});
    const listing = npm(["pack", "--dry-run", "--json", "--ignore-scripts"], ROOT);
    const files = (JSON.parse(listing) as { files: { path: string }[] }[])[0]!.files.map((f) => f.path);
    expect(files).toEqual(expect.arrayContaining(["dist/src/index.js", "dist/src/index.d.ts", "dist/src/strict.js", "dist/src/bin.js", "schemas/openapi.json", "schemas/strict/identity.schema.json", "README.md", "LICENSE"]));
    expect(files.filter((f) => /^(test|scripts|src|types)\//.test(f) || f.endsWith(".tgz"))).toEqual([]);
  });

  it("imports as ESM, from . and ./strict", () => {
    write(
      "esm.js",
      `import { validateInviteParticipantsOperation, parseInviteParticipantsOperation } from "graph-invite-participants";
import * as strict from "graph-invite-participants/strict";
const value = parseInviteParticipantsOperation(${JSON.stringify(operation)});
console.log(validateInviteParticipantsOperation(value).valid, strict.validateInviteParticipantsOperation({ ...value, extra: 1 }).errors[0].path);`,
    );
    expect(node("esm.js")).toMatchObject({ status: 0, stdout: "true /extra\n", stderr: "" });
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
      stdout: "https://unpkg.com/graph-invite-participants/schemas/strict/inviteParticipantsRequest.schema.json identity graph-invite-participants\n",
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

  it("installs the command line", () => {
    write("payload.json", operation);
    const bin = spawnSync(join(project, "node_modules/.bin/graph-invite-participants"), ["validate", "payload.json"], { cwd: project, encoding: "utf8" });
    expect(bin).toMatchObject({ status: 0, stdout: "payload.json: valid InviteParticipantsOperation (tolerant)\n" });
  });
});
