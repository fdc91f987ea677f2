/**
 * distalign's strict Sequence parser: finds the run of option letters in a response, ignoring prose
 * instead of counting its letters, and returns their frequencies.
 */
import { ANSWER_MARKER } from "./answer-text";
import {
  type OptionSpec,
  type StrictParseResult,
  resolveOptions,
  strictFailure,
} from "./strict-result";

/** Options of {@link parseSequenceStrict}. */
export interface StrictSequenceOptions {
  /** Fewer valid option letters than this fail ("too few option letters"). @default 10 */
  readonly minLetters?: number;
  /**
   * Largest accepted share of uppercase letters outside the options (e.g. "E" with options A–D)
   * among the letters of the run; they are dropped with a note. Beyond it the parse fails.
   * @default 0.1
   */
  readonly maxInvalidFraction?: number;
  /** Number of letters the prompt asked for; another count is noted. @default 30 */
  readonly expectedLetters?: number;
}

/** Characters that separate letters: whitespace and punctuation, but not letters or digits. */
const SEPARATORS = /[^\p{L}\p{N}]+/u;
/** A lowercase letter followed by an uppercase one: where a word glued to the letters ends ("EssentialBBAB"). */
const CAMEL_BOUNDARY = /(?<=\p{Ll})(?=\p{Lu})/u;

interface LetterRun {
  readonly letters: string[];
}

/**
 * Strict Sequence parser: letter frequencies of the answer sequence.
 *
 * - **Where:** after the first "Answer: " when present (up to a second one). The text is split into
 *   tokens at anything that is not a letter or digit, so "A B C", "A,B,C", "A-B-C" and "ABC" all read,
 *   and where a lowercase letter meets an uppercase one, so a word glued to the letters by space
 *   removal ("EssentialBBAB") stays a separate token.
 * - **Letters:** a token made only of uppercase letters is part of the sequence: one letter, or a glued
 *   run ("CCDBA") if at least half of its letters are options or it is longer than 12 letters (so
 *   "NOTE" or "OK" count as prose). Any other token (lowercase or mixed-case words, numbers) is prose and is
 *   never counted: "Hereare30simulatedresponses" yields no letters. Lowercase letter answers are
 *   therefore rejected too.
 * - **Which run:** consecutive letter tokens form a run; the longest is taken, prose around it is
 *   noted. Two runs that both reach `minLetters` fail ("several letter sequences").
 * - **Counts:** fewer than `minLetters` option letters fail ("too few option letters"); letters
 *   outside the options are dropped with a note, or fail when they exceed `maxInvalidFraction` of the
 *   run ("letters outside the options"). Frequencies are
 *   renormalized over the valid letters; a count other than `expectedLetters` is noted.
 * @param response the model's text
 * @param options the option texts in letter order, or only their number
 * @param settings thresholds, see {@link StrictSequenceOptions}
 * @returns the distribution with notes, or a failure with reason and detail
 * @throws {RangeError} when the number of options is outside [1, 26]
 * @example
 * parseSequenceStrict("Answer: A B A C A B A A B C A A", 3).ok; // => true (12 letters, noted)
 * parseSequenceStrict("Hereare30simulatedresponsesfro", 4);
 * // => { ok: false, reason: "too few option letters", detail: "too few option letters (0 < 10)" }
 */
export function parseSequenceStrict(
  response: string,
  options: OptionSpec,
  settings: StrictSequenceOptions = {},
): StrictParseResult {
  const { letters } = resolveOptions(options);
  const minLetters = settings.minLetters ?? 10;
  const maxInvalid = settings.maxInvalidFraction ?? 0.1;
  const expected = settings.expectedLetters ?? 30;
  const notes: string[] = [];
  let text = response;
  const marker = text.indexOf(ANSWER_MARKER);
  if (marker >= 0) {
    const from = marker + ANSWER_MARKER.length;
    const end = text.indexOf(ANSWER_MARKER, from);
    text = end < 0 ? text.slice(from) : text.slice(from, end);
    notes.push(`read after "${ANSWER_MARKER.trim()}"`);
  }
  if (text.trim() === "") return strictFailure("empty response");

  const valid = new Set(letters);
  const runs: LetterRun[] = [];
  let current: string[] | undefined;
  let proseTokens = 0;
  for (const token of text.split(SEPARATORS).flatMap((t) => t.split(CAMEL_BOUNDARY))) {
    if (token === "") continue;
    const chars = Array.from(token);
    const isLetters = /^[A-Z]+$/.test(token);
    const validShare = chars.filter((c) => valid.has(c)).length / chars.length;
    if (isLetters && (chars.length === 1 || chars.length > 12 || validShare >= 0.5)) {
      if (current === undefined) {
        current = [];
        runs.push({ letters: current });
      }
      current.push(...chars);
    } else {
      proseTokens++;
      current = undefined;
    }
  }
  const longest = runs.reduce<LetterRun | undefined>((best, run) => (best === undefined || run.letters.length > best.letters.length ? run : best), undefined);
  if (longest === undefined) return strictFailure("too few option letters", `0 < ${minLetters}`);
  const longRuns = runs.filter((run) => run.letters.filter((c) => valid.has(c)).length >= minLetters);
  if (longRuns.length > 1) {
    return strictFailure("several letter sequences", longRuns.map((run) => run.letters.length).join(", "));
  }
  const invalid = longest.letters.filter((c) => !valid.has(c));
  const counted = longest.letters.filter((c) => valid.has(c));
  if (counted.length < Math.max(1, minLetters)) {
    return strictFailure("too few option letters", `${counted.length} < ${Math.max(1, minLetters)}`);
  }
  if (invalid.length / longest.letters.length > maxInvalid) {
    return strictFailure("letters outside the options", `${invalid.length} of ${longest.letters.length}: ${[...new Set(invalid)].join(", ")}`);
  }
  if (proseTokens > 0 || runs.length > 1) notes.push("text around the letters ignored");
  if (invalid.length > 0) {
    notes.push(`dropped ${invalid.length} letters outside ${letters[0]}–${letters[letters.length - 1]}: ${[...new Set(invalid)].join(", ")}`);
  }
  if (counted.length !== expected) notes.push(`${counted.length} letters (${expected} expected)`);
  const distribution = letters.map((letter) => counted.filter((c) => c === letter).length / counted.length);
  return { ok: true, distribution, notes };
}
