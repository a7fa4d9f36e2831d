// What every entry point around the validators promises, class by class (SECURITY.md): options checked where they
// are given, arguments quoted escaped, writes handled, timers and requests of the stand-in ended by close(),
// outgoing requests bounded, kept strings copied; and the verdict of a subtype's properties read as the report reads.
import { spawnSync } from "node:child_process";
import { once } from "node:events";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer, request as httpRequest, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Writable } from "node:stream";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import Fastify from "fastify";
import { decodeJwt } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../examples/callback-service/app.js";
import { ROOT } from "../scripts/generate.js";
import { createGraphTokenVerifier, GRAPH_ISSUERS, GraphTokenError, inviteNotificationsOf } from "../src/callbacks/middleware.js";
import { main } from "../src/cli/main.js";
import { buildValidator } from "../src/fastify.js";
import { validators as tolerantValidators, validateCommsNotifications } from "../src/index.js";
import { startGraphStandIn } from "../src/test-kit/stand-in.js";
import { APP_ID, startKeyServer, TENANT_ID } from "./graph-tokens.js";
import { api, MODES } from "./support.js";

const BIN = join(ROOT, "dist/src/bin.js");
const INVITE = { participants: [{ identity: { user: { id: "8d8e9a8c-1c2d-4e5f-8a9b-0c1d2e3f4a5b" } } }] };
const COMPLETED = JSON.parse(JSON.stringify((await import("../src/test-kit/fixtures.js")).fixturesFor("inviteCompleted", "CommsNotifications")[0]!.payload));

