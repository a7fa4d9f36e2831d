/**
 * The headline comparison of BENCHMARKS.md as a chart: time per payload of the mixed workload, each contender's
 * fastest process, as horizontal bars. Written by `npm run bench` from the run it records (docs/benchmarks.svg);
 * `npx tsx bench/chart.ts` writes it again from .bench/results.json.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { ROOT } from "../scripts/root.js";
import { formatNs } from "./harness.js";

export const CHART_PATH = "docs/benchmarks.svg";

const xmlText = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/** An SVG of bars, one per contender, longest for the slowest; the package's bars in another colour. */
export function chartSvg(title: string, times: Record<string, number>): string {
  const rows = Object.entries(times).sort(([, a], [, b]) => a - b);
  const slowest = Math.max(...rows.map(([, ns]) => ns));
  const [left, barWidth, height, top] = [300, 380, 26, 40];
  const bars = rows.map(([name, ns], index) => {
    const y = top + index * height;
    const width = Math.max(2, (ns / slowest) * barWidth);
    const ours = name.startsWith("graph-invite-participants");
    return [
      `<text x="${left - 8}" y="${y + 17}" text-anchor="end">${xmlText(name)}</text>`,
      `<rect x="${left}" y="${y + 4}" width="${width.toFixed(1)}" height="${height - 8}" fill="${ours ? "#2f6fdb" : "#9aa4b2"}"/>`,
      `<text x="${(left + width + 6).toFixed(1)}" y="${y + 17}">${xmlText(formatNs(ns))}</text>`,
    ].join("");
  });
  const total = top + rows.length * height + 10;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${left + barWidth + 90}" height="${total}" font-family="sans-serif" font-size="13">
<rect width="100%" height="100%" fill="#ffffff"/>
<text x="10" y="22" font-size="15" font-weight="bold">${xmlText(title)}</text>
${bars.join("\n")}
</svg>
`;
}

/** Writes the chart of a recorded run's mixed workload. */
export function writeChart(rows: { payload: string; mode: string; ns: Record<string, number> }[]): void {
  const mixed = rows.find((row) => row.payload === "mixed" && row.mode === "first");
  if (mixed === undefined) throw new Error("chart: the run has no mixed-workload row");
  writeFileSync(join(ROOT, CHART_PATH), chartSvg("A valid operation, mixed layouts: time per payload (shorter is faster)", mixed.ns));
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  writeChart((JSON.parse(readFileSync(join(ROOT, ".bench/results.json"), "utf8")) as { rows: Parameters<typeof writeChart>[0] }).rows);
}
