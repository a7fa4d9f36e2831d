// Values and texts an attacker (or an unlucky caller) hands the library, each of which broke an entry point
// before: every entry point returns or throws a ValidationError, at once, and reads no more than it must.
// (A name added to Object.prototype before the package loads: test/package.test.ts, in fresh processes.)
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { describe, expect, it } from "vitest";
import { ValidationError } from "../src/validators/runtime.js";
import { MODES, api, corpus } from "./support.js";

/** Generous: these bound blow-ups (a process killed after 40 s, a hang), not speed. */
const BOUND_MS = 2_000;

/** Every entry point of a validator on a value: what it returns, or the ValidationError it throws. */
function everyEntryPoint(mode: (typeof MODES)[number], type: keyof (typeof api)["tolerant"]["validators"], value: unknown) {
  const validator = api[mode].validators[type];
  const thrown = (run: () => unknown) => {
    try {
      run();
      return undefined;
    } catch (error) {
      expect(error).toBeInstanceOf(ValidationError);
      return (error as ValidationError).errors;
    }
  };
  const started = performance.now();
  const results = {
    is: validator.is(value),
    first: validator.validate(value),
    all: validator.validate(value, { allErrors: true }),
    assert: thrown(() => validator.assert(value)),
    parse: thrown(() => validator.parse(value)),
    standard: validator["~standard"].validate(value) as { issues?: { path: (string | number)[] }[] },
  };
  expect(performance.now() - started).toBeLessThan(BOUND_MS);
  return results;
}

