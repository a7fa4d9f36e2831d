// Real payloads (test/corpus/): every one Graph sends is valid in tolerant mode, and each published example
// that is not (a placeholder, a wrong type) says why. Verdicts are held in both modes, with Ajv compiling the
// shipped files as a second opinion.
import { describe, expect, it } from "vitest";
import { MODES, api, corpus, runtimeAjv } from "./support.js";

const ajv = runtimeAjv();

describe("the corpus of real payloads", () => {
  it("holds at least 150 payloads from many pages and versions, each with its source", () => {
    expect(corpus.length).toBeGreaterThanOrEqual(150);
    expect(new Set(corpus.map((e) => `${e.source.path}@${e.source.commit}`)).size).toBeGreaterThanOrEqual(40);
    for (const entry of corpus) {
      expect(entry.repository).toMatch(/^[\w.-]+\/[\w.-]+$/);
      expect(entry.source.commit).toMatch(/^[0-9a-f]{40}$/);
      expect(entry.source.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
    // Requests, responses, notifications and the objects inside them.
    expect(new Set(corpus.map((e) => e.type)).size).toBeGreaterThanOrEqual(8);
  });

  it("every payload Graph sends is valid in tolerant mode; every other one says why", () => {
    for (const entry of corpus) {
      if (entry.sentByGraph === false) {
        expect(entry.why, `${entry.source.path} ${entry.at}`).toMatch(/.{20}/);
        expect(entry.tolerant).not.toBe(true);
      } else {
        expect(api.tolerant.validators[entry.type].validate(entry.data).errors, `${entry.source.path}@${entry.source.date} ${entry.at}`).toEqual([]);
      }
    }
  });

  describe.each(MODES)("%s mode", (mode) => {
    it("gives each payload its recorded verdict, at its recorded path, and Ajv on the shipped file agrees", () => {
      const wrong: string[] = [];
      for (const entry of corpus) {
        const result = api[mode].validators[entry.type].validate(entry.data);
        const got = result.valid ? true : result.errors[0]!.path;
        const label = `${entry.type} from ${entry.source.path}@${entry.source.date} ${entry.at}`;
        if (got !== entry[mode]) wrong.push(`${label}: ${String(got)} (recorded ${String(entry[mode])})`);
        if (ajv(mode, entry.type, entry.data) !== result.valid) wrong.push(`${label}: Ajv on the shipped file disagrees`);
        // An undeclared property (strict mode) is named in the message.
        if (!result.valid && result.errors[0]!.keyword === "additionalProperties") expect(result.errors[0]!.message).toContain(String(got));
      }
      expect(wrong).toEqual([]);
    });
  });
});
