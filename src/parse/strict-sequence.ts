/**
 * distalign's strict Sequence parser: finds the run of option letters in a response, ignoring prose
 * instead of counting its letters, and returns their frequencies.
 */
import { ANSWER_MARKER, extractAnswerText } from "./answer-text";
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

/** The runs of consecutive letter tokens in a text, and how many prose tokens separate them. */
function letterRuns(text: string, valid: ReadonlySet<string>): { runs: string[][]; proseTokens: number } {
  const runs: string[][] = [];
  let current: string[] | undefined;
  let proseTokens = 0;
  for (const token of text.split(SEPARATORS).flatMap((t) => t.split(CAMEL_BOUNDARY))) {
    if (token === "") continue;
    const chars = Array.from(token);
    const validShare = chars.filter((c) => valid.has(c)).length / chars.length;
    if (/^[A-Z]+$/.test(token) && (chars.length === 1 || chars.length > 12 || validShare >= 0.5)) {
      if (current === undefined) {
        current = [];
        runs.push(current);
      }
      current.push(...chars);
    } else {
      proseTokens++;
      current = undefined;
    }
  }
  return { runs, proseTokens };
}

/**
 * Strict Sequence parser: letter frequencies of the answer sequence.
 *
 * - **Where:** after the first "Answer: " when present (up to a second one). The text is split into
 *   tokens at anything that is not a letter or digit, so "A B C", "A,B,C", "A-B-C" and "ABC" all
 *   read, and where a lowercase letter meets an uppercase one, so a word glued to the letters by
 *   space removal ("EssentialBBAB") stays a separate token.
 * - **Letters:** a token made only of uppercase letters is part of the sequence: one letter, or a
 *   glued run ("CCDBA") if at least half of its letters are options or it is longer than 12 letters
 *   (so "NOTE" or "OK" count as prose). Any other token (lowercase or mixed-case words, numbers) is
 *   prose and never counted: "Hereare30simulatedresponses" yields no letters. Lowercase letter
 *   answers are therefore rejected too.
 * - **Which run:** consecutive letter tokens form a run; the longest is taken, prose around it is
 *   noted. Two runs that both reach `minLetters` option letters fail ("several letter sequences").
 * - **Counts:** fewer than `minLetters` option letters fail ("too few option letters"); letters
 *   outside the options are dropped with a note, or fail when they exceed `maxInvalidFraction` of
 *   the run ("letters outside the options"). Frequencies are renormalized over the option letters;
 *   a count other than `expectedLetters` is noted.
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
  const minLetters = Math.max(1, settings.minLetters ?? 10);
  const maxInvalid = settings.maxInvalidFraction ?? 0.1;
  const expected = settings.expectedLetters ?? 30;
  const notes: string[] = [];
  const text = extractAnswerText(response);
  if (text !== response) notes.push(`read after "${ANSWER_MARKER.trim()}"`);
  if (text.trim() === "") return strictFailure("empty response");

  const valid = new Set(letters);
  const { runs, proseTokens } = letterRuns(text, valid);
  const validCount = (run: readonly string[]) => run.filter((c) => valid.has(c)).length;
  const longest = runs.reduce<string[]>((best, run) => (run.length > best.length ? run : best), []);
  const longRuns = runs.filter((run) => validCount(run) >= minLetters);
  if (longRuns.length > 1) return strictFailure("several letter sequences", longRuns.map((run) => run.length).join(", "));
  const counted = longest.filter((c) => valid.has(c));
  if (counted.length < minLetters) return strictFailure("too few option letters", `${counted.length} < ${minLetters}`);
  const invalid = longest.filter((c) => !valid.has(c));
  const invalidLetters = [...new Set(invalid)].join(", ");
  if (invalid.length / longest.length > maxInvalid) {
    return strictFailure("letters outside the options", `${invalid.length} of ${longest.length}: ${invalidLetters}`);
  }
  if (proseTokens > 0 || runs.length > 1) notes.push("text around the letters ignored");
  if (invalid.length > 0) notes.push(`dropped ${invalid.length} letters outside ${letters[0]}–${letters[letters.length - 1]}: ${invalidLetters}`);
  if (counted.length !== expected) notes.push(`${counted.length} letters (${expected} expected)`);
  return { ok: true, distribution: letters.map((letter) => counted.filter((c) => c === letter).length / counted.length), notes };
}
