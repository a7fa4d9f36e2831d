// The benchmark's payloads: inviteParticipantsOperation bodies as services receive them.

const user = (index: number) => ({
  "@odata.type": "#microsoft.graph.identity",
  id: `278405a3-f568-4b3e-b684-${String(index).padStart(12, "0")}`,
  displayName: `Participant ${index}`,
  tenantId: "aa67bd4c-8475-432d-bd41-39f255720e0a",
});

/** A participant with a communications identity set: a user, a phone, a guest or an application instance. */
function participant(index: number) {
  const identities = [
    { user: user(index) },
    { phone: { "@odata.type": "#microsoft.graph.identity", id: `+1425555${String(index % 10000).padStart(4, "0")}` } },
    { guest: { "@odata.type": "#microsoft.graph.communicationsGuestIdentity", id: `guest-${index}`, displayName: "Guest", email: "guest@example.com" } },
    { applicationInstance: { "@odata.type": "#microsoft.graph.identity", id: `app-${index}`, displayName: "Bot", hidden: false }, application: null },
  ];
  return {
    "@odata.type": "#microsoft.graph.invitationParticipantInfo",
    endpointType: null,
    replacesCallId: null,
    identity: { "@odata.type": "#microsoft.graph.identitySet", ...identities[index % identities.length], user: index % 4 === 0 ? user(index) : null },
  };
}

export function operation(participants: number) {
  return {
    "@odata.type": "#microsoft.graph.inviteParticipantsOperation",
    "@odata.etag": 'W/"54451"',
    id: "eec3812a-fdc3-4fb4-825c-a06c9f35414e",
    status: "completed",
    clientContext: "f2fa86af-3c51-4bc2-8fc0-475452d9764f",
    resultInfo: { "@odata.type": "#microsoft.graph.resultInfo", code: 200, subcode: 0, message: "Invited participants joined the call." },
    participants: Array.from({ length: participants }, (_, index) => participant(index)),
  };
}

export const small = { status: "running", participants: [{ identity: { user: { id: "278405a3-f568-4b3e-b684-009193463064", displayName: "Alex" } } }] };
export const typical = operation(5);
export const large = operation(1000);

/** Invalid: the first thing checked is wrong (the @odata.type), on a large payload. */
export const invalidEarly = { ...large, "@odata.type": "#microsoft.graph.call" };

/** Invalid: only the last of 1,000 participants is wrong (its identity is missing). */
export const invalidLate = { ...large, participants: [...large.participants.slice(0, -1), { endpointType: null }] };

/**
 * Identities labelled as subtypes that add properties to check (rule 12): five participants, each identity set's
 * user a teamworkUserIdentity with its userIdentityType, or its application a communicationsApplicationIdentity.
 */
export const labelled = {
  "@odata.type": "#microsoft.graph.inviteParticipantsOperation",
  id: "eec3812a-fdc3-4fb4-825c-a06c9f35414e",
  status: "completed",
  clientContext: "f2fa86af-3c51-4bc2-8fc0-475452d9764f",
  participants: Array.from({ length: 5 }, (_, index) => ({
    "@odata.type": "#microsoft.graph.invitationParticipantInfo",
    identity:
      index % 2 === 1
        ? { user: { "@odata.type": "#microsoft.graph.teamworkUserIdentity", id: `user-${index}`, displayName: `User ${index}`, userIdentityType: "aadUser" } }
        : { application: { "@odata.type": "#microsoft.graph.communicationsApplicationIdentity", id: `app-${index}`, displayName: "Bot", applicationType: "bot", hidden: false } },
  })),
};

export const valid = { small, typical, labelled, large } as const;
export const invalid = { invalidEarly, invalidLate } as const;

/**
 * A mixed workload, as a service receives it: 200 valid operations whose objects come in many layouts
 * (identity sets with a user only, a user and `application: null`, a phone, a guest; annotations first or
 * last; optional properties present, null or absent; both status spellings), so that no property read in
 * a validator sees only one object shape. Deterministic: the same 200 every run.
 */
export const mixed: unknown[] = (() => {
  let state = 20261126;
  const next = (n: number) => {
    state = (state * 1103515245 + 12345) & 0x7fffffff;
    return state % n;
  };
  const identity = (index: number) => {
    const id = { id: `id-${index}-${next(1000)}`, displayName: next(3) === 0 ? null : `Person ${index}` };
    return next(2) === 0
      ? { "@odata.type": "#microsoft.graph.identity", ...id }
      : { ...id, ...(next(2) === 0 ? { "@odata.type": "#microsoft.graph.communicationsUserIdentity", tenantId: "t" } : {}) };
  };
  const identitySet = (index: number): Record<string, unknown> => {
    const layouts = [
      () => ({ user: identity(index) }),
      () => ({ user: identity(index), application: null, device: null }),
      () => ({ application: identity(index), user: null }),
      () => ({ phone: { id: `+1425555${String(index).padStart(4, "0")}` } }),
      // A guest labelled as one, with its email (rule 12: an email on a communicationsUserIdentity is undeclared).
      () => ({ guest: { "@odata.type": "#microsoft.graph.communicationsGuestIdentity", id: `guest-${index}-${next(1000)}`, displayName: "Guest", email: "g@example.com" } }),
      () => ({ "@odata.type": "#microsoft.graph.communicationsIdentitySet", applicationInstance: identity(index), endpointType: "default" }),
    ];
    const set = layouts[next(layouts.length)]!();
    return next(2) === 0 ? { "@odata.type": "#microsoft.graph.identitySet", ...set } : set;
  };
  const participantOf = (index: number) => {
    const p: Record<string, unknown> = { identity: identitySet(index) };
    if (next(2) === 0) p.endpointType = null;
    if (next(3) === 0) p.replacesCallId = next(2) === 0 ? null : `call-${index}`;
    return next(2) === 0 ? { "@odata.type": "#microsoft.graph.invitationParticipantInfo", ...p } : p;
  };
  const statuses = ["running", "Running", "completed", "Completed", "failed", "notStarted"];
  return Array.from({ length: 200 }, (_, index) => {
    const body: Record<string, unknown> = { status: statuses[next(statuses.length)], participants: Array.from({ length: 1 + next(5) }, (_, i) => participantOf(index * 10 + i)) };
    if (next(2) === 0) body.clientContext = `ctx-${index}`;
    const result = next(3);
    if (result === 0) body.resultInfo = { code: 200, subcode: next(10), message: "ok" };
    else if (result === 1) body.resultInfo = null;
    if (next(2) === 0) body.id = next(2) === 0 ? null : `op-${index}`;
    const annotations = next(2) === 0 ? { "@odata.type": "#microsoft.graph.inviteParticipantsOperation", "@odata.etag": `W/"${index}"` } : {};
    return next(2) === 0 ? { ...annotations, ...body } : { ...body, ...annotations };
  });
})();
