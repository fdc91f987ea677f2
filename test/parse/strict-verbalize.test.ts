import { describe, expect, it } from "vitest";
import { summarizeParseRate } from "../../src/parse/parse-rate";
import { parseVerbalizeStrict } from "../../src/parse/strict-verbalize";
import { testDataDir } from "../helpers/data-dir";
import { optionCountOf, scoredResponses } from "./stored-responses";

function expectDistribution(result: ReturnType<typeof parseVerbalizeStrict>, expected: number[], notes: string[] = []): void {
  expect(result.ok, JSON.stringify(result)).toBe(true);
  if (!result.ok) return;
  expect(result.distribution.length).toBe(expected.length);
  result.distribution.forEach((p, j) => expect(p).toBeCloseTo(expected[j] ?? Number.NaN, 12));
  expect(result.notes).toEqual(notes);
}

describe("parseVerbalizeStrict: formats", () => {
  it("reads JSON, Python dicts with bare keys and trailing commas, typographic quotes", () => {
    expectDistribution(parseVerbalizeStrict(`{"A": "30%", "B": "70%"}`, 2), [0.3, 0.7]);
    expectDistribution(parseVerbalizeStrict(`{A: '30%', 'B': '70%',}`, 2), [0.3, 0.7]);
    expectDistribution(parseVerbalizeStrict(`{“A”: “30%”, “B”: “70%”}`, 2), [0.3, 0.7]);
  });
  it("reads percentages with decimals and spaces, and fractions", () => {
    expectDistribution(parseVerbalizeStrict(`{'A': '45.5 %', 'B': 54.5%}`, 2), [0.455, 0.545]);
    expectDistribution(parseVerbalizeStrict(`{"A": 0.45, "B": "0.55"}`, 2), [0.45, 0.55]);
  });
  it("reads keys written as (A), A., lowercase letters or option texts", () => {
    expectDistribution(parseVerbalizeStrict(`{"(A)": 20, "b.": 80}`, 2), [0.2, 0.8], ["values without % read as percentages"]);
    expectDistribution(parseVerbalizeStrict(`{"Yes": "20%", "No": "80%"}`, ["Yes", "No"]), [0.2, 0.8]);
  });
  it("takes the object out of surrounding prose", () => {
    expectDistribution(parseVerbalizeStrict(`Here is my estimate:\n{'A': '25%', 'B': '75%'}\nHope it helps!`, 2), [0.25, 0.75]);
  });
  it("accepts repeated identical objects, noted, and rejects different ones", () => {
    expectDistribution(parseVerbalizeStrict(`{'A': '25%', 'B': '75%'} so {'A': '25%', 'B': '75%'}`, 2), [0.25, 0.75], ["2 identical objects"]);
    expect(parseVerbalizeStrict(`Example: {'A': '50%', 'B': '50%'}. Answer: {'A': '25%', 'B': '75%'}`, 2)).toEqual({
      ok: false,
      reason: "several different objects",
      detail: "several different objects (2 objects)",
    });
  });
  it("fails when one of several option objects cannot be read", () => {
    expect(parseVerbalizeStrict(`{'A': '25%', 'B': '75%'} or maybe {'A': 'high', 'B': 'low'}`, 2)).toMatchObject({
      ok: false,
      reason: "several different objects",
    });
  });
  it("ignores objects without option keys, e.g. an outer wrapper", () => {
    expectDistribution(parseVerbalizeStrict(`{"answer": {"A": 0.6, "B": 0.4}}`, 2), [0.6, 0.4]);
  });
  it("fails without an object with option keys", () => {
    expect(parseVerbalizeStrict("I cannot answer that.", 2)).toMatchObject({ ok: false, reason: "no object with option keys" });
    expect(parseVerbalizeStrict(`{"x": 1}`, 2)).toMatchObject({ ok: false, reason: "no object with option keys" });
    expect(parseVerbalizeStrict("  ", 2)).toMatchObject({ ok: false, reason: "empty response" });
  });
});

