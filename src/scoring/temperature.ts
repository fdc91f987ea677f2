/**
 * Temperature scaling of log-probability predictions (docs/protocol.md §4.5, the paper's TS-Log-p):
 * one temperature τ per model, dataset and steering, fitted to minimize total variation.
 */
import { minimizeScalarBounded } from "./fminbound";
import { pairwiseSum } from "./pairwise-sum";

/** One item of a fitting pool: a raw prediction and the distribution it should match. */
export interface TemperaturePair {
  /** The model's probabilities over the options (e.g. `avg_actual_results` of a Log-p file). */
  readonly prediction: ArrayLike<number>;
  /** The target distribution over the same options, in the same order. */
  readonly expected: ArrayLike<number>;
}

/** Options of `fitTemperature`: the search interval and SciPy's stopping rules. */
export interface FitTemperatureOptions {
  /** Lower end of the search interval (never evaluated). @default 0 */
  readonly lower?: number;
  /** Upper end of the search interval (never evaluated). @default 10 */
  readonly upper?: number;
  /** Absolute tolerance on τ. @default 1e-5 */
  readonly xatol?: number;
  /** Maximum number of objective evaluations. @default 500 */
  readonly maxiter?: number;
}

/** A fitted temperature. */
export interface TemperatureFit {
  /** The fitted τ (the search start point when the objective is NaN). */
  readonly temperature: number;
  /** Σ TV(p̃, q) over the pool at τ; NaN if any prediction is all zero. */
  readonly objective: number;
  /** Objective evaluations used. */
  readonly iterations: number;
  /** False when the evaluation limit was hit or a NaN was met (SciPy `success`). */
  readonly converged: boolean;
}

/**
 * Temperature-scaled distribution: p̃_j = p_j^(1/τ) / Σ_k p_k^(1/τ).
 *
 * τ > 1 flattens the distribution, τ < 1 sharpens it, τ = 1 only renormalizes. Computed as the
 * paper's NumPy code does (`p ** (1/τ)`, then divide by `np.sum`), so an all-zero p gives a NaN
 * vector (0/0) and an empty p stays empty. O(K).
 * @param p probabilities (need not sum to 1)
 * @param temperature τ, a positive number
 * @returns the rescaled distribution
 * @throws {RangeError} when τ is not a positive number
 * @example
 * applyTemperature([0.8, 0.2], 2); // => [0.6666666666666666, 0.3333333333333333]  (√0.8 : √0.2 = 2 : 1)
 */
export function applyTemperature(p: ArrayLike<number>, temperature: number): number[] {
  if (!(temperature > 0)) throw new RangeError(`applyTemperature: temperature must be positive (${temperature})`);
  const exponent = 1.0 / temperature;
  const powered = new Float64Array(p.length);
  for (let j = 0; j < p.length; j++) powered[j] = (p[j] as number) ** exponent;
  const total = pairwiseSum(powered);
  return Array.from(powered, (v) => v / total);
}

/** Pool items with their lengths checked; empty predictions contribute 0 and are left out. */
function preparePool(where: string, pool: Iterable<TemperaturePair>): TemperaturePair[] {
  const items: TemperaturePair[] = [];
  let index = 0;
  for (const item of pool) {
    if (item.prediction.length > 0) {
      if (item.prediction.length !== item.expected.length) {
        throw new RangeError(
          `${where}: length mismatch at item ${index} (${item.prediction.length} vs ${item.expected.length})`,
        );
      }
      items.push(item);
    }
    index++;
  }
  return items;
}

function poolObjective(items: readonly TemperaturePair[], temperature: number): number {
  let total = 0;
  let differences = new Float64Array(0);
  for (const { prediction, expected } of items) {
    const scaled = applyTemperature(prediction, temperature);
    if (differences.length !== scaled.length) differences = new Float64Array(scaled.length);
    for (let j = 0; j < scaled.length; j++) differences[j] = Math.abs((scaled[j] as number) - (expected[j] as number));
    total += 0.5 * pairwiseSum(differences);
  }
  return total;
}

/**
 * The temperature-scaling objective: Σ_i TV(p̃_i(τ), q_i) over a pool, summed in pool order as
 * the paper's `rescale_prob` does. Empty predictions contribute 0 (as `[]` does in NumPy).
 * NaN as soon as one prediction is all zero. O(Σ K).
 * @param pool the items to score
 * @param temperature τ > 0
 * @returns the summed total variation
 * @throws {RangeError} when τ is not positive or a prediction and its target differ in length
 * @example
 * temperatureObjective([{ prediction: [0.9, 0.1], expected: [0.75, 0.25] }], 1); // => 0.15000000000000002
 */
export function temperatureObjective(pool: Iterable<TemperaturePair>, temperature: number): number {
  if (!(temperature > 0)) throw new RangeError(`temperatureObjective: temperature must be positive (${temperature})`);
  return poolObjective(preparePool("temperatureObjective", pool), temperature);
}

/**
 * Fits one temperature to a pool by minimizing Σ TV(p̃(τ), q) over τ ∈ (lower, upper) with
 * SciPy's bounded Brent search (`minimize_scalar(method="bounded")`, ported exactly in
 * `minimizeScalarBounded`), as the paper's `temperature_scaling.py` did with bounds (0, 10).
 *
 * The fit reproduces the paper's τ to the last digits when given the same pool in the same
 * order (docs/protocol.md §4.5: all questions of all scored groups). If any prediction is all zero the
 * objective is NaN everywhere and the search stays at its start point,
 * lower + 0.381966·(upper − lower) ≈ 3.8197 for (0, 10), with `converged: false`.
 * O(evaluations · Σ K), typically 25–40 evaluations.
 * @param pool the items to fit on; empty predictions are ignored
 * @param options `lower` (0), `upper` (10), `xatol` (1e-5), `maxiter` (500)
 * @returns τ, the objective there, the evaluation count and whether SciPy would report success
 * @throws {RangeError} on invalid bounds or options, or a length mismatch in the pool
 * @example
 * fitTemperature([{ prediction: [0.99, 0.01], expected: [0.7, 0.3] }]).temperature; // ≈ 5.4 (where 0.99^(1/τ) share = 0.7)
 */
export function fitTemperature(pool: Iterable<TemperaturePair>, options: FitTemperatureOptions = {}): TemperatureFit {
  const lower = options.lower ?? 0;
  const upper = options.upper ?? 10;
  if (!(lower >= 0) || !(upper > lower) || !Number.isFinite(upper)) {
    throw new RangeError(`fitTemperature: need 0 <= lower < upper < Infinity (${lower}, ${upper})`);
  }
  const items = preparePool("fitTemperature", pool);
  const result = minimizeScalarBounded((tau) => poolObjective(items, tau), lower, upper, {
    xatol: options.xatol,
    maxiter: options.maxiter,
  });
  return {
    temperature: result.x,
    objective: result.fun,
    iterations: result.evaluations,
    converged: result.success,
  };
}
