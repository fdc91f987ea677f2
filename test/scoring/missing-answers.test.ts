import { describe, expect, it } from "vitest";
import { mulberry32, type Rng } from "../../src/random";
import { scoresUnderPolicy, worstCaseScore, type MaybeAnswered } from "../../src/scoring/missing-answers";
import { totalVariation } from "../../src/scoring/total-variation";
import { wasserstein1Normalized } from "../../src/scoring/wasserstein";

function randomDistribution(rng: Rng, k: number): number[] {
  const raw = Array.from({ length: k }, () => -Math.log(1 - rng()));
  const total = raw.reduce((a, b) => a + b, 0);
  return raw.map((x) => x / total);
}

describe("worstCaseScore", () => {
  it("is 1 − min p for TV, attained by a point mass on the least likely option", () => {
    const p = [0.5, 0.3, 0.2];
    expect(worstCaseScore(p)).toBe(0.8);
    expect(totalVariation([0, 0, 1], p)).toBeCloseTo(0.8, 15);
    expect(worstCaseScore([0.25, 0.25, 0.25, 0.25])).toBe(0.75);
    expect(worstCaseScore([1, 0])).toBe(1);
  });

  it("bounds every prediction, and equals the best vertex, by brute force over random predictions and all point masses", () => {
    const rng = mulberry32(1);
    for (let t = 0; t < 300; t++) {
      const k = 2 + Math.floor(rng() * 6);
      const truth = randomDistribution(rng, k);
      for (const [metric, d] of [["tv", totalVariation], ["w1", wasserstein1Normalized]] as const) {
        const worst = worstCaseScore(truth, metric);
        for (let s = 0; s < 30; s++) expect(d(randomDistribution(rng, k), truth)).toBeLessThanOrEqual(worst + 1e-12);
        const vertices = Array.from({ length: k }, (_, j) => d(Array.from({ length: k }, (_, i) => (i === j ? 1 : 0)), truth));
        expect(worst).toBeCloseTo(Math.max(...vertices), 12);
      }
    }
  });

  it("for W1 on an ordered scale is the far end from the mass (hand-computed)", () => {
    // truth (0.5, 0.3, 0.2): δ_3 has CDF gaps 0.5 and 0.8 → 0.65; δ_1 has 0.5 and 0.2 → 0.35
    expect(worstCaseScore([0.5, 0.3, 0.2], "w1")).toBeCloseTo(0.65, 15);
  });
});

describe("scoresUnderPolicy", () => {
  const items: MaybeAnswered[] = [
    { prediction: [1, 0], truth: [0.5, 0.5] },
    { prediction: null, truth: [0.9, 0.1] },
    { prediction: [0.2, 0.8], truth: [0.4, 0.6] },
    { prediction: [], truth: [0.7, 0.3] },
    { prediction: undefined, truth: [0.25, 0.25, 0.5] },
  ];

  it("drops, imputes uniform, or imputes the worst case (hand-computed)", () => {
    const drop = scoresUnderPolicy(items, "drop");
    expect(drop.kept).toEqual([0, 2]);
    expect(drop.missing).toBe(3);
    expect(drop.scores[0]).toBe(0.5);
    expect(drop.scores[1]).toBeCloseTo(0.2, 15);
    const uniform = scoresUnderPolicy(items, "as-uniform");
    expect(uniform.kept).toEqual([0, 1, 2, 3, 4]);
    expect(uniform.scores.map((s) => Number(s.toFixed(12)))).toEqual([0.5, 0.4, 0.2, 0.2, 0.166666666667]); // last: ½(1/12 + 1/12 + 1/6)
    const worst = scoresUnderPolicy(items, "as-worst-case");
    expect(worst.scores.map((s) => Number(s.toFixed(12)))).toEqual([0.5, 0.9, 0.2, 0.7, 0.75]);
    expect(scoresUnderPolicy(items, "as-worst-case", "w1").scores[4]).toBeCloseTo(0.625, 15); // δ_1: (0.75 + 0.5)/2
  });

  it("orders the policies item by item: a parsed score is the same; uniform ≤ worst case for a missing one", () => {
    const rng = mulberry32(2);
    const many: MaybeAnswered[] = Array.from({ length: 400 }, () => {
      const k = 2 + Math.floor(rng() * 5);
      return { prediction: rng() < 0.3 ? null : randomDistribution(rng, k), truth: randomDistribution(rng, k) };
    });
    for (const metric of ["tv", "w1"] as const) {
      const uniform = scoresUnderPolicy(many, "as-uniform", metric);
      const worst = scoresUnderPolicy(many, "as-worst-case", metric);
      const drop = scoresUnderPolicy(many, "drop", metric);
      expect(drop.scores.length + drop.missing).toBe(400);
      let d = 0;
      many.forEach((item, i) => {
        if (item.prediction === null) expect(uniform.scores[i]).toBeLessThanOrEqual((worst.scores[i] as number) + 1e-12);
        else {
          expect(uniform.scores[i]).toBe(worst.scores[i]);
          expect(drop.scores[d++]).toBe(uniform.scores[i]);
        }
      });
    }
  });

  it("rejects an unknown policy and a length mismatch", () => {
    expect(() => scoresUnderPolicy(items, "impute" as "drop")).toThrow(/unknown policy/);
    expect(() => scoresUnderPolicy([{ prediction: [1, 0, 0], truth: [0.5, 0.5] }], "drop")).toThrow(/item 0: length mismatch/);
  });
});
