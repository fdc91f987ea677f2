/**
 * Retries of direct calls: the SDK makes one attempt per call, and the executor retries
 * retryable failures through its limiter (a retry waits for a slot, after the server's
 * `retry-after` or a backoff), against the fake server with the real SDKs.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createAnthropicBackend } from "../../src/backends/anthropic-backend";
import { createOpenAiBackend } from "../../src/backends/openai-backend";
import type { Backend, CompletionRequest } from "../../src/backends/types";
import { runItems } from "../../src/executor/run-items";
import type { ResultLine, RunOptions, WorkItem } from "../../src/executor/types";
import { captureStream } from "../helpers/capture-stream";
import { startFakeServer, type FakeServer, type FakeServerOptions } from "../helpers/fake-server";
import { makeTempDir } from "../helpers/temp-dir";

const KEY = "sk-test-retries-0123456789abcdef";
const OPENAI = "openai/gpt-4o-mini";
const ANTHROPIC = "anthropic/claude-3-5-haiku-latest";
let server: FakeServer | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function setup(serverOptions: FakeServerOptions, maxRetries: number, model = OPENAI) {
  const fake = await startFakeServer(serverOptions);
  server = fake;
  const outputDir = makeTempDir();
  const backend: Backend =
    model === OPENAI
      ? createOpenAiBackend(OPENAI, { apiKey: KEY, baseUrl: fake.openAiBaseUrl, maxRetries, timeoutMs: 10_000 })
      : createAnthropicBackend(ANTHROPIC, { apiKey: KEY, baseUrl: fake.anthropicBaseUrl, maxRetries, timeoutMs: 10_000 });
  const items = (count: number): WorkItem[] =>
    Array.from({ length: count }, (_, index) => ({ id: `item-${index}`, request: { model, messages: [{ role: "user", content: `prompt ${index}` }], maxTokens: 1 } as CompletionRequest }));
  const run = (work: readonly WorkItem[], extra: Partial<RunOptions> = {}) => runItems(work, { outputDir, backend, concurrency: 2, progress: "none", output: captureStream(), ...extra });
  const lines = (): ResultLine[] => {
    const file = join(outputDir, "results.jsonl");
    return existsSync(file) ? readFileSync(file, "utf8").trim().split("\n").filter((line) => line !== "").map((line) => JSON.parse(line) as ResultLine) : [];
  };
  return { fake, run, items, lines };
}

describe("retries of direct calls", () => {
  for (const model of [OPENAI, ANTHROPIC]) {
    it(`${model}: the SDK makes one attempt per call, the executor retries a 429 and a 5xx, and the item is recorded once`, async () => {
      const { fake, run, items, lines } = await setup(
        {
          fault: (request) =>
            request.promptKey !== "prompt 1" ? undefined
            : request.attempt === 1 ? { kind: "rate-limit", retryAfterSeconds: 0 }
            : request.attempt === 2 ? { kind: model === OPENAI ? "server-error" : "overloaded" }
            : undefined,
        },
        2,
        model,
      );
      const summary = await run(items(3));
      expect(summary).toMatchObject({ ok: 3, failed: 0, interrupted: 0 });
      expect(fake.received.get("prompt 1")).toBe(3);
      // Every request is a first attempt as far as the SDK is concerned.
      expect(new Set(fake.requests.map((request) => request.headers["x-stainless-retry-count"]))).toEqual(new Set(["0"]));
      expect(lines().map((line) => [line.id, line.status]).sort()).toEqual([["item-0", "ok"], ["item-1", "ok"], ["item-2", "ok"]]);
    });
  }

  it("stops after maxRetries retries and records one failure", async () => {
    const { fake, run, items, lines } = await setup({ fault: (request) => (request.promptKey === "prompt 0" ? { kind: "server-error" } : undefined) }, 2);
    const summary = await run(items(2));
    expect(summary).toMatchObject({ ok: 1, failed: 1 });
    expect(fake.received.get("prompt 0")).toBe(3);
    expect(lines().filter((line) => line.id === "item-0").map((line) => line.status)).toEqual(["failed"]);
  });

  it("does not retry a permanent error", async () => {
    const { fake, run, items } = await setup({ fault: (request) => (request.promptKey === "prompt 0" ? { kind: "http-error", status: 400 } : undefined) }, 3);
    expect(await run(items(2))).toMatchObject({ ok: 1, failed: 1 });
    expect(fake.received.get("prompt 0")).toBe(1);
  });

  it("honours retry-after: the retry arrives after the server's delay, not the shorter backoff", async () => {
    const { fake, run, items } = await setup({ fault: (request) => (request.attempt === 1 && request.promptKey === "prompt 0" ? { kind: "rate-limit", retryAfterSeconds: 1 } : undefined) }, 2);
    expect((await run(items(1))).ok).toBe(1);
    const [first, second] = fake.requests;
    expect(fake.requests).toHaveLength(2);
    // The first retry's own backoff is 375-500 ms; 1 s can only come from the header.
    expect(second!.arrivedAt - first!.arrivedAt).toBeGreaterThanOrEqual(950);
  });

  it("a retry gives its slot up while it waits and then waits for a slot, ahead of items not started", async () => {
    const { fake, run, items } = await setup(
      { latencyMs: 200, fault: (request) => (request.attempt === 1 && request.promptKey === "prompt 0" ? { kind: "rate-limit", retryAfterSeconds: 0 } : undefined) },
      2,
    );
    expect((await run(items(3), { concurrency: 1 })).ok).toBe(3);
    expect(fake.stats.maxInFlight).toBe(1);
    expect(fake.requests.map((request) => request.promptKey)).toEqual(["prompt 0", "prompt 1", "prompt 0", "prompt 2"]);
    const [, second, retry] = fake.requests;
    expect(retry!.arrivedAt - second!.arrivedAt).toBeGreaterThanOrEqual(190);
  });

  it("a stop during a retry's wait ends the run promptly and records nothing for the items not answered", async () => {
    const stop = new AbortController();
    const { run, items, lines } = await setup({ fault: (request) => (request.promptKey === "prompt 0" ? { kind: "rate-limit", retryAfterSeconds: 30 } : undefined) }, 2);
    setTimeout(() => stop.abort(), 300);
    const started = Date.now();
    const summary = await run(items(2), { stopSignal: stop.signal });
    expect(Date.now() - started).toBeLessThan(5_000);
    // The retry-after holds the model's other request back too: it was never sent.
    expect(summary).toMatchObject({ ok: 0, failed: 0, interrupted: 1, notLaunched: 1, stoppedBySignal: true });
    expect(lines()).toEqual([]);
  });

  it("an abort during a retry's wait ends the run promptly", async () => {
    const abort = new AbortController();
    const { run, items } = await setup({ fault: (request) => (request.promptKey === "prompt 0" ? { kind: "rate-limit", retryAfterSeconds: 30 } : undefined) }, 2);
    setTimeout(() => abort.abort(), 300);
    const started = Date.now();
    const summary = await run(items(2), { signal: abort.signal });
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(summary).toMatchObject({ ok: 0, failed: 0, interrupted: 2 });
  });
});
