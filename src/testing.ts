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
import type { CommsNotifications, InviteParticipantsOperation, InviteParticipantsRequest, ResultInfo } from "../types/index.js";
import { fixturesFor } from "./fixtures.js";
import { validateInviteParticipantsRequest as tolerantRequest } from "./index.js";
import { validateInviteParticipantsRequest as strictRequest } from "./strict.js";
import type { ValidationIssue } from "./report.js";
import type { Mode } from "./table.js";

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
  /** The issuer of the callback tokens (default `"https://graph.microsoft.com"`). */
  issuer?: string;
  /** How the invite body is validated: `"strict"` (default, as Graph refuses what it does not declare) or `"tolerant"`. */
  mode?: Mode;
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
  readonly status: number;
}

/** One attempt to deliver a callback: the status the bot answered, or why there was none. */
export interface DeliveryAttempt {
  readonly status?: number;
  readonly error?: string;
  readonly ms: number;
}

/** A callback the stand-in sent (or tried to), with every attempt. */
export interface Delivery {
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
  /** Every request received, in order. */
  readonly requests: readonly ReceivedRequest[];
  /** Every callback sent or being sent, in order. */
  readonly deliveries: readonly Delivery[];
  /** Registers a call as if it had been created with this callback URL; returns its id. */
  addCall(call: { callbackUri: string; id?: string }): string;
  /** Changes how the next invites end. */
  setOutcome(outcome: InviteOutcome): void;
  /** A token as the callbacks carry, signed by the served key (claims may be changed, for tests of refusals). */
  sign(claims?: Record<string, unknown>): string;
  /**
   * Waits until every callback sent so far has ended (and at least `count`, default 1, were sent). Resolves with
   * the deliveries when each was delivered; rejects naming the callback and why when one was not, or when
   * `timeoutMs` (default 15,000) passes first.
   */
  waitForCallbacks(options?: { count?: number; timeoutMs?: number }): Promise<readonly Delivery[]>;
  close(): Promise<void>;
}

const OUTCOMES = ["completed", "failed"] as const;
const ENVELOPES = ["current", "legacy"] as const;
const STATUS_CASES = ["camelCase", "PascalCase"] as const;
const MAX_BODY_BYTES = 1024 * 1024;
const DEFAULT_APP_ID = "6a1d0b2e-3c4f-4a5b-8c7d-9e0f1a2b3c4d";
const DEFAULT_FAILURE: ResultInfo = {
  "@odata.type": "#microsoft.graph.resultInfo",
  code: 403,
  subcode: 7504,
  message: "Insufficient enterprise tenant permissions, cannot access this API.",
};

function checkOutcome(outcome: InviteOutcome): void {
  const oneOf = (name: string, value: unknown, allowed: readonly string[]) => {
    if (value !== undefined && !allowed.includes(value as string)) throw new TypeError(`graph stand-in: ${name} ${JSON.stringify(value)} is not one of ${allowed.join(", ")}`);
  };
  oneOf("outcome", outcome.outcome, OUTCOMES);
  oneOf("envelope", outcome.envelope, ENVELOPES);
  oneOf("statusCase", outcome.statusCase, STATUS_CASES);
  if (outcome.delayMs !== undefined && !(Number.isFinite(outcome.delayMs) && outcome.delayMs >= 0))
    throw new TypeError("graph stand-in: delayMs must be a number of milliseconds ≥ 0");
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

function readBody(request: IncomingMessage): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    request.on("end", () => resolve(size > MAX_BODY_BYTES ? undefined : Buffer.concat(chunks).toString("utf8")));
    request.on("error", reject);
  });
}

