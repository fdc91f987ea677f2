/**
 * A local stand-in for the OpenAI and Anthropic APIs: a `node:http` server on 127.0.0.1 (an
 * ephemeral port) speaking their wire formats, so the real SDKs can talk to it.
 *
 * - OpenAI `POST /v1/chat/completions`: `object: "chat.completion"`, `choices[].message`,
 *   `choices[].logprobs.content[].top_logprobs` (token, logprob, bytes) when `logprobs` is asked,
 *   `usage.prompt_tokens/completion_tokens`, `x-request-id`; errors as `{ error: { message, type, param, code } }`.
 * - Anthropic `POST /v1/messages`: `type: "message"`, text content blocks, `stop_reason`,
 *   `usage.input_tokens/output_tokens`, `request-id`; errors as `{ type: "error", error: { type, message }, request_id }`.
 *   Like API version 2026-10-21, it rejects `temperature`/`top_p`/`top_k` with a 400.
 *
 * - `GET /v1/models` (both APIs; Anthropic's when an `anthropic-version` header is sent): the
 *   `models` option as a model list (`{object: "list", data: [{id, object: "model", …}]}`, or
 *   Anthropic's `{data: [{id, type: "model", …}], first_id, last_id, has_more}`); a 404 without it,
 *   like a server that does not list its models.
 * - Replies can end as the APIs end incomplete answers: `finish_reason: "length"` /
 *   `stop_reason: "max_tokens"`, an OpenAI `message.refusal`, Anthropic `stop_reason: "refusal"`,
 *   thinking blocks before the text, reasoning tokens in `completion_tokens_details`, and
 *   log-prob entries without `top_logprobs` (as llama.cpp sends them). Anthropic `thinking`
 *   is checked as the API checks it (`budget_tokens` ≥ 1024 and < `max_tokens`).
 *
 * - `flavour` serves an open-weight server's own dialect of the OpenAI API, as their documentation
 *   describes it: vLLM (`owned_by: "vllm"`, `root`, `max_model_len` and `permission` in the model
 *   list; a 400 above `--max-logprobs`, 20 by default; `prompt_logprobs` and `stop_reason`),
 *   llama.cpp's `llama-server` (one model, `owned_by: "llamacpp"` with `meta`; log-prob entries with
 *   token `id`s; the `model` field of a request ignored; `timings`), or Ollama (`owned_by:
 *   "library"`, tagged names such as `llama3:latest` answering for `llama3`; its OpenAI
 *   compatibility lists Logprobs as unsupported, so `logprobs` is ignored and no `logprobs` member
 *   is sent). An unknown model is a 404 in the server's error body (llama.cpp serves whatever it
 *   loaded). `apiKey` makes the server refuse any other bearer token with a 401, as `vllm serve
 *   --api-key` and `llama-server --api-key` do.
 *
 * - `rateLimit` makes it a rate-limited API: a token bucket of requests (`perSecond`, holding
 *   `burst`), a 429 with `retry-after` (and OpenAI's `retry-after-ms`) for a request above it,
 *   and the API's request rate-limit headers on every chat answer (OpenAI
 *   `x-ratelimit-{limit,remaining,reset}-requests`, the reset a duration such as `120ms`;
 *   Anthropic `anthropic-ratelimit-requests-{limit,remaining,reset}`, the reset an RFC 3339 time).
 *
 * Scriptable per request: latency, a reply, and faults (429 with `retry-after`, 500, 529, a hang
 * past the client's timeout, a malformed JSON body, a 401 that echoes the key, any HTTP error in
 * the API's own error body). It counts
 * requests received and successful responses delivered per distinct prompt (the last user
 * message), records arrival times, and tracks the largest number of requests in flight. Every
 * arrival on any route, model listings included, is kept in `arrivals` with its credentials.
 */
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { performance } from "node:perf_hooks";

export type FakeApi = "openai" | "anthropic";

