import type { EndpointType } from "./endpointType.js";
import type { Identity } from "./identity.js";
import type { IdentitySetODataType, IdentitySetSubtypeProperties } from "./generated/odataTypes.js";

/**
 * A keyed collection of identity resources, used to represent the set of identities associated with an action.
 *
 * Real requests put communicationsIdentitySet members (for example `phone` for a PSTN number) in an identitySet
 * while labelling it `#microsoft.graph.identitySet`, so those members are declared here too.
 *
 * An identity set whose `@odata.type` names a subtype (chatMessageFromIdentitySet, sharePointIdentitySet, …) is
 * checked against that subtype's properties instead (IdentitySetSubtypeProperties, from Graph's metadata).
 *
 * @see https://learn.microsoft.com/graph/api/resources/identityset
 */
export interface IdentitySet extends IdentitySetSubtypeProperties {
  /**
   * The OData type of the object, with or without the leading `#`: identitySet or a type Graph's metadata derives from
   * it (strict mode); tolerant mode also accepts another `microsoft.graph` name ending in `IdentitySet`.
   *
   * @odataFamily identitySet
   */
  "@odata.type"?: IdentitySetODataType;
  /** The application associated with this action. */
  application?: Identity | null;
  /** The device associated with this action. */
  device?: Identity | null;
  /** The user associated with this action. */
  user?: Identity | null;
  /** The application instance associated with this action (communicationsIdentitySet). */
  applicationInstance?: Identity | null;
  /** An identity the participant would like to present itself as to the other participants in the call (communicationsIdentitySet). */
  assertedIdentity?: Identity | null;
  /** The Azure Communication Services user associated with this action (communicationsIdentitySet). */
  azureCommunicationServicesUser?: Identity | null;
  /** The encrypted user associated with this action (communicationsIdentitySet). */
  encrypted?: Identity | null;
  /** The guest user associated with this action (communicationsIdentitySet). */
  guest?: Identity | null;
  /** The Skype for Business on-premises user associated with this action (communicationsIdentitySet). */
  onPremises?: Identity | null;
  /** The phone user associated with this action (communicationsIdentitySet). */
  phone?: Identity | null;
  /** Type of endpoint that the participant uses (communicationsIdentitySet). */
  endpointType?: EndpointType | null;
}
