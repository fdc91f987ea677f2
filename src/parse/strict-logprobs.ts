/**
 * distalign's strict Log-p parser: the option letters' share of the top-k probability mass at the
 * answer position, renormalized over the options, provided the options hold most of that mass.
 */
import {
  type OptionSpec,
  type StrictParseResult,
  formatNumber,
  resolveOptions,
  strictFailure,
} from "./strict-result";
import type { TokenLogprobs } from "./token-logprobs";

/** Options of {@link parseLogprobsStrict}. */
export interface StrictLogprobsOptions {
  /**
   * Which generated position holds the answer. `"auto"`: the first position whose emitted token,
   * stripped of whitespace, is an option letter; else the first position with an option letter among
   * its alternatives. `"first"`, `"last"` or an index select directly.
   * @default "auto"
   */
  readonly position?: "auto" | "first" | "last" | number;
  /**
   * Also credit lowercase tokens ("a") to their letter. Off by default because "a" is also the English
   * article, which a model may start an answer with.
   * @default false
   */
  readonly mergeLowercase?: boolean;
  /**
   * The least option mass (summed probability of the option-letter tokens in the top-k at the
   * answer position) for an answer to count. @default MIN_OPTION_MASS
   */
  readonly minOptionMass?: number;
}

/**
 * The default option-mass floor: an answer whose option letters hold less than half of the
 * probability at the answer position is a parse failure ("option mass below floor"), not a
 * renormalized distribution. Below one half, most of the model's probability went to something
 * other than an answer (a word, a refusal, a preamble), and renormalizing would turn, say, 3% of
 * mass on two letters into a confident distribution describing a minority of the model's
 * behaviour. At or above one half, the options are the model's majority behaviour, and
 * renormalization only redistributes the remainder. On the paper's published Log-p outputs
 * (gpt-3.5-turbo-0125, gpt-4, llama3-70b: 12,039 distinct answers over the three datasets and
 * three steerings), 139 stored option masses are below 0.5 (21, 2 and 116 respectively): the
 * floor removes about 1% of those answers, concentrated in the model that most often answers
 * with something other than a letter.
 */
export const MIN_OPTION_MASS = 0.5;

/** Whitespace and punctuation, which may surround a letter in a token ("A", " A", "A.", "(A)", "**A"). */
const AROUND_LETTER = /[\s\p{P}]/gu;

/** The option index of a token: apart from whitespace and punctuation, its text is an option letter. */
function letterIndex(token: string, letters: readonly string[], mergeLowercase: boolean): number | undefined {
  if (typeof token !== "string") return undefined;
  const stripped = token.replace(AROUND_LETTER, "");
  const index = letters.indexOf(mergeLowercase ? stripped.toUpperCase() : stripped);
  return index < 0 ? undefined : index;
}

function choosePosition(
  positions: readonly TokenLogprobs[],
  letters: readonly string[],
  settings: StrictLogprobsOptions,
): number | undefined {
  const choice = settings.position ?? "auto";
  const merge = settings.mergeLowercase ?? false;
  if (choice === "first") return positions.length > 0 ? 0 : undefined;
  if (choice === "last") return positions.length > 0 ? positions.length - 1 : undefined;
  if (typeof choice === "number") {
    if (!Number.isInteger(choice) || choice < 0) throw new RangeError(`parseLogprobsStrict: position must be a non-negative integer (${choice})`);
    return choice < positions.length ? choice : undefined;
  }
  const emitted = positions.findIndex((p) => p.token !== undefined && letterIndex(p.token, letters, merge) !== undefined);
  if (emitted >= 0) return emitted;
  const offered = positions.findIndex((p) => Array.isArray(p.top_logprobs) && p.top_logprobs.some((alt) => letterIndex(alt.token, letters, merge) !== undefined));
  return offered >= 0 ? offered : undefined;
}

