/**
 * The result of an operation.
 *
 * @see https://learn.microsoft.com/graph/api/resources/resultinfo
 */
export interface ResultInfo {
  /** The OData type of the object, with or without the leading `#`. */
  "@odata.type"?: "#microsoft.graph.resultInfo" | "microsoft.graph.resultInfo";
  /**
   * The result code (Edm.Int32).
   *
   * @TJS-type integer
   * @minimum -2147483648
   * @maximum 2147483647
   */
  code?: number;
  /**
   * The result subcode (Edm.Int32).
   *
   * @TJS-type integer
   * @minimum -2147483648
   * @maximum 2147483647
   */
  subcode?: number;
  /** The message. */
  message?: string | null;
}
