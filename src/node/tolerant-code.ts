/**
 * What Node.js's build reads with require() when a tolerant-mode value is first invalid or a schema first read
 * (dist/node/tolerant-code.cjs): Ajv's code, the schemas, the descriptions of Ajv's errors, and what the
 * runtime reads only to explain a rejection, read options, read JSON text it could not parse, or report to
 * Standard Schema (src/explain.ts).
 */
export * from "../generated/tolerant-code.js";
export { toIssues } from "../describe.js";
export { explain, jsonSchemaFor, readJsonText, readOptions, standardIssues, withoutValidPrefix } from "../explain.js";
