/**
 * Token and cost estimates made before anything is spent.
 */
import { DEFAULT_ANTHROPIC_MAX_TOKENS } from "../backends/anthropic";
import { parseModelId } from "../backends/model-id";
import type { CompletionRequest } from "../backends/types";
import { costUsd, type PriceTable } from "./prices";

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