/** An HTTP server on 127.0.0.1 answering with `handler`; resolves with its base URL and the server. */
async function serve(handler: Parameters<typeof createServer>[1]): Promise<{ base: string; server: Server }> {
  const server = createServer(handler);
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  return { base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}
const stop = (server: Server) => {
  server.closeAllConnections();
  return new Promise<void>((resolve) => server.close(() => resolve()));
};

describe("options, at every entry point", () => {
  it("the validators refuse an option they do not take, naming the two they take, in both modes", () => {
    for (const mode of MODES) {
      for (const [name, validate] of Object.entries(api[mode]).filter(([name]) => /^validate[A-Z]/.test(name))) {
        const call = () => (validate as (value: unknown, options: unknown) => unknown)({}, { alErrors: true });
        expect(call, name).toThrow(TypeError);
        expect(call, name).toThrow(/^validate: unknown option "alErrors"; the options are allErrors, maxErrors$/);
      }
    }
    expect(() => api.strict.validateIdentity({}, { maxErrors: 5, extra: 1 } as never)).toThrow(/unknown option "extra"; the options are allErrors, maxErrors/);
  });

  it("the stand-in checks each of its options, its outcome, its calls and its waits", async () => {
    await expect(startGraphStandIn({ retryDelay: 5 } as never)).rejects.toThrow(/unknown option "retryDelay"; did you mean "retryDelayMs"\?/);
    // A time a timer cannot wait (it would fire at once) or no time at all.
    for (const [options, name] of [
      [{ timeoutMs: Number.POSITIVE_INFINITY }, "timeoutMs"],
      [{ timeoutMs: 0 }, "timeoutMs"],
      [{ delayMs: 2 ** 31 }, "delayMs"],
      [{ retryDelayMs: Number.NaN }, "retryDelayMs"],
      [{ attempts: 1.5 }, "attempts"],
      [{ tenantId: 7 }, "tenantId"],
      [{ allowRemoteCallbacks: "yes" }, "allowRemoteCallbacks"],
      [{ mode: "lenient" }, "mode"],
    ] as const) {
      await expect(startGraphStandIn(options as never), name).rejects.toThrow(new RegExp(`options\\.${name} must be`));
    }
    // Doubled for each retry, a delay must still fit a timer.
    await expect(startGraphStandIn({ retryDelayMs: 2 ** 30, attempts: 3 })).rejects.toThrow(/retryDelayMs doubled/);
    const graph = await startGraphStandIn();
    try {
      expect(() => graph.setOutcome({ outcome: "cancelled" } as never)).toThrow(/options\.outcome must be one of "completed", "failed", not "cancelled"/);
      expect(() => graph.setOutcome({ delay: 5 } as never)).toThrow(/did you mean "delayMs"/);
      expect(() => graph.addCall({ callbackUri: "http://127.0.0.1/x", callId: "a" } as never)).toThrow(/unknown option "callId"/);
      await expect(graph.waitForCallbacks({ timeoutMs: Number.NaN })).rejects.toThrow(/options\.timeoutMs must be/);
      await expect(graph.waitForCallbacks({ timeoutMs: "500" as never })).rejects.toThrow(/options\.timeoutMs must be/);
      await expect(graph.waitForCallbacks({ count: 0 })).rejects.toThrow(/options\.count must be a positive integer/);
    } finally {
      await graph.close();
    }
  });

  it("the callbacks verifier and the example service check theirs", async () => {
    expect(() => createGraphTokenVerifier({ appId: APP_ID, clockTolerance: 5 } as never)).toThrow(/did you mean "clockToleranceSec"/);
    expect(() => createGraphTokenVerifier({} as never)).toThrow(/options\.appId is required/);
    expect(() => createGraphTokenVerifier({ appId: APP_ID, openIdConfiguration: "ftp://x" })).toThrow(/options\.openIdConfiguration must be an http or https URL/);
    expect(() => createGraphTokenVerifier({ appId: APP_ID, issuers: [] })).toThrow(/options\.issuers must be/);
    await expect(buildApp({ auth: { appId: APP_ID, tenant: "x" } as never }).ready()).rejects.toThrow(/unknown option "tenant"; did you mean "tenantId"\?/);
    expect(() => buildApp({ auth: { appId: APP_ID }, store: { entries: 0, bytes: 10 } })).toThrow(/options\.store\.entries must be a positive integer/);
    expect(() => buildApp({ auth: { appId: APP_ID }, store: { entrys: 5 } as never })).toThrow(/unknown option store\."entrys"/);
  });
});

describe("the command line", () => {
  let dir = "";
  let valid = "";
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "gip-entry-"));
    valid = join(dir, "valid.json");
    writeFileSync(valid, JSON.stringify({ "@odata.type": "#microsoft.graph.identity", id: "x" }));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("says it could not write its output (a full disk) with status 2 and no stack trace", () => {
    const result = spawnSync("sh", ["-c", `"${process.execPath}" "${BIN}" validate "${valid}" > /dev/full`], { encoding: "utf8" });
    expect(result.stderr).toMatch(/graph-invite-participants: cannot write the output: ENOSPC/);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(result.status).toBe(2);
  });

  it("in process too: a stream that fails its writes is status 2 with a message", async () => {
    const failing = new Writable({ write: (_chunk, _encoding, done) => done(Object.assign(new Error("no space left on device"), { code: "ENOSPC" })) });
    failing.on("error", () => undefined);
    let stderr = "";
    const status = await main(["validate", valid], {
      stdin: process.stdin,
      stdout: failing,
      stderr: new Writable({
        write: (chunk, _encoding, done) => {
          stderr += chunk;
          done();
        },
      }),
    });
    expect(stderr).toBe("graph-invite-participants: cannot write the output: ENOSPC\n");
    expect(status).toBe(2);
  });

  it("quotes every argument escaped: no terminal code from an option's name or value", () => {
    const ESC = "\u001b[2J";
    for (const args of [
      ["validate", "--format", ESC, valid],
      ["validate", "--max-bytes", ESC, valid],
      ["validate", `--${ESC}`, valid],
      ["validate", "--type", ESC, valid],
      [ESC],
    ]) {
      const result = spawnSync(process.execPath, [BIN, ...args], { encoding: "utf8" });
      expect(result.status, args.join(" ")).toBe(2);
      expect(result.stderr, args.join(" ")).not.toContain("\u001b");
      expect(result.stderr, args.join(" ")).toContain("\\u001b[2J");
    }
  });
});

