// The object model's value lists, from Graph's metadata (src/generated/model.ts, written from metadata/graph.json)
// rather than from the schemas, for the benchmark's zod and TypeBox schemas.
import { ENUMS, FAMILIES } from "../src/generated/model.js";

/** `#microsoft.graph.<name>` and `microsoft.graph.<name>` for each name. */
export const odataTypeNames = (...names: string[]): string[] => names.flatMap((name) => [`#microsoft.graph.${name}`, `microsoft.graph.${name}`]);

export const IDENTITY_TYPES: string[] = [...FAMILIES.identity];
export const STATUSES = [...ENUMS.operationStatus.map((name) => name.charAt(0).toLowerCase() + name.slice(1)), ...ENUMS.operationStatus];
export const ENDPOINT_TYPES = ENUMS.endpointType;
