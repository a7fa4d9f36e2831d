// Starts the callback service: node examples/callback-service/server.js [port]
import { buildApp } from "./app.js";

const app = buildApp({ logger: true });
const port = Number(process.argv[2] ?? process.env.PORT ?? 3978);
await app.listen({ host: process.env.HOST ?? "127.0.0.1", port });
