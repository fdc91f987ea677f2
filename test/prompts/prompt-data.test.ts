/** Prompts built from the benchmark data: few-shot selection by docs/protocol.md §2.4, lettering, no leak of the target. */
import { beforeAll, describe, expect, it } from "vitest";
import { SCORED_GROUPS } from "../../src/data/results";
import {
  buildPrompt,
  datasetQuestionIds,
  FORMAT_EXAMPLES,
  loadPromptData,
  optionTextDistance,
  promptSpecFor,
  SEPARATOR,
  type PromptData,
} from "../../src/prompts/index";
import { loadBenchmarkData } from "../../src/benchmark/benchmark-data";
import { DATASETS, METHODS } from "../../src/types";
import { testDataDir } from "../helpers/data-dir";

let data: PromptData;
beforeAll(() => {
  data = loadPromptData(loadBenchmarkData(testDataDir()));
});

/** The target block: the text after the last separator. */
function targetBlock(text: string): string {
  return text.slice(text.lastIndexOf(`${SEPARATOR}\n`) + SEPARATOR.length + 1);
}

describe("few-shot selection", () => {
  it("OpinionQA: splits the top-10 by option count as the code does (7 / 26 / 67 targets with |D| = 5 / > 5 / < 5)", () => {
    const similar = data.opinionQaSimilarity();
    const pool = data.opinionQaPool("POLPARTY");
    const cases = { equal: 0, more: 0, fewer: 0 };
    for (const id of datasetQuestionIds(data.benchmark, "opinionqa")) {
      const target = pool.get(id);
      if (target === undefined) throw new Error(`${id} not in the pool`);
      const different = (similar[id] ?? []).filter((other) => pool.get(other)?.mcOptions.length !== target.mcOptions.length).length;
      if (different === 5) cases.equal++;
      else if (different > 5) cases.more++;
      else cases.fewer++;
    }
    expect(cases).toEqual({ equal: 7, more: 26, fewer: 67 });
  });

  it("OpinionQA: takes the last five of D, or D plus the members of S farthest from the target", () => {
    const similar = data.opinionQaSimilarity();
    const pool = data.opinionQaPool("POLPARTY");
    let checkedFewer = 0;
    for (const id of datasetQuestionIds(data.benchmark, "opinionqa")) {
      const target = pool.get(id)!;
      const group = { attribute: "POLPARTY", value: "Republican" };
      const chosen = promptSpecFor(data, { dataset: "opinionqa", steering: "few-shot", method: "verbalize", group, questionId: id })!.fewShotIds;
      const list = similar[id] ?? [];
      const different = list.filter((other) => pool.get(other)?.mcOptions.length !== target.mcOptions.length);
      expect(chosen).toHaveLength(5);
      if (different.length >= 5) {
        expect(chosen).toEqual(different.slice(-5));
        continue;
      }
      expect(chosen.slice(0, different.length)).toEqual(different);
      const groupDistribution = (questionId: string) => {
        const counts = pool.get(questionId)?.counts["Republican"] ?? {};
        const total = Object.values(counts).reduce((a, b) => a + b, 0);
        return { options: Object.keys(counts), distribution: Object.values(counts).map((c) => c / total) };
      };
      const distance = (other: string) => optionTextDistance(groupDistribution(other), groupDistribution(id));
      const picked = chosen.slice(different.length).map(distance);
      const notPicked = list.filter((other) => !different.includes(other) && !chosen.includes(other) && groupDistribution(other).options.length > 0);
      for (const other of notPicked) expect(distance(other)).toBeLessThanOrEqual(Math.min(...picked) + 1e-12);
      checkedFewer++;
    }
    expect(checkedFewer).toBeGreaterThan(50);
  });

  it("NYT: takes the five of the top-10 farthest in TV from the target, in similarity order", () => {
    const similar = data.nytSimilarity();
    const books = data.nytBooksById();
    for (const id of datasetQuestionIds(data.benchmark, "nytimes").slice(0, 60)) {
      const group = { attribute: "SEX", value: "Female" };
      const result = promptSpecFor(data, { dataset: "nytimes", steering: "few-shot", method: "sequence", group, questionId: id })!;
      const list = similar[id] ?? [];
      expect(result.fewShotIds).toHaveLength(5);
      expect(result.fewShotIds).toEqual(list.filter((other) => result.fewShotIds.includes(other)));
      const dist = (book: string) => {
        const counts = books.get(book)!.counts["Female"]!;
        const total = counts.reduce((a, b) => a + b, 0);
        return counts.map((c) => c / total);
      };
      const tv = (other: string) => dist(other).reduce((s, p, j) => s + Math.abs(p - (dist(id)[j] ?? 0)), 0) / 2;
      const minChosen = Math.min(...result.fewShotIds.map(tv));
      for (const other of list.filter((o) => !result.fewShotIds.includes(o))) expect(tv(other)).toBeLessThanOrEqual(minChosen + 1e-12);
    }
  });

  it("GlobalOpinionQA: takes the first five similar questions for the country, with its distributions", () => {
    const similarity = data.globalSimilarity();
    for (const id of datasetQuestionIds(data.benchmark, "globalvalues").slice(0, 30)) {
      const country = data.benchmark.globalQuestions.get(id)!.countries[2]!;
      const result = promptSpecFor(data, { dataset: "globalvalues", steering: "few-shot", method: "verbalize", group: { attribute: "globalvalues", value: "2" }, questionId: id })!;
      const expected = (similarity[id]?.[country] ?? []).slice(0, 5);
      expect(result.fewShotIds).toEqual(expected.map((e) => e.question));
      expect(result.spec.fewShot?.map((e) => e.distribution)).toEqual(expected.map((e) => Object.values(e.distribution)));
      expect(result.spec.persona).toEqual({ kind: "country", name: country });
    }
  });
});

