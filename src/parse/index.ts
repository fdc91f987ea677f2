/**
 * Response parsing: model text (or top-k log-probabilities) to a distribution over options.
 * Paper-faithful parsers reproduce the published predictions (docs/protocol.md §3.3, §4.2–4.4); strict
 * parsers serve new runs and report what they repaired or why they failed.
 */
export { ANSWER_MARKER, extractAnswerText, removeSpaces } from "./answer-text";
export { MAX_OPTIONS, optionLetters } from "./option-letters";
export { matchOptionKey } from "./option-keys";
export { type PaperVerbalizeOptions, parseVerbalizePaper } from "./paper-verbalize";
export { type PaperSequenceOptions, paperSequenceTruncation, parseSequencePaper } from "./paper-sequence";
export {
  type PaperLogprobsOptions,
  type PaperLogprobsPipeline,
  paperAnswerPosition,
  parseLogprobsPaper,
} from "./paper-logprobs";
export type { TokenLogprobs, TopLogprob } from "./token-logprobs";
export {
  type PythonDictEntry,
  type PythonLiteralResult,
  type PythonValue,
  parsePythonLiteral,
  pythonDictGet,
} from "./python-literal";
export { dropLastCodePoint, pythonFloat, pythonIntOfFloat, pythonStrip } from "./python-float";
export {
  type OptionSpec,
  type StrictFailureReason,
  type StrictParseFailure,
  type StrictParseResult,
  type StrictParseSuccess,
} from "./strict-result";
export { type StrictVerbalizeOptions, parseVerbalizeStrict } from "./strict-verbalize";
export { type StrictSequenceOptions, parseSequenceStrict } from "./strict-sequence";
export { type StrictLogprobsOptions, parseLogprobsStrict } from "./strict-logprobs";
export { type StrictParseInput, type StrictParseSettings, parseStrict } from "./strict";
export { type ParseRateSummary, summarizeParseRate } from "./parse-rate";
