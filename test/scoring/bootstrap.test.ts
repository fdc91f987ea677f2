import { describe, expect, it } from "vitest";
import { loadResultCell, SCORED_GROUPS } from "../../src/data/results";
import { mulberry32, type Rng } from "../../src/random";
import { questionScores } from "../../src/scoring/alignment";
import { bootstrapMean, bootstrapMeanOfMeans } from "../../src/scoring/bootstrap";
import { quantileLinear } from "../../src/scoring/quantile";
import type { Dataset } from "../../src/types";
import { dataDir } from "./paper-pools";

/** An Rng that replays fixed numbers in a loop, to trace the resampling by hand. */
function replay(values: readonly number[]): Rng {
  let i = 0;
  return () => values[i++ % values.length] as number;
}

describe("bootstrapMean", () => {
  it("maps u to index ⌊u·n⌋ and averages (hand-traced)", () => {
    // u = 0, 0.3, 0.6, 0.9 on n = 4 picks indices 0, 1, 2, 3: mean 2.5, every replicate
    const r = bootstrapMean([1, 2, 3, 4], { rng: replay([0, 0.3, 0.6, 0.9]), iterations: 3 });
    expect(Array.from(r.replicates)).toEqual([2.5, 2.5, 2.5]);
    // u = 0.99 always picks the last value
    expect(bootstrapMean([1, 2, 3, 4], { rng: () => 0.99, iterations: 2 }).replicateMean).toBe(4);
  });

  it("returns the exact mean, the replicate mean and NumPy-percentile interval of the replicates", () => {
    const values = [0.1, 0.2, 0.4, 0.35, 0.05, 0.6];
    const r = bootstrapMean(values, { rng: mulberry32(1), iterations: 500, alpha: 0.1 });
    expect(r.estimate).toBeCloseTo(1.7 / 6, 15);
    expect(r.replicates).toHaveLength(500);
    expect(r.replicateMean).toBeCloseTo(r.replicates.reduce((a, b) => a + b, 0) / 500, 14);
    expect(r.lower).toBe(quantileLinear(r.replicates, 0.05));
    expect(r.upper).toBe(quantileLinear(r.replicates, 0.95));
    expect(r.halfWidth).toBe((r.upper - r.lower) / 2);
    expect(r.lower).toBeLessThan(r.estimate);
    expect(r.upper).toBeGreaterThan(r.estimate);
  });

  it("is deterministic under a seed and changes with the seed", () => {
    const values = Array.from({ length: 50 }, (_, i) => (i * 37) % 11);
    const a = bootstrapMean(values, { rng: mulberry32(42) });
    const b = bootstrapMean(values, { rng: mulberry32(42) });
    const c = bootstrapMean(values, { rng: mulberry32(43) });
    expect(a.replicates).toHaveLength(1000); // the default
    expect(b.replicates).toEqual(a.replicates);
    expect(c.replicates).not.toEqual(a.replicates);
  });

  it("has a half-width near 1.96 standard errors on a large pool (normal approximation)", () => {
    // Uniform(0, 1) values: σ = 1/√12, so SE = σ/√n; the percentile half-width should be ≈ 1.96·SE
    const rng = mulberry32(11);
    const values = Array.from({ length: 5000 }, () => rng());
    const standardError = 1 / Math.sqrt(12) / Math.sqrt(values.length);
    const r = bootstrapMean(values, { rng: mulberry32(12), iterations: 4000 });
    expect(r.halfWidth / (1.96 * standardError)).toBeGreaterThan(0.92);
    expect(r.halfWidth / (1.96 * standardError)).toBeLessThan(1.08);
    expect(Math.abs(r.replicateMean - r.estimate)).toBeLessThan(3 * (standardError / Math.sqrt(4000)));
  });

  it("has zero width on a constant pool", () => {
    const r = bootstrapMean([0.3, 0.3, 0.3], { rng: mulberry32(0) });
    expect([r.lower, r.upper, r.halfWidth]).toEqual([0.3, 0.3, 0]);
  });

  it("rejects empty or non-finite pools and bad options", () => {
    const rng = mulberry32(0);
    expect(() => bootstrapMean([], { rng })).toThrow("bootstrapMean: pool 0 is empty");
    expect(() => bootstrapMean([0.1, Number.NaN], { rng })).toThrow(
      "bootstrapMean: pool 0 has a non-finite value at 1 (NaN)",
    );
    expect(() => bootstrapMean([1], { rng, iterations: 0 })).toThrow(RangeError);
    expect(() => bootstrapMean([1], { rng, alpha: 1 })).toThrow("bootstrapMean: alpha must be in (0, 1) (1)");
    expect(() => bootstrapMean([1], { rng: 3 as unknown as Rng })).toThrow(TypeError);
  });
});

