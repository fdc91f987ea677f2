/**
 * The backend vocabulary: one chat request in, one normalised completion out, whatever the
 * provider. Types only.
 */
import type { GroupRef } from "../data/results";
import type { RateSignal } from "./rate-signals";
import type { BatchApi } from "./batch/types";

/** One chat turn. A system turn, if any, comes first. */
export interface ChatMessage {
  readonly role: "system" | "user" | "assistant";
  readonly content: string;
}

/** Everything a backend needs to produce one completion. */
export interface CompletionRequest {
  /** The model id, `provider/model` (e.g. "openai/gpt-4o-mini"). */
  readonly model: string;
  readonly messages: readonly ChatMessage[];
  /** Sampling temperature; the provider's default when omitted. */
  readonly temperature?: number;
  /** Cap on generated tokens; a backend default applies when omitted (Anthropic requires one). */
  readonly maxTokens?: number;
  /** Ask for next-token log-probabilities with this many alternatives per position. */
  readonly topLogprobs?: number;
  /**
   * Distinguishes repeated samples of the same prompt (0, 1, 2, …): it is not sent to the
   * provider, but it is part of the cache key, so sample 1 is never served sample 0's answer.
   * @default 0
   */
  readonly sampleIndex?: number;
}

/** One alternative token at a position, with its natural-log probability. */
export interface TokenAlternative {
  readonly token: string;
  readonly logprob: number;
}

/** A generated token with its log-probability and the top alternatives at its position. */
export interface TokenLogprob extends TokenAlternative {
  readonly topLogprobs: readonly TokenAlternative[];
}

/** Token counts as the provider billed them. */
export interface TokenUsage {
  readonly inputTokens: number;
  readonly outputTokens: number;
}

/** A normalised completion. */
export interface Completion {
  readonly text: string;
  /** Per generated token, present when `topLogprobs` was requested and the provider returned them. */
  readonly tokens?: readonly TokenLogprob[];
  readonly usage: TokenUsage;
  /** The model name as the server reported it (often a dated snapshot of the requested one). */
  readonly model: string;
  /** The provider's stop reason ("stop", "length", "end_turn", "max_tokens", …). */
  readonly finishReason?: string;
  /** True when the completion was served from the response cache rather than the provider. */
  readonly cached?: boolean;
}

/** What a model accepts, used to refuse impossible requests before any call. */
export interface ModelCapabilities {
  /** Whether the API returns next-token log-probabilities. */
  readonly logprobs: boolean;
  /** The largest `topLogprobs` the API accepts (0 when there are no log-probabilities). */
  readonly maxTopLogprobs: number;
  /** The only temperature the API accepts, for models that fix it (OpenAI reasoning models: 1). */
  readonly fixedTemperature?: number;
  /** The largest temperature the API accepts (OpenAI 2, Anthropic 1). */
  readonly maxTemperature: number;
  /** Whether the API can return several choices per call (`n`). */
  readonly n: boolean;
  /** True for `paper/…` models: answers come from the published outputs, never from a live call. */
  readonly published: boolean;
  /** Why the entry says what it says, shown in error messages ("the Anthropic API returns none"). */
  readonly note?: string;
  /**
   * OpenAI reasoning models: the `reasoning_effort` values the model accepts. Their reasoning
   * tokens count against `max_completion_tokens`, so the backend adds headroom to the answer's cap.
   */
  readonly reasoningEfforts?: readonly string[];
  /**
   * Anthropic extended thinking: `"budget"` accepts `thinking: {type: "enabled", budget_tokens}`
   * (off unless asked); `"adaptive"` accepts only `{type: "adaptive"}` (off unless asked);
   * `"always"` thinks on every call and cannot be turned off. Absent: no thinking.
   */
  readonly thinking?: "budget" | "adaptive" | "always";
}

/**
 * What a work item asks, beside its request: the survey question and groups behind the prompt.
 * Live backends ignore it; backends that answer from the survey itself (`baseline/…`) need it.
 * It never enters the cache key: the request alone identifies a live answer.
 */
export interface CallContext {
  /** The work item's id. */
  readonly itemId: string;
  /** The survey's name (a paper dataset, or a user survey's name). */
  readonly dataset: string;
  readonly questionId: string;
  /** The option texts in the order the prompt letters them (A, B, …). */
  readonly options: readonly string[];
  /** The steered group, or every group the answer is scored against without steering. */
  readonly groups: readonly GroupRef[];
  /** "none", "persona" or "few-shot". */
  readonly steering: string;
  /** "verbalize", "sequence" or "logprobs". */
  readonly method: string;
}

/** Per-call options that do not change the answer of a live model. */
export interface CompleteOptions {
  /** Aborts the call. */
  readonly signal?: AbortSignal;
  /** The work item behind the call, passed through wrappers untouched and never part of the cache key. */
  readonly context?: CallContext;
}

/** Options of `Backend.checkModelExists`. */
export interface ModelCheckOptions extends CompleteOptions {
  /**
   * The most log-probability alternatives the run asks this model for (absent when it asks for
   * none). An OpenAI-compatible server is sent one 1-token request with them before the run.
   */
  readonly topLogprobs?: number;
}

/** A source of completions for one model. */
export interface Backend {
  /** The model id this backend answers for, `provider/model`. */
  readonly id: string;
  readonly capabilities: ModelCapabilities;
  /**
   * What, besides the model id, identifies the answer's source: the server's normalised base
   * URL (official or not) and provider settings outside the request (reasoning effort, thinking
   * budget). It enters the cache key, so answers from a test server are never served as the
   * official API's. Set by every live backend; absent for `paper/…`.
   */
  readonly cacheScope?: string;
  /**
   * The cap on generated tokens this backend sends for an answer capped at `maxTokens` (room for
   * reasoning or thinking included): the most output a call is billed for. Estimates and the
   * budget count it. Undefined result: no cap is sent. Absent for `paper/…`.
   */
  readonly outputTokenCap?: (maxTokens: number | undefined) => number | undefined;
  /**
   * One completion, in one attempt. Rejects with `BackendError` (the SDK's error as `cause`;
   * `retryable` when another attempt may succeed), `UsageError` for a request the model cannot serve.
   */
  complete(request: CompletionRequest, options?: CompleteOptions): Promise<Completion>;
  /**
   * Checks that the provider serves this model, where it lists its models (`GET /v1/models`),
   * before anything is spent; for an OpenAI-compatible server also that it answers at all and,
   * given `topLogprobs`, that it returns that many log-probability alternatives.
   * @throws {UsageError} when the listing succeeds and lacks the model, naming close matches
   */
  checkModelExists?(options?: ModelCheckOptions): Promise<void>;
  /**
   * Reports the status and rate-limit headers of every HTTP response behind this backend's calls,
   * for adaptive concurrency and request pacing; returns the unsubscribe function.
   */
  onRateSignal?(listener: (signal: RateSignal) => void): () => void;
  /** How often the executor retries a call that failed with a retryable `BackendError`. @default 0 */
  readonly maxRetries?: number;
  /** The provider's batch API (half-price, asynchronous), where it has one: `openai/…` and `anthropic/…`. */
  readonly batch?: BatchApi;
}
