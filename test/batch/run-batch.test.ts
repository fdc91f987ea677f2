import { readFileSync, existsSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { readLedger } from "../../src/batch/ledger";
import { readResults } from "../../src/executor/results-file";
import { startFakeBatchServer, type FakeBatchServer, type FakeBatchServerOptions } from "../helpers/fake-batch-server";
import { makeTempDir } from "../helpers/temp-dir";
import { type BatchSetup, runBatchSetup } from "./batch-setup";

let server: FakeBatchServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function setUp(provider: "openai" | "anthropic", items: number, options: FakeBatchServerOptions = {}): Promise<BatchSetup> {
  server = await startFakeBatchServer(options);
  return { provider, baseUrl: provider === "openai" ? server.openAiBaseUrl : server.anthropicBaseUrl, cacheDir: makeTempDir(), outputDir: makeTempDir(), items };
}

/** Result lines per item id. */
function linesPerItem(outputDir: string): Map<string, string[]> {
  const lines = readFileSync(join(outputDir, "results.jsonl"), "utf8").trim().split("\n").map((line) => JSON.parse(line) as { id: string; status: string });
  const per = new Map<string, string[]>();
  for (const line of lines) per.set(line.id, [...(per.get(line.id) ?? []), line.status]);
  return per;
}

const promptIndex = (promptKey: string) => Number(promptKey.replace("prompt ", ""));

describe.each(["openai", "anthropic"] as const)("batch runs (%s)", (provider) => {
  it("submits each request once, collects every answer into results.jsonl and the cache, at half price", async () => {
    const setup = await setUp(provider, 12);
    const summary = await runBatchSetup(setup);
    expect(summary.ok).toBe(12);
    expect(summary.failed).toBe(0);
    expect(summary.batchesSubmitted).toBe(1);
    expect([...server!.submitted.values()]).toEqual(Array(12).fill(1));
    const per = linesPerItem(setup.outputDir);
    expect(per.size).toBe(12);
    for (const statuses of per.values()) expect(statuses).toEqual(["ok"]);
    const ledger = readLedger(setup.outputDir);
    expect(ledger.batches.map((b) => [b.provider, b.state, b.items.length])).toEqual([[provider, "collected", 12]]);
    // A second run finds everything done: no submission, nothing new recorded.
    const again = await runBatchSetup(setup);
    expect(again.estimate.alreadyDone).toBe(12);
    expect(server!.batches.length).toBe(1);
    expect(linesPerItem(setup.outputDir).size).toBe(12);
    // The answers are in the cache: the same items in a fresh folder are free cache hits.
    const fresh = await runBatchSetup({ ...setup, outputDir: makeTempDir() });
    expect(fresh.cachedHits).toBe(12);
    expect(server!.batches.length).toBe(1);
    // Half the standard price: gpt-4o-mini 0.15/0.6, claude-3-5-haiku 0.8/4 USD per million tokens.
    const read = readResults(join(setup.outputDir, "results.jsonl"));
    const line = read.latest.get("item-0") as { costUsd: number; completion: { usage: { inputTokens: number; outputTokens: number } } };
    const [input, outputPrice] = provider === "openai" ? [0.15, 0.6] : [0.8, 4];
    expect(line.costUsd).toBeCloseTo(((line.completion.usage.inputTokens * input + line.completion.usage.outputTokens * outputPrice) / 1e6) * 0.5, 12);
  });

  it("records errored and expired requests as failed, and a re-run with --retry-failed submits only those", async () => {
    const fates = new Map<number, "errored" | "expired">([[2, "errored"], [5, "expired"], [7, "expired"]]);
    let second = false;
    const setup = await setUp(provider, 10, { fate: (request) => (second ? "succeeded" : (fates.get(promptIndex(request.promptKey)) ?? "succeeded")) });
    const summary = await runBatchSetup(setup);
    expect(summary.ok).toBe(7);
    expect(summary.failed).toBe(3);
    const read = readResults(join(setup.outputDir, "results.jsonl"));
    expect([...read.latest].filter(([, line]) => line.status === "failed").map(([id]) => id).sort()).toEqual(["item-2", "item-5", "item-7"]);
    // Without --retry-failed nothing is submitted again.
    await runBatchSetup(setup);
    expect(server!.batches.length).toBe(1);
    second = true;
    const retried = await runBatchSetup({ ...setup, retryFailed: true });
    expect(retried.ok).toBe(3);
    expect(server!.batches.map((b) => b.requests)).toEqual([10, 3]);
    expect([...server!.submitted].filter(([, count]) => count === 2).map(([key]) => key).sort()).toEqual(["prompt 2", "prompt 5", "prompt 7"]);
    const per = linesPerItem(setup.outputDir);
    expect(per.get("item-5")).toEqual(["failed", "ok"]);
    expect(per.get("item-0")).toEqual(["ok"]);
  });

  it("records a cancelled batch's requests as failed", async () => {
    const setup = await setUp(provider, 4, { pollsToEnd: 1_000 });
    const first = await runBatchSetup({ ...setup, noWait: true });
    expect(first.batchesOpen).toBe(1);
    expect(existsSync(join(setup.outputDir, "results.jsonl"))).toBe(false);
    const { cancelBatches } = await import("../../src/batch/batch-admin");
    const { rawBackend } = await import("./batch-setup");
    const raw = rawBackend(setup);
    await cancelBatches(setup.outputDir, () => raw.batch);
    const collected = await runBatchSetup(setup);
    expect(collected.failed).toBe(4);
    expect(server!.batches.length).toBe(1);
    const read = readResults(join(setup.outputDir, "results.jsonl"));
    expect((read.latest.get("item-0") as { error: { message: string } }).error.message).toMatch(/cancel/);
  });
});

describe("batch splitting and budget", () => {
  it("keeps to the budget at submission: items past it are not launched", async () => {
    const setup = await setUp("openai", 10);
    // Each item: about 3 input tokens + 1 output token at batch price; a budget for about half.
    const summary = await runBatchSetup({ ...setup, budgetUsd: 5 * ((3 * 0.075 + 1 * 0.3) / 1e6) });
    expect(summary.notLaunched).toBeGreaterThan(0);
    expect(summary.ok + summary.notLaunched).toBe(10);
    expect(server!.batches[0]!.requests).toBe(summary.ok);
  });
});

describe("batch splitting", () => {
  it.each([
    ["requests", { maxRequests: 4, maxBytes: 1e9 }, [4, 4, 2]],
    ["bytes", { maxRequests: 1_000, maxBytes: 600 }, undefined],
  ] as const)("splits within the limit on %s, and every item ends once", async (_what, limits, expected) => {
    const setup = await setUp("openai", 10);
    const summary = await runBatchSetup({ ...setup, limits });
    expect(summary.ok).toBe(10);
    const sizes = server!.batches.map((b) => b.requests);
    if (expected !== undefined) expect(sizes).toEqual(expected);
    else expect(sizes.length).toBeGreaterThan(1);
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(10);
    expect([...server!.submitted.values()]).toEqual(Array(10).fill(1));
    expect([...linesPerItem(setup.outputDir).values()].every((statuses) => statuses.length === 1)).toBe(true);
  });
});
