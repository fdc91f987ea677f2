/**
 * The Anthropic backend: the official `@anthropic-ai/sdk` messages API, normalised to
 * `Completion`. System turns go to the separate `system` parameter; no sampling parameters are
 * sent (API version 2026-10-21 rejects them; the default temperature is 1). A call is one attempt:
 * a retryable failure (429, 5xx including 529 overloaded, timeout, connection) comes back as a
 * `BackendError` with `retryable` and the server's `retry-after`, and the executor retries it.
 */
import { anthropicSdk } from "./sdks";
import type { Message, MessageCreateParamsNonStreaming } from "@anthropic-ai/sdk/resources/messages";
import { apiKey as configuredApiKey } from "../config";
import { IncompleteAnswerError, UsageError } from "../errors";
import { redactSecrets, toBackendError } from "./backend-error";
import { capabilitiesFor, closeMatches, DEFAULT_ANTHROPIC_MAX_TOKENS } from "./capabilities";
import { parseModelId } from "./model-id";
import { DEFAULT_MAX_RETRIES, DEFAULT_TIMEOUT_MS, MODEL_LIST_TIMEOUT_MS, type SdkBackendOptions } from "./openai-backend";
import { ANTHROPIC_BASE_URL, normaliseBaseUrl, resolveOrigin } from "./origins";
import { createAnthropicBatchApi } from "./batch/anthropic-batch";
import { checkRequestForBackend } from "./plan";
import { signallingFetch } from "./rate-signals";
import { anthropicCacheScope, sentTokenCap, thinkingPlan } from "./request-settings";
import type { Backend, Completion, CompletionRequest } from "./types";

export { DEFAULT_ANTHROPIC_MAX_TOKENS };
export { DEFAULT_THINKING_HEADROOM_TOKENS, thinkingPlan } from "./request-settings";

/**
 * A backend for `anthropic/<model>`.
 * @param modelId e.g. "anthropic/claude-3-5-haiku-latest"
 * @param options key (else `ANTHROPIC_API_KEY`), base URL (else `ANTHROPIC_BASE_URL`, else the API), timeout, retries, thinking budget
 * @throws UsageError for another provider, an unknown model or a missing key
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
  const thinking = thinkingPlan(modelId, capabilities, options.thinkingBudget);
  const origin = resolveOrigin("anthropic", options.baseUrl)!;
  const signals = signallingFetch();
  const client = new (anthropicSdk().Anthropic)({
    fetch: signals.fetch,
    apiKey: key,
    baseURL: origin.baseUrl,
    timeout: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    maxRetries: options.maxRetries ?? DEFAULT_MAX_RETRIES,
  });

  const outputTokenCap = (maxTokens: number | undefined): number => sentTokenCap(modelId, capabilities, maxTokens, { thinkingBudget: options.thinkingBudget }) as number;

  function bodyOf(request: CompletionRequest): MessageCreateParamsNonStreaming {
    checkRequestForBackend(modelId, request, capabilities);
    const system = request.messages.filter((message) => message.role === "system").map((message) => message.content);
    const body: MessageCreateParamsNonStreaming = {
      model,
      max_tokens: outputTokenCap(request.maxTokens),
      messages: request.messages
        .filter((message) => message.role !== "system")
        .map((message) => ({ role: message.role as "user" | "assistant", content: message.content })),
    };
    if (system.length > 0) body.system = system.join("\n\n");
    if (thinking.param !== undefined) body.thinking = thinking.param;
    // No sampling parameters: the API version this SDK sends rejects them (see capabilities.ts);
    // checkRequestSupported has already refused any temperature other than the default 1.
    return body;
  }

  async function complete(request: CompletionRequest, callOptions: { signal?: AbortSignal } = {}): Promise<Completion> {
    const body = bodyOf(request);
    let response: Message;
    try {
      response = await client.messages.create(body, { signal: callOptions.signal, maxRetries: 0 });
    } catch (error) {
      throw toBackendError(modelId, error, [key]);
    }
    return toAnthropicCompletion(response, { modelId, secrets: [key] });
  }

  async function checkModelExists(callOptions: { signal?: AbortSignal } = {}): Promise<void> {
    const names: string[] = [];
    try {
      for await (const entry of client.models.list({ limit: 1000 }, { signal: callOptions.signal, maxRetries: 0, timeout: MODEL_LIST_TIMEOUT_MS })) names.push(entry.id);
    } catch {
      // A server that does not list its models (or refuses to): the calls themselves report it.
      return;
    }
    if (names.includes(model)) return;
    // `-latest` aliases are accepted by the API without being listed.
    const family = model.replace(/-latest$/, "");
    if (family !== model && names.some((name) => name.startsWith(`${family}-`))) return;
    const near = closeMatches(model, names);
    const where = origin.official ? "the Anthropic API" : normaliseBaseUrl(origin.baseUrl);
    throw new UsageError(
      `${modelId}: ${where} does not list this model${near.length === 0 ? "" : `; did you mean ${near.map((name) => `anthropic/${name}`).join(" or ")}?`} (${names.length} models listed)`,
    );
  }

  const batch = createAnthropicBatchApi({ modelId, client, bodyOf, toCompletion: (response) => toAnthropicCompletion(response, { modelId, secrets: [key] }), secrets: [key] });
  return { id: modelId, capabilities, cacheScope: anthropicCacheScope(modelId, origin.baseUrl, capabilities, options.thinkingBudget), outputTokenCap, complete, checkModelExists, onRateSignal: signals.onRateSignal, maxRetries: options.maxRetries ?? DEFAULT_MAX_RETRIES, batch };
}

/**
 * Maps a messages-API response to a `Completion`: the text blocks joined (thinking blocks left
 * out), secrets redacted, usage and stop reason.
 * @throws IncompleteAnswerError `truncated` for stop reason `max_tokens`,
 *   `model_context_window_exceeded` or `pause_turn` (the turn is unfinished), `refused` for `refusal`
 */
function toAnthropicCompletion(response: Message, options: { modelId?: string; secrets?: readonly (string | undefined)[] } = {}): Completion {
  const modelId = options.modelId ?? `anthropic/${response.model}`;
  const text = redactSecrets(
    response.content.map((block) => (block.type === "text" ? block.text : "")).join(""),
    options.secrets ?? [],
  );
  const usage = { inputTokens: response.usage.input_tokens, outputTokens: response.usage.output_tokens };
  const stop = response.stop_reason;
  const partial = { text, ...usage, ...(stop === null ? {} : { finishReason: stop }) };
  if (stop === "refusal") throw new IncompleteAnswerError(`${modelId}: refused (stop_reason refusal)`, modelId, "refused", partial);
  if (stop === "max_tokens" || stop === "model_context_window_exceeded" || stop === "pause_turn") {
    throw new IncompleteAnswerError(`${modelId}: answer cut before its end (stop_reason ${stop}, ${usage.outputTokens} output tokens)`, modelId, "truncated", partial);
  }
  return {
    text,
    usage,
    model: response.model,
    ...(stop === null ? {} : { finishReason: stop }),
  };
}
