// The bot's tests, with the package's test kit: Graph's real callbacks, property tests, and Graph's invite flow.
import assert from "node:assert/strict";
import { test } from "node:test";
import fc from "fast-check";
import { validateInviteParticipantsRequest } from "graph-invite-participants/strict";
import { nearMissArbitrary, validArbitrary } from "graph-invite-participants/arbitraries";
import { fixturesFor, invalidFixtures } from "graph-invite-participants/fixtures";
import { startGraphStandIn } from "graph-invite-participants/testing";
import { handleCallback, startBot } from "./bot.js";

test("the handler takes every completed-invite callback of Graph's docs", () => {
  const callbacks = fixturesFor("inviteCompleted", "CommsNotifications");
  assert.ok(callbacks.length >= 10);
  for (const { payload, name } of callbacks) assert.equal(handleCallback(payload, new Map()).status, 202, name);
});

test("the handler refuses the published mistakes", () => {
  for (const { type, payload, name } of invalidFixtures.filter((fixture) => fixture.type === "CommsNotifications")) {
    assert.equal(type, "CommsNotifications");
    assert.equal(handleCallback(payload, new Map()).status, 400, name);
  }
});

test("every drawn request is valid, and every near miss is refused at its path", () => {
  fc.assert(
    fc.property(validArbitrary("InviteParticipantsRequest", "strict"), (body) => validateInviteParticipantsRequest(body).valid),
    { numRuns: 300 },
  );
  fc.assert(
    fc.property(nearMissArbitrary("InviteParticipantsRequest", "strict"), ({ value, path }) =>
      validateInviteParticipantsRequest(value, { allErrors: true }).errors.some((issue) => issue.path === path),
    ),
    { numRuns: 300 },
  );
});

test("the bot invites through Graph's stand-in and hears the invite complete, and fail", async () => {
  const graph = await startGraphStandIn();
  const bot = await startBot({ graphUrl: graph.url, openIdConfiguration: graph.openIdConfiguration, appId: graph.appId, issuer: graph.issuer });
  try {
    const callId = graph.addCall({ callbackUri: bot.callbackUri });
    const body = { participants: [{ identity: { phone: { id: "+14255550100" } } }], clientContext: "kit" };
    const answer = await bot.invite(callId, body);
    assert.equal(answer.status, 200);
    assert.equal(answer.body.status, "running");
    await graph.waitForCallbacks();
    assert.deepEqual(bot.operations.get(answer.body.id), { status: "completed", code: null });

    graph.setOutcome({ outcome: "failed", resultInfo: { code: 487, subcode: 0, message: "Request terminated" }, statusCase: "PascalCase" });
    const failed = await bot.invite(callId, body);
    await graph.waitForCallbacks({ count: 2 });
    assert.deepEqual(bot.operations.get(failed.body.id), { status: "failed", code: 487 });
    assert.deepEqual(
      graph.deliveries.map((delivery) => delivery.state),
      ["delivered", "delivered"],
    );
  } finally {
    await bot.close();
    await graph.close();
  }
});

test("the bot retries an invite Graph throttles, after Retry-After, and gives up on 403", async () => {
  const graph = await startGraphStandIn({ unhandledRequests: "fail" });
  const bot = await startBot({ graphUrl: graph.url, openIdConfiguration: graph.openIdConfiguration, appId: graph.appId, issuer: graph.issuer });
  try {
    const callId = graph.addCall({ callbackUri: bot.callbackUri });
    const body = { participants: [{ identity: { user: { id: "278405a3-f568-4b3e-b684-009193463064" } } }] };
    graph.answerNext({ status: 429, retryAfter: 2 });
    const throttled = await bot.invite(callId, body, { secondMs: 5 });
    assert.deepEqual([throttled.status, throttled.attempts], [200, 2]);
    graph.answerNext({ status: 403 });
    const forbidden = await bot.invite(callId, body, { secondMs: 5 });
    assert.deepEqual([forbidden.status, forbidden.body.error.code], [403, "Forbidden"]);
    await graph.waitForCallbacks({ operationId: throttled.body.id });
  } finally {
    await bot.close();
    await graph.close();
  }
});

test("the handler keeps every failed invite drawn, with its code", () => {
  fc.assert(
    fc.property(validArbitrary("InviteParticipantsOperation", "tolerant", { scenario: "failed" }), (operation) => {
      const operations = new Map();
      const id = "op-drawn";
      const body = {
        value: [
          {
            changeType: "deleted",
            resourceUrl: `/communications/calls/c/operations/${id}`,
            resourceData: { ...operation, "@odata.type": "#microsoft.graph.inviteParticipantsOperation", id },
          },
        ],
      };
      return handleCallback(body, operations).status === 202 && operations.get(id).status === "failed";
    }),
    { numRuns: 200 },
  );
});
