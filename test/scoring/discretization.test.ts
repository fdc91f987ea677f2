import { combinations } from "mathjs";
import { describe, expect, it } from "vitest";
import { mulberry32 } from "../../src/random";
import {
  discretizationError,
  discretizationErrorMonteCarlo,
  discretizationErrors,
} from "../../src/scoring/discretization";
import { baselineItems, mean } from "./baseline-data";
import { dataDir } from "./paper-pools";

/** E = ½ Σ_j Σ_x Bin(x; n, q_j/Σq)·|x/n − q_j| written directly with mathjs' binomial coefficients. */
function referenceError(q: number[], n: number): number {
  const total = q.reduce((a, b) => a + b, 0);
  let sum = 0;
  for (const qj of q) {
    const pi = qj / total;
    for (let x = 0; x <= n; x++) sum += (combinations(n, x) as number) * pi ** x * (1 - pi) ** (n - x) * Math.abs(x / n - qj);
  }
  return sum / 2;
}

describe("discretizationError (exact)", () => {
  it("matches hand-computed two-option cases", () => {
    // n = 2, q = (0.3, 0.7): option 1: 0.49·0.3 + 0.42·0.2 + 0.09·0.7 = 0.294; option 2 the same by symmetry; ½·0.588
    expect(discretizationError([0.3, 0.7], { samples: 2 })).toBeCloseTo(0.294, 15);
    // n = 2, q = (½, ½): each option ¼·½ + ½·0 + ¼·½ = ¼; ½(¼ + ¼)
    expect(discretizationError([0.5, 0.5], { samples: 2 })).toBeCloseTo(0.25, 15);
    // a point mass is reproduced exactly by any number of draws
    expect(discretizationError([1, 0, 0])).toBe(0);
  });

  it("draws from q normalized but measures distance to q as given (docs/protocol.md §5.3)", () => {
    // q = (0.3, 0.6), Σq = 0.9, n = 1: draws A w.p. ⅓, B w.p. ⅔.
    // option A: ⅔·|0 − 0.3| + ⅓·|1 − 0.3| = 0.2 + 0.2333… ; option B: ⅓·0.6 + ⅔·0.4 = 0.4666…; ½·0.9 = 0.45
    expect(discretizationError([0.3, 0.6], { samples: 1 })).toBeCloseTo(0.45, 15);
  });

  it("agrees with the formula written with mathjs' binomial coefficients", () => {
    const rng = mulberry32(9);
    for (let trial = 0; trial < 20; trial++) {
      const q = Array.from({ length: 2 + Math.floor(rng() * 6) }, () => rng());
      const total = q.reduce((a, b) => a + b, 0);
      const normalized = q.map((v) => v / total);
      expect(discretizationError(normalized)).toBeCloseTo(referenceError(normalized, 30), 14);
    }
  });

  it("shrinks as the number of draws grows (≈ √n)", () => {
    const q = [0.1, 0.2, 0.3, 0.4];
    const at30 = discretizationError(q, { samples: 30 });
    const at120 = discretizationError(q, { samples: 120 });
    expect(at120).toBeLessThan(at30);
    expect(at30 / at120).toBeGreaterThan(1.8); // 4× the draws, about half the error
    expect(at30 / at120).toBeLessThan(2.2);
  });

  it("is NaN when q has no mass, and rejects negative entries and bad sample counts", () => {
    expect(discretizationError([0, 0, 0])).toBeNaN();
    expect(discretizationError([])).toBeNaN();
    expect(() => discretizationError([0.5, -0.1])).toThrow(
      "discretizationError: entry 1 is not a non-negative finite number (-0.1)",
    );
    expect(() => discretizationError([1], { samples: 2.5 })).toThrow(RangeError);
  });
});

describe("discretizationErrorMonteCarlo", () => {
  it("converges to the exact value (seeded; tolerance 4 Monte-Carlo SDs)", () => {
    for (const q of [[0.1, 0.2, 0.3, 0.4], [0.5, 0.5], [0.05, 0.9, 0.05, 0, 0]]) {
      const exact = discretizationError(q);
      const draws = 20_000;
      const estimate = discretizationErrorMonteCarlo(q, { rng: mulberry32(31), draws });
      // the TV of one simulated answer is bounded by 1 and its SD is below 0.1 for these q
      expect(Math.abs(estimate - exact)).toBeLessThan((4 * 0.1) / Math.sqrt(draws));
    }
  });

  it("is deterministic under a seed, never draws a zero-weight option, and returns NaN without mass", () => {
    const a = discretizationErrorMonteCarlo([0.3, 0.7], { rng: mulberry32(1), draws: 50 });
    expect(discretizationErrorMonteCarlo([0.3, 0.7], { rng: mulberry32(1), draws: 50 })).toBe(a);
    expect(discretizationErrorMonteCarlo([0, 1, 0], { rng: mulberry32(2), draws: 50 })).toBe(0);
    expect(discretizationErrorMonteCarlo([0, 0], { rng: mulberry32(2) })).toBeNaN();
    expect(() => discretizationErrorMonteCarlo([1], { rng: mulberry32(2), draws: 0 })).toThrow(RangeError);
  });
});

describe("discretizationErrors", () => {
  const pool = [[1, 0], [0.5, 0.5], [0, 0], [0.3, 0.7]];

  it("keeps zero-mass questions as NaN by default", () => {
    const values = discretizationErrors(pool, { samples: 2 });
    expect(values).toHaveLength(4);
    expect(values[0]).toBe(0);
    expect(values[1]).toBeCloseTo(0.25, 15);
    expect(values[2]).toBeNaN();
    expect(values[3]).toBeCloseTo(0.294, 15);
  });

  it("stops at the first zero-mass question with stopAtZeroMass (the paper's loop, as run)", () => {
    expect(discretizationErrors(pool, { samples: 2, stopAtZeroMass: true })).toHaveLength(2);
  });

  it("simulates with monteCarlo", () => {
    const values = discretizationErrors([[0.5, 0.5]], { monteCarlo: { rng: mulberry32(4), draws: 4000 }, samples: 2 });
    expect(Math.abs((values[0] as number) - 0.25)).toBeLessThan(0.02);
  });
});

// Published per-dataset ground_truth rows (docs/protocol.md §5.3, 3 d.p.; Monte-Carlo with 1000 draws and bootstrap means).
describe("discretization error on the published ground truths", () => {
  it.each([
    ["nytimes", 0.115],
    ["globalvalues", 0.092],
  ] as const)("%s: mean exact error %d", (dataset, published) => {
    const items = baselineItems(dataDir, dataset);
    const values = discretizationErrors(
      items.map((i) => i.expected),
      { stopAtZeroMass: true },
    );
    expect(values).toHaveLength(items.length); // no zero-mass question in these datasets
    expect(Math.abs(mean(values) - published)).toBeLessThan(1e-3);
  });
});
