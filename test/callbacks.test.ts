// graph-invite-participants/callbacks: Graph's token refused or accepted case by case, each notification handed to
// its typed handler, and the Node.js middleware and the Fastify plugin answering as Graph expects.
import { once } from "node:events";
import { readFileSync } from "node:fs";
import { createServer, request as httpRequest } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import Fastify from "fastify";
import { exportSPKI, SignJWT } from "jose";
import { afterAll, describe, expect, it } from "vitest";
import { ROOT } from "../scripts/root.js";
import {
  type CallbackHandlers,
  createGraphCallbacks,
  createGraphTokenVerifier,
  dispatchCallbacks,
  fastifyGraphCallbacks,
  GRAPH_ISSUERS,
  GraphTokenError,
  graphCallbacksMiddleware,
} from "../src/callbacks/middleware.js";
import type { CommsNotifications, InviteParticipantsOperation } from "../src/index.js";
import { validateCommsNotifications } from "../src/index.js";
import { startGraphStandIn } from "../src/test-kit/stand-in.js";
import { APP_ID, startKeyServer, TENANT_ID } from "./graph-tokens.js";

const example = (name: string) => JSON.parse(readFileSync(join(ROOT, "test/examples", name), "utf8"));
const keys = await startKeyServer();
afterAll(() => keys.close());
const verifier = (options = {}) => createGraphTokenVerifier({ appId: APP_ID, openIdConfiguration: keys.openIdConfiguration, ...options });
const base64url = (value: object) => Buffer.from(JSON.stringify(value)).toString("base64url");
const now = () => Math.floor(Date.now() / 1000);

