// The fast path (a boolean function per type, generated from the schema files) gives the verdict; Ajv's
// code explains it. The two must agree on every value: every case, example and corpus payload, seeded random
// payloads and mutations of them, and values that are not plain JSON, in both modes.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import * as strictCode from "../src/generated/strict-code.js";
import { fast as strictFast } from "../src/generated/strict-fast.js";
import * as tolerantCode from "../src/generated/tolerant-code.js";
import { fast as tolerantFast } from "../src/generated/tolerant-fast.js";
import { TYPES, type Mode, type TypeName } from "../src/table.js";
import { familyNames } from "../scripts/generate/schemas.js";
import { namedPayloads } from "./arbitraries.js";
import { MODES, asForInSees, payloads, runtimeAjv } from "./support.js";

const seed = Number(process.env.FC_SEED ?? 20261126);
const numRuns = Number(process.env.FC_RUNS ?? 300);
const NAMES = TYPES.map((t) => t.name);
const code = {
  tolerant: { fast: tolerantFast, all: tolerantCode },
  strict: { fast: strictFast, all: strictCode },
};
const shipped = runtimeAjv();

/**
 * Each path's verdict; a throw (a getter, a proxy) counts as invalid, as the runtime counts it. Ajv's code and
 * the shipped files judge the value as the fast path reads it: the names for…in visits (asForInSees).
 */
function verdicts(mode: Mode, name: TypeName, value: unknown) {
  const judge = (f: (v: unknown) => boolean, read: (v: unknown) => unknown = asForInSees) => {
    try {
      return f(read(value));
    } catch {
      return false;
    }
  };
  return { fast: judge(code[mode].fast[name], (v) => v), all: judge(code[mode].all[name]), shipped: judge((v) => shipped(mode, name, v)) };
}

const agree = (mode: Mode, name: TypeName, value: unknown) => {
  const v = verdicts(mode, name, value);
  expect({ all: v.all, shipped: v.shipped }).toEqual({ all: v.fast, shipped: v.fast });
  return v.fast;
};

describe.each(MODES)("the fast path, %s mode", (mode) => {
  it("agrees with Ajv's code and with the shipped files on every known payload", () => {
    const all = payloads();
    const valid = all.filter((p) => agree(mode, p.type, p.data));
    expect(valid.length).toBeGreaterThan(100);
    expect(valid.length).toBeLessThan(all.length);
  });

  it("agrees on seeded random payloads and single mutations of them", () => {
    let invalid = 0;
    fc.assert(
      fc.property(namedPayloads, ([name, value]) => {
        if (!agree(mode, name, value)) invalid += 1;
      }),
      { seed, numRuns: numRuns * 10 },
    );
    expect(invalid).toBeGreaterThan(numRuns / 10);
  });

  it("agrees on values that are not plain JSON: inherited and accessor properties, class instances, proxies", () => {
    const participant = { identity: { user: { id: "u" } } };
    const inherited = Object.create({ status: "running", extra: 1 }) as object;
    const accessor = Object.defineProperty({ participants: [participant] }, "status", { get: () => "running", enumerable: true });
    const hidden = Object.defineProperty({ status: "running" }, "extra", { value: 1, enumerable: false });
    const throwing = Object.defineProperty({}, "status", {
      get: () => {
        throw new Error("no");
      },
      enumerable: true,
    });
    const proxy = new Proxy({ status: "running" }, { ownKeys: () => ["status", "sneaky"], getOwnPropertyDescriptor: () => ({ value: 1, enumerable: true, configurable: true }) });
    class Operation {
      status = "running";
    }
    // What for…in does not visit is not read: a class's getter, a non-enumerable property (valid or not).
    class Getter {
      get status() {
        return "running";
      }
    }
    const hiddenStatus = Object.defineProperty({}, "status", { value: "running", enumerable: false });
    const hiddenWrong = Object.defineProperty({ status: "running" }, "participants", { value: 5, enumerable: false });
    const hiddenOnPrototype = Object.create(Object.defineProperty({}, "status", { value: "running", enumerable: false })) as object;
    const odd = [
      new Getter(),
      hiddenStatus,
      hiddenWrong,
      hiddenOnPrototype,
      inherited,
      accessor,
      hidden,
      throwing,
      proxy,
      new Operation(),
      Object.assign(Object.create(null), { status: "running" }),
      new Date(),
      /x/,
      new Map(),
      1n,
      Symbol("s"),
      () => 1,
    ];
    for (const name of NAMES) for (const value of odd) agree(mode, name, value);
    // An operation needs a status: one for…in does not visit is missing; a wrong value it does not visit is not read.
    const operations = [new Getter(), hiddenStatus, hiddenWrong, hiddenOnPrototype, inherited];
    expect(operations.map((value) => agree(mode, "InviteParticipantsOperation", value))).toEqual([false, false, true, false, mode === "tolerant"]);
  });
});

