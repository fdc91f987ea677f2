/**
 * The paper's Sequence parser (docs/protocol.md §4.3): letter frequencies of a 30-letter answer.
 */
import { SEQUENCE_ANSWER_CUT } from "../data/known-irregularities";
import type { Dataset } from "../types";
import { extractAnswerText, removeSpaces } from "./answer-text";
import { optionLetters } from "./option-letters";

/** Options of {@link parseSequencePaper}. */
export interface PaperSequenceOptions {
  /**
   * Keep only the first this many characters (code points) before counting. The OpinionQA and NYT
   * runs truncated to 30, the GlobalOpinionQA runs did not: see {@link paperSequenceTruncation}.
   * @default undefined (no truncation)
   */
  readonly truncateToChars?: number;
}

/**
 * The truncation the paper's runs applied to Sequence answers (docs/protocol.md §4.3, as-run): 30 characters
 * for OpinionQA and NYT, none for GlobalOpinionQA (whose stored answers reach 1,255 characters).
 * @param dataset the dataset of the response
 * @returns 30, or undefined for no truncation
 * @example
 * parseSequencePaper(text, 4, { truncateToChars: paperSequenceTruncation("nytimes") });
 */
export function paperSequenceTruncation(dataset: Dataset): number | undefined {
  return SEQUENCE_ANSWER_CUT.chars[dataset] ?? undefined;
}

/**
 * The paper's Sequence prediction (docs/protocol.md §4.3, §3.3): cut at "Answer: ", remove spaces, optionally
 * truncate; then p(letter) = (occurrences of the letter + occurrences of its lowercase) / length, for
 * the first K letters only. Other characters, prose included, lengthen the denominator and lowercase
 * prose letters count as options ("Hereare30…" gives mass to A, E, …). No renormalization.
 * An empty answer gives all zeros (the paper's code would divide by zero; no stored answer is empty).
 *
 * Reproduces all 21,665 stored Sequence predictions.
 * @param response the model's text (raw, or as stored in the result files)
 * @param optionCount number of options K
 * @param options truncation, see {@link PaperSequenceOptions}
 * @returns the prediction for options A…, in letter order
 * @throws {RangeError} when `optionCount` is not an integer in [1, 26] or the truncation is not a positive integer
 * @example
 * parseSequencePaper("A B B C", 3);          // => [0.25, 0.5, 0.25]
 * parseSequencePaper("ABz", 2);              // => [1/3, 1/3]
 */
export function parseSequencePaper(response: string, optionCount: number, options: PaperSequenceOptions = {}): number[] {
  const letters = optionLetters(optionCount);
  const limit = options.truncateToChars;
  if (limit !== undefined && !(Number.isInteger(limit) && limit > 0)) {
    throw new RangeError(`parseSequencePaper: truncateToChars must be a positive integer (${limit})`);
  }
  let chars = Array.from(removeSpaces(extractAnswerText(response)));
  if (limit !== undefined) chars = chars.slice(0, limit);
  if (chars.length === 0) return letters.map(() => 0);
  const counts = new Map<string, number>();
  for (const c of chars) counts.set(c, (counts.get(c) ?? 0) + 1);
  return letters.map((letter) => ((counts.get(letter) ?? 0) + (counts.get(letter.toLowerCase()) ?? 0)) / chars.length);
}
