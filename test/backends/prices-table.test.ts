/**
 * The price table against the capability table: every priced model is one the capability table
 * knows, no live model is priced at 0, and models without a confirmed price stay unknown.
 */
import { describe, expect, it } from "vitest";
import { capabilitiesFor, knownModels } from "../../src/backends/capabilities";
import { costUsd, priceFor, PRICES } from "../../src/executor/prices";

describe("prices", () => {
  it("are dated, and every entry's own date is no later than the table's", () => {
    expect(PRICES.asOf).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    for (const price of Object.values(PRICES.models)) {
      if (price.asOf !== undefined) expect(price.asOf <= PRICES.asOf).toBe(true);
    }
  });

  it.each(Object.entries(PRICES.models))("%s is a model of the capability table with a positive price", (modelId, price) => {
    expect(() => capabilitiesFor(modelId)).not.toThrow();
    expect(price.inputUsdPerMillion).toBeGreaterThan(0);
    expect(price.outputUsdPerMillion).toBeGreaterThan(0);
  });

  it("leave models without a confirmed price unknown, never free", () => {
    const models = [...knownModels("openai").map((m) => `openai/${m}`), ...knownModels("anthropic").map((m) => `anthropic/${m}`)];
    const unpriced = models.filter((model) => priceFor(model) === undefined);
    expect(unpriced).toContain("openai/gpt-5.6-sol");
    expect(unpriced).toContain("anthropic/claude-opus-4-8");
    for (const model of unpriced) expect(costUsd(model, { inputTokens: 1000, outputTokens: 1000 })).toBeNull();
    // Every listed model is either priced or deliberately unknown; none is priced by accident of a prefix.
    expect(priceFor("anthropic/claude-opus-4-7")).toBeUndefined();
    expect(priceFor("openai/gpt-5.4-mini-2026-03-17")).toEqual(priceFor("openai/gpt-5.4-mini"));
  });
});
