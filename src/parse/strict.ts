/**
 * distalign's strict parsers in one call: a response of any expression method (docs/protocol.md §3.2)
 * to a renormalized distribution with notes, or a failure with a reason.
 */
import type { Method } from "../types";
import { type StrictLogprobsOptions, parseLogprobsStrict } from "./strict-logprobs";
import type { OptionSpec, StrictParseResult } from "./strict-result";
import { type StrictSequenceOptions, parseSequenceStrict } from "./strict-sequence";
import { type StrictVerbalizeOptions, parseVerbalizeStrict } from "./strict-verbalize";
import type { TokenLogprobs } from "./token-logprobs";

/** What a completion offers to parse: its text and, for Log-p, the per-position top-k log-probabilities. */
export interface StrictParseInput {
  readonly text: string;
  readonly logprobs?: readonly TokenLogprobs[];
}

/** Per-method settings of {@link parseStrict}; each defaults as in its parser. */
export interface StrictParseSettings {
  readonly verbalize?: StrictVerbalizeOptions;
  readonly sequence?: StrictSequenceOptions;
  readonly logprobs?: StrictLogprobsOptions;
}

/**
 * Strict parse of a response for an expression method: `parseVerbalizeStrict`, `parseSequenceStrict`
 * or `parseLogprobsStrict` on the matching part of the input.
 * @param method "verbalize", "sequence" or "logprobs"
 * @param input the completion's text and log-probabilities
 * @param options the option texts in letter order, or only their number
 * @param settings per-method settings
 * @returns the distribution with notes, or a failure with reason and detail
 * @throws {TypeError} for "logprobs" without `input.logprobs`
 * @throws {RangeError} when the number of options is outside [1, 26]
 * @example
 * parseStrict("verbalize", { text: "{'A': '30%', 'B': '70%'}" }, 2); // => { ok: true, distribution: [0.3, 0.7], notes: [] }
 */
export function parseStrict(
  method: Method,
  input: StrictParseInput,
  options: OptionSpec,
  settings: StrictParseSettings = {},
): StrictParseResult {
  switch (method) {
    case "verbalize":
      return parseVerbalizeStrict(input.text, options, settings.verbalize);
    case "sequence":
      return parseSequenceStrict(input.text, options, settings.sequence);
    case "logprobs":
      if (input.logprobs === undefined) throw new TypeError("parseStrict: logprobs method needs input.logprobs");
      return parseLogprobsStrict(input.logprobs, options, settings.logprobs);
  }
}
