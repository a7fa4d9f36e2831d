// Hostile input: each test has a generous time bound that only catches blow-ups.
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import { closeSync, mkdtempSync, openSync, rmSync, writeSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it, onTestFinished } from "vitest";
import { createAjv, ANY_ODATA_ANNOTATION_PATTERN, ODATA_ANNOTATION_PATTERN, ROOT } from "../scripts/generate.js";
import { familyPattern } from "../scripts/generate/schema-rules.js";
import { TYPES } from "../src/validators/table.js";
import { MODES, api, schemaFiles } from "./support.js";

const NAMES = TYPES.map((t) => t.name);
const timed = <T>(run: () => T): { result: T; ms: number } => {
  const start = performance.now();
  const result = run();
  return { result, ms: performance.now() - start };
};
const participant = { identity: { user: { id: "u1" } } };

describe("prototype keys", () => {
  const texts = [
    '{"status":"running","__proto__":{"polluted":true}}',
    '{"status":"running","constructor":{"prototype":{"polluted":true}}}',
    '{"status":"running","participants":[{"identity":{"__proto__":{"polluted":true},"user":{"prototype":{"polluted":true}}}}]}',
    '{"status":"running","resultInfo":{"__proto__":{"code":"x"}}}',
  ];

  it.each(texts)("never pollute a prototype, through validateT or parseT: %s", (text) => {
    for (const mode of MODES) {
      const value = JSON.parse(text);
      api[mode].validateInviteParticipantsOperation(value, { allErrors: true });
      try {
        api[mode].parseJsonInviteParticipantsOperation(text);
      } catch {
        // strict mode rejects the undeclared keys; that is fine
      }
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect((Object.prototype as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("treat __proto__ as the undeclared property it is", () => {
    const value = JSON.parse(texts[0]!);
    expect(api.tolerant.validateInviteParticipantsOperation(value).valid).toBe(true);
    expect(api.strict.validateInviteParticipantsOperation(value).errors[0]!.path).toBe("/__proto__");
    // An own __proto__ key of a nested object is not mistaken for the object's prototype either.
    expect(api.tolerant.validateInviteParticipantsOperation(JSON.parse(texts[3]!)).valid).toBe(true);
  });
});

describe("size", () => {
  it("a 10 MB string is checked in linear time", () => {
    const big = "x".repeat(10 * 1024 * 1024);
    const { result: valid, ms } = timed(() =>
      api.strict.validateInviteParticipantsOperation({ status: "running", clientContext: big, participants: [{ identity: { user: { displayName: big } } }] }),
    );
    expect(valid.valid).toBe(true);
    const { result: tooLong, ms: ms2 } = timed(() => api.strict.validateInviteParticipantsRequest({ participants: [participant], clientContext: big }));
    expect(tooLong.errors[0]!.message).toMatch(/^\/clientContext must be at most 256 characters long \(got a string of 10485760 characters, "x{40}"…\)$/);
    expect(ms + ms2).toBeLessThan(5_000);
  });

  it("an operation with 200,000 participants is validated, and its errors are bounded", () => {
    const participants = Array.from({ length: 200_000 }, (_, index) => ({ identity: { user: { id: `u${index}` } } }));
    const { result, ms } = timed(() => api.tolerant.validateInviteParticipantsOperation({ status: "running", participants }));
    expect(result.valid).toBe(true);
    const broken = participants.map(() => ({}));
    const { result: all, ms: ms2 } = timed(() => api.tolerant.validateInviteParticipantsOperation({ status: "running", participants: broken }, { allErrors: true }));
    expect(all.errors).toHaveLength(100);
    expect(ms + ms2).toBeLessThan(10_000);
  });

  it("an object of 100,000 names is judged in linear time, valid and invalid, in both modes and error modes", () => {
    // Every object's names are visited (README, "What is read of a value"): an object of many names costs time
    // in proportion, as JSON.parse spent making it, never more.
    const names = (count: number) => Object.fromEntries(Array.from({ length: count }, (_, index) => [`k${index}`, index]));
    const operation = JSON.parse(JSON.stringify({ "@odata.type": "#microsoft.graph.inviteParticipantsOperation", status: "running", ...names(100_000) }));
    const notification = { value: [{ changeType: "updated", resourceUrl: "/communications/calls/c", resourceData: operation }] };
    const { result, ms } = timed(() => api.tolerant.validateCommsNotifications(notification));
    expect(result.valid).toBe(true);
    let elsewhere = 0;
    for (const allErrors of [false, true]) {
      const strict = timed(() => api.strict.validateCommsNotifications(notification, { allErrors }));
      expect(strict.result.errors[0]!.path).toBe("/value/0/resourceData/k0");
      const wrong = timed(() => api.tolerant.validateCommsNotifications({ value: [{ ...notification.value[0]!, changeType: 5 }] }, { allErrors }));
      expect(wrong.result.errors.map((issue) => issue.path)).toEqual(["/value/0/changeType"]);
      elsewhere += strict.ms + wrong.ms;
    }
    expect(ms + elsewhere).toBeLessThan(10_000);
  });

  it("a request with too many participants is rejected without walking them", () => {
    const participants = Array.from({ length: 200_000 }, () => participant);
    let reads = 0;
    const counting = new Proxy(participants, {
      get(target, key, receiver) {
        if (typeof key === "string" && /^\d+$/.test(key)) reads += 1;
        return Reflect.get(target, key, receiver);
      },
    });
    for (const mode of MODES) {
      const result = api[mode].validateInviteParticipantsRequest({ participants: counting });
      expect(result.errors).toEqual([
        expect.objectContaining({ path: "/participants", keyword: "maxItems", message: "/participants must have at most 5 items (got an array of 200000 items)" }),
      ]);
    }
    expect(reads).toBe(0);
  });
});

describe("depth", () => {
  const DEPTH = 100_000;
  const deepValue = () => {
    let value: unknown = "bottom";
    for (let i = 0; i < DEPTH; i += 1) value = i % 2 === 0 ? [value] : { nested: value };
    return value;
  };

  it("100,000-deep nesting inside an undeclared property: tolerant ignores it, strict rejects it at the property", () => {
    const value = { status: "running", extension: deepValue() };
    const { ms } = timed(() => {
      expect(api.tolerant.validateInviteParticipantsOperation(value).valid).toBe(true);
      expect(api.strict.validateInviteParticipantsOperation(value, { allErrors: true }).errors.map((e) => e.path)).toEqual(["/extension"]);
    });
    expect(ms).toBeLessThan(5_000);
  });

  it("100,000 objects deep inside an undeclared property, beside an error: the error is explained, in both modes", () => {
    let chain: unknown = "bottom";
    for (let i = 0; i < DEPTH; i += 1) chain = { nested: chain };
    const value = { status: 5, extension: chain };
    const { ms } = timed(() => {
      for (const allErrors of [false, true]) {
        expect(api.tolerant.validateInviteParticipantsOperation(value, { allErrors }).errors.map((e) => e.path)).toEqual(["/status"]);
        const strict = api.strict.validateInviteParticipantsOperation(value, { allErrors }).errors.map((e) => e.path);
        // In the order the walk meets them: the value's.
        expect(strict).toEqual(allErrors ? ["/status", "/extension"] : ["/status"]);
      }
    });
    expect(ms).toBeLessThan(5_000);
  });

  it("100,000-deep nesting inside resource data the package does not model passes", () => {
    const value = { value: [{ changeType: "updated", resource: "/x", resourceData: [deepValue()] }] };
    for (const mode of MODES) expect(api[mode].validateCommsNotifications(value).valid).toBe(true);
  });

  it("100,000-deep JSON text given to parseT gives a verdict or a ValidationError, never a RangeError", () => {
    const open = `{"status":"running","extension":${"[".repeat(DEPTH)}`;
    const deepValid = `${open}${"]".repeat(DEPTH)}}`;
    expect(api.tolerant.parseJsonInviteParticipantsOperation(deepValid).status).toBe("running");
    expect(() => api.strict.parseJsonInviteParticipantsOperation(deepValid)).toThrow(expect.objectContaining({ name: "ValidationError" }));
    const unclosed = `${open}${"]".repeat(DEPTH - 1)}}`;
    for (const mode of MODES) {
      expect(() => api[mode].parseJsonInviteParticipantsOperation(unclosed)).toThrow(
        expect.objectContaining({ name: "ValidationError", message: expect.stringMatching(/Invalid JSON at line 1, column \d+/) }),
      );
    }
  });
});

describe("numbers where Int32 integers are expected", () => {
  it.each([
    [NaN, false],
    [Infinity, false],
    [-Infinity, false],
    [-0, true],
    [1e308, false],
    [-1e308, false],
    [2 ** 31, false],
    [-(2 ** 31), true],
    [Number.MAX_SAFE_INTEGER, false],
    [4.5, false],
    [Number.EPSILON, false],
  ])("code %s is %s", (code, valid) => {
    for (const mode of MODES) {
      const result = api[mode].validateResultInfo({ code, subcode: code });
      expect(result.valid).toBe(valid);
      if (!valid) expect(result.errors[0]!.path).toBe("/code");
    }
  });
});

describe("schema safety", () => {
  const require = createRequire(import.meta.url);
  const secure = require("ajv/lib/refs/json-schema-secure.json") as Record<string, unknown>;

  it.each(schemaFiles.map((f) => [f.path, f.schema] as const))("%s passes Ajv's json-schema-secure meta-schema", (_path, schema) => {
    const ajv = createAjv({ strict: false });
    const isSecure = ajv.compile(secure);
    expect(isSecure(schema), JSON.stringify(isSecure.errors)).toBe(true);
  });

  /** Every `pattern` and `patternProperties` key in a schema. */
  const patterns = (node: unknown): string[] => {
    if (node === null || typeof node !== "object") return [];
    const own = [
      ...(typeof (node as { pattern?: unknown }).pattern === "string" ? [(node as { pattern: string }).pattern] : []),
      ...Object.keys((node as { patternProperties?: object }).patternProperties ?? {}),
    ];
    return own.concat(Object.values(node).flatMap(patterns));
  };

  it("every pattern is anchored and has no nested quantifier", () => {
    const all = new Set(schemaFiles.flatMap((f) => patterns(f.schema)));
    expect([...all].sort()).toEqual(
      [ODATA_ANNOTATION_PATTERN, ANY_ODATA_ANNOTATION_PATTERN, ...(["identity", "identitySet", "commsOperation"] as const).map(familyPattern)].sort(),
    );
    for (const pattern of all) {
      expect(pattern.startsWith("^") && pattern.endsWith("$")).toBe(true);
      expect(pattern).not.toMatch(/[+*}]\)[+*{]/);
    }
  });

  it("every pattern runs in linear time on adversarial keys", () => {
    const adversarial = [
      `${"a".repeat(1_000_000)}@odata`,
      `@odata.${"a".repeat(1_000_000)}!`,
      `${"@odata".repeat(200_000)}.`,
      `${"_".repeat(1_000_000)}@odata.type`,
      `#microsoft.graph.${"Identity".repeat(100_000)}!`,
      `microsoft.graph.${".".repeat(1_000_000)}IdentitySe`,
    ];
    for (const pattern of new Set(schemaFiles.flatMap((f) => patterns(f.schema)))) {
      const regex = new RegExp(pattern, "u");
      for (const key of adversarial) {
        const { ms } = timed(() => regex.test(key));
        expect(ms).toBeLessThan(1_000);
      }
    }
    const object = Object.fromEntries(adversarial.map((key) => [key, "x"]));
    const { ms } = timed(() => NAMES.map((name) => api.strict.validators[name].validate({ ...object }, { allErrors: true })));
    expect(ms).toBeLessThan(5_000);
  });
});

describe("the command line under faults", () => {
  const BIN = join(ROOT, "dist/src/bin.js");

  it("validates a 100 MB single-line file with a verdict under a raised --max-bytes, and refuses it with exit 2 under the default", { timeout: 120_000 }, () => {
    const dir = mkdtempSync(join(tmpdir(), "gip-big-"));
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
    const path = join(dir, "big.json");
    const fd = openSync(path, "w");
    writeSync(fd, '{"status":"running","clientContext":"');
    const block = "y".repeat(1024 * 1024);
    for (let i = 0; i < 100; i += 1) writeSync(fd, block);
    writeSync(fd, '"}');
    closeSync(fd);
    for (const args of [
      ["validate", path],
      ["validate", "--ndjson", path],
    ]) {
      const refused = spawnSync(process.execPath, [BIN, ...args], { encoding: "utf8", timeout: 60_000 });
      expect(refused.status).toBe(2);
      expect(refused.stdout).toBe("");
      expect(refused.stderr).toMatch(/payload larger than --max-bytes 67108864; not validated\n$/);
      const run = spawnSync(process.execPath, [BIN, ...args, "--max-bytes", "200000000"], { encoding: "utf8", timeout: 60_000 });
      expect(run.stderr).toBe("");
      expect(run.status).toBe(0);
      expect(run.stdout).toContain(": valid InviteParticipantsOperation (tolerant)");
    }
    const request = spawnSync(process.execPath, [BIN, "validate", "--max-bytes", "200000000", "--type", "InviteParticipantsRequest", path], { encoding: "utf8", timeout: 60_000 });
    expect(request.status).toBe(1);
    expect(request.stdout.length).toBeLessThan(1_000);
  });
});
