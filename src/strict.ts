/**
 * graph-invite-participants/strict: the same API as the main entry point, in strict mode, which rejects
 * undeclared properties (a typo such as `replaceCallId` that Graph would silently ignore).
 */
export * from "./generated/strict.js";
export * from "./validators/common.js";
