import { describe, expect, it } from "vitest";
import { mulberry32, type Rng } from "../../src/random";
import { bootstrapMean, bootstrapMeanOfMeans } from "../../src/scoring/bootstrap";
import { bootstrapItemMean, RESAMPLING_SCHEMES, type ResamplingScheme } from "../../src/scoring/resampling";
import { clusteredScores, naiveReplicate } from "./naive-resample";

function replay(values: readonly number[]): Rng {
  let i = 0;
  return () => values[i++ % values.length] as number;
}

/** The exact bootstrap distribution of the replicate mean, by enumerating every equally likely resample. */
function enumerateReplicates(scores: number[], questions: string[], scheme: ResamplingScheme): { mean: number; variance: number } {
  const clusters: number[][] = [];
  if (scheme === "independent") for (const s of scores) clusters.push([s]);
  else {
    const map = new Map<string, number[]>();
    scores.forEach((s, i) => {
      const q = questions[i] as string;
      if (!map.has(q)) map.set(q, []);
      map.get(q)?.push(s);
    });
    clusters.push(...map.values());
  }
  const C = clusters.length;
  let total = 0;
  let totalSq = 0;
  let weight = 0;
  // Outcomes of the within-cluster draws of one cluster: all m^m ordered index tuples.
  const withinSums = (cluster: number[]): number[] => {
    if (scheme !== "two-level") return [cluster.reduce((a, b) => a + b, 0)];
    let sums = [0];
    for (let j = 0; j < cluster.length; j++) sums = sums.flatMap((s) => cluster.map((x) => s + x));
    return sums;
  };
  const visit = (depth: number, sum: number, count: number, probability: number): void => {
    if (depth === C) {
      const m = sum / count;
      total += probability * m;
      totalSq += probability * m * m;
      weight += probability;
      return;
    }
    for (const cluster of clusters) {
      const sums = withinSums(cluster);
      for (const s of sums) visit(depth + 1, sum + s, count + cluster.length, probability / C / sums.length);
    }
  };
  visit(0, 0, 0, 1);
  expect(weight).toBeCloseTo(1, 10);
  return { mean: total, variance: totalSq - total * total };
}

