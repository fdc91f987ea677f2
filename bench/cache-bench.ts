/**
 * Warm-cache lookups per second (target ≥ 20,000/s): `withCache(...).complete()` for requests
 * whose entries are on disk, with a backend that would fail if it were ever called.
 * - disk: a fresh wrapper each run, so every lookup hashes the request, reads and parses its file;
 * - memo: the same wrapper again, served from its in-process memo;
 * - disk, one at a time: awaiting each lookup before the next (latency-bound worst case).
 * Entries are realistic Log-p responses (one token, 20 alternatives). Besides wall-clock rates it
 * reports lookups per CPU-second of this process, which depends much less on machine load.
 * Usage: npx tsx bench/cache-bench.ts [runs=5] [entries=2000]
 */
import { mkdtempSync, rmSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { createOpenAiBackend } from "../src/backends/openai-backend";
import type { Completion, CompletionRequest } from "../src/backends/types";
import { CACHE_FORMAT_VERSION, cacheKey, cacheKeyMaterial } from "../src/cache/cache-key";
import { entryPath, writeEntryAtomic } from "../src/cache/cache-store";
import { withCache } from "../src/cache/with-cache";

const [runs = 5, entries = 2000] = process.argv.slice(2).map(Number);
const MODEL = "openai/gpt-4o-mini";
const FORMAT_EXAMPLES = "Question: …\nA. Strongly agree\nB. Agree\nC. Disagree\nD. Strongly disagree\nAnswer: B\n".repeat(5);

function request(index: number): CompletionRequest {
  return {
    model: MODEL,
    messages: [
      { role: "system", content: "You are a helpful assistant." },
      { role: "user", content: `${FORMAT_EXAMPLES}Question ${index}: how would a Democrat answer?` },
    ],
    temperature: 1,
    maxTokens: 1,
    topLogprobs: 20,
  };
}

const response: Completion = {
  text: "B",
  tokens: [{ token: "B", logprob: -0.4, topLogprobs: Array.from({ length: 20 }, (_, rank) => ({ token: String.fromCharCode(65 + rank), logprob: -0.4 - rank })) }],
  usage: { inputTokens: 180, outputTokens: 1 },
  model: "gpt-4o-mini-2024-07-18",
  finishReason: "stop",
};

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), "cache-bench-"));
  const requests = Array.from({ length: entries }, (_, index) => request(index));
  for (const item of requests) {
    const key = cacheKey(item);
    await writeEntryAtomic(entryPath(dir, MODEL, key), { formatVersion: CACHE_FORMAT_VERSION, key, request: cacheKeyMaterial(item), response, createdAt: new Date().toISOString() });
  }
  // Nothing listens on port 9: a call that got past the cache would fail the run.
  const unreachable = () => createOpenAiBackend(MODEL, { apiKey: "sk-bench-not-a-key", baseUrl: "http://127.0.0.1:9/v1", maxRetries: 0 });
  const rates = { disk: [] as number[], memo: [] as number[], sequential: [] as number[] };
  const cpuRates = { disk: [] as number[], memo: [] as number[], sequential: [] as number[] };
  async function measure(kind: keyof typeof rates, lookups: () => Promise<unknown>): Promise<void> {
    const cpu = process.cpuUsage();
    const started = performance.now();
    await lookups();
    const seconds = (performance.now() - started) / 1000;
    const used = process.cpuUsage(cpu);
    rates[kind].push(entries / seconds);
    cpuRates[kind].push(entries / ((used.user + used.system) / 1e6));
  }
  for (let run = 0; run < runs; run += 1) {
    const cache = withCache(unreachable(), { dir, mode: "read-only" });
    await measure("disk", async () => {
      const results = await Promise.all(requests.map((item) => cache.complete(item)));
      if (!results.every((result) => result.cached === true)) throw new Error("cache-bench: a lookup missed");
    });
    await measure("memo", () => Promise.all(requests.map((item) => cache.complete(item))));
    const fresh = withCache(unreachable(), { dir, mode: "read-only" });
    await measure("sequential", async () => {
      for (const item of requests) await fresh.complete(item);
    });
  }
  rmSync(dir, { recursive: true, force: true });
  const show = (kind: keyof typeof rates) =>
    `${Math.round(median(rates[kind]))}/s wall (runs: ${rates[kind].map((value) => Math.round(value)).join(", ")}); ${Math.round(median(cpuRates[kind]))}/CPU-s`;
  console.log(`warm lookups of ${entries} entries, median of ${runs} runs (target ≥ 20000/s); load average ${loadavg()[0]!.toFixed(1)} on ${cpus().length} cores:`);
  console.log(`  disk, concurrent:     ${show("disk")}`);
  console.log(`  disk, one at a time:  ${show("sequential")}`);
  console.log(`  memo (same process):  ${show("memo")}`);
}

void main();
