import type { InvitationParticipantInfo } from "./invitationParticipantInfo.js";

/**
 * The body of `POST /communications/calls/{id}/participants/invite`.
 *
 * Graph also documents rules that are not validation errors (see `inviteRequestWarnings()`): with
 * `replacesCallId` or `participantId` only the first participant is used, and inviting several participants
 * works only in group calls.
 *
 * @see https://learn.microsoft.com/graph/api/participant-invite
 */
export interface InviteParticipantsRequest {
  /**
   * The participants to invite. Inviting up to 5 participants is supported.
   *
   * @minItems 1
   * @maxItems 5
   */
  participants: InvitationParticipantInfo[];
  /**
   * Unique client context string. Max limit is 256 characters.
   *
   * @maxLength 256
   */
  clientContext?: string | null;
}

/** An alias of InviteParticipantsRequest. */
export type InvitePostRequestBody = InviteParticipantsRequest;
