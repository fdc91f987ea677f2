import { describe, expect, it } from "vitest";
import { loadResultCell, SCORED_GROUPS } from "../../src/data/results";
import { alignment, questionScores } from "../../src/scoring/alignment";
import { dataDir } from "./paper-pools";

describe("questionScores", () => {
  it("skips empty predictions, drops NaN scores and keeps order (docs/protocol.md §5.1)", () => {
    const scores = questionScores([
      { prediction: { A: 1, B: 0 }, expected: { A: 0.5, B: 0.5 } }, // 0.5
      { prediction: {}, expected: {} }, // skipped: no prediction
      { prediction: { A: Number.NaN, B: Number.NaN }, expected: { A: 1, B: 0 } }, // dropped: NaN (all-zero TS-Log-p)
      { prediction: [0.2, 0.8], expected: [0.2, 0.3, 0.5] }, // dropped: length mismatch gives NaN
      { prediction: [0.25, 0.25, 0.5], expected: [0.5, 0.25, 0.25] }, // 0.25
    ]);
    expect(scores).toEqual([0.5, 0.25]);
  });

  it("keeps a zero score: probability code does not test truthiness", () => {
    expect(questionScores([{ prediction: [0, 1], expected: [0, 1] }])).toEqual([0]);
  });
});

describe("alignment (Eq. 1)", () => {
  it("is the mean TV over questions and groups (hand-computed)", () => {
    expect(
      alignment([
        { prediction: [1, 0], expected: [0.5, 0.5] }, // 0.5
        { prediction: [0.5, 0.5], expected: [0.5, 0.5] }, // 0
        { prediction: [0, 1, 0], expected: [0, 0.25, 0.75] }, // 0.75
      ]),
    ).toBeCloseTo(1.25 / 3, 15);
  });

  it("throws when nothing is left to score", () => {
    expect(() => alignment([{ prediction: {}, expected: {} }])).toThrow(RangeError);
  });
});

describe("questionScores on published result files", () => {
  it("scores gpt-4 Verbalize, OpinionQA persona, Male: 99 questions (FEM2_W29 is empty, docs/protocol.md §2.1)", () => {
    const cell = loadResultCell(dataDir, {
      dataset: "opinionqa",
      method: "verbalize",
      model: "gpt-4",
      steering: "persona",
      group: SCORED_GROUPS.opinionqa[2] as { attribute: string; value: string },
    });
    const scores = questionScores(cell.entries.map((e) => ({ prediction: e.prediction, expected: e.expected ?? {} })));
    expect(cell.entries).toHaveLength(100);
    expect(scores).toHaveLength(99);
    for (const s of scores) {
      expect(s).toBeGreaterThanOrEqual(0);
      expect(s).toBeLessThanOrEqual(1);
    }
  });
});
