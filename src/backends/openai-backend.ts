/**
 * The OpenAI backend, and the OpenAI-compatible one: the official `openai` SDK's chat
 * completions, normalised to `Completion`. A call is one attempt (the SDK's own retries are off
 * for completions): a retryable failure (429, 5xx, timeout, connection) comes back as a
 * `BackendError` with `retryable` and the server's `retry-after`, and the executor retries it
 * through its limiter, so a retry waits for a slot and the request pacing.
 */
import { openAiSdk } from "./sdks";
import type { ChatCompletion, ChatCompletionCreateParamsNonStreaming } from "openai/resources/chat/completions";
import type { ReasoningEffort } from "openai/resources/shared";
import { apiKey as configuredApiKey } from "../config";
import { BackendError, IncompleteAnswerError, UsageError } from "../errors";
import { redactSecrets, toBackendError } from "./backend-error";
import { capabilitiesFor, closeMatches } from "./capabilities";
import { parseModelId } from "./model-id";
import { BASE_URL_VARIABLES, normaliseBaseUrl, OPENAI_BASE_URL, resolveOrigin } from "./origins";
import { createOpenAiBatchApi } from "./batch/openai-batch";
import { checkRequestForBackend } from "./plan";
import { signallingFetch } from "./rate-signals";
import { openAiCacheScope, reasoningEffortFor, sentTokenCap } from "./request-settings";
import type { Backend, Completion, CompletionRequest, ModelCapabilities, ModelCheckOptions, TokenLogprob } from "./types";

export { REASONING_HEADROOM_TOKENS } from "./request-settings";

/** Sent as the key to an OpenAI-compatible server that needs none (the SDK requires some key). */
export const PLACEHOLDER_API_KEY = "no-key-needed";
/** @unit milliseconds */
export const DEFAULT_TIMEOUT_MS = 60_000;
export const DEFAULT_MAX_RETRIES = 2;
/** How long the model check before a run waits for the provider's model list. @unit milliseconds */
export const MODEL_LIST_TIMEOUT_MS = 15_000;
/** How many served models an unlisted model's error names. */
const MODELS_NAMED = 5;
/** The prompt of the log-probability check before a run on an OpenAI-compatible server (never cached). */
export const LOGPROB_CHECK_PROMPT = "Reply with one letter: A or B.";

/** Options shared by the SDK-backed backends. */
export interface SdkBackendOptions {
  /** The API key; else the provider's environment variable. */
  readonly apiKey?: string;
  /**
   * This backend's server. Give it only for this provider: the provider's key is sent there.
   * Else the provider's environment variable (`OPENAI_BASE_URL`, `ANTHROPIC_BASE_URL`,
   * `OPENAI_COMPATIBLE_BASE_URL`), else the official server (required for openai-compatible).
   */
  readonly baseUrl?: string;
  /** Per-attempt timeout passed to the SDK. @unit milliseconds @default 60_000 */
  readonly timeoutMs?: number;
  /**
   * Retries of a call that fails with a retryable error (408/409/429/5xx, timeouts, connection
   * errors), made by the executor (`Backend.maxRetries`; a call itself is one attempt); the batch
   * API's requests are retried as often by the SDK. @default 2
   */
  readonly maxRetries?: number;
  /** Replaces fields of the capability entry. */
  readonly capabilities?: Partial<ModelCapabilities>;
  /** `reasoning_effort` of OpenAI reasoning models. @default DEFAULT_REASONING_EFFORT */
  readonly reasoningEffort?: string;
  /**
   * Anthropic thinking: tokens reserved for thinking on top of the answer's cap. 0 (the default)
   * turns thinking off where the model allows; models that always think get
   * `DEFAULT_THINKING_HEADROOM_TOKENS`. @unit tokens
   */
  readonly thinkingBudget?: number;
}

