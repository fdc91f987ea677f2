/**
 * Model ids: `provider/model` strings, parsed in one place.
 */
import { UsageError } from "../errors";

/**
 * The providers distalign can talk to.
 * - `openai`: the OpenAI API (chat completions).
 * - `anthropic`: the Anthropic API (messages).
 * - `openai-compatible`: any server speaking the OpenAI chat-completions protocol (vLLM, llama.cpp,
 *   Ollama, …) at a base URL given by option, `--base-url` or `OPENAI_BASE_URL`.
 * - `paper`: the outputs published with the paper (read-only, no calls).
 * - `baseline`: answers computed from the survey's own human distributions (`uniform`, `pooled`,
 *   `other-group`; no calls, no key, no cost).
 */
export const PROVIDERS = ["openai", "anthropic", "openai-compatible", "paper", "baseline"] as const;
export type Provider = (typeof PROVIDERS)[number];

/** A parsed model id. */
export interface ParsedModelId {
  readonly provider: Provider;
  /** The provider's model name; may itself contain slashes for `openai-compatible` ("meta-llama/Llama-3-8B"). */
  readonly model: string;
  /** The id as given, `provider/model`. */
  readonly id: string;
}

/**
 * Splits a model id at its first slash and checks the provider.
 * @param id e.g. "openai/gpt-4o-mini", "openai-compatible/meta-llama/Meta-Llama-3-8B-Instruct"
 * @throws UsageError for a missing slash, an empty model name or an unknown provider (listing the valid ones)
 * @example
 * parseModelId("anthropic/claude-3-5-haiku-latest"); // => { provider: "anthropic", model: "claude-3-5-haiku-latest", … }
 */
export function parseModelId(id: string): ParsedModelId {
  const slash = id.indexOf("/");
  const valid = PROVIDERS.join(", ");
  if (slash < 0) {
    throw new UsageError(`parseModelId: model id must be provider/model (got "${id}"; providers: ${valid})`);
  }
  const provider = id.slice(0, slash);
  const model = id.slice(slash + 1);
  if (!isProvider(provider)) {
    throw new UsageError(`parseModelId: unknown provider "${provider}" in "${id}" (valid providers: ${valid})`);
  }
  if (model.trim() === "") {
    throw new UsageError(`parseModelId: empty model name in "${id}"`);
  }
  return { provider, model, id };
}

/** True when `name` is one of `PROVIDERS`. */
export function isProvider(name: string): name is Provider {
  return (PROVIDERS as readonly string[]).includes(name);
}
