/**
 * Fig. 2 of arXiv:2411.05403 (§3.1, App. A.2; docs/protocol.md §3.4): the biased-coin toy problem. The
 * prompt states P(heads); a calibrated model would flip heads with exactly that probability. The
 * figure plots the model's implied P(heads) against the stated one for next-token log-probabilities
 * (Log-p), a 30-flip sequence (Sequence) and temperature-scaled log-probabilities (TS-Log-p).
 */
import type { CoinPoint, CoinResults } from "../data/coin";
import { UsageError } from "../errors";
import { applyTemperature, fitTemperature } from "../scoring/temperature";
import { totalVariation } from "../scoring/total-variation";

/** One line of the figure: implied P(heads) (y) against stated P(heads) (x), sorted by x. */
export interface CoinSeries {
  /** "Log-p", "Sequence", "TS-Log-p" or "Calibrated (y = x)". */
  readonly name: string;
  readonly x: readonly number[];
  readonly y: readonly number[];
  /** Mean over points of TV([y, 1 − y], [x, 1 − x]) = mean |y − x|: 0 for the diagonal. */
  readonly meanTotalVariation: number;
}

/** Everything Fig. 2 shows. */
export interface CoinCalibration {
  readonly logprobs: CoinSeries;
  readonly sequence: CoinSeries;
  /** Undefined without temperature scaling (no published Log-p pairs, or `temperatureScaling: false`). */
  readonly scaledLogprobs: CoinSeries | undefined;
  readonly diagonal: CoinSeries;
  /** The temperature fitted to the log-probability pairs (the paper reports τ = 8.105); undefined without temperature scaling. */
  readonly temperature: number | undefined;
  /** Points whose implied heads probability was missing (heads absent from the top-20 tokens), counted as 0. */
  readonly missingHeads: readonly { readonly series: string; readonly statedHeads: number }[];
}

/** Options of `coinCalibration`. */
export interface CoinCalibrationOptions {
  /** Search interval of τ, as the paper's `minimize_scalar` bounds. @default [0, 10] */
  readonly bounds?: readonly [number, number];
  /**
   * Fit TS-Log-p. @default true when the authors published the model's Log-p pairs (gpt-4), else false
   * @throws {UsageError} when true for a model without published pairs
   */
  readonly temperatureScaling?: boolean;
}

function series(name: string, points: readonly { x: number; y: number }[]): CoinSeries {
  const sorted = [...points].sort((a, b) => a.x - b.x);
  const tvs = sorted.map(({ x, y }) => totalVariation([y, 1 - y], [x, 1 - x]));
  return {
    name,
    x: sorted.map((p) => p.x),
    y: sorted.map((p) => p.y),
    meanTotalVariation: tvs.reduce((a, b) => a + b, 0) / tvs.length,
  };
}

function impliedPoints(
  name: string,
  points: readonly CoinPoint[],
  missing: { series: string; statedHeads: number }[],
): { x: number; y: number }[] {
  return points.map((p) => {
    if (Number.isNaN(p.impliedHeads)) missing.push({ series: name, statedHeads: p.statedHeads });
    return { x: p.statedHeads, y: Number.isNaN(p.impliedHeads) ? 0 : p.impliedHeads };
  });
}

/**
 * The series of Fig. 2 from a model's published coin results.
 *
 * - Log-p and Sequence: the stored mean implied P(heads) per stated P(heads). A heads token that
 *   never appeared among the top-20 log-probabilities counts as probability 0, as the paper's figure
 *   code fills it; such points are listed in `missingHeads`.
 * - TS-Log-p: one temperature τ fitted by `fitTemperature` to the [P(H), P(T)] pairs of
 *   `logprobPairs` (minimizing Σ TV, τ ∈ (0, 10)), then p̃ = `applyTemperature(pair, τ)`; plotted
 *   against each pair's stated P(heads).
 * - Each series' mean total variation treats P(heads) = y as the distribution [y, 1 − y].
 * O(n) besides the τ search.
 * @param results `loadCoinResults(dataDir, model)`
 * @param options `bounds` of the τ search (default [0, 10]); `temperatureScaling` (default: when the pairs were published)
 * @returns the four series, τ and the points with a missing heads probability
 * @throws {RangeError} when the pairs are malformed (length mismatch) or empty
 * @throws {UsageError} when temperature scaling is asked for a model without published pairs
 * @example
 * const fig2 = coinCalibration(loadCoinResults(dataDir, "gpt-4"));
 * fig2.temperature; // ≈ 8.105
 */