describe("the stand-in", () => {
  it("ends a retry's wait at close(), and every delayed callback", async () => {
    const bot = await serve((_request, response) => response.writeHead(503).end());
    const graph = await startGraphStandIn({ retryDelayMs: 12_000, attempts: 2 });
    const later = await startGraphStandIn({ delayMs: 60_000 });
    try {
      for (const standIn of [graph, later]) {
        const call = standIn.addCall({ callbackUri: `${bot.base}/cb` });
        await fetch(`${standIn.url}/v1.0/communications/calls/${call}/participants/invite`, {
          method: "POST",
          headers: { authorization: "Bearer t" },
          body: JSON.stringify(INVITE),
        });
      }
      while (graph.deliveries[0]?.attempts.length !== 1) await new Promise((resolve) => setTimeout(resolve, 5));
      const started = performance.now();
      await Promise.all([graph.close(), later.close()]);
      expect(performance.now() - started).toBeLessThan(2_000);
      expect(graph.deliveries[0]!.state).toBe("failed");
    } finally {
      await stop(bot.server);
    }
  });

  it("follows no redirect, reads nothing of the bot's answer, and calls back this machine only unless asked", async () => {
    let elsewhere = 0;
    const other = await serve((_request, response) => {
      elsewhere += 1;
      response.end();
    });
    // A bot that redirects, and one whose answer body never ends.
    const bot = await serve((request, response) => {
      if (request.url === "/redirect") response.writeHead(307, { location: `${other.base}/cb` }).end();
      else {
        response.writeHead(202);
        const endless = () => response.write(Buffer.alloc(65_536), () => setImmediate(endless));
        endless();
      }
    });
    const graph = await startGraphStandIn({ retryDelayMs: 5 });
    try {
      for (const path of ["/redirect", "/endless"]) {
        const call = graph.addCall({ callbackUri: `${bot.base}${path}` });
        await fetch(`${graph.url}/v1.0/communications/calls/${call}/participants/invite`, { method: "POST", headers: { authorization: "Bearer t" }, body: JSON.stringify(INVITE) });
      }
      await expect(graph.waitForCallbacks({ count: 2, timeoutMs: 5_000 })).rejects.toThrow(/was rejected after 1 attempt\(s\): redirected \(status 307\)/);
      expect(elsewhere).toBe(0);
      expect(graph.deliveries.map((delivery) => delivery.state).sort()).toEqual(["delivered", "rejected"]);
      expect(() => graph.addCall({ callbackUri: "https://bot.example.com/api/calls" })).toThrow(/is not on this machine/);
      const created = await fetch(`${graph.url}/v1.0/communications/calls`, {
        method: "POST",
        headers: { authorization: "Bearer t" },
        body: JSON.stringify({ callbackUri: "https://bot.example.com/cb" }),
      });
      expect(created.status).toBe(400);
    } finally {
      await graph.close();
      await stop(bot.server);
      await stop(other.server);
    }
    const remote = await startGraphStandIn({ allowRemoteCallbacks: true });
    expect(typeof remote.addCall({ callbackUri: "https://bot.example.com/api/calls" })).toBe("string");
    await remote.close();
  });

  it("answers 413 to a body over 1 MB at once, without reading the rest", async () => {
    const graph = await startGraphStandIn();
    try {
      const port = Number(new URL(graph.url).port);
      let written = 0;
      const status = await new Promise<number>((resolve, reject) => {
        const request = httpRequest({ host: "127.0.0.1", port, method: "POST", path: "/v1.0/communications/calls/x/participants/invite", headers: { authorization: "Bearer t" } });
        request.on("response", (response) => {
          resolve(response.statusCode ?? 0);
          request.destroy();
        });
        // A reset before the answer was read is a failure too (-1), not a wait until the timeout.
        request.on("error", (error) => (written > 1024 * 1024 ? resolve(-1) : reject(error)));
        const chunk = Buffer.alloc(65_536, 0x20);
        const more = () => {
          if (request.destroyed || written > 256 * 1024 * 1024) return;
          written += chunk.length;
          if (request.write(chunk)) setImmediate(more);
          else request.once("drain", more);
        };
        more();
      });
      expect(status).toBe(413);
      // What a socket's buffers hold beyond the megabyte, not the endless rest.
      expect(written).toBeLessThan(64 * 1024 * 1024);
      expect(graph.requests.at(-1)!.status).toBe(413);
    } finally {
      await graph.close();
    }
  });

  it("answers a bad callbackUri on POST /communications/calls as Graph does, 400, and records the request", async () => {
    const graph = await startGraphStandIn();
    try {
      for (const callbackUri of ["not a url", 42, "ftp://127.0.0.1/x"]) {
        const response = await fetch(`${graph.url}/v1.0/communications/calls`, { method: "POST", headers: { authorization: "Bearer t" }, body: JSON.stringify({ callbackUri }) });
        expect(response.status, String(callbackUri)).toBe(400);
        expect(((await response.json()) as { error: { code: string } }).error.code).toBe("BadRequest");
        expect(graph.requests.at(-1)).toMatchObject({ path: "/v1.0/communications/calls", status: 400, body: { callbackUri } });
      }
    } finally {
      await graph.close();
    }
  });

  it("signs tokens with a tenant (tid) and either of Graph's issuers", async () => {
    const graph = await startGraphStandIn({ tenantId: "contoso-tenant", issuer: GRAPH_ISSUERS[1] });
    const plain = await startGraphStandIn();
    try {
      expect(decodeJwt(graph.sign())).toMatchObject({ tid: "contoso-tenant", iss: "https://api.botframework.com", aud: graph.appId });
      expect(decodeJwt(plain.sign())).toMatchObject({ tid: plain.tenantId, iss: "https://graph.microsoft.com" });
      expect(plain.tenantId).toMatch(/^[0-9a-f-]{36}$/);
    } finally {
      await graph.close();
      await plain.close();
    }
  });

  it("gives each callback its own resultInfo: a test that edits one changes no later stand-in", async () => {
    const bot = await serve((_request, response) => response.writeHead(202).end());
    try {
      const codes: unknown[] = [];
      for (let round = 0; round < 2; round += 1) {
        const graph = await startGraphStandIn({ outcome: "failed" });
        const call = graph.addCall({ callbackUri: `${bot.base}/cb` });
        await fetch(`${graph.url}/v1.0/communications/calls/${call}/participants/invite`, { method: "POST", headers: { authorization: "Bearer t" }, body: JSON.stringify(INVITE) });
        const [delivery] = await graph.waitForCallbacks();
        const resultInfo = (delivery!.body.value[0]!.resourceData as { resultInfo: { code: number } }).resultInfo;
        codes.push(resultInfo.code);
        resultInfo.code = 1;
        await graph.close();
      }
      expect(codes).toEqual([403, 403]);
    } finally {
      await stop(bot.server);
    }
  });
});

