import { describe, expect, it } from "vitest";
import { bootstrapZPValue, erfc } from "../../src/scoring/normal-p";
import { mulberry32 } from "../../src/random";

describe("erfc", () => {
  it("matches tabulated values (Abramowitz & Stegun table 7.1) to 1.2e-7 relative", () => {
    const table: [number, number][] = [
      [0, 1],
      [0.5, 0.4795001222],
      [1, 0.1572992071],
      [1.959963985 / Math.SQRT2, 0.05],
      [2, 0.004677734981],
      [3, 0.00002209049700],
      [-1, 1.842700793],
    ];
    for (const [x, value] of table) expect(Math.abs(erfc(x) - value) / value).toBeLessThan(1.2e-7);
  });
});

describe("bootstrapZPValue", () => {
  it("is 1 for a statistic of 0 with constant replicates, 0 for a non-zero one", () => {
    expect(bootstrapZPValue(0, [0, 0, 0])).toBe(1);
    expect(bootstrapZPValue(0.01, [0.01, 0.01])).toBe(0);
  });

  it("gives 0.05 when the statistic is 1.96 standard errors from 0 (replicates with sd 1)", () => {
    // Replicates ±1 alternating: mean 0, sample sd √(B/(B − 1)).
    const B = 1000;
    const replicates = Array.from({ length: B }, (_, i) => (i % 2 === 0 ? 1 : -1));
    const sd = Math.sqrt(B / (B - 1));
    expect(bootstrapZPValue(1.959963985 * sd, replicates)).toBeCloseTo(0.05, 6);
  });

  it("is about uniform under the null: simulated normal statistics reject at 5% about 5% of the time", () => {
    const rng = mulberry32(11);
    const normal = () => Math.sqrt(-2 * Math.log(1 - rng())) * Math.cos(2 * Math.PI * rng());
    const replicates = Array.from({ length: 2000 }, normal);
    let rejected = 0;
    for (let i = 0; i < 4000; i++) if (bootstrapZPValue(normal(), replicates) < 0.05) rejected++;
    expect(rejected / 4000).toBeGreaterThan(0.04);
    expect(rejected / 4000).toBeLessThan(0.06);
  });
});
