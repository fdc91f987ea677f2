/**
 * Paired comparison of two configurations (model × method × steering) scored on the same items:
 * the difference of their mean scores, with a paired bootstrap interval and a p-value.
 */
import type { BootstrapResult } from "./bootstrap";
import { pairwiseSum } from "./pairwise-sum";
import {
  buildStratum,
  checkItems,
  checkResamplingOptions,
  checkWeights,
  pairedStrata,
  itemKey,
  Resampler,
  summarize,
  weighted,
  type ItemScores,
  type ResamplingOptions,
} from "./resampling";

/** Options of `pairedComparison`. */
export interface PairedComparisonOptions extends ResamplingOptions {
  /** Weight of each stratum's difference when several strata are given. @default 1/K each */
  readonly weights?: readonly number[];
}

/**
 * The outcome of a paired comparison. `estimate` is the mean of the item differences a − b on
 * the common items (equal to meanA − meanB up to rounding).
 */
export interface PairedComparison extends BootstrapResult {
  /** Mean score of configuration a on the common items (weighted over strata). */
  readonly meanA: number;
  /** Mean score of configuration b on the common items. */
  readonly meanB: number;
  /** Two-sided bootstrap p-value of "no difference"; see `pairedComparison`. */
  readonly p: number;
  /** Number of items both configurations have (summed over strata). */
  readonly n: number;
  /** Number of distinct questions among the common items. */
  readonly questions: number;
  /** Items of a that b lacks, left out. */
  readonly droppedA: number;
  /** Items of b that a lacks, left out. */
  readonly droppedB: number;
}

/**
 * The items both `a` and `b` have, matched by (question, group), in the order of `a`, with the
 * number each side loses. O(n).
 * @param a item scores with questions and groups
 * @param b item scores with questions and groups
 * @param where the caller's name, for error messages
 * @returns the aligned items of a and of b (same questions and groups) and the dropped counts
 * @throws {RangeError} when groups are missing or an item repeats on one side
 * @example
 * const c = commonItems(
 *   { scores: [0.1, 0.2], questions: ["q1", "q2"], groups: ["g", "g"] },
 *   { scores: [0.3], questions: ["q2"], groups: ["g"] },
 * );
 * [c.a.scores, c.b.scores, c.droppedA, c.droppedB]; // => [[0.2], [0.3], 1, 0]
 */
export function commonItems(
  a: ItemScores,
  b: ItemScores,
  where = "commonItems",
): { a: ItemScores; b: ItemScores; droppedA: number; droppedB: number } {
  if (a.groups === undefined || b.groups === undefined) {
    throw new RangeError(`${where}: items need groups to be matched by (question, group)`);
  }
  const indexOfB = new Map<string, number>();
  for (let i = 0; i < b.questions.length; i++) {
    const key = itemKey(b.questions[i] as string, b.groups[i]);
    if (indexOfB.has(key)) throw new RangeError(`${where}: b: duplicate item (question ${b.questions[i]}, group ${b.groups[i]})`);
    indexOfB.set(key, i);
  }
  const seenA = new Set<string>();
  const questions: string[] = [];
  const groups: string[] = [];
  const scoresA: number[] = [];
  const scoresB: number[] = [];
  for (let i = 0; i < a.questions.length; i++) {
    const key = itemKey(a.questions[i] as string, a.groups[i]);
    if (seenA.has(key)) throw new RangeError(`${where}: a: duplicate item (question ${a.questions[i]}, group ${a.groups[i]})`);
    seenA.add(key);
    const j = indexOfB.get(key);
    if (j === undefined) continue;
    questions.push(a.questions[i] as string);
    groups.push(a.groups[i] as string);
    scoresA.push(a.scores[i] as number);
    scoresB.push(b.scores[j] as number);
  }
  return {
    a: { scores: scoresA, questions, groups },
    b: { scores: scoresB, questions, groups },
    droppedA: a.questions.length - scoresA.length,
    droppedB: b.questions.length - scoresB.length,
  };
}

/**
 * Two-sided percentile-bootstrap p-value of "the difference is 0":
 * p = min(1, 2 · min((1 + #{d* ≤ 0}) / (B + 1), (1 + #{d* ≥ 0}) / (B + 1))) over the B
 * replicates d*. It is about the smallest α at which the 1 − α percentile interval excludes 0;
 * the +1 counts the observed data as one more replicate, so p ≥ 2/(B + 1) is never 0. O(B).
 * @param replicates bootstrap replicates of the difference
 * @returns the p-value in (0, 1]
 * @example
 * bootstrapPValue([0.1, 0.2, -0.1, 0.3]); // => 0.8  (2 · (1 + 1) / 5)
 */
