import { getEventListeners } from "node:events";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createAnthropicBackend } from "../../src/backends/anthropic-backend";
import { createOpenAiBackend } from "../../src/backends/openai-backend";
import type { Backend, CompletionRequest } from "../../src/backends/types";
import { cacheKey } from "../../src/cache/cache-key";
import { withCache, type CacheMode } from "../../src/cache/with-cache";
import { UsageError } from "../../src/errors";
import type { PriceTable } from "../../src/executor/prices";
import { readResults } from "../../src/executor/results-file";
import { runItems, SUMMARY_FILE } from "../../src/executor/run-items";
import type { ResultLine, RunOptions, WorkItem } from "../../src/executor/types";
import { captureStream } from "../helpers/capture-stream";
import { startFakeServer, type FakeServer, type FakeServerOptions } from "../helpers/fake-server";
import { makeTempDir } from "../helpers/temp-dir";

const KEY = "sk-test-runner-0123456789abcdef";
const MODEL = "openai/gpt-4o-mini";
let server: FakeServer | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
});

interface Setup {
  server: FakeServer;
  backend: Backend;
  cacheDir: string;
  outputDir: string;
  run: (items: readonly WorkItem[], options?: Partial<RunOptions>) => ReturnType<typeof runItems>;
}

async function setup(serverOptions: FakeServerOptions = {}, options: { cacheMode?: CacheMode; maxRetries?: number; timeoutMs?: number } = {}): Promise<Setup> {
  const fake = await startFakeServer(serverOptions);
  server = fake;
  const cacheDir = makeTempDir();
  const outputDir = makeTempDir();
  const raw = createOpenAiBackend(MODEL, { apiKey: KEY, baseUrl: fake.openAiBaseUrl, maxRetries: options.maxRetries ?? 0, timeoutMs: options.timeoutMs ?? 10_000 });
  const backend = options.cacheMode === "off" ? raw : withCache(raw, { dir: cacheDir, mode: options.cacheMode ?? "read-write", warn: () => undefined });
  const run = (items: readonly WorkItem[], extra: Partial<RunOptions> = {}) =>
    runItems(items, { outputDir, backend, concurrency: 4, progress: "none", output: captureStream(), ...extra });
  return { server: fake, backend, cacheDir, outputDir, run };
}

function ask(content: string): CompletionRequest {
  return { model: MODEL, messages: [{ role: "user", content }], temperature: 1, maxTokens: 1 };
}

function makeItems(count: number): WorkItem<{ index: number }>[] {
  return Array.from({ length: count }, (_, index) => ({ id: `item-${index}`, request: ask(`prompt ${index}`), meta: { index } }));
}

function linesOf(outputDir: string): ResultLine[] {
  const file = join(outputDir, "results.jsonl");
  if (!existsSync(file)) return [];
  return readFileSync(file, "utf8").split("\n").filter((line) => line !== "").map((line) => JSON.parse(line) as ResultLine);
}

