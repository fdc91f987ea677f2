/**
 * The sampling noise floor: how far the empirical distribution of n respondents lies, on
 * average, from the distribution they were drawn from. A ground truth estimated from n
 * respondents carries this error, so even a perfect simulator is expected to score about
 * this much, not 0.
 *
 * Both distances are sums of terms that each depend on one binomial count, so their expectations
 * have closed forms (linearity of expectation): with X ~ Multinomial(n, p), each X_j is
 * Binomial(n, p_j), so E TV = ½ Σ_j E|X_j/n − p_j|; and n·F̂(i) = Σ_{j≤i} X_j is Binomial(n, F(i)),
 * so E W1 = Σ_{i<k−1} E|n·F̂(i)/n − F(i)| / (k − 1). Each term is de Moivre's mean absolute
 * deviation of a binomial (`binomialNoiseFloor`). The enumeration of every outcome and the
 * simulation compute the same expectation by other routes.
 */
import { type Rng, uniformFiller } from "../random";
import { pairwiseSum } from "./pairwise-sum";
import { totalVariation } from "./total-variation";
import { wasserstein1Normalized } from "./wasserstein";

/** A distance between two distributions over the same options. */
export type FloorMetric = "tv" | "w1";

/** How `noiseFloor` computes the expectation. */
export type FloorMethod = "closed-form" | "enumeration" | "simulation";

/** Options of `noiseFloor`. */
export interface NoiseFloorOptions {
  /** The distance. @default "tv" */
  readonly metric?: FloorMetric;
  /** The computation. @default "closed-form" (exact for every n and k) */
  readonly method?: FloorMethod;
  /** Largest number of multinomial outcomes the enumeration may visit. @default 200000 */
  readonly maxOutcomes?: number;
  /** Source of uniforms; required by the simulation. */
  readonly rng?: Rng;
  /** Number of simulated samples of n respondents. @default 20000 */
  readonly draws?: number;
}

/** The expected distance, how it was computed, and its Monte-Carlo error. */
export interface NoiseFloor {
  /** E[d(p, p̂_n)], with p̂_n the empirical distribution of n draws from p. */
  readonly value: number;
  /** The computation used. */
  readonly method: FloorMethod;
  /** Binomial terms summed (closed form), outcomes enumerated, or samples drawn. */
  readonly count: number;
  /** Standard error of `value`: 0 unless simulated. */
  readonly standardError: number;
}

/** Number of outcomes of n draws over k options, C(n + k − 1, k − 1) (Infinity beyond 2^53). */
export function multinomialOutcomeCount(n: number, k: number): number {
  let count = 1;
  for (let i = 1; i <= k - 1; i++) {
    count = (count * (n + i)) / i;
    if (count > Number.MAX_SAFE_INTEGER) return Number.POSITIVE_INFINITY;
  }
  return Math.round(count);
}

function checkDistribution(where: string, p: ArrayLike<number>): Float64Array {
  if (p.length === 0) throw new RangeError(`${where}: no options`);
  const v = Float64Array.from(p);
  for (let i = 0; i < v.length; i++) {
    const x = v[i] as number;
    if (!(x >= 0 && Number.isFinite(x))) throw new RangeError(`${where}: entry ${i} must be finite and >= 0 (${x})`);
  }
  const total = pairwiseSum(v);
  if (Math.abs(total - 1) > 1e-6) throw new RangeError(`${where}: probabilities must sum to 1 (${total})`);
  for (let i = 0; i < v.length; i++) v[i] = (v[i] as number) / total;
  return v;
}

function distance(metric: FloorMetric, p: Float64Array, q: Float64Array): number {
  return metric === "tv" ? totalVariation(p, q) : wasserstein1Normalized(p, q);
}