describe("bootstrapItemMean", () => {
  it("independent gives the very replicates of bootstrapMean and bootstrapMeanOfMeans", () => {
    const data = clusteredScores(mulberry32(3), 30, 4);
    const a = bootstrapItemMean(data, { rng: mulberry32(7), scheme: "independent", iterations: 300 });
    const b = bootstrapMean(data.scores, { rng: mulberry32(7), iterations: 300 });
    expect(a).toEqual(b);
    const other = clusteredScores(mulberry32(4), 11, 3);
    const pooled = bootstrapItemMean([data, other], { rng: mulberry32(8), scheme: "independent", weights: [0.3, 0.7] });
    expect(pooled).toEqual(bootstrapMeanOfMeans([data.scores, other.scores], { rng: mulberry32(8), weights: [0.3, 0.7] }));
  });

  it("with one item per question, question-clustered gives the independent replicates", () => {
    const rng = mulberry32(5);
    const scores = Array.from({ length: 40 }, () => rng());
    const questions = scores.map((_, i) => `q${i}`);
    const independent = bootstrapItemMean({ scores, questions }, { rng: mulberry32(1), scheme: "independent" });
    const clustered = bootstrapItemMean({ scores, questions }, { rng: mulberry32(1), scheme: "question-clustered" });
    expect(clustered.replicates).toEqual(independent.replicates);
  });

  it("draws whole questions (hand-traced) and, two-level, groups within them", () => {
    // q1 = {0, 1}, q2 = {1, 1}, q3 = {0.5}; C = 3 questions
    const items = { scores: [0, 1, 1, 1, 0.5], questions: ["q1", "q1", "q2", "q2", "q3"], groups: ["a", "b", "a", "b", "a"] };
    // u = 0.1, 0.5, 0.9 → q1, q2, q3: (0 + 1 + 1 + 1 + 0.5) / 5
    const c = bootstrapItemMean(items, { rng: replay([0.1, 0.5, 0.9]), scheme: "question-clustered", iterations: 2 });
    expect(Array.from(c.replicates)).toEqual([0.7, 0.7]);
    // u = 0.1, 0.1, 0.9 → q1, q1, q3: (0 + 1 + 0 + 1 + 0.5) / 5
    const d = bootstrapItemMean(items, { rng: replay([0.1, 0.1, 0.9]), scheme: "question-clustered", iterations: 1 });
    expect(d.replicates[0]).toBeCloseTo(0.5, 15);
    // two-level: questions q1, q1, q3 (0.1, 0.1, 0.9), then within q1: (0.9, 0.9) → b, b; within q1: (0.1, 0.1) → a, a; q3: (0.5) → a
    const t = bootstrapItemMean(items, { rng: replay([0.1, 0.1, 0.9, 0.9, 0.9, 0.1, 0.1, 0.5]), scheme: "two-level", iterations: 1 });
    expect(t.replicates[0]).toBeCloseTo((1 + 1 + 0 + 0 + 0.5) / 5, 15);
  });

  it("matches the plain second implementation draw for draw, for every scheme", () => {
    const data = clusteredScores(mulberry32(9), 12, 3);
    // unequal cluster sizes: drop some items
    const keep = data.scores.map((_, i) => i % 5 !== 2);
    const items = {
      scores: data.scores.filter((_, i) => keep[i]),
      questions: data.questions.filter((_, i) => keep[i]),
      groups: data.groups.filter((_, i) => keep[i]),
    };
    const naiveItems = items.scores.map((s, i) => ({ question: items.questions[i] as string, group: items.groups[i] as string, a: s, b: undefined }));
    for (const scheme of RESAMPLING_SCHEMES) {
      const r = bootstrapItemMean(items, { rng: mulberry32(21), scheme, iterations: 200 });
      const rng = mulberry32(21);
      for (let b = 0; b < 200; b++) expect(r.replicates[b]).toBeCloseTo(naiveReplicate(naiveItems, scheme, rng)[0], 12);
    }
  });

  it("has the exact bootstrap mean and variance of an enumeration of all resamples", () => {
    // 3 questions of sizes 2, 1, 3: independent 6^6 = 46656, clustered 27, two-level 27 · (4 · 1 · 27)-ish outcomes
    const scores = [0.1, 0.5, 0.9, 0.2, 0.4, 0.0];
    const questions = ["a", "a", "b", "c", "c", "c"];
    for (const scheme of RESAMPLING_SCHEMES) {
      const exact = enumerateReplicates(scores, questions, scheme);
      const r = bootstrapItemMean({ scores, questions }, { rng: mulberry32(2), scheme, iterations: 40_000 });
      const mean = r.replicates.reduce((s, x) => s + x, 0) / r.replicates.length;
      const variance = r.replicates.reduce((s, x) => s + (x - mean) ** 2, 0) / r.replicates.length;
      // Monte-Carlo error of the mean is √(var / B); of the variance about var·√(2 / B) (≈ 0.7%) plus kurtosis
      expect(Math.abs(mean - exact.mean)).toBeLessThan(4 * Math.sqrt(exact.variance / 40_000));
      expect(variance / exact.variance).toBeGreaterThan(0.96);
      expect(variance / exact.variance).toBeLessThan(1.04);
    }
  });

  it("with equal question sizes, has the closed-form clustered variance (1/Q²)·Σ(c̄_q − c̄)²", () => {
    const data = clusteredScores(mulberry32(13), 50, 6);
    const Q = 50;
    const clusterMeans = Array.from({ length: Q }, (_, q) => data.scores.slice(6 * q, 6 * q + 6).reduce((s, x) => s + x, 0) / 6);
    const grand = clusterMeans.reduce((s, x) => s + x, 0) / Q;
    const exactVariance = clusterMeans.reduce((s, x) => s + (x - grand) ** 2, 0) / Q / Q;
    const r = bootstrapItemMean(data, { rng: mulberry32(14), iterations: 20_000 });
    const mean = r.replicates.reduce((s, x) => s + x, 0) / r.replicates.length;
    const variance = r.replicates.reduce((s, x) => s + (x - mean) ** 2, 0) / r.replicates.length;
    expect(variance / exactVariance).toBeGreaterThan(0.96);
    expect(variance / exactVariance).toBeLessThan(1.04);
    expect(r.halfWidth / (1.96 * Math.sqrt(exactVariance))).toBeGreaterThan(0.95);
    expect(r.halfWidth / (1.96 * Math.sqrt(exactVariance))).toBeLessThan(1.05);
  });

  it("widens the interval when scores are correlated within questions, and two-level widens it further", () => {
    const data = clusteredScores(mulberry32(17), 100, 6, 0.25, 0.05);
    const [independent, clustered, twoLevel] = (["independent", "question-clustered", "two-level"] as const).map(
      (scheme) => bootstrapItemMean(data, { rng: mulberry32(18), scheme, iterations: 2000 }).halfWidth,
    );
    // design effect 1 + (m − 1)ρ with ρ ≈ 0.96, m = 6 → √(5.8) ≈ 2.4
    expect((clustered as number) / (independent as number)).toBeGreaterThan(2);
    expect(twoLevel as number).toBeGreaterThanOrEqual((clustered as number) * 0.98);
  });

  it("returns the plain mean as estimate, is seeded, and defaults to question-clustered", () => {
    const data = clusteredScores(mulberry32(19), 20, 3);
    const r = bootstrapItemMean(data, { rng: mulberry32(0) });
    expect(r.estimate).toBeCloseTo(data.scores.reduce((s, x) => s + x, 0) / data.scores.length, 14);
    expect(r.replicates).toHaveLength(1000);
    expect(bootstrapItemMean(data, { rng: mulberry32(0), scheme: "question-clustered" })).toEqual(r);
    expect(bootstrapItemMean(data, { rng: mulberry32(0) })).toEqual(r);
    expect(bootstrapItemMean(data, { rng: mulberry32(1) }).replicates).not.toEqual(r.replicates);
  });

  it("rejects bad input with a message naming the fault", () => {
    const rng = mulberry32(0);
    expect(() => bootstrapItemMean({ scores: [], questions: [] }, { rng })).toThrow(/no items/);
    expect(() => bootstrapItemMean({ scores: [1, 2], questions: ["a"] }, { rng })).toThrow(/questions length mismatch/);
    expect(() => bootstrapItemMean({ scores: [1, Number.NaN], questions: ["a", "b"] }, { rng })).toThrow(/non-finite score at 1/);
    expect(() => bootstrapItemMean({ scores: [1, 2], questions: ["a", "a"], groups: ["g", "g"] }, { rng })).toThrow(/duplicate item \(question a, group g\)/);
    expect(() => bootstrapItemMean({ scores: [1], questions: ["a"] }, { rng, scheme: "bogus" as ResamplingScheme })).toThrow(/unknown scheme/);
    expect(() => bootstrapItemMean({ scores: [1], questions: ["a"] }, { rng, iterations: 0 })).toThrow(/iterations/);
    expect(() => bootstrapItemMean([], { rng })).toThrow(/no strata/);
  });
});
