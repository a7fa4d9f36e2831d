// A calling bot's callback endpoint, the way Graph delivers commsNotifications to it: each request's bearer
// token verified as Graph's (jose), each body read and validated by the package's own parseJson (the bytes
// judged as the package judges them), and the latest state of each invite operation kept in a bounded store.
import Fastify from "fastify";
import { normalizeOperationStatus, parseJsonCommsNotifications, ValidationError, validators } from "graph-invite-participants";
import { createGraphTokenVerifier, GRAPH_ISSUERS, GRAPH_OPENID_CONFIGURATION } from "graph-invite-participants/callbacks";
import { buildValidator } from "graph-invite-participants/fastify";

const BODY_LIMIT = 1024 * 1024; // 1 MB: larger bodies get 413

export { GRAPH_ISSUERS, GRAPH_OPENID_CONFIGURATION };

/** The store's bounds: the oldest operation is evicted past either. */
export const STORE_LIMITS = { entries: 10_000, bytes: 16 * 1024 * 1024 };
/** What is kept of an operation's own strings: Graph's limit for a clientContext, and a message's first 1,024 characters. */
const CLIENT_CONTEXT_LIMIT = 256;
const MESSAGE_LIMIT = 1024;
// The labels on which the validator checks resourceData as an invite operation: its own list, not a copy.
const INVITE_LABELS = new Set(validators.InviteParticipantsOperation.schema.properties["@odata.type"].enum);

/**
 * Graph's notifications nest about a dozen levels. JSON.parse takes a quarter of a second on a 1 MB body
 * of nested brackets, so bodies nested deeper than this are refused before it runs (a linear scan).
 */
const MAX_DEPTH = 64;

