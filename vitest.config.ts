import { configDefaults, defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // Builds dist/ and packs the tarball once per run, so that no test runs a stale build.
    globalSetup: ["test/global-setup.ts"],
    // Consumer projects hold their own tests (Jest's, for one), run by test/consumers.test.ts.
    exclude: [...configDefaults.exclude, "test/consumers/**"],
  },
});
