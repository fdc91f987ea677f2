/**
 * Calibration of probabilistic predictions against observed shares: equal-width binning (a
 * reliability diagram) and the expected calibration error (ECE). Pure functions, no I/O; Table 3
 * and Fig. 6 (src/figures/logprob-calibration.ts) pool the predictions they are applied to.
 */

/** One predicted probability and the real share it estimates. */
export interface CalibrationPoint {
  readonly predicted: number;
  readonly observed: number;
}

/** Which value decides a prediction's bin. */
export type CalibrationBinning = "predicted" | "observed";

/** Options of the binning. */
export interface CalibrationBinOptions {
  /** Number of equal-width bins on [0, 1]. @default 10 */
  readonly bins?: number;
  /** Bin by the predicted probability (a reliability diagram) or by the observed share. @default "predicted" */
  readonly binBy?: CalibrationBinning;
}

/** One bin of a calibration curve. */
export interface CalibrationBin {
  /** The bin's interval [lower, upper) (the last bin includes 1). */
  readonly lower: number;
  readonly upper: number;
  readonly count: number;
  readonly meanPredicted: number;
  readonly meanObserved: number;
}

/** The equal-width bin of x ∈ [0, 1] among `bins`: ⌊x · bins⌋, values outside [0, 1) clamped to the end bins. */
export function calibrationBinIndex(x: number, bins: number): number {
  return Math.min(Math.max(Math.floor(x * bins), 0), bins - 1);
}

/**
 * Calibration curve: the points in `bins` equal-width bins of [0, 1] (bin b = ⌊x · bins⌋, values
 * ≥ 1 in the last bin), and per non-empty bin the count and the mean predicted and observed
 * values. x is the predicted value by default (a reliability diagram). O(N + bins).
 * @param points from `calibrationPoints`
 * @param options `bins` (10), `binBy` ("predicted")
 * @returns the non-empty bins in increasing order
 * @throws {RangeError} when bins is not a positive integer
 * @example
 * calibrationBins([{ predicted: 0.95, observed: 0.6 }, { predicted: 0.05, observed: 0.2 }]);
 * // => [{ lower: 0, upper: 0.1, count: 1, meanPredicted: 0.05, meanObserved: 0.2 }, { lower: 0.9, upper: 1, … }]
 */
export function calibrationBins(points: readonly CalibrationPoint[], options: CalibrationBinOptions = {}): CalibrationBin[] {
  const bins = options.bins ?? 10;
  if (!Number.isInteger(bins) || bins < 1) throw new RangeError(`calibrationBins: bins must be a positive integer (${bins})`);
  const byObserved = options.binBy === "observed";
  const count = new Array<number>(bins).fill(0);
  const predicted = new Array<number>(bins).fill(0);
  const observed = new Array<number>(bins).fill(0);
  for (const point of points) {
    const x = byObserved ? point.observed : point.predicted;
    const b = calibrationBinIndex(x, bins);
    count[b] = (count[b] as number) + 1;
    predicted[b] = (predicted[b] as number) + point.predicted;
    observed[b] = (observed[b] as number) + point.observed;
  }
  const out: CalibrationBin[] = [];
  for (let b = 0; b < bins; b++) {
    const n = count[b] as number;
    if (n === 0) continue;
    out.push({ lower: b / bins, upper: (b + 1) / bins, count: n, meanPredicted: (predicted[b] as number) / n, meanObserved: (observed[b] as number) / n });
  }
  return out;
}

/**
 * Expected calibration error of a calibration curve: ECE = Σ_b (n_b / N) · |mean_b(p) − mean_b(q)|,
 * the count-weighted mean gap between predicted and observed values (Naeini et al. 2015;
 * Guo et al. 2017). 0 for a perfectly calibrated predictor. O(bins).
 * @param bins from `calibrationBins`
 * @returns the ECE, or NaN when there are no points
 * @example
 * expectedCalibrationError([{ lower: 0.9, upper: 1, count: 3, meanPredicted: 0.95, meanObserved: 0.6 },
 *   { lower: 0, upper: 0.1, count: 1, meanPredicted: 0.05, meanObserved: 0.05 }]); // => 0.2625 (¾ · 0.35)
 */
export function expectedCalibrationError(bins: readonly CalibrationBin[]): number {
  const total = bins.reduce((sum, b) => sum + b.count, 0);
  if (total === 0) return Number.NaN;
  return bins.reduce((sum, b) => sum + (b.count / total) * Math.abs(b.meanPredicted - b.meanObserved), 0);
}