export function coinCalibration(results: CoinResults, options: CoinCalibrationOptions = {}): CoinCalibration {
  const pairs = results.logprobPairs;
  if (options.temperatureScaling === true && pairs === undefined) {
    throw new UsageError(`biased coin: the authors did not publish the Log-p pairs TS-Log-p is fitted to for model "${results.model}" (only for gpt-4); set temperatureScaling to false`);
  }
  let scaled: { x: number; y: number }[] | undefined;
  let temperature: number | undefined;
  if (pairs !== undefined && options.temperatureScaling !== false) {
    const { model, stated } = pairs;
    if (model.length === 0 || model.length !== stated.length) {
      throw new RangeError(`coinCalibration: need as many model as stated pairs, at least one (${model.length} vs ${stated.length})`);
    }
    const pool = model.map((prediction, i) => ({ prediction, expected: stated[i] as readonly number[] }));
    const [lower, upper] = options.bounds ?? [0, 10];
    const fit = fitTemperature(pool, { lower, upper });
    temperature = fit.temperature;
    scaled = pool.map(({ prediction, expected }) => ({
      x: expected[0] as number,
      y: applyTemperature(prediction, fit.temperature)[0] as number,
    }));
  }
  const missing: { series: string; statedHeads: number }[] = [];
  const logprobs = series("Log-p", impliedPoints("Log-p", results.logprobs, missing));
  const sequence = series("Sequence", impliedPoints("Sequence", results.sequence, missing));
  const xs = [...new Set([...logprobs.x, ...sequence.x, ...(scaled ?? []).map((p) => p.x)])];
  return {
    logprobs,
    sequence,
    scaledLogprobs: scaled === undefined ? undefined : series("TS-Log-p", scaled),
    diagonal: series("Calibrated (y = x)", xs.map((x) => ({ x, y: x }))),
    temperature,
    missingHeads: missing,
  };
}

/** One row of the Fig. 2 table: a stated P(heads) and what each method implied. */
export type CoinCalibrationRow = {
  readonly "stated P(heads)": number;
  readonly "Log-p": number | undefined;
  readonly Sequence: number | undefined;
  readonly "TS-Log-p": number | undefined;
};

/**
 * The series of Fig. 2 side by side, one row per stated P(heads). O(n²) for n points (n = 11).
 * @param calibration from `coinCalibration`
 * @returns rows in increasing stated probability; a method without that point gives undefined
 * @example
 * showTable(coinCalibrationRows(fig2), { precision: 3 });
 */
export function coinCalibrationRows(calibration: CoinCalibration): CoinCalibrationRow[] {
  const at = (s: CoinSeries | undefined, x: number) => {
    if (s === undefined) return undefined;
    const i = s.x.findIndex((v) => Math.abs(v - x) < 1e-9);
    return i < 0 ? undefined : s.y[i];
  };
  return calibration.diagonal.x.map((x) => ({
    "stated P(heads)": x,
    "Log-p": at(calibration.logprobs, x),
    Sequence: at(calibration.sequence, x),
    "TS-Log-p": at(calibration.scaledLogprobs, x),
  }));
}

/** The mean total variation of each series, for a summary table. */
export function coinCalibrationSummary(calibration: CoinCalibration): { readonly series: string; readonly "mean TV": number }[] {
  return [calibration.logprobs, calibration.sequence, calibration.scaledLogprobs]
    .filter((s): s is CoinSeries => s !== undefined)
    .map((s) => ({ series: s.name, "mean TV": s.meanTotalVariation }));
}

/** One point of a coin series: the stated P(heads), the model's implied P(heads) and their TV. */
export type CoinPointRow = {
  readonly series: string;
  readonly "stated P(heads)": number;
  readonly "implied P(heads)": number;
  /** TV([implied, 1 − implied], [stated, 1 − stated]) = |implied − stated|. */
  readonly TV: number;
};

/**
 * The per-point total variations behind `coinCalibrationSummary`: the first `count` points of
 * each model series (diagonal left out), each with its TV, whose mean is the series' "mean TV".
 * @example
 * coinPointRows(calibration, 3); // 3 rows per series: Log-p, Sequence, TS-Log-p
 */
export function coinPointRows(calibration: CoinCalibration, count = 3): CoinPointRow[] {
  return [calibration.logprobs, calibration.sequence, calibration.scaledLogprobs]
    .filter((s): s is CoinSeries => s !== undefined)
    .flatMap((s) =>
      s.x.slice(0, count).map((x, i) => {
        const y = s.y[i] as number;
        return { series: s.name, "stated P(heads)": x, "implied P(heads)": y, TV: totalVariation([y, 1 - y], [x, 1 - x]) };
      }),
    );
}
