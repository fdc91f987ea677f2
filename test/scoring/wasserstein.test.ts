import { describe, expect, it } from "vitest";
import { mulberry32, type Rng } from "../../src/random";
import { totalVariation } from "../../src/scoring/total-variation";
import { wasserstein1Normalized } from "../../src/scoring/wasserstein";

function randomDistribution(rng: Rng, k: number, sparse = false): number[] {
  const raw = Array.from({ length: k }, () => (sparse && rng() < 0.4 ? 0 : -Math.log(1 - rng())));
  if (raw.every((x) => x === 0)) raw[0] = 1;
  const total = raw.reduce((a, b) => a + b, 0);
  return raw.map((x) => x / total);
}

/** Integer counts summing to N, as sorted samples of option positions. */
function sortedSample(counts: number[]): number[] {
  return counts.flatMap((c, position) => Array.from({ length: c }, () => position));
}

/** W1 by the sorted-sample definition: (1/N) Σ |x_(j) − y_(j)|, over k − 1. */
function sortedSampleW1(countsP: number[], countsQ: number[]): number {
  const x = sortedSample(countsP);
  const y = sortedSample(countsQ);
  const k = countsP.length;
  return x.reduce((s, xj, j) => s + Math.abs(xj - (y[j] as number)), 0) / x.length / (k - 1);
}

/** Random integer counts over k options summing to N. */
function randomCounts(rng: Rng, k: number, N: number): number[] {
  const counts = new Array<number>(k).fill(0);
  for (let i = 0; i < N; i++) counts[Math.floor(rng() * k)]++;
  return counts;
}

describe("wasserstein1Normalized", () => {
  it("matches hand-computed cases", () => {
    expect(wasserstein1Normalized([1, 0, 0, 0], [0, 0, 0, 1])).toBe(1); // all mass across 3 steps, of 3
    expect(wasserstein1Normalized([0, 0, 0, 1], [1, 0, 0, 0])).toBe(1);
    expect(wasserstein1Normalized([1, 0, 0, 0], [0, 1, 0, 0])).toBeCloseTo(1 / 3, 15); // 1 step of 3
    expect(wasserstein1Normalized([0.5, 0, 0.5], [0, 1, 0])).toBe(0.5); // half the mass moves 1 step, of 2
    // 4-point Likert: F_p = (0.1, 0.4, 0.8), F_q = (0.4, 0.7, 0.9) → (0.3 + 0.3 + 0.1) / 3
    expect(wasserstein1Normalized([0.1, 0.3, 0.4, 0.2], [0.4, 0.3, 0.2, 0.1])).toBeCloseTo(0.7 / 3, 15);
    expect(wasserstein1Normalized([0.25, 0.25, 0.25, 0.25], [0.25, 0.25, 0.25, 0.25])).toBe(0);
    expect(wasserstein1Normalized([1], [1])).toBe(0);
  });

  it("differs from TV where order matters: a near miss costs less than a far miss", () => {
    const truth = [0, 1, 0, 0, 0];
    const near = [1, 0, 0, 0, 0];
    const far = [0, 0, 0, 0, 1];
    expect(totalVariation(near, truth)).toBe(totalVariation(far, truth));
    expect(wasserstein1Normalized(near, truth)).toBeLessThan(wasserstein1Normalized(far, truth));
  });

  it("lies in [0, 1], is symmetric, 0 on equal inputs, and obeys the triangle inequality (1000 random triples)", () => {
    const rng = mulberry32(1);
    for (let t = 0; t < 1000; t++) {
      const k = 2 + Math.floor(rng() * 9);
      const [p, q, r] = [0, 1, 2].map(() => randomDistribution(rng, k, t % 2 === 0)) as [number[], number[], number[]];
      const pq = wasserstein1Normalized(p, q);
      expect(pq).toBeGreaterThanOrEqual(0);
      expect(pq).toBeLessThanOrEqual(1);
      expect(wasserstein1Normalized(q, p)).toBeCloseTo(pq, 15);
      expect(wasserstein1Normalized(p, p)).toBe(0);
      expect(pq).toBeLessThanOrEqual(wasserstein1Normalized(p, r) + wasserstein1Normalized(r, q) + 1e-12);
      // W1 ≤ TV: mass that moves travels at most k − 1 steps, and TV is the mass that must move
      expect(pq).toBeLessThanOrEqual(totalVariation(p, q) + 1e-12);
    }
  });

  it("equals total variation for two options", () => {
    const rng = mulberry32(2);
    for (let t = 0; t < 200; t++) {
      const p = randomDistribution(rng, 2);
      const q = randomDistribution(rng, 2);
      expect(wasserstein1Normalized(p, q)).toBeCloseTo(totalVariation(p, q), 15);
    }
  });

  it("equals the sorted-sample definition on integer-weighted samples (brute force, 500 cases)", () => {
    const rng = mulberry32(3);
    for (let t = 0; t < 500; t++) {
      const k = 2 + Math.floor(rng() * 6);
      const N = 1 + Math.floor(rng() * 40);
      const cp = randomCounts(rng, k, N);
      const cq = randomCounts(rng, k, N);
      const w = wasserstein1Normalized(cp.map((c) => c / N), cq.map((c) => c / N));
      expect(w).toBeCloseTo(sortedSampleW1(cp, cq), 12);
    }
  });

  it("rejects mismatched lengths, no options, negative or non-finite entries and unequal masses", () => {
    expect(() => wasserstein1Normalized([0.5, 0.5], [1, 0, 0])).toThrow(/length mismatch \(2 vs 3\)/);
    expect(() => wasserstein1Normalized([], [])).toThrow(/no options/);
    expect(() => wasserstein1Normalized([1.5, -0.5], [0.5, 0.5])).toThrow(/option 1/);
    expect(() => wasserstein1Normalized([Number.NaN, 1], [0.5, 0.5])).toThrow(/option 0/);
    expect(() => wasserstein1Normalized([0.5, 0.4], [0.5, 0.5])).toThrow(/total masses differ/);
  });
});