describe("runItems", () => {
  it("records one ok line per item with usage, cost, meta and request key", async () => {
    const { run, outputDir, backend } = await setup();
    const items = makeItems(10);
    const summary = await run(items);
    const lines = linesOf(outputDir);
    expect(lines).toHaveLength(10);
    expect(new Set(lines.map((line) => line.id))).toEqual(new Set(items.map((item) => item.id)));
    const first = lines.find((line) => line.id === "item-3")!;
    expect(first).toMatchObject({ status: "ok", model: MODEL, cached: false, meta: { index: 3 }, requestKey: cacheKey(items[3]!.request, backend.cacheScope) });
    if (first.status !== "ok") throw new Error("expected ok");
    expect(first.completion.text).toBe("A");
    expect(first.costUsd).toBeGreaterThan(0);
    expect(summary).toMatchObject({ total: 10, ok: 10, failed: 0, interrupted: 0, notLaunched: 0, cachedHits: 0 });
    expect(summary.costUsd).toBeCloseTo(lines.reduce((sum, line) => sum + (line.status === "ok" ? (line.costUsd ?? 0) : 0), 0), 12);
    expect(JSON.parse(readFileSync(join(outputDir, SUMMARY_FILE), "utf8")).ok).toBe(10);
  });

  it("never has more requests in flight than the concurrency limit", async () => {
    const { run, server } = await setup({ latencyMs: 100 }, { cacheMode: "off" });
    await run(makeItems(24), { concurrency: 4 });
    expect(server.stats.totalReceived).toBe(24);
    expect(server.stats.maxInFlight).toBe(4);
  });

  it("ends every fault in a retry or a recorded failure, losing no item", async () => {
    const faults: FakeServerOptions["fault"] = (request) => {
      if (request.promptKey === "prompt 0" && request.attempt === 1) return { kind: "rate-limit", retryAfterSeconds: 0 };
      if (request.promptKey === "prompt 1") return { kind: "server-error" };
      if (request.promptKey === "prompt 2") return { kind: "hang" };
      if (request.promptKey === "prompt 3") return { kind: "malformed-json" };
      return undefined;
    };
    const { run, outputDir, server } = await setup({ fault: faults }, { maxRetries: 1, timeoutMs: 300 });
    const summary = await run(makeItems(8));
    const byId = new Map(linesOf(outputDir).map((line) => [line.id, line]));
    expect(byId.size).toBe(8);
    expect(linesOf(outputDir)).toHaveLength(8);
    expect(byId.get("item-0")!.status).toBe("ok");
    for (const id of ["item-1", "item-2", "item-3"]) {
      const line = byId.get(id)!;
      expect(line.status, id).toBe("failed");
      if (line.status === "failed") expect(line.error.name).toBe("BackendError");
    }
    expect(summary).toMatchObject({ ok: 5, failed: 3 });
    expect(server.received.get("prompt 0")).toBe(2);
    expect(server.received.get("prompt 1")).toBe(2);
    expect(server.received.get("prompt 2")).toBe(2);
  });

  it("resumes: skips ok items, reports failed ones, retries them only when asked", async () => {
    let broken = true;
    const { run, server } = await setup({ fault: (request) => (broken && request.promptKey === "prompt 1" ? { kind: "server-error" } : undefined) });
    const items = makeItems(6);
    expect((await run(items)).failed).toBe(1);
    broken = false;

    const output = captureStream();
    const second = await run(items, { output });
    expect(second).toMatchObject({ ok: 0, failed: 0, estimate: { alreadyDone: 5, skippedFailed: 1, toRun: 0 } });
    expect(output.text()).toContain("1 items failed before (1 failed) and are skipped");
    expect(server.stats.totalReceived).toBe(6);

    const third = await run(items, { retryFailed: true });
    expect(third).toMatchObject({ ok: 1, failed: 0 });
    expect(server.stats.totalReceived).toBe(7);
  });

  it("tolerates a torn last line, reports it, and re-runs that item from the cache", async () => {
    const { run, outputDir, server } = await setup();
    const items = makeItems(5);
    await run(items);
    const file = join(outputDir, "results.jsonl");
    const lines = readFileSync(file, "utf8").trimEnd().split("\n");
    const torn = lines.pop()!;
    writeFileSync(file, `${lines.join("\n")}\n${torn.slice(0, Math.floor(torn.length / 2))}`);

    const output = captureStream();
    const summary = await run(items, { output });
    expect(output.text()).toMatch(/results\.jsonl line 5: torn last line ignored/);
    expect(summary).toMatchObject({ ok: 1, cachedHits: 1, warnings: [expect.stringContaining("line 5")] });
    expect(server.stats.totalReceived).toBe(5);
    const reread = readResults(file);
    expect(reread.latest.size).toBe(5);
    expect([...reread.latest.values()].every((line) => line.status === "ok")).toBe(true);
    expect(reread.warnings).toEqual([expect.stringContaining("line 5: not a JSON line; line ignored (the item runs again)")]);
  });

  it("re-runs an item whose request changed under the same id", async () => {
    const { run } = await setup();
    const items = makeItems(3);
    await run(items);
    const changed = [{ ...items[0]!, request: ask("prompt 0, reworded") }, ...items.slice(1)];
    const output = captureStream();
    const summary = await run(changed, { output });
    expect(summary.ok).toBe(1);
    expect(output.text()).toContain("1 items changed since their last result");
  });

  it("estimates calls, tokens and cost in a dry run without calling", async () => {
    const { run, server, cacheDir, backend } = await setup();
    await runItems(makeItems(4), { outputDir: makeTempDir(), backend, progress: "none", output: captureStream() });
    expect(server.stats.totalReceived).toBe(4);
    const items = makeItems(10);
    const output = captureStream();
    const summary = await run(items, { dryRun: true, output });
    expect(server.stats.totalReceived).toBe(4);
    const uncached = items.slice(4);
    const inputTokens = uncached.reduce((sum, item) => sum + Math.ceil(item.request.messages[0]!.content.length / 4), 0);
    expect(summary.estimate).toMatchObject({ toRun: 10, cached: 4, calls: 6, estimatedInputTokens: inputTokens, estimatedOutputTokens: 6 });
    expect(summary.estimate.estimatedCostUsd).toBeCloseTo((inputTokens * 0.15 + 6 * 0.6) / 1e6, 12);
    expect(summary.dryRun).toBe(true);
    expect(output.text()).toMatch(/^dry run: 10 to run .* 4 cached, 6 calls/);
    expect(cacheDir).not.toBe("");
  });

  it("stops launching at the budget, counting in-flight estimates", async () => {
    // $0.1 per token; "prompt N" is 2 input tokens (8 characters) and maxTokens 1, so every item
    // is estimated, and billed by the fake server, at $0.3: four fit in $1.3, a fifth would not.
    const prices: PriceTable = { asOf: "2099-01-01", models: { [MODEL]: { inputUsdPerMillion: 100_000, outputUsdPerMillion: 100_000 } } };
    const { run, server } = await setup({ latencyMs: 20, reply: () => ({ text: "A", outputTokens: 1 }) });
    const output = captureStream();
    const summary = await run(makeItems(10), { prices, budgetUsd: 1.3, concurrency: 4, output });
    expect(summary).toMatchObject({ ok: 4, notLaunched: 6, stoppedByBudget: true });
    expect(summary.costUsd).toBeCloseTo(1.2, 9);
    expect(server.stats.totalReceived).toBe(4);
    expect(output.text()).toContain("budget reached");
  });

  it("refuses a budget it cannot price before any call", async () => {
    const fake = await startFakeServer();
    server = fake;
    const backend = createOpenAiBackend("openai-compatible/llama", { baseUrl: fake.openAiBaseUrl });
    const items = [{ id: "a", request: { model: "openai-compatible/llama", messages: [{ role: "user" as const, content: "Q" }] } }];
    await expect(runItems(items, { outputDir: makeTempDir(), backend, budgetUsd: 1, progress: "none", output: captureStream() })).rejects.toThrow(
      /cannot keep a budget without prices \(no price for openai-compatible\/llama\)/,
    );
    expect(fake.stats.totalReceived).toBe(0);
  });

  it("refuses requests a model cannot serve before any call", async () => {
    const fake = await startFakeServer();
    server = fake;
    const model = "anthropic/claude-3-5-haiku-latest";
    const backend = createAnthropicBackend(model, { apiKey: KEY, baseUrl: fake.anthropicBaseUrl });
    const items = [
      { id: "ok", request: { model, messages: [{ role: "user" as const, content: "Q" }] } },
      { id: "bad", request: { model, messages: [{ role: "user" as const, content: "Q" }], topLogprobs: 20 } },
    ];
    await expect(runItems(items, { outputDir: makeTempDir(), backend, progress: "none", output: captureStream() })).rejects.toThrow(UsageError);
    expect(fake.stats.totalReceived).toBe(0);
  });

  it("on stop, lets in-flight items finish and records them; the rest run on resume", async () => {
    const stop = new AbortController();
    const { run, server, outputDir } = await setup({ latencyMs: 30, onRequest: (request) => request.sequence === 5 && stop.abort() });
    const items = makeItems(12);
    const summary = await run(items, { stopSignal: stop.signal, concurrency: 3 });
    expect(summary.stoppedBySignal).toBe(true);
    expect(summary.interrupted).toBe(0);
    expect(summary.ok).toBe(server.stats.totalReceived);
    expect(summary.ok + summary.notLaunched).toBe(12);
    expect(linesOf(outputDir)).toHaveLength(summary.ok);

    const resumed = await run(items);
    expect(resumed.ok).toBe(summary.notLaunched);
    expect([...server.delivered.values()].every((count) => count === 1)).toBe(true);
    expect(server.delivered.size).toBe(12);
  });

  it("on abort, records nothing for aborted items and runs them on resume", async () => {
    const abort = new AbortController();
    const { run, outputDir } = await setup({ latencyMs: 300, onRequest: (request) => request.sequence === 4 && setTimeout(() => abort.abort(), 20) });
    const items = makeItems(6);
    const summary = await run(items, { signal: abort.signal, concurrency: 3 });
    // The first request goes alone (its headers tell the rate limit); the next three are in flight at the abort, after the fourth arrival.
    expect(summary).toMatchObject({ ok: 1, failed: 0, interrupted: 3, notLaunched: 2, stoppedBySignal: true });
    expect(linesOf(outputDir)).toHaveLength(1);
    expect((await run(items)).ok).toBe(5);
    expect(new Set(linesOf(outputDir).map((line) => line.id)).size).toBe(6);
  });

  it("prints sparse progress lines with rate and eta, and draws a bar on a terminal", async () => {
    const { run } = await setup();
    const lines = captureStream();
    await run(makeItems(20), { progress: "lines", output: lines });
    expect(lines.text()).toMatch(/run: 20 items to run\n/);
    expect(lines.text()).toMatch(/run: 20\/20 \(100%\), [\d.]+\/s, eta \d+s, \$0\.\d{4} spent, 0 cached, 0 failed/);
    expect(lines.text().split("\n").filter((line) => line.includes("%)")).length).toBeLessThanOrEqual(11);

    const terminal = captureStream(true);
    await run(makeItems(25), { progress: "bar", output: terminal, outputDir: makeTempDir() });
    expect(terminal.text()).toMatch(/25\/25 \| [\d.]+\/s \| eta \d+s \| \$0\.\d{4} \| 20 cached \| 0 failed/);
  });

  it("serves several models through a backend function and refuses duplicate ids", async () => {
    const fake = await startFakeServer();
    server = fake;
    const anthropicModel = "anthropic/claude-3-5-haiku-latest";
    const backendFor = (model: string) =>
      model === MODEL ? createOpenAiBackend(MODEL, { apiKey: KEY, baseUrl: fake.openAiBaseUrl }) : createAnthropicBackend(anthropicModel, { apiKey: KEY, baseUrl: fake.anthropicBaseUrl });
    const items = [
      { id: "openai", request: ask("Q1") },
      { id: "anthropic", request: { model: anthropicModel, messages: [{ role: "user" as const, content: "Q2" }], temperature: 1 } },
    ];
    const summary = await runItems(items, { outputDir: makeTempDir(), backend: backendFor, progress: "none", output: captureStream() });
    expect(summary.ok).toBe(2);
    await expect(runItems([items[0]!, items[0]!], { outputDir: makeTempDir(), backend: backendFor, output: captureStream() })).rejects.toThrow(/duplicate item id \(openai\)/);
  });
});

describe("the run's abort signal", () => {
  it("carries no listener per item after a run (each call gets its own linked signal)", async () => {
    const { run } = await setup();
    const controller = new AbortController();
    const summary = await run(makeItems(24), { signal: controller.signal });
    expect(summary.ok).toBe(24);
    expect(getEventListeners(controller.signal, "abort")).toHaveLength(0);
  });
});
