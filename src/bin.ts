#!/usr/bin/env node
// The `graph-invite-participants` executable.
import { main } from "./cli/main.js";

// The status so far: every verdict written counts, also when the run is cut short.
let status = 0;

// A closed output pipe (`… | head -1`) ends the run quietly, with the status of what was printed.
// Any other failure to write (a full disk) is said on standard error, with exit status 2: what could not be done.
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code === "EPIPE") process.exit(status);
  process.stderr.write(`graph-invite-participants: cannot write the output: ${error.code ?? error.message}\n`);
  process.exit(2);
});
process.on("SIGINT", () => {
  process.stderr.write("\ngraph-invite-participants: interrupted\n");
  process.exit(130);
});

main(process.argv.slice(2), {
  stdin: process.stdin,
  stdout: process.stdout,
  stderr: process.stderr,
  onStatus: (to) => {
    status = to;
  },
}).then(
  (status) => {
    process.exitCode = status;
  },
  (error: unknown) => {
    process.stderr.write(`graph-invite-participants: unexpected error: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 2;
  },
);
