// A hand-written validator of inviteParticipantsOperation, tolerant and strict: the rules of the shipped
// schema files written out as plain code, the way a careful developer would, reading each declared name by name
// (as TypeBox's checker and Ajv's code do), as the code the generated verdict functions are measured against. The data
// (enums, patterns) comes from the schema files; the code is by hand.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { ROOT } from "../scripts/root.js";
import { ENUMS, ROOT_PROPERTIES, SUBTYPES } from "../src/generated/model.js";

type Json = Record<string, Record<string, unknown>>;
const read = (path: string) => JSON.parse(readFileSync(join(ROOT, path), "utf8")) as { properties: Json; definitions: Record<string, { properties: Json }> };
const tolerantFile = read("schemas/inviteParticipantsOperation.schema.json");
const strictFile = read("schemas/strict/inviteParticipantsOperation.schema.json");

const OPERATION_TYPES = new Set(tolerantFile.properties["@odata.type"]!.enum as string[]);
const STATUSES = new Set(tolerantFile.properties.status!.enum as string[]);
const PARTICIPANT_TYPES = new Set(tolerantFile.definitions.InvitationParticipantInfo!.properties["@odata.type"]!.enum as string[]);
const RESULT_TYPES = new Set(tolerantFile.definitions.ResultInfo!.properties["@odata.type"]!.enum as string[]);
const ENDPOINT_TYPES = new Set(tolerantFile.definitions.IdentitySet!.properties.endpointType!.enum as (string | null)[]);
const IDENTITY_PATTERN = new RegExp(tolerantFile.definitions.Identity!.properties["@odata.type"]!.pattern as string, "u");
const IDENTITY_SET_PATTERN = new RegExp(tolerantFile.definitions.IdentitySet!.properties["@odata.type"]!.pattern as string, "u");
const STRICT_IDENTITY_TYPES = new Set(strictFile.definitions.Identity!.properties["@odata.type"]!.enum as string[]);
const STRICT_IDENTITY_SET_TYPES = new Set(strictFile.definitions.IdentitySet!.properties["@odata.type"]!.enum as string[]);
const ANNOTATION = new RegExp(Object.keys((strictFile as unknown as { patternProperties: object }).patternProperties)[0]!, "u");
const MEMBERS = ["application", "device", "user", "applicationInstance", "assertedIdentity", "azureCommunicationServicesUser", "encrypted", "guest", "onPremises", "phone"];
const IDENTITY_TEXT = ["displayName", "id", "tenantId", "identityProvider", "applicationType", "email", "azureCommunicationServicesResourceId"];

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === "object" && !Array.isArray(v);
const nullableString = (v: unknown) => v === undefined || v === null || typeof v === "string";
const nullableBoolean = (v: unknown) => v === undefined || v === null || typeof v === "boolean";
const int32 = (v: unknown) => v === undefined || (typeof v === "number" && Number.isInteger(v) && v >= -2147483648 && v <= 2147483647);
const codePoints = (s: string) => {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) i++;
    n++;
  }
  return n;
};
const familyName = (v: unknown, pattern: RegExp) => typeof v === "string" && (v.length <= 256 || codePoints(v) <= 256) && pattern.test(v);

/** Strict mode: each key declared, or an OData annotation with a string value; no name over 1,024 code points. */
function onlyDeclared(o: Record<string, unknown>, declared: Set<string>): boolean {
  for (const key in o) {
    if (declared.has(key)) continue;
    if (key.length > 1024 && codePoints(key) > 1024) return false;
    if (!(key.includes("@odata.") && ANNOTATION.test(key)) || typeof o[key] !== "string") return false;
  }
  return true;
}
const declaredOf = (name: string) => new Set(Object.keys(strictFile.definitions[name]!.properties));
const IDENTITY_KEYS = declaredOf("Identity");
const IDENTITY_SET_KEYS = declaredOf("IdentitySet");
const PARTICIPANT_KEYS = declaredOf("InvitationParticipantInfo");
const RESULT_KEYS = declaredOf("ResultInfo");
const OPERATION_KEYS = new Set(Object.keys(strictFile.properties));

/**
 * Rule 12: each subtype's label (with and without `#`) → the names it declares and a check of each own property,
 * from Graph's metadata (src/generated/model.ts).
 */
function ownChecks(properties: (typeof SUBTYPES)[string]["properties"]): [string, (v: unknown, strict: boolean) => boolean][] {
  return Object.entries(properties).map(([property, { type, nullable }]): [string, (v: unknown, strict: boolean) => boolean] => {
    const members = (ENUMS as Record<string, readonly string[]>)[type];
    const check = (v: unknown, strict: boolean): boolean =>
      type === "Edm.String"
        ? typeof v === "string"
        : type === "Edm.Boolean"
          ? typeof v === "boolean"
          : members !== undefined
            ? typeof v === "string" && members.includes(v)
            : type === "identity"
              ? identity(v, strict)
              : SUBTYPES[type] !== undefined
                ? declaredIdentity(v, strict, type)
                : isObject(v);
    return [property, (v, strict) => v === undefined || (nullable && v === null) || check(v, strict)];
  });
}

function subtypesOf(family: "identity" | "identitySet"): Map<string, { names: Set<string>; own: [string, (v: unknown, strict: boolean) => boolean][] }> {
  const bySubtype = new Map<string, { names: Set<string>; own: [string, (v: unknown, strict: boolean) => boolean][] }>();
  for (const [name, { family: of, properties }] of Object.entries(SUBTYPES)) {
    if (of !== family) continue;
    const own = ownChecks(properties);
    const entry = { names: new Set(["@odata.type", ...ROOT_PROPERTIES[family], ...Object.keys(properties)]), own };
    bySubtype.set(`#microsoft.graph.${name}`, entry).set(`microsoft.graph.${name}`, entry);
  }
  return bySubtype;
}
const IDENTITY_SUBTYPES = subtypesOf("identity");
const IDENTITY_SET_SUBTYPES = subtypesOf("identitySet");

