import { describe, expect, it } from "vitest";
import { mulberry32, type Rng } from "../../src/random";
import { pairwiseSum } from "../../src/scoring/pairwise-sum";
import { paperTotalVariation, totalVariation } from "../../src/scoring/total-variation";

function randomDistribution(rng: Rng, k: number): number[] {
  const raw = Array.from({ length: k }, () => rng());
  const total = raw.reduce((a, b) => a + b, 0);
  return raw.map((v) => v / total);
}

describe("totalVariation", () => {
  it("matches hand-computed values", () => {
    expect(totalVariation([0.5, 0.5], [1, 0])).toBe(0.5); // ½(0.5 + 0.5)
    expect(totalVariation([1, 0, 0], [0, 0, 1])).toBe(1); // disjoint supports
    expect(totalVariation([0.25, 0.25, 0.5], [0.5, 0.25, 0.25])).toBe(0.25); // ½(0.25 + 0 + 0.25)
    expect(totalVariation([0.1, 0.2, 0.3, 0.4], [0.4, 0.3, 0.2, 0.1])).toBeCloseTo(0.4, 15); // ½(0.3 + 0.1 + 0.1 + 0.3)
    expect(totalVariation([], [])).toBe(0);
  });

  it("is zero on identical inputs, symmetric, in [0, 1] and obeys the triangle inequality (seeded random vectors)", () => {
    const rng = mulberry32(20241108);
    for (let trial = 0; trial < 500; trial++) {
      const k = 2 + Math.floor(rng() * 8);
      const [p, q, r] = [randomDistribution(rng, k), randomDistribution(rng, k), randomDistribution(rng, k)];
      expect(totalVariation(p, p)).toBe(0);
      expect(totalVariation(p, q)).toBe(totalVariation(q, p));
      expect(totalVariation(p, q)).toBeGreaterThanOrEqual(0);
      expect(totalVariation(p, q)).toBeLessThanOrEqual(1);
      expect(totalVariation(p, r)).toBeLessThanOrEqual(totalVariation(p, q) + totalVariation(q, r) + 1e-15);
    }
  });

  it("throws on a length mismatch", () => {
    expect(() => totalVariation([0.5, 0.5], [1, 0, 0])).toThrow(RangeError);
    expect(() => totalVariation([0.5, 0.5], [1, 0, 0])).toThrow("totalVariation: length mismatch (2 vs 3)");
  });
});

describe("paperTotalVariation (NumPy semantics of the paper's evaluation, docs/protocol.md §5.1)", () => {
  it("scores letter-keyed objects by position in key order", () => {
    expect(paperTotalVariation({ A: 0.2, B: 0.8 }, { A: 0.5, B: 0.5 })).toBe(0.30000000000000004); // ½(0.3 + 0.30000000000000004)
    // key order, not key names: the paper compares list(p.values()) with list(q.values())
    expect(paperTotalVariation({ A: 1, B: 0 }, { B: 0, A: 1 })).toBe(1);
  });

  it("gives NaN on a length mismatch instead of throwing", () => {
    expect(paperTotalVariation([0.2, 0.8], [0.2, 0.3, 0.5])).toBeNaN();
  });

  it("broadcasts a length-1 vector as NumPy does", () => {
    expect(paperTotalVariation([1], [0.25, 0.75])).toBe(0.5); // ½(|1 − 0.25| + |1 − 0.75|)
    expect(paperTotalVariation([0.25, 0.75], [0])).toBe(0.5); // ½(0.25 + 0.75)
    expect(paperTotalVariation([1], [])).toBe(0); // (1,) with (0,) broadcasts to an empty vector
  });

  it("propagates NaN entries", () => {
    expect(paperTotalVariation([Number.NaN, 0.5], [0.5, 0.5])).toBeNaN();
  });

  it("agrees with totalVariation on equal lengths", () => {
    const rng = mulberry32(7);
    for (let trial = 0; trial < 100; trial++) {
      const [p, q] = [randomDistribution(rng, 5), randomDistribution(rng, 5)];
      expect(paperTotalVariation(p, q)).toBe(totalVariation(p, q));
    }
  });
});

describe("pairwiseSum (NumPy's np.sum order)", () => {
  it("matches np.sum where left-to-right addition differs", () => {
    // NumPy 2.4.6: np.sum([0.1]*10) = 1.0 and np.sum([0.1]*200) = 20.0, while Python's sum() gives
    // 0.9999999999999999 and 20.000000000000014
    expect(pairwiseSum(new Array(10).fill(0.1))).toBe(1.0);
    expect(pairwiseSum(new Array(200).fill(0.1))).toBe(20.0);
    // np.sum([1e16, 1, -1e16, 1, 1, 1, 1, 1, 1]) = 5.0 (sum() gives 6.0)
    expect(pairwiseSum([1e16, 1, -1e16, 1, 1, 1, 1, 1, 1])).toBe(5.0);
  });

  it("adds left to right below 8 values and handles ranges", () => {
    expect(pairwiseSum([0.1, 0.2, 0.3])).toBe(0.1 + 0.2 + 0.3);
    expect(pairwiseSum([])).toBe(0);
    expect(pairwiseSum([5, 1, 2, 3], 1, 2)).toBe(3);
  });
});
