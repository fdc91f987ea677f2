import { describe, expect, it } from "vitest";
import { parseStrict } from "../../src/parse/strict";

describe("parseStrict", () => {
  it("dispatches each method to its strict parser", () => {
    expect(parseStrict("verbalize", { text: "{'A': '30%', 'B': '70%'}" }, 2)).toEqual({ ok: true, distribution: [0.3, 0.7], notes: [] });
    expect(parseStrict("sequence", { text: "ABABABABAB" }, 2, { sequence: { expectedLetters: 10 } })).toEqual({ ok: true, distribution: [0.5, 0.5], notes: [] });
    const logprobs = [{ token: "A", top_logprobs: [{ token: "A", logprob: Math.log(0.5) }, { token: "B", logprob: Math.log(0.5) }] }];
    expect(parseStrict("logprobs", { text: "A", logprobs }, 2)).toEqual({ ok: true, distribution: [0.5, 0.5], notes: [] });
  });
  it("passes per-method settings through", () => {
    expect(parseStrict("verbalize", { text: "{A: '45%', B: '44%'}" }, 2, { verbalize: { sumTolerance: 0.2 } }).ok).toBe(true);
  });
  it("rejects a Log-p parse without log-probabilities", () => {
    expect(() => parseStrict("logprobs", { text: "A" }, 2)).toThrow(TypeError);
  });
});
