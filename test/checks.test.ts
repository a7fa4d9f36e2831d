// The verdict function (a boolean function per type) and the report function (the same walk, recording issues)
// are generated from the schema files by one walk of each schema; they must agree with each other and with the
// shipped files (Ajv) on every value: every case, example and corpus payload, seeded random payloads and
// mutations of them, and values that are not plain JSON, in both modes.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import * as strictChecks from "../src/generated/strict-checks.js";
import * as tolerantChecks from "../src/generated/tolerant-checks.js";
import { Report } from "../src/validators/report.js";
import { TYPES, type Mode, type TypeName } from "../src/validators/table.js";
import { familyNames } from "../scripts/generate/schema-rules.js";
import { namedPayloads } from "./arbitraries.js";
import { NAMES_SOMEONE } from "./model.js";
import { api, MODES, asForInSees, payloads, runtimeAjv } from "./support.js";

const seed = Number(process.env.FC_SEED ?? 20261126);
const numRuns = Number(process.env.FC_RUNS ?? 300);
const NAMES = TYPES.map((t) => t.name);
const checks = { tolerant: tolerantChecks, strict: strictChecks } as const;
const shipped = runtimeAjv();

/**
 * Each path's verdict; a throw (a getter, a proxy) counts as invalid, as the runtime counts it. The shipped files
 * judge the value as the generated functions read it: the names for…in visits (asForInSees).
 */
function verdicts(mode: Mode, name: TypeName, value: unknown) {
  const judge = (f: (v: unknown) => boolean, read: (v: unknown) => unknown = (v) => v) => {
    try {
      return f(read(value));
    } catch {
      return false;
    }
  };
  const report = (v: unknown) => {
    const found = new Report(true, 100);
    checks[mode][`report${name}`](v, found);
    return found.issues().length === 0;
  };
  return { fast: judge(checks[mode][name]), all: judge(report), shipped: judge((v) => shipped(mode, name, v), asForInSees) };
}

const agree = (mode: Mode, name: TypeName, value: unknown) => {
  const v = verdicts(mode, name, value);
  expect({ all: v.all, shipped: v.shipped }).toEqual({ all: v.fast, shipped: v.fast });
  return v.fast;
};

