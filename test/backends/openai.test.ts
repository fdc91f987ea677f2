import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createOpenAiBackend, PLACEHOLDER_API_KEY } from "../../src/backends/openai-backend";
import type { CompletionRequest } from "../../src/backends/types";
import { BackendError, UsageError } from "../../src/errors";
import { startFakeServer, type FakeServer, type FakeServerOptions } from "../helpers/fake-server";
import { openAiSdk } from "../../src/backends/sdks";

/** The SDK as the backend loads it, so its error classes are the ones the backend's errors carry. */
const OpenAI = openAiSdk().OpenAI;

const KEY = "sk-test-openai-0123456789abcdef";
const MODEL = "openai/gpt-4o-mini";
let server: FakeServer | undefined;

async function serve(options: FakeServerOptions = {}): Promise<FakeServer> {
  server = await startFakeServer(options);
  return server;
}

function ask(content: string, extra: Partial<CompletionRequest> = {}): CompletionRequest {
  return { model: MODEL, messages: [{ role: "system", content: "You are a helpful assistant." }, { role: "user", content }], ...extra };
}

afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe("openai backend", () => {
  it("sends logprobs/top_logprobs and maps choices[].logprobs.content into tokens", async () => {
    const fake = await serve({
      reply: () => ({
        text: "B",
        tokens: [{ token: "B", logprob: -0.3, top: [{ token: "B", logprob: -0.3 }, { token: "A", logprob: -1.5 }, { token: " C", logprob: -2.5 }, { token: "D", logprob: -4 }] }],
        inputTokens: 120,
        outputTokens: 1,
      }),
    });
    const backend = createOpenAiBackend(MODEL, { apiKey: KEY, baseUrl: fake.openAiBaseUrl });
    const completion = await backend.complete(ask("Q1", { topLogprobs: 3, maxTokens: 1, temperature: 1 }));

    expect(completion).toEqual({
      text: "B",
      tokens: [{ token: "B", logprob: -0.3, topLogprobs: [{ token: "B", logprob: -0.3 }, { token: "A", logprob: -1.5 }, { token: " C", logprob: -2.5 }] }],
      usage: { inputTokens: 120, outputTokens: 1 },
      model: "gpt-4o-mini-2024-07-18",
      finishReason: "stop",
    });
    const sent = fake.requests[0]!;
    expect(sent.body).toEqual({
      model: "gpt-4o-mini",
      messages: [{ role: "system", content: "You are a helpful assistant." }, { role: "user", content: "Q1" }],
      temperature: 1,
      max_completion_tokens: 1,
      logprobs: true,
      top_logprobs: 3,
    });
    expect(sent.headers.authorization).toBe(`Bearer ${KEY}`);
  });

  it("leaves tokens out when no log-probabilities were asked for", async () => {
    const fake = await serve();
    const backend = createOpenAiBackend(MODEL, { apiKey: KEY, baseUrl: fake.openAiBaseUrl });
    const completion = await backend.complete(ask("Q"));
    expect(completion.tokens).toBeUndefined();
    expect(fake.requests[0]!.body.logprobs).toBeUndefined();
  });

  it("makes one attempt on a 429 and hands the server's retry-after to the caller", async () => {
    const fake = await serve({ fault: (request) => (request.attempt === 1 ? { kind: "rate-limit", retryAfterSeconds: 1 } : undefined) });
    const backend = createOpenAiBackend(MODEL, { apiKey: KEY, baseUrl: fake.openAiBaseUrl, maxRetries: 2 });
    const error = (await backend.complete(ask("Q")).catch((caught: unknown) => caught)) as BackendError;
    expect(error).toBeInstanceOf(BackendError);
    expect(error.cause).toBeInstanceOf(OpenAI.RateLimitError);
    expect([error.retryable, error.retryAfterMs]).toEqual([true, 1000]);
    expect(fake.received.get("Q")).toBe(1);
    expect(fake.requests[0]!.headers["x-stainless-retry-count"]).toBe("0");
    // The retries are the executor's to make; the backend says how many.
    expect(backend.maxRetries).toBe(2);
    expect((await backend.complete(ask("Q"))).text).toBe("A");
  });

  it("turns a 500 into a retryable BackendError after one attempt, with the SDK error as cause", async () => {
    const fake = await serve({ fault: () => ({ kind: "server-error" }) });
    const backend = createOpenAiBackend(MODEL, { apiKey: KEY, baseUrl: fake.openAiBaseUrl, maxRetries: 1 });
    const error = await backend.complete(ask("Q")).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(BackendError);
    expect((error as BackendError).cause).toBeInstanceOf(OpenAI.InternalServerError);
    expect((error as BackendError).message).toMatch(/^openai\/gpt-4o-mini: request failed \(InternalServerError: 500 /);
    expect((error as BackendError).retryable).toBe(true);
    expect(fake.received.get("Q")).toBe(1);
  });

  it("times out a hanging request after one attempt, as a retryable failure with a timeout cause", async () => {
    const fake = await serve({ fault: () => ({ kind: "hang" }) });
    const backend = createOpenAiBackend(MODEL, { apiKey: KEY, baseUrl: fake.openAiBaseUrl, maxRetries: 1, timeoutMs: 200 });
    const error = await backend.complete(ask("Q")).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(BackendError);
    expect((error as BackendError).cause).toBeInstanceOf(OpenAI.APIConnectionTimeoutError);
    expect((error as BackendError).retryable).toBe(true);
    expect(fake.received.get("Q")).toBe(1);
  });

  it("marks a refused request (400) as not retryable", async () => {
    const fake = await serve({ fault: () => ({ kind: "http-error", status: 400 }) });
    const backend = createOpenAiBackend(MODEL, { apiKey: KEY, baseUrl: fake.openAiBaseUrl, maxRetries: 2 });
    const error = (await backend.complete(ask("Q")).catch((caught: unknown) => caught)) as BackendError;
    expect([error.retryable, error.retryAfterMs]).toEqual([false, undefined]);
  });

  it("fails cleanly on a malformed JSON body", async () => {
    const fake = await serve({ fault: () => ({ kind: "malformed-json" }) });
    const backend = createOpenAiBackend(MODEL, { apiKey: KEY, baseUrl: fake.openAiBaseUrl, maxRetries: 2 });
    const error = await backend.complete(ask("Q")).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(BackendError);
    expect(fake.received.get("Q")).toBe(1);
  });

  it("scrubs a key that the server echoes in an error message", async () => {
    const fake = await serve({ fault: () => ({ kind: "auth-error-echoing-key" }) });
    const backend = createOpenAiBackend(MODEL, { apiKey: KEY, baseUrl: fake.openAiBaseUrl });
    const error = (await backend.complete(ask("Q")).catch((caught: unknown) => caught)) as BackendError;
    expect(error.cause).toBeInstanceOf(OpenAI.AuthenticationError);
    expect((error.cause as Error).message).toContain(KEY);
    expect(error.message).not.toContain(KEY);
    expect(error.message).toContain("[redacted]");
  });

  it("refuses more than 20 alternatives before calling", async () => {
    const fake = await serve();
    const backend = createOpenAiBackend(MODEL, { apiKey: KEY, baseUrl: fake.openAiBaseUrl });
    await expect(backend.complete(ask("Q", { topLogprobs: 21 }))).rejects.toThrow(UsageError);
    expect(fake.stats.totalReceived).toBe(0);
  });
});

describe("openai key and base url", () => {
  const saved = { ...process.env };
  beforeEach(() => {
    delete process.env.OPENAI_API_KEY;
    delete process.env.OPENAI_BASE_URL;
    delete process.env.OPENAI_COMPATIBLE_API_KEY;
    delete process.env.OPENAI_COMPATIBLE_BASE_URL;
  });
  afterEach(() => {
    process.env = { ...saved };
  });

  it("refuses an openai model without a key", () => {
    expect(() => createOpenAiBackend(MODEL)).toThrow(/openai\/gpt-4o-mini: no api key \(set OPENAI_API_KEY/);
  });

  it("refuses an openai-compatible model without a base url", () => {
    expect(() => createOpenAiBackend("openai-compatible/llama")).toThrow(/no base url/);
  });

  it("sends max_tokens and a placeholder key to a compatible server, never OPENAI_API_KEY", async () => {
    process.env.OPENAI_API_KEY = "sk-real-openai-key-must-not-leak-000";
    const fake = await serve();
    process.env.OPENAI_COMPATIBLE_BASE_URL = `${fake.openAiBaseUrl}/`;
    const backend = createOpenAiBackend("openai-compatible/meta-llama/Llama-3-8B-Instruct");
    expect(backend.cacheScope).toBe(fake.openAiBaseUrl);
    await backend.complete({ model: backend.id, messages: [{ role: "user", content: "Q" }], maxTokens: 30, topLogprobs: 5 });
    const sent = fake.requests[0]!;
    expect(sent.headers.authorization).toBe(`Bearer ${PLACEHOLDER_API_KEY}`);
    expect(sent.body.model).toBe("meta-llama/Llama-3-8B-Instruct");
    expect(sent.body.max_tokens).toBe(30);
    expect(sent.body.max_completion_tokens).toBeUndefined();
  });
});
