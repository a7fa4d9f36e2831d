// The test kit from its sources: the fixtures against the corpus and the validators, and the stand-in for Graph's
// invite flow end to end against the example callback service (which verifies each callback's token through the
// stand-in's key set), over real HTTP on loopback. The arbitraries' 10,000-draw test is test/arbitraries.test.ts.
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { once } from "node:events";
import { isDeepStrictEqual } from "node:util";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { buildApp } from "../examples/callback-service/app.js";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { ROOT } from "../scripts/root.js";
import {
  commsNotificationsFixtures,
  type Fixture,
  fixturesFor,
  fixturesOf,
  identityFixtures,
  invalidFixtures,
  SCENARIOS,
  type Scenario,
  scenariosOf,
} from "../src/test-kit/fixtures.js";
import { isInviteNotification } from "../src/index.js";
import { type GraphStandIn, startGraphStandIn } from "../src/test-kit/stand-in.js";
import { TYPES } from "../src/validators/table.js";
import { api, corpus, MODES } from "./support.js";

describe("graph-invite-participants/fixtures", () => {
  const all = TYPES.flatMap(({ name }) => fixturesOf(name) as readonly Fixture[]);

  it("holds every corpus payload Graph sends, once, with its source, typed by the package's name", () => {
    const sent = corpus.filter((entry) => entry.sentByGraph !== false);
    expect(all.filter((fixture) => fixture.synthetic !== true).length).toBe(sent.length);
    for (const entry of sent) {
      const found = all.filter(
        (fixture) =>
          fixture.type === entry.type &&
          fixture.source.path === entry.source.path &&
          fixture.source.commit === entry.source.commit &&
          fixture.source.at === entry.at &&
          isDeepStrictEqual(fixture.payload, entry.data),
      );
      expect(found, `${entry.source.path} ${entry.at}`).toHaveLength(1);
      expect(found[0]!.source.url).toBe(`https://github.com/${entry.repository}/blob/${entry.source.commit}/${entry.source.path}`);
    }
  });

  it.each(MODES)("gives each fixture the verdict it records, in %s mode", (mode) => {
    for (const fixture of all) {
      const result = api[mode].validators[fixture.type].validate(fixture.payload);
      const recorded = mode === "tolerant" ? fixture.valid : fixture.strict;
      expect(result.valid ? true : result.errors[0]!.path, fixture.name).toBe(recorded);
    }
  });

  it("keeps the published mistakes apart, each with why and the first issue the package reports", () => {
    const mistakes = corpus.filter((entry) => entry.sentByGraph === false);
    expect(invalidFixtures.length).toBe(mistakes.length);
    for (const fixture of invalidFixtures) {
      const entry = mistakes.find((mistake) => mistake.source.path === fixture.source.path && mistake.at === fixture.source.at && mistake.type === fixture.type)!;
      expect(fixture.valid).toBe(false);
      expect(fixture.why).toBe(entry.why);
      expect(fixture.firstIssue).toEqual(api.tolerant.validators[fixture.type].validate(fixture.payload).errors[0]);
      expect(fixture.firstIssue.path).toBe(entry.tolerant);
    }
  });

  it("tags each fixture with the scenarios its payload shows, and finds them by scenario and type", () => {
    // Each scenario's fixtures show it, read from the payload here by other means than the tags.
    const callbacks = fixturesFor("inviteCompleted", "CommsNotifications");
    expect(callbacks.length).toBeGreaterThanOrEqual(10);
    for (const { payload } of callbacks) {
      const operations = payload.value.map((notification) => notification.resourceData as { "@odata.type"?: string; status?: string });
      expect(operations.some((operation) => operation["@odata.type"]?.endsWith("inviteParticipantsOperation") && operation.status?.toLowerCase() === "completed")).toBe(true);
    }
    const legacy = fixturesFor("legacyResource", "CommsNotifications");
    expect(legacy.length).toBeGreaterThan(0);
    for (const { payload } of legacy) expect(payload.value.some((notification) => "resource" in notification && !("resourceUrl" in notification))).toBe(true);
    for (const { payload } of fixturesFor("pascalCaseStatus")) expect(JSON.stringify(payload)).toMatch(/"status":"[A-Z]/);
    for (const { payload } of fixturesFor("pstn")) expect(JSON.stringify(payload)).toMatch(/"phone":\{/);
    // Every scenario is shown by at least one payload.
    for (const scenario of SCENARIOS) expect(fixturesFor(scenario).length, scenario).toBeGreaterThan(0);
  });

  it("freezes every fixture, so that no test changes another's data", () => {
    const [first] = commsNotificationsFixtures;
    expect(Object.isFrozen(first)).toBe(true);
    expect(Object.isFrozen(first!.payload.value)).toBe(true);
    expect(Object.isFrozen(first!.payload.value[0]!.resourceData)).toBe(true);
    expect(() => {
      (identityFixtures[0]!.payload as { id?: string }).id = "changed";
    }).toThrow(TypeError);
  });

  it("names the scenarios and types it knows when asked for another", () => {
    expect(() => fixturesFor("inviteCancelled" as Scenario)).toThrow(/no scenario "inviteCancelled"; the scenarios are inviteCompleted, inviteRunning/);
    expect(() => fixturesOf("Participant" as never)).toThrow(/no type "Participant"; the types are InviteParticipantsOperation/);
  });

  it("names each fixture uniquely within its type, and gives every fixture an id of its own", () => {
    for (const { name } of TYPES) {
      const fixtures = fixturesOf(name);
      expect(new Set(fixtures.map((fixture) => fixture.name)).size, name).toBe(fixtures.length);
    }
    const ids = [...all, ...invalidFixtures].map((fixture) => fixture.id);
    expect(new Set(ids).size).toBe(ids.length);
    // The README's example: one test title per fixture.
    const titles = fixturesFor("inviteCompleted", "CommsNotifications").map(({ name }) => `handles ${name}`);
    expect(new Set(titles).size).toBe(titles.length);
    // Each id says the page, the commit and the example; each example number is the fixture's place among its page's.
    for (const fixture of all.filter((candidate) => candidate.synthetic !== true)) {
      expect(fixture.id).toContain(`@${fixture.source.commit.slice(0, 7)}#${fixture.source.example}`);
      expect(fixture.name).toContain(fixture.source.date);
    }
  });

  it("writes into each file what a test in another language needs: id, name, verdicts and the scenarios computed from the payload", () => {
    for (const { name, graphName } of TYPES) {
      const file = JSON.parse(readFileSync(join(ROOT, `fixtures/${graphName}.json`), "utf8")) as {
        type: string;
        fixtures: { id: string; name: string; valid: boolean; strict: unknown; scenarios: string[]; payload: unknown }[];
      };
      expect(file.type).toBe(name);
      for (const line of file.fixtures) {
        expect(Object.keys(line)).toEqual(expect.arrayContaining(["id", "name", "valid", "strict", "scenarios", "source", "payload"]));
        expect(line.scenarios, line.id).toEqual(scenariosOf(name, line.payload));
      }
    }
  });

  it("marks the one failed-invite callback as synthetic, saying why, since no page shows one", () => {
    const failedInvites = fixturesFor("failed", "CommsNotifications").filter(({ payload }) => payload.value.some((notification) => isInviteNotification(notification)));
    expect(failedInvites).toHaveLength(1);
    expect(failedInvites[0]).toMatchObject({ synthetic: true, note: expect.stringContaining("no page of Graph's docs shows a failed-invite callback"), valid: true });
    expect(all.filter((fixture) => fixture.synthetic === true)).toHaveLength(1);
  });

  it("counts each scenario in the README as the fixtures hold it", () => {
    const readme = readFileSync(join(ROOT, "README.md"), "utf8");
    const table = readme.slice(readme.indexOf("<!-- scenario-counts -->"));
    for (const scenario of SCENARIOS) {
      const row = new RegExp(`\\| \`${scenario}\` \\| [^|]+ \\| (\\d+) \\| (\\d+)`).exec(table);
      expect(row, scenario).not.toBeNull();
      expect([Number(row![1]), Number(row![2])], scenario).toEqual([fixturesFor(scenario).length, fixturesFor(scenario, "CommsNotifications").length]);
    }
  });
});

/** A bot's callback endpoint that answers each request by a script (status codes, or "hang"), recording what it got. */
async function scriptedEndpoint(script: (number | "hang")[]) {
  const received: { headers: IncomingMessage["headers"]; body: unknown }[] = [];
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      received.push({ headers: request.headers, body: JSON.parse(Buffer.concat(chunks).toString("utf8")) });
      const next = script.length > 1 ? script.shift()! : script[0]!;
      if (next !== "hang") response.writeHead(next).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/calls`,
    received,
    close: () => {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

const INVITE = { participants: [{ identity: { user: { id: "278405a3-f568-4b3e-b684-009193463064", displayName: "Alex" } } }], clientContext: "ctx-1" };

describe("graph-invite-participants/testing: a stand-in for Graph's invite flow", () => {
  let graph: GraphStandIn;
  const service = { base: "", app: undefined as ReturnType<typeof buildApp> | undefined };
  const invite = (callId: string, body: unknown = INVITE, authorization: string | null = "Bearer bot-token") =>
    fetch(`${graph.url}/v1.0/communications/calls/${callId}/participants/invite`, {
      method: "POST",
      headers: { "content-type": "application/json", ...(authorization === null ? {} : { authorization }) },
      body: typeof body === "string" ? body : JSON.stringify(body),
    });

  beforeAll(async () => {
    graph = await startGraphStandIn({ retryDelayMs: 10 });
    service.app = buildApp({ auth: { appId: graph.appId, openIdConfiguration: graph.openIdConfiguration } });
    await service.app.listen({ host: "127.0.0.1", port: 0 });
    service.base = `http://127.0.0.1:${(service.app.server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await service.app?.close();
    await graph.close();
  });
  afterEach(() => graph.setOutcome({ outcome: "completed", envelope: "current", statusCase: "camelCase", delayMs: 0 }));

  it("answers a valid invite as Graph does, then calls the example service back with a token it verifies", async () => {
    const callId = graph.addCall({ callbackUri: `${service.base}/api/calls` });
    const response = await invite(callId);
    expect(response.status).toBe(200);
    const operation = (await response.json()) as { id: string };
    expect(operation).toMatchObject({
      "@odata.type": "#microsoft.graph.inviteParticipantsOperation",
      status: "running",
      clientContext: "ctx-1",
      participants: INVITE.participants,
    });
    expect(response.headers.get("location")).toBe(`${graph.url}/v1.0/communications/calls/${callId}/operations/${operation.id}`);
    expect(api.strict.validators.InviteParticipantsOperation.validate(operation).errors).toEqual([]);
    const [delivery] = await graph.waitForCallbacks();
    expect(delivery!.state).toBe("delivered");
    expect(delivery!.attempts).toEqual([{ status: 202, ms: expect.any(Number) }]);
    // What it sent is a callback as Graph sends it: valid, the operation completed, at this call and operation.
    expect(api.tolerant.validators.CommsNotifications.validate(delivery!.body).errors).toEqual([]);
    expect(delivery!.body.value[0]!.resourceUrl).toBe(`/communications/calls/${callId}/operations/${operation.id}`);
    // The service verified the token (a wrong one is refused: below) and kept the operation's state.
    const kept = await (await fetch(`${service.base}/operations/${operation.id}`)).json();
    expect(kept).toMatchObject({ id: operation.id, status: "completed", clientContext: "ctx-1" });
    // The stand-in serves the operation's state at the Location it gave.
    expect(await (await fetch(response.headers.get("location")!, { headers: { authorization: "Bearer bot-token" } })).json()).toMatchObject({ status: "completed" });
    expect(graph.requests.find((request) => request.path.endsWith("/participants/invite"))).toMatchObject({ method: "POST", status: 200, body: INVITE });
  });

  it("ends an invite as failed with the chosen resultInfo, in the legacy envelope and PascalCase status when asked", async () => {
    const callId = graph.addCall({ callbackUri: `${service.base}/api/calls` });
    graph.setOutcome({ outcome: "failed", resultInfo: { code: 408, subcode: 10_004, message: "The participant did not answer." }, envelope: "legacy", statusCase: "PascalCase" });
    const operation = (await (await invite(callId)).json()) as { id: string };
    const deliveries = await graph.waitForCallbacks();
    const body = deliveries.at(-1)!.body;
    expect(body.value[0]).not.toHaveProperty("resourceUrl");
    expect(body.value[0]!.resource).toContain(operation.id);
    expect(body.value[0]!.resourceData).toMatchObject({ status: "Failed", resultInfo: { code: 408, subcode: 10_004 } });
    expect(api.tolerant.validators.CommsNotifications.validate(body).errors).toEqual([]);
    expect(await (await fetch(`${service.base}/operations/${operation.id}`)).json()).toMatchObject({ status: "failed", resultInfo: { code: 408, subcode: 10_004 } });
  });

  it("refuses an invalid invite with 400 and Graph's error body, no token with 401, an unknown call with 404", async () => {
    const callId = graph.addCall({ callbackUri: `${service.base}/api/calls` });
    const before = graph.deliveries.length;
    const nobody = await invite(callId, { participants: [{ identity: { user: { displayName: "x" } } }] });
    expect(nobody.status).toBe(400);
    const { error } = (await nobody.json()) as { error: Record<string, unknown> };
    expect(error).toMatchObject({
      code: "BadRequest",
      message: expect.stringContaining("/participants/0/identity"),
      details: [expect.objectContaining({ target: "/participants/0/identity" })],
    });
    expect(error.innerError).toMatchObject({ "request-id": expect.any(String), date: expect.any(String) });
    // Text that is not JSON: Graph's 400 saying so, and the text recorded as it came.
    const notJson = await invite(callId, "{ not json");
    expect(notJson.status).toBe(400);
    expect(((await notJson.json()) as { error: { message: string } }).error.message).toMatch(/^The request body is not JSON: \S/);
    expect(graph.requests.at(-1)).toMatchObject({ method: "POST", status: 400, body: "{ not json" });
    const anonymous = await invite(callId, INVITE, null);
    expect(anonymous.status).toBe(401);
    expect(((await anonymous.json()) as { error: { code: string } }).error.code).toBe("InvalidAuthenticationToken");
    expect((await invite("no-such-call")).status).toBe(404);
    // None of these started an operation.
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(graph.deliveries.length).toBe(before);
  });

  it("accepts a misspelled property as Graph does, recording what strict mode would have refused; refuses it when started strict", async () => {
    const callId = graph.addCall({ callbackUri: `${service.base}/api/calls` });
    const typo = { participants: [{ identity: { user: { id: "x" } }, replaceCallId: "y" }] };
    expect((await invite(callId, typo)).status).toBe(200);
    expect(graph.requests.at(-1)!.strictIssues?.map((issue) => issue.path)).toEqual(["/participants/0/replaceCallId"]);
    await graph.waitForCallbacks({ callId });
    const strict = await startGraphStandIn({ mode: "strict" });
    try {
      const refused = await fetch(`${strict.url}/v1.0/communications/calls/${strict.addCall({ callbackUri: `${service.base}/api/calls` })}/participants/invite`, {
        method: "POST",
        headers: { authorization: "Bearer t" },
        body: JSON.stringify(typo),
      });
      expect(refused.status).toBe(400);
      expect(((await refused.json()) as { error: { details: { code: string; target: string }[] } }).error.details).toEqual([
        expect.objectContaining({ code: "additionalProperties", target: "/participants/0/replaceCallId" }),
      ]);
    } finally {
      await strict.close();
    }
  });

  it("retries a callback on 5xx and on a timeout, as a webhook sender does, and records each attempt", async () => {
    const standIn = await startGraphStandIn({ retryDelayMs: 5, timeoutMs: 300, attempts: 4 });
    const endpoint = await scriptedEndpoint([503, "hang", 500, 200]);
    try {
      const callId = standIn.addCall({ callbackUri: endpoint.url });
      const response = await fetch(`${standIn.url}/v1.0/communications/calls/${callId}/participants/invite`, {
        method: "POST",
        headers: { authorization: "Bearer t" },
        body: JSON.stringify(INVITE),
      });
      expect(response.status).toBe(200);
      const [delivery] = await standIn.waitForCallbacks();
      expect(delivery!.attempts.map((attempt) => attempt.status ?? attempt.error)).toEqual([503, "no answer within 300 ms", 500, 200]);
      expect(endpoint.received).toHaveLength(4);
      expect(endpoint.received[0]!.headers.authorization).toMatch(/^Bearer [\w-]+\.[\w-]+\.[\w-]+$/);
    } finally {
      await endpoint.close();
      await standIn.close();
    }
  });

  it("says clearly, within a bounded wait, when the callback URL refuses connections or the bot never answers", async () => {
    const standIn = await startGraphStandIn({ retryDelayMs: 5, timeoutMs: 200, attempts: 2 });
    const closed = await scriptedEndpoint([200]);
    await closed.close();
    const hanging = await scriptedEndpoint(["hang"]);
    try {
      const post = (callId: string) =>
        fetch(`${standIn.url}/v1.0/communications/calls/${callId}/participants/invite`, { method: "POST", headers: { authorization: "Bearer t" }, body: JSON.stringify(INVITE) });
      await post(standIn.addCall({ callbackUri: closed.url }));
      const started = performance.now();
      await expect(standIn.waitForCallbacks({ timeoutMs: 5_000 })).rejects.toThrow(new RegExp(`callback to ${closed.url} was failed after 2 attempt\\(s\\): ECONNREFUSED`));
      await post(standIn.addCall({ callbackUri: hanging.url }));
      await expect(standIn.waitForCallbacks({ count: 2, timeoutMs: 5_000 })).rejects.toThrow(/was failed after 2 attempt\(s\)/);
      expect(standIn.deliveries[1]!.attempts.map((attempt) => attempt.error)).toEqual(["no answer within 200 ms", "no answer within 200 ms"]);
      // A generous bound that only catches a hang.
      expect(performance.now() - started).toBeLessThan(4_000);
      // Waiting for more callbacks than were sent ends at its timeout, saying so.
      await expect(standIn.waitForCallbacks({ count: 5, timeoutMs: 100 })).rejects.toThrow(/waited 100 ms for callbacks: 2 of 5 sent/);
    } finally {
      await hanging.close();
      await standIn.close();
    }
  });

  it("closes at once while a callback waits on a bot that never answers", async () => {
    const standIn = await startGraphStandIn({ timeoutMs: 10_000 });
    const hanging = await scriptedEndpoint(["hang"]);
    try {
      const callId = standIn.addCall({ callbackUri: hanging.url });
      await fetch(`${standIn.url}/v1.0/communications/calls/${callId}/participants/invite`, {
        method: "POST",
        headers: { authorization: "Bearer t" },
        body: JSON.stringify(INVITE),
      });
      while (hanging.received.length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
      const started = performance.now();
      await standIn.close();
      // A generous bound that only catches waiting out the 10 s timeout.
      expect(performance.now() - started).toBeLessThan(2_000);
      expect(standIn.deliveries[0]!.attempts).toEqual([{ error: "the stand-in was closed", ms: expect.any(Number) }]);
    } finally {
      await hanging.close();
    }
  });

  it("signs tokens the service refuses when they are not for its app, and does not retry a refusal", async () => {
    const standIn = await startGraphStandIn({ appId: "another-app", retryDelayMs: 5 });
    try {
      const callId = standIn.addCall({ callbackUri: `${service.base}/api/calls` });
      await fetch(`${standIn.url}/v1.0/communications/calls/${callId}/participants/invite`, {
        method: "POST",
        headers: { authorization: "Bearer t" },
        body: JSON.stringify(INVITE),
      });
      // The service trusts the first stand-in's keys only, and this token is for another app.
      await expect(standIn.waitForCallbacks()).rejects.toThrow(/was rejected after 1 attempt\(s\): status 401/);
    } finally {
      await standIn.close();
    }
  });

  it("creates a call with its callback URL, as POST /communications/calls does", async () => {
    const created = await fetch(`${graph.url}/v1.0/communications/calls`, {
      method: "POST",
      headers: { authorization: "Bearer t", "content-type": "application/json" },
      body: JSON.stringify({ callbackUri: `${service.base}/api/calls`, requestedModalities: ["audio"] }),
    });
    expect(created.status).toBe(201);
    const notJson = await fetch(`${graph.url}/v1.0/communications/calls`, { method: "POST", headers: { authorization: "Bearer t" }, body: "callbackUri=x" });
    expect(notJson.status).toBe(400);
    expect(((await notJson.json()) as { error: { message: string } }).error.message).toMatch(/^The request body is not JSON: \S/);
    const call = (await created.json()) as { id: string };
    expect((await invite(call.id)).status).toBe(200);
    expect((await graph.waitForCallbacks()).at(-1)!.url).toBe(`${service.base}/api/calls`);
  });

  it("refuses options it does not know, naming the ones it takes, and a body over 1 MB", async () => {
    const big = await fetch(`${graph.url}/v1.0/communications/calls/${graph.addCall({ callbackUri: `${service.base}/api/calls` })}/participants/invite`, {
      method: "POST",
      headers: { authorization: "Bearer t" },
      body: JSON.stringify({ ...INVITE, clientContext: "x".repeat(1024 * 1024) }),
    });
    // A body over 1 MB is not kept (SECURITY.md): 413, Graph's error body.
    expect(big.status).toBe(413);
    expect(((await big.json()) as { error: { code: string } }).error.code).toBe("RequestEntityTooLarge");
    await expect(startGraphStandIn({ outcome: "cancelled" as never })).rejects.toThrow(/options\.outcome must be one of "completed", "failed", not "cancelled"/);
    expect(() => graph.setOutcome({ envelope: "v2" as never })).toThrow(/options\.envelope must be one of "current", "legacy", not "v2"/);
    expect(() => graph.addCall({ callbackUri: "not a url" })).toThrow(/is not a URL/);
  });
});