export function bootstrapPValue(replicates: ArrayLike<number>): number {
  let atMost = 0;
  let atLeast = 0;
  for (let b = 0; b < replicates.length; b++) {
    const d = replicates[b] as number;
    if (d <= 0) atMost++;
    if (d >= 0) atLeast++;
  }
  const B = replicates.length;
  return Math.min(1, (2 * (1 + Math.min(atMost, atLeast))) / (B + 1));
}

/**
 * Paired comparison of configurations a and b on the same items: the difference of mean scores
 * mean(a) − mean(b) over the items both have (matched by question and group; the others are
 * counted in `droppedA` / `droppedB` and left out), with a paired percentile bootstrap interval
 * and a two-sided p-value (`bootstrapPValue`).
 *
 * Paired: each replicate draws one resample of the common items (by default whole questions,
 * each with all its groups, `question-clustered`) and scores both configurations on it, so the
 * correlation between a and b on the same item cancels out of the interval; this is the
 * bootstrap of the mean of the item differences a − b. With several strata
 * (datasets) each is resampled on its own and the statistic is Σ_k w_k (mean_k(a) − mean_k(b)).
 * For total variation, lower is better: a negative difference means a aligns better.
 *
 * Same rng seed, same result. A configuration against itself gives replicates that are all
 * exactly 0, an interval [0, 0] and p = 1. O(B · n + n) for B iterations over n items.
 * @param a one stratum of item scores with questions and groups, or one per stratum
 * @param b the same for configuration b, in the same strata
 * @param options `rng` (required), `scheme` (question-clustered), `iterations` (1000), `alpha` (0.05), `weights`
 * @returns the difference with its interval, replicates, p-value and the item counts
 * @throws {RangeError} when the items lack groups, a stratum has no common items, a score is not
 *   finite, an item repeats, or an option is invalid
 * @throws {TypeError} when rng is not a function
 * @example
 * const c = pairedComparison(runA, runB, { rng: mulberry32(0) });
 * c.estimate; c.lower; c.upper; c.p; // difference, its 95% interval and p-value
 */
export function pairedComparison(
  a: ItemScores | readonly ItemScores[],
  b: ItemScores | readonly ItemScores[],
  options: PairedComparisonOptions,
): PairedComparison {
  const where = "pairedComparison";
  const { iterations, alpha, scheme, rng } = checkResamplingOptions(where, options);
  const { a: listA, b: listB } = pairedStrata(where, a, b);
  const weights = checkWeights(where, options.weights, listA.length);
  let n = 0;
  let questions = 0;
  let droppedA = 0;
  let droppedB = 0;
  const meansA = new Float64Array(listA.length);
  const meansB = new Float64Array(listA.length);
  const strata = listA.map((itemsA, k) => {
    const common = commonItems(itemsA, listB[k] as ItemScores, where);
    const m = common.a.scores.length;
    if (m === 0) throw new RangeError(`${where}: stratum ${k}: no common items`);
    n += m;
    questions += new Set(common.a.questions).size;
    droppedA += common.droppedA;
    droppedB += common.droppedB;
    const scoresA = checkItems(where, "a", common.a);
    const scoresB = checkItems(where, "b", common.b);
    meansA[k] = pairwiseSum(scoresA) / m;
    meansB[k] = pairwiseSum(scoresB) / m;
    // The replicates resample the item differences a − b: a − a is exactly 0, a shift exactly the shift.
    const differences = scoresA.map((x, i) => x - (scoresB[i] as number));
    return buildStratum(where, scheme, { scores: differences, questions: common.a.questions, groups: common.a.groups }, undefined);
  });
  const meanA = weighted(weights, meansA);
  const meanB = weighted(weights, meansB);
  const estimate = weighted(weights, Float64Array.from(strata, (s) => s.meanA));
  const resampler = new Resampler(strata, scheme, rng);
  const replicateMeans = new Float64Array(strata.length);
  const unused = new Float64Array(strata.length);
  const replicates = new Float64Array(iterations);
  for (let r = 0; r < iterations; r++) {
    resampler.replicate(replicateMeans, unused);
    replicates[r] = weighted(weights, replicateMeans);
  }
  return {
    ...summarize(estimate, replicates, alpha),
    meanA,
    meanB,
    p: bootstrapPValue(replicates),
    n,
    questions,
    droppedA,
    droppedB,
  };
}
