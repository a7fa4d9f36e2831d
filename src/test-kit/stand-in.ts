/**
 * graph-invite-participants/testing: a stand-in for Graph's invite flow, for a calling bot's integration tests.
 * A real HTTP server on 127.0.0.1: the bot points its Graph base URL at it (no patching of its HTTP client). It
 * answers `POST /v1.0/communications/calls/{id}/participants/invite` as Graph does, then POSTs the callbacks Graph
 * would send to the call's callback URL, each with a bearer token signed by a key whose set it serves, retrying
 * on 5xx and timeouts, and records what it received and sent. The callbacks are built from Graph's own payloads
 * (graph-invite-participants/fixtures).
 */
import { generateKeyPair, type KeyObject, randomUUID, sign } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";
import type { CommsNotifications, InviteParticipantsOperation, InviteParticipantsRequest, ResultInfo } from "../../types/index.js";
import { fixturesFor } from "./fixtures.js";
import { GRAPH_ISSUERS } from "../callbacks/graph.js";
import { LINGER_MS, readBody } from "../callbacks/body.js";
import { describeValue } from "../validators/text.js";
import { validateInviteParticipantsRequest as tolerantRequest } from "../index.js";
import { validateInviteParticipantsRequest as strictRequest } from "../strict.js";
import {
  checkOptions,
  MAX_TIMER_MS,
  millisecondsRule,
  type OptionRule,
  oneOfRule,
  booleanRule,
  positiveIntegerRule,
  positiveMillisecondsRule,
  rule,
  stringRule,
  suggestOption,
} from "../validators/options.js";
import type { ValidationIssue } from "../validators/report.js";
import type { Mode } from "../validators/table.js";

/** How the stand-in ends an invite: the outcome and the form of the callbacks. Every field can be changed between invites. */
export interface InviteOutcome {
  /** `"completed"` (default) or `"failed"`. */
  outcome?: "completed" | "failed";
  /** The resultInfo of a failed invite (default `{ code: 403, subcode: 7504, message: "Insufficient permissions…" }`). */
  resultInfo?: ResultInfo;
  /** `"current"` (default): `resourceUrl` as Graph sends today; `"legacy"`: the older envelope, `resource` only. */
  envelope?: "current" | "legacy";
  /** `"camelCase"` (default, as the docs spell it) or `"PascalCase"` (as some of Graph's payloads have it). */
  statusCase?: "camelCase" | "PascalCase";
  /** Milliseconds between the answer to the invite and the first callback (default 0). */
  delayMs?: number;
}

export interface GraphStandInOptions extends InviteOutcome {
  /** The audience of the callback tokens: the bot's application id (default a fixed test id, `standIn.appId`). */
  appId?: string;
  /** The issuer of the callback tokens: either of Graph's (`GRAPH_ISSUERS`; default `"https://graph.microsoft.com"`) or another, for tests of refusals. */
  issuer?: string;
  /** The tenant of the call, the tokens' `tid` claim (default a fixed test tenant, `standIn.tenantId`). */
  tenantId?: string;
  /**
   * Whether callbacks may go to hosts other than this machine's loopback addresses (default false: a `callbackUri`
   * elsewhere is refused, 400 from `POST /communications/calls` and a `TypeError` from `addCall`).
   */
  allowRemoteCallbacks?: boolean;
  /**
   * How the invite body is judged: `"tolerant"` (default), as Graph judges it — what Graph enforces gets its 400,
   * what it ignores (a misspelled property) is accepted, and what strict mode would have refused is recorded in the
   * request's `strictIssues` — or `"strict"`, refusing those too.
   */
  mode?: Mode;
  /**
   * `"ignore"` (default): a request the stand-in does not answer gets Graph's 404. `"fail"`: it is recorded in
   * `unhandledRequests` and `close()` rejects naming each, so that a test sees a request its bot should not make.
   */
  unhandledRequests?: "ignore" | "fail";
  /** Attempts per callback, the first included (default 3). */
  attempts?: number;
  /** Milliseconds an attempt may take before it counts as a timeout (default 5,000). */
  timeoutMs?: number;
  /** Milliseconds before the first retry, doubled for each next one (default 100). */
  retryDelayMs?: number;
}

