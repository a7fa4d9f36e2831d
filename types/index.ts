export type { CommsOperation } from "./commsOperation.js";
export type { CommunicationsIdentitySet } from "./communicationsIdentitySet.js";
export type { EndpointType } from "./endpointType.js";
export type { Entity } from "./entity.js";
export type { Identity } from "./identity.js";
export type { IdentitySet } from "./identitySet.js";
export type { InvitationParticipantInfo } from "./invitationParticipantInfo.js";
export type { InviteParticipantsOperation } from "./inviteParticipantsOperation.js";
export type { InviteParticipantsRequest, InvitePostRequestBody } from "./inviteParticipantsRequest.js";
export type { OperationStatus } from "./operationStatus.js";
export type { ResultInfo } from "./resultInfo.js";
export type { CommsNotification } from "./commsNotification.js";
export type { CommsNotifications } from "./commsNotifications.js";
export type {
  CommsOperationODataType,
  CommsOperationTypeName,
  IdentityODataType,
  IdentitySetODataType,
  IdentitySetSubtypeProperties,
  IdentitySetTypeName,
  IdentitySubtypeProperties,
  IdentityTypeName,
  InitiatorType,
  TeamworkApplicationIdentityType,
  TeamworkConversationIdentityType,
  TeamworkUserIdentityType,
} from "./generated/odataTypes.js";
