// A bot written with Microsoft's Teams SDK client, pointed at the package's stand-in for Graph (its base URL root,
// the SDK's own option for other clouds): the invite goes out over real HTTP, the callback comes back signed.
// Prints what each step gave, for test/consumers.test.ts.
import { createServer } from "node:http";
import { Client, GraphError } from "@microsoft/teams.graph";
import { invite } from "@microsoft/teams.graph-endpoints/communications/calls/participants";
import { validateCommsNotifications } from "graph-invite-participants";
import { startGraphStandIn } from "graph-invite-participants/testing";

const graph = await startGraphStandIn();
const heard = [];
const bot = createServer(async (request, response) => {
  const chunks = [];
  for await (const chunk of request) chunks.push(chunk);
  const body = JSON.parse(Buffer.concat(chunks).toString("utf8"));
  heard.push({ valid: validateCommsNotifications(body).valid, status: body.value[0].resourceData.status, bearer: /^Bearer \S+$/.test(request.headers.authorization ?? "") });
  response.writeHead(202).end();
});
await new Promise((resolve) => bot.listen(0, "127.0.0.1", resolve));
const callId = graph.addCall({ callbackUri: `http://127.0.0.1:${bot.address().port}/api/calls` });

const client = new Client({ token: "bot-token" }, { baseUrlRoot: graph.url });
const body = { participants: [{ identity: { user: { id: "278405a3-f568-4b3e-b684-009193463064" } } }], clientContext: "teams-sdk" };
const operation = await client.call(invite.create, body, { "call-id": callId });
await graph.waitForCallbacks();
// A typo Graph ignores: accepted, and what strict mode would have refused is recorded.
const typo = await client.call(invite.create, { participants: [{ identity: { user: { id: "x" } }, replaceCallId: "y" }] }, { "call-id": callId });
const strictIssues = graph.requests.at(-1).strictIssues.map((issue) => issue.path);
await graph.waitForCallbacks({ operationId: typo.id });
// Graph throttling the invite: the SDK's GraphError carries the status and code.
graph.answerNext({ status: 429, retryAfter: 1 });
let refused;
try {
  await client.call(invite.create, body, { "call-id": callId });
} catch (error) {
  refused = error instanceof GraphError ? { statusCode: error.statusCode, code: error.code } : String(error);
}
await graph.close();
bot.close();
console.log(
  JSON.stringify({
    operation: { status: operation.status, clientContext: operation.clientContext },
    path: graph.requests[0].path,
    heard,
    typo: { status: typo.status, strictIssues },
    refused,
  }),
);