describe("Graph's token", () => {
  const verify = verifier({ tenantId: TENANT_ID });
  const refused: [string, () => Promise<string | undefined>, RegExp][] = [
    ["no token", async () => undefined, /no Authorization header/],
    ["another scheme", async () => `Basic ${await keys.sign()}`, /not a Bearer token/],
    ["another audience", async () => `Bearer ${await keys.sign({ audience: "another-app" })}`, /not for this application/],
    ["another issuer", async () => `Bearer ${await keys.sign({ issuer: "https://attacker.example" })}`, /issuer is not Graph/],
    ["another tenant", async () => `Bearer ${await keys.sign({ tenantId: "another-tenant" })}`, /not for this tenant/],
    ["expired beyond the tolerance", async () => `Bearer ${await keys.sign({ expiresIn: -301 })}`, /expired/],
    // 330 s, not 301: a busy machine may take seconds between signing and verifying, and nbf only comes nearer.
    ["nbf beyond the tolerance", async () => `Bearer ${await keys.sign({ notBefore: 330 })}`, /not valid yet/],
    [
      "alg none",
      async () => `Bearer ${base64url({ alg: "none", typ: "JWT" })}.${base64url({ aud: APP_ID, iss: GRAPH_ISSUERS[0], tid: TENANT_ID, exp: now() + 600 })}.`,
      /algorithm/,
    ],
    [
      "an HMAC token made with the public key",
      async () => {
        const configuration = (await (await fetch(keys.openIdConfiguration)).json()) as { jwks_uri: string };
        const served = (await (await fetch(configuration.jwks_uri)).json()) as { keys: import("node:crypto").JsonWebKey[] };
        const { createPublicKey } = await import("node:crypto");
        const pem = await exportSPKI(createPublicKey({ key: served.keys[0]!, format: "jwk" }) as never);
        const token = await new SignJWT({ tid: TENANT_ID })
          .setProtectedHeader({ alg: "HS256", kid: "graph-test-key" })
          .setIssuer(GRAPH_ISSUERS[0]!)
          .setAudience(APP_ID)
          .setExpirationTime(now() + 600)
          .sign(new TextEncoder().encode(pem));
        return `Bearer ${token}`;
      },
      /algorithm/,
    ],
    ["an unknown key", async () => `Bearer ${await keys.sign({ foreignKey: true, kid: "not-graphs" })}`, /signed by no key Graph publishes/],
    ["a key of the set's kid that did not sign it", async () => `Bearer ${await keys.sign({ foreignKey: true })}`, /signature does not verify/],
    ["a cut token", async () => `Bearer ${(await keys.sign()).split(".").slice(0, 2).join(".")}`, /not a JWT/],
    ["a padded token", async () => `Bearer ${await keys.sign()}.AAAA`, /not a JWT/],
    ["a token with a signature cut short", async () => `Bearer ${(await keys.sign()).slice(0, -8)}`, /signature does not verify/],
  ];
  it.each(refused)("refuses %s, saying why and never echoing the token", async (_name, authorization, why) => {
    const header = await authorization();
    const error = (await verify(header).catch((caught: unknown) => caught)) as GraphTokenError;
    expect(error).toBeInstanceOf(GraphTokenError);
    expect(error.reason).toBe("invalid");
    expect(error.message).toMatch(why);
    const token = header?.split(" ")[1];
    if (token !== undefined && token.length > 20) expect(error.message).not.toContain(token.slice(-20));
  });

  it("accepts Graph's real token shape with either issuer, and 2 s of clock skew either way", async () => {
    for (const issuer of GRAPH_ISSUERS) {
      // The claims Graph's callback tokens carry (an app-only token of the Graph service principal).
      const claims = await verify(`Bearer ${await keys.sign({ issuer, notBefore: 2 })}`);
      expect(claims).toMatchObject({ iss: issuer, aud: APP_ID, tid: TENANT_ID });
    }
    await expect(verify(`Bearer ${await keys.sign({ expiresIn: -2 })}`)).resolves.toMatchObject({ aud: APP_ID });
  });

  it("accepts the stand-in's tokens, through the OpenID configuration it serves", async () => {
    const graph = await startGraphStandIn({ issuer: GRAPH_ISSUERS[1] });
    try {
      const standIn = createGraphTokenVerifier({ appId: graph.appId, openIdConfiguration: graph.openIdConfiguration, tenantId: graph.tenantId });
      await expect(standIn(`Bearer ${graph.sign()}`)).resolves.toMatchObject({ tid: graph.tenantId, iss: "https://api.botframework.com" });
    } finally {
      await graph.close();
    }
  });

  it("under forged tokens from 8 clients for 10 s while the key endpoints fail: at most 4 fetches, every valid token accepted", { timeout: 30_000 }, async () => {
    // With a refresh interval of 1 s (the default is 60 s, which would allow none): a token of an unknown key asks
    // for the keys; the first failure waits 1 s, then 2 s, 4 s: at most 4 tries in 10 s.
    const warm = verifier({ refreshIntervalMs: 1_000, retryDelayMs: 1_000 });
    const good = `Bearer ${await keys.sign()}`;
    await warm(good);
    const before = keys.requests();
    keys.fail(true);
    try {
      const forged = [`Bearer ${await keys.sign({ kid: "rotated" })}`, `Bearer ${await keys.sign({ foreignKey: true })}`, "Bearer x.y.z"];
      const until = Date.now() + 10_000;
      const results = await Promise.all(
        Array.from({ length: 8 }, async () => {
          let accepted = 0;
          let wrong = 0;
          while (Date.now() < until) {
            for (const token of forged)
              if (
                await warm(token).then(
                  () => true,
                  () => false,
                )
              )
                wrong += 1;
            if (
              await warm(good).then(
                () => true,
                () => false,
              )
            )
              accepted += 1;
            else wrong += 1;
            await new Promise((resolve) => setTimeout(resolve, 2));
          }
          return { accepted, wrong };
        }),
      );
      expect(results.reduce((sum, { wrong }) => sum + wrong, 0)).toBe(0);
      expect(results.every(({ accepted }) => accepted > 0)).toBe(true);
      expect(keys.requests() - before).toBeLessThanOrEqual(4);
    } finally {
      keys.fail(false);
    }
  });
});

