/** Verbalize-then-sample: a seeded external sampler, and what it does to the knowledge-to-simulation gap. */
import { beforeAll, describe, expect, it } from "vitest";
import { loadPromptData, type PromptData } from "../../src/prompts/prompt-data";
import { mulberry32 } from "../../src/random";
import { loadBenchmarkData } from "../../src/benchmark/benchmark-data";
import { planUnits } from "../../src/run/grid";
import { hybridGapReport, scoreVerbalizeThenSample, verbalizeThenSample } from "../../src/run/verbalize-then-sample";
import { discretizationError } from "../../src/scoring/discretization";
import { testDataDir } from "../helpers/data-dir";

let data: PromptData;
beforeAll(() => {
  data = loadPromptData(loadBenchmarkData(testDataDir()));
});

describe("verbalizeThenSample", () => {
  it("draws n respondents and reports their counts and empirical distribution", () => {
    const sample = verbalizeThenSample([0.5, 0.3, 0.2], 30, mulberry32(7));
    expect(sample.letters).toHaveLength(30);
    expect(sample.counts.reduce((a, b) => a + b, 0)).toBe(30);
    expect(sample.distribution).toEqual(sample.counts.map((c) => c / 30));
    expect(sample.letters.filter((l) => l === "A").length).toBe(sample.counts[0]);
    expect(verbalizeThenSample([0.5, 0.3, 0.2], 30, mulberry32(7))).toEqual(sample);
    expect(() => verbalizeThenSample([0.5, 0.5], 0, mulberry32(7))).toThrow(RangeError);
  });

  it("scores, on average, the discretization error of n draws when the verbalized distribution is right", () => {
    const q = [0.6, 0.3, 0.1];
    const rng = mulberry32(3);
    let total = 0;
    for (let i = 0; i < 4000; i++) total += scoreVerbalizeThenSample(q, q, 30, rng);
    expect(total / 4000).toBeCloseTo(discretizationError(q, { samples: 30 }), 2);
  });
});

describe("hybridGapReport", () => {
  it("lies between Verbalize and Sequence with 30 respondents, and closes nearly all of gpt-4's gap with 1000 (GlobalOpinionQA)", () => {
    const units = planUnits(data, { datasets: ["globalvalues"], methods: ["verbalize", "sequence"] }, { prompts: false }).map((u) => u.unit);
    const [thirty] = hybridGapReport(data.benchmark, units, { models: ["gpt-4"], respondents: 30 });
    const [thousand] = hybridGapReport(data.benchmark, units, { models: ["gpt-4"], respondents: 1000 });
    expect(thirty?.sequence).toBeGreaterThan(thirty?.verbalize ?? Infinity);
    expect(thirty?.hybrid).toBeGreaterThan(thirty?.verbalize ?? Infinity);
    expect(thirty?.hybrid).toBeLessThan(thirty?.sequence ?? 0);
    expect(thousand?.gapClosed).toBeGreaterThan(0.9);
    expect(thousand?.hybrid).toBeCloseTo(thousand?.verbalize ?? 0, 2);
  });
});
