/**
 * Normalised Wasserstein-1 (earth mover's) distance for questions whose options are ordered,
 * such as a 4-point Likert scale: moving mass to a neighbouring option costs less than moving it
 * to the far end, which total variation does not see.
 */

/** Probability mass may differ from 1 by this much before a distribution is rejected. */
const MASS_TOLERANCE = 1e-6;

/**
 * Normalised Wasserstein-1 distance between two distributions over k ordered options:
 * W1(p, q) = Σ_{i<k−1} |F_p(i) − F_q(i)| / (k − 1), with F the cumulative distributions and the
 * options at positions 0, 1, …, k − 1. Unnormalised, W1 is the least total distance mass must
 * travel to turn p into q; its maximum k − 1 is all mass moving from one end to the other, so the
 * normalised value lies in [0, 1]: 0 for equal distributions, 1 for point masses on the two ends.
 * For k = 2 it equals total variation. For k = 1 it is 0. O(k).
 * @param p a distribution over k ordered options (non-negative, summing to 1 within 1e-6)
 * @param q a distribution over the same options, in the same order
 * @returns the distance, in [0, 1]
 * @throws {RangeError} when the lengths differ, are 0, an entry is negative or not finite, or
 *   the two total masses differ by more than 1e-6
 * @example
 * wasserstein1Normalized([1, 0, 0, 0], [0, 0, 0, 1]);     // => 1
 * wasserstein1Normalized([1, 0, 0, 0], [0, 1, 0, 0]);     // => 0.3333333333333333 (one step of three)
 * wasserstein1Normalized([0.5, 0, 0.5], [0, 1, 0]);       // => 0.5 (half the mass moves one step, of two)
 */
export function wasserstein1Normalized(p: ArrayLike<number>, q: ArrayLike<number>): number {
  const where = "wasserstein1Normalized";
  const k = p.length;
  if (q.length !== k) throw new RangeError(`${where}: length mismatch (${k} vs ${q.length})`);
  if (k === 0) throw new RangeError(`${where}: no options`);
  let cumulativeP = 0;
  let cumulativeQ = 0;
  let total = 0;
  for (let i = 0; i < k; i++) {
    const pi = p[i] as number;
    const qi = q[i] as number;
    if (!(pi >= 0 && Number.isFinite(pi)) || !(qi >= 0 && Number.isFinite(qi))) {
      throw new RangeError(`${where}: entries must be finite and non-negative (option ${i}: ${pi}, ${qi})`);
    }
    cumulativeP += pi;
    cumulativeQ += qi;
    if (i < k - 1) total += Math.abs(cumulativeP - cumulativeQ);
  }
  if (Math.abs(cumulativeP - cumulativeQ) > MASS_TOLERANCE) {
    throw new RangeError(`${where}: total masses differ (${cumulativeP} vs ${cumulativeQ})`);
  }
  return k === 1 ? 0 : Math.min(1, total / (k - 1));
}