/** @param {Uint8Array} bytes (the structural characters are ASCII: no byte of a longer UTF-8 sequence is one) */
function nestedDeeperThan(bytes, limit) {
  let depth = 0;
  let inString = false;
  for (let index = 0; index < bytes.length; index += 1) {
    const code = bytes[index];
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

/**
 * The latest state of each invite operation, bounded in entries and bytes: the oldest is evicted first. Only
 * what the service answers with is kept, each string bounded, so one notification cannot hold much memory.
 */
class OperationStore {
  /** @type {Map<string, { entry: object, bytes: number }>} */
  #entries = new Map();
  #bytes = 0;
  constructor(limits) {
    this.limits = limits;
  }
  get(id) {
    return this.#entries.get(id)?.entry;
  }
  set(id, entry) {
    const bytes = id.length * 2 + JSON.stringify(entry).length * 2;
    this.delete(id);
    this.#entries.set(id, { entry, bytes });
    this.#bytes += bytes;
    for (const [oldest] of this.#entries) {
      if (this.#entries.size <= this.limits.entries && this.#bytes <= this.limits.bytes) break;
      this.delete(oldest);
    }
  }
  delete(id) {
    const held = this.#entries.get(id);
    if (held === undefined) return;
    this.#entries.delete(id);
    this.#bytes -= held.bytes;
  }
  get size() {
    return this.#entries.size;
  }
}

/**
 * A string kept: at most `limit` characters, and a copy of its own. A slice (or a string JSON.parse made) can be a
 * view of the whole body in V8, which would keep the body alive as long as the store keeps the slice.
 * @param {unknown} text @param {number} limit
 */
const kept = (text, limit) => (typeof text === "string" ? Buffer.from(text.slice(0, limit), "utf16le").toString("utf16le") : text);

/**
 * The operation ID of a notification: resourceData.id, else the last segment of resourceUrl or resource;
 * undefined when none names one (such a notification is valid, but there is nothing to keep it under).
 */
function operationId(notification) {
  const id = notification.resourceData?.id;
  if (typeof id === "string" && id !== "") return id;
  const place = [notification.resourceUrl, notification.resource].find((candidate) => typeof candidate === "string" && candidate !== "");
  return place?.split("/").filter(Boolean).at(-1);
}

/**
 * Builds the service. `auth` says whose tokens to accept: the options of `createGraphTokenVerifier` (the bot's
 * application id; the OpenID configuration and issuers default to Graph's, the clock tolerance to five minutes);
 * `store` bounds what is kept; the rest are Fastify's options.
 * @param {{ auth: import("graph-invite-participants/callbacks").GraphTokenVerifierOptions, store?: { entries: number, bytes: number } } & import("fastify").FastifyServerOptions} options
 */
export function buildApp({ auth, store = STORE_LIMITS, ...options }) {
  if (auth === null || typeof auth !== "object") throw new TypeError("buildApp needs auth.appId: the bot's application id, the audience of Graph's tokens");
  const verify = createGraphTokenVerifier(auth);
  // A slow body may not hold a connection: the whole request must arrive within 10 s (checked every second;
  // Node's default is every 30 s), and a connection idle between requests closes at 30 s.
  const app = Fastify({
    bodyLimit: BODY_LIMIT,
    requestTimeout: 10_000,
    connectionTimeout: 30_000,
    keepAliveTimeout: 30_000,
    http: { connectionsCheckingInterval: 1_000, headersTimeout: 10_000 },
    // The package's schemas checked by its validators, any other (the route parameters below) by Fastify's own.
    schemaController: { compilersFactory: { buildValidator } },
    ...options,
  });
  const operations = new OperationStore(store);
  // Graph sends JSON only; without Fastify's text/plain parser, any other content type gets 415.
  app.removeContentTypeParser("text/plain");
  // Every callback carries Graph's bearer token: checked before the body is read.
  app.addHook("onRequest", async (request, reply) => {
    if (request.method !== "POST") return;
    try {
      await verify(request.headers.authorization);
    } catch (error) {
      // No key to verify with yet (Graph's key endpoints failing): 503, and Graph delivers the callback again.
      if (error?.reason === "unavailable")
        return reply
          .code(503)
          .header("retry-after", "10")
          .send({ errors: [{ path: "", message: "Graph's signing keys are not available yet" }] });
      reply.header("www-authenticate", 'Bearer realm="graph-callbacks"');
      return reply.code(401).send({ errors: [{ path: "", message: `the request carries no valid Graph token: ${error?.message ?? "refused"}` }] });
    }
  });
  // The bytes, read by the package: invalid UTF-8 and bad JSON are refused with their place, after a depth check.
  app.removeContentTypeParser("application/json");
  app.addContentTypeParser("application/json", { parseAs: "buffer", bodyLimit: BODY_LIMIT }, (_request, body, done) => {
    if (nestedDeeperThan(body, MAX_DEPTH)) return done(Object.assign(new Error(`the JSON is nested deeper than ${MAX_DEPTH} levels`), { statusCode: 400 }));
    try {
      return done(null, parseJsonCommsNotifications(body));
    } catch (error) {
      if (error instanceof ValidationError) return done(Object.assign(error, { statusCode: 400, issues: error.errors }));
      return done(error);
    }
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

  // The body was validated as it was read (parseJsonCommsNotifications, above).
  app.post("/api/calls", async (request, reply) => {
    // Each notification on its own: one the service cannot keep never loses the others of its batch.
    for (const notification of request.body.value) {
      try {
        const data = notification.resourceData;
        // The same test the validator dispatched on (one of its labels, compared exactly): anything else was
        // not checked as an invite operation, so nothing of it is stored.
        if (data === null || typeof data !== "object" || Array.isArray(data) || !INVITE_LABELS.has(data["@odata.type"])) continue;
        const id = kept(operationId(notification), 256);
        if (id === undefined) {
          request.log.warn("an invite operation notification names no operation id; not kept");
          continue;
        }
        const resultInfo = data.resultInfo ?? null;
        operations.set(id, {
          id,
          status: normalizeOperationStatus(data.status),
          resultInfo: resultInfo === null ? null : { code: resultInfo.code, subcode: resultInfo.subcode, message: kept(resultInfo.message, MESSAGE_LIMIT) },
          clientContext: kept(data.clientContext ?? null, CLIENT_CONTEXT_LIMIT),
          changeType: notification.changeType,
        });
      } catch (error) {
        request.log.error({ err: error }, "a notification could not be kept");
      }
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
