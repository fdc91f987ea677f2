/**
 * The Anthropic backend: the official `@anthropic-ai/sdk` messages API, normalised to
 * `Completion`. System turns go to the separate `system` parameter; no sampling parameters are
 * sent (API version 2026-10-21 rejects them; the default temperature is 1). No retry layer of our own:
 * the SDK retries 429, 5xx (including 529 overloaded) and timeouts, honouring `retry-after`.
 */
import Anthropic from "@anthropic-ai/sdk";
import type { Message, MessageCreateParamsNonStreaming } from "@anthropic-ai/sdk/resources/messages";
import { apiKey as configuredApiKey } from "../config";
import { UsageError } from "../errors";
import { toBackendError } from "./backend-error";
import { capabilitiesFor, DEFAULT_ANTHROPIC_MAX_TOKENS } from "./capabilities";
import { parseModelId } from "./model-id";
import { DEFAULT_MAX_RETRIES, DEFAULT_TIMEOUT_MS, type SdkBackendOptions } from "./openai-backend";
import { checkRequestForBackend } from "./plan";
import type { Backend, Completion, CompletionRequest } from "./types";

export { DEFAULT_ANTHROPIC_MAX_TOKENS };

/** Where the Anthropic API lives. Passed explicitly so `ANTHROPIC_BASE_URL` never redirects it silently. */
export const ANTHROPIC_BASE_URL = "https://api.anthropic.com";

/**
 * A backend for `anthropic/<model>`.
 * @param modelId e.g. "anthropic/claude-3-5-haiku-latest"
 * @param options key (else `ANTHROPIC_API_KEY`), base URL, timeout, retries
 * @throws UsageError for another provider or a missing key
 * @example
 * const backend = createAnthropicBackend("anthropic/claude-3-5-haiku-latest");
 */
export function createAnthropicBackend(modelId: string, options: SdkBackendOptions = {}): Backend {
  const { provider, model } = parseModelId(modelId);
  if (provider !== "anthropic") throw new UsageError(`createAnthropicBackend: not an anthropic model id (${modelId})`);
  const key = configuredApiKey("ANTHROPIC_API_KEY", options.apiKey);
  if (key === undefined) {
    throw new UsageError(`${modelId}: no api key (set ANTHROPIC_API_KEY in .env or the environment)`);
  }
  const capabilities = capabilitiesFor(modelId, options.capabilities);
  const client = new Anthropic({
    apiKey: key,
    baseURL: options.baseUrl ?? ANTHROPIC_BASE_URL,
    timeout: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    maxRetries: options.maxRetries ?? DEFAULT_MAX_RETRIES,
  });

  async function complete(request: CompletionRequest, callOptions: { signal?: AbortSignal } = {}): Promise<Completion> {
    checkRequestForBackend(modelId, request, capabilities);
    const system = request.messages.filter((message) => message.role === "system").map((message) => message.content);
    const body: MessageCreateParamsNonStreaming = {
      model,
      max_tokens: request.maxTokens ?? DEFAULT_ANTHROPIC_MAX_TOKENS,
      messages: request.messages
        .filter((message) => message.role !== "system")
        .map((message) => ({ role: message.role as "user" | "assistant", content: message.content })),
    };
    if (system.length > 0) body.system = system.join("\n\n");
    // No sampling parameters: the API version this SDK sends rejects them (see capabilities.ts);
    // checkRequestSupported has already refused any temperature other than the default 1.
    let response: Message;
    try {
      response = await client.messages.create(body, { signal: callOptions.signal });
    } catch (error) {
      throw toBackendError(modelId, error, [key]);
    }
    return toAnthropicCompletion(response);
  }

  return { id: modelId, capabilities, complete };
}

/** Maps a messages-API response to a `Completion`: the text blocks joined, usage and stop reason. */
export function toAnthropicCompletion(response: Message): Completion {
  const text = response.content
    .map((block) => (block.type === "text" ? block.text : ""))
    .join("");
  return {
    text,
    usage: { inputTokens: response.usage.input_tokens, outputTokens: response.usage.output_tokens },
    model: response.model,
    ...(response.stop_reason === null ? {} : { finishReason: response.stop_reason }),
  };
}
