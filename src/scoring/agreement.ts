/**
 * Agreement between two raters of the same items beyond chance.
 */

/**
 * Cohen's κ of two raters' labels of the same items: (p_o − p_e) / (1 − p_e), with p_o the share
 * of items both label alike and p_e the agreement expected from each rater's label shares.
 * O(n + k²) for n items and k labels.
 * @param a one label per item
 * @param b one label per item, aligned with `a`
 * @returns κ in [−1, 1]; 1 when both give every item the same single label (p_e = 1), NaN for no items
 * @throws {RangeError} when the lists differ in length
 * @example
 * cohensKappa([1, 2, 3, 3], [1, 2, 3, 2]); // => 0.6363…
 */
export function cohensKappa<T>(a: readonly T[], b: readonly T[]): number {
  if (a.length !== b.length) throw new RangeError(`cohensKappa: the raters label different numbers of items (${a.length} vs ${b.length})`);
  const n = a.length;
  if (n === 0) return Number.NaN;
  const shareA = new Map<T, number>();
  const shareB = new Map<T, number>();
  let same = 0;
  for (let i = 0; i < n; i++) {
    const x = a[i] as T;
    const y = b[i] as T;
    if (x === y) same += 1;
    shareA.set(x, (shareA.get(x) ?? 0) + 1 / n);
    shareB.set(y, (shareB.get(y) ?? 0) + 1 / n);
  }
  const observed = same / n;
  let expected = 0;
  for (const [label, share] of shareA) expected += share * (shareB.get(label) ?? 0);
  if (expected >= 1 - 1e-12) return 1;
  return (observed - expected) / (1 - expected);
}