describe("the Fastify adapter", () => {
  it("checks a copy of a shipped schema with a rule added as the copy says, not as the package's schema", async () => {
    const shipped = tolerantValidators.ResultInfo.schema as Record<string, unknown>;
    const app = Fastify({ schemaController: { compilersFactory: { buildValidator } } });
    app.post("/copy", { schema: { body: { ...structuredClone(shipped), required: ["code"] } } }, async () => ({ ok: true }));
    app.post("/spread", { schema: { body: { ...shipped, required: ["code"] } } }, async () => ({ ok: true }));
    app.post("/shipped", { schema: { body: shipped } }, async () => ({ ok: true }));
    app.post("/equal", { schema: { body: structuredClone(shipped) } }, async () => ({ ok: true }));
    try {
      for (const [url, status] of [
        ["/copy", 400],
        ["/spread", 400],
        ["/shipped", 200],
        ["/equal", 200],
      ] as const) {
        const response = await app.inject({ method: "POST", url, payload: { subcode: 1 } });
        expect(response.statusCode, url).toBe(status);
      }
      // The package's own message for its own schema (an equal copy included).
      expect((await app.inject({ method: "POST", url: "/equal", payload: { code: "x" } })).json().message).toMatch(/body\/code must be an integer/);
    } finally {
      await app.close();
    }
  });
});

describe("rule 12's verdict reads what the report reads", () => {
  const labelled = { "@odata.type": "#microsoft.graph.teamworkUserIdentity", id: "x", userIdentityType: 42 };

  it("through a proxy whose ownKeys leaves out a name its descriptor reports", () => {
    const proxy = new Proxy(labelled, { ownKeys: () => ["@odata.type", "id"] });
    for (const mode of MODES) expect(api[mode].isIdentity(proxy), mode).toBe(api[mode].validateIdentity(proxy).valid);
    expect(api.tolerant.isIdentity(proxy)).toBe(true);
  });

  it("on a name inherited 1,001 prototypes down, in both modes alike", () => {
    let value: object = { userIdentityType: 42 };
    for (let depth = 0; depth < 1_001; depth += 1) value = Object.create(value);
    Object.assign(value, { "@odata.type": "#microsoft.graph.teamworkUserIdentity", id: "x" });
    const verdicts = MODES.map((mode) => [api[mode].isIdentity(value), api[mode].validateIdentity(value).valid]);
    expect(verdicts).toEqual([
      [false, false],
      [false, false],
    ]);
  });

  it("strict mode refuses an undeclared name whose value is undefined, as the README says (tolerant mode skips it)", () => {
    expect(api.strict.validateIdentity({ id: "x", extra: undefined }).errors.map((issue) => issue.path)).toEqual(["/extra"]);
    expect(api.tolerant.validateIdentity({ id: "x", extra: undefined }).valid).toBe(true);
    // A declared name whose value is undefined is missing, in both modes.
    for (const mode of MODES) expect(api[mode].validateIdentity({ id: "x", displayName: undefined }).valid).toBe(true);
  });
});

