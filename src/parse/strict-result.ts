/**
 * The outcome of a strict parse (distalign's own parsers, for new runs and the corrected evaluation):
 * a renormalized distribution with notes on every repair, or a failure with a reason. A strict parser
 * never turns an unreadable answer into zeros.
 */
import { optionLetters } from "./option-letters";

/** Why a strict parse failed. Stable phrases, so failures can be counted by reason. */
export type StrictFailureReason =
  | "empty response"
  | "no object with option keys"
  | "malformed object"
  | "several different objects"
  | "unknown option key"
  | "non-numeric value"
  | "negative value"
  | "all values zero"
  | "sum far from 1"
  | "too few option letters"
  | "letters outside the options"
  | "several letter sequences"
  | "no option letter in top-k"
  | "option mass below floor"
  | "no top log-probabilities"
  | "invalid logprob";

/** A parsed answer. */
export interface StrictParseSuccess {
  readonly ok: true;
  /** Probabilities of options A…, in option order, summing to 1. */
  readonly distribution: number[];
  /** Every repair or assumption made, e.g. "renormalized from 0.97", "duplicate key B: last value kept". */
  readonly notes: string[];
}

/** An answer that could not be read. */
export interface StrictParseFailure {
  readonly ok: false;
  /** The category, for counting (see {@link summarizeParseRate}). */
  readonly reason: StrictFailureReason;
  /** The reason with the values at fault, e.g. `sum far from 1 (0.62)`. */
  readonly detail: string;
}

/** Result of a strict parser. */
export type StrictParseResult = StrictParseSuccess | StrictParseFailure;

/**
 * The options of a question as the strict parsers take them: the option texts (keys may then be
 * texts too), or only their number.
 */
export type OptionSpec = number | readonly string[];

/**
 * The option letters and, when given, the option texts of an {@link OptionSpec}.
 * @param options option texts in letter order, or their number
 * @returns the letters A… and the texts (undefined when only a number was given)
 * @throws {RangeError} outside [1, 26] options
 * @example
 * resolveOptions(["Yes", "No"]); // => { letters: ["A", "B"], texts: ["Yes", "No"] }
 */
export function resolveOptions(options: OptionSpec): { readonly letters: string[]; readonly texts: readonly string[] | undefined } {
  const count = typeof options === "number" ? options : options.length;
  return { letters: optionLetters(count), texts: typeof options === "number" ? undefined : options };
}

/**
 * A failure with its reason and, when given, the values at fault appended in parentheses.
 * @param reason the failure category
 * @param values the values at fault, already formatted
 * @returns the failure result
 * @example
 * strictFailure("sum far from 1", "0.5"); // => { ok: false, reason: "sum far from 1", detail: "sum far from 1 (0.5)" }
 */
export function strictFailure(reason: StrictFailureReason, values?: string): StrictParseFailure {
  return { ok: false, reason, detail: values === undefined ? reason : `${reason} (${values})` };
}

/**
 * Formats a number for a note or a failure detail, with at most 4 significant digits.
 * @param value the number
 * @returns its short decimal form
 * @example
 * formatNumber(0.96999); // => "0.97"
 */
export function formatNumber(value: number): string {
  return Number.isInteger(value) ? String(value) : String(Number(value.toPrecision(4)));
}