describe.each(MODES)("the verdict and report functions, %s mode", (mode) => {
  it("agree with each other and with the shipped files on every known payload", () => {
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
  const MEMBERS = NAMES_SOMEONE;
  const request = (identity: unknown) => ({ participants: [{ identity }] });

  it("is one function over the member names in the generated module", async () => {
    const { readFileSync } = await import("node:fs");
    const text = readFileSync(new URL(`../src/generated/${mode}-checks.js`, import.meta.url), "utf8");
    expect(text.match(/^function m\d+\(v\) \{$/gm)).toHaveLength(1);
    const member = text.slice(text.search(/^function m\d+\(v\) \{$/m)).split("\n}\n")[0]!;
    expect(member).toContain("for (const k in v) {");
    // Exactly the ten, no subtype's own member (rule 16): every `case` of the function, compared whole.
    expect([...member.matchAll(/case ("[^"]+"):/g)].map((match) => JSON.parse(match[1]!)).sort()).toEqual([...MEMBERS].sort());
  });

  it("reads the ten the README lists, and no subtype's own member of an unlabelled identity set (rule 16)", async () => {
    const { readFileSync } = await import("node:fs");
    const readme = readFileSync(new URL("../README.md", import.meta.url), "utf8");
    const listed = /one of the ten\s+identity members an identity set declares — ([^—]+)—/.exec(readme)![1]!;
    expect([...listed.matchAll(/`(\w+)`/g)].map((match) => match[1])).toEqual(MEMBERS);
    for (const member of ["tag", "conversation", "siteUser", "group"]) {
      const result = api[mode].validateInviteParticipantsRequest(request({ [member]: { id: "x" } }));
      expect(result.valid, member).toBe(false);
      expect(result.errors[0]!.path, member).toBe(mode === "strict" ? `/participants/0/identity/${member}` : "/participants/0/identity");
    }
  });

  it("agrees with the report function and the shipped files for each member, alone, wrong, empty, null and beside others", () => {
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

describe("the code builder", () => {
  it("places braces and indentation, leaves out an empty else, and negates the condition of an empty then", async () => {
    const { Code } = await import("../scripts/generate/code.js");
    const code = new Code();
    code.block("function f(v)", () => {
      code.if(
        "v === 1",
        () => code.line("return 1;"),
        () => code.line("v = v === 2 ? 3 : v;"),
      );
      code.if(
        "v === 3",
        () => code.line("return 3;"),
        () => {},
      );
      code.if(
        'typeof v === "object"',
        () => {},
        () => code.line("return 4;"),
      );
      code.block("", () => code.line("const w = v;"));
      code.forIn("k", "v", () => code.line("return k;"));
    });
    expect(code.toString()).toBe(
      [
        "function f(v) {",
        "  if (v === 1) {",
        "    return 1;",
        "  } else {",
        "    v = v === 2 ? 3 : v;",
        "  }",
        "  if (v === 3) {",
        "    return 3;",
        "  }",
        '  if (!(typeof v === "object")) {',
        "    return 4;",
        "  }",
        "  {",
        "    const w = v;",
        "  }",
        "  for (const k in v) {",
        "    return k;",
        "  }",
        "}",
      ].join("\n"),
    );
    expect(new Function(`${code}; return [f(1), f(2), f(3), f({ a: 1 })];`)()).toEqual([1, 3, 3, "a"]);
  });
});

describe("a family name is spelled as Graph spells type names (rule 15)", () => {
  it("takes a later lower-case name in tolerant mode, and refuses a capitalised one in both modes", () => {
    const set = (label: string) => ({ "@odata.type": label, user: { id: "x" } });
    for (const mode of MODES) {
      for (const label of ["microsoft.graph.AiInteractionMentionedIdentitySet", "#microsoft.graph.IdentitySet", "microsoft.graph.1identitySet"]) {
        const result = api[mode].validateIdentitySet(set(label));
        expect(result.valid, `${mode} ${label}`).toBe(false);
        expect(result.errors[0]!.path).toBe("/@odata.type");
      }
      expect(api[mode].validateIdentitySet(set("microsoft.graph.aiInteractionMentionedIdentitySet")).valid, mode).toBe(true);
    }
    expect(api.tolerant.validateIdentitySet(set("#microsoft.graph.someLaterIdentitySet")).valid).toBe(true);
    expect(api.strict.validateIdentitySet(set("#microsoft.graph.someLaterIdentitySet")).valid).toBe(false);
    expect(api.tolerant.validateIdentity({ "@odata.type": "#microsoft.graph.LaterIdentity", id: "x" }).valid).toBe(false);
  });
});

describe("the package's rules as data", () => {
  it("takes a rule from the writer's mark, never from a node's keys, and fails the build on a marked node of another form", async () => {
    const { mark } = await import("../scripts/generate/rules.js");
    const { memberUnion, namedUnion } = await import("../scripts/generate/checks/shapes.js");
    const member = { type: "object", required: ["id"], properties: { id: { type: "string", minLength: 1 } } };
    const branch = (name: string) => ({ type: "object", required: [name], properties: { [name]: member } });
    const branches = ["application", "device", "user"].map(branch);
    const textOf = (schema: unknown) => JSON.stringify(schema);
    // The same union, unmarked: a plain union, whatever its shape says.
    expect(memberUnion({ anyOf: branches }, branches, textOf)).toBeUndefined();
    const marked = mark({ anyOf: branches }, { rule: "namesSomeone", members: ["application", "device", "user"] });
    expect(memberUnion(marked, branches, textOf)).toEqual({ names: ["application", "device", "user"], member });
    // A mark the node's form does not carry out.
    const wrong = mark({ anyOf: branches }, { rule: "namesSomeone", members: ["application", "user", "device"] });
    expect(() => memberUnion(wrong, branches, textOf)).toThrow(/rule 9's branch for user/);
    const named = (name: string) => ({ type: "object", required: [name], properties: { [name]: true } });
    const resource = [named("resourceUrl"), named("resource")];
    expect(namedUnion({ anyOf: resource }, resource)).toBeUndefined();
    expect(namedUnion(mark({ anyOf: resource }, { rule: "namesResource", names: ["resourceUrl", "resource"] }), resource)).toEqual(["resourceUrl", "resource"]);
  });
});
