import type { CommsOperation } from "./commsOperation.js";
import type { InvitationParticipantInfo } from "./invitationParticipantInfo.js";

/**
 * The status of a long-running participant invitation operation, returned by
 * `POST /communications/calls/{id}/participants/invite` and delivered in callback notifications.
 *
 * @see https://learn.microsoft.com/graph/api/resources/inviteparticipantsoperation
 */
export interface InviteParticipantsOperation extends CommsOperation {
  /** The OData type of the object, with or without the leading `#`. */
  "@odata.type"?: "#microsoft.graph.inviteParticipantsOperation" | "microsoft.graph.inviteParticipantsOperation";
  /** The participants to invite. May be empty or absent in a response; never null. */
  participants?: InvitationParticipantInfo[];
}
