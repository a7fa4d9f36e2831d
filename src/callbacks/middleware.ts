/**
 * graph-invite-participants/callbacks: a bot's callback endpoint, from the request to typed handlers — Graph's
 * bearer token verified (jose, a peer dependency of this entry point only), the body read and validated as the
 * package reads it, and each notification handed to the handler for what it carries: an invite that completed,
 * failed or is running, another comms operation, or anything else. A Node.js/Express middleware and a Fastify
 * plugin answer as Graph expects.
 *
 *   app.post("/api/calls", graphCallbacksMiddleware({ appId, handlers: { inviteFailed: (operation) => … } }));
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import type { CommsNotification, CommsNotifications, CommsOperation, InviteParticipantsOperation, ResultInfo } from "../../types/index.js";
import { createGraphTokenVerifier, type GraphTokenVerifier, type GraphTokenVerifierOptions } from "./graph-token.js";
import { LINGER_MS, readBody } from "./body.js";
import {
  type InviteNotification,
  isInviteNotification,
  normalizeOperationStatus,
  parseJsonCommsNotifications,
  ValidationError,
  validateCommsNotifications,
  validateCommsOperation,
} from "../index.js";
import { exceedsStructure } from "../validators/json.js";
import { checkOptions, positiveIntegerRule, rule, suggestOption } from "../validators/options.js";

export { createGraphTokenVerifier, GRAPH_ISSUERS, GRAPH_OPENID_CONFIGURATION, GraphTokenError } from "./graph-token.js";
export type { GraphTokenVerifier, GraphTokenVerifierOptions } from "./graph-token.js";
export { type InviteNotification, inviteNotificationsOf, isInviteNotification } from "../index.js";

/** A notification whose resource data is a comms operation of another kind (a prompt played, a recording, …). */
export type OperationNotification = CommsNotification & { resourceData: CommsOperation };
/** An invite operation that failed: its resultInfo says why (Graph's code, subcode and message). */
export type FailedInvite = InviteParticipantsOperation & { resultInfo?: ResultInfo | null };

type Handler<T, N> = (value: T, notification: N) => void | Promise<void>;

/** What to do with each kind of notification; a kind without a handler is passed over. */
export interface CallbackHandlers {
  /** An invite operation whose status is `completed` (either spelling). */
  inviteCompleted?: Handler<InviteParticipantsOperation, InviteNotification>;
  /** An invite operation whose status is `failed`, with its `resultInfo`. */
  inviteFailed?: Handler<FailedInvite, InviteNotification>;
  /** An invite operation not ended yet: `running` or `notStarted`. */
  inviteRunning?: Handler<InviteParticipantsOperation, InviteNotification>;
  /** A valid comms operation of another kind (`playPromptOperation`, `startRecordingOperation`, …). */
  operation?: Handler<CommsOperation, OperationNotification>;
  /** Anything else (roster updates, call states): the notification as it came, untouched. */
  other?: (notification: CommsNotification) => void | Promise<void>;
}

/** What handling a batch did: how many notifications went to a handler, and each one whose handler threw, with why. */
export interface ReceivedBatch {
  readonly handled: number;
  readonly failed: readonly { readonly index: number; readonly error: unknown }[];
}

const labelOf = (data: unknown): unknown => (data !== null && typeof data === "object" && !Array.isArray(data) ? (data as { "@odata.type"?: unknown })["@odata.type"] : undefined);

/**
 * Hands each notification of a validated batch to its handler, one after the other. A handler that throws (or
 * rejects) is recorded in `failed` and the next notification is handled all the same: one notification never loses
 * the others of its batch.
 */
export async function dispatchCallbacks(notifications: CommsNotifications, handlers: CallbackHandlers): Promise<ReceivedBatch> {
  let handled = 0;
  const failed: { index: number; error: unknown }[] = [];
  for (const [index, notification] of notifications.value.entries()) {
    try {
      const run = handlerOf(notification, handlers);
      if (run === undefined) continue;
      handled += 1;
      await run();
    } catch (error) {
      failed.push({ index, error });
    }
  }
  return { handled, failed };
}

