/**
 * Graph's callback tokens verified as Microsoft's calling-bot samples verify them, with jose (a peer dependency of
 * graph-invite-participants/callbacks only).
 *
 *   const verify = createGraphTokenVerifier({ appId });
 *   await verify(request.headers.authorization); // throws a GraphTokenError saying why
 */
import { createLocalJWKSet, decodeJwt, decodeProtectedHeader, errors as joseErrors, type JSONWebKeySet, type JWTPayload, jwtVerify } from "jose";
import { GRAPH_ISSUERS, GRAPH_OPENID_CONFIGURATION } from "./graph.js";
import { checkOptions, MAX_TIMER_MS, millisecondsRule, positiveMillisecondsRule, rule, stringListRule, stringRule, suggestOption } from "../validators/options.js";

export { GRAPH_ISSUERS, GRAPH_OPENID_CONFIGURATION } from "./graph.js";

export interface GraphTokenVerifierOptions {
  /** The bot's application id: the audience every token must name. */
  appId: string;
  /** The OpenID configuration whose `jwks_uri` serves the signing keys (default Graph's, `GRAPH_OPENID_CONFIGURATION`). */
  openIdConfiguration?: string;
  /** The issuers accepted (default both of Graph's, `GRAPH_ISSUERS`). */
  issuers?: readonly string[];
  /** When given, the tenant (`tid` claim) every token must name. */
  tenantId?: string;
  /** Seconds a token's `exp` and `nbf` may be off this machine's clock (default 300: Microsoft's calling-bot sample allows five minutes). */
  clockToleranceSec?: number;
  /** The least time between two fetches of the keys for a token whose key is unknown (default 60,000 ms). */
  refreshIntervalMs?: number;
  /** The wait after a failed fetch of the keys, doubled after each next failure up to the refresh interval × 10 (default 1,000 ms). */
  retryDelayMs?: number;
  /** How long one fetch of the configuration or the keys may take (default 10,000 ms). */
  fetchTimeoutMs?: number;
}

/** Why a token was refused: `"invalid"` (answer 401) or `"unavailable"` (no signing keys could be had yet: answer 503, Graph retries). */
export class GraphTokenError extends Error {
  override name = "GraphTokenError";
  constructor(
    message: string,
    readonly reason: "invalid" | "unavailable",
  ) {
    super(message);
  }
}

/** Verifies the `Authorization` header of a callback: resolves with the token's claims, or rejects with a GraphTokenError. */
export type GraphTokenVerifier = (authorization: string | undefined) => Promise<JWTPayload>;

/** The signature algorithms of Graph's keys: RSA and EC only (never `none`, never an HMAC made with a public key). */
const ALGORITHMS = ["RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384"];
/** The most a token may be: Graph's are about 1.5 KB. */
const MAX_TOKEN_LENGTH = 16 * 1024;
/** The most bytes read of the configuration or the key set. */
const MAX_DOCUMENT_BYTES = 256 * 1024;
const OWNER = "createGraphTokenVerifier";

