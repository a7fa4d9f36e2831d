import type { IdentitySet } from "./identitySet.js";

/**
 * The identities of a communications participant: an identitySet with the members of calls and
 * online meetings (application instance, phone, guest, encrypted, on-premises user, …).
 *
 * @see https://learn.microsoft.com/graph/api/resources/communicationsidentityset
 */
export interface CommunicationsIdentitySet extends IdentitySet {
  /** The OData type of the object, with or without the leading `#`. */
  "@odata.type"?: "#microsoft.graph.communicationsIdentitySet" | "microsoft.graph.communicationsIdentitySet";
}
