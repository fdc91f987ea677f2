/**
 * Holm–Bonferroni adjustment of a family of p-values (Holm 1979): controls the family-wise
 * error rate for any dependence between the tests, and is uniformly more powerful than Bonferroni.
 */

/**
 * Holm-adjusted p-values. With the m p-values sorted ascending, p_(1) ≤ … ≤ p_(m), the adjusted
 * value of p_(i) is max_{j ≤ i} min(1, (m − j + 1) · p_(j)); each is returned at the position of
 * its p-value. Rejecting every hypothesis whose adjusted value is ≤ α is Holm's step-down test.
 * Adjusted values are ≥ the raw ones, ≤ 1, and in the same order as the raw ones (ties stay
 * tied). Equivalently (closed testing with Bonferroni tests), the adjusted value of p_i is the
 * largest |S| · min_{j∈S} p_j over the subsets S of the family that contain i.
 * O(m log m).
 * @param pValues the family's p-values, each in [0, 1]
 * @returns the adjusted p-values, in input order (empty for an empty family)
 * @throws {RangeError} when a p-value is NaN or outside [0, 1]
 * @example
 * holmAdjust([0.01, 0.04, 0.03, 0.005]); // => [0.03, 0.06, 0.06, 0.02]
 */
export function holmAdjust(pValues: ArrayLike<number>): number[] {
  const m = pValues.length;
  for (let i = 0; i < m; i++) {
    const p = pValues[i] as number;
    if (!(p >= 0 && p <= 1)) throw new RangeError(`holmAdjust: p-value ${i} must be in [0, 1] (${p})`);
  }
  const order = Array.from({ length: m }, (_, i) => i).sort(
    (x, y) => (pValues[x] as number) - (pValues[y] as number) || x - y,
  );
  const adjusted = new Array<number>(m);
  let running = 0;
  for (let rank = 0; rank < m; rank++) {
    const i = order[rank] as number;
    running = Math.max(running, Math.min(1, (m - rank) * (pValues[i] as number)));
    adjusted[i] = running;
  }
  return adjusted;
}