/**
 * Closed form of the noise floor for two options: E|X/n − p| with X ~ Binomial(n, p), which is
 * the expected total variation (and W1) between (p, 1 − p) and its empirical estimate. By de
 * Moivre's formula for the mean absolute deviation of a binomial, with m = ⌊np⌋,
 * E|X − np| = 2 (m + 1) C(n, m + 1) p^(m+1) (1 − p)^(n−m), so the floor is that divided by n.
 * Computed in logarithms, so it holds for large n. O(n).
 * @param p the probability of the first option, in [0, 1]
 * @param n the number of respondents, ≥ 1
 * @returns E|X/n − p|
 * @throws {RangeError} when p is outside [0, 1] or n is not a positive integer
 * @example
 * binomialNoiseFloor(0.5, 1); // => 0.5
 * binomialNoiseFloor(0.5, 2); // => 0.25  (|0 − ½|·¼ + 0·½ + |1 − ½|·¼)
 */
export function binomialNoiseFloor(p: number, n: number): number {
  if (!(p >= 0 && p <= 1)) throw new RangeError(`binomialNoiseFloor: p must be in [0, 1] (${p})`);
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`binomialNoiseFloor: n must be a positive integer (${n})`);
  if (p === 0 || p === 1) return 0;
  const m = Math.floor(n * p);
  if (m >= n) return 0;
  // log C(n, m + 1) = Σ_{i=1}^{m+1} log((n − m − 1 + i) / i)
  let logChoose = 0;
  for (let i = 1; i <= m + 1; i++) logChoose += Math.log((n - m - 1 + i) / i);
  const logValue = Math.log(2 * (m + 1)) + logChoose + (m + 1) * Math.log(p) + (n - m) * Math.log1p(-p);
  return Math.exp(logValue) / n;
}

/**
 * Expected distance between a distribution p over k options and the empirical distribution of
 * n independent draws from it, E[d(p, X/n)] with X ~ Multinomial(n, p): the score a perfect
 * simulator is expected to get against a ground truth estimated from n respondents.
 *
 * - `closed-form` (default): the sum of binomial mean absolute deviations derived in this
 *   module's header; exact for every n and k, O(k · n).
 * - `enumeration`: every count vector with its multinomial probability (from log-factorials);
 *   exact, and refused beyond `maxOutcomes` outcomes C(n + k − 1, k − 1). O(outcomes · k).
 * - `simulation`: `draws` samples of n respondents from `rng` (each an inverse-CDF draw from one
 *   uniform), with the standard error of the mean. O(draws · n · k).
 * @param p the true distribution (non-negative, summing to 1 within 1e-6)
 * @param n the number of respondents, ≥ 1
 * @param options `metric` ("tv" or "w1"), `method`, `maxOutcomes` (200000), `rng`, `draws` (20000)
 * @returns the expected distance, the method, the term, outcome or sample count and the standard error
 * @throws {RangeError} on an invalid p, n or option, an enumeration beyond `maxOutcomes`, or a simulation without rng
 * @example
 * noiseFloor([0.5, 0.5], 2).value;                                       // => 0.25
 * noiseFloor([0.25, 0.25, 0.25, 0.25], 19).value;                        // ≈ 0.1597 (19 respondents, 4 options)
 * noiseFloor([0.25, 0.25, 0.25, 0.25], 19, { method: "enumeration" }).count; // => 1540 outcomes, same value
 */
