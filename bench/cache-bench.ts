/**
 * Warm-cache lookups per second (target ≥ 20,000/s): `withCache(...).complete()` for requests
 * whose entries are on disk, with a backend that would fail if it were ever called.
 * - disk: a fresh wrapper each run, so every lookup hashes the request, reads and parses its file;
 * - memo: the same wrapper again, served from its in-process memo;
 * - disk, one at a time: awaiting each lookup before the next (latency-bound worst case).
 * Entries are realistic Log-p responses (one token, 20 alternatives).
 * Usage: npx tsx bench/cache-bench.ts [runs=5] [entries=2000]
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createOpenAiBackend } from "../src/backends/openai";
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
  for (let run = 0; run < runs; run += 1) {
    const cache = withCache(unreachable(), { dir, mode: "read-only" });
    let started = performance.now();
    const results = await Promise.all(requests.map((item) => cache.complete(item)));
    rates.disk.push(entries / ((performance.now() - started) / 1000));
    if (!results.every((result) => result.cached === true)) throw new Error("cache-bench: a lookup missed");
    started = performance.now();
    await Promise.all(requests.map((item) => cache.complete(item)));
    rates.memo.push(entries / ((performance.now() - started) / 1000));
    const fresh = withCache(unreachable(), { dir, mode: "read-only" });
    started = performance.now();
    for (const item of requests) await fresh.complete(item);
    rates.sequential.push(entries / ((performance.now() - started) / 1000));
  }
  rmSync(dir, { recursive: true, force: true });
  const show = (values: number[]) => `${Math.round(median(values))}/s (runs: ${values.map((value) => Math.round(value)).join(", ")})`;
  console.log(`warm lookups of ${entries} entries, median of ${runs} runs (target ≥ 20000/s):`);
  console.log(`  disk, concurrent:     ${show(rates.disk)}`);
  console.log(`  disk, one at a time:  ${show(rates.sequential)}`);
  console.log(`  memo (same process):  ${show(rates.memo)}`);
}

void main();