/** A batch holding one notification of each kind the handlers tell apart. */
function mixedBatch(): CommsNotifications {
  const completed = example("commsNotifications.invite-completed.json").value[0];
  const failed = example("commsNotifications.invite-failed.json").value[0];
  const running = structuredClone(completed);
  running.resourceData.status = "Running";
  const prompt = {
    changeType: "deleted",
    resourceUrl: "/communications/calls/c1/operations/p1",
    resourceData: { "@odata.type": "#microsoft.graph.playPromptOperation", id: "p1", status: "completed" },
  };
  const roster = example("commsNotifications.roster-updated.json").value[0];
  const result = validateCommsNotifications({ value: [completed, failed, running, prompt, roster] });
  if (!result.valid) throw new Error(JSON.stringify(result.errors));
  return result.value;
}

describe("handlers", () => {
  it("hand each notification to the handler of its kind, typed, and keep going when one throws", async () => {
    const seen: string[] = [];
    const handlers: CallbackHandlers = {
      inviteCompleted: (operation: InviteParticipantsOperation) => void seen.push(`completed ${operation.participants?.length}`),
      inviteFailed: (operation) => {
        seen.push(`failed ${operation.resultInfo?.code}`);
        throw new Error("the bot's store is down");
      },
      inviteRunning: async (operation) => void seen.push(`running ${operation.status}`),
      operation: (operation, notification) => void seen.push(`operation ${operation["@odata.type"]} ${notification.changeType}`),
      other: (notification) => void seen.push(`other ${notification.resourceUrl?.split("/").at(-1)}`),
    };
    const received = await dispatchCallbacks(mixedBatch(), handlers);
    const failedCode = example("commsNotifications.invite-failed.json").value[0].resourceData.resultInfo.code;
    expect(seen).toEqual(["completed 1", `failed ${failedCode}`, "running Running", "operation #microsoft.graph.playPromptOperation deleted", "other participants"]);
    expect(received.handled).toBe(5);
    expect(received.failed.map(({ index }) => index)).toEqual([1]);
  });

  it("pass over kinds without a handler", async () => {
    const received = await dispatchCallbacks(mixedBatch(), { inviteFailed: () => undefined });
    expect(received).toEqual({ handled: 1, failed: [] });
  });
});

describe("the endpoint without a framework", () => {
  it("answers each request as the adapters do, and hands a valid batch to the handlers", async () => {
    const seen: string[] = [];
    const callbacks = createGraphCallbacks({
      appId: APP_ID,
      openIdConfiguration: keys.openIdConfiguration,
      handlers: { inviteCompleted: (operation) => void seen.push(operation.status) },
    });
    const authorization = `Bearer ${await keys.sign()}`;
    const body = readFileSync(join(ROOT, "test/examples/commsNotifications.invite-completed.json"));
    expect(await callbacks.handle({ authorization, contentType: "application/json; charset=utf-8", body })).toEqual({
      answer: { status: 202, headers: {} },
      received: { handled: 1, failed: [] },
    });
    expect(seen).toEqual(["completed"]);
    expect((await callbacks.handle({ authorization: undefined, contentType: "application/json", body })).answer.status).toBe(401);
    expect((await callbacks.handle({ authorization, contentType: "text/plain", body })).answer.status).toBe(415);
    const invalid = await callbacks.handle({ authorization, contentType: "application/json", body: { value: [{ changeType: "deleted" }] } });
    expect(invalid).toEqual({
      answer: {
        status: 400,
        headers: { "content-type": "application/json" },
        body: { errors: [{ path: "/value/0/resourceUrl", message: "/value/0/resourceUrl is required (or resource in its place)" }] },
      },
    });
    const deep = await callbacks.handle({ authorization, contentType: "application/json", body: `${"[".repeat(70)}${"]".repeat(70)}` });
    expect(deep.answer.body?.errors).toEqual([{ path: "", message: "the JSON is nested deeper than 64 levels" }]);
    expect(() => createGraphCallbacks({ appId: APP_ID, handlers: { inviteComplete: () => undefined } as never })).toThrow(
      /unknown option "inviteComplete"; did you mean "inviteCompleted"\?/,
    );
  });
});

