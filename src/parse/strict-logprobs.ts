/**
 * distalign's strict Log-p parser: the option letters' share of the top-k probability mass at the
 * answer position, renormalized over the options.
 */
import { pythonStrip } from "./python-float";
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
}

/** The option index of a token: its whitespace-stripped text is an option letter. */
function letterIndex(token: string, letters: readonly string[], mergeLowercase: boolean): number | undefined {
  const stripped = pythonStrip(token);
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
  const offered = positions.findIndex((p) => p.top_logprobs.some((alt) => letterIndex(alt.token, letters, merge) !== undefined));
  return offered >= 0 ? offered : undefined;
}

/**
 * Strict Log-p parser: at the answer position, every top-k alternative whose token, stripped of
 * whitespace, is an option letter adds exp(logprob) to that letter (so " A" and "A" are summed);
 * lowercase tokens only with `mergeLowercase`. The letters' total is renormalized to 1, with a note
 * giving the mass found; letters absent from the top-k get 0 (noted). Fails when no option letter
 * appears ("no option letter in top-k") or a logprob is not a finite number ≤ 0 ("invalid logprob").
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
  const index = choosePosition(positions, letters, settings);
  const position = index === undefined ? undefined : positions[index];
  if (position === undefined) return strictFailure("no option letter in top-k", `${positions.length} positions`);
  const mass = letters.map(() => 0);
  const seen = letters.map(() => 0);
  for (const alternative of position.top_logprobs) {
    if (!(Number.isFinite(alternative.logprob) && alternative.logprob <= 1e-9)) {
      return strictFailure("invalid logprob", `${JSON.stringify(alternative.token)}: ${alternative.logprob}`);
    }
    const j = letterIndex(alternative.token, letters, merge);
    if (j === undefined) continue;
    mass[j] = (mass[j] ?? 0) + Math.exp(alternative.logprob);
    seen[j] = (seen[j] ?? 0) + 1;
  }
  const total = mass.reduce((a, b) => a + b, 0);
  if (total === 0) return strictFailure("no option letter in top-k", `position ${index}`);
  const notes: string[] = [];
  if (index !== 0) notes.push(`answer at position ${index}`);
  const merged = letters.filter((_, j) => (seen[j] ?? 0) > 1);
  if (merged.length > 0) notes.push(`summed several tokens for ${merged.join(", ")}`);
  if (Math.abs(total - 1) > 1e-9) notes.push(`renormalized from option mass ${formatNumber(total)}`);
  const absent = letters.filter((_, j) => seen[j] === 0);
  if (absent.length > 0) notes.push(`absent from top-k: ${absent.join(", ")}`);
  return { ok: true, distribution: mass.map((m) => m / total), notes };
}