/** One request as the server saw it. */
export interface FakeRequest {
  readonly api: FakeApi;
  readonly body: any;
  readonly headers: IncomingHttpHeaders;
  /** The text of the last user message: identifies the prompt. */
  readonly promptKey: string;
  /** 1 for the first arrival of this prompt, 2 for its first retry, … */
  readonly attempt: number;
  /** 1-based arrival order over all requests. */
  readonly sequence: number;
  /** performance.now() at arrival. @unit milliseconds */
  readonly arrivedAt: number;
}

/** What went wrong with one request, on purpose. */
export type Fault =
  | { readonly kind: "rate-limit"; readonly retryAfterSeconds: number }
  | { readonly kind: "server-error" }
  | { readonly kind: "overloaded" }
  | { readonly kind: "hang" }
  | { readonly kind: "malformed-json" }
  | { readonly kind: "auth-error-echoing-key" }
  /** Any HTTP error, in the API's own error body (`type` and `message` default per status). */
  | { readonly kind: "http-error"; readonly status: number; readonly type?: string; readonly message?: string };

/** One generated token for a scripted reply: the token, its logprob and the alternatives. */
export interface FakeToken {
  readonly token: string;
  readonly logprob: number;
  readonly top: readonly { readonly token: string; readonly logprob: number }[];
}

/** A scripted successful answer. */
export interface FakeReply {
  readonly text: string;
  /** Per generated token; served as `logprobs.content` (OpenAI only), trimmed to `top_logprobs`. */
  readonly tokens?: readonly FakeToken[];
  readonly inputTokens?: number;
  readonly outputTokens?: number;
  /** OpenAI `finish_reason`. @default "stop" */
  readonly finishReason?: "stop" | "length" | "content_filter" | "tool_calls";
  /** OpenAI `message.refusal` (the content is then null). */
  readonly refusal?: string;
  /** Anthropic `stop_reason`. @default "end_turn" */
  readonly stopReason?: "end_turn" | "max_tokens" | "stop_sequence" | "refusal" | "pause_turn" | "model_context_window_exceeded";
  /** Anthropic: a thinking block served before the text block. */
  readonly thinking?: string;
  /** OpenAI: `completion_tokens_details.reasoning_tokens`. @default 0 */
  readonly reasoningTokens?: number;
  /** OpenAI: serve log-prob entries without `top_logprobs`, as llama.cpp does. */
  readonly omitTopLogprobs?: boolean;
}

/** One arrival on any route, with the credentials it carried. */
export interface FakeArrival {
  readonly method: string;
  readonly path: string;
  readonly authorization?: string;
  readonly apiKey?: string;
}

export interface FakeServerOptions {
  /** Delay before answering. @unit milliseconds @default 0 */
  readonly latencyMs?: number | ((request: FakeRequest) => number);
  /** The answer to a request. @default `defaultReply` */
  readonly reply?: (request: FakeRequest) => FakeReply;
  /** A fault to serve instead of an answer. */
  readonly fault?: (request: FakeRequest) => Fault | undefined;
  /** Called on every arrival, before anything else happens to the request. */
  readonly onRequest?: (request: FakeRequest) => void;
  /** The model names `GET /v1/models` lists; without it that route answers 404. */
  readonly models?: readonly string[];
  /** Whose dialect of the OpenAI API to speak (see the file comment). @default "openai" */
  readonly flavour?: FakeFlavour;
  /** The only bearer token the server accepts (open-weight flavours); without it, any. */
  readonly apiKey?: string;
  /** vLLM's `--max-logprobs`: more `top_logprobs` are refused with a 400. @default 20 */
  readonly maxLogprobs?: number;
  /** A request rate limit (see the file comment). */
  readonly rateLimit?: { readonly perSecond: number; readonly burst: number };
}

/** The servers whose OpenAI-compatible dialects the fake speaks. */
export type FakeFlavour = "openai" | "vllm" | "llama.cpp" | "ollama";

