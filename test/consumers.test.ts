// The packed package inside real consumer projects (test/consumers/*, each with its own lockfile): the
// libraries its users already have, installed as those projects' dev dependencies.
import { spawnSync } from "node:child_process";
import { readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, inject, it } from "vitest";
import { ROOT } from "../scripts/root.js";
import { consumerProject, installedAsLocked } from "./support.js";

const run = (command: string, args: string[], cwd: string) => spawnSync(command, args, { cwd, encoding: "utf8", timeout: 120_000 });

describe("tRPC 11 and Hono", () => {
  it("take validators.InviteParticipantsRequest as it is: valid input reaches the handler, invalid is refused with the package's issues", () => {
    const folder = consumerProject("trpc-hono", inject("tarball"));
    rmSync(join(folder, "generated"), { recursive: true, force: true });
    const compile = run(join(folder, "node_modules/.bin/tsc"), ["-p", folder], folder);
    expect(compile.stdout + compile.stderr).toBe("");
    const result = run(process.execPath, [join(folder, "generated/app.js")], folder);
    expect(result.stderr).toBe("");
    const answers = JSON.parse(result.stdout);
    const issue = {
      path: "/participants/0/replaceCallId",
      message: '/participants/0/replaceCallId is not a declared property of invitationParticipantInfo; did you mean "replacesCallId"? (strict mode rejects undeclared properties)',
    };
    expect(answers.trpc.valid).toEqual({ ok: { invited: 1, first: "278405a3-f568-4b3e-b684-009193463064" } });
    expect(answers.trpc.invalid).toEqual({ code: "BAD_REQUEST", causeIsValidationError: true, issues: [issue] });
    expect(answers.hono.valid).toEqual({ status: 200, body: { invited: 1 } });
    expect(answers.hono.invalid.status).toBe(400);
    // Hono shows the Standard Schema issues: the path once, as its own field, and the message without it.
    expect(answers.hono.invalid.body).toMatchObject({
      success: false,
      error: [
        {
          path: ["participants", 0, "replaceCallId"],
          message: 'Not a declared property of invitationParticipantInfo; did you mean "replacesCallId"? (strict mode rejects undeclared properties)',
        },
      ],
    });
  }, 180_000);
});

describe("Fastify 5 with graph-invite-participants/fastify", () => {
  it("checks the package's schemas (as validators.T.schema or the file imported) with its validators, and another schema with Fastify's own", () => {
    const folder = consumerProject("fastify", inject("tarball"));
    const result = run(process.execPath, [join(folder, "app.mjs")], folder);
    expect(result.stderr).toBe("");
    expect(JSON.parse(result.stdout)).toEqual({
      valid: { status: 200 },
      typo: {
        status: 400,
        message:
          'body/participants/0/replaceCallId is not a declared property of invitationParticipantInfo; did you mean "replacesCallId"? (strict mode rejects undeclared properties)',
      },
      callback: { status: 400, message: "body/value/0/resourceUrl is required (or resource in its place)" },
      params: { status: 400, message: "params/id must NOT have more than 4 characters" },
      cjs: "function",
    });
  }, 180_000);
});

describe("express-openapi-validator with schemas/openapi.json", () => {
  it("validates the invite under the document's base path only, and never the callback, which validateCommsNotifications checks", () => {
    const folder = consumerProject("express-openapi", inject("tarball"));
    const result = run(process.execPath, [join(folder, "app.mjs")], folder);
    expect(result.stderr).toBe("");
    const answers = JSON.parse(result.stdout);
    // Under /v1.0 (the document's server), a strict typo is refused (at the participant: OpenAPI's form of strict
    // mode names no property); mounted without it, the same typo passes unchecked.
    expect(answers.withBasePath.status).toBe(400);
    expect(answers.withBasePath.body.message).toContain("request/body/participants/0");
    expect(answers.withBasePathValid).toEqual({ status: 200, body: { invited: 1 } });
    expect(answers.withoutBasePath).toEqual({ status: 200, body: { invited: 1 } });
    // The fix: the document's server replaced by "/" validates the route where the service mounts it.
    expect(answers.rootedTypo.status).toBe(400);
    expect(answers.rootedTypo.body.message).toContain("request/body/participants/0");
    expect(answers.rootedValid).toEqual({ status: 200, body: { invited: 1 } });
    // The callback is a webhook of the document: the middleware lets an invalid one through.
    expect(answers.callbackUnchecked.status).toBe(202);
    expect(answers.callbackChecked).toEqual({
      status: 400,
      body: { errors: [{ path: "/value/0/resourceUrl", message: "/value/0/resourceUrl is required (or resource in its place)" }] },
    });
  }, 180_000);
});

