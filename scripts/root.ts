import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/** The package root, for scripts, the benchmark and the tests. */
export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
