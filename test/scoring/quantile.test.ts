import { quantileSeq } from "mathjs";
import { describe, expect, it } from "vitest";
import { mulberry32 } from "../../src/random";
import { quantileLinear } from "../../src/scoring/quantile";

describe("quantileLinear (NumPy's default 'linear' method)", () => {
  // Each value is worked by hand (h = (n − 1)·p on the sorted values) and equals what
  // NumPy 2.4.6 np.percentile(x, 100·p) prints.
  it.each([
    [[1, 2, 3, 4], 0.5, 2.5], // h = 1.5: 2 + 0.5·1
    [[1, 2, 3, 4, 10], 0.025, 1.1], // h = 0.1: 1 + 0.1·1
    [[1, 2, 3, 4, 10], 0.975, 9.399999999999999], // h = 3.9: 4 + 0.9·6, computed from the upper end as NumPy does
    [[0.1, 0.7, 0.2, 0.4], 0.25, 0.17500000000000002], // sorted 0.1 0.2 0.4 0.7; h = 0.75: 0.2 − 0.25·0.1
    [[0.1, 0.7, 0.2, 0.4], 0.9, 0.61], // h = 2.7: 0.7 − 0.3·0.3
    [[3, 1, 2], 0, 1], // h = 0: the minimum
    [[3, 1, 2], 1, 3], // h = 2: the maximum
    [[5], 0.37, 5], // one value
  ])("quantileLinear(%j, %d) = %d", (values, p, expected) => {
    expect(quantileLinear(values, p)).toBe(expected);
  });

  it("uses h = 999·p on 1000 values, as the paper's 1000-replicate intervals do", () => {
    // x = 0, 0.001, …, 0.999: h = 24.975 → 0.024975000000000004; h = 974.025 → 0.9740249999999999 (NumPy 2.4.6)
    const grid = Array.from({ length: 1000 }, (_, i) => i / 1000);
    expect(quantileLinear(grid, 0.025)).toBe(0.024975000000000004);
    expect(quantileLinear(grid, 0.975)).toBe(0.9740249999999999);
  });

  it("agrees with mathjs quantileSeq (also type 7) on random samples to 1e-15", () => {
    const rng = mulberry32(3);
    for (let trial = 0; trial < 50; trial++) {
      const values = Array.from({ length: 1 + Math.floor(rng() * 300) }, () => rng());
      const p = rng();
      expect(Math.abs(quantileLinear(values, p) - (quantileSeq(values, p) as number))).toBeLessThan(1e-15);
    }
  });

  it("does not modify its input, and gives NaN when a value is NaN (as NumPy)", () => {
    const values = [3, 1, 2];
    quantileLinear(values, 0.5);
    expect(values).toEqual([3, 1, 2]);
    expect(quantileLinear([1, Number.NaN, 2], 0.5)).toBeNaN();
  });

  it("rejects empty input and p outside [0, 1]", () => {
    expect(() => quantileLinear([], 0.5)).toThrow("quantileLinear requires at least one value");
    expect(() => quantileLinear([1], 1.5)).toThrow("quantileLinear: p must be in [0, 1] (1.5)");
    expect(() => quantileLinear([1], Number.NaN)).toThrow(RangeError);
  });
});
