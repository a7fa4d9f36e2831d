// Type-level tests: checked by `npm run typecheck` (tsc), which runs first in `npm test`. Each line below
// an expect-error directive must fail to compile: if it starts to compile, the typecheck fails.
import type * as Graph from "@microsoft/microsoft-graph-types";
import type { StandardJSONSchemaV1 as PublishedJSONSchema, StandardSchemaV1 as PublishedSchema } from "@standard-schema/spec";
import { describe, expectTypeOf, it } from "vitest";
import {
  assertInviteParticipantsOperation,
  isIdentitySet,
  isInviteParticipantsOperation,
  normalizeOperationStatus,
  parseInviteParticipantsRequest,
  type withPascalCaseStatus,
  validateInviteParticipantsOperation,
  validators,
  type CommsOperation,
  type Identity,
  type IdentitySet,
  type InvitationParticipantInfo,
  type InviteParticipantsOperation,
  type InvitePostRequestBody,
  type ResultInfo,
  type InviteParticipantsRequest,
  type NormalizedOperationStatus,
  type OperationStatus,
  type StandardSchemaV1,
  type ValidationIssue,
} from "../src/index.js";
import * as strict from "../src/strict.js";

describe("types", () => {
  it("guards narrow unknown values", () => {
    const value: unknown = JSON.parse('{"status":"running"}');
    if (isInviteParticipantsOperation(value)) {
      expectTypeOf(value).toEqualTypeOf<InviteParticipantsOperation>();
      expectTypeOf(value.status).toEqualTypeOf<OperationStatus>();
    }
    if (strict.isIdentitySet(value)) expectTypeOf(value).toEqualTypeOf<IdentitySet>();
    if (isIdentitySet(value)) expectTypeOf(value.phone).toEqualTypeOf<IdentitySet["phone"]>();
  });

  it("assertions narrow", () => {
    const value: unknown = { status: "running" };
    assertInviteParticipantsOperation(value);
    expectTypeOf(value).toEqualTypeOf<InviteParticipantsOperation>();
  });

  it("results narrow on valid", () => {
    const result = validateInviteParticipantsOperation({});
    if (result.valid) expectTypeOf(result.value).toEqualTypeOf<InviteParticipantsOperation>();
    else expectTypeOf(result.errors).toEqualTypeOf<ValidationIssue[]>();
    expectTypeOf(parseInviteParticipantsRequest).returns.toEqualTypeOf<InviteParticipantsRequest>();
  });

  it("validators are Standard Schemas with the right output", () => {
    expectTypeOf(validators.InviteParticipantsOperation).toExtend<StandardSchemaV1<InviteParticipantsOperation, InviteParticipantsOperation>>();
    // The published spec's own types, not only the copy in src/.
    expectTypeOf(validators.InviteParticipantsOperation).toExtend<PublishedSchema<InviteParticipantsOperation, InviteParticipantsOperation>>();
    expectTypeOf(strict.validators.InviteParticipantsRequest).toExtend<PublishedJSONSchema<InviteParticipantsRequest, InviteParticipantsRequest>>();
    expectTypeOf<PublishedSchema.InferOutput<typeof validators.Identity>>().toEqualTypeOf<Identity>();
    expectTypeOf(validators.Identity.parse).returns.toEqualTypeOf<Identity>();
    expectTypeOf(normalizeOperationStatus("Running")).toEqualTypeOf<NormalizedOperationStatus>();
    expectTypeOf(normalizeOperationStatus("anything" as unknown)).toEqualTypeOf<NormalizedOperationStatus | undefined>();
  });

  it("wrongly typed properties do not compile", () => {
    // @ts-expect-error: status is an operationStatus, not any string
    const badStatus: InviteParticipantsOperation = { status: "String" };
    // @ts-expect-error: code is a number
    const badCode: InviteParticipantsOperation = { status: "running", resultInfo: { code: "412" } };
    // @ts-expect-error: identity is required on a participant
    const noIdentity: InviteParticipantsRequest = { participants: [{ replacesCallId: "x" }] };
    // @ts-expect-error: participants is required on the request
    const noParticipants: InviteParticipantsRequest = { clientContext: "c" };
    // @ts-expect-error: participants is never null
    const nullParticipants: InviteParticipantsOperation = { status: "running", participants: null };
    // @ts-expect-error: @odata.type names the type
    const wrongODataType: InviteParticipantsOperation = { "@odata.type": "#microsoft.graph.call", status: "running" };
    const fine: InviteParticipantsOperation = { "@odata.type": "microsoft.graph.inviteParticipantsOperation", status: "Completed", id: null, resultInfo: null };
    expectTypeOf([badStatus, badCode, noIdentity, noParticipants, nullParticipants, wrongODataType, fine]).toBeArray();
  });
});