/**
 * A backend for `openai/<model>` or `openai-compatible/<served name>`.
 * The key goes only to the backend's own server: `OPENAI_API_KEY` to the OpenAI API (or a base URL
 * given for `openai/…`); for openai-compatible the option or `OPENAI_COMPATIBLE_API_KEY`, never
 * `OPENAI_API_KEY`, else a placeholder.
 * @param modelId `openai/…` or `openai-compatible/…`
 * @throws UsageError for another provider, an unknown model, a missing OpenAI key or a missing compatible base URL
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
  const origin = resolveOrigin(provider, options.baseUrl);
  if (origin === undefined) {
    throw new UsageError(
      `${modelId}: no base url for the openai-compatible server (pass baseUrl or set ${BASE_URL_VARIABLES["openai-compatible"]}; OPENAI_BASE_URL is for openai/… models)`,
    );
  }
  const baseUrl = origin.baseUrl;
  const key = compatible
    ? (configuredApiKey("OPENAI_COMPATIBLE_API_KEY", options.apiKey) ?? PLACEHOLDER_API_KEY)
    : configuredApiKey("OPENAI_API_KEY", options.apiKey);
  if (key === undefined) {
    throw new UsageError(`${modelId}: no api key (set OPENAI_API_KEY in .env or the environment)`);
  }
  const capabilities = capabilitiesFor(modelId, options.capabilities);
  const effort = reasoningEffortFor(modelId, capabilities, options.reasoningEffort);
  const signals = signallingFetch();
  const client = new (openAiSdk().OpenAI)({
    fetch: signals.fetch,
    apiKey: key,
    baseURL: baseUrl,
    timeout: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    maxRetries: options.maxRetries ?? DEFAULT_MAX_RETRIES,
    // The SDK would otherwise read OPENAI_ORG_ID, OPENAI_PROJECT_ID and OPENAI_ADMIN_KEY from the
    // environment and send them to whatever server this is: a compatible server gets none of them.
    ...(compatible ? { organization: null, project: null, adminAPIKey: null } : {}),
  });

  const outputTokenCap = (maxTokens: number | undefined) => sentTokenCap(modelId, capabilities, maxTokens, { reasoningEffort: options.reasoningEffort });

  function bodyOf(request: CompletionRequest): ChatCompletionCreateParamsNonStreaming {
    checkRequestForBackend(modelId, request, capabilities);
    const body: ChatCompletionCreateParamsNonStreaming = {
      model,
      messages: request.messages.map((message) => ({ role: message.role, content: message.content })),
    };
    if (request.temperature !== undefined && capabilities.fixedTemperature === undefined) body.temperature = request.temperature;
    if (effort !== undefined) body.reasoning_effort = effort as ReasoningEffort;
    const cap = outputTokenCap(request.maxTokens);
    if (cap !== undefined) {
      // The official API takes max_completion_tokens (max_tokens is refused by reasoning models),
      // which counts hidden reasoning tokens too: reasoning models get headroom on top of the
      // answer's cap. Compatible servers reliably understand only max_tokens.
      if (compatible) body.max_tokens = cap;
      else body.max_completion_tokens = cap;
    }
    if (request.topLogprobs !== undefined) {
      body.logprobs = true;
      body.top_logprobs = request.topLogprobs;
    }
    return body;
  }

  async function complete(request: CompletionRequest, callOptions: { signal?: AbortSignal } = {}): Promise<Completion> {
    const body = bodyOf(request);
    let response: ChatCompletion;
    try {
      response = await client.chat.completions.create(body, { signal: callOptions.signal, maxRetries: 0 });
    } catch (error) {
      throw toBackendError(modelId, error, [key]);
    }
    return toCompletion(modelId, response, { secrets: [key], logprobs: request.topLogprobs !== undefined });
  }

  async function checkModelExists(callOptions: ModelCheckOptions = {}): Promise<void> {
    const where = origin!.official ? "the OpenAI API" : normaliseBaseUrl(baseUrl);
    const names: string[] = [];
    try {
      for await (const entry of client.models.list({ signal: callOptions.signal, maxRetries: 0, timeout: MODEL_LIST_TIMEOUT_MS })) names.push(entry.id);
    } catch (error) {
      // The official API (or a server given for openai/…) that does not list: its calls report it.
      if (!compatible) return;
      if (callOptions.signal?.aborted === true) throw error;
      throw modelListError(modelId, where, error, [key]);
    }
    if (!servesModel(model, names)) {
      const near = closeMatches(model, names);
      const served = names.slice(0, MODELS_NAMED).join(", ") + (names.length > MODELS_NAMED ? ", …" : "");
      throw new UsageError(
        `${modelId}: ${where} does not list this model${near.length === 0 ? "" : `; did you mean ${near.map((name) => `${provider}/${name}`).join(" or ")}?`} ` +
          `(${names.length} models listed${names.length === 0 ? "" : `: ${served}`})`,
      );
    }
    if (compatible && callOptions.topLogprobs !== undefined) await checkLogprobs(callOptions.topLogprobs, where, callOptions.signal);
  }

  /**
   * One 1-token log-probability request: a server that refuses it, or answers without
   * log-probabilities or without alternatives, cannot run Log-p, and the run stops before it starts.
   */
  async function checkLogprobs(topLogprobs: number, where: string, signal: AbortSignal | undefined): Promise<void> {
    const leaveOut = "leave logprobs out of the methods (verbalize and sequence need none)";
    let completion: Completion;
    try {
      completion = await complete({ model: modelId, messages: [{ role: "user", content: LOGPROB_CHECK_PROMPT }], maxTokens: 1, topLogprobs }, { signal });
    } catch (error) {
      if (error instanceof UsageError) throw error;
      const detail = error instanceof Error ? error.message.replace(`${modelId}: `, "") : String(error);
      throw new UsageError(`${modelId}: ${where} refused a request for ${topLogprobs} log-probability alternatives (${detail}); ${leaveOut}, or let the server return ${topLogprobs} (vLLM: --max-logprobs)`);
    }
    const first = completion.tokens?.[0];
    if (first === undefined) throw new UsageError(`${modelId}: ${where} answered a log-probability request without log-probabilities, so Log-p cannot run there; ${leaveOut}`);
    if (first.topLogprobs.length === 0) throw new UsageError(`${modelId}: ${where} answered a log-probability request without alternatives (top_logprobs), so Log-p cannot run there; ${leaveOut}`);
  }

  const batch = compatible
    ? undefined
    : createOpenAiBatchApi({ modelId, client, bodyOf, toCompletion: (response, request) => toCompletion(modelId, response, { secrets: [key], logprobs: request.topLogprobs !== undefined }), secrets: [key] });
  return {
    id: modelId,
    capabilities,
    cacheScope: openAiCacheScope(modelId, baseUrl, capabilities, options.reasoningEffort),
    outputTokenCap,
    complete,
    checkModelExists,
    onRateSignal: signals.onRateSignal,
    maxRetries: options.maxRetries ?? DEFAULT_MAX_RETRIES,
    ...(batch === undefined ? {} : { batch }),
  };
}

