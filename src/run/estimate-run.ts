/**
 * What a run would cost, per model, before anything is spent: items already done, calls the
 * cache answers, calls left, their estimated tokens and price.
 */
import type { Backend } from "../backends/types";
import { estimatePending, type PendingWork } from "../executor/pending";
import { PRICES, type PriceTable } from "../executor/prices";
import type { RunEstimate } from "../executor/types";

/** The estimate of one model's items. */
export interface ModelEstimate extends RunEstimate {
  readonly model: string;
  /** The model's items in the grid. */
  readonly items: number;
}

/** Options of `estimateByModel`. */
export interface EstimateOptions {
  /** The backends the pending work was found with (their token caps). */
  readonly backendOf: (modelId: string) => Backend;
  /** @default PRICES */
  readonly prices?: PriceTable;
  readonly assumedOutputTokens?: number;
}

/**
 * Each model's share of the pending work (`findPending`): items done, calls the cache answers,
 * calls left, their tokens and price, as the executor counts them.
 * @returns one estimate per model, in the order models first appear among the items
 */
export function estimateByModel<Meta>(pending: PendingWork<Meta>, options: EstimateOptions): ModelEstimate[] {
  const counts = new Map<string, number>();
  for (const item of pending.items) counts.set(item.request.model, (counts.get(item.request.model) ?? 0) + 1);
  return [...counts].map(([model, items]) => ({
    model,
    items,
    ...estimatePending(pending, {
      model,
      prices: options.prices ?? PRICES,
      assumedOutputTokens: options.assumedOutputTokens,
      outputTokenCapOf: () => options.backendOf(model).outputTokenCap,
    }),
  }));
}

/** One line per model: "openai/gpt-4o-mini: 24 items, 0 done, 0 cached, 24 calls ≈ 9,120 input + ≤1,632 output tokens, ≈ $0.0024". */
export function describeModelEstimate(estimate: ModelEstimate): string {
  const cost = estimate.estimatedCostUsd === null ? "unknown cost (no price)" : `≈ $${estimate.estimatedCostUsd.toFixed(4)}`;
  return (
    `${estimate.model}: ${estimate.items} items, ${estimate.alreadyDone} done, ${estimate.skippedFailed} failed before, ${estimate.cached} cached, ` +
    `${estimate.calls} calls ≈ ${estimate.estimatedInputTokens.toLocaleString("en-US")} input + ≤${estimate.estimatedOutputTokens.toLocaleString("en-US")} output tokens, ${cost}`
  );
}
