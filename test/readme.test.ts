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

  it("send the invite as Kiota's README block builds it, through the stand-in: the JSON validated is the JSON sent", () => {
    const folder = consumerProject("graph-sdks", inject("tarball"));
    const block = of("graph-sdks").find(({ code }) => code.includes("adapter.send("));
    expect(block).toBeDefined();
    const scratch = join(folder, ".readme-run");
    rmSync(scratch, { recursive: true, force: true });
    mkdirSync(scratch);
    try {
      writeFileSync(join(scratch, "send.ts"), `${block!.prelude}\n${block!.code}\n`);
      const emit = OPTIONS.filter((option) => option !== "--noEmit");
      const built = spawnSync(process.execPath, [join(folder, "node_modules/typescript/bin/tsc"), ...emit, "--outDir", scratch, join(scratch, "send.ts")], {
        cwd: folder,
        encoding: "utf8",
      });
      expect(built.stdout + built.stderr).toBe("");
      writeFileSync(
        join(scratch, "run.mjs"),
        `import { ApiKeyAuthenticationProvider, ApiKeyLocation } from "@microsoft/kiota-abstractions";
import { FetchRequestAdapter } from "@microsoft/kiota-http-fetchlibrary";
import { JsonParseNodeFactory } from "@microsoft/kiota-serialization-json";
import { startGraphStandIn } from "graph-invite-participants/testing";
import { invite } from "./send.js";
const graph = await startGraphStandIn();
const adapter = new FetchRequestAdapter(new ApiKeyAuthenticationProvider("Bearer kiota", "Authorization", ApiKeyLocation.Header), new JsonParseNodeFactory());
adapter.baseUrl = graph.url + "/v1.0";
const callId = graph.addCall({ callbackUri: "http://127.0.0.1:9/api/calls" });
const body = { participants: [{ identity: { phone: { id: "+14255550100" } } }], clientContext: "kiota" };
const operation = await invite(adapter, callId, body);
const [request] = graph.requests;
await graph.close();
let refused;
try { await invite(adapter, callId, { participants: [{ identity: { user: { id: "x" } }, replaceCallId: "y" }] }); } catch (error) { refused = error.name; }
console.log(JSON.stringify({ path: request.path, status: request.status, sent: request.body, id: typeof operation?.id, clientContext: operation?.clientContext, refused }));
`,
      );
      const run = spawnSync(process.execPath, [join(scratch, "run.mjs")], { cwd: folder, encoding: "utf8", timeout: 60_000 });
      expect(run.stderr).toBe("");
      const result = JSON.parse(run.stdout);
      expect(result).toEqual({
        path: expect.stringMatching(/^\/v1\.0\/communications\/calls\/[\w-]+\/participants\/invite$/),
        status: 200,
        // The phone Kiota's serializer would drop is sent as validated.
        sent: { participants: [{ identity: { phone: { id: "+14255550100" } } }], clientContext: "kiota" },
        id: "string",
        clientContext: "kiota",
        // A misspelled property throws before anything is sent.
        refused: "ValidationError",
      });
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
  }, 180_000);

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
