// What an application bundles when it imports one function: esbuild, minified, as an application's build
// would do it, from the built package (dist/). Every export is a pure declaration, so a type guard brings
// only its own verdict function, and a validate function its verdict and report functions.
import { build } from "esbuild";
import { describe, expect, it } from "vitest";
import { join } from "node:path";
import { ROOT } from "../scripts/root.js";
import { TYPES } from "../src/validators/table.js";

/** An application of the given source, bundled as an application's build would do it. */
async function bundled(contents: string): Promise<{ bytes: number; text: string }> {
  const result = await build({
    stdin: { contents, resolveDir: ROOT, loader: "js" },
    bundle: true,
    minify: true,
    platform: "node",
    format: "esm",
    write: false,
    logLevel: "silent",
  });
  const text = result.outputFiles[0]!.text;
  return { bytes: Buffer.byteLength(text), text };
}

const entryFile = (entry: "index" | "strict" | "fixtures") => JSON.stringify(join(ROOT, `dist/src/${entry}.js`));

/** An application that imports one function and calls it. */
const bundledSize = (entry: "index" | "strict" | "fixtures", name: string) => bundled(`import { ${name} } from ${entryFile(entry)};\nconsole.log(${name}({}));`);

describe("an application's bundle", () => {
  it.each(["index", "strict"] as const)("keeps only the type guard it imports from %s: isIdentity within its budget, no report, no schemas", async (entry) => {
    for (const { name } of TYPES) {
      const { bytes, text } = await bundledSize(entry, `is${name}`);
      expect(text, name).not.toContain("propertyNames");
      expect(text, name).not.toContain('"$schema"');
      // Tolerant identities check their label by a pattern; strict ones by the list of Graph's identity types.
      // Rule 12 checks an identity labelled as one of Graph's subtypes against that subtype's properties: a table of
      // them, read by src/validators/subtypes.ts (strict mode's object loop also notes the names a labelled subtype may lack).
      // BENCHMARKS.md ("What an application bundles") has the sizes and what each rule added.
      if (name === "Identity") expect(bytes).toBeLessThanOrEqual(entry === "index" ? 4_500 : 6_500);
      // No list the type does not use (strict identity sets use the identity list, operations neither).
      if (name === "ResultInfo") expect(text, entry).not.toMatch(/(?:Identity|IdentitySet|Operation)[" ]/);
      else expect(bytes, name).toBeLessThan(25_000);
    }
  });

  it("keeps the verdict and report of the types it validates, and no others, when it imports a validate function", async () => {
    const { bytes, text } = await bundledSize("strict", "validateInviteParticipantsRequest");
    expect(text).toContain("must be one of");
    expect(text).toContain('title:"inviteParticipantsRequest"');
    expect(text).toContain('title:"identity"');
    for (const other of ["inviteParticipantsOperation", "commsOperation", "resultInfo", "commsNotification", "commsNotifications"]) expect(text).not.toContain(`title:"${other}"`);
    // Strict mode's list of identity types stands once; the table of subtypes (rule 12) names it once more.
    expect(text.split("teamworkUserIdentity").length - 1).toBe(2);
    // Not the shipped schemas (only `.schema` and Standard JSON Schema read them), and no Ajv.
    expect(text).not.toContain('"$schema"');
    expect(text).not.toContain('"description"');
    expect(text).not.toContain("instancePath");
    // The budget holds what rules 12 and 14 added (the subtypes' table and checks, the four member types a subtype of
    // identitySet declares) and the report's parts that make a rejection cheaper; BENCHMARKS.md has the figures.
    expect(bytes).toBeLessThanOrEqual(39_600);
    const tolerant = await bundledSize("index", "validateInviteParticipantsRequest");
    expect(tolerant.bytes).toBeLessThanOrEqual(30_700);
    const identity = await bundledSize("index", "validateIdentity");
    expect(identity.text).not.toContain("IdentitySet");
    expect(identity.bytes).toBeLessThan(18_500);
  });

  it("costs at most 2 KB more for a type's Standard Schema than for its validate function, and no schema text", async () => {
    const validate = await bundledSize("strict", "validateInviteParticipantsRequest");
    const standard = await bundledSize("strict", "standardInviteParticipantsRequest");
    expect(standard.bytes - validate.bytes).toBeLessThanOrEqual(2048);
    expect(standard.text).not.toContain("json-schema.org");
  });

  it("keeps the shipped schema when the application reads it", async () => {
    const { text } = await bundledSize("strict", "validators");
    expect(text).toContain("json-schema.org/draft-07/schema#");
    expect(text).toContain('"description"');
  });

  it("carries nothing of the test kit (fixtures, arbitraries, the stand-in) nor of the callbacks entry when it imports validators", async () => {
    for (const [entry, name] of [
      ["index", "validateCommsNotifications"],
      ["strict", "validateInviteParticipantsRequest"],
      ["index", "validators"],
    ] as const) {
      const { text } = await bundledSize(entry, name);
      for (const kit of ["fixtures", "fast-check", "node:http", "node:crypto", "startGraphStandIn", "inviteCompleted", "nearMiss", "jose", "GraphToken", "graphCallbacks"])
        expect(text, `${name}: ${kit}`).not.toContain(kit);
    }
  });

  it("carries the runtime once when it imports from both modes", async () => {
    const { bytes } = await bundled(
      `import { validateInviteParticipantsRequest as a } from ${entryFile("index")};\nimport { validateInviteParticipantsRequest as b } from ${entryFile("strict")};\nconsole.log(a({}), b({}));`,
    );
    const tolerant = await bundledSize("index", "validateInviteParticipantsRequest");
    const strict = await bundledSize("strict", "validateInviteParticipantsRequest");
    // The runtime, the report and the messages stand once, not once per mode.
    expect(bytes).toBeLessThanOrEqual(tolerant.bytes + strict.bytes - 10_000);
  });

  it("reads only the fixture file of the group a test imports", async () => {
    const { text } = await bundledSize("fixtures", "identityFixtures");
    // Each group is read by a call with its file's name: the identity group's, and no other.
    expect(text).toMatch(/\("identity"\)/);
    for (const other of ["commsNotifications", "inviteParticipantsOperation", "invalid"]) expect(text).not.toMatch(new RegExp(`\\("${other}"\\)`));
  });
});