describe("parseVerbalizeStrict: values and keys", () => {
  it("decides the scale per object", () => {
    expectDistribution(parseVerbalizeStrict(`{A: 0.5, B: 0.5}`, 2), [0.5, 0.5]);
    expectDistribution(parseVerbalizeStrict(`{A: 50, B: 50}`, 2), [0.5, 0.5], ["values without % read as percentages"]);
    expectDistribution(parseVerbalizeStrict(`{A: '50%', B: 50}`, 2), [0.5, 0.5], ["values without % read as percentages: B"]);
  });
  it("treats values all ≤ 1 summing far from 1 as fractions, which then fail the sum check (ambiguous case)", () => {
    expect(parseVerbalizeStrict(`{A: 0.3, B: 0.2}`, 2)).toEqual({ ok: false, reason: "sum far from 1", detail: "sum far from 1 (0.5)" });
  });
  it("renormalizes a sum within the tolerance, with a note, and fails beyond it", () => {
    expectDistribution(parseVerbalizeStrict(`{A: '45%', B: '50%'}`, 2), [45 / 95, 50 / 95], ["renormalized from 0.95"]);
    expect(parseVerbalizeStrict(`{A: '45%', B: '44%'}`, 2)).toMatchObject({ ok: false, reason: "sum far from 1", detail: "sum far from 1 (89%)" });
    expect(parseVerbalizeStrict(`{A: '45%', B: '44%'}`, 2, { sumTolerance: 0.15 }).ok).toBe(true);
  });
  it("gives missing options 0, noted", () => {
    expectDistribution(parseVerbalizeStrict(`{A: '40%', C: '60%'}`, 3), [0.4, 0, 0.6], ["missing B: set to 0"]);
  });
  it("keeps the last value of a duplicate key, noted", () => {
    expectDistribution(parseVerbalizeStrict(`{A: '10%', B: '60%', A: '40%'}`, 2), [0.4, 0.6], ["duplicate key A: last value kept"]);
  });
  it("fails on unknown keys with mass, ignores them with value 0 or when asked", () => {
    expect(parseVerbalizeStrict(`{A: '40%', B: '50%', E: '10%'}`, 2)).toEqual({ ok: false, reason: "unknown option key", detail: "unknown option key (E)" });
    expectDistribution(parseVerbalizeStrict(`{A: '40%', B: '60%', E: '0%'}`, 2), [0.4, 0.6], ["ignored unknown keys with value 0: E"]);
    expectDistribution(parseVerbalizeStrict(`{A: '40%', B: '50%', E: '10%'}`, 2, { unknownKeys: "ignore" }), [0.4 / 0.9, 0.5 / 0.9], [
      "ignored unknown keys: E",
      "renormalized from 0.9",
    ]);
  });
  it("fails on negative, non-numeric and all-zero values", () => {
    expect(parseVerbalizeStrict(`{A: -0.2, B: 1.2}`, 2)).toMatchObject({ ok: false, reason: "negative value", detail: "negative value (A: -0.2)" });
    expect(parseVerbalizeStrict(`{A: 'NaN', B: 1}`, 2)).toMatchObject({ ok: false, reason: "non-numeric value" });
    expect(parseVerbalizeStrict(`{A: '0%', B: '0%'}`, 2)).toMatchObject({ ok: false, reason: "all values zero" });
  });
  it("rejects an option count outside [1, 26]", () => {
    expect(() => parseVerbalizeStrict("{A: 1}", 0)).toThrow(RangeError);
  });
});

