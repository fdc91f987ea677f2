import { afterEach, describe, expect, it } from "vitest";
import { createAnthropicBackend, DEFAULT_ANTHROPIC_MAX_TOKENS } from "../../src/backends/anthropic-backend";
import type { CompletionRequest } from "../../src/backends/types";
import { BackendError, UsageError } from "../../src/errors";
import { startFakeServer, type FakeServer, type FakeServerOptions } from "../helpers/fake-server";
import { anthropicSdk } from "../../src/backends/sdks";

/** The SDK as the backend loads it, so its error classes are the ones the backend's errors carry. */
const Anthropic = anthropicSdk().Anthropic;

const KEY = "sk-ant-test-0123456789abcdef";
const MODEL = "anthropic/claude-3-5-haiku-latest";
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

describe("anthropic backend", () => {
  it("sends the system prompt separately, no sampling parameters, and maps the message", async () => {
    const fake = await serve({ reply: () => ({ text: "{'A': '40%', 'B': '60%'}", inputTokens: 210, outputTokens: 14 }) });
    const backend = createAnthropicBackend(MODEL, { apiKey: KEY, baseUrl: fake.anthropicBaseUrl });
    const completion = await backend.complete(ask("Q1", { temperature: 1 }));

    expect(completion).toEqual({
      text: "{'A': '40%', 'B': '60%'}",
      usage: { inputTokens: 210, outputTokens: 14 },
      model: "claude-3-5-haiku-20241022",
      finishReason: "end_turn",
    });
    expect(fake.requests[0]!.body).toEqual({
      model: "claude-3-5-haiku-latest",
      max_tokens: DEFAULT_ANTHROPIC_MAX_TOKENS,
      system: "You are a helpful assistant.",
      messages: [{ role: "user", content: "Q1" }],
    });
    expect(fake.requests[0]!.headers.authorization).toBe(`Bearer ${KEY}`);
  });

  it("refuses log-probabilities and other temperatures before calling", async () => {
    const fake = await serve();
    const backend = createAnthropicBackend(MODEL, { apiKey: KEY, baseUrl: fake.anthropicBaseUrl });
    await expect(backend.complete(ask("Q", { topLogprobs: 20 }))).rejects.toThrow(
      "anthropic/claude-3-5-haiku-latest: cannot express a distribution by log-probabilities (the Anthropic API returns none); use verbalize or sequence",
    );
    await expect(backend.complete(ask("Q", { temperature: 0.5 }))).rejects.toThrow(UsageError);
    expect(fake.stats.totalReceived).toBe(0);
  });

  it("makes one attempt on a 429 or a 529 overload, each a retryable failure, the 429 with its retry-after", async () => {
    const fake = await serve({
      fault: (request) =>
        request.attempt === 1 ? { kind: "rate-limit", retryAfterSeconds: 1 }
        : request.attempt === 2 ? { kind: "overloaded" }
        : undefined,
    });
    const backend = createAnthropicBackend(MODEL, { apiKey: KEY, baseUrl: fake.anthropicBaseUrl, maxRetries: 3 });
    const limited = (await backend.complete(ask("Q")).catch((caught: unknown) => caught)) as BackendError;
    expect(limited.cause).toBeInstanceOf(Anthropic.RateLimitError);
    expect([limited.retryable, limited.retryAfterMs]).toEqual([true, 1000]);
    const overloaded = (await backend.complete(ask("Q")).catch((caught: unknown) => caught)) as BackendError;
    expect((overloaded.cause as { status?: number }).status).toBe(529);
    expect(overloaded.retryable).toBe(true);
    expect((await backend.complete(ask("Q"))).text).toBe("A");
    expect(fake.received.get("Q")).toBe(3);
    expect(fake.requests.map((request) => request.headers["x-stainless-retry-count"])).toEqual(["0", "0", "0"]);
    expect(backend.maxRetries).toBe(3);
  });

  it("turns a persistent 500 into a BackendError with the SDK error as cause", async () => {
    const fake = await serve({ fault: () => ({ kind: "server-error" }) });
    const backend = createAnthropicBackend(MODEL, { apiKey: KEY, baseUrl: fake.anthropicBaseUrl, maxRetries: 0 });
    const error = await backend.complete(ask("Q")).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(BackendError);
    expect((error as BackendError).cause).toBeInstanceOf(Anthropic.InternalServerError);
    expect((error as BackendError).model).toBe(MODEL);
    expect(fake.received.get("Q")).toBe(1);
  });

  it("refuses to start without a key", () => {
    const saved = process.env.ANTHROPIC_API_KEY;
    delete process.env.ANTHROPIC_API_KEY;
    try {
      expect(() => createAnthropicBackend(MODEL)).toThrow(/no api key \(set ANTHROPIC_API_KEY/);
    } finally {
      if (saved !== undefined) process.env.ANTHROPIC_API_KEY = saved;
    }
  });
});
