import { communications } from "@microsoft/teams.graph-endpoints";
import { validateInviteParticipantsOperation } from "graph-invite-participants";
import { assertInviteParticipantsRequest } from "graph-invite-participants/strict";

type Invite = communications.calls.participants.IEndpoints["POST /communications/calls/{call-id}/participants/invite"];
// Built with the Teams SDK's types.
const body: Invite["body"] = {
  participants: [
    {
      "@odata.type": "#microsoft.graph.invitationParticipantInfo",
      identity: { "@odata.type": "#microsoft.graph.identitySet", user: { "@odata.type": "#microsoft.graph.identity", id: "278405a3-f568-4b3e-b684-009193463064" } },
    },
  ],
};
assertInviteParticipantsRequest(body);
export const request = communications.calls.participants.invite.create(body, { "call-id": "c1" });
// Its response, read by the package.
export function read(response: Invite["response"]) {
  const result = validateInviteParticipantsOperation(response);
  return result.valid ? result.value.status : undefined;
}