export interface FakeServer {
  /** e.g. "http://127.0.0.1:43123" */
  readonly url: string;
  /** The base URL for the OpenAI SDK: `${url}/v1`. */
  readonly openAiBaseUrl: string;
  /** The base URL for the Anthropic SDK: `url`. */
  readonly anthropicBaseUrl: string;
  /** Requests received per prompt (retries included). */
  readonly received: Map<string, number>;
  /** Successful (200) responses fully written per prompt. */
  readonly delivered: Map<string, number>;
  /** Every request, in arrival order. */
  readonly requests: FakeRequest[];
  /** Every arrival on any route (model listings and unknown routes included), with its credentials. */
  readonly arrivals: FakeArrival[];
  readonly stats: { inFlight: number; maxInFlight: number; totalReceived: number; totalDelivered: number; rateLimited: number };
  /** Stop answering: no response not yet written is ever written; later requests are held open. */
  freeze(): void;
  /** Answer again (requests held while frozen stay unanswered). */
  thaw(): void;
  /** Closes the server and every open connection. */
  close(): Promise<void>;
}

const LETTER_LOGPROBS = [
  { token: "A", logprob: Math.log(0.6) },
  { token: "B", logprob: Math.log(0.25) },
  { token: "C", logprob: Math.log(0.1) },
  { token: "D", logprob: Math.log(0.05) },
];

/** The default answer: "A", with letter alternatives A 0.6, B 0.25, C 0.1, D 0.05. */
export function defaultReply(): FakeReply {
  return { text: "A", tokens: [{ token: "A", logprob: Math.log(0.6), top: LETTER_LOGPROBS }] };
}

/** Answers in the format each prompt asks for, over the options the target question lists. */
export function promptFormatReply(request: FakeRequest): FakeReply {
  const prompt = request.promptKey;
  const target = prompt.slice(prompt.lastIndexOf("------\n"));
  const letters = [...target.matchAll(/^'?([A-Z])'?\. /gm)].map((m) => m[1] as string);
  if (prompt.includes("Reply with only a dictionary")) {
    const share = Math.floor(100 / letters.length);
    return { text: `{${letters.map((l, j) => `'${l}': '${j === 0 ? 100 - share * (letters.length - 1) : share}%'`).join(", ")}}` };
  }
  if (prompt.includes("Reply with only their 30 answers")) return { text: Array.from({ length: 30 }, (_, i) => letters[i % letters.length]).join(" ") };
  return defaultReply();
}

/**
 * Starts a fake API server on 127.0.0.1 with an ephemeral port.
 * @example
 * const server = await startFakeServer({ latencyMs: 10 });
 * const backend = createOpenAiBackend("openai/gpt-4o-mini", { apiKey: "sk-test", baseUrl: server.openAiBaseUrl });
 */
