// graph-invite-participants/fastify from the packed package, in Fastify 5: the package's schemas checked by its
// validators, another schema by Fastify's own compiler. Prints what each request got, for test/consumers.test.ts.
import { createRequire } from "node:module";
import Fastify from "fastify";
import { buildValidator } from "graph-invite-participants/fastify";
import { validators } from "graph-invite-participants/strict";

const app = Fastify({ schemaController: { compilersFactory: { buildValidator } } });
app.post("/invite", { schema: { body: validators.InviteParticipantsRequest.schema } }, async (request) => ({ invited: request.body.participants.length }));
// The shipped file itself, imported as JSON: recognised by its $id.
const file = createRequire(import.meta.url)("graph-invite-participants/schemas/commsNotifications.schema.json");
app.post("/api/calls", { schema: { body: file } }, async (_request, reply) => reply.code(202).send());
app.get("/operations/:id", { schema: { params: { type: "object", properties: { id: { type: "string", maxLength: 4 } } } } }, async () => ({ ok: true }));

const inject = async (options) => {
  const response = await app.inject(options);
  return { status: response.statusCode, message: response.statusCode >= 400 ? response.json().message : undefined };
};
const results = {
  valid: await inject({ method: "POST", url: "/invite", payload: { participants: [{ identity: { user: { id: "u" } } }] } }),
  typo: await inject({ method: "POST", url: "/invite", payload: { participants: [{ identity: { user: { id: "u" } }, replaceCallId: "c" }] } }),
  callback: await inject({ method: "POST", url: "/api/calls", payload: { value: [{ changeType: "deleted" }] } }),
  params: await inject({ method: "GET", url: "/operations/toolong" }),
};
await app.close();
// CommonJS: the same subpath by require().
const cjs = createRequire(import.meta.url)("graph-invite-participants/fastify");
console.log(JSON.stringify({ ...results, cjs: typeof cjs.buildValidator }));