describe.each(MODES)("exotic values, %s mode", (mode) => {
  it("a sparse array of 2**32 - 1 slots: the issue at the invalid item, at once", () => {
    const participants: unknown[] = [{ identity: { user: { id: "a" } } }, { bad: true }];
    participants.length = 2 ** 32 - 1;
    const results = everyEntryPoint(mode, "InviteParticipantsOperation", { status: "running", participants });
    expect(results.is).toBe(false);
    // The first issue the walk meets: strict mode's undeclared `bad`, visited before the missing identity is known.
    const first = mode === "strict" ? "bad" : "identity";
    expect(results.first.errors.map((issue) => issue.path)).toEqual([`/participants/1/${first}`]);
    // All-errors mode stops at maxErrors (every hole is an invalid item).
    expect(results.all.errors).toHaveLength(100);
    expect(results.assert?.[0]?.path).toBe(`/participants/1/${first}`);
    expect(results.parse?.[0]?.path).toBe(`/participants/1/${first}`);
    expect(results.standard.issues?.[0]?.path).toEqual(["participants", 1, first]);
  });

  it("binary data (a 20 MB Buffer as a callback body, a typed array, a DataView) is no object, and is not read byte by byte", () => {
    for (const value of [Buffer.alloc(20 * 1024 * 1024), new Uint8Array(1_000_000), new DataView(new ArrayBuffer(8))]) {
      const results = everyEntryPoint(mode, "CommsNotifications", value);
      expect(results.is).toBe(false);
      expect(results.first.errors[0]).toMatchObject({
        path: "",
        keyword: "type",
        message: expect.stringMatching(/^The value must be an object \(got binary data of \d+ bytes?\)$/),
      });
    }
  });

  it("proxies whose prototype is themselves, or throws", () => {
    const cyclic: object = new Proxy({}, { getPrototypeOf: () => cyclic, get: (_, key) => (key === "value" || key === "participants" ? [] : undefined) });
    const throwing = new Proxy(
      {},
      {
        getPrototypeOf: () => {
          throw new Error("no prototype");
        },
      },
    );
    for (const type of ["CommsNotifications", "InviteParticipantsRequest", "Identity"] as const) {
      for (const value of [cyclic, throwing]) {
        const results = everyEntryPoint(mode, type, value);
        expect(results.first.valid).toBe(results.is);
      }
    }
  });

  it("explaining reads nothing tolerant mode does not declare: an undeclared 2 MB Buffer beside a wrong status", () => {
    let reads = 0;
    // `raw` first: the walk meets it before the status, and strict mode refuses the name without reading its value.
    const value: Record<string, unknown> = Object.defineProperty({}, "raw", {
      enumerable: true,
      get() {
        reads += 1;
        return Buffer.alloc(2 * 1024 * 1024);
      },
    });
    value.status = "bogus";
    const results = everyEntryPoint(mode, "InviteParticipantsOperation", value);
    expect(results.first.errors[0]!.path).toBe(mode === "strict" ? "/raw" : "/status");
    expect(reads).toBe(0);
  });

  it("reads each participant once to explain an issue in them, and none for an issue beside them, before or after", () => {
    // Each participant's identity is an accessor that counts its reads. An object's arrays are read after its other
    // names: a wrong status reads no participant, wherever the value holds it. For an issue in a participant, the
    // verdict reads every participant up to it and the report none of them again (it starts at the item the
    // verdict stopped at); the issue is the last participant's, before its identity: neither walk reads that one.
    const operation = (reads: number[], last: Record<string, unknown>, status: unknown) => ({
      "@odata.type": "#microsoft.graph.inviteParticipantsOperation",
      participants: Array.from({ length: 20 }, (_, index) =>
        Object.defineProperty({ ...(index === 19 ? last : {}) }, "identity", {
          enumerable: true,
          get() {
            reads[index] = (reads[index] ?? 0) + 1;
            return { user: { id: `user-${index}` } };
          },
        }),
      ),
      status,
    });
    for (const [where, last, status, path, read] of [
      ["in the last participant", { hidden: "yes" }, "running", "/participants/19/hidden", 19],
      ["after the participants", {}, "String", "/status", 0],
    ] as const) {
      const reads: number[] = [];
      const result = api[mode].validateInviteParticipantsOperation(operation(reads, last, status));
      expect(result.errors[0]?.path, where).toBe(path);
      expect(reads, where).toEqual(Array.from({ length: read }, () => 1));
    }
    // Strict mode: a name misspelt after the participants, found before any of them is read, by the type guard too.
    if (mode === "strict") {
      const reads: number[] = [];
      const misspelt = { ...operation(reads, {}, "running"), clientContxt: "c" };
      expect(api.strict.isInviteParticipantsOperation(misspelt)).toBe(false);
      expect(api.strict.validateInviteParticipantsOperation(misspelt).errors[0]?.message).toMatch(/^\/clientContxt .*did you mean "clientContext"\?/);
      expect(reads).toEqual([]);
    }
    // Graph's own operations that put the participants before the status (participant-invite pages), with the
    // status made wrong in its place and each participant's identity counting its reads: none is read.
    const graphs = corpus.filter((entry) => {
      const names = Object.keys(entry.data as object);
      return entry.type === "InviteParticipantsOperation" && entry[mode] === true && names.indexOf("participants") >= 0 && names.indexOf("participants") < names.indexOf("status");
    });
    expect(graphs.length).toBeGreaterThan(0);
    for (const entry of graphs) {
      const reads: number[] = [];
      const counted = (participant: Record<string, unknown>, index: number) => {
        const copy: Record<string, unknown> = {};
        for (const [name, value] of Object.entries(participant)) {
          if (name !== "identity") copy[name] = value;
          else
            Object.defineProperty(copy, name, {
              enumerable: true,
              get() {
                reads[index] = (reads[index] ?? 0) + 1;
                return value;
              },
            });
        }
        return copy;
      };
      const data = entry.data as Record<string, unknown>;
      const value = Object.fromEntries(
        Object.entries(data).map(([name, item]) => [name, name === "status" ? "String" : name === "participants" ? (item as Record<string, unknown>[]).map(counted) : item]),
      );
      const result = api[mode].validateInviteParticipantsOperation(value);
      expect(result.errors[0]?.path, entry.source.path).toBe("/status");
      expect(reads, entry.source.path).toEqual([]);
    }
  });

  it("reads nothing tolerant mode does not declare on an identity labelled as a subtype (rule 12), valid or not", () => {
    let reads = 0;
    const guest = (email: unknown) =>
      Object.defineProperty({ "@odata.type": "#microsoft.graph.communicationsGuestIdentity", id: "g", email }, "raw", {
        enumerable: true,
        get() {
          reads += 1;
          return Buffer.alloc(1024);
        },
      });
    const valid = everyEntryPoint(mode, "Identity", guest("g@example.com"));
    const invalid = everyEntryPoint(mode, "Identity", guest(42));
    expect(valid.first.valid).toBe(mode === "tolerant");
    expect(invalid.first.errors[0]!.path).toBe(mode === "strict" ? "/raw" : "/email");
    if (mode === "tolerant") expect(reads).toBe(0);
  });

  it("an inherited value is described as the verdict read it", () => {
    const inherited = api[mode].validateInviteParticipantsOperation(Object.create({ status: "bogus" }));
    expect(inherited.errors[0]!.message).toMatch(/^\/status must be one of .* \(got "bogus"\)$/);
  });
});

/** A character no message may carry raw: control, line-separator and direction-override characters. */
const RAW = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]/;

