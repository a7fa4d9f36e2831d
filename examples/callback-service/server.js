// Starts the callback service: node examples/callback-service/server.js [port]
// LOG_LEVEL sets the log level (default info); started with an IPC channel, it sends { port } once listening.
import { buildApp } from "./app.js";

const app = buildApp({ logger: { level: process.env.LOG_LEVEL ?? "info" } });
const port = Number(process.argv[2] ?? process.env.PORT ?? 3978);
await app.listen({ host: process.env.HOST ?? "127.0.0.1", port });
const address = app.server.address();
process.send?.({ port: typeof address === "object" && address !== null ? address.port : port });
