/**
 * Fig. 2 (biased coin): series construction on hand-made results, and the published GPT-4 outputs
 * against the temperature the paper reports (τ = 8.105, docs/protocol.md §3.4) and the stored values.
 */
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { COIN_MODELS, type CoinResults, loadCoinResults } from "../../src/data/coin";
import { DataError, UsageError } from "../../src/errors";
import { coinCalibration, coinCalibrationSummary, coinPointRows } from "../../src/figures/coin-calibration";
import { coinCalibrationFigure } from "../../src/figures/coin-calibration-figure";
import { figureTitle } from "../../src/notebook/figure";
import { testDataDir } from "../helpers/data-dir";

const STATED = [0, 0.25, 0.5, 0.75, 1];

function results(implied: (p: number) => number): CoinResults {
  const points = STATED.map((p) => ({ statedHeads: p, impliedHeads: implied(p) }));
  return {
    model: "gpt-4",
    logprobs: [...points].reverse(),
    sequence: points,
    logprobPairs: { model: STATED.map((p) => [implied(p), 1 - implied(p)]), stated: STATED.map((p) => [p, 1 - p]) },
  };
}

describe("coinCalibration on hand-made results", () => {
  it("gives zero TV for a calibrated model and sorts every series by the stated probability", () => {
    const c = coinCalibration(results((p) => p));
    expect(c.logprobs.x).toEqual(STATED);
    expect(c.logprobs.y).toEqual(STATED);
    expect(c.logprobs.meanTotalVariation).toBe(0);
    expect(c.sequence.meanTotalVariation).toBe(0);
    expect(c.diagonal.y).toEqual(c.diagonal.x);
    // any τ reproduces a calibrated pool only up to the optimizer's tolerance
    expect(c.scaledLogprobs!.meanTotalVariation).toBeLessThan(1e-3);
    expect(c.missingHeads).toEqual([]);
  });

  it("computes mean |implied − stated| as the TV of two-outcome distributions", () => {
    // a model that always says heads with 0.9: |0.9 − p| = 0.9, 0.65, 0.4, 0.15, 0.1 → mean 0.44
    const c = coinCalibration(results(() => 0.9));
    expect(c.sequence.meanTotalVariation).toBeCloseTo(0.44, 12);
  });

  it("counts a missing heads probability as 0 and reports it", () => {
    const r = results((p) => p);
    const withMissing: CoinResults = { ...r, logprobs: r.logprobs.map((pt) => (pt.statedHeads === 0.25 ? { ...pt, impliedHeads: Number.NaN } : pt)) };
    const c = coinCalibration(withMissing);
    expect(c.logprobs.y[1]).toBe(0);
    expect(c.logprobs.meanTotalVariation).toBeCloseTo(0.25 / 5, 12);
    expect(c.missingHeads).toEqual([{ series: "Log-p", statedHeads: 0.25 }]);
  });

  it("flattens an over-confident model with τ > 1", () => {
    // over-confident: p³ renormalized (0.75 → 0.964), i.e. scaled with τ = 1/3; τ = 3 undoes it exactly
    const sharpen = (p: number) => p ** 3 / (p ** 3 + (1 - p) ** 3);
    const c = coinCalibration(results(sharpen));
    expect(c.temperature).toBeCloseTo(3, 3);
    expect(c.scaledLogprobs!.meanTotalVariation).toBeLessThan(1e-4);
  });

  it("rejects mismatched pairs", () => {
    const r = results((p) => p);
    expect(() => coinCalibration({ ...r, logprobPairs: { model: r.logprobPairs!.model.slice(1), stated: r.logprobPairs!.stated } })).toThrow(
      "coinCalibration: need as many model as stated pairs, at least one (4 vs 5)",
    );
  });
});

