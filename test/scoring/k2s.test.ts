import { describe, expect, it } from "vitest";
import { knowledgeToSimulationGap } from "../../src/scoring/k2s";

describe("knowledgeToSimulationGap (Eq. 2 as published, docs/protocol.md §5.6)", () => {
  it("is Seq / V − 1 (hand-computed)", () => {
    expect(knowledgeToSimulationGap(0.3, 0.25)).toBeCloseTo(0.2, 15);
    expect(knowledgeToSimulationGap(0.2, 0.25)).toBeCloseTo(-0.2, 15); // sampling better than verbalizing
    expect(knowledgeToSimulationGap(0.25, 0.25)).toBe(0);
  });

  // Inputs: the published main-board "Alignment Mean" of Seq and V; outputs: results/k2s_gap.csv (both via docs/protocol.md §5.6, §8)
  it.each([
    ["gpt-3.5", 0.31818, 0.29145, 0.0917],
    ["gpt-4", 0.27793, 0.22903, 0.2135],
    ["haiku", 0.30863, 0.25405, 0.2149],
    ["opus", 0.32513, 0.22636, 0.4363],
    ["llama3-70b", 0.32843, 0.24391, 0.3465],
  ])("reproduces the published K2S of %s", (_, sequence, verbalize, published) => {
    expect(Math.abs(knowledgeToSimulationGap(sequence, verbalize) - published)).toBeLessThan(1e-4);
  });

  it("rejects non-finite inputs and a non-positive verbalize alignment", () => {
    expect(() => knowledgeToSimulationGap(0.3, 0)).toThrow("knowledgeToSimulationGap: verbalize alignment must be positive (0)");
    expect(() => knowledgeToSimulationGap(Number.NaN, 0.2)).toThrow(RangeError);
  });
});
