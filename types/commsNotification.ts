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
  /**
   * The URL of the resource that was changed, relative to the Graph endpoint: what Graph's metadata declares and
   * current callbacks send. A notification names its resource with `resourceUrl`, `resource` or both.
   */
  resourceUrl?: string;
  /** The legacy name of `resourceUrl`: 2019-era callbacks send only it, some send both. */
  resource?: string;
  /**
   * The changed resource: an object, or an array (a participants roster). An object whose `@odata.type` names
   * inviteParticipantsOperation is validated as one; one naming another commsOperation subtype is validated as a
   * commsOperation; other resources pass unchecked.
   *
   * @validateAs CommsOperation
   */
  resourceData?: { [key: string]: unknown } | unknown[];
}
