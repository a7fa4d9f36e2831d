import { Ajv2020 } from "ajv/dist/2020.js";
import { describe, expect, it } from "vitest";
import * as tolerant from "../src/index.js";
import * as strict from "../src/strict.js";
import { TYPES } from "../src/validators/table.js";
import { MODES, api, examples, payloads } from "./support.js";

const { ValidationError, normalizeOperationStatus, inviteRequestWarnings } = tolerant;
const operation = () => ({ status: "running", participants: [{ identity: { user: { id: "u1", displayName: "Alex" } } }] });

describe("validateT", () => {
  it("returns the same value, typed, with no errors, when valid", () => {
    const value = operation();
    const result = tolerant.validateInviteParticipantsOperation(value);
    expect(result).toEqual({ valid: true, value, errors: [] });
    expect(result.value).toBe(value);
  });

  it("gives every valid result of a mode the same frozen empty errors array, which a caller cannot fill", () => {
    const first = tolerant.validateInviteParticipantsOperation(operation());
    const second = tolerant.validateIdentity({ id: "x" });
    const third = tolerant.validateIdentity({ id: "x" }, { allErrors: true });
    expect(first.errors).toBe(second.errors);
    expect(third.errors).toBe(first.errors);
    expect(Object.isFrozen(first.errors)).toBe(true);
    expect(() => (first.errors as unknown[]).push({})).toThrow(TypeError);
    expect(tolerant.validateIdentity({ id: 5 }).errors).not.toBe(first.errors);
  });

  it("stops at the first error by default and reports all with allErrors", () => {
    const value = { status: "String", participants: [{}, { identity: 5 }], resultInfo: { code: 1.5 } };
    expect(tolerant.validateInviteParticipantsOperation(value).errors).toHaveLength(1);
    const all = tolerant.validateInviteParticipantsOperation(value, { allErrors: true });
    expect(all.errors.map((e) => e.path).sort()).toEqual(["/participants/0/identity", "/participants/1/identity", "/resultInfo/code", "/status"]);
  });

  it("bounds the number of errors with maxErrors", () => {
    const value = { status: "running", participants: Array.from({ length: 500 }, () => ({})) };
    expect(tolerant.validateInviteParticipantsOperation(value, { allErrors: true }).errors).toHaveLength(100);
    expect(tolerant.validateInviteParticipantsOperation(value, { allErrors: true, maxErrors: 3 }).errors).toHaveLength(3);
  });

  it("writes messages a person can act on", () => {
    const messages = (value: unknown, api: typeof tolerant | typeof strict = tolerant) =>
      api.validateInviteParticipantsOperation(value, { allErrors: true }).errors.map((e) => e.message);
    expect(messages({ participants: [] })).toEqual(["/status is required"]);
    expect(messages({ status: "running", participants: [{}] })).toEqual(["/participants/0/identity is required"]);
    expect(messages({ status: "running", resultInfo: { code: "412" } })).toEqual(['/resultInfo/code must be an integer (got "412")']);
    expect(messages({ status: "running", resultInfo: { code: 2147483648 } })).toEqual(["/resultInfo/code must be at most 2147483647 (got 2147483648)"]);
    expect(messages({ status: "running", resultInfo: 7 })).toEqual(["/resultInfo must be an object or null (got 7)"]);
    expect(messages({ status: "running", clientContext: {} })).toEqual(["/clientContext must be null or a string (got an object)"]);
    expect(messages([])).toEqual(["The value must be an object (got an array of 0 items)"]);
    expect(messages({ status: "running", participants: [{ identity: {}, replaceCallId: "x" }] }, strict)).toEqual([
      '/participants/0/replaceCallId is not a declared property of invitationParticipantInfo; did you mean "replacesCallId"? (strict mode rejects undeclared properties)',
    ]);
    expect(tolerant.validateInviteParticipantsRequest({ participants: [] }).errors[0]!.message).toBe("/participants must have at least 1 item (got an array of 0 items)");
    expect(tolerant.validateInviteParticipantsRequest({ participants: [{ identity: { user: { id: "u1" } } }], clientContext: "x".repeat(300) }).errors[0]!.message).toBe(
      `/clientContext must be at most 256 characters long (got a string of 300 characters, "${"x".repeat(40)}"…)`,
    );
  });

  it("names the type a label meant only for a label a message quotes whole (60 characters): no more of a payload", () => {
    const capital = (rest: string) => tolerant.validateIdentitySet({ "@odata.type": `microsoft.graph.A${rest}IdentitySet` }, { allErrors: true }).errors;
    const messages = (rest: string) =>
      capital(rest)
        .map((issue) => issue.message)
        .join("\n");
    expect(messages("b")).toContain('did you mean "microsoft.graph.abIdentitySet"?');
    // 60 characters, then 61.
    expect(messages("b".repeat(32))).toContain(`did you mean "microsoft.graph.a${"b".repeat(32)}IdentitySet"?`);
    expect(messages("b".repeat(33))).not.toContain("did you mean");
    const long = capital("b".repeat(100_000));
    expect(long.map((issue) => issue.keyword)).toEqual(["maxLength", "pattern"]);
    for (const issue of long) {
      expect(issue.message).not.toContain("did you mean");
      expect(issue.message.length).toBeLessThan(600);
    }
  });

  it("words each keyword's issue as written here, not as the package's message code writes it", () => {
    // Literal text, so that a change of wording is a change of this test (the oracle's messages are the package's own).
    const first = (result: { errors: readonly { keyword: string; message: string }[] }) => [result.errors[0]!.keyword, result.errors[0]!.message];
    const id = { user: { id: "u1" } };
    const subtype = (property: unknown) => tolerant.validateIdentity({ "@odata.type": "#microsoft.graph.teamworkUserIdentity", userIdentityType: property });
    const person = { participants: [{ identity: { user: { "@odata.type": "#microsoft.graph.person", id: "u" } } }] };
    const cases: [unknown, string][] = [
      [
        first(tolerant.validateInviteParticipantsOperation({ status: "String" })),
        'enum: /status must be one of "completed", "failed", "notStarted", "running", "Completed", "Failed", "NotStarted", "Running" (got "String")',
      ],
      [first(subtype(42)), "type: /userIdentityType must be a string or null (got 42), as teamworkUserIdentity declares it"],
      [
        first(subtype("robot")),
        'enum: /userIdentityType must be one of null, "aadUser", "onPremiseAadUser", "anonymousGuest", "federatedUser", "personalMicrosoftAccountUser", "skypeUser", "phoneUser", "unknownFutureValue", "emailUser", "azureCommunicationServicesUser" (got "robot"), as teamworkUserIdentity declares it',
      ],
      [
        first(strict.validateInviteParticipantsRequest(person)),
        'enum: /participants/0/identity/user/@odata.type must name one of the 27 types Graph\'s metadata allows here, such as "#microsoft.graph.identity" (see params.allowedValues; got "#microsoft.graph.person")',
      ],
      [
        first(tolerant.validateInviteParticipantsRequest(person)),
        'pattern: /participants/0/identity/user/@odata.type must name a type allowed here, "#microsoft.graph.<name>" with or without "#", matching ^#?microsoft\\.graph\\.(?:[a-z][A-Za-z0-9_.]*Identity|identity|initiator|programResource|provisioningServicePrincipal|provisioningSystem)$ (got "#microsoft.graph.person")',
      ],
      // A label that looks like a typo of a type Graph's metadata has (rule 15: a lower-case letter first).
      [
        first(strict.validateIdentitySet({ "@odata.type": "microsoft.graph.AiInteractionMentionedIdentitySet" })),
        'enum: /@odata.type must name one of the 9 types Graph\'s metadata allows here; did you mean "microsoft.graph.aiInteractionMentionedIdentitySet"? (see params.allowedValues; got "microsoft.graph.AiInteractionMentionedIdentitySet")',
      ],
      [
        first(strict.validateIdentitySet({ "@odata.type": "#microsoft.graph.comunicationsIdentitySet" })),
        'enum: /@odata.type must name one of the 9 types Graph\'s metadata allows here; did you mean "#microsoft.graph.communicationsIdentitySet"? (see params.allowedValues; got "#microsoft.graph.comunicationsIdentitySet")',
      ],
      [
        first(tolerant.validateIdentitySet({ "@odata.type": "microsoft.graph.AiInteractionMentionedIdentitySet" })),
        'pattern: /@odata.type must name a type allowed here, "#microsoft.graph.<name>" with or without "#", matching ^#?microsoft\\.graph\\.(?:[a-z][A-Za-z0-9_.]*IdentitySet|identitySet)$ (got "microsoft.graph.AiInteractionMentionedIdentitySet"); did you mean "microsoft.graph.aiInteractionMentionedIdentitySet"?',
      ],
      [first(tolerant.validateCommsNotification({ changeType: "deleted" })), "required: /resourceUrl is required (or resource in its place)"],
      [
        first(strict.validateInviteParticipantsRequest({ participants: [{ identity: id, zzzzzzzz: 1 }] })),
        "additionalProperties: /participants/0/zzzzzzzz is not a declared property of invitationParticipantInfo, which declares @odata.type, identity, replacesCallId, participantId, hidden, removeFromDefaultAudioRoutingGroup, endpointType, region, languageId (strict mode rejects undeclared properties)",
      ],
      [
        first(tolerant.validateInviteParticipantsRequest({ participants: [{ identity: {} }] })),
        'anyOf: /participants/0/identity must name someone: at least one of application, device, user, applicationInstance, assertedIdentity, azureCommunicationServicesUser, encrypted, guest, onPremises, phone must be an identity with a non-empty "id"',
      ],
      [
        first(tolerant.validateInviteParticipantsOperation({ status: "running", resultInfo: { code: -2147483649 } })),
        "minimum: /resultInfo/code must be at least -2147483648 (got -2147483649)",
      ],
      [
        first(tolerant.validateInviteParticipantsRequest({ participants: Array.from({ length: 6 }, () => ({ identity: id })) })),
        "maxItems: /participants must have at most 5 items (got an array of 6 items)",
      ],
    ];
    for (const [[keyword, message], expected] of cases as [[string, string], string][]) expect(`${keyword}: ${message}`).toBe(expected);
    const [long] = strict.validateInviteParticipantsRequest({ participants: [{ identity: id, ["a".repeat(1025)]: 1 }] }).errors;
    expect(long?.keyword).toBe("propertyNames");
    expect(long?.message).toMatch(/^\/participants\/0\/a{100,}… has a name longer than the 1024 characters a property name may have$/);
  });

  it("gives each issue its keyword and params", () => {
    const [issue] = tolerant.validateInviteParticipantsOperation({ status: "String" }).errors;
    expect(issue).toMatchObject({ path: "/status", keyword: "enum" });
    // The keyword narrows the params' type: no cast.
    if (issue?.keyword !== "enum") throw new Error("not an enum issue");
    expect(issue.params.allowedValues).toEqual(expect.arrayContaining(["running", "Running"]));
  });

  it("never changes the input", () => {
    for (const example of examples) {
      const before = JSON.stringify(example.data);
      const frozen = structuredClone(example.data);
      for (const api of [tolerant, strict]) {
        api.validators[example.type].validate(example.data, { allErrors: true });
        api.validators[example.type].validate(Object.freeze(frozen));
      }
      expect(JSON.stringify(example.data)).toBe(before);
    }
  });

  it("judges an object by the names for…in visits, as JSON text would carry them, in every path", () => {
    // A class's getter and a non-enumerable property are not sent by JSON.stringify, and are not read here.
    class Operation {
      get status() {
        return "running";
      }
    }
    const hidden = (name: string, value: unknown) => Object.defineProperty(operation(), name, { value, enumerable: false });
    for (const mode of MODES) {
      const validate = api[mode].validators.InviteParticipantsOperation.validate;
      expect(validate(hidden("clientContext", 5)).valid).toBe(true);
      for (const value of [new Operation(), hidden("status", "running")]) {
        expect(validate(value).errors).toMatchObject([{ path: "/status", keyword: "required" }]);
        expect(validate(value, { allErrors: true }).errors).toMatchObject([{ path: "/status", keyword: "required" }]);
        expect(api[mode].validators.InviteParticipantsOperation.is(value)).toBe(false);
      }
      // What it inherits where for…in visits it is read (an object made with Object.create, say).
      const inherited = Object.create(operation()) as object;
      expect(validate(inherited).valid).toBe(true);
      expect(validate(Object.create({ ...operation(), clientContext: 5 })).errors).toMatchObject([{ path: "/clientContext", keyword: "type" }]);
    }
  });

  it("explains a value as it is now, when it changed since it was last explained", () => {
    for (const mode of MODES) {
      const validate = api[mode].validators.InviteParticipantsOperation.validate;
      const value: Record<string, unknown> = { ...operation(), clientContext: 5 };
      expect(validate(value).errors).toMatchObject([{ path: "/clientContext", keyword: "type" }]);
      value.clientContext = "c";
      value.resultInfo = { code: "x" };
      expect(validate(value).errors).toMatchObject([{ path: "/resultInfo/code" }]);
      const identity = (value.participants as { identity: Record<string, unknown> }[])[0]!.identity;
      identity.phone = { id: 5 };
      // The participants' items after the operation's other names.
      expect(validate(value, { allErrors: true }).errors.map((issue) => issue.path)).toEqual(["/resultInfo/code", "/participants/0/identity/phone/id"]);
    }
  });

  it("never throws, whatever the value", () => {
    const revoked = Proxy.revocable({}, {});
    revoked.revoke();
    const throwing = Object.defineProperty({}, "status", {
      enumerable: true,
      get() {
        throw new Error("boom");
      },
    });
    const cyclic: Record<string, unknown> = { status: "running" };
    cyclic.self = cyclic;
    const values = [undefined, null, 0, -0, NaN, 10n, Symbol("s"), () => 1, "x", [], revoked.proxy, throwing, cyclic, new Date(), new Map(), Object.create(null)];
    for (const value of values) {
      for (const api of [tolerant, strict]) {
        for (const { name } of TYPES) {
          expect(() => api.validators[name].validate(value, { allErrors: true })).not.toThrow();
          expect(() => api.validators[name].is(value)).not.toThrow();
        }
      }
    }
    expect(tolerant.validateInviteParticipantsOperation(throwing).errors[0]).toMatchObject({ path: "", keyword: "exception", message: "The value could not be read: boom" });
    // Hostile values inside a payload, and hostile things thrown.
    const throwsHostile = new Proxy(
      { status: "running" },
      {
        get() {
          throw new Proxy(
            {},
            {
              getPrototypeOf() {
                throw new Error("again");
              },
            },
          );
        },
      },
    );
    expect(tolerant.validateInviteParticipantsOperation(throwsHostile).errors[0]).toMatchObject({
      keyword: "exception",
      message: "The value could not be read: an exception was thrown",
    });
    expect(tolerant.validateInviteParticipantsOperation({ status: revoked.proxy }).errors[0]).toMatchObject({
      path: "/status",
      message: expect.stringContaining("got a value that could not be read"),
    });
    expect(tolerant.validateInviteParticipantsOperation(cyclic).valid).toBe(true);
    expect(strict.validateInviteParticipantsOperation(cyclic).errors[0]!.path).toBe("/self");
  });
});

