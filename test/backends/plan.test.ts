import { describe, expect, it } from "vitest";
import { capabilitiesFor, isOpenAiReasoningModel } from "../../src/backends/capabilities";
import { parseModelId } from "../../src/backends/model-id";
import { planModelMethod } from "../../src/backends/plan";
import { createBackend } from "../../src/backends/registry";
import { UsageError } from "../../src/errors";

describe("parseModelId", () => {
  it("splits at the first slash", () => {
    expect(parseModelId("openai-compatible/meta-llama/Llama-3-8B")).toEqual({
      provider: "openai-compatible",
      model: "meta-llama/Llama-3-8B",
      id: "openai-compatible/meta-llama/Llama-3-8B",
    });
  });

  it("lists the valid providers for an unknown one", () => {
    expect(() => parseModelId("google/gemini-pro")).toThrow(
      'parseModelId: unknown provider "google" in "google/gemini-pro" (valid providers: openai, anthropic, openai-compatible, paper, baseline)',
    );
    expect(() => parseModelId("gpt-4o")).toThrow(UsageError);
    expect(() => parseModelId("openai/")).toThrow(/empty model name/);
  });
});

describe("planModelMethod", () => {
  it("refuses anthropic + logprobs with the reason and the alternatives", () => {
    expect(() => planModelMethod("anthropic/claude-3-5-haiku-latest", "logprobs")).toThrow(
      new UsageError(
        "anthropic/claude-3-5-haiku-latest: cannot express a distribution by log-probabilities (the Anthropic API returns none); use verbalize or sequence",
      ),
    );
  });

  it("plans openai logprobs with 20 alternatives at temperature 1", () => {
    const plan = planModelMethod("openai/gpt-4o-mini", "logprobs");
    expect(plan.topLogprobs).toBe(20);
    expect(plan.temperature).toBe(1);
    expect(() => planModelMethod("openai/gpt-4o-mini", "logprobs", { topLogprobs: 21 })).toThrow(/0\.\.20 \(got 21\)/);
  });

  it("knows reasoning models fix the temperature and return no log-probabilities", () => {
    expect(isOpenAiReasoningModel("o3-mini")).toBe(true);
    expect(isOpenAiReasoningModel("gpt-5.1")).toBe(true);
    expect(isOpenAiReasoningModel("gpt-5-chat-latest")).toBe(false);
    expect(isOpenAiReasoningModel("gpt-4o")).toBe(false);
    expect(() => planModelMethod("openai/o3-mini", "logprobs")).toThrow(/cannot express a distribution by log-probabilities/);
    expect(() => planModelMethod("openai/gpt-5", "verbalize", { temperature: 0.7 })).toThrow("openai/gpt-5: accepts only temperature 1 (got 0.7)");
    expect(planModelMethod("openai/gpt-5", "sequence").temperature).toBe(1);
  });

  it("knows which paper models published log-probabilities", () => {
    expect(planModelMethod("paper/gpt-4", "logprobs").topLogprobs).toBe(20);
    expect(() => planModelMethod("paper/anthropic_haiku", "logprobs")).toThrow(/the paper published no log-probabilities/);
    expect(() => capabilitiesFor("paper/gpt-4o")).toThrow(/no published outputs for "paper\/gpt-4o"/);
    expect(capabilitiesFor("paper/llama3-70b").published).toBe(true);
  });

  it("accepts capability overrides for a known server", () => {
    expect(() => planModelMethod("openai-compatible/llama", "logprobs", { capabilities: { logprobs: false } })).toThrow(UsageError);
  });
});

describe("createBackend", () => {
  it("creates a paper backend that says where its answers come from", async () => {
    const backend = createBackend("paper/gpt-4");
    await expect(backend.complete({ model: "paper/gpt-4", messages: [] })).rejects.toThrow(/no published-output source configured/);
  });

  it("serves paper answers from a published-output source", async () => {
    const backend = createBackend("paper/gpt-4", {
      publishedSource: { find: async () => ({ text: "ABAB", usage: { inputTokens: 0, outputTokens: 0 }, model: "gpt-4" }) },
    });
    expect((await backend.complete({ model: "paper/gpt-4", messages: [] })).text).toBe("ABAB");
  });
});