export async function startFakeServer(options: FakeServerOptions = {}): Promise<FakeServer> {
  const received = new Map<string, number>();
  const delivered = new Map<string, number>();
  const requests: FakeRequest[] = [];
  const arrivals: FakeArrival[] = [];
  const stats = { inFlight: 0, maxInFlight: 0, totalReceived: 0, totalDelivered: 0, rateLimited: 0 };
  let frozen = false;
  const bucket = { tokens: options.rateLimit?.burst ?? 0, at: performance.now() };

  /** Takes a request from the rate limit's bucket (true) or finds it empty (false), and sets the rate-limit headers. */
  function takeFromBucket(res: ServerResponse, api: FakeApi): boolean {
    const limit = options.rateLimit as { perSecond: number; burst: number };
    const now = performance.now();
    bucket.tokens = Math.min(limit.burst, bucket.tokens + ((now - bucket.at) * limit.perSecond) / 1000);
    bucket.at = now;
    const allowed = bucket.tokens >= 1;
    if (allowed) bucket.tokens -= 1;
    const resetMs = Math.ceil(((limit.burst - bucket.tokens) * 1000) / limit.perSecond);
    const remaining = String(Math.floor(bucket.tokens));
    if (api === "openai") {
      res.setHeader("x-ratelimit-limit-requests", String(limit.burst));
      res.setHeader("x-ratelimit-remaining-requests", remaining);
      res.setHeader("x-ratelimit-reset-requests", `${resetMs}ms`);
    } else {
      res.setHeader("anthropic-ratelimit-requests-limit", String(limit.burst));
      res.setHeader("anthropic-ratelimit-requests-remaining", remaining);
      res.setHeader("anthropic-ratelimit-requests-reset", new Date(Date.now() + resetMs).toISOString());
    }
    if (!allowed) res.setHeader("retry-after-ms", String(Math.ceil(((1 - bucket.tokens) * 1000) / limit.perSecond)));
    return allowed;
  }

  const server = createServer((req, res) => {
    stats.inFlight += 1;
    stats.maxInFlight = Math.max(stats.maxInFlight, stats.inFlight);
    res.on("close", () => {
      stats.inFlight -= 1;
    });
    readBody(req)
      .then((text) => handle(req, res, text))
      .catch((error: unknown) => {
        if (!res.headersSent) send(res, 500, { error: { message: String(error), type: "server_error", param: null, code: null } });
      });
  });
  server.keepAliveTimeout = 60_000;

  function handle(req: IncomingMessage, res: ServerResponse, text: string): void {
    const authorization = typeof req.headers.authorization === "string" ? req.headers.authorization : undefined;
    const apiKey = typeof req.headers["x-api-key"] === "string" ? req.headers["x-api-key"] : undefined;
    arrivals.push({ method: req.method ?? "", path: req.url ?? "", ...(authorization === undefined ? {} : { authorization }), ...(apiKey === undefined ? {} : { apiKey }) });
    const flavour = options.flavour ?? "openai";
    if (flavour !== "openai" && options.apiKey !== undefined && authorization !== `Bearer ${options.apiKey}`) {
      if (flavour === "vllm") send(res, 401, { error: "Unauthorized" });
      else if (flavour === "llama.cpp") send(res, 401, { error: { code: 401, message: "Invalid API Key", type: "authentication_error" } });
      else send(res, 401, { error: { message: "unauthorized", type: "api_error", param: null, code: null } });
      return;
    }
    if (req.method === "GET" && (req.url ?? "").split("?")[0] === "/v1/models") {
      if (flavour === "openai") listModels(req, res);
      else listFlavourModels(res, flavour);
      return;
    }
    const api: FakeApi | undefined =
      req.method === "POST" && req.url?.startsWith("/v1/chat/completions") ? "openai"
      : req.method === "POST" && req.url?.startsWith("/v1/messages") ? "anthropic"
      : undefined;
    if (api === undefined) {
      send(res, 404, { error: { message: `no route ${req.method} ${req.url}`, type: "invalid_request_error", param: null, code: null } });
      return;
    }
    const body: any = JSON.parse(text);
    const promptKey = lastUserText(body);
    const attempt = (received.get(promptKey) ?? 0) + 1;
    received.set(promptKey, attempt);
    stats.totalReceived += 1;
    const request: FakeRequest = { api, body, headers: req.headers, promptKey, attempt, sequence: stats.totalReceived, arrivedAt: performance.now() };
    requests.push(request);
    options.onRequest?.(request);
    const latency = typeof options.latencyMs === "function" ? options.latencyMs(request) : (options.latencyMs ?? 0);
    const limited = options.rateLimit !== undefined && !takeFromBucket(res, api);
    if (limited) stats.rateLimited += 1;
    const fault: Fault | undefined = limited ? { kind: "rate-limit", retryAfterSeconds: 1 } : options.fault?.(request);
    if (fault?.kind === "hang" || frozen) return;
    const timer = setTimeout(() => respond(res, request, fault), latency);
    res.on("close", () => clearTimeout(timer));
  }

  function respond(res: ServerResponse, request: FakeRequest, fault: Fault | undefined): void {
    if (frozen || res.destroyed) return;
    const { api } = request;
    if (fault !== undefined) {
      serveFault(res, api, fault, request);
      return;
    }
    if (api === "anthropic" && ["temperature", "top_p", "top_k"].some((name) => name in request.body)) {
      send(res, 400, anthropicError("invalid_request_error", "temperature: Extra inputs are not permitted"), { "request-id": "req_fake" });
      return;
    }
    const thinking = request.body.thinking;
    if (api === "anthropic" && thinking?.type === "enabled") {
      const budget = thinking.budget_tokens;
      const problem =
        !(Number.isInteger(budget) && budget >= 1024) ? "thinking.enabled.budget_tokens: Input should be greater than or equal to 1024"
        : !(budget < request.body.max_tokens) ? "`max_tokens` must be greater than `thinking.budget_tokens`"
        : undefined;
      if (problem !== undefined) {
        send(res, 400, anthropicError("invalid_request_error", problem), { "request-id": "req_fake" });
        return;
      }
    }
    if (api === "openai" && isReasoningName(request.body.model) && "max_tokens" in request.body) {
      send(res, 400, { error: { message: "Unsupported parameter: 'max_tokens' is not supported with this model. Use 'max_completion_tokens' instead.", type: "invalid_request_error", param: "max_tokens", code: "unsupported_parameter" } });
      return;
    }
    if (api === "openai" && !isReasoningName(request.body.model) && "reasoning_effort" in request.body) {
      send(res, 400, { error: { message: "Unrecognized request argument supplied: reasoning_effort", type: "invalid_request_error", param: "reasoning_effort", code: null } });
      return;
    }
    const flavour = options.flavour ?? "openai";
    if (api === "openai" && flavour !== "openai") {
      const refusal = flavourRefusal(flavour, request);
      if (refusal !== undefined) {
        send(res, refusal.status, refusal.body);
        return;
      }
    }
    const reply = (options.reply ?? defaultReply)(request);
    const payload = api === "openai" ? flavourCompletion(flavour, request, openAiCompletion(request, reply)) : anthropicMessage(request, reply);
    send(res, 200, payload, api === "openai" ? { "x-request-id": `req_${request.sequence}` } : { "request-id": `req_${request.sequence}` }, () => {
      delivered.set(request.promptKey, (delivered.get(request.promptKey) ?? 0) + 1);
      stats.totalDelivered += 1;
    });
  }

  function listModels(req: IncomingMessage, res: ServerResponse): void {
    if (options.models === undefined) {
      send(res, 404, { error: { message: `no route GET ${req.url}`, type: "invalid_request_error", param: null, code: null } });
      return;
    }
    if (req.headers["anthropic-version"] !== undefined) {
      const data = options.models.map((id) => ({ id, type: "model", display_name: id, created_at: "2025-01-01T00:00:00Z" }));
      send(res, 200, { data, first_id: data[0]?.id ?? null, last_id: data[data.length - 1]?.id ?? null, has_more: false }, { "request-id": "req_models" });
      return;
    }
    send(res, 200, { object: "list", data: options.models.map((id) => ({ id, object: "model", created: 1_700_000_000, owned_by: "system" })) }, { "x-request-id": "req_models" });
  }

  /** The model list as vLLM, llama.cpp's server and Ollama send it. */
  function listFlavourModels(res: ServerResponse, flavour: Exclude<FakeFlavour, "openai">): void {
    const names = options.models ?? [];
    const data = names.map((id) => {
      const base = { id, object: "model", created: 1_735_142_223 };
      switch (flavour) {
        case "vllm":
          return {
            ...base,
            owned_by: "vllm",
            root: id,
            parent: null,
            max_model_len: 8192,
            permission: [{ id: "modelperm-fake", object: "model_permission", created: 1_735_142_223, allow_create_engine: false, allow_sampling: true, allow_logprobs: true, allow_search_indices: false, allow_view: true, allow_fine_tuning: false, organization: "*", group: null, is_blocking: false }],
          };
        case "llama.cpp":
          return { ...base, owned_by: "llamacpp", meta: { vocab_type: 2, n_vocab: 128256, n_ctx_train: 8192, n_embd: 4096, n_params: 8_030_261_248, size: 4_920_734_720 } };
        case "ollama":
          return { ...base, owned_by: "library" };
      }
    });
    send(res, 200, { object: "list", data });
  }

  /** A chat completion the flavour's server refuses: an unknown model, too many log-probabilities. */
  function flavourRefusal(flavour: Exclude<FakeFlavour, "openai">, request: FakeRequest): { status: number; body: unknown } | undefined {
    const model = String(request.body.model ?? "");
    const served = options.models === undefined || options.models.includes(model) || (flavour === "ollama" && options.models.includes(`${model}:latest`));
    if (!served && flavour === "vllm") return { status: 404, body: { error: { message: `The model \`${model}\` does not exist.`, type: "NotFoundError", param: "model", code: 404 } } };
    if (!served && flavour === "ollama") return { status: 404, body: { error: { message: `model "${model}" not found, try pulling it first`, type: "api_error", param: null, code: null } } };
    const top = request.body.top_logprobs;
    const most = options.maxLogprobs ?? 20;
    if (flavour === "vllm" && request.body.logprobs === true && typeof top === "number" && top > most) {
      return { status: 400, body: { error: { message: `Requested sample logprobs of ${top}, which is greater than max allowed: ${most}`, type: "BadRequestError", param: null, code: 400 } } };
    }
    return undefined;
  }

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    openAiBaseUrl: `${url}/v1`,
    anthropicBaseUrl: url,
    received,
    delivered,
    requests,
    arrivals,
    stats,
    freeze: () => {
      frozen = true;
    },
    thaw: () => {
      frozen = false;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

function lastUserText(body: any): string {
  const messages: { role: string; content: unknown }[] = Array.isArray(body?.messages) ? body.messages : [];
  const last = [...messages].reverse().find((message) => message.role === "user");
  if (last === undefined) return "";
  if (typeof last.content === "string") return last.content;
  if (Array.isArray(last.content)) return last.content.map((block: { text?: string }) => block.text ?? "").join("");
  return "";
}

function send(res: ServerResponse, status: number, payload: unknown, headers: Record<string, string> = {}, onDelivered?: () => void): void {
  const text = typeof payload === "string" ? payload : JSON.stringify(payload);
  res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(text), ...headers });
  if (onDelivered !== undefined) res.on("finish", onDelivered);
  res.end(text);
}