describe.each(MODES)("an invited participant names someone, %s mode", (mode) => {
  // The request's identity must have one of ten members that is an identity with a non-empty id: one
  // generated function tries each member name in turn (instead of one function per branch of the union).
  const MEMBERS = ["application", "device", "user", "applicationInstance", "assertedIdentity", "azureCommunicationServicesUser", "encrypted", "guest", "onPremises", "phone"];
  const request = (identity: unknown) => ({ participants: [{ identity }] });

  it("is one function over the member names in the generated module", async () => {
    const { readFileSync } = await import("node:fs");
    const text = readFileSync(new URL(`../src/generated/${mode}-fast.js`, import.meta.url), "utf8");
    expect(text.match(/^function m\d+\(v\) \{$/gm)).toHaveLength(1);
    const member = text.slice(text.search(/^function m\d+\(v\) \{$/m)).split("\n}\n")[0]!;
    expect(member).toContain("for (const k in v) {");
    for (const name of MEMBERS) expect(member).toContain(`case ${JSON.stringify(name)}:`);
  });

  it("agrees with Ajv's code and the shipped files for each member, alone, wrong, empty, null and beside others", () => {
    let valid = 0;
    for (const member of MEMBERS) {
      const others = MEMBERS.filter((name) => name !== member);
      const values = [
        { [member]: { id: "x" } },
        { [member]: { id: "" } },
        { [member]: { id: 5 } },
        { [member]: null },
        { [member]: {} },
        { [member]: "x" },
        { [others[0]!]: { id: "" }, [member]: { id: "x" } },
        { [member]: { id: "" }, [others.at(-1)!]: { id: "y" } },
        Object.defineProperty({}, member, { get: () => ({ id: "x" }), enumerable: true }),
        Object.create({ [member]: { id: "x" } }),
      ];
      for (const identity of values) if (agree(mode, "InviteParticipantsRequest", request(identity))) valid += 1;
    }
    // Per member: alone, beside an empty other, before a valid other, through a getter, inherited.
    expect(valid).toBeGreaterThanOrEqual(MEMBERS.length * 4);
    expect(agree(mode, "InviteParticipantsRequest", request({}))).toBe(false);
  });
});

describe("the remembered pattern matches", () => {
  // A pattern check remembers the strings it matched (up to 256), so that repeated labels skip the regular
  // expression; a string it rejected must stay rejected, and strings past the bound must still be tested.
  it("keep every later verdict the pattern's: rejected labels stay rejected, before and after the bound is reached", () => {
    const identity = (label: string) => ({ "@odata.type": label, id: "x" });
    // Graph's own identity names (v1.0 and beta metadata), then made-up ones past the bound.
    const labels = [...familyNames("identity"), ...Array.from({ length: 300 }, (_, index) => `#microsoft.graph.remembered${index}Identity`)];
    const rejected = ["#microsoft.graph.rememberedIdentityX", "#microsoft.graph.", "#microsoft.graph.remembered0Identity "];
    for (let round = 0; round < 3; round += 1) {
      for (const label of labels) expect(agree("tolerant", "Identity", identity(label)), label).toBe(true);
      for (const label of rejected) expect(agree("tolerant", "Identity", identity(label)), label).toBe(false);
    }
  });
});
