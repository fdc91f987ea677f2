import { describe, expect, it } from "vitest";
import { estimateTokens } from "../../src/executor/estimate";
import { costUsd, priceFor, PRICES } from "../../src/executor/prices";
import { formatDuration } from "../../src/executor/progress";

describe("priceFor", () => {
  it("matches a family, its dated snapshots and its -latest alias, nothing else", () => {
    expect(priceFor("openai/gpt-4o-mini")).toMatchObject({ inputUsdPerMillion: 0.15, outputUsdPerMillion: 0.6 });
    expect(priceFor("openai/gpt-4o-mini-2024-07-18")).toEqual(priceFor("openai/gpt-4o-mini"));
    expect(priceFor("openai/gpt-4o-2024-08-06")).toEqual(priceFor("openai/gpt-4o"));
    expect(priceFor("openai/gpt-4-0613")).toEqual(priceFor("openai/gpt-4"));
    expect(priceFor("anthropic/claude-3-5-haiku-latest")).toEqual(priceFor("anthropic/claude-3-5-haiku"));
    expect(priceFor("anthropic/claude-3-5-haiku-20241022")).toEqual(priceFor("anthropic/claude-3-5-haiku"));
    expect(priceFor("openai/gpt-4-turbo")).toBeUndefined();
    expect(priceFor("openai-compatible/llama")).toBeUndefined();
    expect(priceFor("paper/gpt-4")).toEqual({ inputUsdPerMillion: 0, outputUsdPerMillion: 0 });
    expect(PRICES.asOf).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it("costs calls, and leaves unknown ones unknown rather than free", () => {
    expect(costUsd("openai/gpt-4o-mini", { inputTokens: 1_000_000, outputTokens: 1_000_000 })).toBeCloseTo(0.75, 12);
    expect(costUsd("openai-compatible/llama", { inputTokens: 10, outputTokens: 10 })).toBeNull();
  });
});

describe("estimateTokens", () => {
  it("counts about four characters per input token and the output cap", () => {
    const messages = [{ role: "user" as const, content: "x".repeat(401) }];
    expect(estimateTokens({ model: "openai/gpt-4o-mini", messages, maxTokens: 30 })).toEqual({ inputTokens: 101, outputTokens: 30 });
    expect(estimateTokens({ model: "openai/gpt-4o-mini", messages }, 500).outputTokens).toBe(500);
    expect(estimateTokens({ model: "anthropic/claude-3-5-haiku-latest", messages }).outputTokens).toBe(4096);
  });
});

describe("formatDuration", () => {
  it("formats seconds, minutes and hours", () => {
    expect([formatDuration(42.4), formatDuration(185), formatDuration(3720), formatDuration(Number.NaN)]).toEqual(["42s", "3m05s", "1h02m", "?"]);
  });
});
