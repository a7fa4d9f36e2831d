// What an application bundles when it imports one function: esbuild, minified, as an application's build
// would do it, from the built package (dist/). Every export is a pure declaration, so a type guard brings
// only its own fast-path function.
import { build } from "esbuild";
import { describe, expect, it } from "vitest";
import { join } from "node:path";
import { ROOT } from "../scripts/root.js";
import { TYPES } from "../src/table.js";

async function bundledSize(entry: "index" | "strict", name: string): Promise<{ bytes: number; text: string }> {
  const result = await build({
    stdin: { contents: `import { ${name} } from ${JSON.stringify(join(ROOT, `dist/src/${entry}.js`))};\nconsole.log(${name}({}));`, resolveDir: ROOT, loader: "js" },
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

describe("an application's bundle", () => {
  it.each(["index", "strict"] as const)("keeps only the type guard it imports from %s: isIdentity under 15 KB, no Ajv code, no schemas", async (entry) => {
    for (const { name } of TYPES) {
      const { bytes, text } = await bundledSize(entry, `is${name}`);
      expect(text, name).not.toContain("instancePath");
      expect(text, name).not.toContain('"$schema"');
      if (name === "Identity") expect(bytes).toBeLessThan(15_000);
      // No list the type does not use (strict identity sets use the identity list, operations neither).
      if (name === "ResultInfo") expect(text, entry).not.toMatch(/microsoft\.graph\.[A-Za-z]+(?:Identity|IdentitySet|Operation)"/);
      else expect(bytes, name).toBeLessThan(40_000);
    }
  });

  it("keeps Ajv's code and the outlines of the types it validates, and no others, when it imports a validate function", async () => {
    const { bytes, text } = await bundledSize("strict", "validateInviteParticipantsRequest");
    expect(text).toContain("instancePath");
    expect(text).toContain('"title":"inviteParticipantsRequest"');
    expect(text).toContain('"title":"identity"');
    for (const other of ["inviteParticipantsOperation", "commsOperation", "resultInfo", "commsNotification", "commsNotifications"])
      expect(text).not.toContain(`"title":"${other}"`);
    // Strict mode's list of identity types stands once, as one string: the shipped schema, Ajv's copy and the
    // fast path's set are made from it (it stood three times, 6 KB more).
    expect(text.split("#microsoft.graph.teamworkUserIdentity").length - 1).toBe(1);
    // Not the shipped schemas (only `.schema` and Standard JSON Schema read them): the outline the messages read.
    expect(text).not.toContain('"$schema"');
    expect(text).not.toContain('"description"');
    // The request's error code and outlines, the fast path and the runtime: the goal is 40 KB (39.2 KB today;
    // 292 KB when a bundle kept every type).
    expect(bytes).toBeLessThan(40_000);
    const tolerant = await bundledSize("index", "validateInviteParticipantsRequest");
    expect(tolerant.bytes).toBeLessThan(40_000);
    const identity = await bundledSize("index", "validateIdentity");
    expect(identity.text).not.toContain('"title":"identitySet"');
    expect(identity.bytes).toBeLessThan(20_000);
  });

  it("keeps the shipped schema when the application reads it", async () => {
    const { text } = await bundledSize("strict", "validators");
    expect(text).toContain('"$schema"');
    expect(text).toContain('"description"');
  });
});
