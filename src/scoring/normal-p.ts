/**
 * A two-sided p-value from the bootstrap's standard error (the bootstrap z test). The percentile
 * p-value (`bootstrapPValue`) cannot go below 2/(B + 1), so with B = 1000 replicates and Holm's
 * correction over m tests nothing can be rejected once m · 0.002 > α (m > 25 at α = 0.05); the
 * z test resolves small p-values from the same replicates.
 */
import { pairwiseSum } from "./pairwise-sum";

/**
 * The complementary error function, erfc(x) = 1 − erf(x), by the Chebyshev fit of Numerical
 * Recipes (`erfcc`, fractional error below 1.2e-7 everywhere). O(1).
 * @example
 * erfc(0); // => 1 (within 1.2e-7)
 */
export function erfc(x: number): number {
  const z = Math.abs(x);
  const t = 1 / (1 + 0.5 * z);
  const r =
    t *
    Math.exp(
      -z * z -
        1.26551223 +
        t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
    );
  return x >= 0 ? r : 2 - r;
}

/**
 * Two-sided p-value of "the statistic is 0" from a normal approximation with the bootstrap
 * standard error: p = erfc(|θ̂| / (se·√2)), se the standard deviation of the replicates. With
 * se = 0 (every replicate equal), p is 1 when θ̂ = 0 and 0 otherwise. O(B).
 * @param estimate the statistic on the data
 * @param replicates its bootstrap replicates (at least 2)
 * @returns p in [0, 1]
 * @throws {RangeError} with fewer than two replicates or a non-finite value
 * @example
 * bootstrapZPValue(0, [1, -1, 1, -1]); // => 1
 */
export function bootstrapZPValue(estimate: number, replicates: ArrayLike<number>): number {
  const B = replicates.length;
  if (B < 2) throw new RangeError(`bootstrapZPValue: need at least 2 replicates (${B})`);
  const values = Float64Array.from(replicates);
  if (!Number.isFinite(estimate) || values.some((v) => !Number.isFinite(v))) throw new RangeError("bootstrapZPValue: non-finite estimate or replicate");
  const mean = pairwiseSum(values) / B;
  const squares = values.map((v) => (v - mean) * (v - mean));
  const se = Math.sqrt(pairwiseSum(squares) / (B - 1));
  if (!(se > 0)) return estimate === 0 ? 1 : 0;
  return Math.min(1, erfc(Math.abs(estimate) / (se * Math.SQRT2)));
}
