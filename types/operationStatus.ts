/**
 * The status of a long-running communications operation.
 *
 * Graph's metadata and typings spell the members in PascalCase (`NotStarted`, `Running`, `Completed`, `Failed`);
 * its documentation and callback notifications use camelCase (`notStarted`, …). Both spellings are valid;
 * `normalizeOperationStatus()` turns either into the camelCase form. There is no `unknownFutureValue` member.
 *
 * @see https://learn.microsoft.com/graph/api/resources/commsoperation
 */
export type OperationStatus = "notStarted" | "running" | "completed" | "failed" | "NotStarted" | "Running" | "Completed" | "Failed";
