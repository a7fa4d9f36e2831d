// Before any test: build dist/ from the current sources (tests that run the command line or the packed
// package must never see a stale build), and pack the tarball users would install, once for every test
// that installs it. The tarball's folder is removed afterwards.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import { ROOT } from "../scripts/root.js";

declare module "vitest" {
  export interface ProvidedContext {
    /** The path of the packed package (`npm pack`), built from this run's sources. */
    tarball: string;
  }
}

/** What the tests leave in the temp directory: every folder they make there is named gip-… */
const ours = () => new Set(readdirSync(tmpdir()).filter((name) => name.startsWith("gip-")));

export default function setup(project: TestProject): () => void {
  const before = ours();
  execFileSync(process.execPath, ["--import", "tsx", join(ROOT, "scripts/bundle.ts")], { cwd: ROOT, stdio: ["ignore", "ignore", "inherit"] });
  const folder = mkdtempSync(join(tmpdir(), "gip-pack-"));
  // --ignore-scripts: dist/ was just built; packing must not build it again.
  const name = execFileSync("npm", ["pack", "--ignore-scripts", "--silent", "--pack-destination", folder], { cwd: ROOT, encoding: "utf8" }).trim().split("\n").at(-1)!;
  project.provide("tarball", join(folder, name));
  return () => {
    rmSync(folder, { recursive: true, force: true });
    const left = [...ours()].filter((name) => !before.has(name));
    if (left.length > 0) {
      // A throw here is only printed; the exit status must say it too.
      process.exitCode = 1;
      throw new Error(`the tests left these in ${tmpdir()}: ${left.join(", ")}`);
    }
  };
}
