import { describe, expect, it } from "vitest";
import { mulberry32, type Rng } from "../../src/random";
import { applyTemperature, fitTemperature } from "../../src/scoring/temperature";
import { assignFolds, crossValidatedTemperature, type QuestionTemperaturePair } from "../../src/scoring/temperature-cv";

function randomDistribution(rng: Rng, k: number): number[] {
  const raw = Array.from({ length: k }, () => -Math.log(1 - rng()) + 0.05);
  const total = raw.reduce((a, b) => a + b, 0);
  return raw.map((x) => x / total);
}

/**
 * Items whose predictions are the targets sharpened by 1/τ: applying τ recovers the target
 * exactly, so τ is the true temperature. With noise, targets are perturbed after sharpening.
 */
function synthetic(seed: number, trueTemperature: number, questions: number, groups: number, noise = 0): QuestionTemperaturePair[] {
  const rng = mulberry32(seed);
  const items: QuestionTemperaturePair[] = [];
  for (let q = 0; q < questions; q++) {
    for (let g = 0; g < groups; g++) {
      const expected = randomDistribution(rng, 4);
      const prediction = applyTemperature(expected, 1 / trueTemperature);
      const noisy = expected.map((x) => x * Math.exp(noise * (rng() - 0.5)));
      const total = noisy.reduce((a, b) => a + b, 0);
      items.push({ question: `q${q}`, prediction, expected: noisy.map((x) => x / total) });
    }
  }
  return items;
}

describe("assignFolds", () => {
  it("puts every question in one fold, balanced within one question, deterministically by seed", () => {
    const questions = Array.from({ length: 53 }, (_, i) => `q${i % 23}`);
    const a = assignFolds(questions, 5, mulberry32(1));
    expect(a.size).toBe(23);
    const sizes = [0, 1, 2, 3, 4].map((f) => [...a.values()].filter((x) => x === f).length);
    expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
    expect(assignFolds(questions, 5, mulberry32(1))).toEqual(a);
    const b = assignFolds(questions, 5, mulberry32(2));
    expect([...a.keys()].map((q) => b.get(q))).not.toEqual([...a.keys()].map((q) => a.get(q)));
    expect(() => assignFolds(["a", "b"], 3, mulberry32(0))).toThrow(/folds must be an integer in \[2, 2\] \(3\)/);
  });
});

describe("crossValidatedTemperature", () => {
  it("recovers a known temperature in every fold, and scores held-out items near 0", () => {
    const items = synthetic(1, 2.5, 40, 3);
    const cv = crossValidatedTemperature(items, { rng: mulberry32(0), folds: 5 });
    for (const fold of cv.folds) {
      expect(fold.temperature).toBeCloseTo(2.5, 3);
      expect(fold.onBound).toBe(false);
    }
    expect(cv.inSample.temperature).toBeCloseTo(2.5, 3);
    expect(Math.max(...cv.heldOutScores)).toBeLessThan(1e-4);
    expect(cv.folds.reduce((s, f) => s + f.items, 0)).toBe(items.length);
  });

  it("fits each fold on the other folds only (a second computation with fitTemperature)", () => {
    const items = synthetic(2, 1.7, 30, 4, 0.8);
    const cv = crossValidatedTemperature(items, { rng: mulberry32(3), folds: 4 });
    for (let f = 0; f < 4; f++) {
      const train = items.filter((_, i) => cv.foldOfItem[i] !== f);
      expect(new Set(train.map((x) => x.question)).size).toBeLessThan(30);
      expect(cv.folds[f]?.temperature).toBe(fitTemperature(train).temperature);
    }
    // questions never straddle folds
    const foldOfQuestion = new Map<string, number>();
    items.forEach((item, i) => {
      const f = foldOfQuestion.get(item.question);
      if (f !== undefined) expect(cv.foldOfItem[i]).toBe(f);
      foldOfQuestion.set(item.question, cv.foldOfItem[i] as number);
    });
    expect(cv.inSample.temperature).toBe(fitTemperature(items).temperature);
    // with noise, the true τ is still found roughly
    expect(cv.inSample.temperature).toBeGreaterThan(1.4);
    expect(cv.inSample.temperature).toBeLessThan(2.0);
    // same seed, same folds and scores
    expect(crossValidatedTemperature(items, { rng: mulberry32(3), folds: 4 })).toEqual(cv);
  });

  it("reports a fit on the bound when the true temperature lies beyond it", () => {
    const items = synthetic(4, 25, 20, 2);
    const cv = crossValidatedTemperature(items, { rng: mulberry32(0), folds: 3 });
    expect(cv.inSample.onBound).toBe(true);
    expect(cv.inSample.temperature).toBeGreaterThan(9.99);
    for (const fold of cv.folds) expect(fold.onBound).toBe(true);
    const wider = crossValidatedTemperature(items, { rng: mulberry32(0), folds: 3, upper: 50 });
    expect(wider.inSample.onBound).toBe(false);
    expect(wider.inSample.temperature).toBeCloseTo(25, 2);
  });

  it("rejects empty pools, empty predictions and length mismatches", () => {
    expect(() => crossValidatedTemperature([], { rng: mulberry32(0) })).toThrow(/no items/);
    expect(() => crossValidatedTemperature([{ question: "a", prediction: [], expected: [] }], { rng: mulberry32(0) })).toThrow(/item 0: empty prediction/);
    expect(() => crossValidatedTemperature([{ question: "a", prediction: [1, 0], expected: [1] }], { rng: mulberry32(0) })).toThrow(/item 0: length mismatch/);
  });
});
