// Every TypeScript block of the README compiles under --strict, against the package as users install it: the
// blocks that need only what this repository installs here (the built package, Fastify, fast-check, vitest,
// Graph's typings), the others in the consumer project that has their libraries (test/consumers/*), with the
// packed package. The comment before each block (`<!-- ts: context=…; … -->`) names its project and declares
// what the block takes as given (a request body, the bot's own functions).
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, inject, it } from "vitest";
import { ROOT } from "../scripts/root.js";
import { consumerProject } from "./support.js";

interface Block {
  line: number;
  context: string;
  prelude: string;
  code: string;
}

/** The README's TypeScript blocks, each with the comment before it. */
function readmeBlocks(): Block[] {
  const lines = readFileSync(join(ROOT, "README.md"), "utf8").split("\n");
  const blocks: Block[] = [];
  for (let at = 0; at < lines.length; at += 1) {
    if (lines[at] !== "```ts") continue;
    const end = lines.indexOf("```", at + 1);
    const comment = /^<!-- ts: context=([\w-]+)(?:; (.*))? -->$/.exec(lines[at - 1] ?? "");
    blocks.push({ line: at + 1, context: comment?.[1] ?? "(none)", prelude: comment?.[2] ?? "", code: lines.slice(at + 1, end).join("\n") });
    at = end;
  }
  return blocks;
}

const OPTIONS = [
  "--strict",
  "--noEmit",
  "--module",
  "nodenext",
  "--moduleResolution",
  "nodenext",
  "--target",
  "es2022",
  "--resolveJsonModule",
  "--skipLibCheck",
  "--lib",
  "es2023,dom",
];

/** Writes the blocks into `folder`/.readme and compiles them with `tsc`; returns tsc's output ("" when they compile). */
function compile(folder: string, tsc: string, blocks: Block[], extra: string[] = [], setup?: (scratch: string) => void): string {
  const scratch = join(folder, ".readme");
  rmSync(scratch, { recursive: true, force: true });
  mkdirSync(scratch);
  try {
    setup?.(scratch);
    const files = blocks.map(({ line, prelude, code }) => {
      const file = join(scratch, `readme-line-${line}.ts`);
      writeFileSync(file, `${prelude}\n${code}\nexport {};\n`);
      return file;
    });
    const result = spawnSync(process.execPath, [tsc, ...OPTIONS, ...extra, ...files], { cwd: folder, encoding: "utf8", timeout: 120_000 });
    return (result.stdout + result.stderr).replaceAll(scratch, ".readme");
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

describe("the README's TypeScript blocks", () => {
  const blocks = readmeBlocks();
  const of = (context: string) => blocks.filter((block) => block.context === context);

  it("each name the project it compiles in", () => {
    expect(blocks.length).toBeGreaterThan(10);
    expect(blocks.filter((block) => !["root", "graph-sdks", "trpc-hono", "openapi-typescript"].includes(block.context)).map((block) => block.line)).toEqual([]);
  });

  it("compile with what this repository installs, against the built package", () => {
    expect(compile(ROOT, join(ROOT, "node_modules/typescript/bin/tsc"), of("root"), ["--types", "node", "--ignoreConfig"])).toBe("");
  });

  it.each(["graph-sdks", "trpc-hono"])(
    "compile in %s, with the packed package",
    (context) => {
      const folder = consumerProject(context, inject("tarball"));
      expect(of(context).length).toBeGreaterThan(0);
      expect(compile(folder, join(folder, "node_modules/typescript/bin/tsc"), of(context))).toBe("");
    },
    180_000,
  );

  it("compile against the types openapi-typescript generates from schemas/openapi.json", () => {
    const folder = consumerProject("openapi-typescript");
    const output = compile(folder, join(folder, "node_modules/typescript/bin/tsc"), of("openapi-typescript"), [], (scratch) => {
      const generate = spawnSync(
        process.execPath,
        [join(folder, "node_modules/openapi-typescript/bin/cli.js"), join(ROOT, "schemas/openapi.json"), "-o", join(scratch, "graph-invite.d.ts")],
        {
          cwd: folder,
          encoding: "utf8",
        },
      );
      expect(generate.status, generate.stderr).toBe(0);
    });
    expect(output).toBe("");
  }, 180_000);
});
