/**
 * `reproduce --mode paper` here against the same command at an earlier commit, in fresh
 * processes, interleaved, medians and their ratio. The earlier commit is checked out into a
 * temporary git worktree that shares this checkout's node_modules, and removed afterwards.
 *
 * Each version runs from its own root: tsx applies the tsconfig of the working directory only to
 * files it includes, so a tree started from another folder is compiled without "use strict",
 * which changes V8's speed on the bootstrap loop by about 15% and would make the comparison unfair.
 *
 * The earlier commit's reproduce computed the paper's tables only, and corrected mode resampled
 * values independently; this one is timed doing the same work (`--no-statistics`, and in
 * corrected mode `--resampling independent`) and, for information, with every statistic. The
 * tables both versions write are compared, and the benchmark stops if any differs.
 *
 *   npx tsx bench/reproduce-vs-commit.ts COMMIT [runs]      (default 5 runs; data: DISTALIGN_DATA_DIR)
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { median } from "./timing";

const [commit, runsArg] = process.argv.slice(2);
if (commit === undefined) {
  console.error("usage: npx tsx bench/reproduce-vs-commit.ts COMMIT [runs]");
  process.exit(2);
}
const runs = Number(runsArg ?? 5);
const root = join(__dirname, "..");
const scratch = mkdtempSync(join(tmpdir(), "distalign-vs-"));
const before = join(scratch, "before");

function git(...args: string[]): void {
  const result = spawnSync("git", args, { cwd: root, encoding: "utf8" });
  if (result.status !== 0) throw new Error(`git ${args.join(" ")}: ${result.stderr.trim()}`);
}

/** Wall seconds of one `reproduce` in a fresh process started from `tree`. */
function timeReproduce(tree: string, args: string[]): number {
  const start = process.hrtime.bigint();
  const result = spawnSync(process.execPath, [join(tree, "bin", "distalign.cjs"), "reproduce", "--quiet", ...args], { cwd: tree, encoding: "utf8" });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  if (result.status !== 0) throw new Error(`reproduce in ${tree} failed:\n${result.stderr}`);
  return seconds;
}

/** The CSV files of an output folder, name → content. */
function tables(dir: string): Map<string, string> {
  return new Map(readdirSync(dir).filter((f) => f.endsWith(".csv")).map((f) => [f, readFileSync(join(dir, f), "utf8")]));
}

git("worktree", "add", "--detach", before, commit);
try {
  symlinkSync(join(root, "node_modules"), join(before, "node_modules"));
  const short = commit.slice(0, 7);
  const out = (name: string) => ["--out", join(scratch, name)];
  // The same work in both versions: the paper's tables; in corrected mode with the earlier commit's independent resampling.
  const versions: Record<string, { tree: string; mode: "paper" | "corrected"; args: string[] }> = {
    [`${short} paper`]: { tree: before, mode: "paper", args: out("before-paper") },
    "now paper, --no-statistics": { tree: root, mode: "paper", args: ["--no-statistics", ...out("now-paper")] },
    [`${short} corrected`]: { tree: before, mode: "corrected", args: out("before-corrected") },
    "now corrected, --no-statistics --resampling independent": { tree: root, mode: "corrected", args: ["--no-statistics", "--resampling", "independent", ...out("now-corrected")] },
    "now paper, every statistic": { tree: root, mode: "paper", args: out("now-statistics") },
  };
  // Warm-up: fills tsx's transpile cache for both trees.
  for (const { tree, mode, args } of Object.values(versions)) timeReproduce(tree, ["--mode", mode, ...args]);
  const seconds: Record<string, number[]> = Object.fromEntries(Object.keys(versions).map((name) => [name, []]));
  for (let i = 0; i < runs; i++) for (const [name, { tree, mode, args }] of Object.entries(versions)) seconds[name]?.push(timeReproduce(tree, ["--mode", mode, ...args]));

  for (const mode of ["paper", "corrected"]) {
    const old = tables(join(scratch, `before-${mode}`));
    const now = tables(join(scratch, `now-${mode}`));
    const differing = [...old.keys()].filter((name) => now.get(name) !== old.get(name));
    if (differing.length > 0) throw new Error(`${mode} mode: the tables differ from ${commit}'s: ${differing.join(", ")}`);
    console.log(`${mode} mode: the ${old.size} tables written by both versions are identical`);
  }
  console.log(`${runs} interleaved runs each, ${cpus().length} cores, load average ${loadavg().map((l) => l.toFixed(1)).join(" ")}`);
  const m = (name: string) => median(seconds[name] as number[]);
  for (const [name, list] of Object.entries(seconds)) {
    const mode = versions[name]?.mode;
    console.log(`${name.padEnd(56)} median ${m(name).toFixed(2)} s  (${list.map((s) => s.toFixed(2)).join(" ")})  ${(m(name) / m(`${short} ${mode}`)).toFixed(2)}× of ${short}`);
  }
} finally {
  // The link goes first, so removing the worktree cannot reach into node_modules.
  rmSync(join(before, "node_modules"), { force: true });
  if (existsSync(before)) git("worktree", "remove", "--force", before);
  rmSync(scratch, { recursive: true, force: true });
}
