import { mkdtempSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadCoinResults } from "../../src/data/coin";
import { globalGroupQuestion, loadGlobalQuestions, loadGlobalSimilarity, parsePythonStringList } from "../../src/data/globalvalues";
import { loadNytIndividualRatings } from "../../src/data/human";
import { loadNytBooks, loadNytSimilarity, nytGroupQuestion } from "../../src/data/nytimes";
import { loadOpinionQa, loadOpinionQaSimilarity, opinionQaGroupQuestion, opinionQaPath } from "../../src/data/opinionqa";
import { testDataDir } from "../helpers/data-dir";

const dataDir = testDataDir();
const sum = (values: readonly number[]) => values.reduce((a, b) => a + b, 0);

describe("OpinionQA", () => {
  it("loads 100 scored questions and the 494-question pool per attribute", () => {
    for (const attribute of ["POLPARTY", "SEX", "RACE"] as const) {
      expect(loadOpinionQa(dataDir, attribute)).toHaveLength(100);
      expect(loadOpinionQa(dataDir, attribute, "500")).toHaveLength(494);
    }
    expect(Object.keys(loadOpinionQaSimilarity(dataDir))).toHaveLength(494);
  });

  it("letters a group's options alphabetically and normalizes by the group total, Refused included", () => {
    const question = loadOpinionQa(dataDir, "POLPARTY").find((q) => q.id === "GAP21Q33_g_W82");
    const democrats = opinionQaGroupQuestion(question!, "Democrat")!;
    expect(democrats.options).toEqual(["No priority", "Refused", "Some priority", "Top priority"]);
    expect(democrats.distribution[0]).toBeCloseTo(128 / 428, 12);
    expect(sum(democrats.distribution)).toBeCloseTo(1, 12);
  });

  it("has no data for men on FEM2_W29", () => {
    const question = loadOpinionQa(dataDir, "SEX").find((q) => q.id === "FEM2_W29");
    expect(opinionQaGroupQuestion(question!, "Male")).toBeUndefined();
  });

  it("names the file and question of a negative count", () => {
    const copy = mkdtempSync(join(tmpdir(), "distalign-oqa-"));
    mkdirSync(join(copy, opinionQaPath("100", "")), { recursive: true });
    const json = JSON.parse(readFileSync(join(dataDir, opinionQaPath("100", "SEX_data.json")), "utf8"));
    json.FEM2_W29.Female.Refused = -1;
    writeFileSync(join(copy, opinionQaPath("100", "SEX_data.json")), JSON.stringify(json));
    expect(() => loadOpinionQa(copy, "SEX")).toThrow(/SEX_data\.json: FEM2_W29\.Female\.Refused: expected a non-negative integer count, got -1$/);
  });
});

describe("NYT Book Opinions", () => {
  it("loads 235 books with four Likert options for every group", () => {
    const books = loadNytBooks(dataDir);
    expect(books).toHaveLength(235);
    for (const book of books) for (const group of ["Democrat", "Republican", "Male", "Female"]) {
      const q = nytGroupQuestion(book, group)!;
      expect(q.options).toHaveLength(4);
      expect(sum(q.distribution)).toBeCloseTo(1, 12);
    }
    expect(Object.keys(loadNytSimilarity(dataDir))).toHaveLength(235);
  });

  it("rebuilds every group's rating counts from the individual annotations", () => {
    const books = loadNytBooks(dataDir);
    const ratings = loadNytIndividualRatings(dataDir, books.length);
    let matching = 0;
    books.forEach((book, i) => {
      for (const group of ["Democrat", "Republican", "Male", "Female"]) {
        const counts = [1, 2, 3, 4].map((r) => ratings[i]![group]!.filter((x) => x === r).length);
        if (JSON.stringify(counts) === JSON.stringify(book.counts[group])) matching += 1;
      }
    });
    expect(matching).toBe(940);
  });
});

describe("GlobalOpinionQA", () => {
  it("loads 100 questions whose country distributions align with the options", () => {
    const questions = loadGlobalQuestions(dataDir);
    expect(questions).toHaveLength(100);
    for (const q of questions) {
      expect(q.countries.length).toBeGreaterThanOrEqual(3);
      for (const slot of ["0", "1", "2"]) expect(globalGroupQuestion(q, slot)!.distribution).toHaveLength(q.options.length);
    }
    expect(Object.keys(loadGlobalSimilarity(dataDir))).toHaveLength(100);
  });

  it("reads Python list literals with either quote and escapes", () => {
    expect(parsePythonStringList(`['Yes', "Don't know", 'It\\'s fine']`, "f", "k")).toEqual(["Yes", "Don't know", "It's fine"]);
    expect(() => parsePythonStringList("Yes, No", "data.json", "Q")).toThrow(/data\.json: Q: MC_options is not a list literal/);
  });
});

describe("biased coin", () => {
  it("loads 11 stated probabilities for Log-p and Sequence", () => {
    const coin = loadCoinResults(dataDir);
    expect(coin.logprobs.map((p) => p.statedHeads)).toEqual([0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1]);
    expect(coin.sequence).toHaveLength(11);
    expect(coin.logprobPairs?.model).toHaveLength(11);
  });
});