/**
 * True when a model list serves a name: listed as it is, or, without a tag, as `<name>:latest`
 * (Ollama lists `llama3:latest` and answers requests for `llama3`).
 * @example
 * servesModel("llama3", ["llama3:latest"]); // => true
 */
function servesModel(model: string, names: readonly string[]): boolean {
  return names.includes(model) || (!model.includes(":") && names.includes(`${model}:latest`));
}

/**
 * Why an OpenAI-compatible server's model list could not be read, as one line: no server at the
 * address, a key it refuses, or a server without `GET /models`.
 */
function modelListError(modelId: string, where: string, error: unknown, secrets: readonly (string | undefined)[]): UsageError {
  const status = (error as { status?: unknown }).status;
  const detail = redactSecrets((error instanceof Error ? error.message : String(error)).replace(/\s+/g, " ").trim(), secrets).slice(0, 200);
  if (error instanceof openAiSdk().APIConnectionError) {
    const cause = error.cause as { code?: unknown; cause?: { code?: unknown } } | undefined;
    const code = cause?.code ?? cause?.cause?.code;
    return new UsageError(`${modelId}: no server answers at ${where} (${typeof code === "string" ? code : detail}); start the server, or check the base url`);
  }
  if (status === 401 || status === 403) {
    return new UsageError(`${modelId}: ${where} refused the key (${detail}); set OPENAI_COMPATIBLE_API_KEY to the server's key`);
  }
  return new UsageError(`${modelId}: ${where} does not list its models (GET ${where}/models: ${detail}); check the base url (it usually ends in /v1), or turn the model check off`);
}

/** How `toCompletion` treats a response. */
interface ToCompletionOptions {
  /** Secrets to redact from the answer text (a key the server echoed must never be stored). */
  readonly secrets?: readonly (string | undefined)[];
  /**
   * True for a log-probability request: its short cap is meant to cut the answer after the
   * letter, so `finish_reason: "length"` is not a truncation there.
   */
  readonly logprobs?: boolean;
}

/**
 * Maps a chat-completions response to a `Completion` (first choice; its log-probabilities to
 * `tokens` in any of the formats `tokenLogprobsOf` reads). Secrets are redacted from the text.
 * @throws BackendError when the response has no choices
 * @throws IncompleteAnswerError `refused` for a non-null `message.refusal` or `finish_reason:
 *   "content_filter"`, `truncated` for `finish_reason: "length"` (except on log-probability requests)
 */
