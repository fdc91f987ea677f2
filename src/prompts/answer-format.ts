/**
 * How questions and answers are written in prompts: lettered options, percentages, the
 * percentage dict of Verbalize and the letter sequences of Sequence and Log-p (docs/protocol.md §2.4, §3.2).
 */
import { optionLetters } from "../parse/option-letters";
import type { Rng } from "../random";
import type { Method } from "../types";

/** Letters per Sequence answer: 30 simulated respondents (§3.1 of arXiv:2411.05403). */
export const SEQUENCE_LETTERS = 30;

/**
 * The options of a question, one per line: `'A'. text` (Verbalize, Sequence) or `A. text`
 * (Log-p, whose answer is a single letter token, as in the paper's Log-p prompt files).
 * @example
 * letteredOptions(["Yes", "No"], "verbalize"); // => "'A'. Yes\n'B'. No"
 */
export function letteredOptions(options: readonly string[], method: Method): string {
  const letters = optionLetters(options.length);
  return options.map((text, j) => (method === "logprobs" ? `${letters[j]}. ${text}` : `'${letters[j]}'. ${text}`)).join("\n");
}

/**
 * ⌊100·p⌋ as the prompts show it. A tolerance of 1e-9 keeps binary rounding from turning
 * 0.29 into 28.
 * @example
 * wholePercent(0.456); // => 45
 */
export function wholePercent(p: number): number {
  return Math.floor(100 * p + 1e-9);
}

/**
 * The Verbalize answer: `{'A': '45%', 'B': '3%'}` with ⌊100·p⌋ per option.
 * @example
 * percentageDict([0.456, 0.544]); // => "{'A': '45%', 'B': '54%'}"
 */
export function percentageDict(distribution: readonly number[]): string {
  const letters = optionLetters(distribution.length);
  return `{${distribution.map((p, j) => `'${letters[j]}': '${wholePercent(p)}%'`).join(", ")}}`;
}

/**
 * Draws option letters i.i.d. from a distribution (inverse CDF on the injected generator).
 * Mass lost to rounding goes to the last option with positive probability.
 * @param distribution probabilities over options A, B, …
 * @param count letters to draw
 * @param rng the generator
 * @returns the letters drawn, in order
 * @throws {RangeError} when the distribution has no positive mass
 * @example
 * drawLetters([0, 1], 3, mulberry32(0)); // => ["B", "B", "B"]
 */
export function drawLetters(distribution: readonly number[], count: number, rng: Rng): string[] {
  const letters = optionLetters(distribution.length);
  const total = distribution.reduce((a, b) => a + (b > 0 ? b : 0), 0);
  if (!(total > 0)) throw new RangeError(`drawLetters: distribution has no positive mass (${distribution.join(", ")})`);
  let last = 0;
  distribution.forEach((p, j) => {
    if (p > 0) last = j;
  });
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    let u = rng() * total;
    let chosen = last;
    for (let j = 0; j < distribution.length; j++) {
      const p = distribution[j] as number;
      if (!(p > 0)) continue;
      if (u < p) {
        chosen = j;
        break;
      }
      u -= p;
    }
    out.push(letters[chosen] as string);
  }
  return out;
}

/**
 * The answer of an example in a method's format: the percentage dict (Verbalize), 30 letters
 * drawn from the distribution, space-separated (Sequence), or one drawn letter (Log-p).
 * @param distribution the example's distribution
 * @param method the expression method
 * @param rng the generator for the drawn letters
 */
export function exampleAnswer(distribution: readonly number[], method: Method, rng: Rng): string {
  if (method === "verbalize") return percentageDict(distribution);
  return drawLetters(distribution, method === "sequence" ? SEQUENCE_LETTERS : 1, rng).join(" ");
}
