/**
 * The OpenAPI 3.1 document (schemas/openapi.json): every type under components.schemas, by Graph name,
 * and the invite action that uses them, for API gateways and code generators.
 */
import assert from "node:assert/strict";
import { isDeepStrictEqual } from "node:util";
import { TYPES, type TypeName } from "../src/table.js";
import type { Schema } from "./schemas.js";

const graphNameOf = (name: string): string => TYPES.find((type) => type.name === name)?.graphName ?? "";

/** A shipped schema as an OpenAPI component: no file identity, references into components.schemas. */
function toComponent(schema: Schema): Schema {
  const { $schema: _schema, $id: _id, definitions: _definitions, ...rest } = schema;
  const text = JSON.stringify(rest).replace(/"#\/definitions\/([A-Za-z]+)"/g, (_match, name: string) => {
    assert.ok(graphNameOf(name), `definition ${name} is not one of the package's types`);
    return JSON.stringify(`#/components/schemas/${graphNameOf(name)}`);
  });
  return JSON.parse(text) as Schema;
}

export function openApiDocument(schemas: Record<TypeName, Schema>): Schema {
  const components = Object.fromEntries(TYPES.map(({ name, graphName }) => [graphName, toComponent(schemas[name])]));
  // Each file's definitions must be the same as the type's own file, or the components would lose a rule.
  for (const { name } of TYPES) {
    for (const [definition, schema] of Object.entries((schemas[name].definitions ?? {}) as Record<string, Schema>)) {
      assert.ok(isDeepStrictEqual(toComponent(schema), components[graphNameOf(definition)]), `${name}.definitions.${definition} differs from its own schema`);
    }
  }
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
