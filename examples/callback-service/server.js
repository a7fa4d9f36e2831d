// Starts the callback service: APP_ID=<the bot's application id> node examples/callback-service/server.js [port]
// OPENID_CONFIGURATION overrides where Graph's signing keys are found (default: Graph's); LOG_LEVEL sets the log
// level (default info). Started with an IPC channel, it sends { port } once listening.
import { buildApp, GRAPH_OPENID_CONFIGURATION } from "./app.js";

if (!process.env.APP_ID) {
  console.error("APP_ID must be the bot's application id: the audience of the tokens Graph's callbacks carry");
  process.exit(2);
}
const auth = { appId: process.env.APP_ID, openIdConfiguration: process.env.OPENID_CONFIGURATION ?? GRAPH_OPENID_CONFIGURATION };
const app = buildApp({ auth, logger: { level: process.env.LOG_LEVEL ?? "info" } });
const port = Number(process.argv[2] ?? process.env.PORT ?? 3978);
await app.listen({ host: process.env.HOST ?? "127.0.0.1", port });
const address = app.server.address();
process.send?.({ port: typeof address === "object" && address !== null ? address.port : port });
