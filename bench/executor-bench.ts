/**
 * Executor throughput: 2,000 requests at concurrency 32 through the real OpenAI SDK and the executor
 * (cache off, results written to a temp folder) against the fake server answering after 100 ms.
 * The ideal wall time is 2000 / 32 × 0.1 s = 6.25 s; the target is at most 1.25 × that.
 * The server runs in its own process, as a real API would, so it does not compete with the
 * client for the event loop. Each round also times a baseline: the same calls through the same
 * backend with only p-limit around them (no executor), so the executor's own overhead is the ratio
 * executor / baseline, measured under the same machine load.
 * Usage: npx tsx bench/executor-bench.ts [runs=3] [requests=2000] [concurrency=32] [latencyMs=100]
 */
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { Writable } from "node:stream";
import { loadavg } from "node:os";
import pLimit from "p-limit";
import { createOpenAiBackend } from "../src/backends/openai-backend";
import { runItems } from "../src/executor/run-items";
import type { WorkItem } from "../src/executor/types";

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

/** Seconds to run every item through the executor (cache off, JSONL to a temp folder). */
async function timeExecutor(label: string): Promise<{ seconds: number; cpuSeconds: number; maxInFlight: number }> {
  const server = await startServerProcess();
  const outputDir = mkdtempSync(join(tmpdir(), "executor-bench-"));
  const backend = createOpenAiBackend(MODEL, { apiKey: "sk-bench-not-a-key", baseUrl: `${server.url}/v1`, maxRetries: 0 });
  const items = makeItems(label);
  const cpu = process.cpuUsage();
  const started = performance.now();
  const summary = await runItems(items, { outputDir, backend, concurrency, progress: "none", output: devNull });
  const seconds = (performance.now() - started) / 1000;
  const cpuSeconds = cpuSecondsSince(cpu);
  const stats = await server.stats();
  server.stop();
  rmSync(outputDir, { recursive: true, force: true });
  if (summary.ok !== requests) throw new Error(`executor-bench: ${summary.ok}/${requests} ok`);
  return { seconds, cpuSeconds, maxInFlight: stats.maxInFlight };
}

/** Seconds for the same calls with only p-limit around the backend. */
async function timeBaseline(label: string): Promise<{ seconds: number; cpuSeconds: number }> {
  const server = await startServerProcess();
  const backend = createOpenAiBackend(MODEL, { apiKey: "sk-bench-not-a-key", baseUrl: `${server.url}/v1`, maxRetries: 0 });
  const limit = pLimit(concurrency);
  const items = makeItems(label);
  const cpu = process.cpuUsage();
  const started = performance.now();
  await Promise.all(items.map((item) => limit(() => backend.complete(item.request))));
  const seconds = (performance.now() - started) / 1000;
  const cpuSeconds = cpuSecondsSince(cpu);
  server.stop();
  return { seconds, cpuSeconds };
}

function cpuSecondsSince(start: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1e6;
}

/** Where the executor's lines go: nowhere (a real stream, so it can be guarded like stdout). */
const devNull: NodeJS.WritableStream = new Writable({ write: (_chunk, _encoding, done) => done() });

async function main(): Promise<void> {
  const idealSeconds = (requests / concurrency) * (latencyMs / 1000);
  const executor = { seconds: [] as number[], cpuMs: [] as number[] };
  const bare = { seconds: [] as number[], cpuMs: [] as number[] };
  for (let run = 1; run <= runs; run += 1) {
    // Alternate the order so that warm-up and load drift do not favour one side.
    const bareFirst = run % 2 === 0;
    const before = bareFirst ? await timeBaseline(`b${run}`) : undefined;
    const timed = await timeExecutor(`r${run}`);
    const baseline = before ?? (await timeBaseline(`b${run}`));
    executor.seconds.push(timed.seconds);
    executor.cpuMs.push((1000 * timed.cpuSeconds) / requests);
    bare.seconds.push(baseline.seconds);
    bare.cpuMs.push((1000 * baseline.cpuSeconds) / requests);
    console.log(
      `run ${run}: executor ${timed.seconds.toFixed(2)} s (${(requests / timed.seconds).toFixed(0)} requests/s, ratio to ideal ${(timed.seconds / idealSeconds).toFixed(3)}, ` +
        `${executor.cpuMs.at(-1)!.toFixed(2)} ms CPU/request, server max in flight ${timed.maxInFlight}); ` +
        `bare SDK + p-limit ${baseline.seconds.toFixed(2)} s (${bare.cpuMs.at(-1)!.toFixed(2)} ms CPU/request); load average ${loadavg()[0]!.toFixed(1)}`,
    );
  }
  const typical = median(executor.seconds);
  const typicalBare = median(bare.seconds);
  console.log(
    `median of ${runs}: executor ${typical.toFixed(2)} s for ${requests} requests at concurrency ${concurrency}, ${latencyMs} ms latency; ` +
      `ideal ${idealSeconds.toFixed(2)} s; ratio to ideal ${(typical / idealSeconds).toFixed(3)} (target ≤ 1.25); ` +
      `bare SDK ${typicalBare.toFixed(2)} s (ratio ${(typicalBare / idealSeconds).toFixed(3)}); executor / bare ${(typical / typicalBare).toFixed(3)}; ` +
      `CPU per request ${median(executor.cpuMs).toFixed(2)} ms (executor) vs ${median(bare.cpuMs).toFixed(2)} ms (bare)`,
  );
}

void main();
