// The promises SECURITY.md makes that no other test shows.
import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { expect, it } from "vitest";
import { ROOT } from "../scripts/generate.js";

it("validates with code generation from strings disabled, as under a strict Content-Security-Policy", () => {
  const script = `
    const tolerant = await import(${JSON.stringify(join(ROOT, "dist/src/index.js"))});
    const strict = await import(${JSON.stringify(join(ROOT, "dist/src/strict.js"))});
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
  const dir = join(ROOT, "dist/src");
  const files = readdirSync(dir, { recursive: true, encoding: "utf8" }).filter((file) => file.endsWith(".js"));
  expect(files.length).toBeGreaterThan(5);
  for (const file of files) expect(readFileSync(join(dir, file), "utf8"), file).not.toMatch(/\beval\(|new Function\(|\bFunction\(/);
});