describe("messages", () => {
  it.each(MODES)("writes no raw control or direction character into an issue's message, wherever the value puts one (%s mode)", (mode) => {
    const bad = "\u001b[2J\u0007\u0085\u2028\u202e\u061c";
    const identity = { "@odata.type": "#microsoft.graph.teamworkUserIdentity", id: "a", userIdentityType: bad, [`x${bad}`]: 1 };
    const value = {
      status: bad,
      [`y${bad}`]: { [bad]: 1 },
      participants: [{ identity: { user: identity } }, { identity: { user: { id: `${bad}${"z".repeat(80)}`, hidden: bad } } }],
    };
    const { first, all } = everyEntryPoint(mode, "InviteParticipantsOperation", value);
    const issues = [...first.errors, ...all.errors];
    expect(all.errors.length).toBeGreaterThan(2);
    for (const issue of issues) expect(issue.message, issue.path).not.toMatch(RAW);
    // The path is the JSON Pointer of the value as it is; only the message escapes.
    if (mode === "strict") expect(all.errors.map((issue) => issue.path)).toContain(`/y${bad}`);
    expect(all.errors.map((issue) => issue.path)).toContain("/participants/0/identity/user/userIdentityType");
  });
});

describe("JSON text", () => {
  it.each([["\u001b[31m"], ["\u0007"], ["\u0085"], ["\u2028"], ["\u202e"]])("quotes no raw control or direction character in a syntax error (%j)", (character) => {
    for (const text of [`{"status": ${character}}`, `${character}`, `{${character}: 1}`]) {
      let thrown: unknown;
      try {
        api.tolerant.parseJsonInviteParticipantsOperation(text);
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(ValidationError);
      expect((thrown as ValidationError).message).not.toMatch(RAW);
      expect((thrown as ValidationError).errors[0]!.message).not.toMatch(RAW);
    }
  });

  it("reads bytes as it reads the same text: a byte-order mark, a doubled one, and the columns after it", () => {
    const outcome = (input: string | Uint8Array) => {
      try {
        return { value: api.tolerant.parseJsonIdentity(input) };
      } catch (error) {
        return { issue: (error as ValidationError).errors[0] };
      }
    };
    for (const text of ['\uFEFF{"id": "x"}', '\uFEFF\uFEFF{"id": "x"}', '\uFEFF{"id" "x"}', '{"id" "x"}', '\uFEFF\n{"id": 5 5}']) {
      expect(outcome(new TextEncoder().encode(text)), JSON.stringify(text)).toEqual(outcome(text));
    }
    expect(outcome('\uFEFF\uFEFF{"id": "x"}').issue?.keyword).toBe("json");
  });
});

describe("memory", () => {
  it("holds nothing of a value after the call, valid or rejected, wherever its verdict stopped", async () => {
    // A verdict notes where it stopped in an array, for the report to start there; no entry point may keep it.
    setFlagsFromString("--expose-gc");
    const gc = runInNewContext("gc") as () => void;
    const entryPoints: [string, (value: unknown, valid: boolean) => unknown][] = [
      ["is", (value) => api.tolerant.isInviteParticipantsOperation(value)],
      ["validate", (value) => api.tolerant.validateInviteParticipantsOperation(value)],
      ["validate, all errors", (value) => api.strict.validateInviteParticipantsOperation(value, { allErrors: true })],
      [
        "assert",
        (value, valid) =>
          valid ? api.tolerant.assertInviteParticipantsOperation(value) : expect(() => api.tolerant.assertInviteParticipantsOperation(value)).toThrow(ValidationError),
      ],
      ["Standard Schema", (value) => api.tolerant.standardInviteParticipantsOperation["~standard"].validate(value)],
    ];
    for (const [name, call] of entryPoints) {
      // The verdict stops in the participants, or before them at the label, or nowhere.
      for (const [label, last] of [
        ["#microsoft.graph.inviteParticipantsOperation", { hidden: "yes" }],
        ["#microsoft.graph.call", { hidden: "yes" }],
        ["#microsoft.graph.call", { hidden: true }],
        ["#microsoft.graph.inviteParticipantsOperation", { hidden: true }],
      ] as const) {
        const valid = label.endsWith("Operation") && last.hidden === true;
        const held = (() => {
          const participants = [...Array.from({ length: 20 }, () => ({ identity: { user: { id: "a" } } })), { ...last, identity: { user: { id: "b" } } }];
          call({ participants, status: "running", "@odata.type": label }, valid);
          return new WeakRef(participants);
        })();
        await new Promise((resolve) => setImmediate(resolve));
        gc();
        expect(held.deref(), `${name}, ${label}, ${JSON.stringify(last)}`).toBeUndefined();
      }
    }
  });
});