/** A request the stand-in received, and the status it answered with. */
export interface ReceivedRequest {
  readonly method: string;
  readonly path: string;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  /** The body parsed as JSON, or its text when it is not JSON. */
  readonly body: unknown;
  /** The status answered, 0 for a connection reset (`answerNext({ reset: true })`). */
  readonly status: number;
  /** For an invite accepted in tolerant mode: what strict mode would have refused (a misspelled property Graph ignores). */
  readonly strictIssues?: readonly ValidationIssue[];
}

/** Which requests an answer set with `answerNext` is for. */
export type AnsweredRoute = "invite" | "createCall" | "getOperation" | "any";

/** An answer the stand-in gives instead of its own: Graph refusing, throttling, failing, slow, or gone. */
export interface GraphAnswer {
  /** The status, with Graph's error body (`{ error: { code, message, innerError } }`): 403, 429, 500, 503, … */
  status?: number;
  /** The error body's `code` (default by status: `Forbidden`, `TooManyRequests`, `ServiceUnavailable`, …). */
  code?: string;
  /** The error body's `message`. */
  message?: string;
  /** Seconds, sent as `Retry-After`. */
  retryAfter?: number;
  /** Milliseconds before answering: with `status`, before that answer; without, before the stand-in's own. */
  delayMs?: number;
  /** Closes the connection without an answer (a reset, as a network failure shows to the bot). */
  reset?: boolean;
  /** Which requests (default `"invite"`). */
  route?: AnsweredRoute;
  /** Only requests for this call. */
  callId?: string;
  /** How many requests get this answer (default 1). */
  times?: number;
}

/** One attempt to deliver a callback: the status the bot answered, or why there was none. */
export interface DeliveryAttempt {
  readonly status?: number;
  readonly error?: string;
  readonly ms: number;
}

/** A callback the stand-in sent (or tried to), with every attempt. */
export interface Delivery {
  /** The call and the invite operation it tells of. */
  readonly callId: string;
  readonly operationId: string;
  readonly url: string;
  readonly body: CommsNotifications;
  /** The bearer token it carried. */
  readonly token: string;
  readonly attempts: readonly DeliveryAttempt[];
  /** `pending` until it ends: `delivered` (2xx), `rejected` (another 4xx: not retried), `failed` (attempts used up). */
  readonly state: "pending" | "delivered" | "rejected" | "failed";
}

export interface GraphStandIn {
  /** `http://127.0.0.1:<port>`: the bot's Graph root (its base URL is `${url}/v1.0`). */
  readonly url: string;
  /** The OpenID configuration whose key set verifies the callback tokens. */
  readonly openIdConfiguration: string;
  readonly appId: string;
  readonly issuer: string;
  /** The `tid` claim of the tokens. */
  readonly tenantId: string;
  /** Every request received, in order. */
  readonly requests: readonly ReceivedRequest[];
  /** With `unhandledRequests: "fail"`: each request the stand-in had no answer for. */
  readonly unhandledRequests: readonly ReceivedRequest[];
  /** Every callback sent or being sent, in order. */
  readonly deliveries: readonly Delivery[];
  /** Registers a call as if it had been created with this callback URL; returns its id. */
  addCall(call: { callbackUri: string; id?: string }): string;
  /** Changes how the next invites end. */
  setOutcome(outcome: InviteOutcome): void;
  /**
   * Answers the next requests of a route (the invite by default; `times`, default 1) as given instead of as Graph
   * would: `{ status: 429, retryAfter: 2 }`, `{ status: 403 }`, `{ reset: true }`, `{ delayMs: 3000 }`. Answers set
   * so are used in order, each for its count.
   */
  answerNext(answer: GraphAnswer): void;
  /** Drops every answer `answerNext` set that has not been used. */
  clearAnswers(): void;
  /** A token as the callbacks carry, signed by the served key (claims may be changed, for tests of refusals). */
  sign(claims?: Record<string, unknown>): string;
  /**
   * Waits until every callback sent so far has ended (and at least `count`, default 1, were sent); with `callId`
   * or `operationId`, only those of that call or invite operation. Resolves with those deliveries when each was
   * delivered; rejects naming the callback and why when one was not, or when `timeoutMs` (default 15,000) passes.
   */
  waitForCallbacks(options?: { count?: number; timeoutMs?: number; callId?: string; operationId?: string }): Promise<readonly Delivery[]>;
  /** Stops the server, aborts every callback in flight and every wait before a retry or a delayed callback. */
  close(): Promise<void>;
}