/** Starts a stand-in for Graph's invite flow on 127.0.0.1 (a free port). */
export async function startGraphStandIn(options: GraphStandInOptions = {}): Promise<GraphStandIn> {
  checkOutcome(options);
  const { appId = DEFAULT_APP_ID, issuer = "https://graph.microsoft.com", mode = "strict", attempts = 3, timeoutMs = 5_000, retryDelayMs = 100 } = options;
  if (mode !== "strict" && mode !== "tolerant") throw new TypeError(`graph stand-in: mode ${JSON.stringify(mode)} is not one of strict, tolerant`);
  if (!Number.isInteger(attempts) || attempts < 1) throw new TypeError("graph stand-in: attempts must be an integer ≥ 1");
  if (!(timeoutMs > 0) || !(retryDelayMs >= 0)) throw new TypeError("graph stand-in: timeoutMs must be > 0 and retryDelayMs ≥ 0");
  let outcome: InviteOutcome = { outcome: options.outcome, resultInfo: options.resultInfo, envelope: options.envelope, statusCase: options.statusCase, delayMs: options.delayMs };
  const validate = mode === "strict" ? strictRequest : tolerantRequest;
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
    const payload = base64url(JSON.stringify({ iss: issuer, aud: appId, iat: now, nbf: now, exp: now + 600, ...claims }));
    return `${header}.${payload}.${sign("RSA-SHA256", Buffer.from(`${header}.${payload}`), privateKey).toString("base64url")}`;
  };

  const calls = new Map<string, { callbackUri: string }>();
  const operations = new Map<string, InviteParticipantsOperation>();
  const requests: ReceivedRequest[] = [];
  const deliveries: (Delivery & { state: Delivery["state"]; attempts: DeliveryAttempt[] })[] = [];
  const running = new Set<Promise<void>>();
  const timers = new Set<NodeJS.Timeout>();
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
        const response = await fetch(delivery.url, {
          method: "POST",
          headers: { "content-type": "application/json", authorization: `Bearer ${delivery.token}` },
          body: JSON.stringify(delivery.body),
          signal: AbortSignal.any([AbortSignal.timeout(timeoutMs), closing.signal]),
        });
        await response.arrayBuffer().catch(() => undefined);
        delivery.attempts.push({ status: response.status, ms: Math.round(performance.now() - started) });
        if (response.status < 300 || (response.status < 500 && response.status !== 408 && response.status !== 429)) {
          // Delivered, or refused in a way a retry does not change (401, 404, …).
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
      if (attempt < attempts) await new Promise((resolve) => setTimeout(resolve, retryDelayMs * 2 ** (attempt - 1)));
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
      resultInfo: failed ? (chosen.resultInfo ?? DEFAULT_FAILURE) : null,
    } as InviteParticipantsOperation;
    const timer = setTimeout(() => {
      timers.delete(timer);
      operations.set(String(operation.id), ended);
      const call = calls.get(callId)!;
      const delivery = { url: call.callbackUri, body: notificationFrom(template.payload, callId, ended), token: signToken(), attempts: [], state: "pending" as Delivery["state"] };
      deliveries.push(delivery);
      const sending = deliver(delivery).finally(() => running.delete(sending));
      running.add(sending);
    }, chosen.delayMs ?? 0);
    timers.add(timer);
  }

  async function answer(request: IncomingMessage, text: string | undefined, base: string): Promise<{ status: number; body?: unknown; headers?: Record<string, string> }> {
    const path = new URL(request.url ?? "/", base).pathname;
    if (request.method === "GET" && path === "/.well-known/openid-configuration")
      return { status: 200, body: { issuer, jwks_uri: `${base}/keys`, id_token_signing_alg_values_supported: ["RS256"] } };
    if (request.method === "GET" && path === "/keys") return { status: 200, body: { keys: [jwk] } };
    const route = /^\/(v1\.0|beta)\/communications\/calls(?:\/([^/]+)(?:\/(participants\/invite|operations\/([^/]+)))?)?\/?$/.exec(path);
    if (route === null) return graphError(404, "UnknownError", `No stand-in for ${request.method} ${path}: it answers POST /v1.0/communications/calls/{id}/participants/invite`);
    if (!/^Bearer \S+/.test(request.headers.authorization ?? "")) return graphError(401, "InvalidAuthenticationToken", "Access token is empty.");
    if (text === undefined) return graphError(413, "RequestEntityTooLarge", `The request body is larger than ${MAX_BODY_BYTES} bytes.`);
    const [, version, callId, action, operationId] = route;
    if (callId === undefined) {
      if (request.method !== "POST") return graphError(405, "MethodNotAllowed", `${request.method} is not supported on calls by the stand-in.`);
      let body: { callbackUri?: unknown };
      try {
        body = JSON.parse(text) as { callbackUri?: unknown };
      } catch {
        return graphError(400, "BadRequest", "The request body is not JSON.");
      }
      if (typeof body?.callbackUri !== "string") return graphError(400, "BadRequest", "callbackUri is required.");
      const id = addCall({ callbackUri: body.callbackUri });
      return {
        status: 201,
        body: { "@odata.type": "#microsoft.graph.call", ...body, id, state: "establishing" },
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
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      return graphError(400, "BadRequest", `The request body is not JSON: ${(error as Error).message}`);
    }
    const result = validate(value, { allErrors: true });
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
    return { status: 200, body: operation, headers: { location: `${base}/${version}/communications/calls/${callId}/operations/${operation.id}` } };
  }

  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    readBody(request)
      .then(async (text) => {
        const answered = await answer(request, text, base);
        let body: unknown = text;
        try {
          body = text === undefined || text === "" ? undefined : JSON.parse(text);
        } catch {
          body = text;
        }
        requests.push({ method: request.method ?? "", path: request.url ?? "", headers: { ...request.headers }, body, status: answered.status });
        response
          .writeHead(answered.status, { "content-type": "application/json", ...answered.headers })
          .end(answered.body === undefined ? undefined : JSON.stringify(answered.body));
      })
      .catch((error: Error) => response.writeHead(500, { "content-type": "application/json" }).end(JSON.stringify(graphError(500, "UnknownError", error.message).body)));
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", resolve);
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  function addCall({ callbackUri, id = randomUUID() }: { callbackUri: string; id?: string }): string {
    let parsed: URL;
    try {
      parsed = new URL(callbackUri);
    } catch {
      throw new TypeError(`graph stand-in: callbackUri ${JSON.stringify(callbackUri)} is not a URL`);
    }
    if (parsed.protocol !== "http:" && parsed.protocol !== "https:") throw new TypeError(`graph stand-in: callbackUri ${JSON.stringify(callbackUri)} is not http or https`);
    calls.set(id, { callbackUri });
    return id;
  }

  return {
    url,
    openIdConfiguration: `${url}/.well-known/openid-configuration`,
    appId,
    issuer,
    requests,
    deliveries,
    addCall,
    setOutcome(next: InviteOutcome) {
      checkOutcome(next);
      outcome = { ...outcome, ...next };
    },
    sign: signToken,
    async waitForCallbacks({ count = 1, timeoutMs: wait = 15_000 } = {}) {
      const deadline = Date.now() + wait;
      while (deliveries.length < count || timers.size > 0 || running.size > 0) {
        if (Date.now() >= deadline) {
          const pending = deliveries.filter((delivery) => delivery.state === "pending").length;
          throw new Error(`graph stand-in: waited ${wait} ms for callbacks: ${deliveries.length} of ${count} sent, ${pending} still being delivered, ${timers.size} not yet due`);
        }
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      const undelivered = deliveries.find((delivery) => delivery.state !== "delivered");
      if (undelivered !== undefined) {
        const last = undelivered.attempts.at(-1);
        const why = last?.error ?? `status ${last?.status}`;
        throw new Error(`graph stand-in: the callback to ${undelivered.url} was ${undelivered.state} after ${undelivered.attempts.length} attempt(s): ${why}`);
      }
      return deliveries;
    },
    async close() {
      closed = true;
      closing.abort();
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await Promise.allSettled([...running]);
    },
  };
}
