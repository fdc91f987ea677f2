/**
 * Provider settings outside the request that shape a call: reasoning effort and token headroom of
 * OpenAI reasoning models, Anthropic thinking, and the cache scope they enter with the server.
 * No SDK is imported (types only), so estimates and dry runs compute the same scopes offline.
 */
import type { MessageCreateParamsNonStreaming } from "@anthropic-ai/sdk/resources/messages";
import { UsageError } from "../errors";
import { capabilitiesFor, DEFAULT_ANTHROPIC_MAX_TOKENS } from "./capabilities";
import { parseModelId } from "./model-id";
import { cacheScopeFor, type ProviderBaseUrls, resolveOrigin } from "./origins";
import type { ModelCapabilities } from "./types";

/**
 * The reasoning effort sent to OpenAI reasoning models unless another is asked for. "low" is
 * accepted by every reasoning model in the capability table and keeps reasoning tokens (billed
 * as output, and counted against `max_completion_tokens`) small for one-line answers.
 */
export const DEFAULT_REASONING_EFFORT = "low";

/**
 * Tokens added to an answer's cap for a reasoning model's hidden reasoning, per effort: the
 * request's `maxTokens` bounds the visible answer, `max_completion_tokens` is that plus this.
 * @unit tokens
 */
export const REASONING_HEADROOM_TOKENS: Readonly<Record<string, number>> = {
  none: 1024,
  minimal: 1024,
  low: 4096,
  medium: 8192,
  high: 16_384,
  xhigh: 32_768,
  max: 32_768,
};

/**
 * The reasoning effort a backend sends: the option, else the default, checked against the model's list.
 * @returns undefined for a model without reasoning effort
 * @throws {UsageError} for an effort the model does not accept
 */
export function reasoningEffortFor(modelId: string, capabilities: ModelCapabilities, requested?: string): string | undefined {
  const efforts = capabilities.reasoningEfforts;
  if (efforts === undefined) {
    if (requested !== undefined) throw new UsageError(`${modelId}: takes no reasoning effort (got "${requested}"; it is not a reasoning model)`);
    return undefined;
  }
  const effort = requested ?? (efforts.includes(DEFAULT_REASONING_EFFORT) ? DEFAULT_REASONING_EFFORT : efforts[0]);
  if (effort === undefined || !efforts.includes(effort)) {
    throw new UsageError(`${modelId}: reasoning effort must be one of ${efforts.join(", ")} (got "${requested}")`);
  }
  return effort;
}

/**
 * The cache scope of an `openai/…` or `openai-compatible/…` backend, computed without the SDK
 * (estimates use it too): the server, and the reasoning effort where one is sent.
 */
export function openAiCacheScope(modelId: string, baseUrl: string, capabilities: ModelCapabilities, reasoningEffort?: string): string {
  return cacheScopeFor(baseUrl, { reasoning_effort: reasoningEffortFor(modelId, capabilities, reasoningEffort) });
}

/** The smallest `budget_tokens` the API accepts for `thinking: {type: "enabled"}`. @unit tokens */
export const MIN_THINKING_BUDGET_TOKENS = 1024;
/**
 * Thinking room given to models that always think when no budget is asked for: added to the
 * answer's cap, so a one-line answer is not starved by its own thinking. @unit tokens
 */
export const DEFAULT_THINKING_HEADROOM_TOKENS = 4096;

/** How a model will think: what is sent as `thinking`, and the tokens reserved for it. */
export interface ThinkingPlan {
  /** The `thinking` parameter, or undefined to send none. */
  readonly param?: MessageCreateParamsNonStreaming["thinking"];
  /** Tokens added to the answer's cap for `max_tokens`. */
  readonly headroom: number;
}

/**
 * The thinking settings of a call. Off unless a budget is asked for (no `thinking` parameter,
 * which every model that can turn thinking off reads as off); with a budget, `{type: "enabled",
 * budget_tokens}` (budget models) or `{type: "adaptive"}` (adaptive-only models), and
 * `max_tokens` = budget + the answer's cap, so `budget_tokens < max_tokens` always holds with room
 * for the answer. Models that always think get the budget (else a default) as headroom.
 * @throws {UsageError} for a budget on a model without thinking, or below the API's minimum of 1024
 */