// Real responses from the published result files (results/<dataset>/express_distribution/<model>/<task>/…).
describe("parseVerbalizeStrict on malformed responses from the paper's data", () => {
  it.each([
    // nytimes llama3-70b task3 SEX/Male
    ["prose after the dict", "{'A': '20%', 'B': '30%', 'C': '40%', 'D': '10%'}\n\nLet me know if I got it right!", 4, [0.2, 0.3, 0.4, 0.1], []],
    // nytimes llama3-70b task1 POLPARTY/Republican
    ["a stray parenthesis", "{'A': '45%', 'B': '30%', 'C': '15%', 'D': '10%'})", 4, [0.45, 0.3, 0.15, 0.1], []],
    // opinionqa gpt-3.5 task1 CREGION/Northeast, FUD33B_W34 (stored as all-zero by the as-run parser)
    ["bare keys", "{'A': '38%', 'B': '46%', 'C': '5%', D: '11%'}", 4, [0.38, 0.46, 0.05, 0.11], []],
    // globalvalues anthropic_opus task1 globalvalues/0 (stored as proportions)
    ["numbers as fractions", "{'A': 0.2, 'B': 0.1, 'C': 0.4, 'D': 0.25, 'E': 0.05}", 5, [0.2, 0.1, 0.4, 0.25, 0.05], []],
    // globalvalues anthropic_opus task1 globalvalues/0 (stored as all-zero)
    ["fractions as strings", "{'A': '0.82', 'B': '0.18'}", 2, [0.82, 0.18], []],
    // globalvalues anthropic_opus task1 globalvalues/0 (stored as proportions)
    ["fractions without leading zero", "{'A':'.02','B':'.87','C':'.01','D':'.09','E':'.01'}", 5, [0.02, 0.87, 0.01, 0.09, 0.01], []],
    // nytimes anthropic_opus task1 POLPARTY/Democrat (stored as all-zero)
    ["unquoted percentages", "{'A': 20%, 'B': 30%, 'C': 40%, 'D': 10%}", 4, [0.2, 0.3, 0.4, 0.1], []],
    // globalvalues anthropic_haiku task3 globalvalues/2
    ["an unclosed quote", "{'A': '44%', 'B': '36%, 'C': '15%', 'D': '5%'}", 4, [0.44, 0.36, 0.15, 0.05], ["unbalanced quotes read leniently"]],
    // nytimes gpt-3.5 task3 POLPARTY/Democrat
    ["an unopened quote", "{'A': '9%', 'B': '24%', C': '42%', 'D': '25%'}", 4, [0.09, 0.24, 0.42, 0.25], ["unbalanced quotes read leniently"]],
    // opinionqa gpt-3.5 task1 INCOME/$100,000 or more, RACESURV5g_W43
    [
      "no braces, the question repeated",
      "Question: Overall, how does being Muslim affect people's ability to get ahead in our country these days??\n'A': 17%\n'B': 28%\n'C': 12%\n'D': 5%\n'E': 37%\n'F': 1%",
      6,
      [0.17, 0.28, 0.12, 0.05, 0.37, 0.01],
      ["no braces: key-value pairs read from the text"],
    ],
    // opinionqa gpt-4 task1 SEX/Male, FEM2_W29
    [
      "a dict after the options listed back",
      "'A'. Very conservative\n'B'. Somewhat conservative\n'C'. Moderate\n'D'. Somewhat liberal\n'E'. Very liberal\n'F'. Not sure\n\n{'A': '15%', 'B': '25%', 'C': '30%', 'D': '15%', 'E': '10%', 'F': '5%'}",
      6,
      [0.15, 0.25, 0.3, 0.15, 0.1, 0.05],
      [],
    ],
    // globalvalues anthropic_haiku task3 globalvalues/0
    [
      "a duplicate key and missing options",
      "{'A': '27%', 'C': '46%', 'E': '10%', 'G': '7%', 'E': '10%'}",
      8,
      [0.3, 0, 0.46 / 0.9, 0, 0.1 / 0.9, 0, 0.07 / 0.9, 0],
      ["duplicate key E: last value kept", "renormalized from 0.9", "missing B, D, F, H: set to 0"],
    ],
  ] as const)("reads %s", (_, response, options, expected, notes) => {
    expectDistribution(parseVerbalizeStrict(response, options), [...expected], [...notes]);
  });

  it.each([
    // opinionqa llama3-70b task3 RACE/Black, RACESURV9_W43
    ["a quote before %", "{'A': '5%', 'B': '45%', 'C': '25%', 'D': '10%', 'E': '10%', 'F': '5 '%}", 6, "malformed object", `malformed object (unexpected "%" after value of "F")`],
    // opinionqa anthropic_haiku task3 EDUCATION/College graduate or some postgrad, REASONGUNB_W26
    ["words as values", "{'A': '24%', 'B': 'Unknown', 'C': 'Unknown', 'D': '0%'}", 4, "non-numeric value", `non-numeric value (B: "Unknown")`],
    // opinionqa gpt-3.5 task1 CREGION/Northeast, MADEUPSHAREWHY_W45: a fifth option the group never chose
    ["an option the question lacks", "{'A': '15%', 'B': '60%', 'C': '20%', 'D': '4%', 'E': '1%'}", 4, "unknown option key", "unknown option key (E)"],
    // opinionqa gpt-3.5 task1 RACE/Asian, WHYNOTBIZF2O_W36: "Refused" as a key
    ["an option text as a stray key", "{'A': '37%', 'B': '22%', 'C': '40%', 'Refused': '1%'}", 3, "unknown option key", "unknown option key (Refused)"],
    // opinionqa gpt-3.5 task3 RACE/White, RACESURV2_W43
    ["all zero", "{'A': '00%', 'B': '00%', 'C': '00%', 'D': '00%', 'E': '00%', 'F': '00%'}", 6, "all values zero", "all values zero"],
    // opinionqa gpt-3.5 task3 CREGION/Northeast, GOVREGV1_W49
    ["a sum of 89%", "{'A': '17%', 'B': '15%', 'C': '56%', 'D': '1%'}", 4, "sum far from 1", "sum far from 1 (89%)"],
  ] as const)("fails on %s", (_, response, options, reason, detail) => {
    expect(parseVerbalizeStrict(response, options)).toEqual({ ok: false, reason, detail });
  });
});

describe("parseVerbalizeStrict parse rate on the paper's responses", () => {
  it("reads 99.3% of the scored grid's Verbalize responses; failures by reason", () => {
    const results = scoredResponses(testDataDir(), "verbalize").map((r) => parseVerbalizeStrict(r.response, optionCountOf(r.stored)));
    expect(summarizeParseRate(results)).toEqual({
      total: 20_067,
      ok: 19_923,
      failed: 144,
      rate: 19_923 / 20_067,
      reasons: { "unknown option key": 72, "sum far from 1": 70, "all values zero": 1, "malformed object": 1 },
    });
  });
});
