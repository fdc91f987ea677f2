/**
 * Wall time and peak memory of `distalign reproduce` at its default settings (all tables and
 * statistics, 1000 bootstrap replicates), in paper and in corrected mode, each in a fresh process,
 * beside the reading of the data measured in the same run: `bench/load-data.cjs` reads and checks
 * everything reproduce reads before it computes (the same files, through the same modules). The
 * speed goal is reproduce ≤ 8× the reading, in both modes. Also shown: a bare `node` start and
 * paper mode with `--no-statistics` (the paper's tables only), so the cost of the statistics shows.
 * Runs are interleaved so a change in the machine's load touches every command alike; medians.
 *
 *   npx tsx bench/reproduce-bench.ts [runs]      (default 3; data: DISTALIGN_DATA_DIR, else data/upstream)
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { median } from "./timing";

const runs = Number(process.argv[2] ?? 3);
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

const reproduceArgs = (mode: string) => [join(root, "bin", "distalign.cjs"), "reproduce", "--mode", mode, "--quiet", "--out", join(out, mode)];
const commands: Record<string, string[]> = {
  "bare node start": ["-e", ""],
  "read and check the data": [join(root, "bench", "load-data.cjs")],
  "reproduce --mode paper": reproduceArgs("paper"),
  "reproduce --mode corrected": reproduceArgs("corrected"),
  "reproduce --mode paper --no-statistics": [...reproduceArgs("paper"), "--no-statistics"],
};
// Warm-up: fills the TypeScript transpile cache, as any second run finds it.
timeCommand(commands["reproduce --mode corrected"] as string[]);
const seconds: Record<string, number[]> = Object.fromEntries(Object.keys(commands).map((name) => [name, []]));
const peaks: Record<string, number[]> = Object.fromEntries(Object.keys(commands).map((name) => [name, []]));
for (let i = 0; i < runs; i++) {
  for (const [name, args] of Object.entries(commands)) {
    const r = timeCommand(args);
    seconds[name]?.push(r.seconds);
    peaks[name]?.push(r.peakKb);
  }
}
rmSync(out, { recursive: true, force: true });
const m = (name: string) => median(seconds[name] as number[]);
console.log(`${runs} interleaved runs each, ${cpus().length} cores, load average ${loadavg().map((l) => l.toFixed(1)).join(" ")}`);
for (const name of Object.keys(commands)) {
  const fmt = (seconds[name] as number[]).map((s) => s.toFixed(2)).join(" ");
  console.log(`${name.padEnd(40)} median ${m(name).toFixed(2)} s  (${fmt})  peak RSS ${(median(peaks[name] as number[]) / 1024).toFixed(0)} MiB`);
}
const load = m("read and check the data");
for (const mode of ["paper", "corrected"]) {
  const ratio = m(`reproduce --mode ${mode}`) / load;
  console.log(`ratio reproduce --mode ${mode} / reading the data  ${ratio.toFixed(2)}×  (goal ≤ 8×: ${ratio <= 8 ? "met" : "NOT met"})`);
}
console.log(`ratio reproduce --mode paper / --no-statistics  ${(m("reproduce --mode paper") / m("reproduce --mode paper --no-statistics")).toFixed(2)}×`);
