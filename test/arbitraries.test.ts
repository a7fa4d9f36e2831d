// graph-invite-participants/arbitraries, 10,000 draws of each kind per type and mode: every valid draw valid, every
// near miss invalid with an issue at the path it carries. Written from the model and Graph's metadata, not from
// the schemas, so a disagreement is a fault of one of the two.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { nearMissArbitrary, validArbitrary } from "../src/test-kit/arbitraries.js";
import { ENUMS, FAMILIES } from "../src/generated/model.js";
import { scenariosOf } from "../src/test-kit/scenarios.js";
import { TYPES } from "../src/validators/table.js";
import type { CommsNotifications, InviteParticipantsOperation } from "../types/index.js";
import { api, MODES } from "./support.js";

// 2,000 draws of each kind per type and mode in `npm test`; CI draws 10,000 (.ci/run sets GIP_DRAWS).
const DRAWS = Number(process.env.GIP_DRAWS ?? 2_000);
const CASES = MODES.flatMap((mode) => TYPES.map(({ name }) => [mode, name] as const));

describe.each(CASES)("%s %s", (mode, name) => {
  const validator = api[mode].validators[name];

  it(`${DRAWS.toLocaleString("en")} valid draws are valid`, () => {
    const wrong: string[] = [];
    for (const value of fc.sample(validArbitrary(name, mode), { numRuns: DRAWS, seed: 20_261_206 })) {
      const result = validator.validate(value);
      if (!result.valid && wrong.length < 3) wrong.push(`${JSON.stringify(value).slice(0, 300)}: ${result.errors[0]!.message}`);
    }
    expect(wrong).toEqual([]);
  });

  it(`${DRAWS.toLocaleString("en")} near misses are invalid, each with an issue at its path`, () => {
    const wrong: string[] = [];
    for (const { value, path, change } of fc.sample(nearMissArbitrary(name, mode), { numRuns: DRAWS, seed: 20_261_207 })) {
      const result = validator.validate(value, { allErrors: true });
      const paths = result.valid ? [] : result.errors.map((issue) => issue.path);
      if (!paths.includes(path) && wrong.length < 3)
        wrong.push(`${change} at ${JSON.stringify(path)} in ${JSON.stringify(value).slice(0, 300)}: ${result.valid ? "valid" : paths.join(", ")}`);
    }
    expect(wrong).toEqual([]);
  });
});

describe("what the arbitraries draw", () => {
  const texts = (mode: "tolerant" | "strict", name: (typeof TYPES)[number]["name"], runs = 2_000) =>
    fc.sample(validArbitrary(name, mode), { numRuns: runs, seed: 7 }).map((value) => JSON.stringify(value));

  it("covers the variation Graph sends: both status spellings, null members, subtypes from the metadata, annotations", () => {
    const operations = texts("strict", "InviteParticipantsOperation").join("\n");
    for (const status of [...ENUMS.operationStatus, "completed", "notStarted"]) expect(operations).toContain(`"status":"${status}"`);
    expect(operations).toContain('"resultInfo":null');
    expect(operations).toContain('"@odata.etag"');
    const identities = new Set(texts("strict", "Identity").flatMap((text) => /"@odata\.type":"#?microsoft\.graph\.([\w.]+)"/.exec(text)?.[1] ?? []));
    expect(identities.size).toBeGreaterThan(FAMILIES.identity.length / 2);
    const notifications = texts("strict", "CommsNotification");
    expect(notifications.some((text) => text.includes('"resource"') && !text.includes('"resourceUrl"'))).toBe(true);
    expect(notifications.some((text) => text.includes('"resourceUrl"') && !text.includes('"resource"'))).toBe(true);
  });

  it("adds in tolerant mode what Graph may send later (undeclared properties, later subtype names), and never in strict mode", () => {
    const later = /"(?:addedLater|futureSetting|newProperty)"|"#?microsoft\.graph\.(?:future|later)Identity"/;
    expect(texts("tolerant", "Identity").some((text) => later.test(text))).toBe(true);
    expect(texts("strict", "Identity").some((text) => later.test(text))).toBe(false);
  });

  it("names the types and modes it knows when asked for another", () => {
    expect(() => validArbitrary("Participant" as never)).toThrow(/no type "Participant"; the types are InviteParticipantsOperation/);
    expect(() => nearMissArbitrary("Identity", "lenient" as never)).toThrow(/no mode "lenient"; the modes are tolerant and strict/);
  });

  it("draws values typed as their type, and only those of a scenario when asked", () => {
    // Typed: no cast between the arbitrary and a property of the type.
    const failed: fc.Arbitrary<InviteParticipantsOperation> = validArbitrary("InviteParticipantsOperation", "strict", { scenario: "failed" });
    for (const operation of fc.sample(failed, { numRuns: 200, seed: 3 })) {
      expect(operation.status.toLowerCase()).toBe("failed");
      expect(operation.resultInfo).not.toBeNull();
      expect(api.strict.validateInviteParticipantsOperation(operation).valid).toBe(true);
    }
    const callbacks: fc.Arbitrary<CommsNotifications> = validArbitrary("CommsNotifications", "tolerant", { scenario: "inviteCompleted" });
    for (const body of fc.sample(callbacks, { numRuns: 100, seed: 4 })) {
      expect(scenariosOf("CommsNotifications", body)).toContain("inviteCompleted");
      expect(body.value.length).toBeGreaterThan(0);
    }
  });

  it("names the scenarios a type's values can show when asked for another, and refuses an option it does not take", () => {
    expect(() => validArbitrary("ResultInfo", "tolerant", { scenario: "inviteRunning" })).toThrow(/no ResultInfo value shows inviteRunning; its values show/);
    expect(() => validArbitrary("Identity", "tolerant", { scenario: "cancelled" as never })).toThrow(/no scenario "cancelled"/);
    expect(() => validArbitrary("Identity", "tolerant", { scenarios: "pstn" } as never)).toThrow(/unknown option "scenarios"; did you mean "scenario"\?/);
  });
});
