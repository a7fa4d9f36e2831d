// An ES module user (NodeNext and Bundler resolution).
import { isInviteParticipantsOperation, validators, ValidationError, type InviteParticipantsOperation, type ValidationIssue } from "graph-invite-participants";
import { parseInviteParticipantsRequest, type InviteParticipantsRequest } from "graph-invite-participants/strict";

export function statusOf(body: unknown): InviteParticipantsOperation["status"] | undefined {
  return isInviteParticipantsOperation(body) ? body.status : undefined;
}
export const request: InviteParticipantsRequest = parseInviteParticipantsRequest({ participants: [{ identity: { user: { id: "u" } } }] });
export const issues: ValidationIssue[] = validators.Identity.validate({}).errors;
export const isError = (error: unknown): error is ValidationError => error instanceof ValidationError;
export const schema = validators.Identity["~standard"].jsonSchema.input({ target: "draft-07" });
// @ts-expect-error: status is an operationStatus
export const wrong: InviteParticipantsOperation = { status: "String" };
