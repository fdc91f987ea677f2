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

/** The cap on generated tokens a backend sends for an answer's cap: `Backend.outputTokenCap`. */
export type OutputTokenCap = (maxTokens: number | undefined) => number | undefined;

/**
 * Estimates a request's tokens: input from text length (≈4 characters per token), output at the
 * cap the backend sends (the request's `maxTokens` plus the room it adds for reasoning or
 * thinking, else the backend default), so the estimate is an upper bound on output.
 * @param request the request
 * @param assumedOutputTokens output tokens for a request with no cap @default 1024
 * @param outputTokenCap the backend's cap rule (`Backend.outputTokenCap`); without it, `maxTokens` as it is
 * @example
 * estimateTokens({ model: "openai/gpt-4o-mini", messages: [{ role: "user", content: "x".repeat(400) }], maxTokens: 1 });
 * // => { inputTokens: 100, outputTokens: 1 }
 */
export function estimateTokens(request: CompletionRequest, assumedOutputTokens = DEFAULT_ASSUMED_OUTPUT_TOKENS, outputTokenCap?: OutputTokenCap): TokenEstimate {
  const characters = request.messages.reduce((sum, message) => sum + message.content.length, 0);
  const defaultCap = parseModelId(request.model).provider === "anthropic" ? DEFAULT_ANTHROPIC_MAX_TOKENS : assumedOutputTokens;
  const cap = outputTokenCap === undefined ? request.maxTokens : outputTokenCap(request.maxTokens);
  return { inputTokens: Math.ceil(characters / CHARACTERS_PER_TOKEN), outputTokens: cap ?? defaultCap };
}

/**
 * The estimated cost of a request in USD; null when the model's price is unknown.
 * @param outputTokenCap the backend's cap rule, as for `estimateTokens`
 */
export function estimateCostUsd(request: CompletionRequest, prices: PriceTable, assumedOutputTokens?: number, outputTokenCap?: OutputTokenCap): number | null {
  return costUsd(request.model, estimateTokens(request, assumedOutputTokens, outputTokenCap), prices);
}

/** What `estimateRun` needs besides the pending items. */
export interface RunEstimateContext {
  /** Ids of pending items the cache already answers (free). */
  readonly cachedIds: ReadonlySet<string>;
  readonly alreadyDone: number;
  readonly skippedFailed: number;
  readonly prices: PriceTable;
  readonly assumedOutputTokens?: number;
  /** Each model's cap rule (`Backend.outputTokenCap`); without one, a request's `maxTokens` as it is. */
  readonly outputTokenCapOf?: (modelId: string) => OutputTokenCap | undefined;
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
    const tokens = estimateTokens(item.request, context.assumedOutputTokens, context.outputTokenCapOf?.(item.request.model));
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