describe("Graph's callback tokens", async () => {
  const keys = await startKeyServer();
  afterAll(() => keys.close());
  const verifier = (options = {}) => createGraphTokenVerifier({ appId: APP_ID, openIdConfiguration: keys.openIdConfiguration, ...options });

  it("allows the clock tolerance: nbf 2 s ahead and an expiry 2 s past are accepted, 10 minutes are not", async () => {
    const verify = verifier();
    await expect(verify(`Bearer ${await keys.sign({ notBefore: 2 })}`)).resolves.toMatchObject({ aud: APP_ID });
    await expect(verify(`Bearer ${await keys.sign({ expiresIn: -2 })}`)).resolves.toMatchObject({ aud: APP_ID });
    await expect(verify(`Bearer ${await keys.sign({ notBefore: 600 })}`)).rejects.toThrow(/not valid yet/);
    await expect(verify(`Bearer ${await keys.sign({ expiresIn: -600 })}`)).rejects.toThrow(/expired/);
    await expect(verifier({ tenantId: "another" })(`Bearer ${await keys.sign()}`)).rejects.toThrow(/not for this tenant/);
    await expect(verifier({ tenantId: TENANT_ID })(`Bearer ${await keys.sign()}`)).resolves.toMatchObject({ tid: TENANT_ID });
  });

  it("fetches the keys a few times at most under forged tokens while the key endpoints fail, and keeps the last good set", async () => {
    const verify = verifier({ retryDelayMs: 500 });
    const good = `Bearer ${await keys.sign()}`;
    await verify(good);
    const before = keys.requests();
    keys.fail(true);
    try {
      const forged = [
        `Bearer ${await keys.sign({ kid: "unknown" })}`,
        `Bearer ${await keys.sign({ foreignKey: true })}`,
        `Bearer ${await keys.sign({ audience: "another-app", kid: "other" })}`,
        "Bearer abc.def.ghi",
      ];
      const until = Date.now() + 1_500;
      // 8 clients sending forged tokens for 1.5 s, and valid ones among them.
      const outcomes = await Promise.all(
        Array.from({ length: 8 }, async () => {
          const seen: boolean[] = [];
          while (Date.now() < until) {
            for (const token of forged)
              await verify(token).then(
                () => seen.push(false),
                (error) => seen.push(error instanceof GraphTokenError),
              );
            seen.push(
              await verify(good).then(
                () => true,
                () => false,
              ),
            );
          }
          return seen;
        }),
      );
      expect(outcomes.flat().every(Boolean)).toBe(true);
      // The unknown kid refreshes at most once per interval (60 s): none here, the set was just fetched.
      expect(keys.requests() - before).toBe(0);
      // A verifier that never had keys: one fetch, then one per doubled retry delay (500, 1,000 ms …): at most 3 in 1.5 s.
      const cold = verifier({ retryDelayMs: 500 });
      const coldUntil = Date.now() + 1_500;
      const start = keys.requests();
      await Promise.all(
        Array.from({ length: 8 }, async () => {
          while (Date.now() < coldUntil) {
            const error = await cold(good).catch((caught: unknown) => caught);
            expect((error as GraphTokenError).reason).toBe("unavailable");
            await new Promise((resolve) => setTimeout(resolve, 5));
          }
        }),
      );
      expect(keys.requests() - start).toBeLessThanOrEqual(3);
    } finally {
      keys.fail(false);
    }
  });

  it("reads the key endpoints within bounds: no redirect followed, at most 256 KB", async () => {
    const { base, server } = await serve((request, response) => {
      if (request.url === "/redirect") response.writeHead(302, { location: keys.openIdConfiguration }).end();
      else response.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ jwks_uri: `${base}/keys`, padding: "x".repeat(300 * 1024) }));
    });
    try {
      for (const path of ["/redirect", "/big"]) {
        const verify = createGraphTokenVerifier({ appId: APP_ID, openIdConfiguration: `${base}${path}` });
        const error = await verify(`Bearer ${await keys.sign()}`).catch((caught: unknown) => caught);
        expect((error as GraphTokenError).reason, path).toBe("unavailable");
      }
    } finally {
      await stop(server);
    }
  });

  it("gives the invite operations of a batch, typed", () => {
    const result = validateCommsNotifications(COMPLETED);
    expect(result.valid).toBe(true);
    if (!result.valid) return;
    const invites = inviteNotificationsOf(result.value);
    expect(invites).toHaveLength(1);
    expect(invites[0]!.resourceData.participants?.length).toBeGreaterThan(0);
  });
});

