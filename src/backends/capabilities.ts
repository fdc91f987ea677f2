/**
 * The capability table: what each provider/model accepts. Used to refuse impossible
 * (model, method) pairs before any call is made.
 */
import { UsageError } from "../errors";
import { PAPER_MODELS } from "../types";
import { parseModelId } from "./model-id";
import type { ModelCapabilities } from "./types";

/**
 * The Anthropic API requires `max_tokens`; without one in the request, the backend sends the
 * paper's 4096 (PROTOCOL §3.3). Kept here, away from the SDK, so estimates need no SDK import.
 */
export const DEFAULT_ANTHROPIC_MAX_TOKENS = 4096;

/** OpenAI chat models (gpt-4o, gpt-4.1, gpt-3.5, gpt-4): `logprobs` with up to 20 `top_logprobs`. */
const OPENAI_CHAT: ModelCapabilities = {
  logprobs: true,
  maxTopLogprobs: 20,
  maxTemperature: 2,
  n: true,
  published: false,
};

/** OpenAI reasoning models (o1, o3, o4-mini, gpt-5): temperature fixed at 1, no log-probabilities. */
const OPENAI_REASONING: ModelCapabilities = {
  logprobs: false,
  maxTopLogprobs: 0,
  fixedTemperature: 1,
  maxTemperature: 1,
  n: true,
  published: false,
  note: "OpenAI reasoning models return none and accept only temperature 1",
};

/**
 * Anthropic messages API: no log-probabilities, one answer per call. API version 2026-10-21
 * (sent by @anthropic-ai/sdk 1.x) rejects `temperature`, `top_p` and `top_k` with a 400 even at
 * their defaults, so sampling is the API's default, temperature 1 (the paper's setting).
 */
const ANTHROPIC: ModelCapabilities = {
  logprobs: false,
  maxTopLogprobs: 0,
  fixedTemperature: 1,
  maxTemperature: 1,
  n: false,
  published: false,
  note: "the Anthropic API returns none",
};

/**
 * OpenAI-compatible servers: assumed to follow the OpenAI protocol including `top_logprobs`
 * (vLLM caps it with `--max-logprobs`, default 20). A server that lacks a feature answers with
 * an error, which is recorded per item; pass `capabilities` overrides when you know better.
 */
const OPENAI_COMPATIBLE: ModelCapabilities = {
  logprobs: true,
  maxTopLogprobs: 20,
  maxTemperature: 2,
  n: true,
  published: false,
  note: "assumed for an OpenAI-compatible server",
};

/** Paper models whose Log-p outputs were published (§3.3 of PROTOCOL: gpt-3.5, gpt-4, llama3-70b). */
const PAPER_LOGPROB_MODELS: readonly string[] = ["gpt-3.5-turbo-0125", "gpt-4", "llama3-70b"];

/** True for OpenAI model names that are reasoning models (o1, o3-mini, o4-mini, gpt-5, gpt-5-mini; not gpt-5-chat). */
export function isOpenAiReasoningModel(model: string): boolean {
  if (/^o\d+(-|$)/.test(model)) return true;
  return /^gpt-5(\.\d+)?(-|$)/.test(model) && !/^gpt-5(\.\d+)?-chat/.test(model);
}

/**
 * The capabilities of a model.
 * @param modelId `provider/model`
 * @param overrides fields that replace the table's entry (e.g. what a known OpenAI-compatible server supports)
 * @returns the capability entry
 * @throws UsageError for an unknown provider, or a `paper/` model that was not published
 * @example
 * capabilitiesFor("anthropic/claude-3-5-haiku-latest").logprobs; // => false
 */
export function capabilitiesFor(modelId: string, overrides: Partial<ModelCapabilities> = {}): ModelCapabilities {
  const { provider, model } = parseModelId(modelId);
  let base: ModelCapabilities;
  switch (provider) {
    case "openai":
      base = isOpenAiReasoningModel(model) ? OPENAI_REASONING : OPENAI_CHAT;
      break;
    case "anthropic":
      base = ANTHROPIC;
      break;
    case "openai-compatible":
      base = OPENAI_COMPATIBLE;
      break;
    case "paper":
      base = paperCapabilities(modelId, model);
      break;
  }
  return { ...base, ...overrides };
}

function paperCapabilities(modelId: string, model: string): ModelCapabilities {
  if (!(PAPER_MODELS as readonly string[]).includes(model)) {
    throw new UsageError(`capabilitiesFor: no published outputs for "${modelId}" (paper models: ${PAPER_MODELS.join(", ")})`);
  }
  const logprobs = PAPER_LOGPROB_MODELS.includes(model);
  return {
    logprobs,
    maxTopLogprobs: logprobs ? 20 : 0,
    fixedTemperature: 1,
    maxTemperature: 1,
    n: false,
    published: true,
    note: logprobs ? "published outputs" : "the paper published no log-probabilities for this model",
  };
}
