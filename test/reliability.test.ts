// Promises of SECURITY.md that an adversarial review broke, one test each; every one fails on the code as
// it was before the fix it names.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ROOT } from "../scripts/generate.js";
import { ValidationError } from "../src/validators/runtime.js";
import type { Mode, TypeName } from "../src/validators/table.js";
import { MODES, api, payloads } from "./support.js";

const BIN = join(ROOT, "dist/src/bin.js");
const dir = mkdtempSync(join(tmpdir(), "gip-reliability-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const emptyParticipants = (count: number) => Array.from({ length: count }, () => ({}));
const notificationOf = (resourceData: unknown) => ({
  value: [{ changeType: "deleted", resourceUrl: "/communications/calls/1/operations/2", resourceData }],
});
const manyKeys = (count: number) => {
  const value: Record<string, unknown> = { status: "running" };
  for (let i = 0; i < count; i += 1) value[`undeclared${i}`] = i;
  return value;
};

describe("all-errors mode on values with a hundred thousand errors", () => {
  // Fixed: the error post-processing spread huge arrays into a call (RangeError: Maximum call stack size
  // exceeded at 200,000 participants or undeclared keys inside a notification).
  it("returns maxErrors issues and never throws", () => {
    const operation = { "@odata.type": "#microsoft.graph.inviteParticipantsOperation", status: "running", participants: emptyParticipants(200_000) };
    const inNotification = api.tolerant.validators.CommsNotifications.validate(notificationOf(operation), { allErrors: true });
    expect(inNotification.valid).toBe(false);
    expect(inNotification.errors).toHaveLength(100);
    expect(inNotification.errors[0]!.path).toBe("/value/0/resourceData/participants/0/identity");
    const undeclared = { ...manyKeys(200_000), "@odata.type": "#microsoft.graph.inviteParticipantsOperation" };
    const strictResult = api.strict.validators.CommsNotifications.validate(notificationOf(undeclared), { allErrors: true, maxErrors: 3 });
    expect(strictResult.errors.map((e) => e.path)).toEqual(["/value/0/resourceData/undeclared0", "/value/0/resourceData/undeclared1", "/value/0/resourceData/undeclared2"]);
  });

  // Fixed: maxErrors was applied after every error had been gathered and described.
  it("stops reading the value soon after maxErrors errors", () => {
    let reads = 0;
    const participants = new Proxy(emptyParticipants(100_000), {
      get(target, key, receiver) {
        if (typeof key === "string" && /^\d+$/.test(key)) reads += 1;
        return Reflect.get(target, key, receiver);
      },
    });
    const validator = api.tolerant.validators.InviteParticipantsOperation;
    expect(validator.validate({ status: "running", participants }, { allErrors: true, maxErrors: 10 }).errors).toHaveLength(10);
    // The verdict reads one participant; the report stops once it holds ten issues, one per participant.
    expect(reads).toBe(1 + 10);
    reads = 0;
    // In first-error mode the report stops once it holds an issue: the verdict and the report read one each.
    expect(validator.validate({ status: "running", participants }).errors).toHaveLength(1);
    expect(reads).toBe(2);
  });

  it("reports the same first issues whatever maxErrors is, on every known payload and on many-error values", () => {
    const many = [
      { type: "InviteParticipantsOperation" as const, data: { status: "running", participants: emptyParticipants(500) } },
      { type: "InviteParticipantsOperation" as const, data: manyKeys(500) },
      {
        type: "CommsNotifications" as const,
        data: {
          value: Array.from(
            { length: 300 },
            () => notificationOf({ "@odata.type": "#microsoft.graph.inviteParticipantsOperation", status: 5, participants: [{ identity: { user: { id: 5 } } }] }).value[0],
          ),
        },
      },
    ];
    let compared = 0;
    for (const mode of MODES) {
      for (const { type, data } of [...payloads(), ...many]) {
        const validator = api[mode].validators[type];
        const all = validator.validate(data, { allErrors: true, maxErrors: 100_000 }).errors;
        for (const maxErrors of [1, 2, 3, 7]) {
          expect(validator.validate(data, { allErrors: true, maxErrors }).errors).toEqual(all.slice(0, maxErrors));
        }
        compared += all.length > 1 ? 1 : 0;
      }
    }
    expect(compared).toBeGreaterThan(20);
  });
});

describe("options", () => {
  // Fixed: { maxErrors: NaN } returned valid: false with no errors.
  it.each([[{ maxErrors: Number.NaN }], [{ maxErrors: 0 }], [{ maxErrors: -1 }], [{ maxErrors: 1.5 }], [{ maxErrors: "5" }], [{ maxErrors: Number.POSITIVE_INFINITY }]])(
    "rejects %o with a TypeError naming the option",
    (options) => {
      expect(() => api.tolerant.validateInviteParticipantsOperation({}, options as never)).toThrow(
        new TypeError(`validate: options.maxErrors must be a positive integer, not ${typeof options.maxErrors === "string" ? '"5"' : String(options.maxErrors)}`),
      );
    },
  );

  it("rejects options that are not an object, and an allErrors that is not a boolean", () => {
    expect(() => api.tolerant.validateIdentity({}, null as never)).toThrow(TypeError);
    expect(() => api.tolerant.validateIdentity({}, { allErrors: "yes" } as never)).toThrow(/options\.allErrors must be true or false/);
    expect(api.tolerant.validateIdentity({ id: 5 }, { allErrors: true, maxErrors: 1 }).errors).toHaveLength(1);
  });
});

describe("parseJsonT", () => {
  // Fixed: a value that is neither text nor bytes threw a TypeError from TextDecoder.
  it.each([[42], [{}], [null], [[1, 2]]])("gives a ValidationError for %o", (value) => {
    expect(() => api.tolerant.parseJsonIdentity(value as never)).toThrow(ValidationError);
    expect(() => api.tolerant.parseJsonIdentity(value as never)).toThrow(/parseJson reads JSON text \(a string\) or UTF-8 bytes \(a Uint8Array\)/);
  });

  // Fixed: invalid bytes were replaced by U+FFFD and the payload accepted.
  it.each([
    ["a lone continuation byte", [0x7b, 0x22, 0x69, 0x64, 0x22, 0x3a, 0x22, 0x80, 0x22, 0x7d], 7],
    ["an overlong slash", [0x7b, 0x22, 0x69, 0x64, 0x22, 0x3a, 0x22, 0xc0, 0xaf, 0x22, 0x7d], 7],
    ["a UTF-16 surrogate", [0x7b, 0x22, 0x69, 0x64, 0x22, 0x3a, 0x22, 0xed, 0xa0, 0x80, 0x22, 0x7d], 7],
    ["a sequence cut at the end", [0x7b, 0x7d, 0xe2, 0x82], 2],
  ])("rejects %s with its byte offset", (_name, bytes, offset) => {
    const error = (() => {
      try {
        api.tolerant.parseJsonIdentity(Uint8Array.from(bytes));
      } catch (caught) {
        return caught;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).errors[0]).toMatchObject({ path: "", keyword: "json", params: { offset }, message: `The bytes are not valid UTF-8 (at byte ${offset})` });
  });

  it("reads well-formed UTF-8 of every length", () => {
    const text = JSON.stringify({ id: "a", displayName: "é € 𝄞 日本" });
    expect(api.tolerant.parseJsonIdentity(new TextEncoder().encode(text))).toEqual(JSON.parse(text));
  });
});

describe("what a caller can change", () => {
  // Fixed: validators.T.schema was a plain object; editing it changed what later messages said.
  it("gets a deeply frozen schema", () => {
    const schema = api.strict.validators.InviteParticipantsOperation.schema as { properties: { status: { enum: string[] } } };
    expect(Object.isFrozen(schema)).toBe(true);
    expect(Object.isFrozen(schema.properties.status.enum)).toBe(true);
    expect(() => schema.properties.status.enum.push("hacked")).toThrow(TypeError);
    const issue = api.strict.validators.InviteParticipantsOperation.validate({ status: "hacked" }).errors[0]!;
    expect(issue.message).not.toContain('hacked",');
    (issue.params as { allowedValues: string[] }).allowedValues.push("edited");
    expect((api.strict.validators.InviteParticipantsOperation.validate({ status: "x" }).errors[0]!.params as { allowedValues: string[] }).allowedValues).not.toContain("edited");
  });

  it("gets params of its own in every issue, whatever its keyword: editing one leaves the next as it was", () => {
    const id = "278405a3-f568-4b3e-b684-009193463064";
    const rejected: [Mode, TypeName, unknown, string][] = [
      ["tolerant", "InviteParticipantsOperation", { status: "x" }, "enum"],
      ["tolerant", "InviteParticipantsOperation", { status: "running", participants: [{ identity: { user: { id: 5 } } }] }, "type"],
      ["tolerant", "InviteParticipantsOperation", { status: "running", participants: {} }, "type"],
      ["tolerant", "InviteParticipantsOperation", { participants: [] }, "required"],
      ["tolerant", "CommsNotification", { changeType: "updated" }, "required"],
      ["tolerant", "InviteParticipantsRequest", { participants: [{ identity: {} }] }, "anyOf"],
      ["tolerant", "InviteParticipantsRequest", { participants: [] }, "minItems"],
      ["tolerant", "CommsOperation", { status: "running", "@odata.type": "#microsoft.graph.x".padEnd(300, "x") }, "maxLength"],
      ["tolerant", "CommsOperation", { status: "running", "@odata.type": "#microsoft.graph.call" }, "pattern"],
      ["strict", "InviteParticipantsOperation", { status: "running", extra: 1 }, "additionalProperties"],
      ["strict", "Identity", { id, "@odata.type": "#microsoft.graph.teamworkUserIdentity", userIdentityType: "x" }, "enum"],
    ];
    for (const [mode, type, value, keyword] of rejected) {
      const validate = () => api[mode].validators[type].validate(value, { allErrors: true }).errors;
      const first = validate();
      expect(
        first.map((issue) => issue.keyword),
        `${type} ${JSON.stringify(value)}`,
      ).toContain(keyword);
      const before = structuredClone(first);
      for (const issue of first) {
        const params = issue.params as Record<string, unknown>;
        for (const [name, param] of Object.entries(params)) {
          if (Array.isArray(param)) param.push("edited");
          else params[name] = "edited";
        }
        params.added = "edited";
      }
      expect(validate(), `${type} ${JSON.stringify(value)}`).toEqual(before);
    }
  });

  it("gets params with their own names only, whatever Object.prototype holds", () => {
    const prototype = Object.prototype as Record<string, unknown>;
    prototype.polluted = ["inherited"];
    try {
      // Tolerant mode: strict mode reads the inherited name as an undeclared property of the value, as `for…in` visits it.
      const issue = api.tolerant.validators.InviteParticipantsOperation.validate({ status: "x" }).errors[0]!;
      expect(issue.keyword).toBe("enum");
      expect(Object.keys(issue.params)).toEqual(["allowedValues"]);
      expect(Object.hasOwn(issue.params, "polluted")).toBe(false);
      // A name some params have (a missing resource's alternatives), inherited by those that do not.
      prototype.alternatives = ["inherited"];
      const missing = api.tolerant.validators.InviteParticipantsOperation.validate({ participants: [] }).errors[0]!;
      expect(missing.keyword).toBe("required");
      expect(Object.keys(missing.params)).toEqual(["missingProperty"]);
    } finally {
      delete prototype.polluted;
      delete prototype.alternatives;
    }
  });
});

describe("the runtime's own code", () => {
  // A call with an array spread into its arguments overflows the stack when the array is large, and the
  // input decides its size; the runtime and the command line push in loops instead.
  it("spreads no array into a call's arguments", () => {
    // Every hand-written module that reads a payload: what the validators, the command line, the callbacks entry and
    // the Fastify adapter import, found by following their imports (a spread of a payload-sized array into a call's
    // arguments overflows the stack). The test kit's modules spread only the package's own short lists.
    const files = new Set<string>();
    const visit = (file: string) => {
      if (files.has(file)) return;
      files.add(file);
      for (const [, target] of readFileSync(join(ROOT, file), "utf8").matchAll(/from "(\.\.?\/[\w/-]+)\.js"/g)) {
        const path = join(dirname(file), `${target}.ts`);
        if (!path.startsWith("src/generated/")) visit(path);
      }
    };
    for (const entry of ["src/index.ts", "src/strict.ts", "src/bin.ts", "src/callbacks.ts", "src/fastify.ts"]) visit(entry);
    expect(files.size).toBeGreaterThan(12);
    for (const file of files) {
      const code = readFileSync(join(ROOT, file), "utf8");
      // A typed rest parameter (`(...args: any[]) =>`) declares, it does not spread.
      expect(code.match(/\(\s*\.\.\.\s*(?![\w$]+\s*:)[\w[(]/g) ?? [], file).toEqual([]);
    }
  });
});

describe("messages", () => {
  // Fixed: property names went raw into messages, so a payload could write a fake line or terminal codes.
  it("escape control, line-separator and direction characters of property names and values", () => {
    const name = "a\n/tmp/x.json: valid InviteParticipantsOperation (strict)\u001b[2J\u2028\u202e\u009b";
    const result = api.strict.validators.InviteParticipantsOperation.validate({ status: "running", [name]: 1 });
    expect(result.errors[0]!.path).toBe(`/${name.replaceAll("/", "~1")}`);
    expect(result.errors[0]!.message).toBe(
      "/a\\u000a~1tmp~1x.json: valid InviteParticipantsOperation (strict)\\u001b[2J\\u2028\\u202e\\u009b is not a declared property of inviteParticipantsOperation, which declares @odata.type, participants, status, clientContext, resultInfo, id (strict mode rejects undeclared properties)",
    );
    const value = api.tolerant.validators.Identity.validate({ "@odata.type": "x\u009b\u2028" }).errors[0]!.message;
    expect(value).toContain('(got "x\\u009b\\u2028")');
  });

  // Fixed: schemaAt did not follow if/then, so a notification's resourceData lost its type name and suggestion.
  it.each([
    ["#microsoft.graph.inviteParticipantsOperation", "inviteParticipantsOperation"],
    ["#microsoft.graph.commsOperation", "commsOperation"],
  ])("name the type and the property meant inside a notification's resourceData (%s)", (odataType, title) => {
    const data = notificationOf({ "@odata.type": odataType, status: "running", clientContex: "x" });
    expect(api.strict.validators.CommsNotifications.validate(data).errors[0]!.message).toBe(
      `/value/0/resourceData/clientContex is not a declared property of ${title}; did you mean "clientContext"? (strict mode rejects undeclared properties)`,
    );
  });

  it("name the type and the property meant in an invite request's participant", () => {
    const data = { participants: [{ replaceCallId: "x", identity: { user: { id: "1" } } }] };
    expect(api.strict.validators.InviteParticipantsRequest.validate(data).errors[0]!.message).toBe(
      '/participants/0/replaceCallId is not a declared property of invitationParticipantInfo; did you mean "replacesCallId"? (strict mode rejects undeclared properties)',
    );
  });
});

describe("the command line", () => {
  const file = (name: string, content: string | Buffer) => {
    const path = join(dir, name);
    writeFileSync(path, content);
    return path;
  };
  const cli = (args: string[], options: { input?: string } = {}) => spawnSync(process.execPath, [BIN, ...args], { encoding: "utf8", timeout: 60_000, ...options });

  // Fixed: the exit status was 0 when the pipe closed after an invalid verdict had been printed.
  it("exits with the status of what it printed when the output pipe closes", () => {
    const path = file("first-invalid.ndjson", `{"status": "nope"}\n${'{"status": "running"}\n'.repeat(200_000)}`);
    const pipeline = spawnSync("bash", ["-c", `"${process.execPath}" "${BIN}" validate --ndjson "${path}" | head -1; echo "status \${PIPESTATUS[0]}"`], { encoding: "utf8" });
    expect(pipeline.stdout).toBe(`${path}:1: invalid InviteParticipantsOperation (tolerant)\nstatus 1\n`);
  });

  // Fixed: endless input ended in a V8 heap-limit crash (exit 134) after using several GB.
  it("stops reading endless input at --max-bytes with a message and exit 2", () => {
    const run = cli(["validate", "/dev/zero"]);
    expect(run.status).toBe(2);
    expect(run.stderr).toBe("graph-invite-participants: /dev/zero: payload larger than --max-bytes 67108864; not validated\n");
    const small = cli(["validate", "--max-bytes", "1000", "/dev/zero"]);
    expect(small.status).toBe(2);
  });

  it("keeps its memory within about twice --max-bytes on endless input", () => {
    // The peak resident set of the process, printed as it exits.
    const peak = (args: string[]) => {
      const hook = "data:text/javascript,process.on('exit',()=>process.stderr.write('peak '+process.resourceUsage().maxRSS+'\\n'))";
      const result = spawnSync(process.execPath, ["--import", hook, BIN, ...args], { encoding: "utf8", timeout: 60_000 });
      expect(result.status).toBe(2);
      return Number(/peak (\d+)/.exec(result.stderr)?.[1]) / 1024;
    };
    const whole = peak(["validate", "--max-bytes", String(32 << 20), "/dev/zero"]);
    const lines = peak(["validate", "--ndjson", "--max-bytes", String(32 << 20), file("endless-line.ndjson", Buffer.alloc(96 << 20, 0x20))]);
    // Node itself takes about 50 MB; 32 MiB of input may be held, with room for the chunk being read.
    expect(whole).toBeLessThan(160);
    expect(lines).toBeLessThan(160);
  });

  it("gives an over-long NDJSON line a message, and the lines after it their verdicts", () => {
    const path = file("long-line.ndjson", `{"status": "running"}\n{"clientContext": "${"x".repeat(5_000)}"}\n{"status": "running"}\n`);
    const run = cli(["validate", "--ndjson", "--max-bytes", "1000", path]);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe(`${path}:1: valid InviteParticipantsOperation (tolerant)\n${path}:3: valid InviteParticipantsOperation (tolerant)\n`);
    expect(run.stderr).toBe(`graph-invite-participants: ${path}:2: payload larger than --max-bytes 1000; not validated\n`);
    expect(cli(["validate", "--max-bytes", "1e3", path]).stderr).toMatch(/--max-bytes must be a positive whole number of bytes/);
  });

  it("escapes payload text in its text output", () => {
    const run = cli(["validate", "--strict", "-"], { input: JSON.stringify({ status: "running", "x\n-: valid InviteParticipantsOperation (strict)\u001b[2J": 1 }) });
    expect(run.status).toBe(1);
    expect(run.stdout.split("\n")).toHaveLength(3);
    expect(run.stdout).not.toContain("\u001b");
    expect(run.stdout).toContain("/x\\u000a-: valid InviteParticipantsOperation (strict)\\u001b[2J is not a declared property");
  });

  it("says that bytes which are not UTF-8 are invalid", () => {
    const run = cli(["validate", file("latin1.json", Buffer.from('{"status":"running","clientContext":"caf\xe9"}', "latin1"))]);
    expect(run.status).toBe(1);
    expect(run.stdout).toContain("The bytes are not valid UTF-8 (at byte 40)");
  });
});