describe("Microsoft's Graph SDKs", () => {
  it("Kiota reads a validated callback's operation once its status is PascalCase, writes no phone of an invitation; the Teams SDK's invite body validates as it is", () => {
    const folder = consumerProject("graph-sdks", inject("tarball"));
    // The invite built with the Teams SDK's types, checked by the package, and its response read by it: type-checks.
    const compile = run(process.execPath, [join(folder, "node_modules/typescript/bin/tsc"), "-p", folder], folder);
    expect(compile.stdout + compile.stderr).toBe("");
    const result = run(process.execPath, [join(folder, "app.mjs"), join(ROOT, "test/examples/commsNotifications.invite-completed.json")], folder);
    expect(result.stderr).toBe("");
    expect(JSON.parse(result.stdout)).toEqual({
      callbackValid: true,
      // Kiota's deserializer reads only PascalCase statuses: the callback's "completed" is no status to it.
      kiotaStatusAsSent: null,
      kiotaStatusConverted: "Completed",
      kiotaParticipants: 1,
      operationUnchanged: "completed",
      operationStillValid: true,
      // Its serializer writes an identity set's own members only: the phone is gone, and the package says so.
      kiotaSerialized: { participants: [{ identity: { "@odata.type": "#microsoft.graph.communicationsIdentitySet" } }] },
      kiotaSerializedIssues: ["/participants/0/identity"],
      teamsPath: "/communications/calls/{call-id}/participants/invite",
      teamsBodyValid: true,
      teamsTypedBodyValid: true,
    });
  }, 180_000);
});

describe("a bot written with the Teams SDK, against the stand-in for Graph", () => {
  it("invites through the SDK's client with its base URL root at the stand-in, hears the signed callbacks, and gets Graph's throttling as a GraphError", () => {
    const folder = consumerProject("graph-sdks", inject("tarball"));
    const result = run(process.execPath, [join(folder, "standin.mjs")], folder);
    expect(result.stderr).toBe("");
    expect(JSON.parse(result.stdout)).toEqual({
      operation: { status: "running", clientContext: "teams-sdk" },
      path: expect.stringMatching(/^\/v1\.0\/communications\/calls\/[\w-]+\/participants\/invite$/),
      heard: [
        { valid: true, status: "completed", bearer: true },
        { valid: true, status: "completed", bearer: true },
      ],
      typo: { status: "running", strictIssues: ["/participants/0/replaceCallId"] },
      refused: { statusCode: 429, code: "TooManyRequests" },
    });
  }, 180_000);
});

describe("Jest 30 on CommonJS", () => {
  it("requires both entry points and runs a bot project's tests", () => {
    const folder = consumerProject("jest-cjs", inject("tarball"));
    const jest = run(process.execPath, [join(folder, "node_modules/jest/bin/jest.js"), "--ci", "--colors=false"], folder);
    expect(jest.stderr).toContain("Tests:       3 passed, 3 total");
    expect(jest.status).toBe(0);
  }, 180_000);
});

describe("TypeScript users", () => {
  // TypeScript 5.0 is the oldest supported; 7 is the current one, which no longer has Node10 resolution.
  const matrix = [
    ["5.0.4", "typescript", ["nodenext", "bundler", "node16", "node10"]],
    ["7.0.2", "typescript-current", ["nodenext", "bundler", "node16"]],
  ] as const;
  it.each(matrix.flatMap(([version, folderName, resolutions]) => resolutions.map((resolution) => [version, resolution, folderName] as const)))(
    "TypeScript %s type-checks a user under %s resolution",
    (version, resolution, folderName) => {
      const folder = consumerProject("typescript", inject("tarball"));
      const tsc = join(folder, "node_modules", folderName, "bin/tsc");
      // The version installed, read from its package.json rather than by starting TypeScript only to print it.
      expect((JSON.parse(readFileSync(join(folder, "node_modules", folderName, "package.json"), "utf8")) as { version: string }).version).toBe(version);
      // esm.mts and cjs.ts each expect a type error on a wrong status: an unused expectation fails too.
      const result = run(process.execPath, [tsc, "-p", join(folder, `tsconfig.${resolution}.json`)], folder);
      expect(result.stdout + result.stderr).toBe("");
      expect(result.status).toBe(0);
    },
    120_000,
  );
});

describe("the test kit in a bot's own tests (node:test)", () => {
  it("runs the bot's handler over Graph's fixtures, fast-check over the arbitraries (a scenario's too), and the bot against the stand-in, throttled and refused", () => {
    const folder = consumerProject("test-kit", inject("tarball"));
    const result = run(process.execPath, ["--test", "--test-reporter=tap", "bot.test.js"], folder);
    expect(result.stderr).toBe("");
    expect(result.stdout).toMatch(/^# pass 6$/m);
    expect(result.stdout).toMatch(/^# fail 0$/m);
    expect(result.status).toBe(0);
  }, 180_000);
});

describe("the consumer projects", () => {
  it("count as installed once installed, so that a run installs each at most once (and goes to the registry only then)", () => {
    // Jest's and TypeScript's lockfiles list a native binary for every platform, which npm installs only for this one.
    for (const name of ["express-openapi", "fastify", "graph-sdks", "jest-cjs", "test-kit", "trpc-hono", "typescript"]) {
      expect(installedAsLocked(consumerProject(name)), name).toBe(true);
    }
  });
});
