/**
 * graph-invite-participants/fixtures: Graph's real payloads, for a service's tests. Every payload of the
 * package's corpus (Graph's reference pages, current and past versions), typed, with its source, one group per
 * type, and the published mistakes with the first issue the package reports. The data is the shipped
 * `fixtures/*.json` (readable by any language), read when a group is first imported; every fixture is frozen.
 */
import { readFileSync } from "node:fs";
import { fixtureFile } from "./fixture-file.js";
import { validators } from "../index.js";
import type { ValidationIssue } from "../validators/report.js";
import { type Scenario, SCENARIOS } from "./scenarios.js";
import type { TypeName, TypeOf } from "../validators/table.js";
import { deepFreeze } from "../validators/freeze.js";

export { type Scenario, SCENARIOS, scenariosOf } from "./scenarios.js";

/** Where a fixture comes from: a page of a public repository at a commit, and where in that page's payload it stands. */
export interface FixtureSource {
  readonly repository: string;
  readonly path: string;
  readonly commit: string;
  /** The commit's date, `YYYY-MM-DD`. */
  readonly date: string;
  /** JSON Pointer to this object in the page's payload (`""` for the payload itself). */
  readonly at: string;
  /** Its place (1, 2, …) among the payloads of its type at `at` on that page at that commit: the page's examples in order. */
  readonly example: number;
  /** The page at that commit. */
  readonly url: string;
}

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
  /** Stable and unique among all fixtures: the type, the page, the commit, the example and where it stands. */
  readonly id: string;
  /** For test titles, unique within its type: the page, its date, the example, where it stands, and what it is. */
  readonly name: string;
  /** Written by this package, not taken from a public page (`note` says why): no page shows such a payload. */
  readonly synthetic?: true;
  readonly note?: string;
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
  /** The type of every fixture of a type's file; invalid.json names each fixture's own. */
  type?: TypeName;
  fixtures: {
    id: string;
    name: string;
    type?: TypeName;
    valid: boolean;
    why?: string;
    strict: true | string;
    scenarios: Scenario[];
    synthetic?: true;
    note?: string;
    source: Omit<FixtureSource, "url"> & { repository?: string };
    payload: unknown;
  }[];
}

function read(group: string): (Fixture & { why?: string })[] {
  const file = JSON.parse(readFileSync(fixtureFile(group), "utf8")) as FixtureFile;
  return file.fixtures.map(({ id, name, type = file.type, valid, why, strict, scenarios, synthetic, note, source, payload }) => {
    if (type === undefined) throw new Error(`fixtures: ${group}.json names no type for ${id}`);
    const repository = source.repository ?? file.repository;
    const url = synthetic === true ? "" : `https://github.com/${repository}/blob/${source.commit}/${source.path}`;
    return {
      id,
      name,
      type,
      payload,
      valid,
      strict,
      source: { ...source, repository, url },
      scenarios,
      ...(synthetic === true ? { synthetic, note } : {}),
      ...(why === undefined ? {} : { why }),
    };
  });
}

const group = <T>(name: string): readonly Fixture<T>[] => deepFreeze(read(name) as Fixture<T>[]);

export const inviteParticipantsOperationFixtures: readonly Fixture<TypeOf["InviteParticipantsOperation"]>[] = /* @__PURE__ */ group("inviteParticipantsOperation");
export const commsOperationFixtures: readonly Fixture<TypeOf["CommsOperation"]>[] = /* @__PURE__ */ group("commsOperation");
export const invitationParticipantInfoFixtures: readonly Fixture<TypeOf["InvitationParticipantInfo"]>[] = /* @__PURE__ */ group("invitationParticipantInfo");
export const identitySetFixtures: readonly Fixture<TypeOf["IdentitySet"]>[] = /* @__PURE__ */ group("identitySet");
/** Empty: no page shows a payload labelled communicationsIdentitySet on its own. */
export const communicationsIdentitySetFixtures: readonly Fixture<TypeOf["CommunicationsIdentitySet"]>[] = /* @__PURE__ */ group("communicationsIdentitySet");
export const identityFixtures: readonly Fixture<TypeOf["Identity"]>[] = /* @__PURE__ */ group("identity");
export const resultInfoFixtures: readonly Fixture<TypeOf["ResultInfo"]>[] = /* @__PURE__ */ group("resultInfo");
export const inviteParticipantsRequestFixtures: readonly Fixture<TypeOf["InviteParticipantsRequest"]>[] = /* @__PURE__ */ group("inviteParticipantsRequest");
/** Callback bodies as Graph POSTs them. */
export const commsNotificationsFixtures: readonly Fixture<TypeOf["CommsNotifications"]>[] = /* @__PURE__ */ group("commsNotifications");
export const commsNotificationFixtures: readonly Fixture<TypeOf["CommsNotification"]>[] = /* @__PURE__ */ group("commsNotification");

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

/**
 * The fixtures of one scenario, of one type or of all: `fixturesFor("inviteCompleted", "CommsNotifications")`
 * is every completed-invite callback body. Throws a TypeError naming the scenarios for one it does not know.
 */
export function fixturesFor<K extends TypeName>(scenario: Scenario, type: K): readonly Fixture<TypeOf[K]>[];
export function fixturesFor(scenario: Scenario): readonly Fixture[];
export function fixturesFor(scenario: Scenario, type?: TypeName): readonly Fixture[] {
  if (!SCENARIOS.includes(scenario)) throw new TypeError(`fixturesFor: no scenario ${JSON.stringify(scenario)}; the scenarios are ${SCENARIOS.join(", ")}`);
  if (type !== undefined && !Object.hasOwn(GROUPS, type)) throw new TypeError(`fixturesFor: no type ${JSON.stringify(type)}; the types are ${Object.keys(GROUPS).join(", ")}`);
  const groups = type === undefined ? Object.values(GROUPS) : [GROUPS[type]];
  return groups.flatMap((group) => group().filter((fixture) => fixture.scenarios.includes(scenario)));
}

/** Every fixture of one type. */
export function fixturesOf<K extends TypeName>(type: K): readonly Fixture<TypeOf[K]>[] {
  if (!Object.hasOwn(GROUPS, type)) throw new TypeError(`fixturesOf: no type ${JSON.stringify(type)}; the types are ${Object.keys(GROUPS).join(", ")}`);
  return GROUPS[type]() as readonly Fixture<TypeOf[K]>[];
}
