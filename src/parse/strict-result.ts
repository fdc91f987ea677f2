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

/** The number of options and, when given, their texts. @throws {RangeError} outside [1, 26] options */
export function resolveOptions(options: OptionSpec): { readonly letters: string[]; readonly texts: readonly string[] | undefined } {
  const count = typeof options === "number" ? options : options.length;
  return { letters: optionLetters(count), texts: typeof options === "number" ? undefined : options };
}

/** Builds a failure. */
export function strictFailure(reason: StrictFailureReason, values?: string): StrictParseFailure {
  return { ok: false, reason, detail: values === undefined ? reason : `${reason} (${values})` };
}

/** Formats a number for a note or detail: at most 4 significant digits. */
export function formatNumber(value: number): string {
  return Number.isInteger(value) ? String(value) : String(Number(value.toPrecision(4)));
}
