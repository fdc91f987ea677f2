/**
 * Held-out temperature scaling: the temperature that scores a question is fitted on other
 * questions only (k-fold by question), so the score does not reward fitting the items it is
 * scored on.
 */
import type { Rng } from "../random";
import { applyTemperature, fitTemperature, type FitTemperatureOptions, type TemperaturePair } from "./temperature";
import { totalVariation } from "./total-variation";

/** An item of a fitting pool with its question, which decides its fold. */
export interface QuestionTemperaturePair extends TemperaturePair {
  readonly question: string;
}

/** Options of `crossValidatedTemperature`. */
export interface CrossValidatedTemperatureOptions extends FitTemperatureOptions {
  /** Source of uniforms for the fold assignment, e.g. `mulberry32(seed)`. */
  readonly rng: Rng;
  /** Number of folds, at least 2 and at most the number of questions. @default 5 */
  readonly folds?: number;
}

/** One fold's fit. */
export interface FoldFit {
  /** τ fitted on the other folds' questions. */
  readonly temperature: number;
  /** Whether τ lies within 10·xatol of a search bound (the fit would go further if it could). */
  readonly onBound: boolean;
  /** Number of items scored with this τ. */
  readonly items: number;
}

/** Held-out and in-sample temperature-scaled scores. */
export interface CrossValidatedTemperature {
  /** Per item, in input order: TV of the prediction scaled by its fold's held-out τ. */
  readonly heldOutScores: number[];
  /** Per item: TV of the prediction scaled by the τ fitted on all items (the paper's). */
  readonly inSampleScores: number[];
  /** Per item: its fold, 0 … folds − 1. */
  readonly foldOfItem: number[];
  /** Per fold: its held-out fit. */
  readonly folds: FoldFit[];
  /** The fit on all items, with whether it sits on a bound. */
  readonly inSample: { readonly temperature: number; readonly onBound: boolean };
}

/**
 * Assigns each distinct question to one of `folds` folds: the questions, in order of first
 * appearance, are shuffled by Fisher–Yates with `rng` (one uniform per swap, from the last
 * position down), and the question at shuffled position i goes to fold i mod folds. So folds
 * differ in size by at most one question, and the same rng seed gives the same folds. O(Q).
 * @param questions the question of each item (repeats allowed)
 * @param folds number of folds, 2 ≤ folds ≤ distinct questions
 * @param rng source of uniforms
 * @returns a map from question to fold
 * @throws {RangeError} when folds is out of range
 * @example
 * assignFolds(["q1", "q1", "q2", "q3"], 3, mulberry32(0)).size; // => 3
 */
export function assignFolds(questions: readonly string[], folds: number, rng: Rng): Map<string, number> {
  const distinct = [...new Set(questions)];
  if (!Number.isInteger(folds) || folds < 2 || folds > distinct.length) {
    throw new RangeError(`assignFolds: folds must be an integer in [2, ${distinct.length}] (${folds})`);
  }
  for (let i = distinct.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    const t = distinct[i] as string;
    distinct[i] = distinct[j] as string;
    distinct[j] = t;
  }
  return new Map(distinct.map((q, i) => [q, i % folds]));
}

/**
 * K-fold-by-question held-out temperature scaling. Questions are split into folds
 * (`assignFolds`); for each fold, τ is fitted (`fitTemperature`, same bounds and tolerances) on
 * the items of all other folds, and the fold's items are scored as TV(p̃(τ), q). The in-sample
 * fit on all items, as the paper did, is returned beside it, and each fit reports whether it
 * sits on a search bound: then the bound, not the data, chose τ.
 * O(folds · fit cost).
 * @param items predictions, targets and questions; empty predictions are not allowed here
 * @param options `rng` (required), `folds` (5), and `fitTemperature`'s `lower`, `upper`, `xatol`, `maxiter`
 * @returns held-out and in-sample scores per item, the fold of each item, and the fits
 * @throws {RangeError} on an empty pool, an empty prediction, a length mismatch or bad folds
 * @example
 * const cv = crossValidatedTemperature(items, { rng: mulberry32(0), folds: 5 });
 * cv.folds.map((f) => f.temperature); cv.inSample.onBound;
 */
export function crossValidatedTemperature(
  items: readonly QuestionTemperaturePair[],
  options: CrossValidatedTemperatureOptions,
): CrossValidatedTemperature {
  const where = "crossValidatedTemperature";
  if (items.length === 0) throw new RangeError(`${where}: no items`);
  items.forEach((item, i) => {
    if (item.prediction.length === 0) throw new RangeError(`${where}: item ${i}: empty prediction`);
    if (item.prediction.length !== item.expected.length) {
      throw new RangeError(`${where}: item ${i}: length mismatch (${item.prediction.length} vs ${item.expected.length})`);
    }
  });
  const folds = options.folds ?? 5;
  const lower = options.lower ?? 0;
  const upper = options.upper ?? 10;
  const xatol = options.xatol ?? 1e-5;
  const fitOptions: FitTemperatureOptions = { lower, upper, xatol, maxiter: options.maxiter };
  const onBound = (tau: number): boolean => tau - lower < 10 * xatol || upper - tau < 10 * xatol;
  const foldOf = assignFolds(
    items.map((item) => item.question),
    folds,
    options.rng,
  );
  const foldOfItem = items.map((item) => foldOf.get(item.question) as number);
  const heldOutScores = new Array<number>(items.length);
  const fits: FoldFit[] = [];
  for (let f = 0; f < folds; f++) {
    const fit = fitTemperature(
      items.filter((_, i) => foldOfItem[i] !== f),
      fitOptions,
    );
    let scored = 0;
    items.forEach((item, i) => {
      if (foldOfItem[i] !== f) return;
      heldOutScores[i] = totalVariation(applyTemperature(item.prediction, fit.temperature), item.expected);
      scored++;
    });
    fits.push({ temperature: fit.temperature, onBound: onBound(fit.temperature), items: scored });
  }
  const all = fitTemperature(items, fitOptions);
  return {
    heldOutScores,
    inSampleScores: items.map((item) => totalVariation(applyTemperature(item.prediction, all.temperature), item.expected)),
    foldOfItem,
    folds: fits,
    inSample: { temperature: all.temperature, onBound: onBound(all.temperature) },
  };
}
