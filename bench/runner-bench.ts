/**
 * Runner throughput: 2,000 requests at concurrency 32 through the real OpenAI SDK and the runner
 * (cache off, results written to a temp folder) against the fake server answering after 100 ms.
 * The ideal wall time is 2000 / 32 × 0.1 s = 6.25 s; the target is at most 1.25 × that.
 * The server runs in its own process, as a real API would, so it does not compete with the
 * client for the event loop. Each round also times a baseline: the same calls through the same
 * backend with only p-limit around them (no runner), so the runner's own overhead is the ratio
 * runner / baseline, measured under the same machine load.
 * Usage: npx tsx bench/runner-bench.ts [runs=3] [requests=2000] [concurrency=32] [latencyMs=100]
 */
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { loadavg } from "node:os";
import pLimit from "p-limit";
import { createOpenAiBackend } from "../src/backends/openai";
import { runItems } from "../src/runner/run-items";
import type { WorkItem } from "../src/runner/types";

const [runs = 3, requests = 2000, concurrency = 32, latencyMs = 100] = process.argv.slice(2).map(Number);
const MODEL = "openai/gpt-4o-mini";

interface ServerProcess {
  url: string;
  stats(): Promise<{ maxInFlight: number; totalReceived: number }>;
  stop(): void;
}

async function startServerProcess(): Promise<ServerProcess> {
  const child = spawn(process.execPath, ["--import", "tsx", "test/helpers/fake-server-process.ts", String(latencyMs)], { stdio: ["pipe", "pipe", "inherit"] });
  const lines = createInterface({ input: child.stdout });
  const nextLine = () => new Promise<string>((resolve) => lines.once("line", resolve));
  const { url } = JSON.parse(await nextLine()) as { url: string };
  return {
    url,
    stats: async () => {
      const reply = nextLine();
      child.stdin.write("stats\n");
      return JSON.parse(await reply);
    },
    stop: () => child.stdin.end(),
  };
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

function makeItems(label: string): WorkItem[] {
  return Array.from({ length: requests }, (_, index) => ({
    id: `item-${index}`,
    request: { model: MODEL, messages: [{ role: "user", content: `${label} prompt ${index}` }], temperature: 1, maxTokens: 1, topLogprobs: 20 },
  }));
}

/** Seconds to run every item through the runner (cache off, JSONL to a temp folder). */
async function timeRunner(label: string): Promise<{ seconds: number; maxInFlight: number }> {
  const server = await startServerProcess();
  const outputDir = mkdtempSync(join(tmpdir(), "runner-bench-"));
  const backend = createOpenAiBackend(MODEL, { apiKey: "sk-bench-not-a-key", baseUrl: `${server.url}/v1`, maxRetries: 0 });
  const items = makeItems(label);
  const started = performance.now();
  const summary = await runItems(items, { outputDir, backend, concurrency, progress: "none", output: devNull });
  const seconds = (performance.now() - started) / 1000;
  const stats = await server.stats();
  server.stop();
  rmSync(outputDir, { recursive: true, force: true });
  if (summary.ok !== requests) throw new Error(`runner-bench: ${summary.ok}/${requests} ok`);
  return { seconds, maxInFlight: stats.maxInFlight };
}

/** Seconds for the same calls with only p-limit around the backend. */
async function timeBaseline(label: string): Promise<number> {
  const server = await startServerProcess();
  const backend = createOpenAiBackend(MODEL, { apiKey: "sk-bench-not-a-key", baseUrl: `${server.url}/v1`, maxRetries: 0 });
  const limit = pLimit(concurrency);
  const started = performance.now();
  await Promise.all(makeItems(label).map((item) => limit(() => backend.complete(item.request))));
  const seconds = (performance.now() - started) / 1000;
  server.stop();
  return seconds;
}

const devNull = { write: () => true, isTTY: false } as unknown as NodeJS.WritableStream;

async function main(): Promise<void> {
  const idealSeconds = (requests / concurrency) * (latencyMs / 1000);
  const runnerSeconds: number[] = [];
  const baselineSeconds: number[] = [];
  for (let run = 1; run <= runs; run += 1) {
    // Alternate the order so that warm-up and load drift do not favour one side.
    const baselineFirst = run % 2 === 0;
    const baseline = baselineFirst ? await timeBaseline(`b${run}`) : undefined;
    const runner = await timeRunner(`r${run}`);
    const baselineAfter = baseline ?? (await timeBaseline(`b${run}`));
    runnerSeconds.push(runner.seconds);
    baselineSeconds.push(baselineAfter);
    console.log(
      `run ${run}: runner ${runner.seconds.toFixed(2)} s (${(requests / runner.seconds).toFixed(0)} requests/s, ratio to ideal ${(runner.seconds / idealSeconds).toFixed(3)}, ` +
        `server max in flight ${runner.maxInFlight}); bare SDK + p-limit ${baselineAfter.toFixed(2)} s; load average ${loadavg()[0]!.toFixed(1)}`,
    );
  }
  const typical = median(runnerSeconds);
  const typicalBaseline = median(baselineSeconds);
  console.log(
    `median of ${runs}: runner ${typical.toFixed(2)} s for ${requests} requests at concurrency ${concurrency}, ${latencyMs} ms latency; ` +
      `ideal ${idealSeconds.toFixed(2)} s; ratio to ideal ${(typical / idealSeconds).toFixed(3)} (target ≤ 1.25); ` +
      `bare SDK ${typicalBaseline.toFixed(2)} s (ratio to ideal ${(typicalBaseline / idealSeconds).toFixed(3)}); runner / bare ${(typical / typicalBaseline).toFixed(3)}`,
  );
}

void main();
