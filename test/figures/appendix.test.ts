/**
 * The appendix records: Cohen's κ on hand-checked cases, modal answers, group agreement,
 * annotator shares and the per-steering leaderboard layout; on the published data, the NYT κ
 * from the raw annotator ratings equals the κ from the ground-truth counts built from them.
 */
import { describe, expect, it } from "vitest";
import { loadNytIndividualRatings } from "../../src/data/human";
import type { QualtricsExport } from "../../src/data/qualtrics";
import { HUMAN_CONDITIONS, annotatorShares, appendixLeaderboard, groupAgreement, modalAnswer, opinionQaGroupCounts, ratingCounts } from "../../src/figures/appendix";
import { loadBenchmarkData } from "../../src/benchmark/benchmark-data";
import type { Reproduction } from "../../src/reproduce/reproduce";
import { cohensKappa } from "../../src/scoring/agreement";
import { testDataDir } from "../helpers/data-dir";

describe("cohensKappa", () => {
  it("is (p_o − p_e) / (1 − p_e)", () => {
    expect(cohensKappa([1, 2, 3, 3], [1, 2, 3, 2])).toBeCloseTo((0.75 - 0.3125) / 0.6875, 12);
    expect(cohensKappa(["a", "b", "a", "b"], ["a", "b", "a", "b"])).toBe(1);
    // Independent raters: each label half the time on each side, agreeing half the time.
    expect(cohensKappa([0, 0, 1, 1], [0, 1, 0, 1])).toBeCloseTo(0, 12);
    expect(cohensKappa([0, 1], [1, 0])).toBeCloseTo(-1, 12);
    expect(cohensKappa([2, 2, 2], [2, 2, 2])).toBe(1);
    expect(cohensKappa([], [])).toBeNaN();
    expect(() => cohensKappa([1], [1, 2])).toThrow("cohensKappa: the raters label different numbers of items (1 vs 2)");
  });
});

describe("group agreement", () => {
  it("takes each group's modal answer, the lowest option on a tie, and skips unanswered items", () => {
    expect(modalAnswer([1, 3, 3, 0])).toBe(1);
    expect(modalAnswer([0, 0])).toBeUndefined();
    const items = [
      { Democrat: [5, 1], Republican: [4, 0] },
      { Democrat: [0, 2], Republican: [1, 0] },
      { Democrat: [0, 0], Republican: [1, 0] },
      { Democrat: [1, 3], Republican: [0, 9] },
    ];
    expect(groupAgreement("x", items)).toEqual([{ source: "x", groups: "Democrat vs Republican", items: 3, agreement: 2 / 3, kappa: cohensKappa([0, 1, 1], [0, 0, 1]) }]);
  });

  it("turns 1–4 ratings into per-option counts", () => {
    expect(ratingCounts([{ Male: [1, 4, 4], Female: [] }])).toEqual([{ Male: [1, 0, 0, 2], Female: [0, 0, 0, 0] }]);
  });
});

describe("annotator shares", () => {
  it("counts respondent rows and the share reporting each group", () => {
    const survey: QualtricsExport = {
      file: "x.csv",
      columns: new Map([["Q_DemRepub", 0], ["QDem_Gend", 1], ["QDem_Race", 2]]),
      rows: [
        ["Democrat", "Female", "White or Caucasian American"],
        ["Republican", "Male", "Black or African American"],
        ["Other (please specify)", "Female", "Asian or Asian American"],
        ["Democrat", "", "White or Caucasian American"],
      ],
    } as unknown as QualtricsExport;
    const [row] = annotatorShares(() => [survey], [{ dataset: "nytimes", steering: "persona" }]);
    expect(row).toEqual({ dataset: "nytimes", steering: "persona", annotators: 4, Democrat: 0.5, Republican: 0.25, Male: 0.25, Female: 0.5, Black: 0.25, White: 0.5 });
  });
});

describe("appendixLeaderboard", () => {
  it("lays the breakdown out one column pair per steering, best persona+few-shot first", () => {
    const row = (steering: string, model: string, method: string, mean: number) => ({ dataset: "nytimes", steering, model, method, mean, halfWidth: mean / 10, n: 1 });
    const reproduction = {
      breakdown: [
        row("persona", "gpt-4", "verbalize", 0.2),
        row("persona+few-shot", "gpt-4", "verbalize", 0.3),
        row("persona+few-shot", "gpt-4", "sequence", 0.25),
        row("all", "baseline", "uniform", 0.4),
        { ...row("persona", "gpt-4", "verbalize", 0.9), dataset: "opinionqa" },
      ],
    } as unknown as Reproduction;
    const rows = appendixLeaderboard(reproduction, "nytimes");
    expect(rows.map((r) => [r.model, r.method])).toEqual([["GPT-4", "Seq"], ["GPT-4", "V"], ["Baseline", "uniform"]].map(([m, x]) => [m, expect.stringMatching(new RegExp(`^${x}`, "i"))]));
    expect(rows[1]).toMatchObject({ persona: 0.2, "persona ±": 0.02, "persona+few-shot": 0.3, none: undefined });
    expect(rows[2]).toMatchObject({ none: 0.4, persona: 0.4, "few-shot": 0.4, "persona+few-shot": 0.4 });
  });
});

describe("the appendix on the published data", () => {
  const data = loadBenchmarkData(testDataDir());

  it("counts the annotators of every human-baseline survey, shares within 0–1 and each attribute at most 1", () => {
    const rows = annotatorShares((d, s) => data.humanExports(d, s), HUMAN_CONDITIONS);
    expect(rows).toHaveLength(6);
    for (const row of rows) {
      expect(row.annotators).toBeGreaterThan(20);
      for (const [a, b] of [["Democrat", "Republican"], ["Male", "Female"], ["Black", "White"]] as const) {
        expect((row[a] as number) + (row[b] as number)).toBeLessThanOrEqual(1 + 1e-12);
      }
    }
  });

  it("gets the same NYT κ from the raw annotator ratings as from the ground-truth counts", () => {
    const fromRatings = groupAgreement("raw", ratingCounts(loadNytIndividualRatings(data.dataDir, data.nytBooks.length)));
    const fromCounts = groupAgreement("counts", data.nytBooks.map((b) => b.counts));
    expect(fromRatings.map((r) => r.groups)).toEqual(["Democrat vs Republican", "Female vs Male"]);
    expect(fromRatings.map((r) => [r.items, r.kappa])).toEqual(fromCounts.map((r) => [r.items, r.kappa]));
    const opinionQa = groupAgreement("pew", opinionQaGroupCounts(data.opinionQa));
    expect(opinionQa.map((r) => r.groups)).toEqual(["Democrat vs Republican", "Female vs Male", "Black vs White"]);
    for (const r of [...opinionQa, ...fromRatings]) expect(r.kappa).toBeGreaterThan(-1);
  });
});
