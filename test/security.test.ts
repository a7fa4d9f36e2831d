// The promises SECURITY.md makes that no other test shows.
import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { expect, it } from "vitest";
import { ROOT } from "../scripts/generate.js";

// The ES module build (dist/src/) and the CommonJS one (dist/cjs/src/).
it.each(["dist/src", "dist/cjs/src"])("validates with code generation from strings disabled, as under a strict Content-Security-Policy (%s)", (build) => {
  const script = `
    const tolerant = await import(${JSON.stringify(join(ROOT, build, "index.js"))});
    const strict = await import(${JSON.stringify(join(ROOT, build, "strict.js"))});
    let evalBlocked = false;
    try { new Function("return 1"); } catch { evalBlocked = true; }
    const op = { status: "running", participants: [{ identity: { user: { id: "u" } } }] };
    console.log(evalBlocked, tolerant.validateInviteParticipantsOperation(op).valid, strict.validateInviteParticipantsOperation({ ...op, x: 1 }).errors[0].path);
  `;
  const run = spawnSync(process.execPath, ["--disallow-code-generation-from-strings", "--input-type=module", "-e", script], { encoding: "utf8" });
  expect(run.stderr).toBe("");
  expect(run.stdout).toBe("true true /x\n");
});

it("the runtime contains no eval or new Function", () => {
  const dir = join(ROOT, "dist");
  const files = readdirSync(dir, { recursive: true, encoding: "utf8" }).filter((file) => /\.c?js$/.test(file));
  expect(files.length).toBeGreaterThan(5);
  for (const file of files) expect(readFileSync(join(dir, file), "utf8"), file).not.toMatch(/\beval\(|new Function\(|\bFunction\(/);
});
