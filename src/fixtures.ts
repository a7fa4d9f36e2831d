/**
 * graph-invite-participants/fixtures: Graph's real payloads, for a service's tests. Every payload of the
 * package's corpus (Graph's reference pages, current and past versions), typed, with its source, one group per
 * type, and the published mistakes with the first issue the package reports. The data is the shipped
 * `fixtures/*.json` (readable by any language), read when a group is first imported; every fixture is frozen.
 */
import { readFileSync } from "node:fs";
import type {
  CommsNotification,
  CommsNotifications,
  CommsOperation,
  CommunicationsIdentitySet,
  Identity,
  IdentitySet,
  InvitationParticipantInfo,
  InviteParticipantsOperation,
  InviteParticipantsRequest,
  ResultInfo,
} from "../types/index.js";
import { fixtureFile } from "./fixture-file.js";
import { validators } from "./index.js";
import type { ValidationIssue } from "./report.js";
import { TYPES, type TypeName } from "./table.js";

/** Where a fixture comes from: a page of a public repository at a commit, and where in that page's payload it stands. */
export interface FixtureSource {
  readonly repository: string;
  readonly path: string;
  readonly commit: string;
  /** The commit's date, `YYYY-MM-DD`. */
  readonly date: string;
  /** JSON Pointer to this object in the page's payload (`""` for the payload itself). */
  readonly at: string;
  /** The page at that commit. */
  readonly url: string;
}

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

/** A real payload of type `type`, valid in tolerant mode. */
export interface Fixture<T = unknown> {
  /** The package's type name, as in `validators`. */
  readonly type: TypeName;
  readonly payload: T;
  /** The verdict in tolerant mode: true for every payload Graph sends. */
  readonly valid: boolean;
  /** The verdict in strict mode: true, or the JSON Pointer of the first issue (an undeclared property). */
  readonly strict: true | string;
  readonly source: FixtureSource;
  readonly scenarios: readonly Scenario[];
  /** A short label for test titles: the type, the page, its date and where the payload stands. */
  readonly name: string;
}

/** A published example that is not what Graph sends, with why and the first issue the package reports. */
export interface InvalidFixture extends Fixture<unknown> {
  readonly valid: false;
  readonly why: string;
  /** The first issue `validate<Type>` reports in tolerant mode, computed when the group is read. */
  readonly firstIssue: ValidationIssue;
}

interface FixtureFile {
  repository: string;
  fixtures: { type?: TypeName; why?: string; strict: true | string; source: Omit<FixtureSource, "repository" | "url">; payload: unknown }[];
}

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

