// The object model's value lists, written from the spec rather than read from the schemas, for the
// property-based tests' arbitraries and the benchmark's zod and TypeBox schemas.

/** `#microsoft.graph.<name>` and `microsoft.graph.<name>` for each name. */
export const odataTypeNames = (...names: string[]): string[] => names.flatMap((name) => [`#microsoft.graph.${name}`, `microsoft.graph.${name}`]);

export const IDENTITY_TYPES = [
  "identity",
  "communicationsUserIdentity",
  "communicationsApplicationIdentity",
  "communicationsApplicationInstanceIdentity",
  "communicationsGuestIdentity",
  "communicationsPhoneIdentity",
  "communicationsEncryptedIdentity",
  "azureCommunicationServicesUserIdentity",
];

export const OPERATION_SUBTYPES = [
  "inviteParticipantsOperation",
  "addLargeGalleryViewOperation",
  "cancelMediaProcessingOperation",
  "muteParticipantOperation",
  "playPromptOperation",
  "recordOperation",
  "sendDtmfTonesOperation",
  "startHoldMusicOperation",
  "stopHoldMusicOperation",
  "subscribeToToneOperation",
  "unmuteParticipantOperation",
  "updateRecordingStatusOperation",
];

export const STATUSES = ["notStarted", "running", "completed", "failed", "NotStarted", "Running", "Completed", "Failed"] as const;
export const ENDPOINT_TYPES = ["default", "voicemail", "skypeForBusiness", "skypeForBusinessVoipPhone", "unknownFutureValue"] as const;
