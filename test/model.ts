import { readFileSync } from "node:fs";

// The object model's value lists, written from the spec rather than read from the schemas, for the
// property-based tests' arbitraries and the benchmark's zod and TypeBox schemas.

/** `#microsoft.graph.<name>` and `microsoft.graph.<name>` for each name. */
export const odataTypeNames = (...names: string[]): string[] => names.flatMap((name) => [`#microsoft.graph.${name}`, `microsoft.graph.${name}`]);

/**
 * Rule 2's families, as Graph's metadata lists them (metadata/graph.json, extracted by scripts/graph-metadata.ts
 * from Graph's own files), not as the schemas were built.
 */
const families = (JSON.parse(readFileSync(new URL("../metadata/graph.json", import.meta.url), "utf8")) as { families: Record<string, { name: string }[]> }).families;
const familyOf = (root: string) => families[root]!.map(({ name }) => name.replace(/^microsoft\.graph\./, ""));

export const IDENTITY_TYPES = familyOf("identity");
export const IDENTITY_SET_TYPES = familyOf("identitySet");
export const OPERATION_SUBTYPES = familyOf("commsOperation").filter((name) => name !== "commsOperation");

export const STATUSES = ["notStarted", "running", "completed", "failed", "NotStarted", "Running", "Completed", "Failed"] as const;
export const ENDPOINT_TYPES = ["default", "voicemail", "skypeForBusiness", "skypeForBusinessVoipPhone", "unknownFutureValue"] as const;
