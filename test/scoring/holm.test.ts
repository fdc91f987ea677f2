import { describe, expect, it } from "vitest";
import { mulberry32 } from "../../src/random";
import { holmAdjust } from "../../src/scoring/holm";

/** Closed testing with Bonferroni local tests: max over subsets S ∋ i of min(1, |S| · min_{j∈S} p_j). */
function closedTesting(p: number[]): number[] {
  const m = p.length;
  const out = new Array<number>(m).fill(0);
  for (let mask = 1; mask < 1 << m; mask++) {
    let size = 0;
    let least = Infinity;
    for (let j = 0; j < m; j++) if (mask & (1 << j)) { size++; least = Math.min(least, p[j] as number); }
    const local = Math.min(1, size * least);
    for (let i = 0; i < m; i++) if (mask & (1 << i)) out[i] = Math.max(out[i] as number, local);
  }
  return out;
}

describe("holmAdjust", () => {
  it("matches a hand-worked example", () => {
    // sorted: 0.005·4 = 0.02, 0.01·3 = 0.03, 0.03·2 = 0.06, 0.04·1 = 0.04 → running max 0.06
    expect(holmAdjust([0.01, 0.04, 0.03, 0.005])).toEqual([0.03, 0.06, 0.06, 0.02]);
    // 0.25·3 = 0.75, then 0.5·2 = 1, capped, then 0.6·1 → running max 1
    expect(holmAdjust([0.6, 0.25, 0.5])).toEqual([1, 0.75, 1]);
    expect(holmAdjust([0.5, 0.6])).toEqual([1, 1]);
    expect(holmAdjust([0.02])).toEqual([0.02]);
    expect(holmAdjust([])).toEqual([]);
  });

  it("equals closed testing with Bonferroni tests on 500 random families (brute force over all subsets)", () => {
    const rng = mulberry32(1);
    for (let t = 0; t < 500; t++) {
      const m = 1 + Math.floor(rng() * 8);
      // some ties and some tiny values
      const p = Array.from({ length: m }, () => (rng() < 0.2 ? 0.01 : rng() ** 3));
      const holm = holmAdjust(p);
      const closed = closedTesting(p);
      for (let i = 0; i < m; i++) expect(holm[i]).toBeCloseTo(closed[i] as number, 15);
    }
  });

  it("is ≥ the raw p, ≤ 1, preserves the order, and keeps ties tied", () => {
    const rng = mulberry32(2);
    for (let t = 0; t < 200; t++) {
      const m = 1 + Math.floor(rng() * 30);
      const p = Array.from({ length: m }, () => (rng() < 0.1 ? 0.05 : rng() ** 2));
      const adjusted = holmAdjust(p);
      for (let i = 0; i < m; i++) {
        expect(adjusted[i]).toBeGreaterThanOrEqual(p[i] as number);
        expect(adjusted[i]).toBeLessThanOrEqual(1);
        for (let j = 0; j < m; j++) {
          if ((p[i] as number) <= (p[j] as number)) expect(adjusted[i]).toBeLessThanOrEqual(adjusted[j] as number);
        }
      }
    }
  });

  it("rejects p-values outside [0, 1] or NaN, naming the index", () => {
    expect(() => holmAdjust([0.1, 1.2])).toThrow(/p-value 1 must be in \[0, 1\] \(1.2\)/);
    expect(() => holmAdjust([Number.NaN])).toThrow(/p-value 0/);
  });
});
