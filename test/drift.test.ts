import { readFileSync } from "node:fs";
import { join } from "node:path";
import { expect, it } from "vitest";
import { generateFiles, ROOT } from "../scripts/generate.js";

it("the committed schemas and validator code are what the types generate", { timeout: 60_000 }, () => {
  const stale: string[] = [];
  const files = generateFiles();
  for (const [path, content] of files) {
    let committed: string | undefined;
    try {
      committed = readFileSync(join(ROOT, path), "utf8");
    } catch {
      committed = undefined;
    }
    if (committed !== content) stale.push(path);
  }
  expect(stale, `Out of date with types/: ${stale.join(", ")}. Run \`npm run build:schemas\` and commit the result.`).toEqual([]);
  expect(files.size).toBeGreaterThan(16);
});