export { GRAPH_ISSUERS } from "../callbacks/graph.js";
const MAX_BODY_BYTES = 1024 * 1024;
const DEFAULT_APP_ID = "6a1d0b2e-3c4f-4a5b-8c7d-9e0f1a2b3c4d";
const DEFAULT_TENANT_ID = "3f2a9c1e-7b4d-4e8a-9f06-2d5c8b1a7e43";
const DEFAULT_FAILURE: ResultInfo = Object.freeze({
  "@odata.type": "#microsoft.graph.resultInfo",
  code: 403,
  subcode: 7504,
  message: "Insufficient enterprise tenant permissions, cannot access this API.",
});
const OWNER = "graph stand-in";

const isObjectValue = (value: unknown) => value !== null && typeof value === "object" && !Array.isArray(value);
const OUTCOME_OPTIONS: Record<keyof InviteOutcome, OptionRule> = {
  outcome: oneOfRule("completed", "failed"),
  resultInfo: rule("a resultInfo object", isObjectValue),
  envelope: oneOfRule("current", "legacy"),
  statusCase: oneOfRule("camelCase", "PascalCase"),
  delayMs: millisecondsRule,
};
const STAND_IN_OPTIONS: Record<keyof GraphStandInOptions, OptionRule> = {
  ...OUTCOME_OPTIONS,
  appId: stringRule,
  issuer: stringRule,
  tenantId: stringRule,
  allowRemoteCallbacks: booleanRule,
  mode: oneOfRule("strict", "tolerant"),
  unhandledRequests: oneOfRule("ignore", "fail"),
  attempts: positiveIntegerRule,
  timeoutMs: positiveMillisecondsRule,
  retryDelayMs: millisecondsRule,
};
const WAIT_OPTIONS = { count: positiveIntegerRule, timeoutMs: positiveMillisecondsRule, callId: stringRule, operationId: stringRule };
const ANSWER_OPTIONS = {
  status: rule("an HTTP status from 400 to 599", (value) => Number.isInteger(value) && (value as number) >= 400 && (value as number) <= 599),
  code: stringRule,
  message: stringRule,
  retryAfter: rule("a whole number of seconds", (value) => Number.isSafeInteger(value) && (value as number) >= 0),
  delayMs: millisecondsRule,
  reset: booleanRule,
  route: oneOfRule("invite", "createCall", "getOperation", "any"),
  callId: stringRule,
  times: rule("a positive integer or Infinity", (value) => value === Number.POSITIVE_INFINITY || (Number.isSafeInteger(value) && (value as number) >= 1)),
};
/** Graph's error codes by status, for an answer that gives none. */
const ERROR_CODES: Record<number, string> = {
  400: "BadRequest",
  401: "InvalidAuthenticationToken",
  403: "Forbidden",
  404: "itemNotFound",
  409: "Conflict",
  429: "TooManyRequests",
  500: "InternalServerError",
  502: "BadGateway",
  503: "ServiceUnavailable",
  504: "GatewayTimeout",
};

/** An outcome as the stand-in keeps it: checked, and a copy, so that a later change to the caller's object changes nothing. */
function outcomeOf(outcome: InviteOutcome | undefined): InviteOutcome {
  const { outcome: ending, resultInfo, envelope, statusCase, delayMs } = checkOptions(OWNER, outcome, OUTCOME_OPTIONS, suggestOption) ?? {};
  return { outcome: ending, resultInfo: resultInfo === undefined ? undefined : structuredClone(resultInfo), envelope, statusCase, delayMs };
}

/** Host names of this machine's loopback interface, where callbacks may go unless remote ones are allowed. */
const isLoopback = (hostname: string) => hostname === "localhost" || hostname === "[::1]" || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(hostname);

