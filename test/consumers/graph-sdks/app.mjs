// The package beside Microsoft's Graph SDKs, both directions. Prints what each step gave, for test/consumers.test.ts.
import { readFileSync } from "node:fs";
import { JsonParseNode, JsonSerializationWriter } from "@microsoft/kiota-serialization-json";
import { createInviteParticipantsOperationFromDiscriminatorValue, serializeInvitationParticipantInfo } from "@microsoft/msgraph-sdk/models/index.js";
import { invite } from "@microsoft/teams.graph-endpoints/communications/calls/participants";
import { validateCommsNotifications, validateInviteParticipantsOperation, withPascalCaseStatus } from "graph-invite-participants";
import { validateInviteParticipantsRequest } from "graph-invite-participants/strict";

// A callback as Graph sends it (Graph's own example, camelCase status: its path is the first argument), validated,
// then read by Kiota's deserializer.
const callback = JSON.parse(readFileSync(process.argv[2], "utf8"));
const checked = validateCommsNotifications(callback);
const operation = callback.value[0].resourceData;
const kiota = (value) => new JsonParseNode(value).getObjectValue(createInviteParticipantsOperationFromDiscriminatorValue);
const asSent = kiota(operation);
const converted = kiota(withPascalCaseStatus(operation));

// Kiota's serializer on a PSTN invitation: it writes an identity set's own members only.
const writer = new JsonSerializationWriter();
const body = { participants: [{ identity: { odataType: "#microsoft.graph.communicationsIdentitySet", phone: { id: "+14255550100" } } }] };
writer.writeObjectValue(undefined, body, (w, value) => w.writeCollectionOfObjectValues("participants", value.participants, serializeInvitationParticipantInfo));
const serialized = JSON.parse(new TextDecoder().decode(writer.getSerializedContent()));

// The Teams SDK: the body built for its invite endpoint, validated before it is sent.
const teamsBody = { participants: [{ identity: { phone: { id: "+14255550100" } } }], clientContext: "ctx" };
// As its types have it (use.ts, type-checked by the test): every object labelled.
const typedBody = {
  participants: [
    {
      "@odata.type": "#microsoft.graph.invitationParticipantInfo",
      identity: { "@odata.type": "#microsoft.graph.identitySet", user: { "@odata.type": "#microsoft.graph.identity", id: "278405a3-f568-4b3e-b684-009193463064" } },
    },
  ],
};
const request = invite.create(teamsBody, { "call-id": "c1" });

console.log(
  JSON.stringify({
    callbackValid: checked.valid,
    kiotaStatusAsSent: asSent.status ?? null,
    kiotaStatusConverted: converted.status,
    kiotaParticipants: converted.participants.length,
    operationUnchanged: operation.status,
    operationStillValid: validateInviteParticipantsOperation(withPascalCaseStatus(operation)).valid,
    kiotaSerialized: serialized,
    kiotaSerializedIssues: validateInviteParticipantsRequest(serialized).errors.map((issue) => issue.path),
    teamsPath: request.path,
    teamsBodyValid: validateInviteParticipantsRequest(request.body).valid,
    teamsTypedBodyValid: validateInviteParticipantsRequest(typedBody).valid,
  }),
);
