/**
 * The OpenAI backend, and the OpenAI-compatible one: the official `openai` SDK's chat
 * completions, normalised to `Completion`. No retry layer of our own: the SDK retries 429, 5xx
 * and timeouts with backoff, honouring `retry-after`.
 */
import OpenAI from "openai";
import type { ChatCompletion, ChatCompletionCreateParamsNonStreaming } from "openai/resources/chat/completions";
import { apiKey as configuredApiKey, openAiCompatibleBaseUrl } from "../config";
import { BackendError, UsageError } from "../errors";
import { toBackendError } from "./backend-error";
import { capabilitiesFor } from "./capabilities";
import { parseModelId } from "./model-id";
import { checkRequestForBackend } from "./plan";
import type { Backend, Completion, CompletionRequest, ModelCapabilities, TokenLogprob } from "./types";

/** Where the official OpenAI API lives. Passed explicitly so `OPENAI_BASE_URL` (meant for compatible servers) never redirects it. */
export const OPENAI_BASE_URL = "https://api.openai.com/v1";
/** Sent as the key to an OpenAI-compatible server that needs none (the SDK requires some key). */
export const PLACEHOLDER_API_KEY = "no-key-needed";
/** @unit milliseconds */
export const DEFAULT_TIMEOUT_MS = 60_000;
export const DEFAULT_MAX_RETRIES = 2;

/** Options shared by the SDK-backed backends. */
export interface SdkBackendOptions {
  /** The API key; else the provider's environment variable. */
  readonly apiKey?: string;
  /** The server's base URL (required for openai-compatible unless `OPENAI_BASE_URL` is set). */
  readonly baseUrl?: string;
  /** Per-attempt timeout passed to the SDK. @unit milliseconds @default 60_000 */
  readonly timeoutMs?: number;
  /** Retries the SDK makes on 408/409/429/5xx/timeouts. @default 2 */
  readonly maxRetries?: number;
  /** Replaces fields of the capability entry. */
  readonly capabilities?: Partial<ModelCapabilities>;
}

/**
 * A backend for `openai/<model>` or `openai-compatible/<served name>`.
 * For openai-compatible the key comes from the option or `OPENAI_COMPATIBLE_API_KEY` (never
 * `OPENAI_API_KEY`, which must not be sent to a third-party server), else a placeholder.
 * @param modelId `openai/…` or `openai-compatible/…`
 * @throws UsageError for another provider, a missing OpenAI key or a missing compatible base URL
 * @example
 * const backend = createOpenAiBackend("openai/gpt-4o-mini", { timeoutMs: 30_000 });
 * const completion = await backend.complete({ model: backend.id, messages: [{ role: "user", content: "Hi" }] });
 */
export function createOpenAiBackend(modelId: string, options: SdkBackendOptions = {}): Backend {
  const { provider, model } = parseModelId(modelId);
  if (provider !== "openai" && provider !== "openai-compatible") {
    throw new UsageError(`createOpenAiBackend: not an openai model id (${modelId})`);
  }
  const compatible = provider === "openai-compatible";
  const baseUrl = compatible ? openAiCompatibleBaseUrl(options.baseUrl) : (options.baseUrl ?? OPENAI_BASE_URL);
  if (baseUrl === undefined) {
    throw new UsageError(`${modelId}: no base url for the openai-compatible server (pass --base-url or set OPENAI_BASE_URL)`);
  }
  const key = compatible
    ? (configuredApiKey("OPENAI_COMPATIBLE_API_KEY", options.apiKey) ?? PLACEHOLDER_API_KEY)
    : configuredApiKey("OPENAI_API_KEY", options.apiKey);
  if (key === undefined) {
    throw new UsageError(`${modelId}: no api key (set OPENAI_API_KEY in .env or the environment)`);
  }
  const capabilities = capabilitiesFor(modelId, options.capabilities);
  const client = new OpenAI({
    apiKey: key,
    baseURL: baseUrl,
    timeout: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    maxRetries: options.maxRetries ?? DEFAULT_MAX_RETRIES,
  });

  async function complete(request: CompletionRequest, callOptions: { signal?: AbortSignal } = {}): Promise<Completion> {
    checkRequestForBackend(modelId, request, capabilities);
    const body: ChatCompletionCreateParamsNonStreaming = {
      model,
      messages: request.messages.map((message) => ({ role: message.role, content: message.content })),
    };
    if (request.temperature !== undefined && capabilities.fixedTemperature === undefined) body.temperature = request.temperature;
    if (request.maxTokens !== undefined) {
      // The official API takes max_completion_tokens (max_tokens is refused by reasoning models);
      // compatible servers reliably understand only max_tokens.
      if (compatible) body.max_tokens = request.maxTokens;
      else body.max_completion_tokens = request.maxTokens;
    }
    if (request.topLogprobs !== undefined) {
      body.logprobs = true;
      body.top_logprobs = request.topLogprobs;
    }
    let response: ChatCompletion;
    try {
      response = await client.chat.completions.create(body, { signal: callOptions.signal });
    } catch (error) {
      throw toBackendError(modelId, error, [key]);
    }
    return toCompletion(modelId, response);
  }

  return { id: modelId, capabilities, cacheScope: compatible ? normaliseBaseUrl(baseUrl) : undefined, complete };
}

/**
 * Maps a chat-completions response to a `Completion` (first choice; `logprobs.content` to `tokens`).
 * @throws BackendError when the response has no choices
 */
export function toCompletion(modelId: string, response: ChatCompletion): Completion {
  const choice = response.choices[0];
  if (choice === undefined) throw new BackendError(`${modelId}: response has no choices (id ${response.id})`, modelId);
  const content = choice.logprobs?.content;
  const tokens: TokenLogprob[] | undefined = content?.map((entry) => ({
    token: entry.token,
    logprob: entry.logprob,
    topLogprobs: entry.top_logprobs.map((alternative) => ({ token: alternative.token, logprob: alternative.logprob })),
  }));
  return {
    text: choice.message.content ?? "",
    ...(tokens === undefined ? {} : { tokens }),
    usage: { inputTokens: response.usage?.prompt_tokens ?? 0, outputTokens: response.usage?.completion_tokens ?? 0 },
    model: response.model,
    finishReason: choice.finish_reason,
  };
}

/**
 * A base URL as it identifies a server: origin and path, without credentials, query or a trailing slash.
 * @example
 * normaliseBaseUrl("http://user:pw@localhost:8000/v1/?key=x"); // => "http://localhost:8000/v1"
 */
export function normaliseBaseUrl(baseUrl: string): string {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch (error) {
    // The value is not echoed: a malformed url may still carry credentials.
    throw new UsageError("normaliseBaseUrl: base url is not a valid url", { cause: error });
  }
  return `${url.origin}${url.pathname.replace(/\/+$/, "")}`;
}
