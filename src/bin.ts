#!/usr/bin/env node
// The `graph-invite-participants` executable.
import { main } from "./cli.js";

// A closed output pipe (`… | head -1`) ends the run quietly, with the status so far.
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code === "EPIPE") process.exit(process.exitCode ?? 0);
  throw error;
});
process.on("SIGINT", () => {
  process.stderr.write("\ngraph-invite-participants: interrupted\n");
  process.exit(130);
});

main(process.argv.slice(2), process).then(
  (status) => {
    process.exitCode = status;
  },
  (error: unknown) => {
    process.stderr.write(`graph-invite-participants: unexpected error: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 2;
  },
);
