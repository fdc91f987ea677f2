import { describe, expect, it } from "vitest";
import { paperAnswerPosition, parseLogprobsPaper } from "../../src/parse/paper-logprobs";
import type { TokenLogprobs } from "../../src/parse/token-logprobs";

const ln = Math.log;

/** One position with the given (token, probability) alternatives, most likely first. */
function position(token: string, alternatives: [string, number][]): TokenLogprobs {
  return { token, logprob: ln(alternatives[0]?.[1] ?? 1), top_logprobs: alternatives.map(([t, p]) => ({ token: t, logprob: ln(p) })) };
}

describe("parseLogprobsPaper (docs/protocol.md §4.4)", () => {
  const answer = position("B", [["B", 0.6], ["A", 0.2], [" B", 0.1], ["b", 0.05], ["Answer", 0.03], ["E", 0.02]]);

  it("sums duplicate stripped tokens (' B' and 'B'), gives absent letters 0 and does not renormalize", () => {
    const p = parseLogprobsPaper([answer], "B", 4, { pipeline: "openai" });
    expect(p[0]).toBeCloseTo(0.2, 15);
    expect(p[1]).toBeCloseTo(0.7, 15);
    expect(p.slice(2)).toEqual([0, 0]);
  });
  it("ignores lowercase tokens and letters beyond K unless asked to merge lowercase", () => {
    expect(parseLogprobsPaper([answer], "B", 4, { pipeline: "openai", mergeLowercase: true })[1]).toBeCloseTo(0.75, 15);
    expect(parseLogprobsPaper([answer], "B", 5, { pipeline: "openai" })[4]).toBeCloseTo(0.02, 15);
  });
  it("keeps the last of duplicate tokens in the Llama pipeline, as dict(zip(tokens, probs)) does", () => {
    const p = parseLogprobsPaper([answer], "B", 2, { pipeline: "llama" });
    expect(p[1]).toBeCloseTo(0.1, 15);
    expect(parseLogprobsPaper([answer], "B", 2, { pipeline: "llama", duplicateTokens: "sum" })[1]).toBeCloseTo(0.7, 15);
  });
  it("takes the last position for OpenAI models when the text contains 'Answer: ', else the first", () => {
    const first = position("Answer", [["Answer", 0.9], ["A", 0.1]]);
    const positions = [first, position(":", [[":", 1]]), answer];
    expect(paperAnswerPosition(3, "Answer: B", "openai")).toBe(2);
    expect(paperAnswerPosition(3, "Answer:B", "openai")).toBe(0);
    expect(parseLogprobsPaper(positions, "Answer: B", 2, { pipeline: "openai" })[1]).toBeCloseTo(0.7, 15);
    expect(parseLogprobsPaper(positions, "AnswerB", 2, { pipeline: "openai" })).toEqual([Math.exp(ln(0.1)), 0]);
  });
  it("always takes the first generated position for Llama", () => {
    expect(paperAnswerPosition(3, "Answer: B", "llama")).toBe(0);
  });
  it("rejects an empty list of positions", () => {
    expect(() => parseLogprobsPaper([], "B", 2, { pipeline: "openai" })).toThrow(RangeError);
  });
});