/** The call of the handler a notification goes to, or undefined when there is none for its kind. */
function handlerOf(notification: CommsNotification, handlers: CallbackHandlers): (() => void | Promise<void>) | undefined {
  if (isInviteNotification(notification)) {
    const operation = notification.resourceData;
    const status = normalizeOperationStatus(operation.status);
    const handler = status === "completed" ? handlers.inviteCompleted : status === "failed" ? handlers.inviteFailed : handlers.inviteRunning;
    return handler && (() => handler(operation, notification));
  }
  const label = labelOf(notification.resourceData);
  if (typeof label === "string" && /Operation$/.test(label) && validateCommsOperation(notification.resourceData).valid) {
    const handler = handlers.operation;
    return handler && (() => handler(notification.resourceData as unknown as CommsOperation, notification as OperationNotification));
  }
  const handler = handlers.other;
  return handler && (() => handler(notification));
}

/** Graph's notifications nest about a dozen levels; JSON.parse is slow on deep nesting, so deeper text is refused before it runs. */
const MAX_DEPTH = 64;

/**
 * A batch as the package reads it: JSON text or UTF-8 bytes through `parseJsonCommsNotifications` (after a depth
 * check), or a value already parsed through `validateCommsNotifications`. Throws a ValidationError saying where.
 */
function readCallbackBody(body: Uint8Array | string | unknown): CommsNotifications {
  if (typeof body === "string" || body instanceof Uint8Array) {
    if (exceedsStructure(body, { depth: MAX_DEPTH }))
      throw new ValidationError([{ path: "", message: `the JSON is nested deeper than ${MAX_DEPTH} levels`, keyword: "json", params: {} }], "CommsNotifications");
    return parseJsonCommsNotifications(body);
  }
  const result = validateCommsNotifications(body);
  if (!result.valid) throw new ValidationError(result.errors, "CommsNotifications");
  return result.value;
}

export interface GraphCallbacksOptions extends GraphTokenVerifierOptions {
  /** What to do with each notification. */
  handlers: CallbackHandlers;
  /** The largest body read, in bytes (default 1 MB: larger gets 413). */
  bodyLimit?: number;
  /** Told of each handler that threw (default: `console.error`); the answer is 202 all the same. */
  onHandlerError?: (error: unknown, notification: CommsNotification) => void;
}

/** An answer for Graph: its status, headers and JSON body. */
export interface CallbackAnswer {
  readonly status: 202 | 400 | 401 | 413 | 415 | 503;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: { errors: { path: string; message: string }[] };
}

/** A request as the adapters see it: the Authorization header, the content type and the body (bytes, text, or parsed). */
export interface CallbackRequest {
  authorization: string | undefined;
  contentType: string | undefined;
  body: Uint8Array | string | unknown;
}

export interface GraphCallbacks {
  /** The token verifier the endpoint uses. */
  readonly verify: GraphTokenVerifier;
  /** Verifies the token only: the answer to send when it is refused, or undefined to read the body. */
  authenticate(authorization: string | undefined): Promise<CallbackAnswer | undefined>;
  /** Reads a request whose token was accepted: the answer, and for a valid body the batch to hand to the handlers. */
  receive(contentType: string | undefined, body: CallbackRequest["body"]): { answer: CallbackAnswer; batch?: CommsNotifications };
  /** Hands a batch to the handlers; handler errors go to `onHandlerError`. */
  dispatch(batch: CommsNotifications): Promise<ReceivedBatch>;
  /** All of it for one request: authenticate, receive, dispatch; resolves with the answer to send. */
  handle(request: CallbackRequest): Promise<{ answer: CallbackAnswer; received?: ReceivedBatch }>;
}

const JSON_TYPE = /^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i;
const fail = (status: CallbackAnswer["status"], message: string, headers: Record<string, string> = {}, path = ""): CallbackAnswer => ({
  status,
  headers: { "content-type": "application/json", ...headers },
  body: { errors: [{ path, message }] },
});

