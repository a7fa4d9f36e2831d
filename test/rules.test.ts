import { describe, expect, it } from "vitest";
import { MODES, api, ruleCases, runtimeAjv } from "./support.js";

// Ajv's verdict is the same in its first-error and all-errors modes: compiled once, in the first.
const firstErrorAjv = runtimeAjv();

describe.each(MODES)("rules in %s mode", (mode) => {
  it.each(ruleCases)("$rule: $description", (testCase) => {
    const expected = testCase[mode];
    const validator = api[mode].validators[testCase.type];
    const result = validator.validate(testCase.data);
    if (expected === true) {
      expect(result.errors).toEqual([]);
      expect(result.valid).toBe(true);
    } else {
      expect(result.valid).toBe(false);
      expect(result.errors.map((e) => e.path)).toEqual([expected]);
      // Messages name the path (long property names are shortened in them).
      expect(result.errors[0]!.message).toContain(expected === "" ? "The value" : expected.slice(0, 200));
      // A wrong value of a subtype's own property names the subtype: the @odata.type is why it is checked.
      if (testCase.subtype !== undefined)
        expect(result.errors[0]!.message).toMatch(new RegExp(`, as (?:.* or )?${testCase.subtype.replace(/\./g, "\\.")}(?: or .*)? declares it$`));
      const all = validator.validate(testCase.data, { allErrors: true });
      expect(all.errors.map((e) => e.path)).toContain(expected);
    }
    // Two paths must agree: Ajv compiling the shipped schema file at run time gives the same verdict.
    expect(firstErrorAjv(mode, testCase.type, testCase.data)).toBe(result.valid);
    expect(validator.is(testCase.data)).toBe(result.valid);
  });
});

// Rule 12 on Graph's own payloads, from a page outside the corpus (which holds the calls and participants pages):
// a chat message's sender, as api-reference/v1.0/api/chatmessage-get.md shows it in
// microsoftgraph/microsoft-graph-docs-contrib at 93c68b726d5b5ebb22db2a04e60f3c99a05ab82b (documentation under
// CC BY 4.0, © Microsoft Corporation). Graph puts a tenantId on a teamworkUserIdentity, which its metadata does not
// declare there, and a chatMessageFromIdentitySet's conversation on an unlabelled set: what Graph sends is valid
// in tolerant mode, and strict mode, for what is sent to Graph, names what the metadata does not declare.
describe("rule 12 on a payload Graph sends", () => {
  const user = {
    "@odata.type": "#microsoft.graph.teamworkUserIdentity",
    id: "8ea0e38b-efb3-4757-924a-5f94061cf8c2",
    displayName: "Robin Kline",
    userIdentityType: "aadUser",
    tenantId: "e61ef81e-8bd8-476a-92e8-4a62f8426fca",
  };
  const from = { application: null, device: null, conversation: null, user };
  it.each([
    ["Identity", "/tenantId", user],
    ["IdentitySet", "/conversation", from],
  ] as const)("%s: valid in tolerant mode; strict mode reports %j", (type, strictPath, data) => {
    expect(api.tolerant.validators[type].validate(data).errors).toEqual([]);
    const strict = api.strict.validators[type].validate(data, { allErrors: true });
    expect(strict.errors.map((issue) => issue.path)).toContain(strictPath);
    if (type === "Identity") expect(strict.errors[0]!.message).toContain("not a declared property of teamworkUserIdentity");
    for (const mode of MODES) expect(firstErrorAjv(mode, type, data)).toBe(mode === "tolerant");
    // Its own property is checked as the subtype declares it, in both modes.
    const { tenantId: _tenantId, ...declared } = user;
    for (const mode of MODES) expect(api[mode].validators.Identity.validate({ ...declared, userIdentityType: "robot" }).errors[0]!.path).toBe("/userIdentityType");
  });
});

