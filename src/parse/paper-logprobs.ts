/**
 * The paper's Log-p parser (docs/protocol.md §4.4): probability mass of the option-letter tokens among the
 * top-20 alternatives at the answer position. The result files keep only the answer token, so this
 * parser serves new runs that need paper-comparable Log-p numbers.
 */
import { ANSWER_MARKER } from "./answer-text";
import { optionLetters } from "./option-letters";
import { pythonStrip } from "./python-float";
import type { TokenLogprobs } from "./token-logprobs";

/** Which of the paper's two Log-p pipelines to follow. */
export type PaperLogprobsPipeline = "openai" | "llama";

/** Options of {@link parseLogprobsPaper}. */
export interface PaperLogprobsOptions {
  /**
   * `"openai"` (gpt-3.5, gpt-4): the answer position is the last position when the text contains
   * "Answer: ", else the first. `"llama"`: always the first generated position.
   */
  readonly pipeline: PaperLogprobsPipeline;
  /**
   * How alternatives whose stripped tokens coincide (" A" and "A") combine. The OpenAI pipeline sums
   * their probabilities; the Llama pipeline built a dict from (token, probability) pairs, so the last
   * (least likely) one wins.
   * @default "sum" for "openai", "last" for "llama"
   */
  readonly duplicateTokens?: "sum" | "last";
  /**
   * Also count lowercase tokens ("a") for their letter. The stored data cannot tell whether the
   * paper did (docs/protocol.md §4.4); the shipped code's lowercasing cannot have produced it.
   * @default false
   */
  readonly mergeLowercase?: boolean;
}

/**
 * The index of the answer position in the paper's pipelines (docs/protocol.md §4.4): for OpenAI models the
 * last content token if the text contains "Answer: ", else the first; for Llama the first.
 * @param positionCount number of generated positions (at least 1)
 * @param generatedText the full generated text
 * @param pipeline "openai" or "llama"
 * @returns a position index
 * @throws {RangeError} when there is no position
 * @example
 * paperAnswerPosition(3, "Answer: B", "openai"); // => 2
 * paperAnswerPosition(3, "B", "openai");         // => 0
 */
export function paperAnswerPosition(positionCount: number, generatedText: string, pipeline: PaperLogprobsPipeline): number {
  if (!(Number.isInteger(positionCount) && positionCount > 0)) {
    throw new RangeError(`paperAnswerPosition: no generated position (${positionCount})`);
  }
  return pipeline === "openai" && generatedText.includes(ANSWER_MARKER) ? positionCount - 1 : 0;
}

/**
 * The paper's Log-p prediction (docs/protocol.md §4.4): at the answer position, each top-k alternative's token
 * is stripped of whitespace and its probability exp(logprob) is credited to the option letter it
 * equals (uppercase, first K letters). Letters absent from the top-k get 0. No renormalization.
 * @param positions per-position top-k log-probabilities, e.g. OpenAI's `logprobs.content`
 * @param generatedText the full generated text (decides the position for OpenAI models)
 * @param optionCount number of options K
 * @param options pipeline and token-merging rules, see {@link PaperLogprobsOptions}
 * @returns the prediction for options A…, in letter order
 * @throws {RangeError} for an empty `positions` list or an `optionCount` outside [1, 26]
 * @example
 * const positions = [{ top_logprobs: [{ token: "B", logprob: Math.log(0.6) }, { token: " B", logprob: Math.log(0.1) },
 *   { token: "A", logprob: Math.log(0.2) }, { token: "b", logprob: Math.log(0.05) }] }];
 * parseLogprobsPaper(positions, "B", 3, { pipeline: "openai" }); // => [0.2, 0.7, 0] (up to rounding)
 */
export function parseLogprobsPaper(
  positions: readonly TokenLogprobs[],
  generatedText: string,
  optionCount: number,
  options: PaperLogprobsOptions,
): number[] {
  const letters = optionLetters(optionCount);
  const position = positions[paperAnswerPosition(positions.length, generatedText, options.pipeline)];
  const combine = options.duplicateTokens ?? (options.pipeline === "openai" ? "sum" : "last");
  const mass = new Map<string, number>();
  for (const alternative of position?.top_logprobs ?? []) {
    let token = pythonStrip(alternative.token);
    if (options.mergeLowercase ?? false) token = token.toUpperCase();
    const probability = Math.exp(alternative.logprob);
    mass.set(token, combine === "sum" ? (mass.get(token) ?? 0) + probability : probability);
  }
  return letters.map((letter) => mass.get(letter) ?? 0);
}
