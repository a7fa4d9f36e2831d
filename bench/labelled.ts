/**
 * What rule 12 costs a valid payload: `isIdentity` on a guest labelled as a communicationsGuestIdentity, on a
 * teamworkUserIdentity and on a plain identity, and `isInviteParticipantsOperation` over the mixed workload (bench/payloads.ts), tolerant and
 * strict; fastest of 15 rounds in one process. Not part of `npm run bench`.
 *
 * And the table of subtypes against generated code for the same subtype: a sharePointIdentitySet whose `siteUser`
 * is a sharePointIdentity by its declared type (rule 14: a generated function) and one whose `user` is labelled as a
 * sharePointIdentity (the identity's loop, then the table).
 *
 * And what a wrong label's rejection costs (`validateIdentity`): one that spells a type the metadata has with a
 * capital first letter and, in strict mode, one a letter short of one (each message names the type meant), and one
 * that names no type (its message gives an example).
 *
 * Usage: npm run build:dist && npx tsx bench/labelled.ts [package folder, default this one]
 * (the folder of another checkout, built with `npm run build:dist`, times that code on the same payloads)
 */
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { ROOT } from "../scripts/root.js";
import { mixed } from "./payloads.js";

type Api = {
  isIdentity: (value: unknown) => boolean;
  isIdentitySet: (value: unknown) => boolean;
  isInviteParticipantsOperation: (value: unknown) => boolean;
  validateIdentity: (value: unknown) => { valid: boolean };
};
const folder = resolve(process.argv[2] ?? ROOT);
const guest = { "@odata.type": "#microsoft.graph.communicationsGuestIdentity", id: "guest-1", displayName: "Guest", email: "guest@example.com" };
const plain = { "@odata.type": "#microsoft.graph.identity", id: "guest-1", displayName: "Guest" };
/** A subtype whose own properties identity does not declare: checked through the subtypes' table. */
const teamwork = { "@odata.type": "#microsoft.graph.teamworkUserIdentity", id: "user-1", displayName: "User", userIdentityType: "aadUser" };

const sharePointUser = { id: "user-1", displayName: "User", loginName: "i:0#.f|membership|user@example.com" };
const asDeclared = { "@odata.type": "#microsoft.graph.sharePointIdentitySet", siteUser: sharePointUser };
const asLabelled = { "@odata.type": "#microsoft.graph.sharePointIdentitySet", user: { "@odata.type": "#microsoft.graph.sharePointIdentity", ...sharePointUser } };

const capital = { "@odata.type": "#microsoft.graph.CommunicationsUserIdentity", id: "user-1" };
const letterShort = { "@odata.type": "#microsoft.graph.comunicationsUserIdentity", id: "user-1" };
const unknown = { "@odata.type": "#microsoft.graph.person", id: "user-1" };

/** Nanoseconds per call of `check` over `values`, the fastest of 15 rounds. */
function fastest(check: (value: unknown) => boolean, values: unknown[], calls: number): number {
  let best = Number.POSITIVE_INFINITY;
  for (let round = 0; round < 15; round += 1) {
    const started = process.hrtime.bigint();
    for (let i = 0; i < calls; i += 1) for (const value of values) if (!check(value)) throw new Error("a valid value was rejected");
    best = Math.min(best, Number(process.hrtime.bigint() - started) / (calls * values.length));
  }
  return best;
}

for (const entry of ["index", "strict"]) {
  const api = (await import(pathToFileURL(resolve(folder, `dist/src/${entry}.js`)).href)) as Api;
  const mode = entry === "index" ? "tolerant" : "strict";
  // The code before rule 12 refuses a teamworkUserIdentity's own properties in strict mode: "refused" there.
  const identity = (value: unknown) => (api.isIdentity(value) ? `${fastest(api.isIdentity, [value], 100_000).toFixed(1)} ns` : "refused");
  console.log(
    `${mode}: isIdentity guest ${identity(guest)}, teamworkUserIdentity ${identity(teamwork)}, plain ${identity(plain)}; mixed workload ${fastest(api.isInviteParticipantsOperation, mixed, 200).toFixed(0)} ns per payload`,
  );
  // The code before rule 14 has no sharePointIdentitySet with a checked siteUser: "refused" or the time as it is.
  const set = (value: unknown) => (api.isIdentitySet(value) ? `${fastest(api.isIdentitySet, [value], 100_000).toFixed(1)} ns` : "refused");
  console.log(`${mode}: sharePointIdentitySet with a siteUser (generated) ${set(asDeclared)}, with a user labelled sharePointIdentity (the table) ${set(asLabelled)}`);
  const rejected = (value: unknown) => `${fastest((v) => !api.validateIdentity(v).valid, [value], 100_000).toFixed(0)} ns`;
  const short = mode === "strict" ? `, a letter short ${rejected(letterShort)}` : "";
  console.log(`${mode}: validateIdentity rejecting a label with a capital ${rejected(capital)}${short}, one naming no type ${rejected(unknown)}`);
}