describe("the order of the issues", () => {
  // An object's names are checked as the value holds them, its arrays' items after the rest (README, `validateT`):
  // the first issue is the first the walk meets, whatever order the schema lists the properties in, and all-errors
  // mode lists them in that order.
  const participants = [{ identity: { user: { id: "u" } } }, { identity: 5 }];
  it.each(MODES)("%s mode: a wrong status is the first issue, before the participants' or after them; a wrong id before a wrong status", (mode) => {
    const validate = api[mode].validateInviteParticipantsOperation;
    const statusFirst = { status: "String", participants };
    const statusLast = { participants, status: "String" };
    for (const value of [statusFirst, statusLast]) {
      expect(validate(value).errors.map((issue) => issue.path)).toEqual(["/status"]);
      expect(validate(value, { allErrors: true }).errors.map((issue) => issue.path)).toEqual(["/status", "/participants/1/identity"]);
    }
    // Names that are not arrays, in the value's order; a required name missing before the arrays' items.
    expect(validate({ participants, id: 5, status: "String" }, { allErrors: true }).errors.map((issue) => issue.path)).toEqual(["/id", "/status", "/participants/1/identity"]);
    expect(validate({ participants, id: 5 }, { allErrors: true }).errors.map((issue) => issue.path)).toEqual(["/id", "/status", "/participants/1/identity"]);
  });
});

