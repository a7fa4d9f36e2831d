// Fastify with the shipped schema files, as the README shows: with the documented Ajv options its verdicts
// are the package's and the body reaches the handler unchanged; with Fastify's defaults they are not.
// And a tolerant file as a response schema keeps what Graph sent.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Fastify, { type FastifyInstance, type FastifyServerOptions } from "fastify";
import { afterAll, describe, expect, inject, it } from "vitest";
import { buildValidator } from "../src/fastify.js";
import { api, payloads } from "./support.js";

// The schema files as the packed package ships them.
const unpacked = mkdtempSync(join(tmpdir(), "gip-fastify-"));
afterAll(() => rmSync(unpacked, { recursive: true, force: true }));
spawnSync("tar", ["-xzf", inject("tarball"), "-C", unpacked, "--strip-components=1"]);
const readJsonFile = (path: string): unknown => JSON.parse(readFileSync(join(unpacked, path), "utf8"));

/** The Ajv options the README documents for the shipped schemas (no stripping, coercion or defaults). */
const KEEP_VERDICTS = { customOptions: { removeAdditional: false, coerceTypes: false, useDefaults: false } } as const;

async function echo(options: FastifyServerOptions) {
  const app = Fastify(options);
  const route = (url: string, schema: unknown) => app.post(url, { schema: { body: schema as object } }, async (request) => ({ received: request.body }));
  route("/request", readJsonFile("schemas/strict/inviteParticipantsRequest.schema.json"));
  route("/notifications", readJsonFile("schemas/commsNotifications.schema.json"));
  await app.ready();
  return app;
}

async function verdicts(app: FastifyInstance) {
  const cases = [
    ...payloads()
      .filter((p) => p.type === "InviteParticipantsRequest")
      .map((p) => ({ ...p, url: "/request", ours: api.strict.validators.InviteParticipantsRequest.is(p.data) })),
    ...payloads()
      .filter((p) => p.type === "CommsNotifications")
      .map((p) => ({ ...p, url: "/notifications", ours: api.tolerant.validators.CommsNotifications.is(p.data) })),
  ];
  const disagreements: string[] = [];
  const changed: string[] = [];
  for (const c of cases) {
    const response = await app.inject({ method: "POST", url: c.url, payload: JSON.stringify(c.data), headers: { "content-type": "application/json" } });
    if ((response.statusCode === 200) !== c.ours) disagreements.push(c.label);
    if (response.statusCode === 200 && JSON.stringify(response.json().received) !== JSON.stringify(c.data)) changed.push(c.label);
  }
  return { cases: cases.length, disagreements, changed };
}

describe("Fastify with the shipped schema files", () => {
  it("with the documented Ajv options, reaches the package's verdict on every case and passes the body unchanged", async () => {
    const app = await echo({ ajv: KEEP_VERDICTS });
    const result = await verdicts(app);
    await app.close();
    expect(result.cases).toBeGreaterThan(150);
    expect(result.disagreements).toEqual([]);
    expect(result.changed).toEqual([]);
  });

  it("with Fastify's default options, strips and coerces (why the options are documented)", async () => {
    const app = await echo({});
    const result = await verdicts(app);
    await app.close();
    expect(result.disagreements.length + result.changed.length).toBeGreaterThan(0);
  });

  it("serialises a response with a tolerant file and keeps the properties Graph sent that it does not declare", async () => {
    const app = Fastify();
    const operation = { status: "running", participants: [{ identity: { user: { id: "u" } }, id: "p1" }], newGraphProperty: { a: 1 } };
    app.get("/operation", { schema: { response: { 200: readJsonFile("schemas/inviteParticipantsOperation.schema.json") as object } } }, async () => operation);
    const response = await app.inject({ method: "GET", url: "/operation" });
    await app.close();
    expect(response.json()).toEqual(operation);
  });
});

describe("graph-invite-participants/fastify", () => {
  const withPackage: FastifyServerOptions = { schemaController: { compilersFactory: { buildValidator } } };

  it("validates the package's schemas with the package's validators: every case gets the package's verdict, the body unchanged", async () => {
    const app = await echo(withPackage);
    const result = await verdicts(app);
    await app.close();
    expect(result.cases).toBeGreaterThan(150);
    expect(result.disagreements).toEqual([]);
    expect(result.changed).toEqual([]);
  });

  it("answers 400 with the package's message, and leaves every other schema to Fastify's own compiler", async () => {
    const app = Fastify(withPackage);
    app.post("/invite", { schema: { body: api.strict.validators.InviteParticipantsRequest.schema } }, async () => ({ ok: true }));
    app.get("/operations/:id", { schema: { params: { type: "object", properties: { id: { type: "string", maxLength: 4 } } } } }, async () => ({ ok: true }));
    const typo = { participants: [{ identity: { user: { id: "u" } }, replaceCallId: "c" }] };
    const invalid = await app.inject({ method: "POST", url: "/invite", payload: typo });
    expect(invalid.statusCode).toBe(400);
    expect(invalid.json().message).toBe(
      'body/participants/0/replaceCallId is not a declared property of invitationParticipantInfo; did you mean "replacesCallId"? (strict mode rejects undeclared properties)',
    );
    expect((await app.inject({ method: "POST", url: "/invite", payload: { participants: [{ identity: { user: { id: "u" } } }] } })).statusCode).toBe(200);
    const params = await app.inject({ method: "GET", url: "/operations/toolong" });
    expect(params.statusCode).toBe(400);
    expect(params.json().message).toBe("params/id must NOT have more than 4 characters");
    await app.close();
  });
});
