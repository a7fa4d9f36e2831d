// A bot project's test, as most are written: CommonJS, Jest.
const { isInviteParticipantsOperation, parseJsonIdentity, validateInviteParticipantsOperation, ValidationError } = require("graph-invite-participants");
const strict = require("graph-invite-participants/strict");

test("validates an operation", () => {
  expect(isInviteParticipantsOperation({ status: "Running", participants: [{ identity: { phone: { id: "+12345678901" } } }] })).toBe(true);
  expect(validateInviteParticipantsOperation({ status: "String" }).errors[0].path).toBe("/status");
});

test("rejects a misspelled request property in strict mode", () => {
  const result = strict.validateInviteParticipantsRequest({ participants: [{ replaceCallId: "x", identity: { user: { id: "u" } } }] });
  expect(result.errors.map((e) => e.path)).toEqual(["/participants/0/replaceCallId"]);
});

test("throws one ValidationError class for both entry points", () => {
  expect(() => parseJsonIdentity("{")).toThrow(ValidationError);
  expect(() => strict.parseJsonIdentity("{")).toThrow(ValidationError);
  expect(() => strict.parseIdentity({ id: 5 })).toThrow(strict.ValidationError);
});