const label = (object: Record<string, unknown>) => (typeof object["@odata.type"] === "string" ? object["@odata.type"].replace(/^#?microsoft\.graph\./, "") : undefined);
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

function deepFreeze<T>(value: T): T {
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const node = stack.pop();
    if (node === null || typeof node !== "object") continue;
    Object.freeze(node);
    for (const child of Object.values(node)) stack.push(child);
  }
  return value;
}

function read(group: string): (Fixture & { why?: string })[] {
  const file = JSON.parse(readFileSync(fixtureFile(group), "utf8")) as FixtureFile;
  const ofGroup = TYPES.find(({ graphName }) => graphName === group)?.name;
  const fixtures = file.fixtures.map(({ type = ofGroup, why, strict, source, payload }) => {
    if (type === undefined) throw new Error(`fixtures: ${group}.json names no type`);
    const typeName = type;
    const url = `https://github.com/${file.repository}/blob/${source.commit}/${source.path}`;
    const page = source.path.split("/").pop();
    return {
      type: typeName,
      payload,
      valid: why === undefined,
      strict,
      source: { repository: file.repository, ...source, url },
      scenarios: scenariosOf(typeName, payload),
      name: `${typeName} from ${source.path.includes("/beta/") ? "beta " : ""}${page}@${source.date}${source.at === "" ? "" : ` ${source.at}`}`,
      ...(why === undefined ? {} : { why }),
    };
  });
  return fixtures;
}

const group = <T>(name: string): readonly Fixture<T>[] => deepFreeze(read(name) as Fixture<T>[]);

export const inviteParticipantsOperationFixtures: readonly Fixture<InviteParticipantsOperation>[] = /* @__PURE__ */ group("inviteParticipantsOperation");
export const commsOperationFixtures: readonly Fixture<CommsOperation>[] = /* @__PURE__ */ group("commsOperation");
export const invitationParticipantInfoFixtures: readonly Fixture<InvitationParticipantInfo>[] = /* @__PURE__ */ group("invitationParticipantInfo");
export const identitySetFixtures: readonly Fixture<IdentitySet>[] = /* @__PURE__ */ group("identitySet");
/** Empty: no page shows a payload labelled communicationsIdentitySet on its own. */
export const communicationsIdentitySetFixtures: readonly Fixture<CommunicationsIdentitySet>[] = /* @__PURE__ */ group("communicationsIdentitySet");
export const identityFixtures: readonly Fixture<Identity>[] = /* @__PURE__ */ group("identity");
export const resultInfoFixtures: readonly Fixture<ResultInfo>[] = /* @__PURE__ */ group("resultInfo");
export const inviteParticipantsRequestFixtures: readonly Fixture<InviteParticipantsRequest>[] = /* @__PURE__ */ group("inviteParticipantsRequest");
/** Callback bodies as Graph POSTs them. */
export const commsNotificationsFixtures: readonly Fixture<CommsNotifications>[] = /* @__PURE__ */ group("commsNotifications");
export const commsNotificationFixtures: readonly Fixture<CommsNotification>[] = /* @__PURE__ */ group("commsNotification");

/** The published examples that are not what Graph sends (placeholders, wrong types, mislabelled notifications). */
export const invalidFixtures: readonly InvalidFixture[] = /* @__PURE__ */ invalidGroup();

function invalidGroup(): readonly InvalidFixture[] {
  const fixtures = read("invalid").map((fixture) => {
    const result = validators[fixture.type].validate(fixture.payload);
    // A published mistake the package accepted would be a fixture in the wrong file: said at once.
    if (result.valid) throw new Error(`fixtures: ${fixture.name} is listed as invalid but is valid`);
    return { ...fixture, valid: false as const, why: fixture.why ?? "", firstIssue: result.errors[0]! };
  });
  return deepFreeze(fixtures);
}

const GROUPS = {
  InviteParticipantsOperation: () => inviteParticipantsOperationFixtures,
  CommsOperation: () => commsOperationFixtures,
  InvitationParticipantInfo: () => invitationParticipantInfoFixtures,
  IdentitySet: () => identitySetFixtures,
  CommunicationsIdentitySet: () => communicationsIdentitySetFixtures,
  Identity: () => identityFixtures,
  ResultInfo: () => resultInfoFixtures,
  InviteParticipantsRequest: () => inviteParticipantsRequestFixtures,
  CommsNotifications: () => commsNotificationsFixtures,
  CommsNotification: () => commsNotificationFixtures,
} satisfies Record<TypeName, () => readonly Fixture[]>;

interface FixtureTypes {
  InviteParticipantsOperation: InviteParticipantsOperation;
  CommsOperation: CommsOperation;
  InvitationParticipantInfo: InvitationParticipantInfo;
  IdentitySet: IdentitySet;
  CommunicationsIdentitySet: CommunicationsIdentitySet;
  Identity: Identity;
  ResultInfo: ResultInfo;
  InviteParticipantsRequest: InviteParticipantsRequest;
  CommsNotifications: CommsNotifications;
  CommsNotification: CommsNotification;
}

/**
 * The fixtures of one scenario, of one type or of all: `fixturesFor("inviteCompleted", "CommsNotifications")`
 * is every completed-invite callback body. Throws a TypeError naming the scenarios for one it does not know.
 */
export function fixturesFor<K extends TypeName>(scenario: Scenario, type: K): readonly Fixture<FixtureTypes[K]>[];
export function fixturesFor(scenario: Scenario): readonly Fixture[];
export function fixturesFor(scenario: Scenario, type?: TypeName): readonly Fixture[] {
  if (!SCENARIOS.includes(scenario)) throw new TypeError(`fixturesFor: no scenario ${JSON.stringify(scenario)}; the scenarios are ${SCENARIOS.join(", ")}`);
  if (type !== undefined && !Object.hasOwn(GROUPS, type)) throw new TypeError(`fixturesFor: no type ${JSON.stringify(type)}; the types are ${Object.keys(GROUPS).join(", ")}`);
  const groups = type === undefined ? Object.values(GROUPS) : [GROUPS[type]];
  return groups.flatMap((group) => group().filter((fixture) => fixture.scenarios.includes(scenario)));
}

/** Every fixture of one type. */
export function fixturesOf<K extends TypeName>(type: K): readonly Fixture<FixtureTypes[K]>[] {
  if (!Object.hasOwn(GROUPS, type)) throw new TypeError(`fixturesOf: no type ${JSON.stringify(type)}; the types are ${Object.keys(GROUPS).join(", ")}`);
  return GROUPS[type]() as readonly Fixture<FixtureTypes[K]>[];
}
