/**
 * The plotly figures of Figs. 2, 3, 5 and 6 built from hand-made results: traces, panels, error
 * bars and labels.
 */
import { describe, expect, it } from "vitest";
import { coinCalibration } from "../../src/figures/coin-calibration";
import { coinCalibrationFigure } from "../../src/figures/coin-calibration-figure";
import type { CalibrationRow } from "../../src/figures/logprob-calibration";
import { logprobCalibrationFigure } from "../../src/figures/logprob-calibration-figure";
import type { BookPartisanGap } from "../../src/figures/nyt-partisan-books";
import { bookLabel, partisanBooksFigure } from "../../src/figures/nyt-partisan-books-figure";
import type { RatingMarginal } from "../../src/figures/persona-stereotypes";
import { likelyShareFigure, marginalLabel, stereotypeMarginalsFigure } from "../../src/figures/persona-stereotypes-figure";

type Trace = Record<string, unknown>;
const traces = (figure: { data: readonly unknown[] }) => figure.data as Trace[];

describe("coinCalibrationFigure", () => {
  it("draws the diagonal and the three series, legend names carrying the mean TV", () => {
    const stated = [0, 0.5, 1];
    const points = stated.map((p) => ({ statedHeads: p, impliedHeads: p }));
    const c = coinCalibration({ model: "gpt-4", logprobs: points, sequence: points, logprobPairs: { model: stated.map((p) => [p, 1 - p]), stated: stated.map((p) => [p, 1 - p]) } });
    const figure = coinCalibrationFigure(c);
    expect(traces(figure).map((t) => t["name"])).toEqual([
      "Calibrated (y = x)",
      "Log-p (mean TV 0.000)",
      "Sequence (mean TV 0.000)",
      expect.stringMatching(/^TS-Log-p \(mean TV 0\.000\)$/),
    ]);
    expect(JSON.parse(JSON.stringify(figure))).toEqual(figure);
  });
});

describe("partisanBooksFigure", () => {
  const gap = (id: string, difference: number): BookPartisanGap => ({
    id, genre: "Fiction", democratMean: 2 + difference / 2, republicanMean: 2 - difference / 2,
    difference, lower: difference - 0.3, upper: difference + 0.4, democratCount: 18, republicanCount: 17,
  });

  it("puts Democrat-preferred books first, Republican-preferred last, with asymmetric whiskers", () => {
    const figure = partisanBooksFigure({ democrat: [gap("D1", 1), gap("D2", 0.5)], republican: [gap("R1", -1.2), gap("R2", -0.7)] });
    const [dem, rep] = traces(figure);
    expect(dem?.["y"]).toEqual(["D1", "D2"]);
    expect(rep?.["x"]).toEqual([-1.2, -0.7]);
    const whiskers = dem?.["error_x"] as { array: number[]; arrayminus: number[] };
    expect(whiskers.array.map((v) => v.toFixed(2))).toEqual(["0.40", "0.40"]);
    expect(whiskers.arrayminus.map((v) => v.toFixed(2))).toEqual(["0.30", "0.30"]);
    // plotly lists categories bottom to top: R1 at the bottom, D1 at the top
    expect((figure.layout?.["yaxis"] as { categoryarray: string[] }).categoryarray).toEqual(["R1", "R2", "D2", "D1"]);
  });

  it("shortens long book labels", () => {
    expect(bookLabel("x".repeat(70))).toHaveLength(60);
    expect(bookLabel("Nw By Zadie Smith")).toBe("Nw By Zadie Smith");
  });
});

function marginal(source: string, steering: RatingMarginal["steering"], group: string, likely: number): RatingMarginal {
  return {
    source, steering, group, books: 235, unparsed: 0,
    mean: [0.3, 0.2, likely / 2, likely / 2], lower: [0.25, 0.15, 0.1, 0.1], upper: [0.35, 0.25, 0.4, 0.4],
    likely: { mean: likely, lower: likely - 0.05, upper: likely + 0.05 },
  };
}

describe("Fig. 5 figures", () => {
  const rows = [
    marginal("ground truth", undefined, "Democrat", 0.39),
    marginal("gpt-4", "persona", "Democrat", 0.66),
    marginal("ground truth", undefined, "Republican", 0.43),
    marginal("gpt-4", "persona", "Republican", 0.42),
  ];

  it("labels series by source and steering", () => {
    expect(rows.map(marginalLabel)).toEqual(["Ground truth", "GPT-4 · Persona", "Ground truth", "GPT-4 · Persona"]);
    expect(marginalLabel({ source: "humans", steering: "few-shot" })).toBe("Humans · Few-shot");
  });

  it("draws one panel per group with the legend shown once", () => {
    const figure = stereotypeMarginalsFigure(rows);
    expect(traces(stereotypeMarginalsFigure(rows, { sources: ["humans"] }))).toHaveLength(2); // ground truth only, per panel
    const data = traces(figure);
    expect(data.map((t) => [t["xaxis"], t["showlegend"]])).toEqual([["x", true], ["x", true], ["x2", false], ["x2", false]]);
    expect(figure.layout?.["xaxis2"]).toBeDefined();
    const error = data[1]?.["error_y"] as { array: number[]; arrayminus: number[] };
    expect(error.array.every((v) => v >= 0) && error.arrayminus.every((v) => v >= 0)).toBe(true);
  });

  it("compares the likely share of both parties per source", () => {
    const [dem, rep] = traces(likelyShareFigure(rows));
    expect(dem?.["x"]).toEqual(["Ground truth", "GPT-4 · Persona"]);
    expect(dem?.["y"]).toEqual([0.39, 0.66]);
    expect(rep?.["y"]).toEqual([0.43, 0.42]);
  });
});

describe("logprobCalibrationFigure", () => {
  it("draws diagonal, Log-p and TS-Log-p per model panel, with the ECE in the panel title", () => {
    const bin = { lower: 0.9, upper: 1, count: 5, meanPredicted: 0.95, meanObserved: 0.5 };
    const row = (model: string): CalibrationRow => ({
      model, logprobsEce: 0.45, scaledEce: 0.05, logprobsPoints: 5, scaledPoints: 5, logprobsCurve: [bin], scaledCurve: [bin],
    });
    const figure = logprobCalibrationFigure([row("gpt-4"), row("llama3-70b")]);
    expect(traces(figure).map((t) => `${t["name"]}@${t["xaxis"]}`)).toEqual([
      "perfect calibration@x", "Log-p@x", "TS-Log-p@x", "perfect calibration@x2", "Log-p@x2", "TS-Log-p@x2",
    ]);
    const titles = (figure.layout?.["annotations"] as { text: string }[]).map((a) => a.text);
    expect(titles).toEqual(["<b>GPT-4: ECE 0.45 → 0.05</b>", "<b>Llama 3 70B Instruct: ECE 0.45 → 0.05</b>"]);
  });
});
