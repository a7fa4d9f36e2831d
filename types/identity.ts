import type { IdentityODataType, IdentitySubtypeProperties } from "./generated/odataTypes.js";

/**
 * The identity of an actor: a user, device, application, phone number, and so on.
 *
 * Real payloads put the properties of Graph's communications identity subtypes
 * (communicationsUserIdentity, communicationsApplicationIdentity, communicationsGuestIdentity,
 * azureCommunicationServicesUserIdentity, …) on plain identities, so they are declared here too.
 *
 * An identity whose `@odata.type` names a subtype (teamworkUserIdentity, emailIdentity, …) is checked against that
 * subtype's properties instead: those of identity and its own (IdentitySubtypeProperties, from Graph's metadata).
 *
 * @see https://learn.microsoft.com/graph/api/resources/identity
 */
export interface Identity extends IdentitySubtypeProperties {
  /**
   * The OData type of the object, with or without the leading `#`: identity or a type Graph's metadata derives from it
   * (strict mode); tolerant mode also accepts another `microsoft.graph` name ending in `Identity`.
   *
   * @odataFamily identity
   */
  "@odata.type"?: IdentityODataType;
  /** The display name of the identity. It is not guaranteed to be present and may not always be up to date. */
  displayName?: string | null;
  /** Unique identifier for the identity: a user or application ID, or a phone number in E.164 form for a phone. */
  id?: string | null;
  /** The Microsoft Entra tenant ID of the identity (communicationsUserIdentity, communicationsApplicationInstanceIdentity). */
  tenantId?: string | null;
  /** The identity provider of the identity. */
  identityProvider?: string | null;
  /** The type of application that is referenced in this identity (communicationsApplicationIdentity). */
  applicationType?: string | null;
  /** The email address of a guest (communicationsGuestIdentity). */
  email?: string | null;
  /** The Azure Communication Services resource ID of the user (azureCommunicationServicesUserIdentity). */
  azureCommunicationServicesResourceId?: string | null;
  /** True if the participant would not like to be shown in other participants' rosters (communicationsApplicationIdentity). */
  hidden?: boolean | null;
}
