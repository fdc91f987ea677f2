/**
 * Answers that are not answers: truncated and refused completions become IncompleteAnswerError
 * (never cached), and thinking / reasoning models get a cap that leaves room for the answer.
 */
import { afterEach, describe, expect, it } from "vitest";
import { createAnthropicBackend, DEFAULT_THINKING_HEADROOM_TOKENS, thinkingPlan } from "../../src/backends/anthropic-backend";
import { capabilitiesFor } from "../../src/backends/capabilities";
import { createOpenAiBackend, REASONING_HEADROOM_TOKENS } from "../../src/backends/openai-backend";
import type { CompletionRequest } from "../../src/backends/types";
import { withCache } from "../../src/cache/with-cache";
import { IncompleteAnswerError, UsageError } from "../../src/errors";
import { startFakeServer, type FakeReply, type FakeServer } from "../helpers/fake-server";
import { makeTempDir } from "../helpers/temp-dir";

const OPENAI_KEY = "sk-incomplete-openai-0123456789";
const ANTHROPIC_KEY = "sk-ant-incomplete-0123456789";
let server: FakeServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

function ask(model: string, extra: Partial<CompletionRequest> = {}): CompletionRequest {
  return { model, messages: [{ role: "system", content: "sys" }, { role: "user", content: "Q" }], maxTokens: 200, ...extra };
}

async function incomplete(promise: Promise<unknown>): Promise<IncompleteAnswerError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(IncompleteAnswerError);
  return error as IncompleteAnswerError;
}

describe("openai incomplete answers", () => {
  const cases: readonly (readonly [string, FakeReply, "truncated" | "refused"])[] = [
    ["finish_reason length", { text: "{'A': '4", finishReason: "length", outputTokens: 200 }, "truncated"],
    ["an empty answer at the cap (all reasoning)", { text: "", finishReason: "length", outputTokens: 4296, reasoningTokens: 4296 }, "truncated"],
    ["message.refusal", { text: "", refusal: "I can't help with that." }, "refused"],
    ["finish_reason content_filter", { text: "", finishReason: "content_filter" }, "refused"],
  ];

  it.each(cases)("%s throws IncompleteAnswerError with the partial and usage, and is never cached", async (_, reply, reason) => {
    server = await startFakeServer({ reply: () => ({ inputTokens: 50, ...reply }) });
    const dir = makeTempDir();
    const backend = withCache(createOpenAiBackend("openai/gpt-4o-mini", { apiKey: OPENAI_KEY, baseUrl: server.openAiBaseUrl, maxRetries: 0 }), { dir });
    const error = await incomplete(backend.complete(ask("openai/gpt-4o-mini")));
    expect(error.reason).toBe(reason);
    expect(error.partial).toMatchObject({ text: reply.text, inputTokens: 50, outputTokens: reply.outputTokens ?? 1 });
    expect(error.message.split("\n")).toHaveLength(1);
    await incomplete(backend.complete(ask("openai/gpt-4o-mini")));
    expect(server.stats.totalReceived).toBe(2);
  });

  it("does not count the cap of a log-probability request as truncation", async () => {
    server = await startFakeServer({ reply: () => ({ text: "A", finishReason: "length", tokens: [{ token: "A", logprob: -0.1, top: [{ token: "A", logprob: -0.1 }] }] }) });
    const backend = createOpenAiBackend("openai/gpt-4o-mini", { apiKey: OPENAI_KEY, baseUrl: server.openAiBaseUrl });
    const completion = await backend.complete(ask("openai/gpt-4o-mini", { maxTokens: 1, topLogprobs: 1 }));
    expect(completion.finishReason).toBe("length");
  });

  it("reads a log-prob entry without top_logprobs (llama.cpp) as no alternatives, not a TypeError", async () => {
    server = await startFakeServer({ reply: () => ({ text: "A", omitTopLogprobs: true, tokens: [{ token: "A", logprob: -0.1, top: [] }] }) });
    const backend = createOpenAiBackend("openai-compatible/llama", { baseUrl: server.openAiBaseUrl });
    const completion = await backend.complete(ask("openai-compatible/llama", { topLogprobs: 5 }));
    expect(completion.tokens).toEqual([{ token: "A", logprob: -0.1, topLogprobs: [] }]);
  });
});

describe("openai reasoning models", () => {
  it("send reasoning_effort low and max_completion_tokens with headroom over the answer's cap", async () => {
    server = await startFakeServer({ reply: () => ({ text: "A", reasoningTokens: 300, outputTokens: 301 }) });
    const backend = createOpenAiBackend("openai/o4-mini", { apiKey: OPENAI_KEY, baseUrl: server.openAiBaseUrl });
    await backend.complete(ask("openai/o4-mini", { temperature: 1 }));
    const body = server.requests[0]!.body;
    expect(body).toMatchObject({ model: "o4-mini", reasoning_effort: "low", max_completion_tokens: 200 + REASONING_HEADROOM_TOKENS.low! });
    expect(body.temperature).toBeUndefined();
    expect(body.max_tokens).toBeUndefined();
  });

  it("take a configured effort, checked against the model's list", async () => {
    server = await startFakeServer();
    const backend = createOpenAiBackend("openai/gpt-5-mini", { apiKey: OPENAI_KEY, baseUrl: server.openAiBaseUrl, reasoningEffort: "minimal" });
    await backend.complete(ask("openai/gpt-5-mini"));
    expect(server.requests[0]!.body).toMatchObject({ reasoning_effort: "minimal", max_completion_tokens: 200 + REASONING_HEADROOM_TOKENS.minimal! });
    expect(() => createOpenAiBackend("openai/o3", { apiKey: OPENAI_KEY, reasoningEffort: "minimal" })).toThrow(/openai\/o3: reasoning effort must be one of low, medium, high \(got "minimal"\)/);
    expect(() => createOpenAiBackend("openai/gpt-4o", { apiKey: OPENAI_KEY, reasoningEffort: "low" })).toThrow(UsageError);
  });

  it("send no reasoning_effort to chat models", async () => {
    server = await startFakeServer();
    await createOpenAiBackend("openai/gpt-4o-mini", { apiKey: OPENAI_KEY, baseUrl: server.openAiBaseUrl }).complete(ask("openai/gpt-4o-mini"));
    expect(server.requests[0]!.body.reasoning_effort).toBeUndefined();
    expect(server.requests[0]!.body.max_completion_tokens).toBe(200);
  });
});

