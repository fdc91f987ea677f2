import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readDataJson } from "../../src/data/data-dir";
import { applyTemperature, fitTemperature, temperatureObjective } from "../../src/scoring/temperature";
import type { Dataset, Steering } from "../../src/types";
import { dataDir, logprobPool, recoveredTemperature } from "./paper-pools";

/** SciPy's start point for bounds (0, 10): 0 + 0.5·(3 − √5)·10. */
const START = 0.5 * (3 - Math.sqrt(5)) * 10;

describe("applyTemperature", () => {
  it("rescales p^(1/τ) and renormalizes (hand-computed)", () => {
    // √0.8 : √0.2 = 2 : 1
    const scaled = applyTemperature([0.8, 0.2], 2);
    expect(scaled[0]).toBeCloseTo(2 / 3, 15);
    expect(scaled[1]).toBeCloseTo(1 / 3, 15);
    // τ = 1 only renormalizes: [0.2, 0.6] / 0.8
    const same = applyTemperature([0.2, 0.6], 1);
    expect(same[0]).toBeCloseTo(0.25, 15);
    expect(same[1]).toBeCloseTo(0.75, 15);
    // τ = 0.5 squares: [0.01, 0.09] / 0.1
    const sharp = applyTemperature([0.1, 0.3], 0.5);
    expect(sharp[0]).toBeCloseTo(0.1, 15);
    expect(sharp[1]).toBeCloseTo(0.9, 15);
  });

  it("keeps an empty prediction empty and turns an all-zero one into NaN, as NumPy does", () => {
    expect(applyTemperature([], 3)).toEqual([]);
    const scaled = applyTemperature([0, 0, 0], 3);
    expect(scaled).toHaveLength(3);
    for (const v of scaled) expect(Number.isNaN(v)).toBe(true);
  });

  it("keeps a zero entry at zero and flattens towards uniform as τ grows", () => {
    expect(applyTemperature([0, 1], 7)).toEqual([0, 1]);
    const hot = applyTemperature([0.9, 0.1], 1000);
    expect(Math.abs((hot[0] as number) - 0.5)).toBeLessThan(0.001);
  });

  it("rejects a non-positive temperature", () => {
    expect(() => applyTemperature([0.5, 0.5], 0)).toThrow(RangeError);
    expect(() => applyTemperature([0.5, 0.5], Number.NaN)).toThrow("applyTemperature: temperature must be positive (NaN)");
  });
});

describe("temperatureObjective", () => {
  it("sums per-item total variation (hand-computed)", () => {
    // item 1 at τ = 1: ½(|0.9 − 0.75| + |0.1 − 0.25|) = 0.15; item 2: ½(|0.5 − 1| + |0.5 − 0|) = 0.5; empty: 0
    const pool = [
      { prediction: [0.9, 0.1], expected: [0.75, 0.25] },
      { prediction: [0.5, 0.5], expected: [1, 0] },
      { prediction: [], expected: [] },
    ];
    expect(temperatureObjective(pool, 1)).toBeCloseTo(0.65, 15);
  });

  it("is NaN when one prediction is all zero, and rejects length mismatches", () => {
    expect(temperatureObjective([{ prediction: [0, 0], expected: [0.5, 0.5] }], 2)).toBeNaN();
    expect(() => temperatureObjective([{ prediction: [0.5, 0.5], expected: [1, 0, 0] }], 2)).toThrow(
      "temperatureObjective: length mismatch at item 0 (2 vs 3)",
    );
  });
});

describe("fitTemperature", () => {
  it("recovers the temperature that made a synthetic target (hand-derived)", () => {
    // 0.99^(1/τ) / (0.99^(1/τ) + 0.01^(1/τ)) = 0.7  ⇔  99^(1/τ) = 7/3  ⇔  τ = ln 99 / ln(7/3) = 5.4232638…
    const fit = fitTemperature([{ prediction: [0.99, 0.01], expected: [0.7, 0.3] }]);
    expect(fit.converged).toBe(true);
    expect(Math.abs(fit.temperature - Math.log(99) / Math.log(7 / 3))).toBeLessThan(1e-5);
    expect(fit.objective).toBeLessThan(1e-5);
  });

  it("stays at SciPy's start point 3.8197 when an all-zero prediction makes the objective NaN", () => {
    const fit = fitTemperature([
      { prediction: [0.9, 0.1], expected: [0.6, 0.4] },
      { prediction: [0, 0], expected: [0.5, 0.5] },
    ]);
    expect(fit.temperature).toBe(START);
    expect(fit.objective).toBeNaN();
    expect(fit.converged).toBe(false);
  });

  it("hits the upper bound when flatter is always better", () => {
    // the target is uniform, so TV falls monotonically in τ: SciPy ends within xatol of the bound
    const fit = fitTemperature([{ prediction: [0.8, 0.2], expected: [0.5, 0.5] }]);
    expect(fit.temperature).toBeGreaterThan(10 - 1e-5);
    expect(fit.temperature).toBeLessThan(10);
  });

  it("validates its bounds", () => {
    expect(() => fitTemperature([], { lower: 5, upper: 5 })).toThrow(RangeError);
    expect(() => fitTemperature([], { lower: -1 })).toThrow("fitTemperature: need 0 <= lower < upper < Infinity (-1, 10)");
  });
});

