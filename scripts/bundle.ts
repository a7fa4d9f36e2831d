/**
 * Builds dist/: declarations with tsc, JavaScript with esbuild. Each entry point (`.`, `./strict`, the bin)
 * becomes one module plus the chunks they share, instead of a module per source file: Node's loader spends
 * about a millisecond on each module it loads, which was most of the package's import time.
 *
 * Usage: tsx scripts/bundle.ts   (after `npm run build:schemas`; run by `npm run build:dist`)
 */
import { execFileSync } from "node:child_process";
import { copyFileSync, cpSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { build } from "esbuild";
import { TYPES } from "../src/table.js";
import { onDemandCodeFile } from "./generate/api.js";
import { ROOT } from "./root.js";

const dist = join(ROOT, "dist");
rmSync(dist, { recursive: true, force: true });

// Declarations: tsc writes them for src/ and types/; the generated code's own declarations are copied.
execFileSync(process.execPath, [join(ROOT, "node_modules/typescript/bin/tsc"), "-p", join(ROOT, "tsconfig.build.json"), "--emitDeclarationOnly"], { stdio: "inherit" });
const generated = join(ROOT, "src/generated");
const MODES = ["tolerant", "strict"] as const;
mkdirSync(join(dist, "src/generated"), { recursive: true });
for (const file of readdirSync(generated).filter((name) => name.endsWith("-code.d.ts") || name.endsWith("-fast.d.ts")))
  copyFileSync(join(generated, file), join(dist, "src/generated", file));

/** What every build below shares. Whitespace only is minified: names stay readable in stack traces and profiles. */
const BUILD = { bundle: true, platform: "node", target: "node20", minifyWhitespace: true, logLevel: "warning" } as const;

await build({
  ...BUILD,
  entryPoints: ["src/index.ts", "src/strict.ts", "src/bin.ts"].map((entry) => join(ROOT, entry)),
  outdir: join(dist, "src"),
  splitting: true,
  format: "esm",
  chunkNames: "chunks/[name]-[hash]",
});

// esbuild writes an empty chunk for src/common.ts, which only re-exports, and each entry point imports it:
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

// Minifying drops the /* @__PURE__ */ annotations of the generated API modules, which let an application's
// bundler keep only the validators it uses (test/bundle-size.test.ts): they are put back, each call counted.
// So are the error code's embedded schemas and patterns, which lets a bundle keep only the types it uses, and
// the joins of the texts that hold a shared list (`spliced`) and the fast path's sets made from such a list,
// as many as the generated modules have.
const PURE_CALLS = [
  /(=)(guard|createChecker|createValidator|functionOf)\(/g,
  /(\bvar (?:schema|pattern)\d+=)(JSON\.parse|new RegExp)\(/g,
  /([(=])(spliced\d*)\(/g,
  /(\bvar c\d+=)(new Set)\((?=JSON\.parse\()/g,
  /(\bvar c\d+=\/\* @__PURE__ \*\/ new Set\()(JSON\.parse)\(/g,
];
const generatedCalls = (file: string, call: RegExp) =>
  MODES.reduce((count, mode) => count + (readFileSync(join(generated, `${mode}-${file}.js`), "utf8").match(call)?.length ?? 0), 0);
const listCalls = generatedCalls("code", /\/\* @__PURE__ \*\/ spliced\(/g) + 2 * generatedCalls("fast", /\/\* @__PURE__ \*\/ new Set\(\/\* @__PURE__ \*\/ JSON\.parse\(/g);
const expected = TYPES.length * 7 * 2 + listCalls; // per type and mode: guard, createChecker, createValidator and four functionOf
let annotated = 0;
let declarations = 0; // the error code's schemas and patterns that the chunks declare
for (const file of readdirSync(chunks).map((name) => join(chunks, name))) {
  const code = readFileSync(file, "utf8");
  declarations += code.match(/\bvar (?:schema|pattern)\d+=/g)?.length ?? 0;
  const rewritten = PURE_CALLS.reduce(
    (text, pattern) =>
      text.replace(pattern, (_call, head: string, callee: string) => {
        annotated += 1;
        return `${head}/* @__PURE__ */ ${callee}(`;
      }),
    code,
  );
  if (rewritten !== code) writeFileSync(file, rewritten);
}
if (annotated !== expected + declarations || declarations === 0)
  throw new Error(`bundle: ${annotated} calls annotated as pure, ${expected} API calls and joins and ${declarations} schemas and patterns expected`);

// Node.js's ES module build (the `node` condition): the same entry points, whose API modules read Ajv's code
// from a CommonJS copy beside them when a value is first invalid (scripts/generate/api.ts). Bundlers take the
// build above (the `module` and `default` conditions), which imports that code. Each entry point is one
// module with its own copy of the runtime: the runtime in a shared chunk cost about a millisecond more at
// import, and `instanceof ValidationError` holds across copies (a registered symbol marks the class).
const node = join(dist, "node");
// Its syntax is minified too (names kept): the smaller entry module (39 KB instead of 43) took about 0.2 ms
// less to import and check a first value (medians of 61 interleaved processes: 3.60 against 3.84 ms, 3.82
// against 4.03 ms). Bundlers take the build above, which keeps its syntax.
const NODE_BUILD = { ...BUILD, minifySyntax: true } as const;
await build({
  ...NODE_BUILD,
  entryPoints: { index: join(ROOT, "src/node/index.ts"), strict: join(ROOT, "src/node/strict.ts") },
  outdir: node,
  format: "esm",
});
await build({
  ...NODE_BUILD,
  entryPoints: Object.fromEntries(MODES.map((mode) => [onDemandCodeFile(mode).replace(/\.cjs$/, ""), join(ROOT, `src/node/${mode}-code.ts`)])),
  outdir: node,
  outExtension: { ".js": ".cjs" },
  format: "cjs",
});
for (const mode of MODES) {
  // The require() that loads it resolves from the URL of the module it is in: the entry module, beside it.
  const entry = readFileSync(join(node, `${mode === "tolerant" ? "index" : "strict"}.js`), "utf8");
  if (!entry.includes(`("./${onDemandCodeFile(mode)}")`)) throw new Error(`bundle: dist/node does not load ./${onDemandCodeFile(mode)} from its entry module`);
}

// CommonJS, for require() where Node's own require(esm) is not there (Jest, older tools): each entry point
// as one module in dist/cjs/, marked CommonJS by its own package.json, with a copy of the declarations so
// that TypeScript reads them as CommonJS too (module: node16 and moduleResolution: node10 users).
const cjs = join(dist, "cjs");
await build({
  ...BUILD,
  entryPoints: ["src/index.ts", "src/strict.ts"].map((entry) => join(ROOT, entry)),
  outdir: join(cjs, "src"),
  format: "cjs",
});
writeFileSync(join(cjs, "package.json"), `${JSON.stringify({ type: "commonjs" })}\n`);
for (const folder of ["src", "types"]) cpSync(join(dist, folder), join(cjs, folder), { recursive: true, filter: (path) => !path.endsWith(".js") && !path.includes("/chunks") });
