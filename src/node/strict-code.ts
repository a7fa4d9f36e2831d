/**
 * What Node.js's build reads with require() when a strict-mode value is first invalid or a schema first read
 * (dist/node/strict-code.cjs): Ajv's code, the schemas, and the descriptions of Ajv's errors.
 */
export * from "../generated/strict-code.js";
export { toIssues } from "../describe.js";
