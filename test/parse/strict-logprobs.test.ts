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
    const noFloor = { minOptionMass: 0 };
    expectDistribution(parseLogprobsStrict(noLetterEmitted, 3, noFloor), [0, 0, 1], ["renormalized from option mass 0.3", "absent from top-k: A, B"]);
    expectDistribution(parseLogprobsStrict(positions, 3, { ...noFloor, position: "first" }), [0, 0, 1], ["renormalized from option mass 0.3", "absent from top-k: A, B"]);
    expect(parseLogprobsStrict(noLetterEmitted, 3)).toEqual({ ok: false, reason: "option mass below floor", detail: "option mass below floor (0.3 < 0.5)" });
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

describe("parseLogprobsStrict corpus: which tokens count, and the option-mass floor", () => {
  // [what, top-k alternatives at the answer position, options, expected distribution or failure reason]
  const corpus: readonly (readonly [string, [string, number][], number, number[] | string])[] = [
    ["bare letters", [["A", 0.6], ["B", 0.3], ["C", 0.1]], 3, [0.6, 0.3, 0.1]],
    ["letters with leading spaces", [[" A", 0.5], [" B", 0.4]], 2, [0.5 / 0.9, 0.4 / 0.9]],
    ["letters with a trailing period", [["A.", 0.5], ["B.", 0.45]], 2, [0.5 / 0.95, 0.45 / 0.95]],
    ["parenthesised letters", [["(A", 0.3], ["(B)", 0.3], ["C)", 0.3]], 3, [1 / 3, 1 / 3, 1 / 3]],
    ["markdown-bold letters", [["**A", 0.7], ["**B", 0.2]], 2, [0.7 / 0.9, 0.2 / 0.9]],
    ["a letter and a colon", [["A:", 0.55], ["Answer", 0.4]], 2, [1, 0]],
    ["words starting with a letter count for nothing", [["As", 0.5], ["Because", 0.3], ["A", 0.1], ["B", 0.05]], 2, "option mass below floor"],
    ["the article 'A' with a word is not a letter", [["A good", 0.6], ["B", 0.3]], 2, "option mass below floor"],
    ["3% on two letters is not a confident answer", [["I", 0.9], ["A", 0.02], ["C", 0.01]], 3, "option mass below floor"],
    ["just below the floor", [["The", 0.51], ["A", 0.49]], 2, "option mass below floor"],
    ["exactly at the floor", [["The", 0.5], ["A", 0.5]], 2, [1, 0]],
    ["a letter outside the options", [["E", 0.9], ["A", 0.05]], 2, "option mass below floor"],
    ["digits are not letters", [["1", 0.9], ["2", 0.1]], 2, "no option letter in top-k"],
    ["lowercase letters do not count by default", [["a", 0.9], ["B", 0.05]], 2, "option mass below floor"],
    ["a refusal", [["I", 0.7], ["Sorry", 0.3]], 4, "no option letter in top-k"],
    ["no alternatives at all", [], 4, "no top log-probabilities"],
  ];

  it.each(corpus)("%s", (_, alternatives, options, expected) => {
    const result = parseLogprobsStrict([position(alternatives[0]?.[0] ?? "A", alternatives)], options);
    if (typeof expected === "string") {
      expect(result).toMatchObject({ ok: false, reason: expected });
    } else {
      expect(result.ok, JSON.stringify(result)).toBe(true);
      if (result.ok) result.distribution.forEach((p, j) => expect(p).toBeCloseTo(expected[j]!, 12));
    }
  });

  it("takes another floor when asked, and refuses one outside [0, 1]", () => {
    const positions = [position("I", [["I", 0.7], ["A", 0.2], ["B", 0.1]])];
    expect(parseLogprobsStrict(positions, 2)).toMatchObject({ ok: false, reason: "option mass below floor" });
    expect(parseLogprobsStrict(positions, 2, { minOptionMass: 0.25 })).toMatchObject({ ok: true });
    expect(() => parseLogprobsStrict(positions, 2, { minOptionMass: 1.5 })).toThrow(RangeError);
  });

  it("treats entries without top_logprobs (llama.cpp) or with malformed alternatives as parse failures, not TypeErrors", () => {
    const bare = [{ token: "A", logprob: -0.1 }] as unknown as TokenLogprobs[];
    expect(parseLogprobsStrict(bare, 3)).toMatchObject({ ok: false, reason: "no top log-probabilities" });
    expect(parseLogprobsStrict([{ token: "A", top_logprobs: [] }], 3)).toMatchObject({ ok: false, reason: "no top log-probabilities" });
    expect(parseLogprobsStrict([{ token: "x", top_logprobs: [] }, { token: "y", top_logprobs: [] }], 3)).toMatchObject({ ok: false, reason: "no top log-probabilities" });
    const junk = [{ token: "A", top_logprobs: [{ token: "A", logprob: "-0.1" }] }] as unknown as TokenLogprobs[];
    expect(parseLogprobsStrict(junk, 3)).toMatchObject({ ok: false, reason: "invalid logprob" });
    const nullAlternative = [{ token: "A", top_logprobs: [null] }] as unknown as TokenLogprobs[];
    expect(parseLogprobsStrict(nullAlternative, 3)).toMatchObject({ ok: false, reason: "invalid logprob" });
    expect(parseLogprobsStrict("garbage" as unknown as TokenLogprobs[], 3)).toMatchObject({ ok: false, reason: "no top log-probabilities" });
  });
});