// Rule 14 on Graph's own payloads (microsoftgraph/microsoft-graph-docs-contrib, CC BY 4.0, © Microsoft Corporation):
// the chatMessageMentionedIdentitySet resource page's JSON (api-reference/v1.0/resources/chatmessagementionedidentityset.md),
// and the `mentioned` of example 7's response in api-reference/beta/api/chatmessage-post.md (a channel @mentioned), a
// value the metadata declares as a chatMessageMentionedIdentitySet (chatMention.mentioned), labelled so here: its
// `conversation` carries no label and is a teamworkConversationIdentity by its declaration.
describe("rule 14 on payloads Graph sends", () => {
  const page = {
    "@odata.type": "#microsoft.graph.chatMessageMentionedIdentitySet",
    user: { "@odata.type": "microsoft.graph.identity" },
    application: { "@odata.type": "microsoft.graph.identity" },
    device: { "@odata.type": "microsoft.graph.identity" },
    conversation: { "@odata.type": "microsoft.graph.teamworkConversationIdentity" },
  };
  const mentioned = {
    "@odata.type": "#microsoft.graph.chatMessageMentionedIdentitySet",
    application: null,
    device: null,
    user: null,
    tag: null,
    conversation: { id: "19:0b50940236084d258c97b21bd01917b0@thread.skype", displayName: "General", conversationIdentityType: "channel" },
  };
  it("accepts both in both modes, and refuses a conversationIdentityType the metadata does not list, in both", () => {
    for (const mode of MODES) {
      for (const data of [page, mentioned]) {
        expect(api[mode].validateIdentitySet(data).errors, mode).toEqual([]);
        expect(firstErrorAjv(mode, "IdentitySet", data), mode).toBe(true);
      }
      const wrong = { ...mentioned, conversation: { ...mentioned.conversation, conversationIdentityType: "thread" } };
      expect(api[mode].validateIdentitySet(wrong).errors[0]).toMatchObject({ path: "/conversation/conversationIdentityType", keyword: "enum" });
      expect(firstErrorAjv(mode, "IdentitySet", wrong), mode).toBe(false);
    }
  });
});

// The communications subtypes, whose own properties identity also declares (checked in the object's own loop and,
// in strict mode, closed by the names it noted): a town hall's creator and invited attendee, as
// api-reference/v1.0/api/virtualeventtownhall-update.md shows them in microsoftgraph/microsoft-graph-docs-contrib at
// 86eb8f11a1b88f91b827afa623f06e2660e3764f (CC BY 4.0, © Microsoft Corporation): a communicationsUserIdentity with
// its tenantId, labelled with and without `#`, valid in both modes. The same identity carrying a property identity
// declares but communicationsUserIdentity does not is refused in strict mode only, at that property.
describe("rule 12 on a communications subtype Graph sends", () => {
  const createdBy = {
    application: null,
    device: null,
    user: {
      "@odata.type": "#microsoft.graph.communicationsUserIdentity",
      id: "b7ef013a-c73c-4ec7-8ccb-e56290f45f68",
      displayName: "Diane Demoss",
      tenantId: "77229959-e479-4a73-b6e0-ddac27be315c",
    },
  };
  const invited = {
    "@odata.type": "microsoft.graph.communicationsUserIdentity",
    id: "127962bb-84e1-7b62-fd98-1c9d39def7b6",
    displayName: "Emilee Pham",
    tenantId: "77229959-e479-4a73-b6e0-ddac27be315c",
  };
  it.each([
    ["IdentitySet", createdBy],
    ["Identity", invited],
  ] as const)("%s: valid in both modes", (type, data) => {
    for (const mode of MODES) {
      expect(api[mode].validators[type].validate(data).errors).toEqual([]);
      expect(firstErrorAjv(mode, type, data)).toBe(true);
    }
  });
  it.each(["email", "hidden", "applicationType"])("with %s, which identity declares and communicationsUserIdentity does not: refused in strict mode", (name) => {
    const data = { ...invited, [name]: null };
    expect(api.tolerant.validateIdentity(data).errors).toEqual([]);
    expect(api.strict.validateIdentity(data).errors[0]!.path).toBe(`/${name}`);
    for (const mode of MODES) expect(firstErrorAjv(mode, "Identity", data)).toBe(mode === "tolerant");
  });
});

describe("modes", () => {
  it("anything strict mode accepts, tolerant mode accepts", () => {
    for (const testCase of ruleCases) {
      if (api.strict.validators[testCase.type].is(testCase.data)) expect(api.tolerant.validators[testCase.type].is(testCase.data), testCase.description).toBe(true);
    }
  });

  it("the cases cover every type, and valid and invalid verdicts in both modes", () => {
    const types = new Set(ruleCases.map((c) => c.type));
    expect([...types].sort()).toEqual(Object.keys(api.tolerant.validators).sort());
    for (const mode of MODES) {
      expect(ruleCases.some((c) => c[mode] === true)).toBe(true);
      expect(ruleCases.some((c) => c[mode] !== true)).toBe(true);
    }
  });
});
