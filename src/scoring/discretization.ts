/**
 * Discretization error (docs/protocol.md §5.3, the paper's `ground_truth` baseline): how far from the
 * true distribution q an honest simulator lands when it reports the frequencies of n draws
 * from q. This is the floor that a 30-letter Sequence answer cannot beat on average.
 */
import type { Rng } from "../random";
import { pairwiseSum } from "./pairwise-sum";

/** Options of the discretization error. */
export interface DiscretizationOptions {
  /** Number of draws per simulated answer (the Sequence method asks for 30 letters). @default 30 */
  readonly samples?: number;
}

/** Options of the Monte-Carlo discretization error. */
export interface MonteCarloDiscretizationOptions extends DiscretizationOptions {
  /** Source of uniform numbers in [0, 1). */
  readonly rng: Rng;
  /** Number of simulated answers to average over. @default 1000 */
  readonly draws?: number;
}

/** Options of `discretizationErrors`. */
export interface DiscretizationListOptions extends DiscretizationOptions {
  /**
   * Reproduce the paper's loop *(as-run)*: stop at the first question whose q sums to 0 and
   * return only the questions before it (OQA task0 ends after 40 questions, 15 for Male).
   * When false, such questions score NaN in place, to be dropped like other NaN scores.
   * @default false
   */
  readonly stopAtZeroMass?: boolean;
  /** Estimate by simulation instead of the exact sum, as the paper did (unseeded). @default undefined (exact) */
  readonly monteCarlo?: { readonly rng: Rng; readonly draws?: number };
}

function checkSamples(where: string, samples: number): void {
  if (!Number.isInteger(samples) || samples < 1) {
    throw new RangeError(`${where}: samples must be a positive integer (${samples})`);
  }
}

/** Σq after checking every entry is a non-negative number; NaN-free by construction. */
function mass(where: string, q: ArrayLike<number>): number {
  let total = 0;
  for (let j = 0; j < q.length; j++) {
    const v = q[j] as number;
    if (!(v >= 0) || v === Number.POSITIVE_INFINITY) {
      throw new RangeError(`${where}: entry ${j} is not a non-negative finite number (${v})`);
    }
    total += v;
  }
  return total;
}

/**
 * Binomial coefficients C(n, 0..n) by the multiplicative rule C(n, x) = C(n, x−1)·(n−x+1)/x.
 * Every intermediate is an integer below 2^53 for n ≤ 56, so the values are exact there.
 */
function binomialCoefficients(n: number): Float64Array {
  const c = new Float64Array(n + 1);
  c[0] = 1;
  for (let x = 1; x <= n; x++) c[x] = ((c[x - 1] as number) * (n - x + 1)) / x;
  return c;
}

/**
 * Exact discretization error of one question:
 * E = ½ Σ_j Σ_{x=0..n} Bin(x; n, q_j/Σq) · |x/n − q_j|.
 *
 * Draws are taken from q normalized (as `random.choices` does with weights q), but the
 * distance is measured to q as given, exactly as the paper's simulation does; for a q that
 * sums to 1 the two agree. Each option's count is binomial, and TV is a sum over options, so
 * the expectation needs no enumeration of multinomial outcomes. O(K·n).
 * @param q the group's distribution (non-negative; need not sum exactly to 1)
 * @param options `samples` (n), default 30
 * @returns the expected TV between the frequencies of n draws and q; NaN when q sums to 0 or is empty
 * @throws {RangeError} on a negative, NaN or infinite entry, or a bad `samples`
 * @example
 * discretizationError([0.5, 0.5], { samples: 2 }); // => 0.25: each option ¼·½ + ½·0 + ¼·½ = ¼, and ½(¼ + ¼)
 */
export function discretizationError(q: ArrayLike<number>, options: DiscretizationOptions = {}): number {
  const samples = options.samples ?? 30;
  checkSamples("discretizationError", samples);
  const total = mass("discretizationError", q);
  if (!(total > 0)) return Number.NaN;
  const coefficients = binomialCoefficients(samples);
  const terms = new Float64Array(q.length);
  for (let j = 0; j < q.length; j++) {
    const qj = q[j] as number;
    const pi = qj / total;
    let expected = 0;
    for (let x = 0; x <= samples; x++) {
      const probability = (coefficients[x] as number) * pi ** x * (1 - pi) ** (samples - x);
      expected += probability * Math.abs(x / samples - qj);
    }
    terms[j] = expected;
  }
  return 0.5 * pairwiseSum(terms);
}

