import { expect, it } from "vitest";
import { generateFiles, staleFiles } from "../scripts/generate.js";

it("the committed schemas and validator code are what the types generate", { timeout: 60_000 }, () => {
  const files = generateFiles();
  const stale = [...staleFiles(files).keys()];
  expect(stale, `Out of date with types/: ${stale.join(", ")}. Run \`npm run build:schemas\` and commit the result.`).toEqual([]);
  expect(files.size).toBeGreaterThan(16);
});
