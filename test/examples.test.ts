import { describe, expect, it } from "vitest";
import { MODES, api, exampleFiles, examples, runtimeAjv } from "./support.js";

const ajvCompiled = runtimeAjv();

describe("example payloads", () => {
  it("every file in test/examples has a verdict", () => {
    expect(exampleFiles.sort()).toEqual(examples.map((e) => e.file).sort());
  });

  describe.each(examples)("$file", (example) => {
    it.each(MODES)("%s mode gives the documented verdict", (mode) => {
      const result = api[mode].validators[example.type].validate(example.data, { allErrors: true });
      expect(result.errors.map((e) => e.path)).toEqual(example[mode]);
      expect(result.valid).toBe(example[mode].length === 0);
      expect(ajvCompiled(mode, example.type, example.data)).toBe(result.valid);
    });
  });
});

describe("the seed page", () => {
  const seeds = examples.filter((e) => e.file.includes(".seed-"));

  it("has both seed payloads", () => {
    expect(seeds).toHaveLength(2);
  });

  it.each(seeds.flatMap((seed) => MODES.map((mode) => ({ seed, mode }))))("$seed.file in $mode mode: exactly one error, at /status, naming the value", ({ seed, mode }) => {
    const result = api[mode].validateInviteParticipantsOperation(seed.data, { allErrors: true });
    expect(result.valid).toBe(false);
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]).toMatchObject({ path: "/status", keyword: "enum" });
    expect(result.errors[0]!.message).toMatch(/^\/status must be one of .*"running".* \(got "String"\)$/);
  });

  it.each(seeds.flatMap((seed) => MODES.map((mode) => ({ seed, mode }))))("$seed.file in $mode mode is valid once status is real", ({ seed, mode }) => {
    for (const status of ["Running", "running"]) {
      const fixed = { ...(seed.data as object), status };
      expect(api[mode].validateInviteParticipantsOperation(fixed).errors).toEqual([]);
    }
  });
});
