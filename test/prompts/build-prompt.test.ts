/** Prompt rendering: one snapshot per dataset × method, and the rules every prompt follows. */
import { describe, expect, it } from "vitest";
import { buildPrompt, contextLine, drawLetters, FORMAT_EXAMPLES, letteredOptions, percentageDict, SYSTEM_MESSAGE, wholePercent } from "../../src/prompts/index";
import type { PromptSpec } from "../../src/prompts/types";
import { mulberry32 } from "../../src/random";
import { DATASETS, METHODS } from "../../src/types";

const QUESTION = { text: "Do you think the city should build more bike lanes?", options: ["Yes", "No", "Refused"] };
const EXAMPLES = [0, 1, 2, 3, 4].map((i) => ({ text: `Related question ${i}?`, options: ["Agree", "Disagree"], distribution: [0.456, 0.544] }));

function spec(overrides: Partial<PromptSpec>): PromptSpec {
  return { dataset: "opinionqa", steering: "persona", method: "verbalize", question: QUESTION, persona: { kind: "group", name: "Democrat" }, ...overrides };
}

function userText(s: PromptSpec): string {
  const messages = buildPrompt(s);
  expect(messages).toHaveLength(2);
  expect(messages[0]).toEqual({ role: "system", content: SYSTEM_MESSAGE });
  return messages[1]?.content ?? "";
}

describe("answer formats", () => {
  it("letters options with quotes, and without for Log-p", () => {
    expect(letteredOptions(["Yes", "No"], "verbalize")).toBe("'A'. Yes\n'B'. No");
    expect(letteredOptions(["Yes", "No"], "logprobs")).toBe("A. Yes\nB. No");
  });

  it("writes ⌊100p⌋ percentages, robust to binary rounding", () => {
    expect(wholePercent(0.29)).toBe(29);
    expect(wholePercent(0.999)).toBe(99);
    expect(percentageDict([0.456, 0.544])).toBe("{'A': '45%', 'B': '54%'}");
  });

  it("draws letters from the distribution, never from options without mass", () => {
    const letters = drawLetters([0.2, 0, 0.8], 3000, mulberry32(1));
    expect(letters.includes("B")).toBe(false);
    expect(letters.filter((l) => l === "C").length / 3000).toBeCloseTo(0.8, 1);
    expect(() => drawLetters([0, 0], 1, mulberry32(1))).toThrow(RangeError);
  });
});

describe("buildPrompt", () => {
  for (const dataset of DATASETS) {
    for (const method of METHODS) {
      it(`renders a few-shot ${dataset} ${method} prompt (snapshot)`, () => {
        const persona = dataset === "globalvalues" ? ({ kind: "country", name: "Japan" } as const) : ({ kind: "group", name: "Republican" } as const);
        expect(userText(spec({ dataset, method, steering: "few-shot", persona, fewShot: EXAMPLES.slice(0, 2) }))).toMatchSnapshot();
      });
    }
  }

  it("ends with the lettered question and 'Answer:', naming the group", () => {
    const text = userText(spec({ method: "sequence" }));
    expect(text.endsWith(`Question: ${QUESTION.text}\n'A'. Yes\n'B'. No\n'C'. Refused\nPlease answer this question for the group "Democrat".\nAnswer:`)).toBe(true);
    expect(text).toContain('a group of "Democrat"');
  });

  it("asks GlobalOpinionQA questions per country", () => {
    const text = userText(spec({ dataset: "globalvalues", persona: { kind: "country", name: "Japan" } }));
    expect(text).toContain(`How would someone from Japan respond to the following question?\nQuestion: ${QUESTION.text}`);
    expect(text).not.toContain("Please answer this question for the group");
  });

  it("names nobody without steering", () => {
    const text = userText(spec({ steering: "none", persona: undefined }));
    expect(text).not.toMatch(/group|someone from/);
  });

  it("shows five format examples", () => {
    for (const dataset of DATASETS) {
      const text = userText(spec({ dataset, persona: dataset === "globalvalues" ? { kind: "country", name: "Chile" } : { kind: "group", name: "Male" } }));
      expect(text.match(/^Answer: \{/gm)?.length).toBe(5);
      expect(FORMAT_EXAMPLES[dataset]).toHaveLength(5);
    }
  });

  it("states each few-shot distribution in a context line and answers in the method's format", () => {
    const persona = { kind: "group", name: "Independent" } as const;
    expect(contextLine(persona, EXAMPLES[0]!)).toBe("Context: Let the probability that an Independent responds to the following question with 'Agree' be 45%, with 'Disagree' be 54%.");
    const verbalize = userText(spec({ steering: "few-shot", persona, fewShot: EXAMPLES }));
    expect(verbalize.match(/^Context: /gm)?.length).toBe(5);
    expect(verbalize.match(/^Answer: \{'A': '45%', 'B': '54%'\}$/gm)?.length).toBe(5);
    const sequence = userText(spec({ steering: "few-shot", method: "sequence", persona, fewShot: EXAMPLES }));
    const sequences = [...sequence.matchAll(/^Context: .*\n(?:.*\n)*?Answer: (.*)$/gm)].map((m) => m[1] ?? "");
    expect(sequences).toHaveLength(5);
    for (const answer of sequences) expect(answer).toMatch(/^[AB]( [AB]){29}$/);
    const logprobs = userText(spec({ steering: "few-shot", method: "logprobs", persona, fewShot: EXAMPLES }));
    expect([...logprobs.matchAll(/^Context: .*\n(?:.*\n)*?Answer: (.*)$/gm)].map((m) => m[1])).toEqual(expect.arrayContaining([expect.stringMatching(/^[AB]$/)]));
  });

  it("is a pure function of its spec and seed", () => {
    const few = spec({ steering: "few-shot", method: "sequence", fewShot: EXAMPLES });
    expect(buildPrompt(few)).toEqual(buildPrompt(few));
    expect(buildPrompt({ ...few, seed: 1 })).not.toEqual(buildPrompt(few));
  });

  it("renders the paper's format examples, with the country filled in", () => {
    const text = userText(spec({ dataset: "globalvalues", persona: { kind: "country", name: "Japan" }, formatExamples: "paper", paperFormatText: "How would someone from ${COUNTRY} respond?\nAnswer: A B" }));
    expect(text).toContain("How would someone from Japan respond?\nAnswer: A B");
    expect(text).not.toContain("${COUNTRY}");
    expect(() => buildPrompt(spec({ formatExamples: "paper" }))).toThrow(TypeError);
  });

  it("refuses inconsistent specs", () => {
    expect(() => buildPrompt(spec({ persona: undefined }))).toThrow(TypeError);
    expect(() => buildPrompt(spec({ steering: "none" }))).toThrow(TypeError);
    expect(() => buildPrompt(spec({ steering: "few-shot" }))).toThrow(TypeError);
    expect(() => buildPrompt(spec({ question: { text: "?", options: [] } }))).toThrow(RangeError);
  });
});
