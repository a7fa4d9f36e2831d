// The errors the package reports are the ones Ajv finds in the shipped schema files: Ajv compiling the files at
// run time, its errors described by the same runtime, gives the same issues, case by case, in both modes and
// both error modes. (The generated code is compiled from the same files, each type once.)
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createAjv } from "../scripts/generate/schemas.js";
import { toIssues } from "../src/describe.js";
import { TYPES, type AjvError, type JsonSchema, type TypeName } from "../src/table.js";
import { mutations, namedPayloads, validPayloads } from "./arbitraries.js";
import { MODES, api, asForInSees, corpus, payloads, schemaFiles } from "./support.js";

const NAMES = TYPES.map((t) => t.name);
const seed = Number(process.env.FC_SEED ?? 20261126);

describe.each(MODES)("%s mode", (mode) => {
  /** Ajv compiling the shipped files at run time, in first-error or all-errors mode. */
  const fromFiles = (allErrors: boolean) => {
    const ajv = createAjv({ allErrors, messages: false, loopEnum: 16 });
    for (const file of schemaFiles) ajv.addSchema(file.schema);
    return (type: TypeName) => {
      const graphName = TYPES.find((t) => t.name === type)!.graphName;
      return ajv.getSchema(schemaFiles.find((f) => f.mode === mode && f.graphName === graphName)!.schema.$id as string)!;
    };
  };
  /** The difference between the issues reported and those described from the files' errors, if any. */
  const difference = (validate: (type: TypeName) => ReturnType<ReturnType<typeof fromFiles>>, type: TypeName, data: unknown, allErrors: boolean, label: string) => {
    const validator = api[mode].validators[type];
    const compiled = validate(type);
    // The files judge the value as the validators do: the names for…in visits (asForInSees).
    if (compiled(asForInSees(data))) return undefined;
    const expected = toIssues(compiled.errors as AjvError[], data, validator.schema as JsonSchema, 100);
    const reported = validator.validate(data, { allErrors }).errors;
    if (JSON.stringify(reported) === JSON.stringify(expected)) return "";
    return `${label}\n  reported ${JSON.stringify(reported.map((e) => e.message))}\n  from the files ${JSON.stringify(expected.map((e) => e.message))}`;
  };

  it.each([false, true])("reports, with allErrors %s, the issues described from Ajv compiling the shipped files", (allErrors) => {
    const validate = fromFiles(allErrors);
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
  // and every issue must be those of Ajv's code on the shipped files given the value as for…in sees it
  // (asForInSees, test/support.ts).
  it.each([false, true])("reports, with allErrors %s, the issues described from the files on values with hidden and inherited names", (allErrors) => {
    const validate = fromFiles(allErrors);
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
        const validator = api[mode].validators[name];
        const compiled = validate(name);
        const seen = compiled(asForInSees(value));
        const reported = validator.validate(value, { allErrors });
        const label = `${name} ${JSON.stringify(payload).slice(0, 300)}`;
        if (reported.valid !== seen || validator.is(value) !== seen) differing.push(`${label}: the package says ${reported.valid}, the files ${seen}`);
        if (seen) return;
        invalid += 1;
        const expected = toIssues(compiled.errors as AjvError[], value, validator.schema as JsonSchema, 100);
        if (JSON.stringify(reported.errors) !== JSON.stringify(expected))
          differing.push(`${label}\n  reported ${JSON.stringify(reported.errors)}\n  from the files ${JSON.stringify(expected)}`);
      }),
      { seed, numRuns: 1000 },
    );
    expect(invalid).toBeGreaterThan(100);
    expect(differing.slice(0, 5)).toEqual([]);
  });

  // The package's first-error issue is the first its all-errors code finds (stopped once it holds one);
  // Ajv's first-error code, compiled from the files, must find the same one on any value.
  it.each([false, true])("reports, with allErrors %s, the issues described from the files on seeded mutations of valid payloads", (allErrors) => {
    const validate = fromFiles(allErrors);
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

  // A rejection in an array (an operation's participants, a batch's notifications, the participants of a
  // notification's operation) is explained from the items after the valid ones the fast path read: the first
  // issue, and every issue, must still be the ones Ajv finds in the whole value, wherever the errors are, one
  // or several, in the arrays or beside them.
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
    const validate = fromFiles(allErrors);
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
    // Errors past the first item were among them: the values did exercise the shortened reading.
    // (28 of the 600 values in tolerant mode, which accepts most added names, 143 in strict mode, at the default seed)
    expect(late).toBeGreaterThan(20);
    expect(differing.slice(0, 5)).toEqual([]);
  });

  // The same on Graph's own payloads (test/corpus/): each lengthened with the participants they carry, as sent
  // and with seeded changes.
  it.each([false, true])("reports, with allErrors %s, the issues described from the files on lengthened corpus payloads", (allErrors) => {
    const validate = fromFiles(allErrors);
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
    // (194 of them in tolerant mode at the default seed)
    expect(late).toBeGreaterThan(50);
    expect(differing.slice(0, 5)).toEqual([]);
  });

  it("does not read the valid items before an invalid one again to explain it", () => {
    const reads: number[] = [];
    const participant = (index: number) => ({
      get identity() {
        reads[index] = (reads[index] ?? 0) + 1;
        return { user: { id: `user-${index}` } };
      },
    });
    const value = { status: "running", participants: [...Array.from({ length: 20 }, (_, index) => participant(index)), { hidden: "yes" }] };
    const validator = api[mode].validators.InviteParticipantsOperation;
    expect(validator.is(value)).toBe(false);
    const verdictReads = [...reads];
    reads.length = 0;
    const result = validator.validate(value);
    expect(result.errors.map((issue) => issue.path)).toEqual(["/participants/20/identity"]);
    // The valid items are read as often as the verdict alone reads them: Ajv's code, finding the error, reads none.
    expect(verdictReads).toHaveLength(20);
    expect(reads).toEqual(verdictReads);
    expect(Object.keys(value)).toEqual(["status", "participants"]);
    expect(value.participants).toHaveLength(21);
  });

  it("takes for its own no rejection that a type guard called from a getter in the value recorded", () => {
    // The guard rejects its operation at participant 3 from inside the outer validation; had that been left
    // recorded, the outer explanation would have read the third notification's participants from 3 on, and
    // missed the error at 1.
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
      expect(fromFiles(allErrors)("CommsNotifications")(asForInSees(value(false)))).toBe(true);
      expect(difference(fromFiles(allErrors), "CommsNotifications", value(true), allErrors, "enumerable participants")).toBe("");
    }
    expect(api[mode].validators.CommsNotifications.validate(value(true)).errors.map((issue) => issue.path)).toEqual(["/value/2/resourceData/participants/2/identity"]);
  });

  it("does not read the valid notifications, or the valid participants of an operation in one, again to explain an error in it", () => {
    const reads = new Map<string, number>();
    const counted = (label: string, object: Record<string, unknown>) =>
      Object.defineProperty({ ...object }, "changeType", {
        enumerable: true,
        get() {
          reads.set(label, (reads.get(label) ?? 0) + 1);
          return "updated";
        },
      });
    const participant = (index: number) => ({
      get identity() {
        reads.set(`participant ${index}`, (reads.get(`participant ${index}`) ?? 0) + 1);
        return { user: { id: `user-${index}` } };
      },
    });
    const operation = {
      "@odata.type": "#microsoft.graph.inviteParticipantsOperation",
      status: "completed",
      participants: [...Array.from({ length: 10 }, (_, index) => participant(index)), { identity: { user: { id: 5 } } }],
    };
    const value = {
      value: [
        ...Array.from({ length: 3 }, (_, index) => counted(`notification ${index}`, { resourceUrl: `/communications/calls/${index}` })),
        { changeType: "updated", resourceUrl: "/communications/calls/3/operations/4", resourceData: operation },
      ],
    };
    const validator = api[mode].validators.CommsNotifications;
    expect(validator.is(value)).toBe(false);
    const verdictReads = new Map(reads);
    reads.clear();
    const result = validator.validate(value, { allErrors: true });
    expect(result.errors.map((issue) => issue.path)).toEqual(["/value/3/resourceData/participants/10/identity/user/id"]);
    expect(verdictReads.size).toBe(13);
    expect(reads).toEqual(verdictReads);
  });
});
