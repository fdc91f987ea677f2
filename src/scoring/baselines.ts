/**
 * Reference predictors that bracket model scores (docs/protocol.md §5.3): a uniform guess, and
 * one-hot guesses on the most and least likely option of some distribution.
 *
 * The paper's "LB1"/"LB2" rows one-hot gpt-3.5's Sequence prediction; a "majority" baseline
 * one-hots the human distribution instead. Both are `oneHotArgmax` applied to a different input.
 */
/**
 * The uniform distribution over as many options as `p` has: 1/K each (the paper's `uniform`).
 * O(K).
 * @param p any distribution; only its length is used
 * @returns K copies of 1/K (empty for empty input)
 * @example
 * uniformLike([0.7, 0.2, 0.1, 0]); // => [0.25, 0.25, 0.25, 0.25]
 */
export function uniformLike(p: ArrayLike<number>): number[] {
  return Array.from({ length: p.length }, () => 1 / p.length);
}

function oneHotAt(length: number, index: number): number[] {
  const out = new Array<number>(length).fill(0);
  if (index >= 0) out[index] = 1;
  return out;
}

function checkEntries(where: string, p: ArrayLike<number>): void {
  for (let j = 0; j < p.length; j++) {
    if (Number.isNaN(p[j] as number)) throw new RangeError(`${where}: entry ${j} is NaN`);
  }
}

/**
 * One-hot on the first largest entry of `p` (argmax, ties to the lowest index, as `np.argmax`).
 * Applied to gpt-3.5's Sequence prediction this is the paper's "LB1"; applied to the human
 * distribution it is a majority-answer baseline. O(K).
 * @param p a distribution without NaN
 * @returns 1 at the argmax, 0 elsewhere (empty for empty input)
 * @throws {RangeError} when an entry is NaN
 * @example
 * oneHotArgmax([0.2, 0.4, 0.4]); // => [0, 1, 0]
 */
export function oneHotArgmax(p: ArrayLike<number>): number[] {
  checkEntries("oneHotArgmax", p);
  let best = -1;
  for (let j = 0; j < p.length; j++) if (best < 0 || (p[j] as number) > (p[best] as number)) best = j;
  return oneHotAt(p.length, best);
}

/**
 * One-hot on the first smallest entry of `p` (argmin, ties to the lowest index, as `np.argmin`).
 * Applied to gpt-3.5's Sequence prediction this is the paper's "LB2". O(K).
 * @param p a distribution without NaN
 * @returns 1 at the argmin, 0 elsewhere (empty for empty input)
 * @throws {RangeError} when an entry is NaN
 * @example
 * oneHotArgmin([0.2, 0, 0.8, 0]); // => [0, 1, 0, 0]
 */
export function oneHotArgmin(p: ArrayLike<number>): number[] {
  checkEntries("oneHotArgmin", p);
  let best = -1;
  for (let j = 0; j < p.length; j++) if (best < 0 || (p[j] as number) < (p[best] as number)) best = j;
  return oneHotAt(p.length, best);
}
