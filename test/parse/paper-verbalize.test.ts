import { describe, expect, it } from "vitest";
import { type PaperVerbalizeOptions, parseVerbalizePaper } from "../../src/parse/paper-verbalize";
import { testDataDir } from "../helpers/data-dir";
import { type StoredResponse, allStoredResponses, optionCountOf, reproduces, scoredResponses, tally } from "./stored-responses";

describe("parseVerbalizePaper: the rule of docs/protocol.md §4.2", () => {
  it("drops the last character, truncates to an integer and scales by 0.01", () => {
    expect(parseVerbalizePaper("{'A': '45.7%', 'B': '0.82', 'C': '45', 'D': '100%'}", 4)).toEqual([0.45, 0, 0.04, 1]);
  });
  it("replaces double quotes and quotes bare keys before evaluating", () => {
    expect(parseVerbalizePaper('{"A": "20%", B: \'80%\'}', 2)).toEqual([0.2, 0.8]);
  });
  it("gives 0 to missing keys, number values, non-string values and unparsable strings", () => {
    expect(parseVerbalizePaper("{'A': 0.5, 'B': ['5%'], 'C': 'high', 'E': '10%'}", 4)).toEqual([0, 0, 0, 0]);
  });
  it("does not renormalize", () => {
    expect(parseVerbalizePaper("{'A': '30%', 'B': '30%'}", 2)).toEqual([0.3, 0.3]);
  });
  it("keeps the last value of a repeated key, as a Python dict does", () => {
    expect(parseVerbalizePaper("{'A': '10%', 'A': '60%', 'B': '40%'}", 2)).toEqual([0.6, 0.4]);
  });
  it.each([
    ["prose after the dict", "{'A': '60%', 'B': '40%'}\n\nLet me know!"],
    ["a stray parenthesis", "{'A': '60%', 'B': '40%'})"],
    ["unbalanced quotes", "{'A': '60%', 'B': '40%}"],
    ["bare percentages", "{'A': 60%, 'B': 40%}"],
    ["a list", "['60%', '40%']"],
  ])("gives all zeros when the text does not evaluate to a dict (%s)", (_, response) => {
    expect(parseVerbalizePaper(response, 2)).toEqual([0, 0]);
  });
  it("cuts the response at 'Answer: ' first (§3.3)", () => {
    expect(parseVerbalizePaper("Here you go.\nAnswer: {'A': '25%', 'B': '75%'}", 2)).toEqual([0.25, 0.75]);
  });
  it("never returns -0 for a negative value that truncates to zero", () => {
    expect(Object.is(parseVerbalizePaper("{'A': '-0.5%'}", 1)[0], 0)).toBe(true);
  });
});

describe("parseVerbalizePaper: as-run parser variants", () => {
  it("quoteBareKeys: false leaves bare keys, so the text does not evaluate", () => {
    expect(parseVerbalizePaper("{'A': '38%', D: '11%'}", 4, { quoteBareKeys: false })).toEqual([0, 0, 0, 0]);
  });
  it("acceptNumbers reads numbers and numeric strings without % as proportions", () => {
    expect(parseVerbalizePaper("{'A': 0.2, 'B': '.05', 'C': '45%', 'D': 'nan'}", 4, { acceptNumbers: true })).toEqual([0.2, 0.05, 0.45, 0]);
  });
  it("allowTrailingText reads the first {…} when the whole text does not evaluate", () => {
    const options = { allowTrailingText: true };
    expect(parseVerbalizePaper("{'A': '60%', 'B': '40%'}.\nNote: guess", 2, options)).toEqual([0.6, 0.4]);
    expect(parseVerbalizePaper("{'A': '95%', 'B': '5 '%}", 2, options)).toEqual([95 * 0.01, 5 * 0.01]);
    expect(parseVerbalizePaper("no braces", 2, options)).toEqual([0, 0]);
  });
});

