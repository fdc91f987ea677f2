/**
 * Table 3 / Fig. 6 (calibration of log-probabilities): binning and ECE on hand-made points, the
 * pooling on a hand-made result loader, and the published Log-p / TS-Log-p outputs against the
 * paper's Table 3 (ECE 0.28 → 0.07 GPT-4, 0.20 → 0.06 GPT-3.5, 0.13 → 0.11 Llama-3-70B).
 */
import { beforeAll, describe, expect, it } from "vitest";
import type { ResultCell, ResultCellRef, ResultEntry } from "../../src/data/results";
import { type CalibrationRow, calibrationItemRows, calibrationPoints, logprobCalibrationTable } from "../../src/figures/logprob-calibration";
import { calibrationBins, expectedCalibrationError } from "../../src/scoring/calibration";
import { eceVariantTable, predictionConcentration } from "../../src/figures/logprob-calibration-variants";
import { loadBenchmarkData } from "../../src/benchmark/benchmark-data";
import { testDataDir } from "../helpers/data-dir";

describe("calibrationBins and expectedCalibrationError", () => {
  it("bins by predicted probability into equal-width bins, 1 into the last bin", () => {
    const bins = calibrationBins([
      { predicted: 0.05, observed: 0.1 },
      { predicted: 0.95, observed: 0.5 },
      { predicted: 1, observed: 0.7 },
      { predicted: 0.91, observed: 0.9 },
    ]);
    expect(bins).toHaveLength(2);
    expect(bins[0]).toEqual({ lower: 0, upper: 0.1, count: 1, meanPredicted: 0.05, meanObserved: 0.1 });
    expect(bins[1]?.count).toBe(3);
    expect(bins[1]?.meanPredicted).toBeCloseTo(2.86 / 3, 12);
    expect(bins[1]?.meanObserved).toBeCloseTo(0.7, 12);
    // ECE = ¼·|0.05 − 0.1| + ¾·|0.9533 − 0.7| = 0.0125 + 0.19
    expect(expectedCalibrationError(bins)).toBeCloseTo(0.0125 + 0.75 * (2.86 / 3 - 0.7), 12);
  });

  it("can bin by the observed share and with another number of bins", () => {
    const points = [
      { predicted: 0.9, observed: 0.15 },
      { predicted: 0.1, observed: 0.45 },
    ];
    expect(calibrationBins(points, { binBy: "observed", bins: 2 }).map((b) => [b.lower, b.count, b.meanPredicted])).toEqual([[0, 2, 0.5]]);
    expect(calibrationBins(points, { bins: 2 }).map((b) => b.lower)).toEqual([0, 0.5]);
    expect(() => calibrationBins(points, { bins: 0 })).toThrow("calibrationBins: bins must be a positive integer (0)");
  });

  it("is 0 for calibrated bins and NaN without points", () => {
    const calibrated = calibrationBins([0.1, 0.3, 0.7].map((p) => ({ predicted: p, observed: p })));
    expect(expectedCalibrationError(calibrated)).toBe(0);
    expect(expectedCalibrationError([])).toBeNaN();
  });
});

function entry(key: string, prediction: Record<string, number>, expected: Record<string, number> | undefined): ResultEntry {
  return { key, prediction, response: undefined, expected, expectedByGroup: { POLPARTY_Democrat: { A: 0.5, B: 0.5 } } };
}

/** A loader that serves the same three entries for every cell and records what was asked. */
function fakeLoader(asked: ResultCellRef[]): (ref: ResultCellRef) => ResultCell {
  return (ref) => {
    asked.push(ref);
    return {
      ...ref,
      model: "gpt-4",
      file: "fake.json",
      entries: [
        entry("q1", { A: 0.9, B: 0.1 }, { A: 0.6, B: 0.4 }),
        entry("q2", { A: Number.NaN, B: 0.5 }, { A: 0.5, B: 0.5 }), // NaN: skipped
        entry("q3", { A: 0.2, B: 0.3, C: 0.5 }, { A: 0.5, B: 0.5 }), // letters differ: skipped
        entry("q4", {}, { A: 1, B: 0 }), // empty: skipped
      ],
    };
  };
}

describe("calibrationPoints on a hand-made loader", () => {
  it("pools every option of every usable question of the scored groups", () => {
    const asked: ResultCellRef[] = [];
    const points = calibrationPoints(fakeLoader(asked), "gpt-4", "logprobs", { datasets: ["nytimes"] });
    expect(asked.map((r) => `${r.steering}/${r.group.value}`)).toEqual([
      "persona/Democrat", "persona/Republican", "persona/Male", "persona/Female",
      "few-shot/Democrat", "few-shot/Republican", "few-shot/Male", "few-shot/Female",
    ]);
    expect(points).toHaveLength(16);
    expect(points.slice(0, 2)).toEqual([{ predicted: 0.9, observed: 0.6 }, { predicted: 0.1, observed: 0.4 }]);
  });

  it("lists the first pooled predictions with the equal-width bin of each", () => {
    const rows = calibrationItemRows(fakeLoader([]), "gpt-4", "logprobs", { datasets: ["nytimes"], bins: 10 }, 3);
    expect(rows).toEqual([
      { model: "GPT-4", method: "Log-p", prediction: 1, "predicted p": 0.9, "human share q": 0.6, bin: "0.9–1" },
      { model: "GPT-4", method: "Log-p", prediction: 2, "predicted p": 0.1, "human share q": 0.4, bin: "0.1–0.2" },
      { model: "GPT-4", method: "Log-p", prediction: 3, "predicted p": 0.9, "human share q": 0.6, bin: "0.9–1" },
    ]);
    expect(calibrationItemRows(fakeLoader([]), "gpt-4", "logprobs", { datasets: ["nytimes"], bins: 4 }, 1)[0]?.bin).toBe("0.75–1");
  });

  it("keeps only the top-rated option for the top-label target, and no steering uses the group's stored truth", () => {
    const points = calibrationPoints(fakeLoader([]), "gpt-4", "logprobs", { datasets: ["nytimes"], steerings: ["persona"], target: "top-label" });
    expect(points).toEqual(Array(4).fill({ predicted: 0.9, observed: 0.6 }));
    const none = calibrationPoints(fakeLoader([]), "gpt-4", "logprobs", { datasets: ["nytimes"], steerings: ["none"] });
    expect(none.slice(0, 2)).toEqual([{ predicted: 0.9, observed: 0.5 }, { predicted: 0.1, observed: 0.5 }]); // Democrat only has a stored truth here
    expect(none).toHaveLength(2);
  });
});

