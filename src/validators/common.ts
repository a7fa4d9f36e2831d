// What both entry points share: the types, the error class, the helpers.
export type * from "../../types/index.js";
export {
  normalizeOperationStatus,
  inviteRequestWarnings,
  inviteNotificationsOf,
  isInviteNotification,
  type InviteNotification,
  withPascalCaseStatus,
  type InviteRequestWarning,
  type NormalizedOperationStatus,
  type PascalCaseOperationStatus,
} from "./helpers.js";
export { ValidationError, type ValidateOptions, type ValidationIssue, type ValidationResult, type Validator } from "./runtime.js";
export type { IssueKeyword, IssueParams } from "./report.js";
export type { StandardSchemaV1 } from "./standard-schema.js";
export { TYPES, type JsonSchema, type Mode, type TypeName } from "./table.js";
