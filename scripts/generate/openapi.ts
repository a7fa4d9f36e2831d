/**
 * The OpenAPI 3.1 document (schemas/openapi.json): the invite action (its request in the strict form, its
 * response and Graph's error body), the commsNotifications callback as a webhook, the OAuth2 scheme and
 * permission, and examples from test/examples/, for API gateways, linters and code generators.
 *
 * Components: tolerant schemas under their Graph names (what Graph sends), strict ones under
 * `strict.<graphName>` (what a bot sends), and only the ones the document reaches.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { type Mode, TYPES, type TypeName } from "../../src/validators/table.js";
import { definitionName, graphNameOf, isObject, pointedTo, pointsIntoDefinition, type Schema } from "./schema-tree.js";
import { ROOT, type SchemaOf } from "./schemas.js";

const STRICT_PREFIX = "strict.";

const componentName = (definition: string, mode: Mode) => (mode === "strict" ? STRICT_PREFIX : "") + graphNameOf(definition);
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

/**
 * Rewrites a shipped schema into an OpenAPI component with the same rules, said the way linters and code
 * generators read them:
 * - no file identity; references into components.schemas;
 * - `items: {}` beside a bare `type: "array"`, `additionalProperties: true` beside a bare `type: "object"`
 *   (a linter requires the first; generators otherwise type the second as an empty object);
 * - an `anyOf` beside `properties` moves into `allOf` (generators otherwise make it a union with the
 *   object instead of a constraint on it);
 * - strict mode's "undeclared properties only as OData annotations, as strings" becomes `propertyNames`
 *   (declared or annotation names) plus `unevaluatedProperties: { type: "string" }`: `patternProperties`
 *   becomes an index signature that every declared property must then match.
 * The copies of a type in other files are the type's own schema (the build asserts it), so dropping them
 * loses no rule. test/openapi.test.ts holds the components to the shipped files' verdicts on every case.
 */
function toComponent(schema: Schema, mode: Mode, file: Schema = schema): Schema {
  const { $schema: _schema, $id: _id, definitions: _definitions, ...rest } = schema;
  const walk = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(walk);
    if (!isObject(node)) return node;
    // A pointer into a definition (rule 14's member types name their root's properties so) is written out here:
    // OpenAPI tools resolve a reference to a component, not always one into it (express-openapi-validator does not).
    if (pointsIntoDefinition(node.$ref)) {
      const target = pointedTo(file, node.$ref);
      assert.ok(isObject(target), `openapi: ${node.$ref} points to nothing`);
      return walk(target);
    }
    let out: Schema = {};
    for (const [key, value] of Object.entries(node)) {
      out[key] = key === "$ref" && typeof value === "string" ? ref(componentName(definitionName(value), mode)).$ref : walk(value);
    }
    if (out.type === "array" && !("items" in out)) out.items = {};
    if (out.type === "object" && Object.keys(out).length === 1) out.additionalProperties = true;
    if (isObject(out.properties) && Array.isArray(out.anyOf)) {
      const { anyOf, ...others } = out;
      out = { ...others, allOf: [...(Array.isArray(others.allOf) ? others.allOf : []), { anyOf }] };
    }
    if (isObject(out.patternProperties) && out.additionalProperties === false) {
      const patterns = Object.keys(out.patternProperties);
      const values = Object.values(out.patternProperties);
      assert.ok(patterns.length === 1 && JSON.stringify(values[0]) === JSON.stringify({ type: "string" }), "openapi: unexpected patternProperties");
      const { patternProperties: _patterns, additionalProperties: _additional, propertyNames, ...others } = out;
      out = {
        ...others,
        propertyNames: {
          ...(isObject(propertyNames) ? propertyNames : {}),
          anyOf: [{ enum: Object.keys(isObject(out.properties) ? out.properties : {}) }, { pattern: patterns[0] }],
        },
        unevaluatedProperties: values[0],
      };
    }
    return out;
  };
  return walk(rest) as Schema;
}

/** Component names reachable from `roots`, following $refs through the components. */
function reachable(components: Record<string, Schema>, roots: string[]): Set<string> {
  const seen = new Set<string>();
  const queue = [...roots];
  while (queue.length > 0) {
    const name = queue.pop()!;
    if (seen.has(name)) continue;
    seen.add(name);
    const text = JSON.stringify(components[name]);
    for (const [, target] of text.matchAll(/"#\/components\/schemas\/([^"]+)"/g)) queue.push(target!);
  }
  return seen;
}

