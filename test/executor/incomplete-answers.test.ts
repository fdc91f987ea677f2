/**
 * Answers that are not answers (`IncompleteAnswerError` from a backend: token cap reached, or a
 * refusal): recorded under their own status with the usage paid and the partial text, reported
 * apart in the summary and on the console, never cached, not done, and run again by
 * `retryFailed`; scoring reports them apart and never scores them.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { capabilitiesFor } from "../../src/backends/capabilities";
import type { Backend, Completion, CompletionRequest } from "../../src/backends/types";
import { cacheKey } from "../../src/cache/cache-key";
import { entryPath } from "../../src/cache/cache-store";
import { withCache } from "../../src/cache/with-cache";
import { IncompleteAnswerError } from "../../src/errors";
import { loadPromptData, type PromptData } from "../../src/prompts/prompt-data";
import { loadBenchmarkData } from "../../src/benchmark/benchmark-data";
import { planGrid } from "../../src/run/grid";
import { scoreRunDir } from "../../src/run/benchmark-run";
import { formatRunReport } from "../../src/run/report-text";
import type { PriceTable } from "../../src/executor/prices";
import { readResults } from "../../src/executor/results-file";
import { runItems } from "../../src/executor/run-items";
import type { WorkItem } from "../../src/executor/types";
import { captureStream } from "../helpers/capture-stream";
import { testDataDir } from "../helpers/data-dir";
import { makeTempDir } from "../helpers/temp-dir";

const MODEL = "openai/gpt-4o-mini";
const PRICES: PriceTable = { asOf: "2026-01-01", models: { [MODEL]: { inputUsdPerMillion: 1_000_000, outputUsdPerMillion: 2_000_000 } } };

/** A backend whose answer to each prompt is scripted: a completion, or an incomplete answer. */
function scripted(outcome: (request: CompletionRequest) => "ok" | "truncated" | "refused"): Backend & { calls: number } {
  const backend = {
    id: MODEL,
    capabilities: capabilitiesFor(MODEL),
    calls: 0,
    complete: async (request: CompletionRequest): Promise<Completion> => {
      backend.calls += 1;
      const kind = outcome(request);
      if (kind === "truncated") {
        throw new IncompleteAnswerError(`${MODEL}: answer cut at the token cap (finish reason length)`, MODEL, "truncated", { text: "{'A': '4", inputTokens: 10, outputTokens: 200, finishReason: "length" });
      }
      if (kind === "refused") {
        throw new IncompleteAnswerError(`${MODEL}: the model refused (I can't help with that.)`, MODEL, "refused", { text: "I can't help with that.", inputTokens: 10, outputTokens: 6 });
      }
      return { text: "{'A': '25%', 'B': '25%', 'C': '25%', 'D': '25%'}", usage: { inputTokens: 10, outputTokens: 20 }, model: "gpt-4o-mini-2024-07-18", finishReason: "stop" };
    },
  };
  return backend;
}

let data: PromptData;
beforeAll(() => {
  data = loadPromptData(loadBenchmarkData(testDataDir()));
});

describe("truncated and refused answers", () => {
  it("are recorded, reported, paid for, never cached, not done, and retried by retryFailed", async () => {
    const { items } = planGrid(data, { models: [MODEL], datasets: ["opinionqa"], steerings: ["persona"], methods: ["verbalize"], groups: ["Democrat"], limit: 6 });
    expect(items).toHaveLength(6);
    const badIds = new Map([[items[0]!.id, "truncated"], [items[1]!.id, "truncated"], [items[2]!.id, "truncated"], [items[3]!.id, "refused"]] as const);
    let fixed = false;
    const byPrompt = new Map(items.map((item) => [cacheKey(item.request), item.id]));
    const stub = scripted((request) => (fixed ? "ok" : (badIds.get(byPrompt.get(cacheKey(request)) as string) ?? "ok")));
    const cacheDir = makeTempDir();
    const backend = withCache(stub, { dir: cacheDir, warn: () => undefined });
    const outputDir = makeTempDir();
    const output = captureStream();
    const summary = await runItems(items as WorkItem[], { outputDir, backend, concurrency: 2, progress: "none", output, prices: PRICES });

    expect(summary).toMatchObject({ ok: 2, failed: 0, truncated: 3, refused: 1, failures: [] });
    // usage of every call is paid and counted, the incomplete ones included
    expect([summary.inputTokens, summary.outputTokens]).toEqual([60, 3 * 200 + 6 + 2 * 20]);
    expect(summary.costUsd).toBeCloseTo(60 + 2 * (3 * 200 + 6 + 2 * 20), 9);
    expect(output.text()).toMatch(/run: 2 ok \(0 cached\), 0 failed, 3 truncated \(token cap\), 1 refused, 0 interrupted, 0 not launched;/);
    expect(output.text()).toMatch(/^run: openai\/gpt-4o-mini: first truncated answer \(token cap\): answer cut at the token cap/m);
    expect(output.text()).toMatch(/^run: openai\/gpt-4o-mini: first refused answer: the model refused/m);

    const lines = readResults(join(outputDir, "results.jsonl"));
    expect(lines.warnings).toEqual([]);
    const truncated = lines.latest.get(items[0]!.id);
    expect(truncated).toMatchObject({ status: "truncated", partial: { text: "{'A': '4", inputTokens: 10, outputTokens: 200, finishReason: "length" }, costUsd: 10 + 400, error: { name: "IncompleteAnswerError" } });
    expect(lines.latest.get(items[3]!.id)).toMatchObject({ status: "refused", partial: { text: "I can't help with that.", outputTokens: 6 } });
    for (const id of badIds.keys()) {
      const item = items.find((i) => i.id === id)!;
      expect(existsSync(entryPath(cacheDir, MODEL, cacheKey(item.request))), id).toBe(false);
    }

    const scores = scoreRunDir(data, outputDir, items);
    expect(scores.truncatedCalls).toEqual({ [MODEL]: 3 });
    expect(scores.refusedCalls).toEqual({ [MODEL]: 1 });
    expect(scores.failedCalls).toEqual({});
    const list = scores.lists.find((l) => l.method === "verbalize");
    // only the two answers are scored; the incomplete ones are neither scores nor parse failures
    expect([list?.attempted, list?.parsed]).toEqual([2, 2]);
    expect(scores.parseRates[0]?.summary.total).toBe(2);
    const text = formatRunReport({ scores, paper: { ...scores, items: [], lists: [] }, rows: [], gaps: [] }, [MODEL]);
    expect(text).toContain(`${MODEL}: 3 truncated answers (token cap) not scored`);
    expect(text).toContain(`${MODEL}: 1 refused answers not scored`);

    const again = await runItems(items as WorkItem[], { outputDir, backend, progress: "none", output: captureStream(), prices: PRICES });
    expect(again).toMatchObject({ ok: 0, truncated: 0, refused: 0, estimate: { alreadyDone: 2, skippedFailed: 4 } });
    expect(stub.calls).toBe(6);

    fixed = true;
    const retried = await runItems(items as WorkItem[], { outputDir, backend, progress: "none", output: captureStream(), prices: PRICES, retryFailed: true });
    expect(retried).toMatchObject({ ok: 4, cachedHits: 0, truncated: 0, refused: 0 });
    expect(stub.calls).toBe(10);
    const rescored = scoreRunDir(data, outputDir, items);
    expect([rescored.lists[0]?.attempted, rescored.lists[0]?.parsed]).toEqual([6, 6]);
    expect(rescored.truncatedCalls).toEqual({});
  });
});