describe("anthropic thinking and incomplete answers", () => {
  it.each([
    ["max_tokens", "truncated"],
    ["model_context_window_exceeded", "truncated"],
    ["pause_turn", "truncated"],
    ["refusal", "refused"],
  ] as const)("stop_reason %s throws IncompleteAnswerError (%s), never cached", async (stopReason, reason) => {
    server = await startFakeServer({ reply: () => ({ text: "{'A': '4", stopReason, inputTokens: 40, outputTokens: 200 }) });
    const backend = withCache(createAnthropicBackend("anthropic/claude-haiku-4-5", { apiKey: ANTHROPIC_KEY, baseUrl: server.anthropicBaseUrl }), { dir: makeTempDir() });
    const error = await incomplete(backend.complete(ask("anthropic/claude-haiku-4-5")));
    expect(error).toMatchObject({ reason, partial: { text: "{'A': '4", inputTokens: 40, outputTokens: 200, finishReason: stopReason } });
    await incomplete(backend.complete(ask("anthropic/claude-haiku-4-5")));
    expect(server.stats.totalReceived).toBe(2);
  });

  it("leaves thinking off unless asked: no thinking parameter, the answer's cap as max_tokens", async () => {
    server = await startFakeServer();
    await createAnthropicBackend("anthropic/claude-sonnet-4-5", { apiKey: ANTHROPIC_KEY, baseUrl: server.anthropicBaseUrl }).complete(ask("anthropic/claude-sonnet-4-5"));
    expect(server.requests[0]!.body.thinking).toBeUndefined();
    expect(server.requests[0]!.body.max_tokens).toBe(200);
  });

  it("with a budget, sends budget_tokens below max_tokens with the answer's cap to spare, and drops thinking blocks from the text", async () => {
    server = await startFakeServer({ reply: () => ({ text: "{'A': '40%', 'B': '60%'}", thinking: "Let me think." }) });
    const backend = createAnthropicBackend("anthropic/claude-sonnet-4-5", { apiKey: ANTHROPIC_KEY, baseUrl: server.anthropicBaseUrl, thinkingBudget: 2048 });
    const completion = await backend.complete(ask("anthropic/claude-sonnet-4-5"));
    expect(completion.text).toBe("{'A': '40%', 'B': '60%'}");
    expect(server.requests[0]!.body).toMatchObject({ thinking: { type: "enabled", budget_tokens: 2048 }, max_tokens: 2048 + 200 });
  });

  it("sends adaptive thinking to adaptive-only models, and headroom to models that always think", async () => {
    server = await startFakeServer();
    await createAnthropicBackend("anthropic/claude-opus-4-7", { apiKey: ANTHROPIC_KEY, baseUrl: server.anthropicBaseUrl, thinkingBudget: 4096 }).complete(ask("anthropic/claude-opus-4-7"));
    expect(server.requests[0]!.body).toMatchObject({ thinking: { type: "adaptive" }, max_tokens: 4096 + 200 });
    await createAnthropicBackend("anthropic/claude-mythos-preview", { apiKey: ANTHROPIC_KEY, baseUrl: server.anthropicBaseUrl }).complete(ask("anthropic/claude-mythos-preview"));
    expect(server.requests[1]!.body.thinking).toBeUndefined();
    expect(server.requests[1]!.body.max_tokens).toBe(DEFAULT_THINKING_HEADROOM_TOKENS + 200);
  });

  it.each([
    ["anthropic/claude-3-5-haiku-latest", 2048, /has no extended thinking/],
    ["anthropic/claude-sonnet-4-5", 512, /thinking budget must be 0 \(off\) or at least 1024 tokens \(got 512\)/],
    ["anthropic/claude-sonnet-4-5", -1, /thinking budget must be a non-negative integer/],
  ] as const)("refuses %s with a budget of %s before calling", (model, budget, pattern) => {
    expect(() => thinkingPlan(model, capabilitiesFor(model), budget)).toThrow(pattern);
  });

  it("the fake server checks budget_tokens against max_tokens as the API does", async () => {
    server = await startFakeServer();
    const response = await fetch(`${server.url}/v1/messages`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-api-key": ANTHROPIC_KEY, "anthropic-version": "2023-06-01" },
      body: JSON.stringify({ model: "claude-sonnet-4-5", max_tokens: 2000, thinking: { type: "enabled", budget_tokens: 2000 }, messages: [{ role: "user", content: "Q" }] }),
    });
    expect(response.status).toBe(400);
  });
});