export function thinkingPlan(modelId: string, capabilities: ModelCapabilities, budget = 0): ThinkingPlan {
  if (!(Number.isInteger(budget) && budget >= 0)) throw new UsageError(`${modelId}: thinking budget must be a non-negative integer (got ${budget})`);
  const mode = capabilities.thinking;
  if (budget === 0) return { headroom: mode === "always" ? DEFAULT_THINKING_HEADROOM_TOKENS : 0 };
  if (mode === undefined) throw new UsageError(`${modelId}: has no extended thinking (got a thinking budget of ${budget})`);
  if (budget < MIN_THINKING_BUDGET_TOKENS) {
    throw new UsageError(`${modelId}: thinking budget must be 0 (off) or at least ${MIN_THINKING_BUDGET_TOKENS} tokens (got ${budget})`);
  }
  switch (mode) {
    case "budget":
      return { param: { type: "enabled", budget_tokens: budget }, headroom: budget };
    case "adaptive":
      return { param: { type: "adaptive" }, headroom: budget };
    case "always":
      return { headroom: budget };
  }
}

/** The cache scope of an `anthropic/…` backend, computed without the SDK: the server and the thinking setting. */
export function anthropicCacheScope(modelId: string, baseUrl: string, capabilities: ModelCapabilities, thinkingBudget?: number): string {
  const plan = thinkingPlan(modelId, capabilities, thinkingBudget);
  return cacheScopeFor(baseUrl, { thinking: plan.param === undefined && plan.headroom === 0 ? undefined : `${plan.param?.type ?? "always"}:${plan.headroom}` });
}


/** The settings of a live backend that enter its cache scope. */
export interface LiveSettings {
  /** Base URLs per provider; each provider reads only its own. */
  readonly baseUrls?: ProviderBaseUrls;
  readonly reasoningEffort?: string;
  readonly thinkingBudget?: number;
}

/**
 * The cache scope a live backend for this model will have, or undefined for `paper/…` and for an
 * openai-compatible model without a base URL. Matches the `cacheScope` of `createBackend`.
 * @throws {UsageError} for an unknown model or a setting the model does not accept
 */
export function liveCacheScope(modelId: string, settings: LiveSettings = {}): string | undefined {
  const { provider } = parseModelId(modelId);
  if (provider === "paper" || provider === "baseline") return undefined;
  const origin = resolveOrigin(provider, settings.baseUrls?.[provider]);
  if (origin === undefined) return undefined;
  const capabilities = capabilitiesFor(modelId);
  return provider === "anthropic"
    ? anthropicCacheScope(modelId, origin.baseUrl, capabilities, settings.thinkingBudget)
    : openAiCacheScope(modelId, origin.baseUrl, capabilities, settings.reasoningEffort);
}

/** Tokens of hidden reasoning allowed on top of the answer's cap at a reasoning effort (0 for none). @unit tokens */
function reasoningHeadroom(effort: string | undefined): number {
  return effort === undefined ? 0 : (REASONING_HEADROOM_TOKENS[effort] ?? REASONING_HEADROOM_TOKENS.high!);
}

/** The settings that change the cap a backend sends. */
export interface TokenCapSettings {
  readonly reasoningEffort?: string;
  readonly thinkingBudget?: number;
}

/**
 * The cap on generated tokens a backend sends for an answer capped at `maxTokens`, which is the
 * most output a call can be billed for: OpenAI reasoning models get their effort's reasoning
 * headroom on top (`max_completion_tokens`), Anthropic models their thinking headroom on top of
 * the answer's cap (the default cap when none is given); openai-compatible servers get
 * `max_tokens` as it is. The backends send exactly this; estimates and budgets count it.
 * @returns undefined when no cap is sent (an OpenAI or compatible request without `maxTokens`)
 * @throws {UsageError} for a reasoning effort or thinking budget the model does not accept
 * @example
 * sentTokenCap("openai/o4-mini", capabilitiesFor("openai/o4-mini"), 200); // => 200 + 4096 (effort "low")
 */
export function sentTokenCap(modelId: string, capabilities: ModelCapabilities, maxTokens: number | undefined, settings: TokenCapSettings = {}): number | undefined {
  const { provider } = parseModelId(modelId);
  if (provider === "anthropic") return (maxTokens ?? DEFAULT_ANTHROPIC_MAX_TOKENS) + thinkingPlan(modelId, capabilities, settings.thinkingBudget).headroom;
  if (maxTokens === undefined || provider !== "openai") return maxTokens;
  return maxTokens + reasoningHeadroom(reasoningEffortFor(modelId, capabilities, settings.reasoningEffort));
}

