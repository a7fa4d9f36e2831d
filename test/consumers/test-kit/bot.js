// A small calling bot, as a user of the package writes one: it invites through Graph (its base URL is
// configurable, as every Graph client's is) and takes Graph's callbacks on its own endpoint, verifying each
// token with jose against the issuer's published keys and each body with the package's validator.
import { createServer } from "node:http";
import { normalizeOperationStatus, validateCommsNotifications } from "graph-invite-participants";
import { validateInviteParticipantsRequest } from "graph-invite-participants/strict";
import { createRemoteJWKSet, jwtVerify } from "jose";

/** What the bot keeps of each invite operation it hears about: its status, as one spelling. */
export function handleCallback(body, operations) {
  const result = validateCommsNotifications(body);
  if (!result.valid) return { status: 400, issues: result.errors };
  for (const notification of result.value.value) {
    const data = notification.resourceData;
    if (data?.["@odata.type"]?.endsWith("inviteParticipantsOperation") && typeof data.id === "string") {
      operations.set(data.id, { status: normalizeOperationStatus(data.status), code: data.resultInfo?.code ?? null });
    }
  }
  return { status: 202 };
}

export async function startBot({ graphUrl, openIdConfiguration, appId, issuer }) {
  const operations = new Map();
  const configuration = await (await fetch(openIdConfiguration)).json();
  const keys = createRemoteJWKSet(new URL(configuration.jwks_uri));
  const server = createServer(async (request, response) => {
    const chunks = [];
    for await (const chunk of request) chunks.push(chunk);
    try {
      await jwtVerify(String(request.headers.authorization).replace(/^Bearer /, ""), keys, { audience: appId, issuer });
    } catch {
      return response.writeHead(401).end();
    }
    const answer = handleCallback(JSON.parse(Buffer.concat(chunks).toString("utf8")), operations);
    response.writeHead(answer.status).end();
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  const callbackUri = `http://127.0.0.1:${server.address().port}/callback`;
  return {
    operations,
    callbackUri,
    /**
     * Invites participants into a call: the body is checked before it is sent; a throttled (429) or unavailable
     * (503) answer is retried after its Retry-After (scaled by `secondMs`, so that tests need not wait), twice.
     */
    async invite(callId, body, { secondMs = 1000 } = {}) {
      const checked = validateInviteParticipantsRequest(body);
      if (!checked.valid) throw new Error(checked.errors[0].message);
      for (let attempt = 1; ; attempt += 1) {
        const response = await fetch(`${graphUrl}/v1.0/communications/calls/${callId}/participants/invite`, {
          method: "POST",
          headers: { authorization: "Bearer bot-token", "content-type": "application/json" },
          body: JSON.stringify(body),
        });
        if ((response.status === 429 || response.status === 503) && attempt < 3) {
          await response.arrayBuffer();
          await new Promise((resolve) => setTimeout(resolve, Number(response.headers.get("retry-after") ?? 1) * secondMs));
          continue;
        }
        return { status: response.status, location: response.headers.get("location"), body: await response.json(), attempts: attempt };
      }
    },
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}
