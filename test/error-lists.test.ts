// The issues the package reports are the ones Ajv finds in the shipped schema files (test/oracle.ts): case by
// case, in both modes and both error modes, the verdict and every issue.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { TYPES, type TypeName } from "../src/validators/table.js";
import { mutations, namedPayloads, validPayloads } from "./arbitraries.js";
import { oracle } from "./oracle.js";
import { MODES, api, corpus, payloads } from "./support.js";

const NAMES = TYPES.map((t) => t.name);
const seed = Number(process.env.FC_SEED ?? 20261126);

describe.each(MODES)("%s mode", (mode) => {
  /** Ajv on the shipped files, in first-error or all-errors mode (test/oracle.ts). */
  const fromFiles = (allErrors: boolean) => oracle(mode, allErrors);
  /**
   * The difference between what the package says of a value and what the files say, if any: undefined when the
   * files accept it and so does the package, "" when both reject it and the issues agree. The package reports the
   * issues in the order its walk meets them (each object's own rules, then its properties in the value's order,
   * then the required ones it lacks), Ajv in the order of the schema's keywords: in first-error mode the one issue
   * is one of Ajv's all-errors issues (path, keyword, params, message), and it is the first of the package's
   * all-errors list; with allErrors the list is Ajv's, as a set (up to maxErrors).
   */
  const difference = (files: ReturnType<typeof fromFiles>, type: TypeName, data: unknown, allErrors: boolean, label: string) => {
    const validator = api[mode].validators[type];
    const expected = files(type, data);
    const reported = validator.validate(data, { allErrors });
    if (reported.valid !== expected.valid || validator.is(data) !== expected.valid) return `${label}: the package says ${reported.valid}, the files ${expected.valid}`;
    if (expected.valid) return undefined;
    const texts = (issues: readonly object[]) => issues.map((issue) => JSON.stringify(issue));
    const fromAjv = texts(expected.issues);
    const said = texts(reported.errors);
    const unlike = () => `${label}\n  reported ${JSON.stringify(reported.errors.map((e) => e.message))}\n  from the files ${JSON.stringify(expected.issues.map((e) => e.message))}`;
    if (!allErrors) {
      const first = texts(validator.validate(data, { allErrors: true }).errors)[0];
      return said.length === 1 && fromAjv.includes(said[0]!) && said[0] === first ? "" : unlike();
    }
    const left = [...fromAjv];
    for (const issue of said) {
      const at = left.indexOf(issue);
      if (at === -1) return unlike();
      left.splice(at, 1);
    }
    return said.length === Math.min(fromAjv.length, 100) ? "" : unlike();
  };

  it.each([false, true])("reports, with allErrors %s, the issues described from Ajv compiling the shipped files", (allErrors) => {
    const validate = fromFiles(true);
    const differing: string[] = [];
    let compared = 0;
    for (const p of payloads()) {
      const diff = difference(validate, p.type, p.data, allErrors, p.label);
      if (diff === undefined) continue;
      compared += 1;
      if (diff !== "") differing.push(diff);
    }
    expect(compared).toBeGreaterThan(100);
    expect(differing).toEqual([]);
  });

  // Values that are not plain JSON: generated and known payloads with some names hidden from for…in
  // (non-enumerable, own or inherited), some inherited where for…in visits them, some behind getters. The verdict
  // and every issue must be those of Ajv on the shipped files given the value as for…in sees it
  // (asForInSees, test/support.ts).
  it.each([false, true])("reports, with allErrors %s, the issues described from the files on values with hidden and inherited names", (allErrors) => {
    const validate = fromFiles(true);
    const differing: string[] = [];
    let invalid = 0;
    const define = (object: object, name: string, descriptor: PropertyDescriptor) => Object.defineProperty(object, name, { configurable: true, ...descriptor });
    // Half of them every known payload: the cases, the examples and the corpus, Graph's published ones included.
    const known = fc.constantFrom(...payloads().map(({ type, data }) => [type, data] as [TypeName, unknown]));
    /** The value rebuilt, each name of each object placed by a roll of the generator's numbers. */
    const disguised = (value: unknown, rolls: () => number): unknown => {
      if (value === null || typeof value !== "object") return value;
      if (Array.isArray(value)) return value.map((item) => disguised(item, rolls));
      const object = {};
      const prototype = {};
      for (const [name, item] of Object.entries(value)) {
        const roll = rolls();
        const inner = disguised(item, rolls);
        if (roll < 0.15) define(object, name, { value: inner, enumerable: false });
        else if (roll < 0.25) define(prototype, name, { value: inner, enumerable: true });
        else if (roll < 0.32) define(prototype, name, { value: inner, enumerable: false });
        else if (roll < 0.38) define(object, name, { get: () => inner, enumerable: true });
        else define(object, name, { value: inner, enumerable: true, writable: true });
      }
      return Object.getOwnPropertyNames(prototype).length === 0 ? object : Object.setPrototypeOf(object, prototype);
    };
    fc.assert(
      fc.property(fc.tuple(fc.oneof(namedPayloads, known), fc.infiniteStream(fc.double({ min: 0, max: 1, noNaN: true }))), ([[name, payload], numbers]) => {
        const stream = numbers[Symbol.iterator]();
        const value = disguised(payload, () => stream.next().value as number);
        const diff = difference(validate, name, value, allErrors, `${name} ${JSON.stringify(payload).slice(0, 300)}`);
        if (diff === undefined) return;
        invalid += 1;
        if (diff !== "") differing.push(diff);
      }),
      { seed, numRuns: 1000 },
    );
    expect(invalid).toBeGreaterThan(100);
    expect(differing.slice(0, 5)).toEqual([]);
  });

  it.each([false, true])("reports, with allErrors %s, the issues described from the files on seeded mutations of valid payloads", (allErrors) => {
    const validate = fromFiles(true);
    const differing: string[] = [];
    let compared = 0;
    fc.assert(
      fc.property(
        fc.constantFrom(...NAMES).chain((name) => fc.tuple(fc.constant(name), validPayloads[name].chain(mutations))),
        ([name, value]) => {
          const diff = difference(validate, name, value, allErrors, `${name} ${JSON.stringify(value).slice(0, 300)}`);
          if (diff === undefined) return;
          compared += 1;
          if (diff !== "") differing.push(diff);
        },
      ),
      { seed, numRuns: 2000 },
    );
    expect(compared).toBeGreaterThan(100);
    expect(differing.slice(0, 5)).toEqual([]);
  });

  // Long arrays (an operation's participants, a batch's notifications, the participants of a notification's
  // operation) with errors in them and beside them, one or several: the first issue, and every issue.
  const LONG: TypeName[] = ["InviteParticipantsOperation", "CommsOperation", "CommsNotifications", "CommsNotification"];
  /** The value with more participants in each participants array, and more notifications in a batch. */
  const lengthened = (value: Record<string, unknown>, pool: unknown[], copies: number): Record<string, unknown> => {
    const copy = structuredClone(value);
    const visit = (node: unknown) => {
      if (node === null || typeof node !== "object") return;
      if (!Array.isArray(node)) {
        const record = node as Record<string, unknown>;
        if (Array.isArray(record.participants)) record.participants = [...record.participants, ...structuredClone(pool)];
        if (Array.isArray(record.value) && record.value.length > 0)
          record.value = [...record.value, ...Array.from({ length: copies }, () => structuredClone((record.value as unknown[])[0]))];
      }
      for (const child of Object.values(node)) visit(child);
    };
    visit(copy);
    return copy;
  };
  it.each([false, true])("reports, with allErrors %s, the issues described from the files on long arrays with errors in and beside them", (allErrors) => {
    const validate = fromFiles(true);
    const differing: string[] = [];
    let late = 0;
    fc.assert(
      fc.property(
        fc.constantFrom(...LONG).chain((name) =>
          fc.tuple(
            fc.constant(name),
            fc
              .tuple(validPayloads[name], fc.array(validPayloads.InvitationParticipantInfo, { minLength: 4, maxLength: 30 }), fc.nat({ max: 6 }))
              .map(([value, pool, copies]) => lengthened(value, pool, copies))
              .chain(mutations)
              .chain((value) => fc.oneof(fc.constant(value), mutations(value))),
          ),
        ),
        ([name, value]) => {
          const first = api[mode].validators[name].validate(value).errors[0]?.path ?? "";
          if (/\/[1-9]\d*(?:\/|$)/.test(first)) late += 1;
          const diff = difference(validate, name, value, allErrors, `${name} ${JSON.stringify(value).slice(0, 300)}`);
          if (diff !== undefined && diff !== "") differing.push(diff);
        },
      ),
      { seed, numRuns: 600 },
    );
    // Errors past the first item were among them.
    // (24 of the 600 values in tolerant mode, which accepts most added names, 183 in strict mode, at the default seed)
    expect(late).toBeGreaterThan(20);
    expect(differing.slice(0, 5)).toEqual([]);
  });

  // The same on Graph's own payloads (test/corpus/): each lengthened with the participants they carry, as sent
  // and with seeded changes.
  it.each([false, true])("reports, with allErrors %s, the issues described from the files on lengthened corpus payloads", (allErrors) => {
    const validate = fromFiles(true);
    const real = corpus.filter((entry) => LONG.includes(entry.type) && entry.data !== null && typeof entry.data === "object" && !Array.isArray(entry.data));
    const pool = corpus.filter((entry) => entry.type === "InvitationParticipantInfo" && entry.data !== null && typeof entry.data === "object").map((entry) => entry.data);
    const differing: string[] = [];
    let late = 0;
    real.forEach((entry, index) => {
      const long = lengthened(entry.data as Record<string, unknown>, pool, 4);
      for (const value of [long, ...fc.sample(mutations(long), { seed: seed + index, numRuns: 3 })]) {
        if (/\/[1-9]\d*(?:\/|$)/.test(api[mode].validators[entry.type].validate(value).errors[0]?.path ?? "")) late += 1;
        const diff = difference(validate, entry.type, value, allErrors, `${entry.type} from ${entry.source.path} ${entry.at}`);
        if (diff !== undefined && diff !== "") differing.push(diff);
      }
    });
    expect(real.length).toBeGreaterThan(200);
    expect(pool.length).toBeGreaterThan(20);
    // (202 of them in tolerant mode at the default seed)
    expect(late).toBeGreaterThan(50);
    expect(differing.slice(0, 5)).toEqual([]);
  });

  it("explains a value whose getter validates another value on the way", () => {
    // The guard rejects its operation from inside the outer validation: the outer explanation is its own.
    const ok = { identity: { user: { id: "a" } } };
    const bad = { status: "running", participants: [ok, ok, ok, { identity: 5 }, ok] };
    const participants = [{ identity: { user: { id: "a" } } }, { identity: 5 }, { identity: { user: { id: "b" } } }, { identity: { user: { id: "c" } } }];
    for (const inside of ["isInviteParticipantsOperation", "validators.is"] as const) {
      const first = {
        resourceUrl: "/communications/calls/1",
        get changeType() {
          const operations = api[mode].validators.InviteParticipantsOperation;
          expect(inside === "validators.is" ? operations.is(bad) : api[mode].isInviteParticipantsOperation(bad)).toBe(false);
          return "updated";
        },
      };
      const operation = { "@odata.type": "#microsoft.graph.inviteParticipantsOperation", status: "completed", participants };
      const value = { value: [first, { changeType: "updated", resourceUrl: "/x" }, { changeType: 5, resourceUrl: "/y", resourceData: operation }] };
      const validate = fromFiles(true);
      expect(difference(validate, "CommsNotifications", value, true, inside)).toBe("");
      expect(api[mode].validators.CommsNotifications.validate(value, { allErrors: true }).errors.map((issue) => issue.path)).toContain(
        "/value/2/resourceData/participants/1/identity",
      );
    }
  });

  it("reads no name for…in does not visit: a non-enumerable array is not judged, an enumerable one is, items left out", () => {
    const ok = { identity: { user: { id: "a" } } };
    const operation = (enumerable: boolean) =>
      Object.defineProperty({ "@odata.type": "#microsoft.graph.inviteParticipantsOperation", status: "completed" }, "participants", {
        value: [ok, ok, { identity: 5 }, ok],
        enumerable,
      });
    const notification = (index: number) => ({ changeType: "updated", resourceUrl: `/communications/calls/${index}` });
    const value = (enumerable: boolean) => ({ value: [notification(0), notification(1), { ...notification(2), resourceData: operation(enumerable) }] });
    for (const allErrors of [false, true]) {
      expect(api[mode].validators.CommsNotifications.validate(value(false), { allErrors }).valid).toBe(true);
      expect(fromFiles(allErrors)("CommsNotifications", value(false)).valid).toBe(true);
      expect(difference(fromFiles(allErrors), "CommsNotifications", value(true), allErrors, "enumerable participants")).toBe("");
    }
    expect(api[mode].validators.CommsNotifications.validate(value(true)).errors.map((issue) => issue.path)).toEqual(["/value/2/resourceData/participants/2/identity"]);
  });
});