// Parity with the stored predictions. A stored prediction the rule does not reproduce must be
// reproduced by exactly one as-run variant; the table of such cases is asserted exactly.
const VARIANTS: Record<string, PaperVerbalizeOptions> = {
  quoteBareKeys: { quoteBareKeys: false },
  acceptNumbers: { acceptNumbers: true },
  allowTrailingText: { allowTrailingText: true },
};

function explain(r: StoredResponse): string {
  const k = optionCountOf(r.stored);
  if (reproduces(parseVerbalizePaper(r.response, k), r.stored)) return "rule";
  const variants = Object.keys(VARIANTS).filter((name) => reproduces(parseVerbalizePaper(r.response, k, VARIANTS[name]), r.stored));
  return `${r.dataset} ${r.model} ${r.steering} ${variants.join("+") || "unexplained"}`;
}

describe("parseVerbalizePaper reproduces the stored Verbalize predictions", () => {
  const dataDir = testDataDir();

  it("on the scored grid: 5 models × 3 datasets × none/persona/few-shot × scored groups", () => {
    const responses = scoredResponses(dataDir, "verbalize");
    // OpinionQA (100 + 2 × 599) × 4 + (100 + 2 × 600) for llama, whose Male FEM2_W29 is not empty;
    // NYT (235 + 2 × 4 × 235) × 5; GlobalOpinionQA 2 × 3 × 100 × 5
    expect(responses.length).toBe(20_067);
    expect(tally(responses.map(explain))).toEqual({
      rule: 19_961,
      // gpt-3.5 OpinionQA persona: bare keys (`D: '11%'`) stored as all-zero
      "opinionqa gpt-3.5-turbo-0125 persona quoteBareKeys": 24,
      // llama OpinionQA/NYT: dicts followed by prose or a stray character still read
      "opinionqa llama3-70b few-shot allowTrailingText": 6,
      "nytimes llama3-70b persona allowTrailingText": 2,
      "nytimes llama3-70b few-shot allowTrailingText": 5,
      // opus GlobalOpinionQA: numeric values stored as proportions
      "globalvalues anthropic_opus persona acceptNumbers": 68,
      "globalvalues anthropic_opus few-shot acceptNumbers": 1,
    });
  });

  it("per run, the llama OpinionQA/NYT and gpt-3.5 OpinionQA persona variants explain every response", () => {
    const responses = scoredResponses(dataDir, "verbalize");
    const run = (dataset: string, model: string, steerings: string[]) =>
      responses.filter((r) => r.dataset === dataset && r.model === model && steerings.includes(r.steering));
    const all = ["none", "persona", "few-shot"];
    for (const r of [...run("opinionqa", "llama3-70b", all), ...run("nytimes", "llama3-70b", all)]) {
      expect(reproduces(parseVerbalizePaper(r.response, optionCountOf(r.stored), VARIANTS.allowTrailingText), r.stored), r.key).toBe(true);
    }
    for (const r of run("opinionqa", "gpt-3.5-turbo-0125", ["persona"])) {
      expect(reproduces(parseVerbalizePaper(r.response, optionCountOf(r.stored), VARIANTS.quoteBareKeys), r.stored), r.key).toBe(true);
    }
  });

  it("in every stored file: 26,333 of 26,467 by the rule, the other 134 by one variant each (docs/protocol.md §4.2)", () => {
    const labels = allStoredResponses(dataDir, "verbalize").map((r) => explain(r).replace(/^(\S+) (\S+) \S+ /, "$1 $2 "));
    expect(labels.length).toBe(26_467);
    expect(tally(labels)).toEqual({
      rule: 26_333,
      "opinionqa gpt-3.5-turbo-0125 quoteBareKeys": 51,
      "opinionqa gpt-4 quoteBareKeys": 1,
      "opinionqa llama3-70b allowTrailingText": 6,
      "nytimes llama3-70b allowTrailingText": 7,
      "globalvalues anthropic_opus acceptNumbers": 69,
    });
  });
});
