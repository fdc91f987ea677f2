/**
 * Request pacing of direct calls against a rate-limited fake server (a token bucket that answers
 * 429 above its rate and sends the API's rate-limit headers), through the real SDKs.
 */
import { afterEach, describe, expect, it } from "vitest";
import { createAnthropicBackend } from "../../src/backends/anthropic-backend";
import { createOpenAiBackend } from "../../src/backends/openai-backend";
import type { Backend, CompletionRequest } from "../../src/backends/types";
import { runItems } from "../../src/executor/run-items";
import type { WorkItem } from "../../src/executor/types";
import { captureStream } from "../helpers/capture-stream";
import { startFakeServer, type FakeServer } from "../helpers/fake-server";
import { makeTempDir } from "../helpers/temp-dir";

const KEY = "sk-test-pacing-0123456789abcdef";
let server: FakeServer | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
});

const models: Record<string, (fake: FakeServer) => Backend> = {
  "openai/gpt-4o-mini": (fake) => createOpenAiBackend("openai/gpt-4o-mini", { apiKey: KEY, baseUrl: fake.openAiBaseUrl }),
  "anthropic/claude-3-5-haiku-latest": (fake) => createAnthropicBackend("anthropic/claude-3-5-haiku-latest", { apiKey: KEY, baseUrl: fake.anthropicBaseUrl }),
};

describe("request pacing", () => {
  for (const [model, make] of Object.entries(models)) {
    it(`${model}: paces calls to the rate the headers give, so none meets a 429 where unpaced calls would`, async () => {
      const fake = await startFakeServer({ latencyMs: 20, rateLimit: { perSecond: 40, burst: 8 } });
      server = fake;
      const items: WorkItem[] = Array.from({ length: 40 }, (_, index) => ({ id: `item-${index}`, request: { model, messages: [{ role: "user", content: `prompt ${index}` }], maxTokens: 1 } as CompletionRequest }));
      // 16 calls in flight answered in 20 ms would ask for 800 requests a second, twenty times the allowed 40.
      const warnings: Error[] = [];
      const onWarning = (warning: Error) => warnings.push(warning);
      process.on("warning", onWarning);
      const stop = new AbortController();
      const summary = await runItems(items, { outputDir: makeTempDir(), backend: make(fake), concurrency: 16, maxConcurrency: 32, progress: "none", output: captureStream(), stopSignal: stop.signal });
      await new Promise((resolve) => setImmediate(resolve));
      process.off("warning", onWarning);
      // Sixteen items wait for their turn at once, each listening for a stop: not a leak.
      expect(warnings.map((warning) => warning.name)).not.toContain("MaxListenersExceededWarning");
      expect(summary).toMatchObject({ ok: 40, failed: 0 });
      expect(fake.stats.totalReceived).toBe(40);
      expect(fake.stats.rateLimited).toBe(0);
    });
  }
});
