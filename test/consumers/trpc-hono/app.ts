// A tRPC router and a Hono app that take the package's validators as they are, with no wrapper.
// test/consumers.test.ts compiles this file with tsc (the inferred types are part of the test) and runs it;
// it prints what each library answered, as JSON.
import { sValidator } from "@hono/standard-validator";
import { initTRPC, type TRPCError } from "@trpc/server";
import { Hono } from "hono";
import { ValidationError, validators } from "graph-invite-participants/strict";

const t = initTRPC.create();
const router = t.router({
  invite: t.procedure.input(validators.InviteParticipantsRequest).mutation(({ input }) => {
    // @ts-expect-error: the input is typed as an InviteParticipantsRequest
    void input.participant;
    return { invited: input.participants.length, first: input.participants[0]?.identity.user?.id };
  }),
});
const caller = t.createCallerFactory(router)({});

const app = new Hono().post("/invite", sValidator("json", validators.InviteParticipantsRequest), (c) => {
  const body = c.req.valid("json");
  return c.json({ invited: body.participants.length });
});

const valid = { participants: [{ identity: { user: { id: "278405a3-f568-4b3e-b684-009193463064" } } }] };
const invalid = { participants: [{ replaceCallId: "x", identity: { user: { id: "u" } } }] };

async function trpc(input: unknown) {
  try {
    return { ok: await caller.invite(input as never) };
  } catch (error) {
    const trpcError = error as TRPCError;
    const cause = trpcError.cause;
    return {
      code: trpcError.code,
      causeIsValidationError: cause instanceof ValidationError,
      issues: cause instanceof ValidationError ? cause.errors.map(({ path, message }) => ({ path, message })) : [],
    };
  }
}

async function hono(body: unknown) {
  const response = await app.request("/invite", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  return { status: response.status, body: (await response.json()) as unknown };
}

console.log(JSON.stringify({ trpc: { valid: await trpc(valid), invalid: await trpc(invalid) }, hono: { valid: await hono(valid), invalid: await hono(invalid) } }));
