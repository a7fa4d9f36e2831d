import type { Entity } from "./entity.js";
import type { OperationStatus } from "./operationStatus.js";
import type { ResultInfo } from "./resultInfo.js";

/**
 * The status of a long-running communications operation.
 *
 * @see https://learn.microsoft.com/graph/api/resources/commsoperation
 */
export interface CommsOperation extends Entity {
  /** The OData type of the object: commsOperation or one of its subtypes, with or without the leading `#`. */
  "@odata.type"?:
    | "#microsoft.graph.commsOperation"
    | "microsoft.graph.commsOperation"
    | "#microsoft.graph.inviteParticipantsOperation"
    | "microsoft.graph.inviteParticipantsOperation"
    | "#microsoft.graph.addLargeGalleryViewOperation"
    | "microsoft.graph.addLargeGalleryViewOperation"
    | "#microsoft.graph.cancelMediaProcessingOperation"
    | "microsoft.graph.cancelMediaProcessingOperation"
    | "#microsoft.graph.muteParticipantOperation"
    | "microsoft.graph.muteParticipantOperation"
    | "#microsoft.graph.playPromptOperation"
    | "microsoft.graph.playPromptOperation"
    | "#microsoft.graph.recordOperation"
    | "microsoft.graph.recordOperation"
    | "#microsoft.graph.sendDtmfTonesOperation"
    | "microsoft.graph.sendDtmfTonesOperation"
    | "#microsoft.graph.startHoldMusicOperation"
    | "microsoft.graph.startHoldMusicOperation"
    | "#microsoft.graph.stopHoldMusicOperation"
    | "microsoft.graph.stopHoldMusicOperation"
    | "#microsoft.graph.subscribeToToneOperation"
    | "microsoft.graph.subscribeToToneOperation"
    | "#microsoft.graph.unmuteParticipantOperation"
    | "microsoft.graph.unmuteParticipantOperation"
    | "#microsoft.graph.updateRecordingStatusOperation"
    | "microsoft.graph.updateRecordingStatusOperation";
  /** The status of the operation: notStarted, running, completed or failed, in camelCase or PascalCase. Read-only. */
  status: OperationStatus;
  /** The unique client context string sent with the request that started the operation. */
  clientContext?: string | null;
  /** The result information. Read-only. */
  resultInfo?: ResultInfo | null;
}
