/**
 * Total variation distance between two distributions over the same options (§2 of
 * arXiv:2411.05403): half the L1 distance, the largest difference in probability the two
 * assign to any set of options.
 */
import type { Distribution, LetterDistribution } from "../types";
import { pairwiseSum } from "./pairwise-sum";

/**
 * Total variation distance, TV(p, q) = ½ Σ_j |p_j − q_j|.
 *
 * Lies in [0, 1] for probability vectors; 0 means identical, 1 disjoint supports.
 * Runs in O(K) for K options.
 * @param p a distribution over K options
 * @param q a distribution over the same K options, in the same order
 * @returns the distance
 * @throws {RangeError} when the lengths differ
 * @example
 * totalVariation([0.5, 0.5], [1, 0]); // => 0.5
 */
export function totalVariation(p: ArrayLike<number>, q: ArrayLike<number>): number {
  if (p.length !== q.length) throw new RangeError(`totalVariation: length mismatch (${p.length} vs ${q.length})`);
  const differences = new Float64Array(p.length);
  for (let j = 0; j < p.length; j++) differences[j] = Math.abs((p[j] as number) - (q[j] as number));
  return 0.5 * pairwiseSum(differences);
}

/** A distribution as an array or as a letter-keyed object; objects are read in key order. */
export type DistributionLike = Distribution | LetterDistribution;

/**
 * The values of a distribution in order, as Python's `list(d.values())`: arrays as they are,
 * objects in key order. Objects keep insertion order for letter keys, but JavaScript moves
 * integer-like keys ("0", "1") to the front, so only non-numeric keys are safe. O(K).
 * @param d an array or a letter-keyed object
 * @returns the probabilities in order
 * @example
 * distributionValues({ B: 0.3, A: 0.7 }); // => [0.3, 0.7]
 */
export function distributionValues(d: DistributionLike): readonly number[] {
  return Array.isArray(d) ? (d as Distribution) : Object.values(d as LetterDistribution);
}

/**
 * Total variation distance exactly as the paper's evaluation computed it (docs/protocol.md §5.1):
 * ½ · np.sum(|p − q|) on the two vectors, with NumPy's semantics.
 *
 * - Letter-keyed objects are compared by position, in key order (`list(d.values())`).
 * - Different lengths give NaN, except that a length-1 vector broadcasts against the other.
 * - NaN entries propagate. Two empty vectors give 0; callers skip empty predictions first.
 *
 * Use `totalVariation` for new work; this variant exists for parity with the published numbers.
 * Runs in O(K).
 * @param p the prediction (`avg_actual_results`)
 * @param q the ground truth
 * @returns the distance, or NaN
 * @example
 * paperTotalVariation({ A: 0.2, B: 0.8 }, { A: 0.5, B: 0.5 }); // => 0.30000000000000004
 * paperTotalVariation([0.2, 0.8], [0.2, 0.3, 0.5]);            // => NaN
 * paperTotalVariation([1], [0.25, 0.75]);                      // => 0.5, broadcast: ½(|1 − 0.25| + |1 − 0.75|)
 */
export function paperTotalVariation(p: DistributionLike, q: DistributionLike): number {
  const pv = distributionValues(p);
  const qv = distributionValues(q);
  const length = pv.length === qv.length ? pv.length : pv.length === 1 ? qv.length : qv.length === 1 ? pv.length : -1;
  if (length < 0) return Number.NaN;
  const differences = new Float64Array(length);
  for (let j = 0; j < length; j++) {
    const a = (pv.length === 1 ? pv[0] : pv[j]) as number;
    const b = (qv.length === 1 ? qv[0] : qv[j]) as number;
    differences[j] = Math.abs(a - b);
  }
  return 0.5 * pairwiseSum(differences);
}
