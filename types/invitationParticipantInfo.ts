import type { EndpointType } from "./endpointType.js";
import type { IdentitySet } from "./identitySet.js";

/**
 * The entity being invited to a group call.
 *
 * @see https://learn.microsoft.com/graph/api/resources/invitationparticipantinfo
 */
export interface InvitationParticipantInfo {
  /** The OData type of the object, with or without the leading `#`. */
  "@odata.type"?: "#microsoft.graph.invitationParticipantInfo" | "microsoft.graph.invitationParticipantInfo";
  /** The identitySet associated with this invitation. */
  identity: IdentitySet;
  /**
   * Optional. The call which the target identity is currently a part of. For the peer-to-peer case, that call
   * is dropped once the participant is added successfully.
   */
  replacesCallId?: string | null;
  /** Optional. The ID of the target participant. */
  participantId?: string | null;
  /** Optional. Whether to hide the participant from the roster. */
  hidden?: boolean | null;
  /** Optional. Whether to remove the participant from the main mixer. */
  removeFromDefaultAudioRoutingGroup?: boolean | null;
  /** The type of endpoint (beta). */
  endpointType?: EndpointType | null;
  /**
   * The region of the participant. Removed from Graph in December 2019; kept because older payloads carry it.
   *
   * @deprecated
   */
  region?: string | null;
  /**
   * The language culture string. Removed from Graph in December 2019; kept because older payloads carry it.
   *
   * @deprecated
   */
  languageId?: string | null;
}