function toCompletion(modelId: string, response: ChatCompletion, options: ToCompletionOptions = {}): Completion {
  const choice = response.choices[0];
  if (choice === undefined) throw new BackendError(`${modelId}: response has no choices (id ${response.id})`, modelId);
  const secrets = options.secrets ?? [];
  const tokens = tokenLogprobsOf(choice, response);
  const text = redactSecrets(choice.message.content ?? "", secrets);
  const usage = { inputTokens: response.usage?.prompt_tokens ?? 0, outputTokens: response.usage?.completion_tokens ?? 0 };
  const finishReason: string = choice.finish_reason;
  const refusal = choice.message.refusal;
  const partial = { text, ...usage, finishReason };
  if ((refusal !== null && refusal !== undefined) || finishReason === "content_filter") {
    const why = refusal === null || refusal === undefined ? "content filter" : redactSecrets(refusal, secrets).replace(/\s+/g, " ").slice(0, 200);
    throw new IncompleteAnswerError(`${modelId}: refused (${why})`, modelId, "refused", partial);
  }
  if (finishReason === "length" && options.logprobs !== true) {
    throw new IncompleteAnswerError(`${modelId}: answer cut at the token cap (finish_reason length, ${usage.outputTokens} output tokens)`, modelId, "truncated", partial);
  }
  return {
    text,
    ...(tokens === undefined ? {} : { tokens }),
    usage,
    model: response.model,
    finishReason,
  };
}

/** A log-probability entry as OpenAI-compatible servers send it (shapes vary by server and version). */
interface LooseLogprobEntry {
  readonly token?: unknown;
  readonly logprob?: unknown;
  readonly top_logprobs?: unknown;
  /** llama.cpp's older `completion_probabilities`: the token text and probabilities (not logs). */
  readonly content?: unknown;
  readonly probs?: unknown;
}

/**
 * The generated tokens' log-probabilities of a chat-completions choice, from the formats servers
 * send: OpenAI's (vLLM, llama.cpp, Ollama ≥ 0.12, LM Studio) `choice.logprobs.content[]` with
 * `top_logprobs` as an array of `{token, logprob}`, or as an object `{token: logprob}`, or left out
 * (no alternatives); and llama.cpp's older top-level `completion_probabilities[]`, with
 * `{token, logprob, top_logprobs}` or `{content, probs: [{tok_str, prob}]}` entries (probabilities,
 * taken to logs). Alternatives without a finite log-probability (or a probability in (0, 1]) are
 * left out, never read as a number. Undefined when the response has no log-probabilities (Ollama
 * before 0.12), or a generated token has none even among its alternatives: the strict parser then
 * reports the item as unparsed instead of reading a made-up number.
 */
function tokenLogprobsOf(choice: ChatCompletion["choices"][number], response: ChatCompletion): TokenLogprob[] | undefined {
  const content = (choice.logprobs as { content?: unknown } | null | undefined)?.content;
  const legacy = (response as unknown as { completion_probabilities?: unknown }).completion_probabilities;
  const entries = Array.isArray(content) ? content : Array.isArray(legacy) ? legacy : undefined;
  if (entries === undefined) return undefined;
  const tokens = (entries as LooseLogprobEntry[]).map((entry): TokenLogprob => {
    if (Array.isArray(entry.probs)) {
      const alternatives = (entry.probs as { tok_str?: unknown; prob?: unknown }[])
        .filter((p) => typeof p.tok_str === "string" && typeof p.prob === "number" && p.prob > 0 && p.prob <= 1)
        .map((p) => ({ token: p.tok_str as string, logprob: Math.log(p.prob as number) }));
      const token = typeof entry.content === "string" ? entry.content : "";
      return { token, logprob: alternatives.find((a) => a.token === token)?.logprob ?? Number.NaN, topLogprobs: alternatives };
    }
    const top = entry.top_logprobs;
    const alternatives =
      Array.isArray(top) ? (top as { token?: unknown; logprob?: unknown }[]).filter((a) => typeof a.token === "string" && isFiniteNumber(a.logprob)).map((a) => ({ token: a.token as string, logprob: a.logprob as number }))
      : top !== null && typeof top === "object" ? Object.entries(top as Record<string, unknown>).filter(([, logprob]) => isFiniteNumber(logprob)).map(([token, logprob]) => ({ token, logprob: logprob as number }))
      : [];
    const token = typeof entry.token === "string" ? entry.token : "";
    return { token, logprob: isFiniteNumber(entry.logprob) ? entry.logprob : (alternatives.find((a) => a.token === token)?.logprob ?? Number.NaN), topLogprobs: alternatives };
  });
  // A generated token without its log-probability: the response is treated as having none.
  return tokens.every((t) => Number.isFinite(t.logprob)) ? tokens : undefined;
}

function isFiniteNumber(value: unknown): value is number {
  return typeof value === "number" && Number.isFinite(value);
}
