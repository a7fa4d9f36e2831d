// Where the shipped fixture files are: found through the package's own name (its exports map), which holds from
// the sources and from the ES module build alike. The CommonJS build has its own copy of this module
// (scripts/bundle.ts), relative to its folder.
import { createRequire } from "node:module";

export const fixtureFile = (group: string): string => createRequire(import.meta.url).resolve(`graph-invite-participants/fixtures/${group}.json`);
