import type { CommsNotification } from "./commsNotification.js";

/**
 * The body Graph POSTs to a calling bot's callback URL: a batch of change notifications.
 *
 * @see https://learn.microsoft.com/graph/api/resources/commsnotifications
 */
export interface CommsNotifications {
  /** The OData type of the object, with or without the leading `#`. */
  "@odata.type"?: "#microsoft.graph.commsNotifications" | "microsoft.graph.commsNotifications";
  /** The notifications. */
  value: CommsNotification[];
}
