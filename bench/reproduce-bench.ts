/**
 * Wall time and peak memory of `distalign reproduce --mode paper` (all tables, 1000 bootstrap
 * replicates), process start included: the median of several runs, beside a bare `node` start
 * measured in the same run as the baseline, and beside the same command with `--no-statistics`
 * (the paper's tables only), so the cost of the comparisons, intervals and baselines shows.
 *
 *   npx tsx bench/reproduce-bench.ts [runs]      (data: DISTALIGN_DATA_DIR, else data/upstream)
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const runs = Number(process.argv[2] ?? 5);
const root = join(__dirname, "..");
const out = mkdtempSync(join(tmpdir(), "distalign-bench-"));

function timeCommand(args: string[]): { seconds: number; peakKb: number } {
  const start = process.hrtime.bigint();
  const result = spawnSync(process.execPath, ["-r", join(root, "bench", "report-rss.cjs"), ...args], { cwd: root, encoding: "utf8" });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  if (result.status !== 0) throw new Error(`${args.join(" ")} failed:\n${result.stderr}`);
  const peakKb = Number(/peak-rss-kb (\d+)/.exec(result.stderr)?.[1] ?? Number.NaN);
  return { seconds, peakKb };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

const reproduceArgs = [join(root, "bin", "distalign.cjs"), "reproduce", "--mode", "paper", "--quiet", "--out", out];
const tablesOnlyArgs = [...reproduceArgs, "--no-statistics"];
timeCommand(reproduceArgs); // warm-up: fills the TypeScript transpile cache, as any second run finds it
const node: number[] = [];
const reproduce: number[] = [];
const tablesOnly: number[] = [];
const peaks: number[] = [];
for (let i = 0; i < runs; i++) {
  node.push(timeCommand(["-e", ""]).seconds);
  tablesOnly.push(timeCommand(tablesOnlyArgs).seconds);
  const r = timeCommand(reproduceArgs);
  reproduce.push(r.seconds);
  peaks.push(r.peakKb);
}
rmSync(out, { recursive: true, force: true });
const fmt = (v: number[]) => v.map((s) => s.toFixed(2)).join(" ");
console.log(`bare node start     median ${median(node).toFixed(3)} s   (${fmt(node)})`);
console.log(`reproduce --mode paper median ${median(reproduce).toFixed(3)} s   (${fmt(reproduce)})`);
console.log(`reproduce --no-statistics median ${median(tablesOnly).toFixed(3)} s   (${fmt(tablesOnly)})`);
console.log(`ratio reproduce / node start  ${(median(reproduce) / median(node)).toFixed(1)}×`);
console.log(`ratio reproduce / --no-statistics  ${(median(reproduce) / median(tablesOnly)).toFixed(2)}×`);
console.log(`peak memory (max RSS)  median ${(median(peaks) / 1024).toFixed(0)} MiB, max ${(Math.max(...peaks) / 1024).toFixed(0)} MiB`);