/** A value labelled as a subtype: its own properties, and in strict mode exactly its names. Undefined for any other value. */
function asSubtype(v: Record<string, unknown>, subtypes: typeof IDENTITY_SUBTYPES, strict: boolean): boolean | undefined {
  const type = v["@odata.type"];
  const subtype = typeof type === "string" ? subtypes.get(type) : undefined;
  if (subtype === undefined) return undefined;
  for (const [name, check] of subtype.own) if (!check(v[name], strict)) return false;
  return !strict || onlyDeclared(v, subtype.names);
}

/**
 * Rule 14: a member a subtype declares as another subtype (a chat mention's `conversation`) is one of that type with
 * or without a label: the root's metadata properties and its own; strict mode only those, and only its own label.
 */
function declaredIdentity(v: unknown, strict: boolean, type: string): boolean {
  if (!isObject(v)) return false;
  const label = v["@odata.type"];
  if (label !== undefined && !(strict ? label === `#microsoft.graph.${type}` || label === `microsoft.graph.${type}` : familyName(label, IDENTITY_PATTERN))) return false;
  if (!nullableString(v.displayName) || !nullableString(v.id)) return false;
  let checks = DECLARED.get(type);
  if (checks === undefined) {
    checks = { own: ownChecks(SUBTYPES[type]!.properties), names: new Set(["@odata.type", ...ROOT_PROPERTIES.identity, ...Object.keys(SUBTYPES[type]!.properties)]) };
    DECLARED.set(type, checks);
  }
  for (const [name, check] of checks.own) if (!check(v[name], strict)) return false;
  return !strict || onlyDeclared(v, checks.names);
}
const DECLARED = new Map<string, { own: [string, (v: unknown, strict: boolean) => boolean][]; names: Set<string> }>();

function identity(v: unknown, strict: boolean): boolean {
  if (!isObject(v)) return false;
  const type = v["@odata.type"];
  if (type !== undefined && !(strict ? typeof type === "string" && STRICT_IDENTITY_TYPES.has(type) : familyName(type, IDENTITY_PATTERN))) return false;
  for (const key of IDENTITY_TEXT) if (!nullableString(v[key])) return false;
  if (!nullableBoolean(v.hidden)) return false;
  return asSubtype(v, IDENTITY_SUBTYPES, strict) ?? (!strict || onlyDeclared(v, IDENTITY_KEYS));
}

function identitySet(v: unknown, strict: boolean): boolean {
  if (!isObject(v)) return false;
  const type = v["@odata.type"];
  if (type !== undefined && !(strict ? typeof type === "string" && STRICT_IDENTITY_SET_TYPES.has(type) : familyName(type, IDENTITY_SET_PATTERN))) return false;
  for (const member of MEMBERS) {
    const m = v[member];
    if (m !== undefined && m !== null && !identity(m, strict)) return false;
  }
  const endpoint = v.endpointType;
  if (endpoint !== undefined && !ENDPOINT_TYPES.has(endpoint as string | null)) return false;
  return asSubtype(v, IDENTITY_SET_SUBTYPES, strict) ?? (!strict || onlyDeclared(v, IDENTITY_SET_KEYS));
}

function participant(v: unknown, strict: boolean): boolean {
  if (!isObject(v)) return false;
  const type = v["@odata.type"];
  if (type !== undefined && !(typeof type === "string" && PARTICIPANT_TYPES.has(type))) return false;
  if (v.identity === undefined || !identitySet(v.identity, strict)) return false;
  if (!nullableString(v.replacesCallId) || !nullableString(v.participantId) || !nullableString(v.region) || !nullableString(v.languageId)) return false;
  if (!nullableBoolean(v.hidden) || !nullableBoolean(v.removeFromDefaultAudioRoutingGroup)) return false;
  const endpoint = v.endpointType;
  if (endpoint !== undefined && !ENDPOINT_TYPES.has(endpoint as string | null)) return false;
  return !strict || onlyDeclared(v, PARTICIPANT_KEYS);
}

function resultInfo(v: unknown, strict: boolean): boolean {
  if (!isObject(v)) return false;
  const type = v["@odata.type"];
  if (type !== undefined && !(typeof type === "string" && RESULT_TYPES.has(type))) return false;
  if (!int32(v.code) || !int32(v.subcode) || !nullableString(v.message)) return false;
  return !strict || onlyDeclared(v, RESULT_KEYS);
}

function operation(v: unknown, strict: boolean): boolean {
  if (!isObject(v)) return false;
  const type = v["@odata.type"];
  if (type !== undefined && !(typeof type === "string" && OPERATION_TYPES.has(type))) return false;
  if (!(typeof v.status === "string" && STATUSES.has(v.status))) return false;
  if (!nullableString(v.clientContext) || !nullableString(v.id)) return false;
  if (v.resultInfo !== undefined && v.resultInfo !== null && !resultInfo(v.resultInfo, strict)) return false;
  const participants = v.participants;
  if (participants !== undefined) {
    if (!Array.isArray(participants)) return false;
    for (let i = 0; i < participants.length; i++) if (!participant(participants[i], strict)) return false;
  }
  return !strict || onlyDeclared(v, OPERATION_KEYS);
}

export const handwritten = (value: unknown): boolean => operation(value, false);
export const handwrittenStrict = (value: unknown): boolean => operation(value, true);
