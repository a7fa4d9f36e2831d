/**
 * Where Graph's callback tokens come from, as Microsoft's calling-bot samples read them: the OpenID configuration
 * whose key set signs them, and their two issuers. Shared by the callbacks entry point's verifier and the test
 * kit's stand-in, which signs tokens as Graph does.
 */
export const GRAPH_OPENID_CONFIGURATION = "https://api.aps.skype.com/v1/.well-known/OpenIdConfiguration";
export const GRAPH_ISSUERS: readonly ["https://graph.microsoft.com", "https://api.botframework.com"] = Object.freeze([
  "https://graph.microsoft.com",
  "https://api.botframework.com",
] as const);