/**
 * Index of the first cumulative weight strictly above x among cumulative[lo .. hi), else hi:
 * Python's `bisect.bisect_right`, which `random.choices` uses.
 */
function bisectRight(cumulative: Float64Array, x: number, hi: number): number {
  let lo = 0;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (x < (cumulative[mid] as number)) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/**
 * Monte-Carlo discretization error of one question, as the paper estimated it: `draws` times,
 * draw `samples` options i.i.d. with weights q (a port of Python's `random.choices`:
 * cumulative weights, u·Σq, `bisect_right`), take the frequencies f and compute
 * ½ Σ_j |f_j − q_j|; return the average. Converges to `discretizationError`.
 * O(draws · (samples · log K + K)).
 * @param q the group's distribution (non-negative)
 * @param options `rng` (required), `samples` (default 30), `draws` (default 1000)
 * @returns the average TV; NaN when q sums to 0 or is empty (Python raises there)
 * @throws {RangeError} on a negative, NaN or infinite entry, or bad `samples`/`draws`
 * @example
 * discretizationErrorMonteCarlo([0.3, 0.7], { rng: mulberry32(1) }); // ≈ discretizationError([0.3, 0.7])
 */
export function discretizationErrorMonteCarlo(q: ArrayLike<number>, options: MonteCarloDiscretizationOptions): number {
  const where = "discretizationErrorMonteCarlo";
  const samples = options.samples ?? 30;
  const draws = options.draws ?? 1000;
  checkSamples(where, samples);
  if (!Number.isInteger(draws) || draws < 1) throw new RangeError(`${where}: draws must be a positive integer (${draws})`);
  const total = mass(where, q);
  if (!(total > 0)) return Number.NaN;
  const k = q.length;
  const cumulative = new Float64Array(k);
  let running = 0;
  for (let j = 0; j < k; j++) cumulative[j] = running += q[j] as number;
  const counts = new Float64Array(k);
  const differences = new Float64Array(k);
  const distances = new Float64Array(draws);
  for (let d = 0; d < draws; d++) {
    counts.fill(0);
    for (let s = 0; s < samples; s++) {
      const index = bisectRight(cumulative, options.rng() * total, k - 1);
      counts[index] = (counts[index] as number) + 1;
    }
    for (let j = 0; j < k; j++) differences[j] = Math.abs((counts[j] as number) / samples - (q[j] as number));
    distances[d] = 0.5 * pairwiseSum(differences);
  }
  return pairwiseSum(distances) / draws;
}

/**
 * Discretization error of each question of a pool, exact by default or simulated with
 * `monteCarlo`. A question whose q sums to 0 (possible with the OQA task0 ground truth,
 * docs/protocol.md §5.1) scores NaN, or ends the list with `stopAtZeroMass`, which is what the paper's
 * loop did. The paper's `ground_truth` row for a group is the list this returns with
 * `stopAtZeroMass: true` and a Monte-Carlo estimate.
 * O(Σ K·n) exact.
 * @param expected the ground-truth distribution of each question, in order
 * @param options `samples`, `stopAtZeroMass`, `monteCarlo`
 * @returns one value per question (fewer with `stopAtZeroMass`)
 * @throws {RangeError} as `discretizationError`
 * @example
 * discretizationErrors([[1, 0], [0, 0], [0.5, 0.5]], { stopAtZeroMass: true }); // => [0]
 */
export function discretizationErrors(
  expected: Iterable<ArrayLike<number>>,
  options: DiscretizationListOptions = {},
): number[] {
  const out: number[] = [];
  for (const q of expected) {
    const value =
      options.monteCarlo === undefined
        ? discretizationError(q, options)
        : discretizationErrorMonteCarlo(q, { ...options.monteCarlo, samples: options.samples });
    if (Number.isNaN(value) && options.stopAtZeroMass === true) break;
    out.push(value);
  }
  return out;
}