function serveFault(res: ServerResponse, api: FakeApi, fault: Fault, request: FakeRequest): void {
  const idHeader: Record<string, string> = { [api === "openai" ? "x-request-id" : "request-id"]: `req_${request.sequence}` };
  switch (fault.kind) {
    case "rate-limit":
      send(
        res,
        429,
        api === "openai" ? openAiError("Rate limit reached for requests", "requests", "rate_limit_exceeded") : anthropicError("rate_limit_error", "Number of requests has exceeded your rate limit"),
        { ...idHeader, "retry-after": String(fault.retryAfterSeconds) },
      );
      return;
    case "server-error":
      send(res, 500, api === "openai" ? openAiError("The server had an error while processing your request. Sorry about that!", "server_error", null) : anthropicError("api_error", "Internal server error"), idHeader);
      return;
    case "overloaded":
      send(res, 529, api === "openai" ? openAiError("Overloaded", "server_error", null) : anthropicError("overloaded_error", "Overloaded"), idHeader);
      return;
    case "malformed-json":
      send(res, 200, '{"id": "chatcmpl-broken", "object": "chat.completion", "choices": [{"index": 0, "message": {"role": "assistant", "content": "A', idHeader);
      return;
    case "auth-error-echoing-key": {
      const key = String(request.headers.authorization ?? request.headers["x-api-key"] ?? "").replace(/^Bearer /, "");
      const message = `Incorrect API key provided: ${key}. You can find your API key at https://example.invalid/keys.`;
      send(res, 401, api === "openai" ? openAiError(message, "invalid_request_error", "invalid_api_key") : anthropicError("authentication_error", message), idHeader);
      return;
    }
    case "http-error": {
      const openAiType = fault.type ?? (fault.status >= 500 ? "server_error" : "invalid_request_error");
      const anthropicType =
        fault.type ??
        ({ 400: "invalid_request_error", 401: "authentication_error", 403: "permission_error", 404: "not_found_error", 413: "request_too_large", 429: "rate_limit_error", 529: "overloaded_error" } as Record<number, string>)[fault.status] ??
        "api_error";
      const model = String(request.body?.model ?? "");
      const message =
        fault.message ??
        (fault.status === 404
          ? api === "openai"
            ? `The model \`${model}\` does not exist or you do not have access to it.`
            : `model: ${model}`
          : `HTTP ${fault.status}`);
      const code = fault.status === 404 && api === "openai" ? "model_not_found" : null;
      send(res, fault.status, api === "openai" ? openAiError(message, openAiType, code) : anthropicError(anthropicType, message), idHeader);
      return;
    }
    case "hang":
      return;
  }
}

