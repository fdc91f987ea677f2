/**
 * Adaptive concurrency against a rate limit. A local server speaking the chat-completions wire
 * format allows a fixed request rate (a token bucket: `rate` per second, one second's worth of
 * burst; the providers' per-minute buckets hold a minute's worth), answers 429 (with `retry-after-ms`) above it, and sends OpenAI's rate-limit
 * headers (`x-ratelimit-limit-requests`, `x-ratelimit-remaining-requests`, and
 * `x-ratelimit-reset-requests`, the time until the bucket is full again) on every answer; each
 * answer takes `latencyMs` (`headers=no-reset` leaves the reset header out, as some compatible
 * servers do: requests are then not paced and the adaptive limit alone avoids 429s). The executor sends `requests` calls through the real OpenAI SDK, once
 * at a fixed concurrency and once adaptive (the same start, ceiling 64), from a low and a high
 * start, in the same process and round; beside them, the SDK alone at a fixed concurrency (p-limit), retrying 429s
 * itself, as a client without the executor does. Reported per configuration, medians of `runs` rounds:
 * throughput of answered calls as a share of the allowed rate, and the share of HTTP responses
 * that were 429s. Target: adaptive ≥ 90% of the allowed rate with < 2% 429s.
 * Usage: npx tsx bench/adaptive-bench.ts [runs=3] [requests=1500] [rate=200] [latencyMs=50] [headers=reset|no-reset]
 */
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:http";
import OpenAI from "openai";
import pLimit from "p-limit";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { createOpenAiBackend } from "../src/backends/openai-backend";
import { runItems } from "../src/executor/run-items";
import type { WorkItem } from "../src/executor/types";
import { openAiCompletion } from "../test/helpers/fake-server";
import { median } from "./timing";

const [runs = 3, requests = 1500, rate = 200, latencyMs = 50] = process.argv.slice(2, 6).map(Number);
const sendReset = (process.argv[6] ?? "reset") !== "no-reset";
const MODEL = "openai/gpt-4o-mini";
const BURST = Math.max(1, Math.round(rate));