describe("logprobCalibrationTable on the published outputs", () => {
  let rows: Map<string, CalibrationRow>;
  let cell: ReturnType<typeof loadBenchmarkData>["cell"];
  beforeAll(() => {
    const data = loadBenchmarkData(testDataDir());
    cell = (ref) => data.cell(ref);
    rows = new Map(logprobCalibrationTable(cell).map((r) => [r.model, r]));
  });
  const row = (model: string) => rows.get(model) as CalibrationRow;

  it("pools 3,678 questions (16,200 options) per model; TS-Log-p loses the all-zero Log-p predictions", () => {
    for (const model of ["gpt-3.5-turbo-0125", "gpt-4", "llama3-70b"]) expect(row(model).logprobsPoints).toBe(16200);
    expect(row("gpt-4").scaledPoints).toBe(16200);
    expect(row("gpt-3.5-turbo-0125").scaledPoints).toBe(16189);
    expect(row("llama3-70b").scaledPoints).toBe(16155);
    expect(row("gpt-4").logprobsCurve.reduce((n, b) => n + b.count, 0)).toBe(16200);
  });

  it("matches the paper's GPT-4 row (0.28 → 0.07) and GPT-3.5 Log-p (0.20) within 0.02", () => {
    expect(Math.abs(row("gpt-4").logprobsEce - 0.28)).toBeLessThan(0.02);
    expect(Math.abs(row("gpt-4").scaledEce - 0.07)).toBeLessThan(0.02);
    expect(Math.abs(row("gpt-3.5-turbo-0125").logprobsEce - 0.2)).toBeLessThan(0.02);
  });

  it("does not match GPT-3.5 TS-Log-p (paper 0.06) or Llama-3-70B (paper 0.13 → 0.11): the computed values", () => {
    // the gap is reported in the tab3-fig6 notebook; no definition tried reproduces these cells
    expect(row("gpt-3.5-turbo-0125").scaledEce).toBeCloseTo(0.0181, 4);
    expect(row("llama3-70b").logprobsEce).toBeCloseTo(0.2254, 4);
    expect(row("llama3-70b").scaledEce).toBeCloseTo(0.205, 4);
  });

  it("keeps the paper's qualitative finding: temperature scaling helps the GPT models a lot and Llama little", () => {
    for (const model of ["gpt-3.5-turbo-0125", "gpt-4"]) expect(row(model).logprobsEce - row(model).scaledEce).toBeGreaterThan(0.15);
    expect(row("llama3-70b").logprobsEce - row("llama3-70b").scaledEce).toBeLessThan(0.05);
    expect(row("llama3-70b").scaledEce).toBeGreaterThan(row("gpt-4").scaledEce);
  });

  it("shows over-confident Log-p: high-probability bins are right far less often than predicted", () => {
    const top = row("gpt-4").logprobsCurve.at(-1);
    expect(top?.lower).toBe(0.9);
    expect((top?.meanPredicted as number) - (top?.meanObserved as number)).toBeGreaterThan(0.4);
  });

  it("explains the Llama gap: its Log-p is mostly exact zeros, which temperature scaling cannot raise", () => {
    const rows = predictionConcentration(cell);
    const get = (model: string, method: string) => rows.find((r) => r.model === model && r.method === method);
    expect(rows).toHaveLength(6);
    expect(get("llama3-70b", "Log-p")?.questions).toBe(3678);
    expect(get("llama3-70b", "Log-p")?.["share of zero probabilities"]).toBeGreaterThan(0.6);
    expect(get("llama3-70b", "TS-Log-p")?.["share of zero probabilities"]).toBeGreaterThan(0.6);
    expect(get("llama3-70b", "Log-p")?.["share of one-option predictions"]).toBeGreaterThan(0.4);
    for (const model of ["gpt-4", "gpt-3.5-turbo-0125"]) expect(get(model, "Log-p")?.["share of zero probabilities"]).toBeLessThan(0.01);
    // Llama's Log-p is more concentrated than GPT-3.5's, less than GPT-4's
    const largest = (model: string) => get(model, "Log-p")?.["mean largest probability"] as number;
    expect(largest("llama3-70b")).toBeGreaterThan(largest("gpt-3.5-turbo-0125"));
    expect(largest("llama3-70b")).toBeLessThan(largest("gpt-4"));
  });

  it("computes the variant table with the default first", () => {
    const variants = eceVariantTable(cell, undefined, ["gpt-4"]);
    expect(variants[0]).toEqual({ variant: "all options, bins of p (default)", model: "gpt-4", "Log-p ECE": row("gpt-4").logprobsEce, "TS-Log-p ECE": row("gpt-4").scaledEce });
    const topLabel = variants.find((v) => v.variant === "top label");
    expect(topLabel?.["Log-p ECE"]).toBeCloseTo(0.564, 3);
  });
});
