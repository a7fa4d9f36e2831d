import { configDefaults, defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // Builds dist/ and packs the tarball once per run, so that no test runs a stale build.
    globalSetup: ["test/global-setup.ts"],
    // Consumer projects hold their own tests (Jest's, for one), run by test/consumers.test.ts.
    exclude: [...configDefaults.exclude, "test/consumers/**"],
    // The longest synchronous steps (the drift test generating every file, Ajv compiling the shipped files) take
    // 8 to 14 s on an idle machine of this kind and three to four times that on a shared one loaded beyond its
    // cores: 30 s failed them there. A bound that still catches a hang.
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // Vitest runs one file at a time on a 2-core machine (its default is one worker fewer than the cores); the
    // files here spend much of their time in child processes (npm, tsc, Go, Python), so two at once halve the run.
    maxWorkers: 2,
  },
});