describe("the stand-in answering as Graph fails", () => {
  /** A bot's invite with retries, as a bot would write it: after Retry-After on 429 and 503, and on a reset connection. */
  async function inviteWithRetry(graph: GraphStandIn, callId: string, attempts = 3): Promise<{ status: number; waited: number[] }> {
    const waited: number[] = [];
    for (let attempt = 1; ; attempt += 1) {
      const response = await fetch(`${graph.url}/v1.0/communications/calls/${callId}/participants/invite`, {
        method: "POST",
        headers: { authorization: "Bearer t" },
        body: JSON.stringify(INVITE),
      }).catch(() => undefined);
      const retry = response === undefined || response.status === 429 || response.status === 503;
      if (!retry || attempt === attempts) return { status: response?.status ?? 0, waited };
      const seconds = Number(response?.headers.get("retry-after") ?? 0);
      waited.push(seconds);
      await new Promise((resolve) => setTimeout(resolve, seconds * 10)); // a test's clock: 10 ms a second
    }
  }
  let graph: GraphStandIn;
  let callId: string;
  beforeEach(async () => {
    graph = await startGraphStandIn({ unhandledRequests: "fail" });
    callId = graph.addCall({ callbackUri: "http://127.0.0.1:9/unused" });
  });
  afterEach(() => graph.close().catch(() => undefined));

  it("throttles the invite: the bot retries after Retry-After", async () => {
    graph.answerNext({ status: 429, retryAfter: 2 });
    expect(await inviteWithRetry(graph, callId)).toEqual({ status: 200, waited: [2] });
    expect(graph.requests.map((request) => request.status)).toEqual([429, 200]);
  });

  it("refuses the invite for want of permissions: 403 with Graph's error body, not retried", async () => {
    graph.answerNext({ status: 403, message: "Insufficient enterprise tenant permissions" });
    expect(await inviteWithRetry(graph, callId)).toEqual({ status: 403, waited: [] });
    expect(graph.requests).toHaveLength(1);
  });

  it("resets the connection: the bot sees a network error and retries", async () => {
    graph.answerNext({ reset: true, times: 2 });
    expect(await inviteWithRetry(graph, callId)).toEqual({ status: 200, waited: [0, 0] });
    expect(graph.requests.map((request) => request.status)).toEqual([0, 0, 200]);
  });

  it("answers late, for one call only, and for the next N requests", async () => {
    const other = graph.addCall({ callbackUri: "http://127.0.0.1:9/unused" });
    graph.answerNext({ status: 503, callId: other, times: 2 });
    graph.answerNext({ delayMs: 150 });
    const started = performance.now();
    expect((await inviteWithRetry(graph, callId)).status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(140);
    expect(await inviteWithRetry(graph, other)).toEqual({ status: 200, waited: [0, 0] });
    expect(() => graph.answerNext({ retryAfter: 1 })).toThrow(/needs a status, reset: true or a delayMs/);
    expect(() => graph.answerNext({ status: 200 })).toThrow(/options\.status must be an HTTP status from 400 to 599/);
    graph.answerNext({ status: 500, times: 5 });
    graph.clearAnswers();
    expect((await inviteWithRetry(graph, callId)).status).toBe(200);
  });

  it("fails the test on a request it has no answer for, when asked", async () => {
    await fetch(`${graph.url}/v1.0/me`, { headers: { authorization: "Bearer t" } });
    expect(graph.unhandledRequests.map((request) => request.path)).toEqual(["/v1.0/me"]);
    await expect(graph.close()).rejects.toThrow(/1 request\(s\) it had no answer for: GET \/v1\.0\/me/);
  });

  it("waits for the callbacks of one operation", async () => {
    const bot = createServer((_request, response) => response.writeHead(202).end());
    bot.listen(0, "127.0.0.1");
    await once(bot, "listening");
    try {
      const call = graph.addCall({ callbackUri: `http://127.0.0.1:${(bot.address() as AddressInfo).port}/cb` });
      graph.setOutcome({ delayMs: 100 });
      const invited = (await (
        await fetch(`${graph.url}/v1.0/communications/calls/${call}/participants/invite`, { method: "POST", headers: { authorization: "Bearer t" }, body: JSON.stringify(INVITE) })
      ).json()) as { id: string };
      graph.setOutcome({ delayMs: 10_000 });
      await fetch(`${graph.url}/v1.0/communications/calls/${call}/participants/invite`, { method: "POST", headers: { authorization: "Bearer t" }, body: JSON.stringify(INVITE) });
      const [delivery, ...rest] = await graph.waitForCallbacks({ operationId: invited.id, timeoutMs: 2_000 });
      expect(rest).toEqual([]);
      expect(delivery).toMatchObject({ callId: call, operationId: invited.id, state: "delivered" });
      await expect(graph.waitForCallbacks({ callId: call, count: 2, timeoutMs: 100 })).rejects.toThrow(/of call .*: 1 of 2 sent, 0 still being delivered, 1 not yet due/);
    } finally {
      bot.close();
    }
  });
});