describe("isT, assertT, parseT", () => {
  it("agree with validateT", () => {
    const good = operation();
    const bad = { status: "String" };
    expect(tolerant.isInviteParticipantsOperation(good)).toBe(true);
    expect(tolerant.isInviteParticipantsOperation(bad)).toBe(false);
    expect(() => tolerant.assertInviteParticipantsOperation(good)).not.toThrow();
    expect(() => tolerant.assertInviteParticipantsOperation(bad)).toThrow(ValidationError);
    expect(tolerant.parseJsonInviteParticipantsOperation(JSON.stringify(good))).toEqual(good);
    expect(tolerant.parseJsonInviteParticipantsOperation(new TextEncoder().encode(JSON.stringify(good)))).toEqual(good);
    expect(() => tolerant.parseJsonInviteParticipantsOperation(JSON.stringify(bad))).toThrow(/Invalid InviteParticipantsOperation: \/status must be one of/);
  });

  it("assertT throws a ValidationError carrying every issue", () => {
    try {
      strict.assertIdentity({ id: 1 });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as InstanceType<typeof ValidationError>).errors).toHaveLength(1);
      expect((error as Error).message).toBe("Invalid Identity: /id must be null or a string (got 1)");
    }
  });

  it.each([
    ['{\n  "status": "running",\n  "participants": [}', 3, 20, "Unexpected token '}'"],
    ['{"status": tru}', 1, 15, "Unexpected token '}'"],
    ['{"status": "running",}', 1, 22, "Expected double-quoted property name"],
    ["", 1, 1, "Unexpected end of input"],
    ['{"a":\n1\n', 3, 1, "Expected ',' or '}' after property value"],
    ['"abc', 1, 5, "Unterminated string"],
    ['{"status": "running"} x', 1, 23, "Unexpected non-whitespace character after JSON"],
    ['\uFEFF{"a" 1}', 1, 7, "Expected ':' after property name"],
  ])("parseT of bad JSON %j reports line %i, column %i", (text, line, column, reason) => {
    try {
      tolerant.parseJsonInviteParticipantsOperation(text);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ValidationError);
      const [issue] = (error as InstanceType<typeof ValidationError>).errors;
      expect(issue).toMatchObject({ path: "", keyword: "json", params: { line, column } });
      expect(issue!.message).toBe(`Invalid JSON at line ${line}, column ${column}: ${reason}`);
    }
  });

  it("parseT of a BOM-prefixed text is fine", () => {
    expect(tolerant.parseJsonIdentity('\uFEFF{"id": "x"}')).toEqual({ id: "x" });
  });
});

