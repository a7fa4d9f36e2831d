/**
 * The OpenAPI 3.1 document (schemas/openapi.json): every type under components.schemas, by Graph name,
 * and the invite action that uses them, for API gateways and code generators.
 */
import { TYPES, type TypeName } from "../src/table.js";
import { graphNameOf, type Schema } from "./schemas.js";

/**
 * A shipped schema as an OpenAPI component: no file identity, references into components.schemas. The
 * copies of a type in other files are the type's own schema (the build asserts it), so dropping them loses
 * no rule.
 */
function toComponent(schema: Schema): Schema {
  const { $schema: _schema, $id: _id, definitions: _definitions, ...rest } = schema;
  const text = JSON.stringify(rest).replace(/"#\/definitions\/([A-Za-z]+)"/g, (_match, name: string) => JSON.stringify(`#/components/schemas/${graphNameOf(name)}`));
  return JSON.parse(text) as Schema;
}

export function openApiDocument(schemas: Record<TypeName, Schema>): Schema {
  const components = Object.fromEntries(TYPES.map(({ name, graphName }) => [graphName, toComponent(schemas[name])]));
  const ref = (graphName: string) => ({ $ref: `#/components/schemas/${graphName}` });
  return {
    openapi: "3.1.0",
    info: {
      title: "Microsoft Graph participant: invite",
      version: "v1.0",
      description:
        "The invite action of Microsoft Graph's communications API and the inviteParticipantsOperation it returns, " +
        "as validated by the graph-invite-participants package (tolerant mode: undeclared properties are accepted).",
    },
    servers: [{ url: "https://graph.microsoft.com/v1.0" }],
    paths: {
      "/communications/calls/{id}/participants/invite": {
        post: {
          operationId: "participant.invite",
          summary: "Invite participants to the active call",
          externalDocs: { url: "https://learn.microsoft.com/graph/api/participant-invite" },
          parameters: [{ name: "id", in: "path", required: true, description: "The call's ID.", schema: { type: "string" } }],
          requestBody: { required: true, content: { "application/json": { schema: ref("inviteParticipantsRequest") } } },
          responses: {
            "200": {
              description: "The invitation operation; its final state arrives later at the bot's callback URL.",
              headers: {
                Location: { description: "/communications/calls/{callId}/operations/{operationId}", schema: { type: "string" } },
              },
              content: { "application/json": { schema: ref("inviteParticipantsOperation") } },
            },
          },
        },
      },
    },
    components: { schemas: components },
  };
}
