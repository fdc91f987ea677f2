/**
 * Scale of a run: peak resident memory and wall time of planning, estimating, resuming and scoring
 * N items, each phase in a fresh process so that its peak is its own. The grid is the real one
 * (every dataset, steering and method for one model, `samples` repeats: N ≈ 12,339 × samples) and
 * a setup process writes its run.json and a results.jsonl with an ok line per item, answers shaped
 * as a live model's (a percentage dict, 30 letters, top-20 log-probabilities). The phases:
 * - plan: the grid planned (`planGrid`: prompts, ids, metadata), data loading included;
 * - estimate: the executor's dry run on an empty folder (request keys, capability checks, estimate);
 * - resume: the same dry run on the folder whose results.jsonl holds every item (read, checked, all done);
 * - score: `scoreRunDir` from run.json, then items.csv and summary.csv, as `distalign score` writes them.
 * Phase times exclude the planning that estimate and resume do first; the peaks include it.
 * Each phase runs `runs` times, each in its own process; the medians are printed. A stand-in
 * backend answers nothing (no calls are made).
 * Usage: npx tsx bench/scale-bench.ts [sizes=20000,100000,200000] [runs=3]
 */
import { spawnSync } from "node:child_process";
import { closeSync, mkdtempSync, openSync, rmSync, writeFileSync, writeSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { capabilitiesFor } from "../src/backends/capabilities";
import type { Backend } from "../src/backends/types";
import { cacheKey } from "../src/cache/cache-key";
import { runItems } from "../src/executor/run-items";
import { mulberry32 } from "../src/random";
import { loadRunData, scoreRunDir } from "../src/run/benchmark-run";
import { planGrid, planUnits } from "../src/run/grid";
import { summaryRows, writeScoreFiles } from "../src/run/score-files";
import type { GridSpec } from "../src/run/types";
import { answerLine } from "../test/helpers/synthetic-results";
import { median } from "./timing";

const MODEL = "openai/gpt-4o-mini";
const PHASES = ["plan", "estimate", "resume", "score"] as const;
type Phase = (typeof PHASES)[number];

const backend: Backend = { id: MODEL, capabilities: capabilitiesFor(MODEL), cacheScope: "https://api.openai.com/v1", complete: () => Promise.reject(new Error("no calls")) };

function gridSpec(samples: number): GridSpec {
  return { models: [MODEL], datasets: ["opinionqa", "globalvalues", "nytimes"], steerings: ["none", "persona", "few-shot"], methods: ["verbalize", "sequence", "logprobs"], samples };
}

/** Writes run.json and a results.jsonl with an ok line for every item of the grid. */
function setup(dir: string, samples: number): number {
  const spec = gridSpec(samples);
  const { items } = planGrid(loadRunData(), spec);
  writeFileSync(join(dir, "run.json"), `${JSON.stringify({ ...spec, items: items.length }, null, 2)}\n`);
  const random = mulberry32(1);
  const descriptor = openSync(join(dir, "results.jsonl"), "w");
  for (let start = 0; start < items.length; start += 1000) {
    const chunk = items.slice(start, start + 1000).map((item) => JSON.stringify(answerLine(item, cacheKey(item.request, backend.cacheScope), random)));
    writeSync(descriptor, `${chunk.join("\n")}\n`);
  }
  closeSync(descriptor);
  return items.length;
}

async function phase(name: Phase, dir: string, samples: number): Promise<{ items: number; ms: number }> {
  let t = performance.now();
  const data = loadRunData();
  if (name === "score") {
    t = performance.now();
    const scores = scoreRunDir(data, dir);
    writeScoreFiles(dir, scores.rows, summaryRows(scores.rows));
    return { items: scores.rows.length, ms: performance.now() - t };
  }
  const { items } = planGrid(data, gridSpec(samples));
  if (name === "plan") return { items: items.length, ms: performance.now() - t };
  const folder = name === "resume" ? dir : mkdtempSync(join(tmpdir(), "distalign-scale-empty-"));
  t = performance.now();
  const summary = await runItems(items, { outputDir: folder, backend, dryRun: true, output: new PassThrough(), progress: "none" });
  const ms = performance.now() - t;
  const expected = name === "resume" ? items.length : 0;
  if (summary.estimate.alreadyDone !== expected) throw new Error(`scale-bench: ${summary.estimate.alreadyDone} of ${items.length} done (expected ${expected})`);
  if (name === "estimate") rmSync(folder, { recursive: true, force: true });
  return { items: items.length, ms };
}

interface Measured {
  readonly rssMb: number;
  readonly ms: number;
  readonly items: number;
}

function spawn(args: readonly string[]): { stdout: string; rssMb: number } {
  const run = spawnSync(process.execPath, ["-r", "./bench/report-rss.cjs", "--import", "tsx", "bench/scale-bench.ts", ...args], { encoding: "utf8", maxBuffer: 1 << 24 });
  if (run.status !== 0) throw new Error(run.stderr);
  return { stdout: run.stdout.trim().split("\n").at(-1) ?? "", rssMb: Number(/peak-rss-kb (\d+)/.exec(run.stderr)?.[1]) / 1024 };
}

function main(): void {
  const sizes = (process.argv[2] ?? "20000,100000,200000").split(",").map(Number);
  const runs = Number(process.argv[3] ?? 3);
  const units = planUnits(loadRunData(), gridSpec(1), { prompts: false }).length;
  const rows: { items: number; phases: Record<Phase, Measured> }[] = [];
  for (const size of sizes) {
    const samples = Math.max(1, Math.round(size / units));
    const dir = mkdtempSync(join(tmpdir(), "distalign-scale-"));
    try {
      const items = Number(spawn(["--setup", dir, String(samples)]).stdout);
      const phases = {} as Record<Phase, Measured>;
      const measured = new Map<Phase, Measured[]>(PHASES.map((name) => [name, []]));
      // Rounds of every phase in turn, so that a busy spell of the machine touches all phases alike.
      for (let round = 0; round < runs; round++) {
        for (const name of PHASES) {
          const run = spawn(["--phase", name, dir, String(samples)]);
          const result = JSON.parse(run.stdout) as { items: number; ms: number };
          measured.get(name)?.push({ rssMb: run.rssMb, ms: result.ms, items: result.items });
        }
      }
      for (const name of PHASES) {
        const all = measured.get(name) as Measured[];
        phases[name] = { rssMb: median(all.map((m) => m.rssMb)), ms: median(all.map((m) => m.ms)), items: (all[0] as Measured).items };
      }
      rows.push({ items, phases });
      process.stdout.write(
        `  ${items.toLocaleString("en-US").padStart(8)} items (${samples} samples), medians of ${runs}: ` +
          PHASES.map((name) => `${name} ${phases[name].rssMb.toFixed(0)} MB ${(phases[name].ms / 1000).toFixed(2)} s`).join(", ") +
          ` (score: ${phases.score.items.toLocaleString("en-US")} item rows)\n`,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  const first = rows[0];
  const last = rows.at(-1);
  if (first !== undefined && last !== undefined && last.items > first.items) {
    const slope = (name: Phase) => (((last.phases[name].rssMb - first.phases[name].rssMb) * 1024) / (last.items - first.items)).toFixed(2);
    process.stdout.write(`  growth of peak RSS per item, ${first.items} → ${last.items}: ${PHASES.map((name) => `${name} ${slope(name)} KB`).join(", ")}\n`);
  }
}

async function child(): Promise<void> {
  const [flag, a, b, c] = process.argv.slice(2);
  if (flag === "--setup") process.stdout.write(`${setup(a as string, Number(b))}\n`);
  else process.stdout.write(`${JSON.stringify(await phase(a as Phase, b as string, Number(c)))}\n`);
}

if (process.argv[2] === "--setup" || process.argv[2] === "--phase") {
  child().catch((error: unknown) => {
    process.stderr.write(`scale-bench: ${(error as Error).stack}\n`);
    process.exit(1);
  });
} else {
  main();
}