function openAiError(message: string, type: string, code: string | null) {
  return { error: { message, type, param: null, code } };
}

function anthropicError(type: string, message: string) {
  return { type: "error", error: { type, message }, request_id: "req_fake" };
}

function estimateTokens(request: FakeRequest): number {
  const messages: { content: unknown }[] = request.body.messages ?? [];
  const system = typeof request.body.system === "string" ? request.body.system.length : 0;
  const characters = messages.reduce((sum, message) => sum + (typeof message.content === "string" ? message.content.length : 0), system);
  return Math.ceil(characters / 4);
}

/** Model names the OpenAI API treats as reasoning models (o-series, gpt-5 family except `-chat-latest`). */
function isReasoningName(model: unknown): boolean {
  if (typeof model !== "string") return false;
  return /^o\d+(-|$)/.test(model) || (/^gpt-5(\.\d+)?(-|$)/.test(model) && !/-chat/.test(model));
}

function bytesOf(token: string): number[] {
  return [...Buffer.from(token, "utf8")];
}

export function openAiCompletion(request: FakeRequest, reply: FakeReply) {
  const wantLogprobs = request.body.logprobs === true;
  const top = typeof request.body.top_logprobs === "number" ? request.body.top_logprobs : 0;
  const inputTokens = reply.inputTokens ?? estimateTokens(request);
  const outputTokens = reply.outputTokens ?? Math.max(1, reply.tokens?.length ?? 1);
  return {
    id: `chatcmpl-fake${request.sequence}`,
    object: "chat.completion",
    created: 1_732_000_000,
    model: request.body.model === "gpt-4o-mini" ? "gpt-4o-mini-2024-07-18" : request.body.model,
    choices: [
      {
        index: 0,
        message: { role: "assistant", content: reply.refusal === undefined ? reply.text : null, refusal: reply.refusal ?? null, annotations: [] },
        logprobs: wantLogprobs
          ? {
              content: (reply.tokens ?? []).map((token) => ({
                token: token.token,
                logprob: token.logprob,
                bytes: bytesOf(token.token),
                ...(reply.omitTopLogprobs === true
                  ? {}
                  : { top_logprobs: token.top.slice(0, top).map((alternative) => ({ token: alternative.token, logprob: alternative.logprob, bytes: bytesOf(alternative.token) })) }),
              })),
              refusal: null,
            }
          : null,
        finish_reason: reply.finishReason ?? "stop",
      },
    ],
    usage: {
      prompt_tokens: inputTokens,
      completion_tokens: outputTokens,
      total_tokens: inputTokens + outputTokens,
      prompt_tokens_details: { cached_tokens: 0, audio_tokens: 0 },
      completion_tokens_details: { reasoning_tokens: reply.reasoningTokens ?? 0, audio_tokens: 0, accepted_prediction_tokens: 0, rejected_prediction_tokens: 0 },
    },
    service_tier: "default",
    system_fingerprint: "fp_fake",
  };
}

