// A CommonJS user (this project has no "type": module): Node16 and Node10 resolution.
import { isInviteParticipantsOperation, validators, ValidationError, type InviteParticipantsOperation } from "graph-invite-participants";
import { parseJsonInviteParticipantsRequest, type InviteParticipantsRequest } from "graph-invite-participants/strict";

export function statusOf(body: unknown): InviteParticipantsOperation["status"] | undefined {
  return isInviteParticipantsOperation(body) ? body.status : undefined;
}
export const request: InviteParticipantsRequest = parseJsonInviteParticipantsRequest('{"participants":[{"identity":{"user":{"id":"u"}}}]}');
export const mode: "tolerant" | "strict" = validators.Identity.mode;
export const isError = (error: unknown): error is ValidationError => error instanceof ValidationError;
// @ts-expect-error: status is an operationStatus
export const wrong: InviteParticipantsOperation = { status: "String" };