describe("the example service", async () => {
  const keys = await startKeyServer();
  const app = buildApp({ auth: { appId: APP_ID, openIdConfiguration: keys.openIdConfiguration } });
  await app.listen({ host: "127.0.0.1", port: 0 });
  const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  const token = await keys.sign();
  afterAll(async () => {
    await app.close();
    await keys.close();
  });
  const post = async (body: unknown, authorization = `Bearer ${token}`) =>
    fetch(`${base}/api/calls`, { method: "POST", headers: { "content-type": "application/json", authorization }, body: JSON.stringify(body) });
  const invite = (id: string, change: (data: Record<string, unknown>, notification: Record<string, unknown>) => void = () => undefined) => {
    const notification = structuredClone(COMPLETED.value[0]);
    notification.resourceUrl = `/communications/calls/c1/operations/${id}`;
    notification.resourceData.id = id;
    change(notification.resourceData, notification);
    return notification;
  };

  it("keeps the rest of a batch when one notification names no operation", async () => {
    const nameless = invite("x", (data, notification) => {
      data.id = null;
      notification.resourceUrl = "";
    });
    const batch = { value: [nameless, invite("op-after-nameless")] };
    expect(validateCommsNotifications(batch).valid).toBe(true);
    expect((await post(batch)).status).toBe(202);
    expect((await fetch(`${base}/operations/op-after-nameless`)).status).toBe(200);
  });

  it("fetches Graph's keys a few times at most under forged tokens while the key endpoints fail", async () => {
    const failing = await startKeyServer();
    failing.fail(true);
    const service = buildApp({ auth: { appId: APP_ID, openIdConfiguration: failing.openIdConfiguration } });
    try {
      const forged = [`Bearer ${await failing.sign({ foreignKey: true })}`, "Bearer abc.def.ghi", `Bearer ${await failing.sign({ audience: "another-app" })}`];
      const until = Date.now() + 1_500;
      const statuses = await Promise.all(
        Array.from({ length: 8 }, async () => {
          const seen: number[] = [];
          while (Date.now() < until) {
            for (const authorization of forged) {
              const response = await service.inject({ method: "POST", url: "/api/calls", headers: { authorization, "content-type": "application/json" }, payload: "{}" });
              seen.push(response.statusCode);
            }
          }
          return seen;
        }),
      );
      // The first fetch, then one per doubled retry delay (1 s, 2 s …): at most 2 in 1.5 s.
      expect(failing.requests()).toBeLessThanOrEqual(2);
      // Refused (401), or, for a token that could be Graph's, not judged yet (503: Graph delivers it again).
      expect(new Set(statuses.flat())).toEqual(new Set([401, 503]));
    } finally {
      await service.close();
      await failing.close();
    }
  });

  it("accepts a token whose nbf is 2 s ahead of its clock", async () => {
    expect((await post({ value: [invite("op-skew")] }, `Bearer ${await keys.sign({ notBefore: 2 })}`)).status).toBe(202);
  });

  it("keeps a copy of each string it bounds, not a view of the body", async () => {
    setFlagsFromString("--expose-gc");
    const gc = runInNewContext("gc") as () => void;
    const context = "x".repeat(1_000_000);
    gc();
    const before = process.memoryUsage().heapUsed;
    for (let index = 0; index < 40; index += 1) {
      expect((await post({ value: [invite(`op-memory-${index}`, (data) => (data.clientContext = `${index}${context}`))] })).status).toBe(202);
    }
    gc();
    const grown = process.memoryUsage().heapUsed - before;
    // Views of the 40 bodies would keep 40 MB alive; the kept copies take 40 × 256 characters.
    expect(grown).toBeLessThan(15 * 1024 * 1024);
    expect(((await (await fetch(`${base}/operations/op-memory-3`)).json()) as { clientContext: string }).clientContext).toBe(`3${context}`.slice(0, 256));
  });
});
