/**
 * The table rows the notebooks show, built from hand-made results.
 */
import { describe, expect, it } from "vitest";
import { coinCalibration, coinCalibrationRows, coinCalibrationSummary } from "../../src/figures/coin-calibration";
import { calibrationSummaryRows } from "../../src/figures/logprob-calibration";
import { eceVariantMatrix } from "../../src/figures/logprob-calibration-variants";
import { type BookPartisanGap, partisanBookRows, partisanSummary } from "../../src/figures/nyt-partisan-books";
import { likelyGapRows, marginalRows } from "../../src/figures/persona-stereotypes-figure";
import type { TableRecords } from "../../src/notebook/table";

/** Compile-time check: rows must be accepted by `showTable`. */
function asTable(rows: TableRecords): TableRecords {
  return rows;
}

describe("coin rows", () => {
  it("lines the series up by stated probability and summarises their TV", () => {
    const stated = [0, 0.5, 1];
    const c = coinCalibration({
      model: "gpt-4",
      logprobs: stated.map((p) => ({ statedHeads: p, impliedHeads: p > 0.4 ? 1 : 0 })),
      sequence: [{ statedHeads: 0.5, impliedHeads: 0.4 }],
      logprobPairs: { model: stated.map((p) => [p, 1 - p]), stated: stated.map((p) => [p, 1 - p]) },
    });
    const rows = coinCalibrationRows(c);
    asTable(rows);
    asTable(coinCalibrationSummary(c));
    expect(rows.map((r) => [r["stated P(heads)"], r["Log-p"], r.Sequence])).toEqual([[0, 0, undefined], [0.5, 1, 0.4], [1, 1, undefined]]);
    expect(coinCalibrationSummary(c).map((r) => [r.series, Number(r["mean TV"].toFixed(4))])).toEqual([["Log-p", 0.1667], ["Sequence", 0.1], ["TS-Log-p", 0]]);
  });
});

describe("partisan book rows", () => {
  const gap = (id: string, difference: number, lower: number, upper: number): BookPartisanGap => ({
    id, genre: "Fiction", democratMean: 2 + difference, republicanMean: 2, difference, lower, upper, democratCount: 18, republicanCount: 17,
  });
  const gaps = [gap("A", 1, 0.2, 1.6), gap("B", -0.5, -1, 0.1), gap("C", -1, -1.5, -0.4)];

  it("lists Democrat-preferred books first", () => {
    const rows = partisanBookRows({ democrat: [gaps[0] as BookPartisanGap], republican: [gaps[2] as BookPartisanGap] });
    asTable(rows);
    expect(rows.map((r) => [r["more likely to read"], r.book, r["D − R"], r["raters (D/R)"]])).toEqual([["Democrats", "A", 1, "18/17"], ["Republicans", "C", -1, "18/17"]]);
  });

  it("counts books whose interval excludes 0", () => {
    const s = partisanSummary(gaps);
    asTable([s]);
    expect([s.books, s.democratLeaning, s.republicanLeaning]).toEqual([3, 1, 1]);
    expect(s.meanAbsoluteDifference).toBeCloseTo(2.5 / 3, 12);
    expect(s.republicanMean).toBe(2);
  });
});

describe("stereotype rows", () => {
  it("names the option columns and the series", () => {
    const row = {
      source: "humans", steering: "persona" as const, group: "Democrat", books: 235, unparsed: 0,
      mean: [0.1, 0.2, 0.3, 0.4], lower: [0, 0, 0, 0], upper: [1, 1, 1, 1], likely: { mean: 0.7, lower: 0.6, upper: 0.8 },
    };
    asTable(marginalRows([row]));
    asTable(likelyGapRows([]));
    expect(marginalRows([row])[0]).toEqual({
      group: "Democrat", series: "Humans · Persona", books: 235, unparsed: 0,
      "1: Very unlikely": 0.1, "2: Somewhat unlikely": 0.2, "3: Somewhat likely": 0.3, "4: Very likely": 0.4,
      "likely (3+4)": 0.7, "likely low": 0.6, "likely high": 0.8,
    });
    expect(likelyGapRows([{ source: "ground truth", steering: undefined, democrat: 0.4, republican: 0.45, gap: -0.05 }])).toEqual([
      { series: "Ground truth", "Democrats P(3)+P(4)": 0.4, "Republicans P(3)+P(4)": 0.45, "D − R": -0.05 },
    ]);
  });
});

describe("calibration rows", () => {
  it("pivots the variant table and summarises Table 3", () => {
    const matrix = eceVariantMatrix(
      [
        { variant: "v1", model: "a", "Log-p ECE": 0.3, "TS-Log-p ECE": 0.1 },
        { variant: "v1", model: "b", "Log-p ECE": 0.2, "TS-Log-p ECE": 0.05 },
        { variant: "v2", model: "a", "Log-p ECE": 0.4, "TS-Log-p ECE": 0.2 },
      ],
      (m) => m.toUpperCase(),
    );
    expect(matrix).toEqual([{ variant: "v1", "A Log-p": 0.3, "A TS": 0.1, "B Log-p": 0.2, "B TS": 0.05 }, { variant: "v2", "A Log-p": 0.4, "A TS": 0.2 }]);
    const rows = calibrationSummaryRows([{ model: "gpt-4", logprobsEce: 0.26, scaledEce: 0.07, logprobsPoints: 10, scaledPoints: 9, logprobsCurve: [], scaledCurve: [] }]);
    asTable(rows);
    asTable(matrix);
    expect(rows).toEqual([{ model: "gpt-4", "Log-p ECE": 0.26, "TS-Log-p ECE": 0.07, "predictions (Log-p / TS)": "10 / 9" }]);
  });
});