// Users of Graph's SDKs hold @microsoft/microsoft-graph-types objects: which way each type is assignable,
// and why not where it is not.
type Assignable<From, To> = [From] extends [To] ? true : false;

describe("interoperating with @microsoft/microsoft-graph-types", () => {
  it("Graph's typings → this package", () => {
    expectTypeOf<Assignable<Graph.Identity, Identity>>().toEqualTypeOf<true>();
    expectTypeOf<Assignable<Graph.IdentitySet, IdentitySet>>().toEqualTypeOf<true>();
    expectTypeOf<Assignable<Graph.CommunicationsIdentitySet, IdentitySet>>().toEqualTypeOf<true>();
    expectTypeOf<Assignable<Graph.ResultInfo, ResultInfo>>().toEqualTypeOf<true>();
    // Graph's typings make `status` optional; a commsOperation without one is invalid here.
    expectTypeOf<Assignable<Graph.CommsOperation, CommsOperation>>().toEqualTypeOf<false>();
    expectTypeOf<Assignable<Graph.InviteParticipantsOperation, InviteParticipantsOperation>>().toEqualTypeOf<false>();
    // Graph's typings make a participant's `identity` optional; it is required here.
    expectTypeOf<Assignable<Graph.InvitationParticipantInfo, InvitationParticipantInfo>>().toEqualTypeOf<false>();
    expectTypeOf<Assignable<Graph.InvitationParticipantInfo & { identity: Graph.IdentitySet }, InvitationParticipantInfo>>().toEqualTypeOf<true>();
  });

  it("this package → Graph's typings", () => {
    expectTypeOf<Assignable<Identity, Graph.Identity>>().toEqualTypeOf<true>();
    expectTypeOf<Assignable<IdentitySet, Graph.IdentitySet>>().toEqualTypeOf<true>();
    expectTypeOf<Assignable<ResultInfo, Graph.ResultInfo>>().toEqualTypeOf<true>();
    expectTypeOf<Assignable<InvitationParticipantInfo, Graph.InvitationParticipantInfo>>().toEqualTypeOf<true>();
    // Two differences keep an operation from passing as is: `id` may be null here (notifications send it),
    // and both status spellings are valid here while Graph's typings spell it in PascalCase only.
    expectTypeOf<Assignable<InviteParticipantsOperation, Graph.InviteParticipantsOperation>>().toEqualTypeOf<false>();
    expectTypeOf<Assignable<Omit<InviteParticipantsOperation, "id"> & { id?: string }, Graph.InviteParticipantsOperation>>().toEqualTypeOf<false>();
    expectTypeOf<
      Assignable<Omit<InviteParticipantsOperation, "id" | "status"> & { id?: string; status: Graph.OperationStatus }, Graph.InviteParticipantsOperation>
    >().toEqualTypeOf<true>();
    expectTypeOf<Assignable<OperationStatus, Graph.OperationStatus>>().toEqualTypeOf<false>();
    expectTypeOf<Assignable<Graph.OperationStatus, OperationStatus>>().toEqualTypeOf<true>();
    // withPascalCaseStatus gives the status Graph's typings take: with `id` as they have it, the operation passes.
    type Respelled = ReturnType<typeof withPascalCaseStatus<InviteParticipantsOperation>>;
    expectTypeOf<Assignable<Omit<Respelled, "id"> & { id?: string }, Graph.InviteParticipantsOperation>>().toEqualTypeOf<true>();
  });

  it("InvitePostRequestBody is an alias of the request type", () => {
    expectTypeOf<InvitePostRequestBody>().toEqualTypeOf<InviteParticipantsRequest>();
  });
});