/** Graph's error body (its OpenAPI description's ODataError, MainError, ErrorDetails and InnerError). */
const ERROR_COMPONENTS: Record<string, Schema> = {
  odataError: {
    title: "odataError",
    description: "The body of every Graph error response.",
    type: "object",
    required: ["error"],
    properties: { error: ref("mainError") },
  },
  mainError: {
    title: "mainError",
    type: "object",
    required: ["code", "message"],
    properties: {
      code: { type: "string", description: "An error code, such as `BadRequest` or `Forbidden`." },
      message: { type: "string", description: "A message for developers; not for display." },
      target: { type: "string", description: "The target of the error." },
      details: { type: "array", items: ref("errorDetails") },
      innerError: ref("innerError"),
    },
  },
  errorDetails: {
    title: "errorDetails",
    type: "object",
    required: ["code", "message"],
    properties: { code: { type: "string" }, message: { type: "string" }, target: { type: "string" } },
  },
  innerError: {
    title: "innerError",
    description: "Diagnostics to quote to Microsoft support.",
    type: "object",
    properties: {
      date: { type: "string", format: "date-time" },
      "request-id": { type: "string" },
      "client-request-id": { type: "string" },
    },
  },
};

const ERROR_EXAMPLE = {
  error: {
    code: "BadRequest",
    message: "Invalid request body.",
    innerError: { date: "2024-05-02T08:12:41Z", "request-id": "2b9a8f5c-0d41-4e7a-9d3c-8c1f2e6a7b10", "client-request-id": "2b9a8f5c-0d41-4e7a-9d3c-8c1f2e6a7b10" },
  },
};

interface Verdict {
  type: TypeName;
  source: string;
  tolerant: string[];
  strict: string[];
}

/** The bundled examples of one type that are valid in `mode`, as OpenAPI example objects. */
function examplesOf(verdicts: Record<string, Verdict>, type: TypeName, mode: Mode): Record<string, { summary: string; value: unknown }> {
  const out: Record<string, { summary: string; value: unknown }> = {};
  for (const [file, verdict] of Object.entries(verdicts)) {
    if (verdict.type !== type || verdict[mode].length > 0) continue;
    const key = file.replace(/^[^.]+\./, "").replace(/\.json$/, "");
    out[key] = { summary: verdict.source, value: JSON.parse(readFileSync(join(EXAMPLES, file), "utf8")) };
  }
  if (Object.keys(out).length === 0) throw new Error(`openapi: no example of ${type} is valid in ${mode} mode`);
  return out;
}

const PERMISSION = "Calls.InitiateGroupCall.All";
const EXAMPLES = join(ROOT, "test/examples");