const CALLBACK_OPTIONS = {
  handlers: rule(
    "an object of handler functions",
    (value) => value !== null && typeof value === "object" && Object.values(value).every((handler) => typeof handler === "function"),
  ),
  bodyLimit: positiveIntegerRule,
  onHandlerError: rule("a function", (value) => typeof value === "function"),
};
const HANDLER_NAMES = { inviteCompleted: 0, inviteFailed: 0, inviteRunning: 0, operation: 0, other: 0 };

/** A callback endpoint independent of the framework: what the middleware and the Fastify plugin are made of. */
export function createGraphCallbacks(options: GraphCallbacksOptions): GraphCallbacks {
  if (options === null || typeof options !== "object") throw new TypeError("graph callbacks: options with appId and handlers are required");
  const { handlers, bodyLimit, onHandlerError, ...tokenOptions } = options;
  checkOptions("graph callbacks", { handlers, bodyLimit, onHandlerError }, CALLBACK_OPTIONS, suggestOption);
  if (handlers === undefined) throw new TypeError("graph callbacks: options.handlers is required");
  checkOptions("graph callbacks: handlers", handlers, Object.fromEntries(Object.keys(HANDLER_NAMES).map((name) => [name, CALLBACK_OPTIONS.onHandlerError])), suggestOption);
  const verify = createGraphTokenVerifier(tokenOptions);
  const report = onHandlerError ?? ((error: unknown) => console.error("graph callbacks: a handler failed", error));

  const authenticate = async (authorization: string | undefined): Promise<CallbackAnswer | undefined> => {
    try {
      await verify(authorization);
      return undefined;
    } catch (error) {
      const { reason, message } = error as { reason?: string; message?: string };
      if (reason === "unavailable") return fail(503, "Graph's signing keys are not available yet", { "retry-after": "10" });
      return fail(401, `the request carries no valid Graph token: ${message ?? "refused"}`, { "www-authenticate": 'Bearer realm="graph-callbacks"' });
    }
  };
  const receive = (contentType: string | undefined, body: CallbackRequest["body"]) => {
    if (!JSON_TYPE.test(contentType ?? "")) return { answer: fail(415, "Graph's callbacks are JSON: the content type must be application/json") };
    try {
      return { answer: { status: 202 as const, headers: {} }, batch: readCallbackBody(body) };
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      return { answer: { status: 400 as const, headers: { "content-type": "application/json" }, body: { errors: error.errors.map(({ path, message }) => ({ path, message })) } } };
    }
  };
  const dispatch = async (batch: CommsNotifications) => {
    const received = await dispatchCallbacks(batch, handlers);
    for (const { index, error } of received.failed) report(error, batch.value[index]!);
    return received;
  };
  return {
    verify,
    authenticate,
    receive,
    dispatch,
    async handle({ authorization, contentType, body }) {
      const refused = await authenticate(authorization);
      if (refused !== undefined) return { answer: refused };
      const { answer, batch } = receive(contentType, body);
      return { answer, ...(batch === undefined ? {} : { received: await dispatch(batch) }) };
    },
  };
}

const DEFAULT_BODY_LIMIT = 1024 * 1024;

function send(response: ServerResponse, answer: CallbackAnswer, close = false): Promise<void> {
  return new Promise((resolve) => {
    response.writeHead(answer.status, { ...answer.headers, ...(close ? { connection: "close" } : {}) });
    response.end(answer.body === undefined ? undefined : JSON.stringify(answer.body), () => resolve());
  });
}

/**
 * A Node.js `http` handler and Express (4 or 5) middleware for Graph's callbacks: 401 for a refused token (before
 * the body is read), 503 while Graph's keys cannot be had, 415 for another content type, 413 past `bodyLimit`,
 * 400 with the issues for an invalid body, else 202 once the handlers have run (a handler that throws is told to
 * `onHandlerError`; keep handlers short and queue long work, Graph waits for the answer). A body an earlier
 * middleware parsed (`express.json()`, `express.raw()`) is taken as it is.
 */
