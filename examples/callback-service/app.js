// A calling bot's callback endpoint, the way Graph delivers commsNotifications to it, built on the package's
// callbacks entry point: each request's bearer token verified as Graph's, each body read and validated by the
// package (the bytes judged as it judges them), each invite operation's latest state kept in a bounded store.
import Fastify from "fastify";
import { fastifyGraphCallbacks, GRAPH_ISSUERS, GRAPH_OPENID_CONFIGURATION } from "graph-invite-participants/callbacks";
import { normalizeOperationStatus } from "graph-invite-participants";
import { buildValidator } from "graph-invite-participants/fastify";

const BODY_LIMIT = 1024 * 1024; // 1 MB: larger bodies get 413

export { GRAPH_ISSUERS, GRAPH_OPENID_CONFIGURATION };

/** The store's bounds: the oldest operation is evicted past either. */
export const STORE_LIMITS = { entries: 10_000, bytes: 16 * 1024 * 1024 };
/** What is kept of an operation's own strings: Graph's limit for a clientContext, and a message's first 1,024 characters. */
const CLIENT_CONTEXT_LIMIT = 256;
const MESSAGE_LIMIT = 1024;

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
  for (const [name, value] of Object.entries(store ?? {})) {
    if (name !== "entries" && name !== "bytes") throw new TypeError(`buildApp: unknown option store.${JSON.stringify(name)}; the options are store.entries, store.bytes`);
    if (!Number.isSafeInteger(value) || value < 1) throw new TypeError(`buildApp: options.store.${name} must be a positive integer`);
  }
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
  /** Keeps an invite operation's latest state; a notification naming no operation is skipped (its batch is not). */
  const keep = (operation, notification) => {
    const id = kept(operationId(notification), 256);
    if (id === undefined) return app.log.warn("an invite operation notification names no operation id; not kept");
    const resultInfo = operation.resultInfo ?? null;
    operations.set(id, {
      id,
      status: normalizeOperationStatus(operation.status),
      resultInfo: resultInfo === null ? null : { code: resultInfo.code, subcode: resultInfo.subcode, message: kept(resultInfo.message, MESSAGE_LIMIT) },
      clientContext: kept(operation.clientContext ?? null, CLIENT_CONTEXT_LIMIT),
      changeType: notification.changeType,
    });
  };
  // POST /api/calls: 401 before the body is read, 503 while Graph's keys cannot be had, 415, 413, 400 with the
  // issues, else 202; then each invite operation to `keep`.
  app.register(fastifyGraphCallbacks, {
    ...auth,
    path: "/api/calls",
    bodyLimit: BODY_LIMIT,
    handlers: { inviteCompleted: keep, inviteFailed: keep, inviteRunning: keep },
    onHandlerError: (error) => app.log.error({ err: error }, "a notification could not be kept"),
  });

  app.setErrorHandler((error, request, reply) => {
    const status = error.statusCode ?? 500;
    if (status >= 500) request.log.error({ err: error }, "internal error");
    // Fastify's own 4xx errors: a body too large (413), a request too slow (408), bad parameters (400).
    return reply.code(status).send({ errors: [{ path: "", message: status < 500 ? error.message : "internal error" }] });
  });

  const params = { type: "object", required: ["id"], properties: { id: { type: "string", minLength: 1, maxLength: 64 } } };
  app.get("/operations/:id", { schema: { params } }, async (request, reply) => {
    const operation = operations.get(request.params.id);
    if (operation === undefined) return reply.code(404).send({ errors: [{ path: "", message: `no invite operation ${request.params.id} has been seen` }] });
    return operation;
  });

  return app;
}