// Published temperatures, docs/protocol.md §4.5 (3–4 significant digits); the exact values come from the rescaled files.
const CELLS: [model: string, dataset: Dataset, steering: Steering, published: number][] = [
  ["gpt-4", "opinionqa", "none", 6.887],
  ["gpt-4", "opinionqa", "persona", 9.665],
  ["gpt-4", "opinionqa", "few-shot", 9.457],
  ["gpt-3.5-turbo-0125", "opinionqa", "none", 3.218],
  ["gpt-3.5-turbo-0125", "opinionqa", "persona", START],
  ["gpt-3.5-turbo-0125", "opinionqa", "few-shot", 6.297],
  ["llama3-70b", "opinionqa", "none", 10.0],
  ["llama3-70b", "opinionqa", "persona", 7.198],
  ["llama3-70b", "opinionqa", "few-shot", 7.821],
  ["gpt-4", "globalvalues", "persona", 6.356],
  ["gpt-4", "globalvalues", "few-shot", 7.329],
  ["gpt-3.5-turbo-0125", "globalvalues", "persona", 2.12],
  ["gpt-3.5-turbo-0125", "globalvalues", "few-shot", 3.847],
  ["llama3-70b", "globalvalues", "persona", START],
  ["llama3-70b", "globalvalues", "few-shot", START],
  ...(["gpt-3.5-turbo-0125", "gpt-4", "llama3-70b"] as const).flatMap((model) =>
    (["none", "persona", "few-shot"] as const).map(
      (steering) => [model, "nytimes", steering, 10.0] as [string, Dataset, Steering, number],
    ),
  ),
];

describe("fitTemperature on the published Log-p files (docs/protocol.md §4.5)", () => {
  const dir = dataDir;

  it.each(CELLS)("%s %s %s: τ as in the rescaled files to 1e-6", (model, dataset, steering, published) => {
    const pool = logprobPool(dir, model, dataset, steering);
    const used = recoveredTemperature(pool);
    expect(used.spread).toBeLessThan(1e-10); // one τ per cell, recovered precisely
    expect(Math.abs(used.temperature - published)).toBeLessThan(6e-4); // the recovery agrees with §4.5

    const fit = fitTemperature(pool.pairs);
    expect(Math.abs(fit.temperature - used.temperature)).toBeLessThan(1e-6);

    const stuck = published === START;
    expect(fit.converged).toBe(!stuck);
    if (stuck) {
      expect(fit.temperature).toBe(START);
      expect(fit.objective).toBeNaN();
    }

    // the stored predictions are p^(1/τ) / Σ p^(1/τ) at that τ (NaN where p is all zero)
    let largest = 0;
    pool.pairs.forEach(({ prediction }, i) => {
      const ours = applyTemperature(prediction, fit.temperature);
      const stored = pool.rescaled[i] as number[];
      ours.forEach((v, j) => {
        const s = stored[j] as number;
        if (Number.isNaN(v) || Number.isNaN(s)) expect([Number.isNaN(v), Number.isNaN(s)]).toEqual([true, true]);
        else largest = Math.max(largest, Math.abs(v - s));
      });
    });
    expect(largest).toBeLessThan(1e-9);
  });

  it("fits the biased-coin Log-p pairs to τ = 8.105 (docs/protocol.md §3.4)", () => {
    const folder = join("results", "biased_coin", "gpt-4", "model_logprobs");
    const model = readDataJson(dir, join(folder, "actual_coinflip_p.json")) as number[][];
    const stated = readDataJson(dir, join(folder, "expected_coinflip_p.json")) as number[][];
    expect(model).toHaveLength(11); // [P(H), P(T)] for stated P(H) = 1, 0.9, …, 0
    const fit = fitTemperature(model.map((p, i) => ({ prediction: p, expected: stated[i] as number[] })));
    expect(fit.converged).toBe(true);
    expect(fit.temperature.toFixed(3)).toBe("8.105");
    // SciPy 1.17.1 + NumPy 2.4.6 on this pool gives 8.105399415400576. This pool is tiny and nearly flat at
    // the minimum, so a one-ulp difference in pow() between V8 and the C library sends Brent down a
    // different path after 8 steps; both end within xatol = 1e-5 of each other.
    expect(Math.abs(fit.temperature - 8.105399415400576)).toBeLessThan(1e-5);
  });
});