export function noiseFloor(p: ArrayLike<number>, n: number, options: NoiseFloorOptions = {}): NoiseFloor {
  const where = "noiseFloor";
  const metric = options.metric ?? "tv";
  const method = options.method ?? "closed-form";
  if (metric !== "tv" && metric !== "w1") throw new RangeError(`${where}: unknown metric (${String(metric)})`);
  if (method !== "closed-form" && method !== "enumeration" && method !== "simulation") {
    throw new RangeError(`${where}: unknown method (${String(method)})`);
  }
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`${where}: n must be a positive integer (${n})`);
  const maxOutcomes = options.maxOutcomes ?? 200_000;
  if (!(maxOutcomes >= 0)) throw new RangeError(`${where}: maxOutcomes must be >= 0 (${maxOutcomes})`);
  const truth = checkDistribution(where, p);
  const k = truth.length;
  if (method === "closed-form") {
    let value = 0;
    let cumulative = 0;
    if (metric === "tv") {
      for (let j = 0; j < k; j++) value += binomialNoiseFloor(truth[j] as number, n);
      return { value: value / 2, method, count: k, standardError: 0 };
    }
    for (let i = 0; i < k - 1; i++) {
      cumulative += truth[i] as number;
      value += binomialNoiseFloor(Math.min(1, cumulative), n);
    }
    return { value: k === 1 ? 0 : value / (k - 1), method, count: k - 1, standardError: 0 };
  }
  if (method === "enumeration") {
    const outcomes = multinomialOutcomeCount(n, k);
    if (outcomes > maxOutcomes) {
      throw new RangeError(`${where}: ${outcomes} outcomes exceed maxOutcomes (${maxOutcomes})`);
    }
    return { value: exactFloor(metric, truth, n), method, count: outcomes, standardError: 0 };
  }

  const draws = options.draws ?? 20_000;
  if (!Number.isInteger(draws) || draws < 2) throw new RangeError(`${where}: draws must be an integer >= 2 (${draws})`);
  const rng = options.rng;
  if (typeof rng !== "function") throw new RangeError(`${where}: the simulation needs an rng`);
  const cdf = new Float64Array(k);
  let running = 0;
  for (let j = 0; j < k; j++) cdf[j] = running += truth[j] as number;
  cdf[k - 1] = 1;
  const counts = new Float64Array(k);
  const empirical = new Float64Array(k);
  const uniforms = new Float64Array(n);
  const fill = uniformFiller(rng);
  const values = new Float64Array(draws);
  for (let d = 0; d < draws; d++) {
    counts.fill(0);
    fill(uniforms, n);
    for (let i = 0; i < n; i++) {
      const u = uniforms[i] as number;
      let j = 0;
      while (j < k - 1 && u >= (cdf[j] as number)) j++;
      counts[j] = (counts[j] as number) + 1;
    }
    for (let j = 0; j < k; j++) empirical[j] = (counts[j] as number) / n;
    values[d] = distance(metric, truth, empirical);
  }
  const value = pairwiseSum(values) / draws;
  let squares = 0;
  for (let d = 0; d < draws; d++) squares += ((values[d] as number) - value) ** 2;
  return { value, method: "simulation", count: draws, standardError: Math.sqrt(squares / (draws - 1) / draws) };
}

/** Σ over all count vectors x (Σx = n) of P(x) · d(p, x/n), by depth-first enumeration. */
function exactFloor(metric: FloorMetric, p: Float64Array, n: number): number {
  const k = p.length;
  const logFactorial = new Float64Array(n + 1);
  for (let i = 2; i <= n; i++) logFactorial[i] = (logFactorial[i - 1] as number) + Math.log(i);
  const logP = Float64Array.from(p, (x) => Math.log(x));
  const counts = new Int32Array(k);
  const empirical = new Float64Array(k);
  let total = 0;
  // logWeight = Σ_{j<i} (x_j log p_j − log x_j!) so far; the last option takes the remainder.
  const visit = (i: number, remaining: number, logWeight: number): void => {
    if (i === k - 1) {
      counts[i] = remaining;
      if (remaining > 0 && p[i] === 0) return;
      const w = logWeight + (remaining > 0 ? remaining * (logP[i] as number) : 0) - (logFactorial[remaining] as number);
      for (let j = 0; j < k; j++) empirical[j] = (counts[j] as number) / n;
      total += Math.exp((logFactorial[n] as number) + w) * distance(metric, p, empirical);
      return;
    }
    for (let x = 0; x <= remaining; x++) {
      if (x > 0 && p[i] === 0) break;
      counts[i] = x;
      visit(i + 1, remaining - x, logWeight + (x > 0 ? x * (logP[i] as number) : 0) - (logFactorial[x] as number));
    }
  };
  visit(0, n, 0);
  return total;
}
