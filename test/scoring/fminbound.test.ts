import { describe, expect, it } from "vitest";
import { minimizeScalarBounded } from "../../src/scoring/fminbound";

// Reference values: scipy.optimize.minimize_scalar(f, bounds=…, method="bounded", options=…) with SciPy 1.17.1,
// printed with repr(); polynomials are written with explicit products so both sides round identically.
// The port must agree to the last bit (toBe), including the evaluation count.
const SCIPY: [name: string, f: (x: number) => number, lower: number, upper: number, options: object, x: number, fun: number, nfev: number, status: number][] = [
  ["(x − 2)² on (0, 10)", (x) => (x - 2) * (x - 2), 0, 10, {}, 2.0, 0.0, 6, 0],
  ["x on (0, 10): lower bound", (x) => x, 0, 10, {}, 5.363445511637438e-6, 5.363445511637438e-6, 30, 0],
  ["−x on (0, 10): upper bound", (x) => -x, 0, 10, {}, 9.9999947848782, -9.9999947848782, 30, 0],
  ["x⁴ − 3x³ + 2 on (−1, 5)", (x) => x * x * x * x - 3 * x * x * x + 2, -1, 5, {}, 2.2500000248941, -6.5429687499999964, 13, 0],
  ["|x − 7.3| on (0, 10): a kink", (x) => Math.abs(x - 7.3), 0, 10, {}, 7.3000005059299236, 5.059299237331061e-7, 19, 0],
  ["(x − 2)², maxiter 5", (x) => (x - 2) * (x - 2), 0, 10, { maxiter: 5 }, 2.0, 0.0, 5, 1],
  // ties: SciPy accepts a step when fu <= fx, so a flat objective walks to the upper end
  ["constant 1 on (0, 10)", () => 1, 0, 10, {}, 9.9999947848782, 1.0, 30, 0],
  ["max(0, |x − 6| − 1) on (0, 10): a flat bottom", (x) => Math.max(0, Math.abs(x - 6) - 1), 0, 10, {}, 6.017825017247245, 0.0, 25, 0],
  ["⌊x⌋ on (0.5, 9.5): steps", (x) => Math.floor(x), 0.5, 9.5, {}, 1.2686983084647632, 1.0, 28, 0],
];

describe("minimizeScalarBounded (port of SciPy's fminbound)", () => {
  it.each(SCIPY)("%s: same x, value, evaluations and status as SciPy", (_, f, lower, upper, options, x, fun, nfev, status) => {
    const result = minimizeScalarBounded(f, lower, upper, options);
    expect(result.x).toBe(x);
    expect(result.fun).toBe(fun);
    expect(result.evaluations).toBe(nfev);
    expect(result.status).toBe(status);
    expect(result.success).toBe(status === 0);
  });

  it("finds a smooth interior minimum within xatol (analytic minimum of x² − 3x at 1.5)", () => {
    const result = minimizeScalarBounded((x) => x * x - 3 * x, -4, 9, { xatol: 1e-8 });
    expect(Math.abs(result.x - 1.5)).toBeLessThan(1e-8);
  });

  it("never moves from the golden start point when the objective is NaN there (NaN comparisons are false)", () => {
    // SciPy 1.17.1: x = 3.819660112501051, fun = nan, nfev = 30, status 2, for both objectives
    const start = 0.5 * (3 - Math.sqrt(5)) * 10;
    expect(start).toBe(3.819660112501051);
    for (const f of [() => Number.NaN, (x: number) => (x < 4 ? Number.NaN : (x - 6) * (x - 6))]) {
      const result = minimizeScalarBounded(f, 0, 10);
      expect(result.x).toBe(start);
      expect(result.fun).toBeNaN();
      expect(result.status).toBe(2);
      expect(result.evaluations).toBe(30);
    }
  });

  it("visits the same points as SciPy: start, then two golden steps", () => {
    // SciPy's first evaluations for bounds (0, 10): 3.819660112501051, 6.180339887498947, 7.639320225002102
    const visited: number[] = [];
    minimizeScalarBounded((x) => (visited.push(x), -x), 0, 10);
    expect(visited.slice(0, 3)).toEqual([3.819660112501051, 6.180339887498947, 7.639320225002102]);
  });

  it("rejects invalid bounds and options", () => {
    expect(() => minimizeScalarBounded((x) => x, 2, 1)).toThrow(
      "minimizeScalarBounded: lower bound exceeds upper bound (2 > 1)",
    );
    expect(() => minimizeScalarBounded((x) => x, 0, Number.POSITIVE_INFINITY)).toThrow(RangeError);
    expect(() => minimizeScalarBounded((x) => x, 0, 1, { xatol: 0 })).toThrow(RangeError);
    expect(() => minimizeScalarBounded((x) => x, 0, 1, { maxiter: 0.5 })).toThrow(RangeError);
  });
});
