/**
 * Sample quantiles with NumPy's default method, so that bootstrap intervals match `np.percentile`.
 */

/**
 * Linear interpolation between a and b at t ∈ [0, 1], computed from the nearer end as NumPy's
 * `_lerp` does, so that results are bit-identical to NumPy and exact at t = 1.
 */
function lerp(a: number, b: number, t: number): number {
  const difference = b - a;
  return t >= 0.5 ? b - difference * (1 - t) : a + difference * t;
}

/**
 * The p-quantile of values that are already sorted ascending; see `quantileLinear`. O(1).
 * @internal exported for the bootstrap, which sorts once for both ends of the interval
 */
export function quantileLinearSorted(sorted: ArrayLike<number>, p: number): number {
  const n = sorted.length;
  if (Number.isNaN(sorted[n - 1] as number)) return Number.NaN; // NaN sorts last, as in NumPy
  const virtualIndex = (n - 1) * p;
  if (virtualIndex >= n - 1) return sorted[n - 1] as number;
  const previous = Math.floor(virtualIndex);
  return lerp(sorted[previous] as number, sorted[previous + 1] as number, virtualIndex - previous);
}

/**
 * Sample quantile by linear interpolation between order statistics: NumPy's default
 * (`np.quantile(x, p)`, `np.percentile(x, 100p)`, method "linear", type 7 of Hyndman & Fan 1996).
 *
 * With the values sorted as x_(0) ≤ … ≤ x_(n−1), let h = (n − 1)·p and i = ⌊h⌋; the quantile is
 * x_(i) + (h − i)·(x_(i+1) − x_(i)). Any NaN in the values gives NaN, as in NumPy.
 * Sorts a copy: O(n log n).
 * @param values one or more numbers, in any order (not modified)
 * @param p the probability, in [0, 1]
 * @returns the p-quantile
 * @throws {RangeError} when values is empty or p is outside [0, 1]
 * @example
 * quantileLinear([1, 2, 3, 4], 0.5);   // => 2.5   (h = 1.5)
 * quantileLinear([1, 2, 3, 4, 10], 0.975); // => 9.399999999999999 (h = 3.9: 4 + 0.9·6, as np.percentile gives)
 */
export function quantileLinear(values: ArrayLike<number>, p: number): number {
  if (values.length === 0) throw new RangeError("quantileLinear requires at least one value");
  if (!(p >= 0 && p <= 1)) throw new RangeError(`quantileLinear: p must be in [0, 1] (${p})`);
  const sorted = Float64Array.from(values).sort();
  return quantileLinearSorted(sorted, p);
}
