/**
 * Builds dist/: declarations with tsc, JavaScript with esbuild. Each entry point (`.`, `./strict`, the bin, the
 * test kit) becomes one module, `.` and `./strict` sharing one more, the runtime, instead of a module per source
 * file: Node's loader spends about half a millisecond on each module it loads, which was most of the package's
 * import time.
 *
 * Usage: tsx scripts/bundle.ts   (after `npm run build:schemas`; run by `npm run build:dist`)
 */
import { execFileSync } from "node:child_process";
import { cpSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { build, type Plugin } from "esbuild";
import { TYPES } from "../src/validators/table.js";
import { schemaPath } from "./generate/schemas.js";
import { ROOT } from "./root.js";

const dist = join(ROOT, "dist");
rmSync(dist, { recursive: true, force: true });

// Declarations: tsc writes them for src/ and types/; the generated code's own declarations are copied.
execFileSync(process.execPath, [join(ROOT, "node_modules/typescript/bin/tsc"), "-p", join(ROOT, "tsconfig.build.json"), "--emitDeclarationOnly"], { stdio: "inherit" });
const generated = join(ROOT, "src/generated");
// Only what the entry points' declarations reach is shipped: not those of the command line and the modules
// that no public type names.
for (const internal of ["bin", "test-kit/fixture-file", "validators/json", "validators/read", "validators/text"]) rmSync(join(dist, `src/${internal}.d.ts`));
rmSync(join(dist, "src/cli"), { recursive: true });

/** What every build below shares. Whitespace only is minified: names stay readable in stack traces and profiles. */
const BUILD = { bundle: true, platform: "node", target: "node20", minifyWhitespace: true, logLevel: "warning" } as const;
/** The package's entry points: the validators (`.`, `./strict`), Fastify's compiler, and the test kit. */
const ENTRY_POINTS = ["src/index.ts", "src/strict.ts", "src/fastify.ts", "src/callbacks.ts", "src/fixtures.ts", "src/arbitraries.ts", "src/testing.ts"];
// The application's own copies: Fastify's compiler (for graph-invite-participants/fastify, beside Fastify),
// fast-check (for graph-invite-participants/arbitraries, whose arbitraries must be those of the tests' fast-check)
// and jose (for graph-invite-participants/callbacks).
const EXTERNAL = ["@fastify/ajv-compiler", "fast-check", "jose"];

// graph-invite-participants/fastify, the test kit and the command line import the entry points beside them
// rather than carrying a copy of each: an import of `index`, `strict` or `fixtures` from their folders (or from
// src/fastify.ts) is the module of that entry point in dist/src/.
const entryPointsApart: Plugin = {
  name: "entry-points-apart",
  setup(build) {
    build.onResolve({ filter: /^\.\.?\/(?:index|strict|fixtures)\.js$/ }, (args) => {
      const apart = /src\/(?:fastify\.ts$|callbacks\/|test-kit\/|cli\/)/.test(args.importer.replaceAll("\\", "/"));
      return apart ? { path: `./${args.path.split("/").at(-1)}`, external: true } : undefined;
    });
  },
};

// `.` and `./strict` are each one module, with their mode's checks, and share one more, the runtime
// (src/validators/runtime.ts, the report, the messages): Node's loader spends about half a millisecond on each module it
// loads, and a first import of the validators loaded three when each mode's checks were a chunk too. The other
// entry points import `./index.js` and `./strict.js` beside them and carry the few helpers they use themselves, so
// that no other chunk is split off what the validators load.
const VALIDATORS = ["src/index.ts", "src/strict.ts"];
await build({
  ...BUILD,
  entryPoints: VALIDATORS.map((entry) => join(ROOT, entry)),
  outdir: join(dist, "src"),
  splitting: true,
  format: "esm",
  chunkNames: "chunks/[name]-[hash]",
});
await build({
  ...BUILD,
  entryPoints: [...ENTRY_POINTS.filter((entry) => !VALIDATORS.includes(entry)), "src/bin.ts"].map((entry) => join(ROOT, entry)),
  outdir: join(dist, "src"),
  external: EXTERNAL,
  format: "esm",
  plugins: [entryPointsApart],
});

// esbuild writes an empty chunk for src/validators/common.ts, which only re-exports, and each entry point imports it:
// one module more for Node's loader to resolve and load. It is removed, and so are the imports of it.
const chunks = join(dist, "src/chunks");
const modules = () => [
  ...readdirSync(join(dist, "src"))
    .filter((name) => name.endsWith(".js"))
    .map((name) => join(dist, "src", name)),
  ...readdirSync(chunks).map((name) => join(chunks, name)),
];
for (const empty of readdirSync(chunks).filter((name) => readFileSync(join(chunks, name), "utf8").trim() === "")) {
  rmSync(join(chunks, empty));
  for (const file of modules()) {
    const code = readFileSync(file, "utf8");
    const rewritten = code.replace(`import"./chunks/${empty}";`, "").replace(`import"./${empty}";`, "");
    if (rewritten.includes(empty)) throw new Error(`bundle: ${file} imports the empty ${empty} in another form`);
    if (rewritten !== code) writeFileSync(file, rewritten);
  }
}

// Minifying drops the /* @__PURE__ */ annotations of the generated modules, which let an application's bundler
// keep only the validators it uses (test/bundle-size.test.ts): they are put back, each call counted against the
// generated sources.
const PURE = "/* @__PURE__ */ ";
// The API module's calls (and the subtypes' label lookups), and the generated constants (`var c3=new Set(…)`; esbuild writes `new Set()` as `new Set`).
const PURE_CALLS = [
  /([=,(])(?:\/\* @__PURE__ \*\/ )?(guard|createChecker|createValidator|functionOf|graphNames|standardSchemaOf|unsettledLabels|labelMasks|consumed|stoppedNowhere)(?=\()/g,
  /(\bvar c\d+=)(?:\/\* @__PURE__ \*\/ )?(new (?:Set|RegExp))(?=[(;,])/g,
  // The fixtures' groups: an application's tests that import one group read only its file.
  /([=,])(?:\/\* @__PURE__ \*\/ )?(group|invalidGroup)(?=\()/g,
];
const annotatedSources = [...readdirSync(generated).map((name) => join(generated, name)), join(ROOT, "src/test-kit/fixtures.ts")];
const inSources = annotatedSources.reduce((count, path) => count + (readFileSync(path, "utf8").split(PURE).length - 1), 0);
let annotated = 0;
for (const file of modules()) {
  const code = readFileSync(file, "utf8");
  const rewritten = PURE_CALLS.reduce((text, call) => text.replace(call, (_call, head: string, callee: string) => `${head}${PURE}${callee}`), code);
  annotated += rewritten.split(PURE).length - 1;
  if (rewritten !== code) writeFileSync(file, rewritten);
}
if (annotated !== inSources) throw new Error(`bundle: ${annotated} calls annotated as pure in dist/src, ${inSources} in the generated modules`);

// CommonJS, for require() where Node's own require(esm) is not there (Jest, older tools): each entry point
// as one module in dist/cjs/, marked CommonJS by its own package.json, with a copy of the declarations so
// that TypeScript reads them as CommonJS too (module: node16 and moduleResolution: node10 users).
// Its `.schema` reads the shipped files with require() (dist/cjs/src/ → schemas/), so that the tarball holds the
// schemas' text once more, not twice (the ES module build carries it for bundlers, which cannot read files).
const cjs = join(dist, "cjs");
const shippedFiles: Plugin = {
  name: "shipped-schema-files",
  setup(build) {
    build.onResolve({ filter: /-schemas\.js$/ }, (args) => ({ path: args.path, namespace: "shipped-schema-files" }));
    build.onResolve({ filter: /\.schema\.json$/ }, (args) => ({ path: args.path, external: true }));
    build.onLoad({ filter: /.*/, namespace: "shipped-schema-files" }, (args) => {
      const mode = args.path.includes("strict") ? "strict" : "tolerant";
      const lines = TYPES.map(({ name, graphName }) => `export const ${name} = () => structuredClone(require(${JSON.stringify(`../../../${schemaPath(graphName, mode)}`)}));`);
      return { contents: lines.join("\n"), loader: "js" };
    });
  },
};
// The fixtures are found beside the CommonJS build, by its folder (dist/cjs/src/ → fixtures/), not by the package's
// name, which Jest's resolver does not look up from inside the package.
const fixtureFolder: Plugin = {
  name: "fixture-folder",
  setup(build) {
    build.onResolve({ filter: /\/fixture-file\.js$/ }, (args) => ({ path: args.path, namespace: "fixture-folder" }));
    build.onLoad({ filter: /.*/, namespace: "fixture-folder" }, () => ({
      contents: 'const { join } = require("node:path");\nexport const fixtureFile = (group) => join(__dirname, "../../../fixtures", group + ".json");',
      loader: "js",
    }));
  },
};
await build({
  ...BUILD,
  minifySyntax: true,
  entryPoints: ENTRY_POINTS.map((entry) => join(ROOT, entry)),
  outdir: join(cjs, "src"),
  external: EXTERNAL,
  format: "cjs",
  plugins: [shippedFiles, entryPointsApart, fixtureFolder],
});
for (const entry of ENTRY_POINTS.map((path) => path.replace(/^src\/(.*)\.ts$/, "$1"))) {
  // esbuild's export helper loops with for…in: a name added to Object.prototype (by another library, or a
  // pollution bug in the application) made require() throw. The loop is rewritten over the object's own names.
  const file = join(cjs, "src", `${entry}.js`);
  const code = readFileSync(file, "utf8");
  const helper = "for(var name in all)__defProp(target,name,{get:all[name],enumerable:!0})";
  if (code.split(helper).length !== 2) throw new Error(`bundle: esbuild's export helper is not in dist/cjs/src/${entry}.js as expected once`);
  writeFileSync(file, code.replace(helper, "for(var name of Object.keys(all))__defProp(target,name,{get:all[name],enumerable:!0})"));
}
writeFileSync(join(cjs, "package.json"), `${JSON.stringify({ type: "commonjs" })}\n`);
for (const folder of ["src", "types"]) cpSync(join(dist, folder), join(cjs, folder), { recursive: true, filter: (path) => !path.endsWith(".js") && !path.includes("/chunks") });
