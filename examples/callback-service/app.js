// A calling bot's callback endpoint, the way Graph delivers commsNotifications to it, validated by the
// package's precompiled validators (Fastify compiles no schema of its own).
import AjvCompiler from "@fastify/ajv-compiler";
import Fastify from "fastify";
import { normalizeOperationStatus, validators } from "graph-invite-participants";

const BODY_LIMIT = 1024 * 1024; // 1 MB: larger bodies get 413
// The labels on which the validator checks resourceData as an invite operation: its own list, not a copy.
const INVITE_LABELS = new Set(validators.InviteParticipantsOperation.schema.properties["@odata.type"].enum);

// Fastify's own compiler (its Ajv with its defaults), for the schemas that are not the package's.
const fastifyOwn = AjvCompiler()({}, { customOptions: {} });

/**
 * Fastify asks its validator compiler for a function per route schema; this one hands back the package's
 * precompiled validator when the schema is one of the package's, so nothing of it is compiled at run time,
 * and Fastify's own compiler for any other schema (route parameters, say).
 * @param {{ schema: { title?: string }, method: string, url: string, httpPart?: string }} route
 */
function validatorCompiler(route) {
  const validator = Object.values(validators).find((candidate) => candidate.schema === route.schema);
  if (validator === undefined) return fastifyOwn(route);
  return (data) => {
    // First-error mode: a hostile body costs no more than its first mistake (SECURITY.md).
    const result = validator.validate(data);
    return result.valid ? { value: data } : { error: Object.assign(new Error("invalid body"), { statusCode: 400, issues: result.errors }) };
  };
}

/**
 * Graph's notifications nest about a dozen levels. JSON.parse takes a quarter of a second on a 1 MB body
 * of nested brackets, so bodies nested deeper than this are refused before it runs (a linear scan).
 */
const MAX_DEPTH = 64;

/** @param {string} text */
function nestedDeeperThan(text, limit) {
  let depth = 0;
  let inString = false;
  for (let index = 0; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    if (inString) {
      if (code === 0x5c)
        index += 1; // a backslash escapes the next character
      else if (code === 0x22) inString = false;
    } else if (code === 0x22) {
      inString = true;
    } else if (code === 0x5b || code === 0x7b) {
      depth += 1;
      if (depth > limit) return true;
    } else if (code === 0x5d || code === 0x7d) {
      depth -= 1;
    }
  }
  return false;
}

/** The operation ID of a notification: resourceData.id, else the last segment of resourceUrl or resource. */
function operationId(notification) {
  const id = notification.resourceData?.id;
  if (typeof id === "string" && id !== "") return id;
  return (notification.resourceUrl ?? notification.resource).split("/").filter(Boolean).at(-1);
}

/**
 * Builds the service. `operations` keeps the latest state of each invite operation seen.
 * @param {import("fastify").FastifyServerOptions} [options]
 */
export function buildApp(options = {}) {
  // A slow body may not hold a connection: the whole request must arrive within 10 s (checked every second;
  // Node's default is every 30 s), and idle sockets close at 30 s.
  const app = Fastify({
    bodyLimit: BODY_LIMIT,
    requestTimeout: 10_000,
    connectionTimeout: 30_000,
    http: { connectionsCheckingInterval: 1_000, headersTimeout: 10_000 },
    ...options,
  });
  /** @type {Map<string, { id: string, status: string, resultInfo: unknown, clientContext: unknown, changeType: string }>} */
  const operations = new Map();
  app.setValidatorCompiler(validatorCompiler);
  // Graph sends JSON only; without Fastify's text/plain parser, any other content type gets 415.
  app.removeContentTypeParser("text/plain");
  // Fastify's own JSON parser (prototype poisoning refused), after a depth check.
  const parseJson = app.getDefaultJsonParser("error", "error");
  app.removeContentTypeParser("application/json");
  app.addContentTypeParser("application/json", { parseAs: "string", bodyLimit: BODY_LIMIT }, (request, body, done) => {
    if (nestedDeeperThan(body, MAX_DEPTH)) return done(Object.assign(new Error(`the JSON is nested deeper than ${MAX_DEPTH} levels`), { statusCode: 400 }));
    return parseJson(request, body, done);
  });

  app.setErrorHandler((error, request, reply) => {
    if (Array.isArray(error.issues)) {
      return reply.code(400).send({ errors: error.issues.map(({ path, message }) => ({ path, message })) });
    }
    const status = error.statusCode ?? 500;
    if (status >= 500) request.log.error({ err: error }, "internal error");
    // Fastify's own 4xx errors: bad JSON syntax (400), unsupported content type (415), body too large (413).
    return reply.code(status).send({ errors: [{ path: "", message: status < 500 ? error.message : "internal error" }] });
  });

  app.post("/api/calls", { schema: { body: validators.CommsNotifications.schema } }, async (request, reply) => {
    for (const notification of request.body.value) {
      const data = notification.resourceData;
      // The same test the validator dispatched on (one of its labels, compared exactly): anything else was
      // not checked as an invite operation, so nothing of it is stored.
      if (data === null || typeof data !== "object" || Array.isArray(data) || !INVITE_LABELS.has(data["@odata.type"])) continue;
      const id = operationId(notification);
      operations.set(id, {
        id,
        status: normalizeOperationStatus(data.status),
        resultInfo: data.resultInfo ?? null,
        clientContext: data.clientContext ?? null,
        changeType: notification.changeType,
      });
    }
    return reply.code(202).send();
  });

  const params = { type: "object", required: ["id"], properties: { id: { type: "string", minLength: 1, maxLength: 64 } } };
  app.get("/operations/:id", { schema: { params } }, async (request, reply) => {
    const operation = operations.get(request.params.id);
    if (operation === undefined) return reply.code(404).send({ errors: [{ path: "", message: `no invite operation ${request.params.id} has been seen` }] });
    return operation;
  });

  return app;
}
