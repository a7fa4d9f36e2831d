/**
 * What Node.js's build reads with require() when a tolerant-mode value is first invalid or a schema first read
 * (dist/node/tolerant-code.cjs): Ajv's code, the schemas, and the descriptions of Ajv's errors.
 */
export * from "../generated/tolerant-code.js";
export { toIssues } from "../describe.js";
