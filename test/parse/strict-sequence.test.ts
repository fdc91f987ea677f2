import { describe, expect, it } from "vitest";
import { summarizeParseRate } from "../../src/parse/parse-rate";
import { parseSequenceStrict } from "../../src/parse/strict-sequence";
import { testDataDir } from "../helpers/data-dir";
import { optionCountOf, scoredResponses } from "./stored-responses";

/** Frequencies of a letter string over options A… */
function frequencies(letters: string, optionCount: number): number[] {
  return Array.from({ length: optionCount }, (_, j) => [...letters].filter((c) => c === String.fromCharCode(65 + j)).length / letters.length);
}

const THIRTY = "ABACABADABACABADABACABADABACAB";

describe("parseSequenceStrict: where the letters are", () => {
  it("reads 30 glued, spaced or comma-separated letters without notes", () => {
    for (const text of [THIRTY, [...THIRTY].join(" "), [...THIRTY].join(", "), [...THIRTY].join("-")]) {
      expect(parseSequenceStrict(text, 4)).toEqual({ ok: true, distribution: frequencies(THIRTY, 4), notes: [] });
    }
  });
  it("reads after 'Answer: ' (noted) and ignores prose around the letters (noted)", () => {
    expect(parseSequenceStrict(`Sure! Here they are.\nAnswer: ${[...THIRTY].join(" ")}\nThese reflect my estimate.`, 4)).toEqual({
      ok: true,
      distribution: frequencies(THIRTY, 4),
      notes: ['read after "Answer:"', "text around the letters ignored"],
    });
  });
  it("never counts lowercase prose, and rejects lowercase letters", () => {
    expect(parseSequenceStrict("a b c d a b c d a b c d", 4)).toEqual({
      ok: false,
      reason: "too few option letters",
      detail: "too few option letters (0 < 10)",
    });
  });
  it("treats all-caps words that are mostly not options as prose", () => {
    expect(parseSequenceStrict(`NOTE: ${THIRTY}`, 4)).toMatchObject({ ok: true, notes: ["text around the letters ignored"] });
  });
  it("fails when two separate sequences are long enough to be answers", () => {
    expect(parseSequenceStrict(`First try: ${THIRTY}. Better: ${THIRTY}`, 4)).toEqual({
      ok: false,
      reason: "several letter sequences",
      detail: "several letter sequences (30, 30)",
    });
  });
});

describe("parseSequenceStrict: counts", () => {
  it("renormalizes over valid letters and notes a count other than 30", () => {
    expect(parseSequenceStrict("AABBAABBAABB", 2)).toEqual({ ok: true, distribution: [0.5, 0.5], notes: ["12 letters (30 expected)"] });
    expect(parseSequenceStrict("AABBAABBAABB", 2, { expectedLetters: 12 })).toEqual({ ok: true, distribution: [0.5, 0.5], notes: [] });
  });
  it("drops a few letters outside the options with a note, and fails past the tolerance", () => {
    expect(parseSequenceStrict(`${THIRTY.slice(0, 29)}E`, 4)).toEqual({
      ok: true,
      distribution: frequencies(THIRTY.slice(0, 29), 4),
      notes: ["dropped 1 letters outside A–D: E", "29 letters (30 expected)"],
    });
    expect(parseSequenceStrict(`${THIRTY.slice(0, 26)}EEEE`, 4)).toEqual({
      ok: false,
      reason: "letters outside the options",
      detail: "letters outside the options (4 of 30: E)",
    });
  });
  it("fails below the minimum number of letters", () => {
    expect(parseSequenceStrict("ABCAB", 3)).toMatchObject({ ok: false, reason: "too few option letters", detail: "too few option letters (5 < 10)" });
    expect(parseSequenceStrict("ABCAB", 3, { minLetters: 5 }).ok).toBe(true);
    expect(parseSequenceStrict("", 3)).toMatchObject({ ok: false, reason: "empty response" });
  });
});

// Real responses from results/<dataset>/sequence/<model>/<task>/… (spaces already removed by the paper's pipeline).
describe("parseSequenceStrict on malformed responses from the paper's data", () => {
  it.each([
    // nytimes llama3-70b task1 POLPARTY/Democrat, "Eastbound By Maylis De Kerangal" (27 such responses)
    ["prose cut at 30 characters", "Hereare30simulatedresponsesfro", 4, "too few option letters (0 < 10)"],
    // nytimes llama3-70b task1 POLPARTY/Democrat, "The Patriarch By David Nasaw"
    ["prose, then two letters", "Hereare30simulatedanswers:\n\nCC", 4, "too few option letters (2 < 10)"],
    // nytimes llama3-70b task1 POLPARTY/Republican: the capital I of "I'm" is not an answer
    ["a sentence starting with I", "I'mreadytosimulate30answersfor", 4, "too few option letters (0 < 10)"],
    // opinionqa gpt-3.5 task1 RACE/White, WHYNOTBIZF2M_W36: option texts instead of letters
    ["option words", "MajorMinorNotMinorMajorMajorMa", 4, "too few option letters (0 < 10)"],
    // opinionqa anthropic_haiku task3 RACE/Black, GAP21Q27_W82: a fifth letter for a 4-option question
    ["a letter beyond the options", "BAECBACECBACAECBCBAECAB", 4, "letters outside the options (4 of 23: E)"],
  ] as const)("fails on %s", (_, response, options, detail) => {
    expect(parseSequenceStrict(response, options)).toMatchObject({ ok: false, detail });
  });

  it.each([
    // opinionqa gpt-3.5 task1 RACE/Hispanic, ESSENPOLF1H_W36: a word glued to the letters
    ["a glued word", "EssentialBBABACABABBABAAABAACA", 3, "BBABACABABBABAAABAACA", ["text around the letters ignored", "21 letters (30 expected)"]],
    // globalvalues llama3-70b task1 globalvalues/0: an introduction, then 32 letters
    [
      "an introduction",
      "Hereare30multiple-choiceanswersforthequestion:\n\nBCAABBABACBBBBABACCBBBAABBBABBCB",
      6,
      "BCAABBABACBBBBABACCBBBAABBBABBCB",
      ["text around the letters ignored", "32 letters (30 expected)"],
    ],
    // opinionqa gpt-3.5 task0 NONE/Democrat, GAP21Q33_m_W82: one stray N
    ["one stray letter", "NBDCCDCDBDDDCCDDDDDCDCACABCBC", 4, "BDCCDCDBDDDCCDDDDDCDCACABCBC", ["dropped 1 letters outside A–D: N", "28 letters (30 expected)"]],
  ] as const)("reads %s", (_, response, options, letters, notes) => {
    expect(parseSequenceStrict(response, options)).toEqual({ ok: true, distribution: frequencies(letters, options), notes: [...notes] });
  });
});

describe("parseSequenceStrict parse rate on the paper's responses", () => {
  it("reads 98.4% of the scored grid's Sequence responses; failures by reason", () => {
    const results = scoredResponses(testDataDir(), "sequence").map((r) => parseSequenceStrict(r.response, optionCountOf(r.stored)));
    expect(summarizeParseRate(results)).toEqual({
      total: 20_065,
      ok: 19_741,
      failed: 324,
      rate: 19_741 / 20_065,
      reasons: { "too few option letters": 314, "letters outside the options": 10 },
    });
  });
});
