import type { CommsNotification, CommsNotifications, InviteParticipantsOperation, InviteParticipantsRequest, OperationStatus } from "../../types/index.js";
import { nameInGraph } from "./graph-names.js";

/** An operationStatus in the camelCase spelling of Graph's documentation and notifications. */
export type NormalizedOperationStatus = "notStarted" | "running" | "completed" | "failed";

const NORMALIZED: Record<string, NormalizedOperationStatus> = {
  notStarted: "notStarted",
  NotStarted: "notStarted",
  running: "running",
  Running: "running",
  completed: "completed",
  Completed: "completed",
  failed: "failed",
  Failed: "failed",
};

/**
 * Turns either spelling of an operationStatus (`Running`, `running`) into the camelCase one.
 * Returns undefined for anything that is not an operationStatus.
 */
export function normalizeOperationStatus(status: OperationStatus): NormalizedOperationStatus;
export function normalizeOperationStatus(status: unknown): NormalizedOperationStatus | undefined;
export function normalizeOperationStatus(status: unknown): NormalizedOperationStatus | undefined {
  return typeof status === "string" && Object.hasOwn(NORMALIZED, status) ? NORMALIZED[status] : undefined;
}

/** An operationStatus in the PascalCase spelling of Graph's metadata, its typings and its SDKs' models. */
export type PascalCaseOperationStatus = "NotStarted" | "Running" | "Completed" | "Failed";

const PASCAL: Record<NormalizedOperationStatus, PascalCaseOperationStatus> = { notStarted: "NotStarted", running: "Running", completed: "Completed", failed: "Failed" };

/**
 * A copy of an operation (validated) with its status in the PascalCase spelling, the one Graph's metadata uses:
 * what the Kiota SDK's deserializer (`@microsoft/msgraph-sdk`) reads, which takes the callbacks' camelCase
 * `"completed"` for no status at all, and what `@microsoft/microsoft-graph-types` declares. The operation is
 * not changed.
 */
export function withPascalCaseStatus<T extends { status: OperationStatus }>(operation: T): Omit<T, "status"> & { status: PascalCaseOperationStatus } {
  return { ...operation, status: PASCAL[normalizeOperationStatus(operation.status)] };
}

/** A documented rule of the invite action that a schema cannot express: the request is valid, but Graph may not do what it says. */
export interface InviteRequestWarning {
  /** JSON Pointer to the part of the request the warning is about. */
  path: string;
  message: string;
  rule: "onlyFirstParticipantMoved" | "groupCallOnly";
}

/**
 * The rules of `POST /communications/calls/{id}/participants/invite` that are not validation errors:
 * when a participant carries `replacesCallId` or `participantId` (moving a participant), only the first
 * participant is used; inviting several participants works only in group calls.
 * Takes a valid request; returns no warnings for anything that is not shaped like one.
 *
 * @see https://learn.microsoft.com/graph/api/participant-invite
 */
export function inviteRequestWarnings(request: InviteParticipantsRequest): InviteRequestWarning[] {
  const participants: unknown = (request as { participants?: unknown } | null)?.participants;
  if (!Array.isArray(participants) || participants.length < 2) return [];
  const warnings: InviteRequestWarning[] = [
    {
      path: "/participants",
      message: `/participants invites ${participants.length} participants: inviting several participants works only in group calls`,
      rule: "groupCallOnly",
    },
  ];
  const moving = participants.some((p) => p != null && typeof p === "object" && (isSet(p.replacesCallId) || isSet(p.participantId)));
  if (moving) {
    for (let index = 1; index < participants.length; index += 1) {
      warnings.push({
        path: `/participants/${index}`,
        message: `/participants/${index} is ignored: when participants carry replacesCallId or participantId, Graph uses only the first participant`,
        rule: "onlyFirstParticipantMoved",
      });
    }
  }
  return warnings;
}

const isSet = (value: unknown): boolean => value !== undefined && value !== null;

/** A notification whose resource data the validator checked as an invite operation: typed as one. */
export type InviteNotification = CommsNotification & { resourceData: InviteParticipantsOperation };

/**
 * Whether a notification of a validated batch carries an invite operation: its resourceData's `@odata.type` is one
 * of the two labels on which the validator checks it as one (`#microsoft.graph.inviteParticipantsOperation`, with or
 * without `#`, compared exactly, as the schema files' condition does).
 */
export function isInviteNotification(notification: CommsNotification): notification is InviteNotification {
  const data = notification.resourceData;
  if (data === null || typeof data !== "object" || Array.isArray(data)) return false;
  const label = (data as { "@odata.type"?: unknown })["@odata.type"];
  return typeof label === "string" && nameInGraph(label) === "inviteParticipantsOperation";
}

/** The notifications of a validated batch that carry an invite operation, typed: no cast, no second validation. */
export function inviteNotificationsOf(notifications: CommsNotifications): InviteNotification[] {
  return notifications.value.filter(isInviteNotification);
}
