import { describe, expect, it } from "vitest";
import { mulberry32 } from "../../src/random";
import { bootstrapPValue, commonItems, pairedComparison } from "../../src/scoring/paired";
import { RESAMPLING_SCHEMES, type ItemScores } from "../../src/scoring/resampling";
import { clusteredScores, naiveReplicate } from "./naive-resample";

/** Scores on a 1/64 grid, so sums and shifts by multiples of 1/64 are exact in floating point. */
function dyadic(seed: number, questions: number, groups: number): { scores: number[]; questions: string[]; groups: string[] } {
  const data = clusteredScores(mulberry32(seed), questions, groups);
  return { ...data, scores: data.scores.map((s) => Math.round(s * 64) / 64) };
}

const shift = (items: ItemScores, by: (i: number) => number): ItemScores => ({
  ...items,
  scores: Array.from(items.scores, (s, i) => s + by(i)),
});

describe("pairedComparison", () => {
  it("against itself: every replicate is exactly 0, the interval [0, 0], p = 1, for every scheme", () => {
    const data = clusteredScores(mulberry32(1), 150, 4);
    for (const scheme of RESAMPLING_SCHEMES) {
      const c = pairedComparison(data, data, { rng: mulberry32(2), scheme });
      expect(c.estimate).toBe(0);
      expect(c.lower).toBe(0);
      expect(c.upper).toBe(0);
      expect(c.halfWidth).toBe(0);
      expect(c.p).toBe(1);
      expect(c.replicates.every((d) => d === 0)).toBe(true);
      expect([c.n, c.questions, c.droppedA, c.droppedB]).toEqual([600, 150, 0, 0]);
    }
  });

  it("against a copy shifted by c recovers c exactly, with interval [c, c] and the smallest p", () => {
    const data = dyadic(3, 120, 5);
    for (const c of [0.125, -0.25, 1 / 64]) {
      for (const scheme of RESAMPLING_SCHEMES) {
        const r = pairedComparison(shift(data, () => c), data, { rng: mulberry32(4), scheme, iterations: 999 });
        expect(r.estimate).toBe(c);
        expect([r.lower, r.upper]).toEqual([c, c]);
        expect(r.p).toBe(2 / 1000);
      }
    }
  });

  it("with per-item noise around a shift c, the 95% interval covers c about 95% of the time", () => {
    const c = 0.03;
    let covered = 0;
    const trials = 200;
    for (let t = 0; t < trials; t++) {
      const base = clusteredScores(mulberry32(100 + t), 40, 4);
      const noise = mulberry32(900 + t);
      // a question-level noise term (shared by the question's groups) and an item-level one
      const questionNoise = new Map<string, number>();
      const b = shift(base, (i) => {
        const q = base.questions[i] as string;
        if (!questionNoise.has(q)) questionNoise.set(q, 0.04 * (noise() - 0.5));
        return c + (questionNoise.get(q) as number) + 0.02 * (noise() - 0.5);
      });
      const r = pairedComparison(b, base, { rng: mulberry32(t), iterations: 400 });
      if (r.lower <= c && c <= r.upper) covered++;
    }
    // binomial(200, 0.95): sd 1.5%; percentile intervals run a little narrow with 40 clusters
    expect(covered / trials).toBeGreaterThan(0.88);
    expect(covered / trials).toBeLessThan(0.99);
  });

  it("under no difference, p < 0.05 about 5% of the time (calibration by simulation)", () => {
    let rejected = 0;
    const trials = 300;
    for (let t = 0; t < trials; t++) {
      const a = clusteredScores(mulberry32(5000 + t), 40, 4);
      const noise = mulberry32(7000 + t);
      const questionNoise = new Map<string, number>();
      const b = shift(a, (i) => {
        const q = a.questions[i] as string;
        if (!questionNoise.has(q)) questionNoise.set(q, 0.1 * (noise() - 0.5));
        return (questionNoise.get(q) as number) + 0.05 * (noise() - 0.5);
      });
      if (pairedComparison(a, b, { rng: mulberry32(t), iterations: 400 }).p < 0.05) rejected++;
    }
    expect(rejected / trials).toBeGreaterThan(0.01);
    expect(rejected / trials).toBeLessThan(0.11);
  });

  it("matches the plain second implementation of the paired replicates, for every scheme", () => {
    const a = clusteredScores(mulberry32(8), 25, 4);
    const b = clusteredScores(mulberry32(9), 25, 4);
    const naiveItems = a.scores.map((s, i) => ({ question: a.questions[i] as string, group: a.groups[i] as string, a: s, b: b.scores[i] as number }));
    for (const scheme of RESAMPLING_SCHEMES) {
      const r = pairedComparison(a, b, { rng: mulberry32(10), scheme, iterations: 300 });
      const rng = mulberry32(10);
      for (let i = 0; i < 300; i++) {
        const [ma, mb] = naiveReplicate(naiveItems, scheme, rng);
        expect(r.replicates[i]).toBeCloseTo(ma - mb, 12);
      }
      const naiveMeanA = a.scores.reduce((s, x) => s + x, 0) / a.scores.length;
      const naiveMeanB = b.scores.reduce((s, x) => s + x, 0) / b.scores.length;
      expect(r.estimate).toBeCloseTo(naiveMeanA - naiveMeanB, 14);
      expect(r.p).toBe(bootstrapPValue(r.replicates));
    }
  });

  it("aligns by (question, group) whatever the order, and keeps only the common items", () => {
    const a = clusteredScores(mulberry32(11), 30, 4);
    const b = clusteredScores(mulberry32(12), 30, 4);
    const order = a.scores.map((_, i) => i).reverse();
    const shuffled = { scores: order.map((i) => b.scores[i] as number), questions: order.map((i) => b.questions[i] as string), groups: order.map((i) => b.groups[i] as string) };
    const r1 = pairedComparison(a, b, { rng: mulberry32(1) });
    const r2 = pairedComparison(a, shuffled, { rng: mulberry32(1) });
    expect(r2.estimate).toBeCloseTo(r1.estimate, 15);
    expect(r2.replicates).toEqual(r1.replicates);
    // b fails on 7 items, a on 3 other items (and on question q0 entirely for one group)
    const dropB = new Set([0, 5, 9, 10, 40, 41, 99]);
    const dropA = new Set([1, 2, 3]);
    const keep = (items: typeof a, drop: Set<number>): ItemScores => ({
      scores: items.scores.filter((_, i) => !drop.has(i)),
      questions: items.questions.filter((_, i) => !drop.has(i)),
      groups: items.groups.filter((_, i) => !drop.has(i)),
    });
    const r3 = pairedComparison(keep(a, dropA), keep(b, dropB), { rng: mulberry32(1) });
    expect([r3.n, r3.droppedA, r3.droppedB]).toEqual([120 - 10, 7, 3]);
    const common = a.scores.map((_, i) => i).filter((i) => !dropA.has(i) && !dropB.has(i));
    const meanA = common.reduce((s, i) => s + (a.scores[i] as number), 0) / common.length;
    const meanB = common.reduce((s, i) => s + (b.scores[i] as number), 0) / common.length;
    expect(r3.meanA).toBeCloseTo(meanA, 14);
    expect(r3.meanB).toBeCloseTo(meanB, 14);
    expect(r3.estimate).toBeCloseTo(meanA - meanB, 14);
  });

  it("is seeded: the same seed gives an identical result, another seed other replicates", () => {
    const a = clusteredScores(mulberry32(13), 50, 4);
    const b = clusteredScores(mulberry32(14), 50, 4);
    expect(pairedComparison(a, b, { rng: mulberry32(5) })).toEqual(pairedComparison(a, b, { rng: mulberry32(5) }));
    expect(pairedComparison(a, b, { rng: mulberry32(6) }).replicates).not.toEqual(pairedComparison(a, b, { rng: mulberry32(5) }).replicates);
  });

  it("combines strata with weights: Σ w_k (mean_k(a) − mean_k(b))", () => {
    const a1 = dyadic(15, 20, 3);
    const a2 = dyadic(16, 10, 2);
    const r = pairedComparison([shift(a1, () => 0.25), shift(a2, () => 0.5)], [a1, a2], { rng: mulberry32(0), weights: [0.5, 0.5] });
    expect(r.estimate).toBe(0.375);
    expect([r.lower, r.upper]).toEqual([0.375, 0.375]);
    expect([r.n, r.questions]).toEqual([80, 30]);
  });

  it("rejects items without groups, no common items, duplicates and mismatched strata", () => {
    const rng = mulberry32(0);
    const a = { scores: [0.1, 0.2], questions: ["q1", "q2"], groups: ["g", "g"] };
    expect(() => pairedComparison({ scores: [0.1], questions: ["q1"] }, a, { rng })).toThrow(/need groups/);
    expect(() => pairedComparison(a, { scores: [0.1], questions: ["q9"], groups: ["g"] }, { rng })).toThrow(/stratum 0: no common items/);
    expect(() => pairedComparison(a, { scores: [0.1, 0.2], questions: ["q1", "q1"], groups: ["g", "g"] }, { rng })).toThrow(/b: duplicate item \(question q1, group g\)/);
    expect(() => pairedComparison([a, a], [a], { rng })).toThrow(/strata count mismatch/);
  });
});

