/**
 * Scale of a run: memory and time of planning, estimating and resuming N items, measured in a
 * fresh process per size so the peak resident memory is the size's own. Items are synthetic but
 * shaped as a grid's: one prompt (system + user messages) per unit, shared by the unit's samples
 * and models, as `planGrid` shares them. Each size: build the items; a dry run of the real executor
 * (resume plan, request keys, capability checks, estimate) on an empty folder; then the same on a
 * folder whose results.jsonl already holds an ok line for every item (the resume path: the file
 * read, every line checked). A stand-in backend answers nothing (no calls are made).
 * Usage: npx tsx bench/scale-bench.ts [sizes=20000,100000,200000]
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { capabilitiesFor } from "../src/backends/capabilities";
import type { Backend, ChatMessage } from "../src/backends/types";
import { cacheKey } from "../src/cache/cache-key";
import { runItems } from "../src/executor/run-items";
import type { WorkItem } from "../src/executor/types";

const MODEL = "openai/gpt-4o-mini";
const SAMPLES = 4;

function items(count: number): WorkItem[] {
  const out: WorkItem[] = [];
  let messages: readonly ChatMessage[] = [];
  for (let i = 0; i < count; i++) {
    if (i % SAMPLES === 0) {
      const unit = i / SAMPLES;
      messages = [
        { role: "system", content: `You are a member of group ${unit % 17}. Answer as they would.` },
        { role: "user", content: `Question ${unit}: ${"How strongly do you agree with the statement? ".repeat(12)}\nA. Strongly agree\nB. Agree\nC. Disagree\nD. Strongly disagree\nAnswer:` },
      ];
    }
    out.push({ id: `${MODEL}|unit-${Math.floor(i / SAMPLES)}|s${i % SAMPLES}`, request: { model: MODEL, messages, maxTokens: 16, temperature: 1, sampleIndex: i % SAMPLES }, meta: { unit: Math.floor(i / SAMPLES), sample: i % SAMPLES } });
  }
  return out;
}

const backend: Backend = { id: MODEL, capabilities: capabilitiesFor(MODEL), cacheScope: "https://api.openai.com/v1", complete: () => Promise.reject(new Error("no calls")) };

async function child(count: number): Promise<void> {
  const times: Record<string, number> = {};
  let t = performance.now();
  const work = items(count);
  times.build = performance.now() - t;
  const dir = mkdtempSync(join(tmpdir(), "distalign-scale-"));
  t = performance.now();
  await runItems(work, { outputDir: dir, backend, dryRun: true, output: new PassThrough(), progress: "none" });
  times.planEstimate = performance.now() - t;
  const lines = work.map((item) =>
    JSON.stringify({ id: item.id, model: MODEL, requestKey: cacheKey(item.request, backend.cacheScope), meta: item.meta, status: "ok", completion: { text: "{'A': '40%', 'B': '30%', 'C': '20%', 'D': '10%'}", usage: { inputTokens: 120, outputTokens: 16 }, model: "gpt-4o-mini-2024-07-18", finishReason: "stop" }, cached: false, costUsd: 0.00003, finishedAt: "2026-12-01T00:00:00.000Z", elapsedMs: 300 }),
  );
  writeFileSync(join(dir, "results.jsonl"), `${lines.join("\n")}\n`);
  lines.length = 0;
  t = performance.now();
  const summary = await runItems(work, { outputDir: dir, backend, dryRun: true, output: new PassThrough(), progress: "none" });
  times.resume = performance.now() - t;
  if (summary.estimate.alreadyDone !== count) throw new Error(`scale-bench: ${summary.estimate.alreadyDone} of ${count} done on resume`);
  rmSync(dir, { recursive: true, force: true });
  process.stdout.write(`${JSON.stringify({ count, times, heapMb: process.memoryUsage().heapUsed / 2 ** 20 })}\n`);
}

function main(): void {
  const sizes = (process.argv[2] ?? "20000,100000,200000").split(",").map(Number);
  const rows: { count: number; rssMb: number; times: Record<string, number> }[] = [];
  for (const count of sizes) {
    const run = spawnSync(process.execPath, ["-r", "./bench/report-rss.cjs", "--import", "tsx", "bench/scale-bench.ts", "--child", String(count)], { encoding: "utf8", maxBuffer: 1 << 24 });
    const rss = Number(/peak-rss-kb (\d+)/.exec(run.stderr)?.[1]) / 1024;
    const result = JSON.parse(run.stdout.trim().split("\n").at(-1) ?? "{}") as { times: Record<string, number> };
    if (run.status !== 0) throw new Error(run.stderr);
    rows.push({ count, rssMb: rss, times: result.times });
    process.stdout.write(
      `  ${String(count).padStart(7)} items: peak RSS ${rss.toFixed(0)} MB; build ${(result.times.build! / 1000).toFixed(2)} s, plan+estimate ${(result.times.planEstimate! / 1000).toFixed(2)} s, resume (read + check results.jsonl) ${(result.times.resume! / 1000).toFixed(2)} s\n`,
    );
  }
  const first = rows[0]!;
  const last = rows.at(-1)!;
  if (rows.length > 1) process.stdout.write(`  growth: ${(((last.rssMb - first.rssMb) * 1024) / (last.count - first.count)).toFixed(2)} KB per item (peak RSS, ${first.count} → ${last.count})\n`);
}

if (process.argv[2] === "--child") {
  child(Number(process.argv[3])).catch((error: unknown) => {
    process.stderr.write(`scale-bench: ${(error as Error).stack}\n`);
    process.exit(1);
  });
} else {
  main();
}