const VERIFIER_OPTIONS = {
  appId: stringRule,
  openIdConfiguration: rule("an http or https URL", (value) => typeof value === "string" && /^https?:\/\//.test(value) && URL.canParse(value)),
  issuers: stringListRule,
  tenantId: stringRule,
  clockToleranceSec: rule("a number of seconds from 0 to 86,400", (value) => typeof value === "number" && value >= 0 && value <= 86_400),
  refreshIntervalMs: millisecondsRule,
  retryDelayMs: positiveMillisecondsRule,
  fetchTimeoutMs: positiveMillisecondsRule,
};

/**
 * A JSON document fetched within bounds: no redirect followed, at most MAX_DOCUMENT_BYTES read, within `timeoutMs`.
 */
async function fetchJson(url: string, timeoutMs: number): Promise<unknown> {
  const response = await fetch(url, { redirect: "error", signal: AbortSignal.timeout(timeoutMs), headers: { accept: "application/json" } });
  if (!response.ok) {
    await response.body?.cancel().catch(() => undefined);
    throw new Error(`${url} answered ${response.status}`);
  }
  const declared = Number(response.headers.get("content-length") ?? 0);
  if (declared > MAX_DOCUMENT_BYTES) {
    await response.body?.cancel().catch(() => undefined);
    throw new Error(`${url} is larger than ${MAX_DOCUMENT_BYTES} bytes`);
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of response.body ?? []) {
    size += chunk.length;
    if (size > MAX_DOCUMENT_BYTES) throw new Error(`${url} is larger than ${MAX_DOCUMENT_BYTES} bytes`);
    chunks.push(chunk);
  }
  return JSON.parse(Buffer.concat(chunks).toString("utf8"));
}

/**
 * A verifier of Graph's callback tokens. A token is read before any key is fetched: one that is not a JWT, names
 * another audience, issuer or tenant, has expired beyond the clock tolerance, or uses an algorithm Graph's keys do
 * not is refused without a fetch. The key set is fetched on first need and kept; a token whose `kid` it lacks
 * refreshes it at most once per `refreshIntervalMs`; a failed fetch keeps the last good set and is not tried again
 * before `retryDelayMs` (doubled after each failure). So forged tokens cost at most one fetch per interval.
 */
export function createGraphTokenVerifier(options: GraphTokenVerifierOptions): GraphTokenVerifier {
  if (options === undefined || options === null || typeof options !== "object") throw new TypeError(`${OWNER}: options with appId (the bot's application id) are required`);
  checkOptions(OWNER, options, VERIFIER_OPTIONS, suggestOption);
  const {
    appId,
    openIdConfiguration = GRAPH_OPENID_CONFIGURATION,
    issuers = GRAPH_ISSUERS,
    tenantId,
    clockToleranceSec = 300,
    refreshIntervalMs = 60_000,
    retryDelayMs = 1_000,
    fetchTimeoutMs = 10_000,
  } = options;
  if (appId === undefined) throw new TypeError(`${OWNER}: options.appId is required: the bot's application id, the audience of Graph's tokens`);
  const accepted = [...issuers];
  const maxRetryDelay = Math.min(MAX_TIMER_MS, Math.max(retryDelayMs, refreshIntervalMs * 10));

  let keys: ReturnType<typeof createLocalJWKSet> | undefined;
  let kids = new Set<string>();
  /** When the keys were last fetched or tried, and when they may be tried again after failures. */
  let lastTry = Number.NEGATIVE_INFINITY;
  let notBefore = Number.NEGATIVE_INFINITY;
  let failures = 0;
  let lastFailure = "";
  let refreshing: Promise<void> | undefined;

  const refresh = (): Promise<void> => {
    refreshing ??= (async () => {
      lastTry = Date.now();
      try {
        const configuration = (await fetchJson(openIdConfiguration, fetchTimeoutMs)) as { jwks_uri?: unknown };
        if (typeof configuration?.jwks_uri !== "string" || !/^https?:\/\//.test(configuration.jwks_uri)) throw new Error("the OpenID configuration has no jwks_uri");
        const set = (await fetchJson(configuration.jwks_uri, fetchTimeoutMs)) as JSONWebKeySet;
        if (!Array.isArray(set?.keys)) throw new Error("the key set has no keys");
        keys = createLocalJWKSet(set);
        kids = new Set(set.keys.map((key) => key.kid).filter((kid): kid is string => typeof kid === "string"));
        failures = 0;
        notBefore = Number.NEGATIVE_INFINITY;
      } catch (error) {
        failures += 1;
        lastFailure = (error as Error).message;
        notBefore = Date.now() + Math.min(maxRetryDelay, retryDelayMs * 2 ** (failures - 1));
      } finally {
        refreshing = undefined;
      }
    })();
    return refreshing;
  };

  /** The key set to verify a token with `kid`: fetched when there is none, or refreshed for an unknown kid when allowed. */
  const keysFor = async (kid: string | undefined) => {
    const now = Date.now();
    const known = keys !== undefined && (kid === undefined || kids.has(kid));
    if (!known && now >= notBefore && (keys === undefined || now - lastTry >= refreshIntervalMs)) await refresh();
    if (keys === undefined) throw new GraphTokenError(`Graph's signing keys could not be fetched (${lastFailure}); tried again after a while`, "unavailable");
    return keys;
  };

  return async (authorization) => {
    if (typeof authorization !== "string" || authorization === "") throw new GraphTokenError("no Authorization header", "invalid");
    const match = /^Bearer +([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*)$/i.exec(authorization);
    if (match === null) throw new GraphTokenError(/^Bearer\b/i.test(authorization) ? "the bearer token is not a JWT" : "the Authorization header is not a Bearer token", "invalid");
    const token = match[1]!;
    if (token.length > MAX_TOKEN_LENGTH) throw new GraphTokenError(`the token is longer than ${MAX_TOKEN_LENGTH} characters`, "invalid");
    // Read before any key is fetched: a forged token with the wrong claims costs no request.
    let header: ReturnType<typeof decodeProtectedHeader>;
    let claims: JWTPayload;
    try {
      header = decodeProtectedHeader(token);
      claims = decodeJwt(token);
    } catch {
      throw new GraphTokenError("the bearer token is not a JWT", "invalid");
    }
    if (typeof header.alg !== "string" || !ALGORITHMS.includes(header.alg)) throw new GraphTokenError("the token's algorithm is not one Graph signs with", "invalid");
    if (typeof claims.iss !== "string" || !accepted.includes(claims.iss)) throw new GraphTokenError("the token's issuer is not Graph", "invalid");
    const audiences = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
    if (!audiences.includes(appId)) throw new GraphTokenError("the token is not for this application", "invalid");
    if (tenantId !== undefined && claims.tid !== tenantId) throw new GraphTokenError("the token is not for this tenant", "invalid");
    const now = Date.now() / 1000;
    if (typeof claims.exp !== "number" || claims.exp + clockToleranceSec < now) throw new GraphTokenError("the token has expired", "invalid");
    if (typeof claims.nbf === "number" && claims.nbf - clockToleranceSec > now) throw new GraphTokenError("the token is not valid yet", "invalid");
    const kid = typeof header.kid === "string" ? header.kid : undefined;
    const set = await keysFor(kid);
    try {
      const { payload } = await jwtVerify(token, set, { issuer: accepted, audience: appId, algorithms: ALGORITHMS, clockTolerance: clockToleranceSec });
      return payload;
    } catch (error) {
      if (error instanceof joseErrors.JWKSNoMatchingKey) throw new GraphTokenError("the token is signed by no key Graph publishes", "invalid");
      if (error instanceof joseErrors.JWSSignatureVerificationFailed) throw new GraphTokenError("the token's signature does not verify", "invalid");
      throw new GraphTokenError(`the token does not verify (${(error as { code?: string }).code ?? "invalid"})`, "invalid");
    }
  };
}
