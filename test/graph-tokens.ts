// A stand-in for the keys Graph signs its callback tokens with: an OpenID configuration and a key set served on
// 127.0.0.1, and real JWTs signed with the key in the set (or with one that is not, to be refused).
import { createServer } from "node:http";
import { exportJWK, generateKeyPair, SignJWT } from "jose";

export const APP_ID = "b9e1d5a0-5c54-4bd1-8f3e-7c1f0a1d2e3f";
const GRAPH_ISSUER = "https://graph.microsoft.com";

export interface TokenOptions {
  audience?: string;
  issuer?: string;
  /** Seconds from now; negative for a token that has expired. */
  expiresIn?: number;
  /** Signed with a key that is not in the served set. */
  foreignKey?: boolean;
  /** The `kid` of the header (default the served key's). */
  kid?: string;
  /** Seconds from now of `nbf` (none by default). */
  notBefore?: number;
  /** The `tid` claim (default a fixed test tenant). */
  tenantId?: string;
}

export const TENANT_ID = "aa67bd4c-8475-432d-bd41-39f255720e0a";

export async function startKeyServer() {
  const { publicKey, privateKey } = await generateKeyPair("RS256");
  const foreign = await generateKeyPair("RS256");
  const jwk = { ...(await exportJWK(publicKey)), kid: "graph-test-key", alg: "RS256", use: "sig" };
  let requests = 0;
  let failing = false;
  const server = createServer((request, response) => {
    requests += 1;
    if (failing) {
      response.writeHead(503).end();
      return;
    }
    const address = server.address();
    const base = `http://127.0.0.1:${typeof address === "object" && address !== null ? address.port : 0}`;
    const body = request.url === "/.well-known/openid-configuration" ? { issuer: GRAPH_ISSUER, jwks_uri: `${base}/keys` } : request.url === "/keys" ? { keys: [jwk] } : undefined;
    response.writeHead(body === undefined ? 404 : 200, { "content-type": "application/json" }).end(JSON.stringify(body ?? {}));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  const base = `http://127.0.0.1:${typeof address === "object" && address !== null ? address.port : 0}`;
  return {
    openIdConfiguration: `${base}/.well-known/openid-configuration`,
    /** How many requests the key server answered (the service reads the configuration and keys once). */
    requests: () => requests,
    /** Makes the configuration and key set answer 503 (true) or serve again (false). */
    fail: (to: boolean) => {
      failing = to;
    },
    sign: ({ audience = APP_ID, issuer = GRAPH_ISSUER, expiresIn = 600, foreignKey = false, kid = "graph-test-key", notBefore, tenantId = TENANT_ID }: TokenOptions = {}) =>
      new SignJWT({ tid: tenantId, ...(notBefore === undefined ? {} : { nbf: Math.floor(Date.now() / 1000) + notBefore }) })
        .setProtectedHeader({ alg: "RS256", kid })
        .setIssuer(issuer)
        .setAudience(audience)
        .setIssuedAt()
        .setExpirationTime(Math.floor(Date.now() / 1000) + expiresIn)
        .sign(foreignKey ? foreign.privateKey : privateKey),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
