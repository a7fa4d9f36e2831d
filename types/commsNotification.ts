/**
 * One change notification for a call, delivered to a calling bot's callback URL inside a commsNotifications payload.
 *
 * @see https://learn.microsoft.com/graph/api/resources/commsnotification
 */
export interface CommsNotification {
  /** The OData type of the object, with or without the leading `#`. */
  "@odata.type"?: "#microsoft.graph.commsNotification" | "microsoft.graph.commsNotification";
  /** The type of change: `created`, `updated` or `deleted`. An operation's final state comes as `deleted`. */
  changeType: "created" | "updated" | "deleted";
  /** The URI of the resource that was changed. */
  resource: string;
  /** The URL of the resource that was changed, relative to the Graph endpoint. */
  resourceUrl?: string;
  /**
   * The changed resource: an object, or an array (a participants roster). When it is an object whose
   * `@odata.type` names inviteParticipantsOperation, it is validated as one; other resources pass unchecked.
   *
   * @validateAs InviteParticipantsOperation
   */
  resourceData?: { [key: string]: unknown } | unknown[];
}