describe("the Node.js middleware", async () => {
  const handled: string[] = [];
  const errors: unknown[] = [];
  const middleware = graphCallbacksMiddleware({
    appId: APP_ID,
    openIdConfiguration: keys.openIdConfiguration,
    bodyLimit: 64 * 1024,
    handlers: {
      inviteCompleted: (operation) => void handled.push(String(operation.id ?? "completed")),
      inviteFailed: () => {
        throw new Error("boom");
      },
    },
    onHandlerError: (error) => void errors.push(error),
  });
  const server = createServer((request, response) => middleware(request, response));
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/calls`;
  const token = await keys.sign();
  const post = (body: string, headers: Record<string, string> = {}) =>
    fetch(url, { method: "POST", headers: { "content-type": "application/json", authorization: `Bearer ${token}`, ...headers }, body });

  it("answers 202 once the handlers ran, a throwing one told to onHandlerError", async () => {
    const response = await post(JSON.stringify(mixedBatch()));
    expect(response.status).toBe(202);
    expect(handled).toHaveLength(1);
    expect(errors).toHaveLength(1);
  });

  it("answers 401, 400 with the issues, 415 and 413 as Graph expects", async () => {
    const unauthorized = await post("{}", { authorization: "Bearer x.y.z" });
    expect(unauthorized.status).toBe(401);
    expect(unauthorized.headers.get("www-authenticate")).toContain("Bearer");
    const invalid = await post(JSON.stringify(example("commsNotifications.invite-no-identity_invalid.json")));
    expect(invalid.status).toBe(400);
    expect(((await invalid.json()) as { errors: { path: string }[] }).errors[0]!.path).toBe("/value/0/resourceData/participants/0/identity");
    expect((await post("{", {})).status).toBe(400);
    expect((await post("value=1", { "content-type": "text/plain" })).status).toBe(415);
    expect((await post(JSON.stringify({ value: [], pad: "x".repeat(70_000) }))).status).toBe(413);
  });

  it("answers 413 to an endless body without reading it", async () => {
    const port = (server.address() as AddressInfo).port;
    const status = await new Promise<number>((resolve, reject) => {
      const request = httpRequest({
        host: "127.0.0.1",
        port,
        method: "POST",
        path: "/api/calls",
        headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
      });
      request.on("response", (response) => {
        resolve(response.statusCode ?? 0);
        request.destroy();
      });
      request.on("error", reject);
      const chunk = Buffer.alloc(16_384, 0x20);
      const more = () => {
        if (!request.destroyed && request.write(chunk)) setImmediate(more);
        else if (!request.destroyed) request.once("drain", more);
      };
      more();
    });
    expect(status).toBe(413);
  });
});

describe("the Fastify plugin", () => {
  it("adds the route with its answers, leaving the application's other routes and parsers alone", async () => {
    const kept: string[] = [];
    const app = Fastify();
    app.register(fastifyGraphCallbacks, {
      appId: APP_ID,
      openIdConfiguration: keys.openIdConfiguration,
      path: "/graph",
      handlers: { inviteCompleted: (operation) => void kept.push(operation.status) },
    });
    app.post("/other", async (request) => request.body);
    try {
      const token = `Bearer ${await keys.sign()}`;
      const inject = (payload: string, headers: Record<string, string> = {}) =>
        app.inject({ method: "POST", url: "/graph", headers: { "content-type": "application/json", authorization: token, ...headers }, payload });
      expect((await inject(JSON.stringify(example("commsNotifications.invite-completed.json")))).statusCode).toBe(202);
      expect(kept).toEqual(["completed"]);
      expect((await inject("{}", { authorization: "Bearer x.y.z" })).statusCode).toBe(401);
      expect((await inject(JSON.stringify({ value: [{}] }))).statusCode).toBe(400);
      expect((await inject("a=1", { "content-type": "text/plain" })).statusCode).toBe(415);
      // The application's own JSON parser still serves its other routes.
      expect((await app.inject({ method: "POST", url: "/other", payload: { a: 1 } })).json()).toEqual({ a: 1 });
    } finally {
      await app.close();
    }
  });
});
