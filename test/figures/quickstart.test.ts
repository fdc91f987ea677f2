/**
 * The quickstart example (notebook 00-quickstart) on one published question: the human
 * distribution, the stored answers of each method, their total variation and the step to Eq. (1).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import ts from "typescript";
import { beforeAll, describe, expect, it } from "vitest";
import { UsageError } from "../../src/errors";
import {
  type QuestionExample,
  type IntervalRow,
  alignmentRows,
  answerRows,
  breakdownPool,
  intervalRows,
  optionRows,
  promptRows,
  questionExample,
  questionExampleFigure,
  totalVariationRows,
} from "../../src/figures/quickstart";
import { type BenchmarkData, loadBenchmarkData } from "../../src/benchmark/benchmark-data";
import { testDataDir } from "../helpers/data-dir";
import { projectRoot } from "../../src/config";
import { DATASET_LABELS, modelLabel } from "../../src/labels";
import { notebookSteps } from "../../src/notebook/steps";
import { mulberry32 } from "../../src/random";
import { reproduce } from "../../src/reproduce/reproduce";

let data: BenchmarkData;
let example: QuestionExample;

beforeAll(() => {
  data = loadBenchmarkData(testDataDir());
  example = questionExample(data, { dataset: "opinionqa", questionId: "GUNIDENTITY_W26", group: "Republican" });
});

describe("questionExample", () => {
  it("takes the group's survey distribution in the prompt's (alphabetical) lettering", () => {
    expect(example.options).toEqual(["Not at all important", "Not too important", "Somewhat important", "Very important"]);
    expect(example.human.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    const stored = data.cell({ dataset: "opinionqa", method: "verbalize", model: "gpt-4", steering: "persona", group: example.group })
      .entries.find((e) => e.key === "GUNIDENTITY_W26")?.expected;
    expect(example.human).toEqual(Object.values(stored ?? {}));
  });

  it("returns the stored GPT-4 persona answers of V, Seq and Log-p with their TV", () => {
    expect(example.answers.map((a) => a.label)).toEqual(["V", "Seq", "Log-p"]);
    const [v, seq, logp] = example.answers;
    expect(v?.response).toBe("{'A': '25%', 'B': '15%', 'C': '30%', 'D': '30%'}");
    expect(v?.stored).toEqual([0.25, 0.15, 0.3, 0.3]);
    const byHand = 0.5 * example.human.reduce((s, h, j) => s + Math.abs(h - [0.25, 0.15, 0.3, 0.3][j]!), 0);
    expect(v?.storedTv).toBeCloseTo(byHand, 12);
    expect(seq?.response).toHaveLength(30);
    expect(logp?.stored[3]).toBeGreaterThan(0.99);
    expect(logp?.storedTv).toBeGreaterThan(0.7);
    for (const answer of example.answers) expect(answer.strict.ok).toBe(true);
  });

  it("rejects an unknown group or question with a UsageError naming the choices", () => {
    expect(() => questionExample(data, { dataset: "nytimes", questionId: "x", group: "Black" })).toThrow(UsageError);
    expect(() => questionExample(data, { dataset: "nytimes", questionId: "x", group: "Black" })).toThrow(/Democrat, Republican, Male, Female/);
    expect(() => questionExample(data, { dataset: "opinionqa", questionId: "NOPE_W1", group: "Male" })).toThrow(/no question "NOPE_W1"/);
  });

  it("leaves out Log-p for a model without log-probabilities", () => {
    const opus = questionExample(data, { dataset: "nytimes", questionId: data.nytBooks[0]!.id, group: "Female", model: "anthropic_opus" });
    expect(opus.answers.map((a) => a.method)).toEqual(["verbalize", "sequence"]);
  });
});

describe("rows and figure of the example", () => {
  it("works TV out option by option: the half-sum of the differences is the stored TV", () => {
    const rows = totalVariationRows(example, "verbalize");
    const differences = rows.slice(0, 4).map((r) => r["|difference|"] as number);
    expect(rows[4]?.["|difference|"]).toBeCloseTo(differences.reduce((a, b) => a + b, 0), 12);
    expect(rows[5]?.["|difference|"]).toBe(example.answers[0]?.storedTv);
  });

  it("shows the strict parse next to the paper's", () => {
    const rows = answerRows(example);
    expect(rows.map((r) => r["TV (paper)"])).toEqual(example.answers.map((a) => a.storedTv));
    expect(rows[2]?.response).toMatch(/^answer token "[A-D]"$/);
    expect(optionRows(example)[3]).toMatchObject({ letter: "D", option: "Very important", V: 0.3 });
  });

  it("steps from the question to Eq. (1): the group mean and the mean of six group means", () => {
    const rows = alignmentRows(data, example);
    expect(rows.map((r) => r["groups"])).toEqual([6, 6, 6]);
    expect(rows[0]?.["questions"]).toBe(100);
    const eq1 = rows[0]?.["Eq. (1): mean over groups"] as number;
    expect(eq1).toBeGreaterThan(0.1);
    expect(eq1).toBeLessThan(0.3);
    expect(rows[2]?.["Eq. (1): mean over groups"] as number).toBeGreaterThan(eq1);
  });

  it("draws the human bars and one bar series per method, each legend carrying its TV", () => {
    const figure = questionExampleFigure(example);
    expect(figure.data.map((t) => t.name)).toEqual([
      "Republican (survey, n = 484)",
      ...example.answers.map((a) => `GPT-4 ${a.label} (TV ${a.storedTv.toFixed(3)})`),
    ]);
    expect(JSON.parse(JSON.stringify(figure))).toEqual(figure);
  });
});

describe("promptRows", () => {
  it("gives each method's filled-in prompt: a system and a user message naming the group, the question and its options", () => {
    const data = loadBenchmarkData(testDataDir());
    const example = questionExample(data, { dataset: "opinionqa", questionId: "GUNIDENTITY_W26", group: "Republican", steering: "persona" });
    const rows = promptRows(data, example);
    expect(rows.map((r) => `${r.method}/${r.role}`)).toEqual(example.answers.flatMap((a) => [`${a.label}/system`, `${a.label}/user`]));
    for (const row of rows.filter((r) => r.role === "user")) {
      expect(row.message).toContain('"Republican"');
      expect(row.message).toContain(example.questionText.slice(0, 40));
      for (const option of example.options) expect(row.message).toContain(option);
    }
  });
});

describe("the quickstart's bootstrap by hand", () => {
  /** The code cell of notebooks/00-quickstart.ipynb that resamples the pool by hand. */
  function handBootstrapCell(): string {
    const notebook = JSON.parse(readFileSync(join(projectRoot(), "notebooks", "00-quickstart.ipynb"), "utf8")) as { cells: { cell_type: string; source: string[] | string }[] };
    const sources = notebook.cells.filter((c) => c.cell_type === "code").map((c) => (Array.isArray(c.source) ? c.source.join("") : c.source));
    const cell = sources.find((s) => s.includes('steps.from("pool")') && s.includes("mulberry32(SEED)"));
    if (cell === undefined) throw new Error("00-quickstart: no cell bootstraps the pool by hand");
    return ts.transpileModule(cell, { compilerOptions: { target: ts.ScriptTarget.ES2022 } }).outputText;
  }

  it("agrees with reproduce's interval for the same breakdown row within Monte-Carlo error", async () => {
    const data = loadBenchmarkData(testDataDir());
    const paper = await reproduce({ mode: "paper", data, models: ["gpt-4"], iterations: 1000, seed: 0 });
    const ref = { dataset: "opinionqa", steering: "persona", model: "gpt-4", method: "verbalize" } as const;
    const pool = breakdownPool(paper, ref);
    expect(pool.tvs.length).toBe(pool.row.n);
    expect(() => breakdownPool(paper, { ...ref, model: "llama3-70b" })).toThrow(UsageError);
    const steps = notebookSteps({ pool: "6. How sure is the score? A bootstrap by hand" });
    steps.keep("pool", pool);
    const shown: IntervalRow[][] = [];
    const showTable = (rows: IntervalRow[]) => void shown.push(rows);
    const parameters = { ITERATIONS: 1000, SEED: 0, MODEL: ref.model, STEERING: ref.steering, DATASET: ref.dataset };
    const scope = { steps, mulberry32, showTable, intervalRows, modelLabel, DATASET_LABELS, ...parameters };
    new Function(...Object.keys(scope), handBootstrapCell())(...Object.values(scope));

    const [byHand, fromReproduce] = shown[0] ?? [];
    expect(byHand?.interval).toBe("by hand");
    expect(fromReproduce?.["half-width"]).toBe(pool.row.halfWidth);
    // The same pool: the exact means agree to rounding.
    expect(byHand?.mean).toBeCloseTo(pool.row.mean, 12);
    // Monte-Carlo error at 1000 replicates (measured over 300 seeds on this pool): a percentile
    // half-width has a standard deviation of 3.0% of itself, so the difference of two independent
    // ones has 4.2%; 15% is 3.5 of those. The midpoint of the percentiles sits 3.0% (sd) from
    // the exact mean, which is the centre of reproduce's mean ± half-width; 12% is 4 sd.
    const hw = pool.row.halfWidth;
    expect(Math.abs((byHand?.["half-width"] ?? 0) - hw)).toBeLessThan(0.15 * hw);
    expect(Math.abs(((byHand?.lower ?? 0) + (byHand?.upper ?? 0)) / 2 - pool.row.mean)).toBeLessThan(0.12 * hw);
  }, 60_000);
});