async function startRateLimitedServer() {
  let tokens = BURST;
  let refilledAt = performance.now();
  const counts = { ok: 0, tooMany: 0 };
  let sequence = 0;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const now = performance.now();
      tokens = Math.min(BURST, tokens + ((now - refilledAt) * rate) / 1000);
      refilledAt = now;
      const reset: Record<string, string> = sendReset ? { "x-ratelimit-reset-requests": `${Math.ceil(((BURST - tokens) * 1000) / rate)}ms` } : {};
      if (tokens < 1) {
        counts.tooMany += 1;
        const text = JSON.stringify({ error: { message: "Rate limit reached for requests", type: "requests", param: null, code: "rate_limit_exceeded" } });
        res.writeHead(429, { "content-type": "application/json", "retry-after-ms": String(Math.ceil(1000 / rate)), "x-ratelimit-limit-requests": String(BURST), "x-ratelimit-remaining-requests": "0", ...reset });
        res.end(text);
        return;
      }
      tokens -= 1;
      counts.ok += 1;
      const remaining = Math.floor(tokens);
      const resetAfter: Record<string, string> = sendReset ? { "x-ratelimit-reset-requests": `${Math.ceil(((BURST - tokens) * 1000) / rate)}ms` } : {};
      sequence += 1;
      const body = JSON.parse(Buffer.concat(chunks).toString("utf8"));
      const text = JSON.stringify(openAiCompletion({ api: "openai", body, headers: {}, promptKey: "", attempt: 1, sequence, arrivedAt: now }, { text: "A" }));
      setTimeout(() => {
        res.writeHead(200, { "content-type": "application/json", "x-ratelimit-limit-requests": String(BURST), "x-ratelimit-remaining-requests": String(remaining), ...resetAfter });
        res.end(text);
      }, latencyMs);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`,
    take: () => {
      const taken = { ...counts };
      counts.ok = 0;
      counts.tooMany = 0;
      return taken;
    },
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

interface Outcome {
  readonly throughputShare: number;
  readonly tooManyShare: number;
  readonly failed: number;
}

async function once(url: string, take: () => { ok: number; tooMany: number }, concurrency: number, maxConcurrency: number, round: number): Promise<Outcome> {
  const dir = mkdtempSync(join(tmpdir(), "distalign-adaptive-"));
  const backend = createOpenAiBackend(MODEL, { apiKey: "sk-bench", baseUrl: url, maxRetries: 8 });
  const items: WorkItem[] = Array.from({ length: requests }, (_, i) => ({ id: `i${i}`, request: { model: MODEL, messages: [{ role: "user", content: `r${round} c${concurrency}/${maxConcurrency} ${i}` }], maxTokens: 1 } }));
  take();
  const started = performance.now();
  const summary = await runItems(items, { outputDir: dir, backend, concurrency, maxConcurrency, progress: "none", output: new PassThrough() });
  const seconds = (performance.now() - started) / 1000;
  const counts = take();
  rmSync(dir, { recursive: true, force: true });
  return { throughputShare: summary.ok / seconds / rate, tooManyShare: counts.tooMany / (counts.ok + counts.tooMany), failed: summary.failed };
}

/** The same calls through the SDK alone at a fixed concurrency, the SDK retrying 429s (up to 8 times). */
async function bare(url: string, take: () => { ok: number; tooMany: number }, concurrency: number, round: number): Promise<Outcome> {
  const client = new OpenAI({ apiKey: "sk-bench", baseURL: url, maxRetries: 8 });
  const limit = pLimit(concurrency);
  take();
  const started = performance.now();
  const outcomes = await Promise.all(
    Array.from({ length: requests }, (_, i) =>
      limit(() =>
        client.chat.completions
          .create({ model: MODEL.slice("openai/".length), messages: [{ role: "user", content: `r${round} bare${concurrency} ${i}` }], max_completion_tokens: 1 })
          .then(() => true, () => false),
      ),
    ),
  );
  const seconds = (performance.now() - started) / 1000;
  const counts = take();
  const ok = outcomes.filter(Boolean).length;
  return { throughputShare: ok / seconds / rate, tooManyShare: counts.tooMany / (counts.ok + counts.tooMany), failed: requests - ok };
}

async function main(): Promise<void> {
  const server = await startRateLimitedServer();
  const optimal = (rate * latencyMs) / 1000;
  process.stdout.write(`adaptive-bench: ${requests} calls per run, allowed ${rate}/s (burst ${BURST}), ${latencyMs} ms per answer (concurrency ${optimal} fills the rate), ${runs} rounds${sendReset ? "" : ", no reset header"}\n`);
  const configs: { name: string; concurrency: number; max: number; bare?: true }[] = [
    { name: "SDK alone, 4", concurrency: 4, max: 4, bare: true },
    { name: "SDK alone, 32", concurrency: 32, max: 32, bare: true },
    { name: "fixed 4", concurrency: 4, max: 4 },
    { name: "adaptive 4→≤64", concurrency: 4, max: 64 },
    { name: "fixed 32", concurrency: 32, max: 32 },
    { name: "adaptive 32→≤64", concurrency: 32, max: 64 },
  ];
  const results = new Map<string, Outcome[]>(configs.map((c) => [c.name, []]));
  for (let round = 0; round < runs; round++) {
    for (const config of configs) {
      const outcome = config.bare === true ? await bare(server.url, server.take, config.concurrency, round) : await once(server.url, server.take, config.concurrency, config.max, round);
      results.get(config.name)!.push(outcome);
    }
  }
  for (const config of configs) {
    const outcomes = results.get(config.name)!;
    const throughput = median(outcomes.map((o) => o.throughputShare));
    const tooMany = median(outcomes.map((o) => o.tooManyShare));
    const failed = outcomes.reduce((s, o) => s + o.failed, 0);
    process.stdout.write(`  ${config.name.padEnd(18)} throughput ${(100 * throughput).toFixed(1)}% of allowed, 429s ${(100 * tooMany).toFixed(2)}% of responses, ${failed} failed calls (all rounds)\n`);
  }
  await server.close();
}

main().catch((error: unknown) => {
  process.stderr.write(`adaptive-bench: ${(error as Error).stack}\n`);
  process.exit(1);
});
