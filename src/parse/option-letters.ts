/**
 * Option letters: option j of a question is shown as the j-th capital letter (A, B, C, …).
 */

/** The largest number of options that single letters can label. */
export const MAX_OPTIONS = 26;

/**
 * The letters of the first `optionCount` options.
 * @param optionCount number of options, an integer in [1, 26]
 * @returns ["A", "B", …]
 * @throws {RangeError} when `optionCount` is not an integer in [1, 26]
 * @example
 * optionLetters(3); // => ["A", "B", "C"]
 */
export function optionLetters(optionCount: number): string[] {
  if (!Number.isInteger(optionCount) || optionCount < 1 || optionCount > MAX_OPTIONS) {
    throw new RangeError(`optionLetters: option count must be an integer in [1, ${MAX_OPTIONS}] (${optionCount})`);
  }
  return Array.from({ length: optionCount }, (_, j) => String.fromCharCode(65 + j));
}
