/**
 * The main entry point as Node.js loads it (the `node` condition of package.json's exports): the exports of
 * ../index.ts, with Ajv's code and the schemas read from a file beside the built module when first needed, so
 * that importing the package and checking valid values loads only the fast path and the runtime.
 */
export * from "../generated/tolerant-node.js";
export * from "../common.js";
