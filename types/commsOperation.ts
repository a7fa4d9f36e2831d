import type { Entity } from "./entity.js";
import type { CommsOperationODataType } from "./generated/odataTypes.js";
import type { OperationStatus } from "./operationStatus.js";
import type { ResultInfo } from "./resultInfo.js";

/**
 * The status of a long-running communications operation.
 *
 * @see https://learn.microsoft.com/graph/api/resources/commsoperation
 */
export interface CommsOperation extends Entity {
  /**
   * The OData type of the object, with or without the leading `#`: commsOperation or a type Graph's metadata derives
   * from it, v1.0 or beta (strict mode); tolerant mode also accepts another `microsoft.graph` name ending in `Operation`.
   * A value labelled inviteParticipantsOperation is validated as one; one labelled as another subtype has this
   * type's properties checked and its own accepted, in both modes.
   *
   * @odataFamily commsOperation
   */
  "@odata.type"?: CommsOperationODataType;
  /** The status of the operation: notStarted, running, completed or failed, in camelCase or PascalCase. Read-only. */
  status: OperationStatus;
  /** The unique client context string sent with the request that started the operation. */
  clientContext?: string | null;
  /** The result information. Read-only. */
  resultInfo?: ResultInfo | null;
}
