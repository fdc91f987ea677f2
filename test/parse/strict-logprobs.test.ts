import { describe, expect, it } from "vitest";
import { parseLogprobsStrict } from "../../src/parse/strict-logprobs";
import type { TokenLogprobs } from "../../src/parse/token-logprobs";

const ln = Math.log;

function position(token: string, alternatives: [string, number][]): TokenLogprobs {
  return { token, top_logprobs: alternatives.map(([t, p]) => ({ token: t, logprob: ln(p) })) };
}

function expectDistribution(result: ReturnType<typeof parseLogprobsStrict>, expected: number[], notes: string[]): void {
  expect(result.ok, JSON.stringify(result)).toBe(true);
  if (!result.ok) return;
  result.distribution.forEach((p, j) => expect(p).toBeCloseTo(expected[j] ?? Number.NaN, 12));
  expect(result.notes).toEqual(notes);
}

describe("parseLogprobsStrict", () => {
  const answer = position("B", [["B", 0.6], ["A", 0.2], [" B", 0.1], ["b", 0.05], ["E", 0.03]]);

  it("sums ' B' and 'B', renormalizes over the options and notes absent letters", () => {
    expectDistribution(parseLogprobsStrict([answer], 4), [0.2 / 0.9, 0.7 / 0.9, 0, 0], [
      "summed several tokens for B",
      "renormalized from option mass 0.9",
      "absent from top-k: C, D",
    ]);
  });
  it("credits lowercase tokens only when asked", () => {
    expectDistribution(parseLogprobsStrict([answer], 2, { mergeLowercase: true }), [0.2 / 0.95, 0.75 / 0.95], [
      "summed several tokens for B",
      "renormalized from option mass 0.95",
    ]);
  });
  it("finds the position whose emitted token is an option letter", () => {
    const positions = [position("Answer", [["Answer", 0.9], ["A", 0.1]]), position(":", [[":", 1]]), answer];
    expectDistribution(parseLogprobsStrict(positions, 2), [0.2 / 0.9, 0.7 / 0.9], ["answer at position 2", "summed several tokens for B", "renormalized from option mass 0.9"]);
  });
  it("falls back to the first position offering an option letter, and honours an explicit position", () => {
    const positions = [position("The", [["The", 0.7], ["C", 0.3]]), answer];
    const noLetterEmitted = [position("The", [["The", 0.7], ["C", 0.3]]), position(" answer", [[" answer", 1]])];
    expectDistribution(parseLogprobsStrict(noLetterEmitted, 3), [0, 0, 1], ["renormalized from option mass 0.3", "absent from top-k: A, B"]);
    expectDistribution(parseLogprobsStrict(positions, 3, { position: "first" }), [0, 0, 1], ["renormalized from option mass 0.3", "absent from top-k: A, B"]);
    expect(parseLogprobsStrict(positions, 3, { position: "last" })).toMatchObject({ ok: true, notes: expect.arrayContaining(["answer at position 1"]) });
    expect(parseLogprobsStrict(positions, 3, { position: 5 })).toMatchObject({ ok: false, reason: "no option letter in top-k" });
    expect(() => parseLogprobsStrict(positions, 3, { position: -1 })).toThrow(RangeError);
  });
  it("fails when no option letter appears in the top-k", () => {
    expect(parseLogprobsStrict([position("I", [["I", 0.8], ["Sorry", 0.2]])], 3)).toEqual({
      ok: false,
      reason: "no option letter in top-k",
      detail: "no option letter in top-k (1 positions)",
    });
    expect(parseLogprobsStrict([position("A", [["a", 1]])], 3, { position: "first" })).toMatchObject({ ok: false, reason: "no option letter in top-k" });
    expect(parseLogprobsStrict([], 3)).toMatchObject({ ok: false, reason: "no option letter in top-k" });
  });
  it("fails on a logprob that is not a finite number ≤ 0", () => {
    const bad: TokenLogprobs = { token: "A", top_logprobs: [{ token: "A", logprob: 0.5 }] };
    expect(parseLogprobsStrict([bad], 2)).toEqual({ ok: false, reason: "invalid logprob", detail: 'invalid logprob ("A": 0.5)' });
  });
});
