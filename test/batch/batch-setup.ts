/**
 * Shared set-up of the batch tests: items for a model, and a batch run of them against a fake
 * batch server through the real SDKs and the on-disk cache (used in-process and by the child
 * process that a test kills).
 */
import { PassThrough } from "node:stream";
import { createAnthropicBackend } from "../../src/backends/anthropic-backend";
import { createOpenAiBackend } from "../../src/backends/openai-backend";
import type { Backend } from "../../src/backends/types";
import { runBatch, type BatchRunSummary } from "../../src/batch/run-batch";
import { withCache } from "../../src/cache/with-cache";
import type { WorkItem } from "../../src/executor/types";

export const MODELS = { openai: "openai/gpt-4o-mini", anthropic: "anthropic/claude-3-5-haiku-latest" } as const;

/** What a batch test run needs. */
export interface BatchSetup {
  readonly provider: "openai" | "anthropic";
  readonly baseUrl: string;
  readonly cacheDir: string;
  readonly outputDir: string;
  readonly items: number;
  readonly pollIntervalMs?: number;
  readonly retryFailed?: boolean;
  readonly budgetUsd?: number;
  readonly noWait?: boolean;
  readonly logprobs?: boolean;
  /** Limits per batch in place of the provider's. */
  readonly limits?: { readonly maxRequests: number; readonly maxBytes: number };
}

/** `count` items of one model, each with its own prompt "prompt <i>". */
export function batchItems(model: string, count: number, logprobs = false): WorkItem[] {
  return Array.from({ length: count }, (_, index) => ({
    id: `item-${index}`,
    request: { model, messages: [{ role: "user" as const, content: `prompt ${index}` }], maxTokens: 1, ...(logprobs ? { topLogprobs: 5 } : {}) },
  }));
}

/** The raw backend of a set-up's provider, pointed at the fake server. */
export function rawBackend(setup: BatchSetup): Backend {
  const model = MODELS[setup.provider];
  return setup.provider === "openai"
    ? createOpenAiBackend(model, { apiKey: "sk-test-batch", baseUrl: setup.baseUrl, maxRetries: 0 })
    : createAnthropicBackend(model, { apiKey: "sk-ant-test-batch", baseUrl: setup.baseUrl, maxRetries: 0 });
}

/** Runs the set-up's items as batches; returns the summary and what the run printed. */
export async function runBatchSetup(setup: BatchSetup, output: NodeJS.WritableStream = new PassThrough()): Promise<BatchRunSummary> {
  const raw = rawBackend(setup);
  const cache = { mode: "read-write" as const, dir: setup.cacheDir };
  return runBatch(batchItems(raw.id, setup.items, setup.logprobs), {
    outputDir: setup.outputDir,
    backend: withCache(raw, cache),
    batchApiOf: () => (setup.limits === undefined || raw.batch === undefined ? raw.batch : { ...raw.batch, limits: setup.limits }),
    cache,
    pollIntervalMs: setup.pollIntervalMs ?? 5,
    retryFailed: setup.retryFailed,
    budgetUsd: setup.budgetUsd,
    noWait: setup.noWait,
    progress: "none",
    output,
  });
}
