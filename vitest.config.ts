import { configDefaults, defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // Builds dist/ and packs the tarball once per run, so that no test runs a stale build.
    globalSetup: ["test/global-setup.ts"],
    // Consumer projects hold their own tests (Jest's, for one), run by test/consumers.test.ts.
    exclude: [...configDefaults.exclude, "test/consumers/**"],
    // The seeded property and differential tests take 2 to 5 s each here, and this machine kind sometimes runs
    // at half its speed: vitest's default of 5 s failed one of them. A bound that still catches a hang.
    testTimeout: 30_000,
    // Vitest runs one file at a time on a 2-core machine (its default is one worker fewer than the cores); the
    // files here spend much of their time in child processes (npm, tsc, Go, Python), so two at once halve the run.
    maxWorkers: 2,
  },
});
