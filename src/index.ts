/**
 * graph-invite-participants: types, JSON Schemas and precompiled validators for Microsoft Graph's
 * inviteParticipantsOperation and everything nested in it. This entry point validates in tolerant mode,
 * which accepts undeclared properties as Graph's open types allow; `graph-invite-participants/strict`
 * exports the same names in strict mode.
 */
export * from "./generated/tolerant.js";
export * from "./validators/common.js";
