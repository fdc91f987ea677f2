/**
 * NumPy's summation order, so that scores computed here equal the paper's to the last bit.
 * `np.sum` of a float64 vector does not add left to right: below 8 values it does, up to 128
 * it keeps 8 running sums, and above that it splits the vector in two and recurses
 * (`pairwise_sum` in NumPy's `loops_utils.h.src`).
 */

const BLOCK_SIZE = 128;

/**
 * Pairwise sum of `values[start .. start + count)` in exactly NumPy's order.
 * Runs in O(n) time and O(log n) stack depth.
 * @param values the numbers to add
 * @param start first index, default 0
 * @param count how many values, default all from `start`
 * @returns the sum (0 for no values; NaN if any value is NaN)
 * @example
 * pairwiseSum([0.1, 0.2, 0.3]); // => 0.6000000000000001, as np.sum gives
 */
export function pairwiseSum(values: ArrayLike<number>, start = 0, count = values.length - start): number {
  if (count < 8) {
    let sum = 0;
    for (let i = start; i < start + count; i++) sum += values[i] as number;
    return sum;
  }
  if (count <= BLOCK_SIZE) {
    let r0 = values[start] as number;
    let r1 = values[start + 1] as number;
    let r2 = values[start + 2] as number;
    let r3 = values[start + 3] as number;
    let r4 = values[start + 4] as number;
    let r5 = values[start + 5] as number;
    let r6 = values[start + 6] as number;
    let r7 = values[start + 7] as number;
    const blocked = count - (count % 8);
    let i = 8;
    for (; i < blocked; i += 8) {
      const at = start + i;
      r0 += values[at] as number;
      r1 += values[at + 1] as number;
      r2 += values[at + 2] as number;
      r3 += values[at + 3] as number;
      r4 += values[at + 4] as number;
      r5 += values[at + 5] as number;
      r6 += values[at + 6] as number;
      r7 += values[at + 7] as number;
    }
    let sum = ((r0 + r1) + (r2 + r3)) + ((r4 + r5) + (r6 + r7));
    for (; i < count; i++) sum += values[start + i] as number;
    return sum;
  }
  let half = Math.floor(count / 2);
  half -= half % 8;
  return pairwiseSum(values, start, half) + pairwiseSum(values, start + half, count - half);
}
