import { describe, expect, it } from "vitest";
import { oneHotArgmax, oneHotArgmin, uniformLike } from "../../src/scoring/baselines";
import { paperTotalVariation } from "../../src/scoring/total-variation";
import { baselineItems, mean } from "./baseline-data";
import { dataDir } from "./paper-pools";

describe("uniformLike", () => {
  it("puts 1/K on each option", () => {
    expect(uniformLike([0.7, 0.2, 0.1, 0])).toEqual([0.25, 0.25, 0.25, 0.25]);
    expect(uniformLike([1])).toEqual([1]);
    expect(uniformLike([])).toEqual([]);
  });
});

describe("oneHotArgmax / oneHotArgmin", () => {
  it("one-hot the largest / smallest entry", () => {
    expect(oneHotArgmax([0.1, 0.6, 0.3])).toEqual([0, 1, 0]);
    expect(oneHotArgmin([0.1, 0.6, 0.3])).toEqual([1, 0, 0]);
  });

  it("break ties towards the first option, as np.argmax / np.argmin do", () => {
    expect(oneHotArgmax([0.2, 0.4, 0.4])).toEqual([0, 1, 0]);
    expect(oneHotArgmin([0.5, 0, 0.5, 0])).toEqual([0, 1, 0, 0]);
    expect(oneHotArgmax([0.25, 0.25, 0.25, 0.25])).toEqual([1, 0, 0, 0]);
  });

  it("treat a probability of 0 as a value, not as missing", () => {
    expect(oneHotArgmin([0.2, 0, 0.8])).toEqual([0, 1, 0]);
    expect(oneHotArgmax([0, 0, 0])).toEqual([1, 0, 0]);
  });

  it("keep empty input empty and reject NaN", () => {
    expect(oneHotArgmax([])).toEqual([]);
    expect(() => oneHotArgmax([0.5, Number.NaN])).toThrow("oneHotArgmax: entry 1 is NaN");
    expect(() => oneHotArgmin([Number.NaN])).toThrow(RangeError);
  });
});

// Published per-dataset baselines (leaderboard_distrib_alignment_all.csv, quoted in docs/protocol.md §5.3, 3 d.p.).
// They are bootstrap-replicate means, so allow rounding (5e-4) plus about 3 bootstrap SDs.
describe("baselines on gpt-3.5's Sequence outputs (docs/protocol.md §5.3)", () => {
  it.each([
    ["nytimes", 0.223, 0.711, 0.839],
    ["globalvalues", 0.485, 0.693, 0.855],
  ] as const)("%s: uniform %d, LB1 %d, LB2 %d", (dataset, uniform, lb1, lb2) => {
    const items = baselineItems(dataDir, dataset);
    expect(items).toHaveLength(dataset === "nytimes" ? 940 : 300);
    const score = (make: (p: number[]) => number[]) => mean(items.map((i) => paperTotalVariation(make(i.prediction), i.expected)));
    expect(Math.abs(score(uniformLike) - uniform)).toBeLessThan(1.5e-3);
    expect(Math.abs(score(oneHotArgmax) - lb1)).toBeLessThan(1.5e-3);
    expect(Math.abs(score(oneHotArgmin) - lb2)).toBeLessThan(1.5e-3);
  });
});
