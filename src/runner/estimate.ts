/**
 * Token and cost estimates made before anything is spent.
 */
import { DEFAULT_ANTHROPIC_MAX_TOKENS } from "../backends/capabilities";
import { parseModelId } from "../backends/model-id";
import type { CompletionRequest } from "../backends/types";
import { costUsd, type PriceTable } from "./prices";
import type { RunEstimate, WorkItem } from "./types";

/** A rough, tokenizer-free rate: about four characters of English per token. */
export const CHARACTERS_PER_TOKEN = 4;
/** Output tokens assumed for a request without `maxTokens` (other than Anthropic, whose default cap is known). */
export const DEFAULT_ASSUMED_OUTPUT_TOKENS = 1024;

/** Estimated tokens of one request. */
export interface TokenEstimate {
  readonly inputTokens: number;
  readonly outputTokens: number;
}

/**
 * Estimates a request's tokens: input from text length (≈4 characters per token), output at its
 * cap (`maxTokens`, else the backend default), so the estimate is an upper bound on output.
 * @param request the request
 * @param assumedOutputTokens output tokens for a request with no cap @default 1024
 * @example
 * estimateTokens({ model: "openai/gpt-4o-mini", messages: [{ role: "user", content: "x".repeat(400) }], maxTokens: 1 });
 * // => { inputTokens: 100, outputTokens: 1 }
 */
export function estimateTokens(request: CompletionRequest, assumedOutputTokens = DEFAULT_ASSUMED_OUTPUT_TOKENS): TokenEstimate {
  const characters = request.messages.reduce((sum, message) => sum + message.content.length, 0);
  const defaultCap = parseModelId(request.model).provider === "anthropic" ? DEFAULT_ANTHROPIC_MAX_TOKENS : assumedOutputTokens;
  return { inputTokens: Math.ceil(characters / CHARACTERS_PER_TOKEN), outputTokens: request.maxTokens ?? defaultCap };
}

/**
 * The estimated cost of a request in USD; null when the model's price is unknown.
 */
export function estimateCostUsd(request: CompletionRequest, prices: PriceTable, assumedOutputTokens?: number): number | null {
  return costUsd(request.model, estimateTokens(request, assumedOutputTokens), prices);
}

/** What `estimateRun` needs besides the pending items. */
export interface RunEstimateContext {
  /** Ids of pending items the cache already answers (free). */
  readonly cachedIds: ReadonlySet<string>;
  readonly alreadyDone: number;
  readonly skippedFailed: number;
  readonly prices: PriceTable;
  readonly assumedOutputTokens?: number;
}

/**
 * Calls, tokens and cost of running the pending items; cached items count as free.
 * The cost is null as soon as one called model has no price.
 */
export function estimateRun<Meta>(pending: readonly WorkItem<Meta>[], context: RunEstimateContext): RunEstimate {
  let inputTokens = 0;
  let outputTokens = 0;
  let cost = 0;
  const unpriced = new Set<string>();
  for (const item of pending) {
    if (context.cachedIds.has(item.id)) continue;
    const tokens = estimateTokens(item.request, context.assumedOutputTokens);
    inputTokens += tokens.inputTokens;
    outputTokens += tokens.outputTokens;
    const itemCost = costUsd(item.request.model, tokens, context.prices);
    if (itemCost === null) unpriced.add(item.request.model);
    else cost += itemCost;
  }
  return {
    alreadyDone: context.alreadyDone,
    skippedFailed: context.skippedFailed,
    toRun: pending.length,
    cached: context.cachedIds.size,
    calls: pending.length - context.cachedIds.size,
    estimatedInputTokens: inputTokens,
    estimatedOutputTokens: outputTokens,
    estimatedCostUsd: unpriced.size > 0 ? null : cost,
    unpricedModels: [...unpriced].sort(),
    pricesAsOf: context.prices.asOf,
  };
}