describe("the validators record", () => {
  it.each(TYPES.map(({ name }) => name))("%s has validate, is, assert, parse, parseJson, schema and ~standard in both modes", (name) => {
    for (const [mode, api] of [
      ["tolerant", tolerant],
      ["strict", strict],
    ] as const) {
      const validator = api.validators[name];
      expect(validator.name).toBe(name);
      expect(validator.mode).toBe(mode);
      expect(validator.validate).toBe((api as Record<string, unknown>)[`validate${name}`]);
      expect(validator.is).toBe((api as Record<string, unknown>)[`is${name}`]);
      expect(validator.assert).toBe((api as Record<string, unknown>)[`assert${name}`]);
      expect(validator.parse).toBe((api as Record<string, unknown>)[`parse${name}`]);
      expect(validator.parseJson).toBe((api as Record<string, unknown>)[`parseJson${name}`]);
      expect(validator.schema.$id).toMatch(mode === "strict" ? /\/schemas\/strict\// : /\/schemas\/[a-zA-Z]+\.schema\.json$/);
      expect(validator["~standard"]).toMatchObject({ version: 1, vendor: "graph-invite-participants" });
    }
  });

  it("gives each type's Standard Schema alone (standardT), with the verdict and issues of validateT", () => {
    for (const api of [tolerant, strict]) {
      for (const { name } of TYPES) {
        const standard = (api as unknown as Record<string, { "~standard": { version: number; vendor: string; validate: (value: unknown) => unknown } }>)[`standard${name}`]!;
        expect(standard["~standard"]).toMatchObject({ version: 1, vendor: "graph-invite-participants" });
        expect(Object.isFrozen(standard) && Object.isFrozen(standard["~standard"])).toBe(true);
        expect(standard["~standard"].validate(5)).toEqual(api.validators[name]["~standard"].validate(5));
      }
    }
    const result = strict.standardInviteParticipantsRequest["~standard"].validate({ participants: [{ identity: { user: { id: "u" } } }], extra: 1 });
    expect(result).toEqual({
      issues: [
        {
          message: "Not a declared property of inviteParticipantsRequest, which declares participants, clientContext (strict mode rejects undeclared properties)",
          path: ["extra"],
        },
      ],
    });
    expect(strict.standardInviteParticipantsRequest["~standard"].validate({})).toEqual({ issues: [{ message: "Required", path: ["participants"] }] });
  });

  it("implements Standard Schema v1", async () => {
    const standard = strict.validators.InviteParticipantsOperation["~standard"];
    const good = operation();
    expect(await standard.validate(good)).toEqual({ value: good });
    // The path is its own field; the message does not repeat it (Hono and tRPC print both).
    expect(await standard.validate({ status: "running", participants: [{ identity: {}, "a/b": 1 }] })).toEqual({
      issues: [
        {
          message:
            "Not a declared property of invitationParticipantInfo, which declares @odata.type, identity, replacesCallId, participantId, hidden, removeFromDefaultAudioRoutingGroup, endpointType, region, languageId (strict mode rejects undeclared properties)",
          path: ["participants", 0, "a/b"],
        },
      ],
    });
    expect(await standard.validate(5)).toEqual({ issues: [{ message: "Must be an object (got 5)", path: [] }] });
    // Made on first read, then the same frozen object, listed among the validator's own properties.
    expect(strict.validators.InviteParticipantsOperation["~standard"]).toBe(standard);
    expect(Object.isFrozen(standard) && Object.isFrozen(standard.jsonSchema)).toBe(true);
    expect(Object.keys(strict.validators.InviteParticipantsOperation)).toContain("~standard");
  });

  it("implements Standard JSON Schema v1 for draft-07 and draft-2020-12, and says which targets it has", () => {
    const standard = strict.validators.InviteParticipantsRequest["~standard"];
    const draft07 = standard.jsonSchema.input({ target: "draft-07" });
    expect(draft07).toEqual(strict.validators.InviteParticipantsRequest.schema);
    expect(draft07).not.toBe(strict.validators.InviteParticipantsRequest.schema);
    expect(standard.jsonSchema.output({ target: "draft-07" })).toEqual(draft07);
    const draft2020 = standard.jsonSchema.input({ target: "draft-2020-12" });
    expect(draft2020.$schema).toBe("https://json-schema.org/draft/2020-12/schema");
    expect(draft2020.definitions).toBeUndefined();
    expect(Object.keys(draft2020.$defs as object)).toEqual(Object.keys(draft07.definitions as object));
    expect(JSON.stringify(draft2020)).not.toContain("#/definitions/");
    // The draft-2020-12 form has the same rules: Ajv's 2020-12 validator reaches the package's verdicts.
    for (const mode of MODES) {
      for (const { name } of TYPES) {
        const validate = new Ajv2020({ strict: false, inlineRefs: false }).compile(api[mode].validators[name]["~standard"].jsonSchema.output({ target: "draft-2020-12" }));
        for (const p of payloads().filter((p) => p.type === name)) expect(validate(p.data), p.label).toBe(api[mode].validators[name].is(p.data));
      }
    }
    expect(() => standard.jsonSchema.input({ target: "openapi-3.0" })).toThrow('gives JSON Schema for the targets "draft-07" and "draft-2020-12", not "openapi-3.0"');
  });
});

describe("normalizeOperationStatus", () => {
  it.each([
    ["NotStarted", "notStarted"],
    ["notStarted", "notStarted"],
    ["Running", "running"],
    ["running", "running"],
    ["Completed", "completed"],
    ["completed", "completed"],
    ["Failed", "failed"],
    ["failed", "failed"],
  ] as const)("%s → %s", (input, output) => {
    expect(normalizeOperationStatus(input)).toBe(output);
  });

  it.each(["String", "RUNNING", "unknownFutureValue", "toString", "__proto__", null, 1])("%s → undefined", (input) => {
    expect(normalizeOperationStatus(input)).toBeUndefined();
  });
});

describe("withPascalCaseStatus", () => {
  it.each([
    ["notStarted", "NotStarted"],
    ["Running", "Running"],
    ["completed", "Completed"],
    ["Failed", "Failed"],
  ] as const)("%s → %s, in a copy", (status, pascal) => {
    const operation = Object.freeze({ status, id: null, participants: [] });
    const converted = tolerant.withPascalCaseStatus(operation);
    expect(converted).toEqual({ status: pascal, id: null, participants: [] });
    expect(converted).not.toBe(operation);
    expect(operation.status).toBe(status);
    expect(tolerant.isInviteParticipantsOperation(converted)).toBe(true);
  });
});

describe("inviteRequestWarnings", () => {
  const participant = (extra: object = {}) => ({ identity: { user: { id: "u" } }, ...extra });

  it("has nothing to say about one participant", () => {
    expect(inviteRequestWarnings({ participants: [participant({ replacesCallId: "c" })] })).toEqual([]);
  });

  it("warns that several participants work only in group calls", () => {
    expect(inviteRequestWarnings({ participants: [participant(), participant()] })).toEqual([
      { path: "/participants", rule: "groupCallOnly", message: expect.stringContaining("group calls") },
    ]);
  });

  it.each(["replacesCallId", "participantId"])("warns that only the first participant is used when one carries %s", (property) => {
    const warnings = inviteRequestWarnings({ participants: [participant(), participant({ [property]: "x" }), participant()] });
    expect(warnings.filter((w) => w.rule === "onlyFirstParticipantMoved").map((w) => w.path)).toEqual(["/participants/1", "/participants/2"]);
  });

  it("ignores null replacesCallId and participantId", () => {
    const warnings = inviteRequestWarnings({ participants: [participant({ replacesCallId: null }), participant({ participantId: null })] });
    expect(warnings.map((w) => w.rule)).toEqual(["groupCallOnly"]);
  });

  it("does not throw on values that are not requests", () => {
    for (const value of [null, undefined, 5, {}, { participants: 5 }, { participants: [null, 5] }]) {
      expect(() => inviteRequestWarnings(value as never)).not.toThrow();
    }
  });
});

describe("messages, word for word", () => {
  // Each keyword's sentence as a person reads it, written out here rather than by the package's message code.
  const x = "x";
  const cases: [string, () => { errors: { message: string; keyword: string }[] }, string][] = [
    ["type", () => tolerant.validateIdentity({ id: 5 }), "/id must be null or a string (got 5)"],
    [
      "enum",
      () => tolerant.validateInviteParticipantsOperation({ status: "String" }),
      '/status must be one of "completed", "failed", "notStarted", "running", "Completed", "Failed", "NotStarted", "Running" (got "String")',
    ],
    ["required", () => tolerant.validateInviteParticipantsOperation({}), "/status is required"],
    ["required", () => tolerant.validateCommsNotification({ changeType: "updated" }), "/resourceUrl is required (or resource in its place)"],
    [
      "additionalProperties",
      () => strict.validateResultInfo({ code: 1, extra: 1 }),
      "/extra is not a declared property of resultInfo, which declares @odata.type, code, subcode, message (strict mode rejects undeclared properties)",
    ],
    [
      "additionalProperties",
      () => strict.validateInvitationParticipantInfo({ identity: { user: { id: x } }, replaceCallId: "y" }),
      '/replaceCallId is not a declared property of invitationParticipantInfo; did you mean "replacesCallId"? (strict mode rejects undeclared properties)',
    ],
    [
      "anyOf",
      () => tolerant.validateInviteParticipantsRequest({ participants: [{ identity: {} }] }),
      '/participants/0/identity must name someone: at least one of application, device, user, applicationInstance, assertedIdentity, azureCommunicationServicesUser, encrypted, guest, onPremises, phone must be an identity with a non-empty "id"',
    ],
    ["minItems", () => tolerant.validateInviteParticipantsRequest({ participants: [] }), "/participants must have at least 1 item (got an array of 0 items)"],
    [
      "maxItems",
      () => tolerant.validateInviteParticipantsRequest({ participants: Array.from({ length: 6 }, () => ({ identity: { user: { id: x } } })) }),
      "/participants must have at most 5 items (got an array of 6 items)",
    ],
    [
      "maxLength",
      () => tolerant.validateCommsOperation({ status: "running", "@odata.type": "#microsoft.graph.".padEnd(300, x) }),
      `/@odata.type must be at most 256 characters long (got a string of 300 characters, "#microsoft.graph.${x.repeat(23)}"…)`,
    ],
    ["maximum", () => tolerant.validateResultInfo({ code: 2 ** 31 }), "/code must be at most 2147483647 (got 2147483648)"],
    ["minimum", () => tolerant.validateResultInfo({ code: -(2 ** 31) - 1 }), "/code must be at least -2147483648 (got -2147483649)"],
    ["propertyNames", () => strict.validateResultInfo({ [x.repeat(1025)]: 1 }), `/${x.repeat(199)}… has a name longer than the 1024 characters a property name may have`],
    [
      "type",
      () => tolerant.validateIdentity({ "@odata.type": "#microsoft.graph.teamworkUserIdentity", userIdentityType: 42 }),
      "/userIdentityType must be a string or null (got 42), as teamworkUserIdentity declares it",
    ],
  ];
  it.each(cases)("%s: %#", (keyword, run, message) => {
    const [issue] = run().errors;
    expect(issue).toMatchObject({ keyword, message });
  });
});