/** Why a callback URL is refused, or undefined: not a URL, not http(s), or (unless allowed) not on this machine. */
function callbackProblem(callbackUri: unknown, allowRemote: boolean): string | undefined {
  if (typeof callbackUri !== "string") return `callbackUri must be a string, not ${describeValue(callbackUri)}`;
  let parsed: URL;
  try {
    parsed = new URL(callbackUri);
  } catch {
    return `callbackUri ${describeValue(callbackUri)} is not a URL`;
  }
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:") return `callbackUri ${describeValue(callbackUri)} is not http or https`;
  if (!allowRemote && !isLoopback(parsed.hostname))
    return `callbackUri ${describeValue(callbackUri)} is not on this machine (127.0.0.1, localhost, [::1]); start the stand-in with allowRemoteCallbacks: true to call it`;
  return undefined;
}

const base64url = (value: string | Buffer) => Buffer.from(value).toString("base64url");

/** The notification of a template (a real callback body from the fixtures), for another call and operation. */
function notificationFrom(template: CommsNotifications, callId: string, operation: InviteParticipantsOperation): CommsNotifications {
  const [first] = template.value;
  if (first === undefined) throw new Error("graph stand-in: a template callback holds no notification");
  const ids = /\/calls\/([^/]+)\/operations\/([^/]+)/.exec(String(first.resourceUrl ?? first.resource));
  const retarget = (value: unknown) => (typeof value === "string" && ids !== null ? value.split(ids[1]!).join(callId).split(ids[2]!).join(String(operation.id)) : value);
  const data = first.resourceData as Record<string, unknown>;
  const annotations = Object.fromEntries(
    Object.entries(data)
      .filter(([name]) => name.startsWith("@odata."))
      .map(([name, value]) => [name, retarget(value)]),
  );
  const notification = { ...first, resourceData: { ...annotations, ...operation } } as Record<string, unknown>;
  for (const name of ["resource", "resourceUrl"]) if (name in notification) notification[name] = retarget(notification[name]);
  return { ...template, value: [notification] } as unknown as CommsNotifications;
}