export function graphCallbacksMiddleware(
  options: GraphCallbacksOptions,
): (request: IncomingMessage & { body?: unknown }, response: ServerResponse, next?: (error?: unknown) => void) => void {
  const callbacks = createGraphCallbacks(options);
  const limit = options.bodyLimit ?? DEFAULT_BODY_LIMIT;
  return (request, response, next) => {
    (async () => {
      const refused = await callbacks.authenticate(request.headers.authorization);
      if (refused !== undefined) return send(response, refused, true);
      const contentType = request.headers["content-type"];
      let body = request.body;
      if (body === undefined) {
        if (!JSON_TYPE.test(contentType ?? "")) return send(response, callbacks.receive(contentType, "").answer, true);
        body = await readBody(request, limit);
        if (body === undefined) {
          await send(response, fail(413, `The body is larger than ${limit} bytes`), true);
          return void setTimeout(() => request.destroy(), LINGER_MS).unref();
        }
      }
      const { answer, batch } = callbacks.receive(contentType, body);
      if (batch !== undefined) await callbacks.dispatch(batch);
      await send(response, answer);
    })().catch((error: unknown) => (next === undefined ? response.destroy(error as Error) : next(error)));
  };
}

/** The part of a Fastify instance the plugin uses (Fastify 4 and 5), so that this entry point needs no Fastify types. */
export interface FastifyLike {
  // biome-ignore lint/suspicious/noExplicitAny: Fastify's own signatures are overloaded generics; any instance has these.
  addContentTypeParser: (...args: any[]) => unknown;
  // biome-ignore lint/suspicious/noExplicitAny: as above
  removeAllContentTypeParsers: (...args: any[]) => unknown;
  // biome-ignore lint/suspicious/noExplicitAny: as above
  addHook: (...args: any[]) => unknown;
  // biome-ignore lint/suspicious/noExplicitAny: as above
  post: (...args: any[]) => unknown;
}

interface ReplyLike {
  code(status: number): ReplyLike;
  headers(values: Record<string, string>): ReplyLike;
  send(body?: unknown): unknown;
}

/**
 * A Fastify plugin: `app.register(fastifyGraphCallbacks, { appId, handlers, path: "/api/calls" })` adds the route,
 * with the token checked in its own onRequest hook (before the body is read) and its own JSON parser (bytes read
 * by the package, `bodyLimit` for 413, any other content type 415); its answers are those of the middleware.
 */
export function fastifyGraphCallbacks(app: FastifyLike, options: GraphCallbacksOptions & { path?: string }, done: (error?: Error) => void): void {
  const { path = "/api/calls", ...rest } = options;
  let callbacks: GraphCallbacks;
  try {
    callbacks = createGraphCallbacks(rest);
  } catch (error) {
    // Fastify reports it from ready() or listen(), naming the option.
    done(error as Error);
    return;
  }
  const limit = rest.bodyLimit ?? DEFAULT_BODY_LIMIT;
  const reply = (to: ReplyLike, answer: CallbackAnswer) => to.code(answer.status).headers(answer.headers).send(answer.body);
  // The plugin's own context: these parsers and this hook are its route's only.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser(JSON_TYPE, { parseAs: "buffer", bodyLimit: limit }, (_request: unknown, body: Buffer, parsed: (error: null, value: unknown) => void) =>
    parsed(null, body),
  );
  app.addContentTypeParser("*", (_request: unknown, _payload: unknown, parsed: (error: null, value: unknown) => void) => parsed(null, undefined));
  app.addHook("onRequest", async (request: { headers: Record<string, string | undefined> }, to: ReplyLike) => {
    const refused = await callbacks.authenticate(request.headers.authorization);
    if (refused !== undefined) return reply(to, refused);
  });
  app.post(path, async (request: { headers: Record<string, string | undefined>; body: unknown }, to: ReplyLike) => {
    const { answer, batch } = callbacks.receive(request.headers["content-type"], request.body ?? "");
    if (batch !== undefined) await callbacks.dispatch(batch);
    return reply(to, answer);
  });
  done();
}
