/**
 * graph-invite-participants/fastify: Fastify's validator compiler for the package's schemas. A route whose schema
 * is one of the shipped files (`validators.T.schema`, or the file imported as JSON: its `$id`, and equal to the file) is
 * checked by the package's validator, in first-error mode, and Fastify compiles nothing of it; every other schema
 * goes to Fastify's own compiler (`@fastify/ajv-compiler`, which Fastify itself depends on), with the Ajv options
 * Fastify was given.
 *
 *   const app = Fastify({ schemaController: { compilersFactory: { buildValidator } } });
 *   app.post("/invite", { schema: { body: inviteRequestSchema } }, handler);
 */
import { isDeepStrictEqual } from "node:util";
import AjvCompiler from "@fastify/ajv-compiler";
import { validators as tolerant } from "./index.js";
import { validators as strict } from "./strict.js";
import type { ValidationIssue } from "./validators/report.js";
import type { Validator } from "./validators/runtime.js";
import { afterPlace } from "./validators/text.js";

/** The package's validators by the `$id` of their shipped schema. */
let byId: Map<string, Validator<unknown>> | undefined;
/**
 * The package's validator for a route's schema: one whose `$id` is a shipped file's and which is that file, the
 * same object or equal to it. A copy with a rule added or changed (the `$id` kept, as a spread or `structuredClone`
 * keeps it) is not the package's schema: Fastify's own compiler checks it as written.
 */
function validatorOf(schema: unknown): Validator<unknown> | undefined {
  const id = schema !== null && typeof schema === "object" ? (schema as { $id?: unknown }).$id : undefined;
  if (typeof id !== "string") return undefined;
  byId ??= new Map([...Object.values(tolerant), ...Object.values(strict)].map((validator) => [validator.schema.$id as string, validator as Validator<unknown>]));
  const validator = byId.get(id);
  return validator !== undefined && (schema === validator.schema || isDeepStrictEqual(schema, validator.schema)) ? validator : undefined;
}

/** An issue as Fastify writes Ajv's errors: its message after the path, which Fastify prefixes with the part. */
function asFastifyError(issue: ValidationIssue) {
  return { instancePath: issue.path, keyword: issue.keyword, params: issue.params, message: afterPlace(issue.path, issue.message) };
}

/** What Fastify hands a validator compiler for each route part. */
interface RouteSchema {
  schema?: unknown;
  method?: string;
  url?: string;
  httpPart?: string;
}

/**
 * Fastify's `schemaController.compilersFactory.buildValidator`: Fastify's own compiler, with the package's
 * validators for the package's schemas. An invalid body is a 400 whose message and `validation` list Fastify
 * writes as it does Ajv's (`body/extra is not a declared property …`).
 */
// biome-ignore lint/suspicious/noExplicitAny: Fastify's type for a validation function is Ajv's, which this one is not; it takes either.
export function buildValidator(externalSchemas?: unknown, ajvOptions?: unknown): (route: RouteSchema) => any {
  const fastifyOwn = (AjvCompiler as unknown as () => (external: unknown, options: unknown) => (route: RouteSchema) => (data: unknown) => unknown)()(
    externalSchemas ?? {},
    ajvOptions ?? {},
  );
  return (route) => {
    const validator = validatorOf(route.schema);
    if (validator === undefined) return fastifyOwn(route);
    return (data: unknown) => {
      const result = validator.validate(data);
      if (result.valid) return { value: data };
      const validation = result.errors.map(asFastifyError);
      // Fastify's own form: `body/participants/0/identity is required`.
      const message = validation.map((error) => `${route.httpPart ?? "body"}${error.instancePath} ${error.message}`).join(", ");
      return { error: Object.assign(new Error(message), { validation }) };
    };
  };
}