/** Starts a stand-in for Graph's invite flow on 127.0.0.1 (a free port). */
export async function startGraphStandIn(options: GraphStandInOptions = {}): Promise<GraphStandIn> {
  checkOptions(OWNER, options, STAND_IN_OPTIONS, suggestOption);
  const {
    appId = DEFAULT_APP_ID,
    issuer = GRAPH_ISSUERS[0],
    tenantId = DEFAULT_TENANT_ID,
    allowRemoteCallbacks = false,
    mode = "tolerant",
    unhandledRequests = "ignore",
    attempts = 3,
    timeoutMs = 5_000,
    retryDelayMs = 100,
  } = options;
  // The longest wait before a retry is retryDelayMs doubled attempts − 2 times: a timer must be able to wait it.
  if (retryDelayMs * 2 ** Math.max(0, attempts - 2) > MAX_TIMER_MS)
    throw new TypeError(`${OWNER}: options.retryDelayMs doubled for each of ${attempts} attempts waits more than ${MAX_TIMER_MS} ms before the last`);
  const { outcome: ending, resultInfo, envelope, statusCase, delayMs } = options;
  const outcome = outcomeOf({ outcome: ending, resultInfo, envelope, statusCase, delayMs });
  const validate = mode === "strict" ? strictRequest : tolerantRequest;
  const answers: (GraphAnswer & { times: number })[] = [];
  const unhandled: ReceivedRequest[] = [];
  // The callback templates: Graph's completed-invite callbacks from its docs, the newest first.
  const completed = fixturesFor("inviteCompleted", "CommsNotifications");
  const templates = {
    current: completed.find((fixture) => !fixture.scenarios.includes("legacyResource") && "resourceUrl" in fixture.payload.value[0]!),
    legacy: completed.find((fixture) => fixture.scenarios.includes("legacyResource")),
  };
  const { publicKey, privateKey } = await new Promise<{ publicKey: KeyObject; privateKey: KeyObject }>((resolve, reject) =>
    generateKeyPair("rsa", { modulusLength: 2048 }, (error, publicKey, privateKey) => (error ? reject(error) : resolve({ publicKey, privateKey }))),
  );
  const kid = randomUUID();
  const jwk = { ...publicKey.export({ format: "jwk" }), kid, alg: "RS256", use: "sig" };
  const signToken = (claims: Record<string, unknown> = {}) => {
    const now = Math.floor(Date.now() / 1000);
    const header = base64url(JSON.stringify({ alg: "RS256", typ: "JWT", kid }));
    const payload = base64url(JSON.stringify({ iss: issuer, aud: appId, tid: tenantId, iat: now, nbf: now, exp: now + 600, ...claims }));
    return `${header}.${payload}.${sign("RSA-SHA256", Buffer.from(`${header}.${payload}`), privateKey).toString("base64url")}`;
  };

  const calls = new Map<string, { callbackUri: string }>();
  const operations = new Map<string, InviteParticipantsOperation>();
  const requests: ReceivedRequest[] = [];
  const deliveries: (Delivery & { state: Delivery["state"]; attempts: DeliveryAttempt[]; text: string })[] = [];
  const running = new Set<Promise<void>>();
  /** The callbacks not yet due, with the call and operation each tells of. */
  const timers = new Map<NodeJS.Timeout, { callId: string; operationId: string }>();
  /** The connections of bodies over the limit, closed a moment after their answer (LINGER_MS). */
  const lingering = new Set<NodeJS.Timeout>();
  // Closing aborts the callbacks in flight, so that close() never waits for a bot that does not answer.
  const closing = new AbortController();
  let closed = false;

  const graphError = (status: number, code: string, message: string, details?: { code: string; message: string; target: string }[]) => ({
    status,
    body: {
      error: {
        code,
        message,
        ...(details === undefined ? {} : { details }),
        innerError: { date: new Date().toISOString().slice(0, 19), "request-id": randomUUID(), "client-request-id": randomUUID() },
      },
    },
  });

  async function deliver(delivery: (typeof deliveries)[number]): Promise<void> {
    for (let attempt = 1; attempt <= attempts && !closed; attempt += 1) {
      const started = performance.now();
      try {
        // A redirect is not followed (the signed callback goes to the callback URL only): it is the bot's answer.
        const response = await fetch(delivery.url, {
          method: "POST",
          headers: { "content-type": "application/json", authorization: `Bearer ${delivery.token}` },
          body: delivery.text,
          redirect: "manual",
          signal: AbortSignal.any([AbortSignal.timeout(timeoutMs), closing.signal]),
        });
        // The bot's answer body is never read: no byte of it is kept.
        await response.body?.cancel().catch(() => undefined);
        const redirected = response.status >= 300 && response.status < 400;
        delivery.attempts.push({
          status: response.status,
          ...(redirected ? { error: `redirected (status ${response.status}); the stand-in follows no redirect` } : {}),
          ms: Math.round(performance.now() - started),
        });
        if (response.status < 500 && response.status !== 408 && response.status !== 429) {
          // Delivered, or refused in a way a retry does not change (3xx, 401, 404, …).
          delivery.state = response.status < 300 ? "delivered" : "rejected";
          return;
        }
      } catch (error) {
        const cause = (error as { cause?: { code?: string; message?: string } }).cause;
        const name = (error as Error).name;
        const reason =
          name === "TimeoutError"
            ? `no answer within ${timeoutMs} ms`
            : name === "AbortError"
              ? "the stand-in was closed"
              : (cause?.code ?? cause?.message ?? (error as Error).message);
        delivery.attempts.push({ error: reason, ms: Math.round(performance.now() - started) });
      }
      if (attempt < attempts) {
        // Aborted by close(): a backoff never keeps the stand-in open.
        const waited = await sleep(retryDelayMs * 2 ** (attempt - 1), true, { signal: closing.signal }).catch(() => false);
        if (!waited) break;
      }
    }
    delivery.state = "failed";
  }

  function sendCallbacks(callId: string, operation: InviteParticipantsOperation, chosen: InviteOutcome) {
    const template = templates[chosen.envelope ?? "current"];
    if (template === undefined) throw new Error(`graph stand-in: the fixtures hold no ${chosen.envelope} completed-invite callback`);
    const failed = chosen.outcome === "failed";
    const status = failed ? "failed" : "completed";
    const ended = {
      ...operation,
      status: chosen.statusCase === "PascalCase" ? status.charAt(0).toUpperCase() + status.slice(1) : status,
      // A copy for each callback: a test that edits one changes no other, nor the default.
      resultInfo: failed ? structuredClone(chosen.resultInfo ?? DEFAULT_FAILURE) : null,
    } as InviteParticipantsOperation;
    const timer = setTimeout(() => {
      timers.delete(timer);
      operations.set(String(operation.id), ended);
      const call = calls.get(callId)!;
      const body = structuredClone(notificationFrom(template.payload, callId, ended));
      // The text sent is made once: every attempt sends the same bytes, whatever a test does to `body`.
      const delivery = {
        callId,
        operationId: String(operation.id),
        url: call.callbackUri,
        body,
        text: JSON.stringify(body),
        token: signToken(),
        attempts: [],
        state: "pending" as Delivery["state"],
      };
      deliveries.push(delivery);
      const sending = deliver(delivery).finally(() => running.delete(sending));
      running.add(sending);
    }, chosen.delayMs ?? 0);
    timers.set(timer, { callId, operationId: String(operation.id) });
  }

  type Answered = { status: number; body?: unknown; headers?: Record<string, string>; strictIssues?: readonly ValidationIssue[]; reset?: boolean; unhandled?: boolean };

  /** The answer `answerNext` set for this request, if any (used up by it). */
  function overrideFor(method: string, route: RegExpExecArray | null): (GraphAnswer & { times: number }) | undefined {
    const [, , callId, action, operationId] = route ?? [];
    const kind: AnsweredRoute | undefined =
      route === null
        ? undefined
        : callId === undefined
          ? method === "POST"
            ? "createCall"
            : undefined
          : action === "participants/invite"
            ? "invite"
            : operationId !== undefined
              ? "getOperation"
              : undefined;
    const index = answers.findIndex((candidate) => (candidate.route === "any" || candidate.route === kind) && (candidate.callId === undefined || candidate.callId === callId));
    if (index === -1 || kind === undefined) return undefined;
    const chosen = answers[index]!;
    chosen.times -= 1;
    if (chosen.times <= 0) answers.splice(index, 1);
    return chosen;
  }

  /** A request's body, read once: undefined past the limit, else its JSON value or why it is not JSON. */
  type Body = undefined | { value: unknown; error?: undefined } | { value?: undefined; error: string };

  async function answer(request: IncomingMessage, body: Body, base: string): Promise<Answered> {
    const path = new URL(request.url ?? "/", base).pathname;
    const route = /^\/(v1\.0|beta)\/communications\/calls(?:\/([^/]+)(?:\/(participants\/invite|operations\/([^/]+)))?)?\/?$/.exec(path);
    const override = overrideFor(request.method ?? "", route);
    if (override !== undefined) {
      // Aborted by close(): a slow answer never keeps the stand-in open.
      if (override.delayMs !== undefined && !(await sleep(override.delayMs, true, { signal: closing.signal }).catch(() => false))) return { status: 0, reset: true };
      if (override.reset === true) return { status: 0, reset: true };
      if (override.status !== undefined) {
        const refused = graphError(
          override.status,
          override.code ?? ERROR_CODES[override.status] ?? "UnknownError",
          override.message ?? `The stand-in answers ${override.status}, as asked.`,
        );
        return override.retryAfter === undefined ? refused : { ...refused, headers: { "retry-after": String(override.retryAfter) } };
      }
    }
    return ownAnswer(request, body, base, path, route);
  }

  async function ownAnswer(request: IncomingMessage, body: Body, base: string, path: string, route: RegExpExecArray | null): Promise<Answered> {
    if (request.method === "GET" && path === "/.well-known/openid-configuration")
      return { status: 200, body: { issuer, jwks_uri: `${base}/keys`, id_token_signing_alg_values_supported: ["RS256"] } };
    if (request.method === "GET" && path === "/keys") return { status: 200, body: { keys: [jwk] } };
    if (route === null)
      return {
        ...graphError(404, "UnknownError", `No stand-in for ${request.method} ${path}: it answers POST /v1.0/communications/calls/{id}/participants/invite`),
        unhandled: true,
      };
    if (!/^Bearer \S+/.test(request.headers.authorization ?? "")) return graphError(401, "InvalidAuthenticationToken", "Access token is empty.");
    if (body === undefined) return graphError(413, "RequestEntityTooLarge", `The request body is larger than ${MAX_BODY_BYTES} bytes.`);
    const [, version, callId, action, operationId] = route;
    if (callId === undefined) {
      if (request.method !== "POST") return graphError(405, "MethodNotAllowed", `${request.method} is not supported on calls by the stand-in.`);
      if (body.error !== undefined) return graphError(400, "BadRequest", `The request body is not JSON: ${body.error}`);
      const call = body.value as { callbackUri?: unknown };
      const problem = callbackProblem(call?.callbackUri, allowRemoteCallbacks);
      if (problem !== undefined) return graphError(400, "BadRequest", `${problem}.`);
      const id = addCall({ callbackUri: call.callbackUri as string });
      return {
        status: 201,
        body: { "@odata.type": "#microsoft.graph.call", ...call, id, state: "establishing" },
        headers: { location: `${base}/${version}/communications/calls/${id}` },
      };
    }
    if (!calls.has(callId)) return graphError(404, "itemNotFound", `The call ${callId} was not found.`);
    if (operationId !== undefined) {
      const operation = operations.get(operationId);
      return request.method === "GET" && operation !== undefined
        ? { status: 200, body: operation }
        : graphError(404, "itemNotFound", `The operation ${operationId} was not found.`);
    }
    if (action === undefined || request.method !== "POST") return graphError(405, "MethodNotAllowed", `${request.method} ${path} is not supported by the stand-in.`);
    if (body.error !== undefined) return graphError(400, "BadRequest", `The request body is not JSON: ${body.error}`);
    const { value } = body;
    const result = validate(value, { allErrors: true });
    // What Graph ignores is accepted; what strict mode would have refused is recorded for the test to see.
    const strict = mode === "strict" || !result.valid ? undefined : strictRequest(value, { allErrors: true });
    if (!result.valid) {
      const details = result.errors.map((issue: ValidationIssue) => ({ code: issue.keyword, message: issue.message, target: issue.path }));
      return graphError(400, "BadRequest", result.errors[0]!.message, details);
    }
    const invite = result.value as InviteParticipantsRequest;
    const operation: InviteParticipantsOperation = {
      "@odata.type": "#microsoft.graph.inviteParticipantsOperation",
      id: randomUUID(),
      status: "running",
      clientContext: invite.clientContext ?? null,
      resultInfo: null,
      participants: invite.participants,
    };
    operations.set(String(operation.id), operation);
    sendCallbacks(callId, operation, outcome);
    return {
      status: 200,
      body: operation,
      headers: { location: `${base}/${version}/communications/calls/${callId}/operations/${operation.id}` },
      ...(strict === undefined || strict.valid ? {} : { strictIssues: strict.errors }),
    };
  }

  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    readBody(request, MAX_BODY_BYTES)
      .then(async (bytes) => {
        const text = bytes?.toString("utf8");
        let body: Body;
        try {
          body = text === undefined ? undefined : { value: JSON.parse(text) };
        } catch (error) {
          body = { error: (error as Error).message };
        }
        const answered: Answered = await answer(request, body, base).catch((error: Error) => graphError(500, "UnknownError", error.message));
        const received: ReceivedRequest = {
          method: request.method ?? "",
          path: request.url ?? "",
          headers: { ...request.headers },
          body: body?.error === undefined ? body?.value : text || undefined,
          status: answered.status,
          ...(answered.strictIssues === undefined ? {} : { strictIssues: answered.strictIssues }),
        };
        requests.push(received);
        if (answered.unhandled === true && unhandledRequests === "fail") unhandled.push(received);
        if (answered.reset === true) {
          request.socket.destroy();
          return;
        }
        // A body cut at the limit is not read on: the connection closes with the answer, a moment after it, so that
        // a client still sending reads the answer before the reset (a reset at once can discard it in the client's
        // buffers). Nothing more is read meanwhile: the request stays paused.
        const headers = { "content-type": "application/json", ...("headers" in answered ? answered.headers : {}), ...(text === undefined ? { connection: "close" } : {}) };
        response.writeHead(answered.status, headers).end(answered.body === undefined ? undefined : JSON.stringify(answered.body), () => {
          if (text !== undefined) return;
          const timer = setTimeout(() => {
            lingering.delete(timer);
            request.destroy();
          }, LINGER_MS);
          lingering.add(timer);
        });
      })
      .catch((error: Error) => response.writeHead(500, { "content-type": "application/json" }).end(JSON.stringify(graphError(500, "UnknownError", error.message).body)));
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", resolve);
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  function addCall(call: { callbackUri: string; id?: string }): string {
    const { callbackUri, id = randomUUID() } = checkOptions(`${OWNER}: addCall`, call, { callbackUri: rule("a URL", () => true), id: stringRule }, suggestOption) ?? ({} as never);
    const problem = callbackProblem(callbackUri, allowRemoteCallbacks);
    if (problem !== undefined) throw new TypeError(`${OWNER}: ${problem}`);
    calls.set(id, { callbackUri });
    return id;
  }

  return {
    url,
    openIdConfiguration: `${url}/.well-known/openid-configuration`,
    appId,
    issuer,
    tenantId,
    requests,
    unhandledRequests: unhandled,
    deliveries,
    addCall,
    answerNext(next: GraphAnswer) {
      const checked = checkOptions(`${OWNER}: answerNext`, next, ANSWER_OPTIONS, suggestOption);
      if (checked === undefined || (checked.status === undefined && checked.reset !== true && checked.delayMs === undefined))
        throw new TypeError(`${OWNER}: answerNext needs a status, reset: true or a delayMs`);
      answers.push({ ...checked, route: checked.route ?? "invite", times: checked.times ?? 1 });
    },
    clearAnswers() {
      answers.length = 0;
    },
    setOutcome(next: InviteOutcome) {
      const checked = outcomeOf(next);
      for (const name of Object.keys(checked) as (keyof InviteOutcome)[]) if (checked[name] !== undefined) (outcome as Record<string, unknown>)[name] = checked[name];
    },
    sign: signToken,
    async waitForCallbacks(options: { count?: number; timeoutMs?: number; callId?: string; operationId?: string } = {}) {
      const { count = 1, timeoutMs: wait = 15_000, callId, operationId } = checkOptions(`${OWNER}: waitForCallbacks`, options, WAIT_OPTIONS, suggestOption) ?? {};
      const mine = (of: { callId: string; operationId: string }) => (callId === undefined || of.callId === callId) && (operationId === undefined || of.operationId === operationId);
      const deadline = Date.now() + wait;
      for (;;) {
        const sent = deliveries.filter(mine);
        const due = [...timers.values()].filter(mine).length;
        const pending = sent.filter((delivery) => delivery.state === "pending").length;
        if (sent.length >= count && due === 0 && pending === 0) break;
        if (Date.now() >= deadline) {
          const which = callId === undefined && operationId === undefined ? "" : ` of ${operationId === undefined ? `call ${callId}` : `operation ${operationId}`}`;
          throw new Error(`graph stand-in: waited ${wait} ms for callbacks${which}: ${sent.length} of ${count} sent, ${pending} still being delivered, ${due} not yet due`);
        }
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      const undelivered = deliveries.filter(mine).find((delivery) => delivery.state !== "delivered");
      if (undelivered !== undefined) {
        const last = undelivered.attempts.at(-1);
        const why = last?.error ?? `status ${last?.status}`;
        throw new Error(`graph stand-in: the callback to ${undelivered.url} was ${undelivered.state} after ${undelivered.attempts.length} attempt(s): ${why}`);
      }
      return deliveries.filter(mine);
    },
    async close() {
      closed = true;
      closing.abort();
      for (const timer of timers.keys()) clearTimeout(timer);
      timers.clear();
      for (const timer of lingering) clearTimeout(timer);
      lingering.clear();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await Promise.allSettled([...running]);
      if (unhandled.length > 0)
        throw new Error(`graph stand-in: ${unhandled.length} request(s) it had no answer for: ${unhandled.map((request) => `${request.method} ${request.path}`).join(", ")}`);
    },
  };
}
