// express-openapi-validator with the package's OpenAPI document, as a bot's service would mount it. Prints what
// each request got, for test/consumers.test.ts.
import { readFileSync } from "node:fs";
import express from "express";
import * as OpenApiValidator from "express-openapi-validator";
import { validateCommsNotifications } from "graph-invite-participants";

const apiSpec = JSON.parse(readFileSync(new URL("./node_modules/graph-invite-participants/schemas/openapi.json", import.meta.url), "utf8"));
const invite = (request, response) => response.json({ invited: request.body.participants.length });

const app = express();
app.use(express.json());
// The document's server is https://graph.microsoft.com/v1.0: the middleware validates paths under /v1.0 only.
app.use(OpenApiValidator.middleware({ apiSpec, validateRequests: true, validateResponses: false, validateSecurity: false }));
app.post("/v1.0/communications/calls/:id/participants/invite", invite);
// Mounted without the base path, the same route is not validated: the middleware does not know it.
app.post("/communications/calls/:id/participants/invite", invite);
// The callback is one of the document's webhooks, which the middleware never checks: validate it here.
app.post("/api/calls", (request, response) => {
  const result = validateCommsNotifications(request.body);
  if (!result.valid) return response.status(400).json({ errors: result.errors.map(({ path, message }) => ({ path, message })) });
  response.sendStatus(202);
});
app.post("/api/calls-unchecked", (_request, response) => response.sendStatus(202));
app.use((error, _request, response, _next) => response.status(error.status ?? 500).json({ message: error.message }));

// The fix for a service that mounts the route without /v1.0: the document's server replaced by "/".
const rooted = express();
rooted.use(express.json());
rooted.use(OpenApiValidator.middleware({ apiSpec: { ...apiSpec, servers: [{ url: "/" }] }, validateRequests: true, validateResponses: false, validateSecurity: false }));
rooted.post("/communications/calls/:id/participants/invite", invite);
rooted.use((error, _request, response, _next) => response.status(error.status ?? 500).json({ message: error.message }));

const server = app.listen(0, "127.0.0.1");
await new Promise((resolve) => server.once("listening", resolve));
const rootedServer = rooted.listen(0, "127.0.0.1");
await new Promise((resolve) => rootedServer.once("listening", resolve));
const base = `http://127.0.0.1:${server.address().port}`;
const rootedBase = `http://127.0.0.1:${rootedServer.address().port}`;
const post = async (path, body, at = base) => {
  const response = await fetch(at + path, { method: "POST", headers: { "content-type": "application/json", authorization: "Bearer x" }, body: JSON.stringify(body) });
  return { status: response.status, body: await response.json().catch(() => null) };
};
const typo = { participants: [{ identity: { user: { id: "u" } }, replaceCallId: "c" }] };
const badCallback = { value: [{ changeType: "deleted" }] };
const results = {
  withBasePath: await post("/v1.0/communications/calls/c1/participants/invite", typo),
  withBasePathValid: await post("/v1.0/communications/calls/c1/participants/invite", { participants: [{ identity: { user: { id: "u" } } }] }),
  withoutBasePath: await post("/communications/calls/c1/participants/invite", typo),
  callbackUnchecked: await post("/api/calls-unchecked", badCallback),
  callbackChecked: await post("/api/calls", badCallback),
  rootedTypo: await post("/communications/calls/c1/participants/invite", typo, rootedBase),
  rootedValid: await post("/communications/calls/c1/participants/invite", { participants: [{ identity: { user: { id: "u" } } }] }, rootedBase),
};
server.close();
rootedServer.close();
console.log(JSON.stringify(results));
