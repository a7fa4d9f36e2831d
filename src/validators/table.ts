import type {
  CommsNotification,
  CommsNotifications,
  CommsOperation,
  CommunicationsIdentitySet,
  Identity,
  IdentitySet,
  InvitationParticipantInfo,
  InviteParticipantsOperation,
  InviteParticipantsRequest,
  ResultInfo,
} from "../../types/index.js";

/** The object types this package validates: TypeScript name and Graph name. The one list everything is built from. */
export const TYPES = [
  { name: "InviteParticipantsOperation", graphName: "inviteParticipantsOperation" },
  { name: "CommsOperation", graphName: "commsOperation" },
  { name: "InvitationParticipantInfo", graphName: "invitationParticipantInfo" },
  { name: "IdentitySet", graphName: "identitySet" },
  { name: "CommunicationsIdentitySet", graphName: "communicationsIdentitySet" },
  { name: "Identity", graphName: "identity" },
  { name: "ResultInfo", graphName: "resultInfo" },
  { name: "InviteParticipantsRequest", graphName: "inviteParticipantsRequest" },
  { name: "CommsNotifications", graphName: "commsNotifications" },
  { name: "CommsNotification", graphName: "commsNotification" },
] as const;

/**
 * Two of the package's own rules as the README documents them: rule 9, the ten identity members an invited
 * participant's identity set may name someone by; rule 7, the names a notification may give its resource by. The
 * schema writer reads rule 9's members from identitySet's schema; these lists are what the tests hold it to, what
 * the test oracle tells the two unions by, and what the arbitraries draw members from.
 */
export const NAMES_SOMEONE = [
  "application",
  "device",
  "user",
  "applicationInstance",
  "assertedIdentity",
  "azureCommunicationServicesUser",
  "encrypted",
  "guest",
  "onPremises",
  "phone",
] as const;
export const NAMES_RESOURCE = ["resourceUrl", "resource"] as const;

/** Graph's property names are short; a longer one is an attack or a mistake, rejected in both modes. */
export const MAX_PROPERTY_NAME_LENGTH = 1024;

/** The TypeScript name of a validated type, such as `"InviteParticipantsOperation"`. */
export type TypeName = (typeof TYPES)[number]["name"];

/** `tolerant` accepts undeclared properties (Graph adds properties without notice); `strict` rejects them. */
export type Mode = "tolerant" | "strict";

/** A JSON Schema, as plain data. */
export type JsonSchema = { readonly [keyword: string]: unknown };

/** Each validated type by its TypeScript name: what a fixture's payload or a drawn value of that type is. */
export interface TypeOf {
  InviteParticipantsOperation: InviteParticipantsOperation;
  CommsOperation: CommsOperation;
  InvitationParticipantInfo: InvitationParticipantInfo;
  IdentitySet: IdentitySet;
  CommunicationsIdentitySet: CommunicationsIdentitySet;
  Identity: Identity;
  ResultInfo: ResultInfo;
  InviteParticipantsRequest: InviteParticipantsRequest;
  CommsNotifications: CommsNotifications;
  CommsNotification: CommsNotification;
}