/**
 * Strict Log-p parser: at the answer position, every top-k alternative whose token is an option
 * letter apart from whitespace and punctuation adds exp(logprob) to that letter (so " A", "A" and
 * "A." are summed; "As" or "Answer" count for nothing); lowercase tokens only with
 * `mergeLowercase`. The letters' total is renormalized to 1, with a note giving the mass found;
 * letters absent from the top-k get 0 (noted). Fails when no option letter appears ("no option
 * letter in top-k"), when the letters hold less than `minOptionMass` ("option mass below floor",
 * see {@link MIN_OPTION_MASS}), when the answer position carries no alternatives at all ("no top
 * log-probabilities", e.g. a llama.cpp server's entries without `top_logprobs`) or a logprob is
 * not a finite number ≤ 0 ("invalid logprob").
 * @param positions per-position top-k log-probabilities, e.g. OpenAI's `logprobs.content`
 * @param options the option texts in letter order, or only their number
 * @param settings position choice and lowercase merging, see {@link StrictLogprobsOptions}
 * @returns the distribution with notes, or a failure with reason and detail
 * @throws {RangeError} for an option count outside [1, 26] or a negative position index
 * @example
 * parseLogprobsStrict([{ token: "B", top_logprobs: [{ token: "B", logprob: -0.2 }, { token: " A", logprob: -2 }] }], 3);
 * // => { ok: true, distribution: [0.142, 0.858, 0], notes: ["renormalized from option mass 0.954", "absent from top-k: C"] }
 */
export function parseLogprobsStrict(
  positions: readonly TokenLogprobs[],
  options: OptionSpec,
  settings: StrictLogprobsOptions = {},
): StrictParseResult {
  const { letters } = resolveOptions(options);
  const merge = settings.mergeLowercase ?? false;
  const floor = settings.minOptionMass ?? MIN_OPTION_MASS;
  if (!(floor >= 0 && floor <= 1)) throw new RangeError(`parseLogprobsStrict: minOptionMass must be in [0, 1] (${floor})`);
  if (!Array.isArray(positions)) return strictFailure("no top log-probabilities", "no positions");
  const index = choosePosition(positions, letters, settings);
  const position = index === undefined ? undefined : positions[index];
  if (position === undefined) {
    const bare = positions.length > 0 && positions.every((p) => !Array.isArray(p?.top_logprobs) || p.top_logprobs.length === 0);
    return bare ? strictFailure("no top log-probabilities", `${positions.length} positions without alternatives`) : strictFailure("no option letter in top-k", `${positions.length} positions`);
  }
  if (!Array.isArray(position.top_logprobs) || position.top_logprobs.length === 0) {
    return strictFailure("no top log-probabilities", `position ${index}`);
  }
  const mass = letters.map(() => 0);
  const seen = letters.map(() => 0);
  for (const alternative of position.top_logprobs) {
    if (!(typeof alternative?.logprob === "number" && Number.isFinite(alternative.logprob) && alternative.logprob <= 1e-9)) {
      return strictFailure("invalid logprob", `${JSON.stringify(alternative?.token)}: ${alternative?.logprob}`);
    }
    const j = letterIndex(alternative.token, letters, merge);
    if (j === undefined) continue;
    mass[j] = (mass[j] ?? 0) + Math.exp(alternative.logprob);
    seen[j] = (seen[j] ?? 0) + 1;
  }
  const total = mass.reduce((a, b) => a + b, 0);
  if (total === 0) return strictFailure("no option letter in top-k", `position ${index}`);
  if (total < floor) return strictFailure("option mass below floor", `${formatNumber(total)} < ${floor}`);
  const notes: string[] = [];
  if (index !== 0) notes.push(`answer at position ${index}`);
  const merged = letters.filter((_, j) => (seen[j] ?? 0) > 1);
  if (merged.length > 0) notes.push(`summed several tokens for ${merged.join(", ")}`);
  if (Math.abs(total - 1) > 1e-9) notes.push(`renormalized from option mass ${formatNumber(total)}`);
  const absent = letters.filter((_, j) => seen[j] === 0);
  if (absent.length > 0) notes.push(`absent from top-k: ${absent.join(", ")}`);
  return { ok: true, distribution: mass.map((m) => m / total), notes };
}
