/**
 * A request's body read with a limit, for the callbacks middleware and the test kit's stand-in. The reading stops as
 * soon as the body passes the limit, so that an endless body costs at most the limit; the connection is then closed
 * a moment after the answer (`LINGER_MS`), the rest unread: a reset at once can discard the answer in the buffers of
 * a client that is still sending.
 */
import type { IncomingMessage } from "node:http";

/** How long the connection of a body over the limit stays open after its answer, for the client to read it. */
export const LINGER_MS = 500;

/** The body's bytes, or undefined as soon as it passes `limit` (the request is left paused). */
export function readBody(request: IncomingMessage, limit: number): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) return void chunks.push(chunk);
      request.off("data", onData);
      request.pause();
      resolve(undefined);
    };
    request.on("data", onData);
    request.on("end", () => resolve(Buffer.concat(chunks)));
    request.on("error", reject);
  });
}