describe("bootstrapMeanOfMeans", () => {
  it("resamples each pool at its own size, in pool order (hand-traced)", () => {
    // pool A (n = 2) takes u = 0, 0.6 → indices 0, 1 → mean 5; pool B (n = 3) takes 0.1, 0.5, 0.9 → 0, 1, 2 → 200
    const r = bootstrapMeanOfMeans(
      [
        [0, 10],
        [100, 200, 300],
      ],
      { rng: replay([0, 0.6, 0.1, 0.5, 0.9]), iterations: 2 },
    );
    expect(Array.from(r.replicates)).toEqual([102.5, 102.5]); // ½·5 + ½·200
  });

  it("weights datasets equally by default, whatever their sizes", () => {
    const r = bootstrapMeanOfMeans([[1, 2, 3], [10], [0, 0, 0, 0, 0, 3]], { rng: mulberry32(5), iterations: 10 });
    expect(r.estimate).toBeCloseTo((2 + 10 + 0.5) / 3, 14);
  });

  it("uses the given weights (the 'both' rows weight two datasets ½ each)", () => {
    const rng = mulberry32(6);
    expect(bootstrapMeanOfMeans([[0.2], [0.4, 0.4]], { rng, weights: [0.5, 0.5] }).estimate).toBeCloseTo(0.3, 15);
    const onlyFirst = bootstrapMeanOfMeans([[0, 1], [5]], { rng, weights: [1, 0], iterations: 200 });
    for (const v of onlyFirst.replicates) expect([0, 0.5, 1]).toContain(v);
  });

  it("has a half-width near 1.96·SE of the weighted statistic", () => {
    // SE² = Σ_k w_k² σ² / n_k with σ² = 1/12 for Uniform(0, 1) values
    const rng = mulberry32(21);
    const sizes = [1198, 3760, 600];
    const pools = sizes.map((n) => Array.from({ length: n }, () => rng()));
    const standardError = Math.sqrt(sizes.reduce((s, n) => s + 1 / 9 / 12 / n, 0));
    const r = bootstrapMeanOfMeans(pools, { rng: mulberry32(22), iterations: 4000 });
    expect(r.halfWidth / (1.96 * standardError)).toBeGreaterThan(0.92);
    expect(r.halfWidth / (1.96 * standardError)).toBeLessThan(1.08);
  });

  it("rejects no pools and mismatched weights", () => {
    const rng = mulberry32(0);
    expect(() => bootstrapMeanOfMeans([], { rng })).toThrow("bootstrapMeanOfMeans: no pools");
    expect(() => bootstrapMeanOfMeans([[1], [2]], { rng, weights: [1] })).toThrow(
      "bootstrapMeanOfMeans: weights length mismatch (1 vs 2 pools)",
    );
    expect(() => bootstrapMeanOfMeans([[1], []], { rng })).toThrow("bootstrapMeanOfMeans: pool 1 is empty");
  });
});

describe("bootstrapMeanOfMeans on the published gpt-4 Verbalize outputs", () => {
  it("reproduces the main-board row gpt-4 (V) (docs/protocol.md §5.4, §8)", () => {
    const dir = dataDir;
    const pools = (["opinionqa", "nytimes", "globalvalues"] as Dataset[]).map((dataset) => {
      const scores: number[] = [];
      for (const steering of ["persona", "few-shot"] as const) {
        for (const group of SCORED_GROUPS[dataset]) {
          const cell = loadResultCell(dir, { dataset, method: "verbalize", model: "gpt-4", steering, group });
          const rows = questionScores(cell.entries.map((e) => ({ prediction: e.prediction, expected: e.expected ?? {} })));
          scores.push(...rows);
          if (dataset === "nytimes") scores.push(...rows); // every NYT row is listed twice (§5.2)
        }
      }
      return scores;
    });
    expect(pools.map((p) => p.length)).toEqual([1198, 3760, 600]); // §5.4 pool sizes
    const r = bootstrapMeanOfMeans(pools, { rng: mulberry32(0) });
    expect(Math.abs(r.estimate - 0.22887)).toBeLessThan(6e-6); // exact mean, §8 "recomputed"
    expect(Math.abs(r.replicateMean - 0.22903)).toBeLessThan(5e-4); // published "Alignment Mean", unseeded
    expect(r.halfWidth / 0.0056).toBeGreaterThan(0.85); // published "Alignment Error" 0.0056
    expect(r.halfWidth / 0.0056).toBeLessThan(1.15);
  });
});
