import { describe, expect, it } from "vitest";
import { mulberry32 } from "../../src/random";
import { binomialNoiseFloor, multinomialOutcomeCount, noiseFloor } from "../../src/scoring/noise-floor";

/** Σ_x C(n, x) p^x (1 − p)^(n − x) |x/n − p|, summed term by term. */
function binomialSum(p: number, n: number): number {
  let total = 0;
  let choose = 1;
  for (let x = 0; x <= n; x++) {
    total += choose * p ** x * (1 - p) ** (n - x) * Math.abs(x / n - p);
    choose = (choose * (n - x)) / (x + 1);
  }
  return total;
}

describe("noise floor", () => {
  it("has closed forms for tiny cases", () => {
    // n = 1: the empirical distribution is a point mass δ_j with probability p_j, and TV(p, δ_j) = 1 − p_j
    const p = [0.5, 0.3, 0.2];
    expect(noiseFloor(p, 1).value).toBeCloseTo(0.5 * 0.5 + 0.3 * 0.7 + 0.2 * 0.8, 15);
    expect(binomialNoiseFloor(0.5, 1)).toBeCloseTo(0.5, 15);
    expect(binomialNoiseFloor(0.5, 2)).toBeCloseTo(0.25, 15);
    expect(noiseFloor([1, 0, 0], 19).value).toBe(0);
    expect(binomialNoiseFloor(0, 10)).toBe(0);
  });

  it("for two options, the enumeration equals de Moivre's closed form and the term-by-term binomial sum", () => {
    for (const n of [1, 2, 3, 7, 19, 50, 120]) {
      for (const p of [0.01, 0.1, 0.25, 1 / 3, 0.5, 0.62, 0.9]) {
        const closed = binomialNoiseFloor(p, n);
        expect(closed).toBeCloseTo(binomialSum(p, n), 12);
        for (const metric of ["tv", "w1"] as const) {
          const enumerated = noiseFloor([p, 1 - p], n, { metric, method: "enumeration" });
          expect(enumerated.method).toBe("enumeration");
          expect(enumerated.count).toBe(n + 1);
          expect(enumerated.value).toBeCloseTo(closed, 12);
          expect(noiseFloor([p, 1 - p], n, { metric }).value).toBeCloseTo(closed, 14);
        }
      }
    }
  });

  it("for two options and large n, approaches √(2p(1 − p)/(πn))", () => {
    const p = 0.3;
    const n = 100_000;
    expect(binomialNoiseFloor(p, n) / Math.sqrt((2 * p * (1 - p)) / (Math.PI * n))).toBeCloseTo(1, 3);
  });

  it("the closed form for k options equals the enumeration of every multinomial outcome (TV and W1, 300 cases)", () => {
    const rng = mulberry32(5);
    for (let t = 0; t < 300; t++) {
      const k = 2 + Math.floor(rng() * 5);
      const n = 1 + Math.floor(rng() * 25);
      const raw = Array.from({ length: k }, () => (rng() < 0.15 ? 0 : rng()));
      if (raw.every((x) => x === 0)) raw[0] = 1;
      const total = raw.reduce((a, b) => a + b, 0);
      const p = raw.map((x) => x / total);
      for (const metric of ["tv", "w1"] as const) {
        const closed = noiseFloor(p, n, { metric });
        expect(closed.method).toBe("closed-form");
        expect(closed.value).toBeCloseTo(noiseFloor(p, n, { metric, method: "enumeration" }).value, 12);
      }
    }
  });

  it("simulation agrees with the exact enumeration within 4 standard errors (TV and W1)", () => {
    const cases: [number[], number][] = [
      [[0.4, 0.3, 0.2, 0.1], 19],
      [[0.25, 0.25, 0.25, 0.25], 10],
      [[0.05, 0.1, 0.15, 0.2, 0.2, 0.15, 0.15], 12],
      [[0.7, 0, 0.3], 25],
    ];
    for (const [p, n] of cases) {
      for (const metric of ["tv", "w1"] as const) {
        const exact = noiseFloor(p, n, { metric, method: "enumeration" });
        expect(exact.method).toBe("enumeration");
        const simulated = noiseFloor(p, n, { metric, method: "simulation", rng: mulberry32(7), draws: 40_000 });
        expect(simulated.method).toBe("simulation");
        expect(simulated.count).toBe(40_000);
        expect(simulated.standardError).toBeGreaterThan(0);
        expect(Math.abs(simulated.value - exact.value)).toBeLessThan(4 * simulated.standardError);
      }
    }
  });

  it("counts outcomes as C(n + k − 1, k − 1), enumerates up to maxOutcomes and then needs an rng", () => {
    expect(multinomialOutcomeCount(19, 4)).toBe(1540);
    expect(multinomialOutcomeCount(5, 1)).toBe(1);
    expect(multinomialOutcomeCount(100, 7)).toBe(1705904746);
    const p = [0.2, 0.2, 0.2, 0.2, 0.1, 0.1];
    expect(noiseFloor(p, 10, { method: "enumeration", maxOutcomes: 3003 }).count).toBe(3003);
    expect(() => noiseFloor(p, 10, { method: "enumeration", maxOutcomes: 3002 })).toThrow(/3003 outcomes exceed maxOutcomes \(3002\)/);
    expect(() => noiseFloor(p, 10, { method: "simulation" })).toThrow(/the simulation needs an rng/);
    const a = noiseFloor(p, 300, { method: "simulation", rng: mulberry32(1), draws: 500 });
    expect(a).toEqual(noiseFloor(p, 300, { method: "simulation", rng: mulberry32(1), draws: 500 }));
  });

  it("for large n, where enumeration is infeasible, the closed form agrees with simulation", () => {
    const p = [0.1, 0.1, 0.2, 0.2, 0.15, 0.15, 0.1];
    for (const metric of ["tv", "w1"] as const) {
      const closed = noiseFloor(p, 800, { metric });
      const simulated = noiseFloor(p, 800, { metric, method: "simulation", rng: mulberry32(2), draws: 4000 });
      expect(Math.abs(simulated.value - closed.value)).toBeLessThan(4 * simulated.standardError);
    }
  });

  it("shrinks with n, and the W1 floor lies below the TV floor (W1 ≤ TV)", () => {
    const p = [0.1, 0.2, 0.3, 0.4];
    const floors = [5, 19, 60].map((n) => noiseFloor(p, n).value);
    expect(floors[0]).toBeGreaterThan(floors[1] as number);
    expect(floors[1]).toBeGreaterThan(floors[2] as number);
    expect(noiseFloor(p, 19, { metric: "w1" }).value).toBeLessThan(noiseFloor(p, 19).value);
  });

  it("rejects bad distributions and counts", () => {
    expect(() => noiseFloor([0.5, 0.4], 3)).toThrow(/sum to 1/);
    expect(() => noiseFloor([1.5, -0.5], 3)).toThrow(/entry 1/);
    expect(() => noiseFloor([0.5, 0.5], 0)).toThrow(/n must be a positive integer/);
    expect(() => noiseFloor([], 3)).toThrow(/no options/);
    expect(() => binomialNoiseFloor(1.2, 3)).toThrow(/p must be in/);
  });
});
