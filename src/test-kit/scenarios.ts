/**
 * The scenarios a payload shows (a completed invite, a failed operation, a PSTN identity, …), read from the payload
 * itself: by the fixtures (graph-invite-participants/fixtures) and by the build, which writes each fixture's
 * scenarios into its file for tools in other languages.
 */
import type { TypeName } from "../validators/table.js";
import { nameInGraph } from "../validators/graph-names.js";

/** What a payload shows, for picking the fixtures a test needs. */
export type Scenario =
  /** An inviteParticipantsOperation (itself, or a notification's resource) that has completed. */
  | "inviteCompleted"
  /** An inviteParticipantsOperation still running (Graph's answer to the invite action). */
  | "inviteRunning"
  /** A commsOperation that failed, with its resultInfo (code and subcode). */
  | "failed"
  /** A phone (PSTN) identity. */
  | "pstn"
  /** An application or application instance identity. */
  | "applicationIdentity"
  /** An invite of two or more participants. */
  | "severalParticipants"
  /** A notification that names its resource with the legacy `resource` only. */
  | "legacyResource"
  /** An operation status in PascalCase (`"Completed"`), as some of Graph's payloads have it. */
  | "pascalCaseStatus"
  /** An `"id": null` somewhere. */
  | "nullId"
  /** A participant that replaces a call (`replacesCallId`). */
  | "replacesCallId";

export const SCENARIOS: readonly Scenario[] = Object.freeze([
  "inviteCompleted",
  "inviteRunning",
  "failed",
  "pstn",
  "applicationIdentity",
  "severalParticipants",
  "legacyResource",
  "pascalCaseStatus",
  "nullId",
  "replacesCallId",
]);

const STATUS = /^(?:notStarted|running|completed|failed)$/i;
const PASCAL_STATUS = /^(?:NotStarted|Running|Completed|Failed)$/;

/** Every object inside a value, the value first. */
function objectsIn(value: unknown): Record<string, unknown>[] {
  const found: Record<string, unknown>[] = [];
  const stack = [value];
  while (stack.length > 0) {
    const node = stack.pop();
    if (node === null || typeof node !== "object") continue;
    if (!Array.isArray(node)) found.push(node as Record<string, unknown>);
    for (const child of Object.values(node)) stack.push(child);
  }
  return found;
}

const label = (object: Record<string, unknown>) => (typeof object["@odata.type"] === "string" ? (nameInGraph(object["@odata.type"]) ?? object["@odata.type"]) : undefined);
const isInviteOperation = (object: Record<string, unknown>, type: TypeName, root: boolean) =>
  label(object) === "inviteParticipantsOperation" || (root && type === "InviteParticipantsOperation");

/** The scenarios a payload shows, read from the payload itself. */
export function scenariosOf(type: TypeName, payload: unknown): Scenario[] {
  const objects = objectsIn(payload);
  const shows: Record<Scenario, boolean> = {
    inviteCompleted: false,
    inviteRunning: false,
    failed: false,
    pstn: false,
    applicationIdentity: false,
    severalParticipants: false,
    legacyResource: false,
    pascalCaseStatus: false,
    nullId: false,
    replacesCallId: false,
  };
  for (const object of objects) {
    const status = typeof object.status === "string" && STATUS.test(object.status) ? object.status.toLowerCase() : undefined;
    if (isInviteOperation(object, type, object === payload) && status === "completed") shows.inviteCompleted = true;
    if (isInviteOperation(object, type, object === payload) && status === "running") shows.inviteRunning = true;
    if (status === "failed" && object.resultInfo !== null && typeof object.resultInfo === "object") shows.failed = true;
    if (typeof object.status === "string" && PASCAL_STATUS.test(object.status)) shows.pascalCaseStatus = true;
    if (object.phone !== null && typeof object.phone === "object") shows.pstn = true;
    if ((object.application !== null && typeof object.application === "object") || (object.applicationInstance !== null && typeof object.applicationInstance === "object"))
      shows.applicationIdentity = true;
    if (Array.isArray(object.participants) && object.participants.length >= 2 && (type === "InviteParticipantsRequest" || isInviteOperation(object, type, object === payload)))
      shows.severalParticipants = true;
    if ("resource" in object && !("resourceUrl" in object) && "changeType" in object) shows.legacyResource = true;
    if ("id" in object && object.id === null) shows.nullId = true;
    if (typeof object.replacesCallId === "string") shows.replacesCallId = true;
  }
  return SCENARIOS.filter((scenario) => shows[scenario]);
}
