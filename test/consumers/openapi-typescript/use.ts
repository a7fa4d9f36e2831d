// Code a consumer writes against the types openapi-typescript generates from schemas/openapi.json.
// test/openapi.test.ts generates generated/openapi.d.ts, then compiles this file with this project's tsc.
import type { components, operations, paths, webhooks } from "./generated/openapi.js";

type Invite = paths["/communications/calls/{id}/participants/invite"]["post"];
type RequestBody = NonNullable<Invite["requestBody"]>["content"]["application/json"];
type Operation = Invite["responses"][200]["content"]["application/json"];
type GraphError = Invite["responses"]["4XX"]["content"]["application/json"];
type Callback = NonNullable<webhooks["commsNotifications"]["post"]["requestBody"]>["content"]["application/json"];

export const request: RequestBody = {
  participants: [
    {
      replacesCallId: "a7ebfb2d-871e-419c-87af-27290b22e8db",
      identity: { user: { "@odata.type": "#microsoft.graph.identity", id: "278405a3-f568-4b3e-b684-009193463064", displayName: "John" } },
    },
  ],
  clientContext: "f2fa86af-3c51-4bc2-8fc0-475452d9764f",
};

export const misspelled: RequestBody = {
  // @ts-expect-error the request is the strict form: a misspelled property is a type error
  participants: [{ replaceCallId: "a7ebfb2d", identity: { user: { id: "278405a3" } } }],
};

// @ts-expect-error the request needs participants
export const empty: RequestBody = { clientContext: "x" };

export function statusOf(operation: Operation): "done" | "pending" {
  switch (operation.status) {
    case "completed":
    case "Completed":
    case "failed":
    case "Failed":
      return "done";
    default:
      return "pending";
  }
}

export const errorCode = (body: GraphError): string => body.error.code;

export function invites(body: Callback): components["schemas"]["commsNotification"][] {
  return body.value.filter((notification) => notification.changeType === "deleted" || notification.changeType === "updated");
}

export type Permission = keyof NonNullable<operations["participant.invite"]["parameters"]["path"]>;
export const callId: Permission = "id";
