// The runtime's modules form no cycle: no file of src/ imports (at run time, not for types alone) a file that
// imports it back, directly or through others, so that each can be read, and loaded, before the ones that use it.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT } from "../scripts/root.js";

const SRC = join(ROOT, "src");

/** The modules a file imports at run time: `import type`, `export type` and braces of types alone are left out. */
function runtimeImports(file: string, text: string): string[] {
  const imports: string[] = [];
  // `import … from "…"`, `export … from "…"`, and an import for its effects alone (`import "…"`).
  for (const [, typeOnly, names, specifier] of text.matchAll(/^(?:import|export)\s+(type\s+)?(?:([^;"]*?)\s*from\s+)?"([^"]+)";/gm)) {
    if (typeOnly !== undefined || specifier === undefined || !specifier.startsWith(".")) continue;
    const braces = /^\{([\s\S]*)\}$/.exec((names ?? "").trim());
    if (braces !== null) {
      const entries = braces[1]!
        .split(",")
        .map((entry) => entry.trim())
        .filter((entry) => entry !== "");
      if (entries.length > 0 && entries.every((entry) => entry.startsWith("type "))) continue;
    }
    const target = join(dirname(file), specifier);
    const ts = target.replace(/\.js$/, ".ts");
    imports.push(existsSync(ts) ? ts : target);
  }
  return imports;
}

/** Every cycle among the files, each as the path that closes it. */
function cyclesOf(graph: Map<string, string[]>): string[][] {
  const cycles: string[][] = [];
  const done = new Set<string>();
  const visit = (file: string, path: string[]) => {
    const at = path.indexOf(file);
    if (at >= 0) {
      cycles.push([...path.slice(at), file]);
      return;
    }
    if (done.has(file)) return;
    for (const next of graph.get(file) ?? []) visit(next, [...path, file]);
    done.add(file);
  };
  for (const file of graph.keys()) visit(file, []);
  return cycles;
}

const sources = (folder: string): string[] =>
  readdirSync(folder, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? sources(join(folder, entry.name)) : /\.(?:ts|js)$/.test(entry.name) && !entry.name.endsWith(".d.ts") ? [join(folder, entry.name)] : [],
  );

describe("the runtime's modules", () => {
  it("form no cycle", () => {
    const graph = new Map(sources(SRC).map((file) => [file, runtimeImports(file, readFileSync(file, "utf8"))]));
    // The reading must find the imports the architecture names, or an empty graph would pass.
    expect(graph.get(join(SRC, "validators/report.ts"))).toContain(join(SRC, "validators/text.ts"));
    expect(graph.get(join(SRC, "validators/runtime.ts"))).toContain(join(SRC, "validators/report.ts"));
    expect(graph.get(join(SRC, "generated/tolerant-checks.js"))).toContain(join(SRC, "validators/subtypes.ts"));
    expect(graph.get(join(SRC, "callbacks.ts"))).toContain(join(SRC, "callbacks/middleware.ts"));
    expect(cyclesOf(graph).map((cycle) => cycle.map((file) => relative(SRC, file)).join(" → "))).toEqual([]);
  });

  it("are read as they are written: type-only imports are no edge, and a cycle is found", () => {
    const file = join(SRC, "validators/a.ts");
    expect(runtimeImports(file, 'import type { X } from "./b.js";\nimport { type Y } from "./c.js";\nexport type * from "./d.js";')).toEqual([]);
    expect(runtimeImports(file, 'import { type Y, z } from "./report.js";\nexport * from "../e.js";\nimport "./f.js";')).toEqual([
      join(SRC, "validators/report.ts"),
      join(SRC, "e.js"),
      join(SRC, "validators/f.js"),
    ]);
    const cycles = cyclesOf(
      new Map([
        ["a", ["b"]],
        ["b", ["c"]],
        ["c", ["a"]],
        ["d", ["a"]],
      ]),
    );
    expect(cycles).toEqual([["a", "b", "c", "a"]]);
  });
});