describe("bootstrapPValue", () => {
  it("is 2·min(1 + #{d ≤ 0}, 1 + #{d ≥ 0}) / (B + 1), capped at 1 (hand-counted)", () => {
    expect(bootstrapPValue([0.1, 0.2, -0.1, 0.3])).toBeCloseTo(0.8, 15); // 2 · (1 + 1) / 5
    expect(bootstrapPValue([0.1, 0.2, 0.3, 0.4])).toBeCloseTo(0.4, 15); // 2 · 1 / 5
    expect(bootstrapPValue([-0.1, -0.2, 0, 0.3])).toBe(1); // 2 · (1 + 2) / 5 > 1
    expect(bootstrapPValue([0, 0, 0])).toBe(1);
    expect(bootstrapPValue([])).toBe(1);
  });

  it("agrees with inverting the percentile interval: p < α exactly when 0 is outside a slightly narrower interval", () => {
    // With B = 999 distinct replicates, 0 lies outside the (1 − α) interval once fewer than α/2·(B+1) − 1 replicates are on its far side
    const rng = mulberry32(3);
    for (let t = 0; t < 50; t++) {
      const shiftBy = 2.5 * rng();
      const reps = Array.from({ length: 999 }, () => shiftBy + (rng() + rng() + rng() - 1.5));
      const below = reps.filter((d) => d <= 0).length;
      const p = bootstrapPValue(reps);
      expect(p).toBeCloseTo(Math.min(1, (2 * (1 + Math.min(below, 999 - below))) / 1000), 15);
    }
  });
});

describe("commonItems", () => {
  it("keeps the items both sides have, in a's order, and counts what each side loses", () => {
    const c = commonItems(
      { scores: [0.1, 0.2, 0.4], questions: ["q1", "q2", "q3"], groups: ["g", "g", "h"] },
      { scores: [0.5, 0.3, 0.9], questions: ["q3", "q2", "q3"], groups: ["h", "g", "g"] },
    );
    expect([c.a.scores, c.b.scores, c.a.questions, c.a.groups]).toEqual([[0.2, 0.4], [0.3, 0.5], ["q2", "q3"], ["g", "h"]]);
    expect([c.droppedA, c.droppedB]).toEqual([1, 1]);
  });
});