describe("prompts of every dataset", () => {
  it("never show the target question among the few-shot examples", () => {
    let prompts = 0;
    for (const dataset of DATASETS) {
      for (const id of datasetQuestionIds(data.benchmark, dataset)) {
        for (const group of SCORED_GROUPS[dataset]) {
          const result = promptSpecFor(data, { dataset, steering: "few-shot", method: "verbalize", group, questionId: id });
          if (result === undefined) continue;
          prompts++;
          expect(result.fewShotIds).not.toContain(id);
          const text = buildPrompt(result.spec)[1]!.content;
          const fewShot = text.slice(text.indexOf("related questions:"), text.lastIndexOf(`${SEPARATOR}\n`));
          expect(fewShot).not.toContain(`Question: ${result.spec.question.text}\n`);
          expect(result.spec.fewShot).toHaveLength(5);
        }
      }
    }
    expect(prompts).toBe(599 + 940 + 300);
  });

  it("letter the options each group used, alphabetically (OpinionQA), and everyone's without steering", () => {
    const id = "GUNIDENTITY_W26";
    const persona = promptSpecFor(data, { dataset: "opinionqa", steering: "persona", method: "sequence", group: { attribute: "RACE", value: "Black" }, questionId: id })!;
    const counts = data.benchmark.opinionQa["RACE"]!.get(id)!.counts["Black"]!;
    expect(persona.spec.question.options).toEqual(Object.keys(counts));
    const none = promptSpecFor(data, { dataset: "opinionqa", steering: "none", method: "sequence", questionId: id })!;
    expect(none.spec.question.options).toEqual([...none.spec.question.options].sort());
    expect(none.spec.question.options.length).toBeGreaterThanOrEqual(persona.spec.question.options.length);
    const block = targetBlock(buildPrompt(persona.spec)[1]!.content);
    const letters = [...block.matchAll(/^'([A-Z])'\. (.*)$/gm)];
    expect(letters.map((m) => m[1])).toEqual(["A", "B", "C", "D", "E"].slice(0, persona.spec.question.options.length));
    expect(letters.map((m) => m[2])).toEqual(persona.spec.question.options);
  });

  it("ask NYT questions with the book's title, genre and summary", () => {
    const id = datasetQuestionIds(data.benchmark, "nytimes")[0]!;
    for (const method of METHODS) {
      const result = promptSpecFor(data, { dataset: "nytimes", steering: "persona", method, group: { attribute: "POLPARTY", value: "Republican" }, questionId: id })!;
      const block = targetBlock(buildPrompt(result.spec)[1]!.content);
      expect(block).toMatch(new RegExp(`^Question: Book Title: ${id.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\nBook Genre: .*\nBook Summary: .*\nHow likely are you to read this book\\?\n`));
      expect(block).toContain('for the group "Republican"');
    }
  });

  it("replicate the paper's format examples on request", () => {
    const id = datasetQuestionIds(data.benchmark, "globalvalues")[0]!;
    const result = promptSpecFor(data, { dataset: "globalvalues", steering: "persona", method: "sequence", group: { attribute: "globalvalues", value: "0" }, questionId: id, formatExamples: "paper" })!;
    const text = buildPrompt(result.spec)[1]!.content;
    const country = data.benchmark.globalQuestions.get(id)!.countries[0]!;
    expect(text).toContain(`How would someone from ${country} respond to the following question?\nQuestion: \${question}`);
    expect(text).toContain("How would someone from Italy respond to the following question?");
  });

  it("use format examples that are not benchmark questions", () => {
    const texts = new Set<string>();
    for (const dataset of DATASETS) for (const id of datasetQuestionIds(data.benchmark, dataset)) texts.add(id);
    for (const question of data.opinionQaPool("POLPARTY").values()) texts.add(question.text);
    for (const dataset of DATASETS) {
      for (const example of FORMAT_EXAMPLES[dataset]) {
        expect(texts.has(example.text)).toBe(false);
        const title = /^Book Title: (.*)$/m.exec(example.text)?.[1];
        if (title !== undefined) expect(texts.has(title)).toBe(false);
        expect(example.distribution.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 9);
      }
    }
  });
});