/** An OpenAI chat completion as the flavour's server words it. */
function flavourCompletion(flavour: FakeFlavour, request: FakeRequest, completion: ReturnType<typeof openAiCompletion>): unknown {
  const { service_tier: _tier, system_fingerprint: _fingerprint, ...common } = completion;
  const [choice] = completion.choices;
  if (flavour === "openai" || choice === undefined) return completion;
  const message = { role: "assistant", content: choice.message.content, reasoning_content: null, tool_calls: [] };
  const usage = { prompt_tokens: completion.usage.prompt_tokens, completion_tokens: completion.usage.completion_tokens, total_tokens: completion.usage.total_tokens };
  switch (flavour) {
    case "vllm":
      return { ...common, choices: [{ index: 0, message, logprobs: choice.logprobs, finish_reason: choice.finish_reason, stop_reason: null }], usage: { ...usage, prompt_tokens_details: null }, prompt_logprobs: null, kv_transfer_params: null };
    case "llama.cpp": {
      const logprobs = choice.logprobs === null ? undefined : { content: choice.logprobs.content.map((entry) => ({ id: tokenId(entry.token), ...entry, ...(entry.top_logprobs !== undefined ? { top_logprobs: entry.top_logprobs.map((alternative) => ({ id: tokenId(alternative.token), ...alternative })) } : {}) })) };
      return {
        ...common,
        model: String(request.body.model ?? "gpt-3.5-turbo"),
        choices: [{ index: 0, finish_reason: choice.finish_reason, message: { role: "assistant", content: choice.message.content }, ...(logprobs === undefined ? {} : { logprobs }) }],
        usage,
        system_fingerprint: "b6000-fake",
        timings: { prompt_n: usage.prompt_tokens, prompt_ms: 10, predicted_n: usage.completion_tokens, predicted_ms: 10 },
      };
    }
    case "ollama":
      return { ...common, system_fingerprint: "fp_ollama", choices: [{ index: 0, message: { role: "assistant", content: choice.message.content }, finish_reason: choice.finish_reason }], usage };
  }
}

/** A stable stand-in token id. */
function tokenId(token: string): number {
  return [...Buffer.from(token, "utf8")].reduce((sum, byte) => (sum * 31 + byte) % 128_000, 7);
}

export function anthropicMessage(request: FakeRequest, reply: FakeReply) {
  const inputTokens = reply.inputTokens ?? estimateTokens(request);
  const outputTokens = reply.outputTokens ?? Math.max(1, Math.ceil(reply.text.length / 4));
  return {
    id: `msg_fake${request.sequence}`,
    type: "message",
    role: "assistant",
    model: request.body.model === "claude-3-5-haiku-latest" ? "claude-3-5-haiku-20241022" : request.body.model,
    content: [
      ...(reply.thinking === undefined ? [] : [{ type: "thinking", thinking: reply.thinking, signature: "sig_fake" }]),
      ...(reply.text === "" && reply.thinking !== undefined ? [] : [{ type: "text", text: reply.text, citations: null }]),
    ],
    stop_reason: reply.stopReason ?? "end_turn",
    stop_sequence: null,
    usage: { input_tokens: inputTokens, output_tokens: outputTokens, cache_creation_input_tokens: 0, cache_read_input_tokens: 0 },
  };
}
