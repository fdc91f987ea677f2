/**
 * What a run would cost, per model, before anything is spent: items already done, calls the
 * cache answers, calls left, their estimated tokens and price.
 */
import { join } from "node:path";
import type { Backend } from "../backends/types";
import { cacheKey } from "../cache/cache-key";
import { estimateRun } from "../executor/estimate";
import { PRICES, type PriceTable } from "../executor/prices";
import { RESULTS_FILE, readResultFacts } from "../executor/results-file";
import { planResume } from "../executor/resume";
import type { RunEstimate, WorkItem } from "../executor/types";

/** The estimate of one model's items. */
export interface ModelEstimate extends RunEstimate {
  readonly model: string;
  /** The model's items in the grid. */
  readonly items: number;
}

/** Options of `estimateByModel`. */
export interface EstimateOptions {
  /** The run's folder; items already in its results.jsonl count as done. */
  readonly outputDir: string;
  /** Backends able to say whether the cache holds a request (`lookupBackends`). */
  readonly backendOf: (modelId: string) => Backend;
  /** @default false */
  readonly retryFailed?: boolean;
  /** @default PRICES */
  readonly prices?: PriceTable;
  readonly assumedOutputTokens?: number;
}

function hasLookup(backend: Backend): backend is Backend & { has(request: WorkItem["request"]): Promise<boolean> } {
  return typeof (backend as { has?: unknown }).has === "function";
}

/**
 * Estimates each model's share of a run the way the executor does (resume, cache, prices), without
 * calling anything or creating the output folder.
 * @returns one estimate per model, in the order models first appear among the items
 */
export async function estimateByModel<Meta>(items: readonly WorkItem<Meta>[], options: EstimateOptions): Promise<ModelEstimate[]> {
  const previous = readResultFacts(join(options.outputDir, RESULTS_FILE));
  const byModel = new Map<string, WorkItem<Meta>[]>();
  for (const item of items) {
    const list = byModel.get(item.request.model) ?? [];
    list.push(item);
    byModel.set(item.request.model, list);
  }
  const out: ModelEstimate[] = [];
  for (const [model, modelItems] of byModel) {
    const backend = options.backendOf(model);
    const plan = planResume(modelItems, previous.latest, (item) => cacheKey(item.request, backend.cacheScope), options.retryFailed ?? false);
    const cachedIds = new Set<string>();
    if (hasLookup(backend)) for (const item of plan.pending) if (await backend.has(item.request)) cachedIds.add(item.id);
    const estimate = estimateRun(plan.pending, {
      cachedIds,
      alreadyDone: plan.alreadyDone,
      skippedFailed: plan.skippedFailed.length,
      prices: options.prices ?? PRICES,
      assumedOutputTokens: options.assumedOutputTokens,
      outputTokenCapOf: () => backend.outputTokenCap,
    });
    out.push({ model, items: modelItems.length, ...estimate });
  }
  return out;
}

/** One line per model: "openai/gpt-4o-mini: 24 items, 0 done, 0 cached, 24 calls ≈ 9,120 input + ≤1,632 output tokens, ≈ $0.0024". */
export function describeModelEstimate(estimate: ModelEstimate): string {
  const cost = estimate.estimatedCostUsd === null ? "unknown cost (no price)" : `≈ $${estimate.estimatedCostUsd.toFixed(4)}`;
  return (
    `${estimate.model}: ${estimate.items} items, ${estimate.alreadyDone} done, ${estimate.skippedFailed} failed before, ${estimate.cached} cached, ` +
    `${estimate.calls} calls ≈ ${estimate.estimatedInputTokens.toLocaleString("en-US")} input + ≤${estimate.estimatedOutputTokens.toLocaleString("en-US")} output tokens, ${cost}`
  );
}
