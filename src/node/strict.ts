/** graph-invite-participants/strict as Node.js loads it: see ./index.ts. */
export * from "../generated/strict-node.js";
export * from "../common.js";
