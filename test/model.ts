// The object model's value lists, from Graph's metadata (src/generated/model.ts, written from metadata/graph.json)
// rather than from the schemas, for the benchmark's zod and TypeBox schemas.
import { ENUMS, FAMILIES, FAMILY_SUFFIXES, SUBTYPES } from "../src/generated/model.js";
import { labelsOf } from "../src/validators/graph-names.js";

/** `#microsoft.graph.<name>` and `microsoft.graph.<name>` for each name. */
export const odataTypeNames = (...names: string[]): string[] => labelsOf(names);

/** Rules 9 and 7 as unions of required names (src/validators/table.ts): the oracle tells them from other unions by these names. */
export { NAMES_RESOURCE, NAMES_SOMEONE } from "../src/validators/table.js";

export const STATUSES = [...ENUMS.operationStatus.map((name) => name.charAt(0).toLowerCase() + name.slice(1)), ...ENUMS.operationStatus];
export const ENDPOINT_TYPES = ENUMS.endpointType;

/**
 * Tolerant mode's `@odata.type` of a family (rules 2 and 15): a name of the family in the metadata, or a later one
 * in lower camel case ending in the family's suffix, with or without `#`.
 */
export function familyLabelPattern(family: "identity" | "identitySet"): RegExp {
  const suffix = FAMILY_SUFFIXES[family];
  const others = FAMILIES[family].filter((name) => !name.endsWith(suffix)).map((name) => name.replace(/\./g, "\\."));
  return new RegExp(`^#?microsoft\\.graph\\.(?:[a-z][A-Za-z0-9_.]*${suffix}|${others.join("|")})$`, "u");
}

/** At most `max` code points, as JSON Schema's `maxLength` counts. */
export const atMostCodePoints = (value: string, max: number): boolean => value.length <= max || [...value].length <= max;

/** Rule 12: the subtypes of a family in the metadata, with the properties each adds to the root. */
export const subtypesOf = (family: "identity" | "identitySet") => Object.entries(SUBTYPES).filter(([, subtype]) => subtype.family === family);
export { ENUMS, SUBTYPES };