export function openApiDocument(schemas: Record<Mode, SchemaOf>): Schema {
  const verdicts = JSON.parse(readFileSync(join(EXAMPLES, "verdicts.json"), "utf8")) as Record<string, Verdict>;
  const all: Record<string, Schema> = { ...ERROR_COMPONENTS };
  for (const mode of ["tolerant", "strict"] as const) {
    for (const { name } of TYPES) all[componentName(name, mode)] = toComponent(schemas[mode][name], mode);
    // A definition that is no type of its own (rule 14's declared member types) is a component too.
    for (const { name } of TYPES)
      for (const [key, definition] of Object.entries((schemas[mode][name].definitions ?? {}) as Record<string, Schema>))
        all[componentName(key, mode)] ??= toComponent(definition, mode, schemas[mode][name]);
  }
  const roots = [componentName("InviteParticipantsRequest", "strict"), "inviteParticipantsOperation", "commsNotifications", "odataError"];
  const used = reachable(all, roots);
  const components = Object.fromEntries(Object.entries(all).filter(([name]) => used.has(name)));

  const json = (schema: object, examples?: object) => ({ "application/json": { schema, ...(examples ? { examples } : {}) } });
  const error = (description: string) => ({ description, content: json(ref("odataError"), { badRequest: { summary: "A Graph error body", value: ERROR_EXAMPLE } }) });

  return {
    openapi: "3.1.0",
    info: {
      title: "Microsoft Graph participant: invite",
      version: "v1.0",
      summary: "The invite action of Graph's communications API, its operation and the callback that reports it.",
      description:
        "The invite action of Microsoft Graph's communications API, the inviteParticipantsOperation it returns, and the " +
        "commsNotifications callback that later reports the operation's outcome, as validated by the graph-invite-participants " +
        "package. Schemas named after a Graph type are the tolerant form (undeclared properties accepted: Graph adds " +
        `properties without notice); those named \`${STRICT_PREFIX}<type>\` are the strict form (undeclared properties rejected), used for what a bot sends.`,
      license: { name: "MIT", identifier: "MIT" },
      contact: { name: "graph-invite-participants", url: "https://www.npmjs.com/package/graph-invite-participants" },
    },
    servers: [{ url: "https://graph.microsoft.com/v1.0", description: "Microsoft Graph v1.0" }],
    security: [{ graphApplication: [PERMISSION] }],
    tags: [
      { name: "participants", description: "Participants of a call." },
      { name: "callbacks", description: "Notifications Graph POSTs to the bot's callback URL." },
    ],
    paths: {
      "/communications/calls/{id}/participants/invite": {
        post: {
          operationId: "participant.invite",
          tags: ["participants"],
          summary: "Invite participants to the active call",
          description:
            "Invites up to five participants to an active call. Graph answers at once with the operation; its final state " +
            "(completed or failed) arrives later as a commsNotifications callback (see the webhook of the same name).",
          externalDocs: { url: "https://learn.microsoft.com/graph/api/participant-invite" },
          parameters: [{ name: "id", in: "path", required: true, description: "The call's ID.", schema: { type: "string" } }],
          requestBody: {
            required: true,
            description: "The participants to invite (strict form: a misspelled property is an error).",
            content: json(ref(componentName("InviteParticipantsRequest", "strict")), examplesOf(verdicts, "InviteParticipantsRequest", "strict")),
          },
          responses: {
            "200": {
              description: "The invitation operation; its final state arrives later at the bot's callback URL.",
              headers: {
                Location: {
                  description: "The operation's URL: `/communications/calls/{callId}/operations/{operationId}`.",
                  schema: { type: "string" },
                },
              },
              content: json(ref("inviteParticipantsOperation"), examplesOf(verdicts, "InviteParticipantsOperation", "tolerant")),
            },
            "4XX": error("The request was refused (for example 400 for a bad body, 403 without the permission, 404 for an unknown call)."),
            "5XX": error("Graph failed to process the request."),
          },
        },
      },
    },
    webhooks: {
      commsNotifications: {
        post: {
          operationId: "commsNotifications.callback",
          tags: ["callbacks"],
          summary: "A call's change notifications, POSTed to the bot's callback URL",
          description:
            "Graph POSTs a commsNotifications batch to the callback URL of the call: call state changes, roster updates, " +
            "and the outcome of operations such as invite. The request carries a bearer token issued by Microsoft for the bot.",
          security: [{ graphCallbackToken: [] }],
          requestBody: { required: true, content: json(ref("commsNotifications"), examplesOf(verdicts, "CommsNotifications", "tolerant")) },
          responses: {
            "202": { description: "The bot accepted the notifications." },
            "400": { description: "The body is not a valid commsNotifications batch." },
          },
        },
      },
    },
    components: {
      schemas: components,
      securitySchemes: {
        graphApplication: {
          type: "oauth2",
          description:
            `Application permission ${PERMISSION}, granted by a tenant administrator. The token request asks for the scope ` +
            "`https://graph.microsoft.com/.default`; replace `common` in the token URL with the tenant's ID.",
          flows: {
            clientCredentials: {
              tokenUrl: "https://login.microsoftonline.com/common/oauth2/v2.0/token",
              scopes: { [PERMISSION]: "Initiate outgoing group calls and invite participants to them, as the app." },
            },
          },
        },
        graphCallbackToken: {
          type: "http",
          scheme: "bearer",
          bearerFormat: "JWT",
          description: "A token Microsoft issues for the bot's app ID, sent by Graph with each callback; the bot verifies it.",
        },
      },
    },
  };
}