describe("coinCalibration on the published GPT-4 outputs", () => {
  const c = coinCalibration(loadCoinResults(testDataDir(), "gpt-4"));

  it("fits the paper's temperature τ = 8.105 (temp_scale_figs.ipynb prints 8.105402620578722)", () => {
    expect(c.temperature).toBeCloseTo(8.1054, 3);
  });

  it("has eleven points per series at stated P(heads) 0, 0.1, …, 1", () => {
    for (const s of [c.logprobs, c.sequence, c.scaledLogprobs!, c.diagonal]) {
      expect(s.x.map((x) => Math.round(x * 10))).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    }
    expect(c.missingHeads).toEqual([]);
  });

  it("shows Log-p collapsing to 0 or 1 and Sequence tracking the stated probability (docs/protocol.md §3.4)", () => {
    expect(c.logprobs.y.slice(0, 5).every((y) => y < 0.01)).toBe(true);
    expect(c.logprobs.y.slice(6).every((y) => y > 0.99)).toBe(true);
    expect(c.logprobs.y[5]).toBeGreaterThan(0.7);
    // stored GPT-4 Sequence means: 0.96, 0.84, 0.71, 0.61, 0.50, 0.37, 0.22, 0.13, 0.04, 0.00 for p = 0.9 … 0
    expect(c.sequence.y.slice(0, 10).reverse().map((y) => Number(y.toFixed(2)))).toEqual([0.96, 0.84, 0.71, 0.61, 0.5, 0.37, 0.22, 0.13, 0.04, 0]);
    expect(c.logprobs.meanTotalVariation).toBeCloseTo(0.1996, 4);
    expect(c.sequence.meanTotalVariation).toBeCloseTo(0.0315, 4);
  });

  it("makes Log-p monotone and closer to the diagonal after temperature scaling", () => {
    const y = c.scaledLogprobs!.y;
    for (let i = 1; i < y.length; i++) expect(y[i] as number).toBeGreaterThan(y[i - 1] as number);
    expect(c.scaledLogprobs!.meanTotalVariation).toBeLessThan(c.logprobs.meanTotalVariation / 2);
  });
});

describe("which coin models work, and why one does not", () => {
  it("draws every published coin model; TS-Log-p only where the authors published the Log-p pairs", () => {
    for (const [model, { logprobPairs }] of Object.entries(COIN_MODELS)) {
      const c = coinCalibration(loadCoinResults(testDataDir(), model));
      expect(c.logprobs.x).toHaveLength(11);
      expect(c.sequence.x).toHaveLength(11);
      expect(c.scaledLogprobs === undefined).toBe(!logprobPairs);
      expect(coinCalibrationSummary(c).map((r) => r.series)).toEqual(logprobPairs ? ["Log-p", "Sequence", "TS-Log-p"] : ["Log-p", "Sequence"]);
      expect(figureTitle(coinCalibrationFigure(c, model))).toMatch(logprobPairs ? /τ = \d/ : /no TS-Log-p/);
    }
  });

  it("says the authors did not publish what was not published, as a UsageError", () => {
    expect(() => loadCoinResults(testDataDir(), "anthropic_opus")).toThrow(UsageError);
    expect(() => loadCoinResults(testDataDir(), "anthropic_opus")).toThrow(
      'biased coin: the authors published no coin outputs for model "anthropic_opus" (published: gpt-4, gpt-3.5-turbo-0125, gpt-3.5-turbo-1106)',
    );
    const noPairs = loadCoinResults(testDataDir(), "gpt-3.5-turbo-0125");
    expect(() => coinCalibration(noPairs, { temperatureScaling: true })).toThrow(/the authors did not publish the Log-p pairs .* "gpt-3.5-turbo-0125"/);
  });

  it("says a file is missing, as a DataError naming it, when a published file is absent", () => {
    const dir = mkdtempSync(join(tmpdir(), "distalign-coin-"));
    try {
      mkdirSync(join(dir, "results", "biased_coin", "gpt-4"), { recursive: true });
      expect(() => loadCoinResults(dir, "gpt-4")).toThrow(DataError);
      expect(() => loadCoinResults(dir, "gpt-4")).toThrow(/biased_coin_benchmark\.json/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("coinPointRows", () => {
  it("lists each point's TV, |implied − stated|, whose mean over all points is the series' mean TV", () => {
    const c = coinCalibration(results((p) => p * p));
    const rows = coinPointRows(c, STATED.length);
    expect(rows.map((r) => r.series)).toEqual([...Array(5).fill("Log-p"), ...Array(5).fill("Sequence"), ...Array(5).fill("TS-Log-p")]);
    expect(rows[1]).toEqual({ series: "Log-p", "stated P(heads)": 0.25, "implied P(heads)": 0.0625, TV: 0.1875 });
    for (const summary of coinCalibrationSummary(c)) {
      const tvs = rows.filter((r) => r.series === summary.series).map((r) => r.TV);
      expect(tvs.reduce((a, b) => a + b, 0) / tvs.length).toBeCloseTo(summary["mean TV"], 12);
    }
    expect(coinPointRows(c, 2)).toHaveLength(6);
  });
});
