/**
 * Policies for items whose model answer could not be parsed. Dropping them assumes the failures
 * are unrelated to difficulty; they are not always (a model may fail more on harder items), so
 * two imputations bracket the effect: an abstaining simulator and the worst possible answer.
 */
import { uniformLike } from "./baselines";
import { totalVariation } from "./total-variation";
import { wasserstein1Normalized } from "./wasserstein";

/** What to do with an item whose prediction is missing. */
export type MissingAnswerPolicy = "drop" | "as-uniform" | "as-worst-case";

/** The policies, the current behaviour first. */
export const MISSING_ANSWER_POLICIES: readonly MissingAnswerPolicy[] = ["drop", "as-uniform", "as-worst-case"];

/** One item: the model's distribution (null or undefined when unparsed) and the ground truth. */
export interface MaybeAnswered {
  readonly prediction: ArrayLike<number> | null | undefined;
  readonly truth: ArrayLike<number>;
}

/** Item scores under a policy. */
export interface PolicyScores {
  /** One score per kept item, in input order. */
  readonly scores: number[];
  /** Input index of each score. */
  readonly kept: number[];
  /** Number of items whose prediction was missing (dropped or imputed). */
  readonly missing: number;
}

/**
 * The largest distance any prediction can have from `truth`. Both total variation and W1 are
 * convex in the prediction q (TV is half an L1 norm of q − p, W1 an L1 norm of the CDF
 * difference, both affine in q), so the maximum over the simplex is reached at a vertex, a point
 * mass δ_j. For total variation TV(δ_j, p) = ½((1 − p_j) + Σ_{i≠j} p_i) = 1 − p_j, so the
 * maximum is 1 − min_i p_i, at a point mass on the least likely option. For W1 the farthest point
 * mass is found by trying each of the k. O(k) for TV, O(k²) for W1.
 * @param truth the ground-truth distribution
 * @param metric "tv" (default) or "w1"
 * @returns max over distributions q of d(q, truth)
 * @example
 * worstCaseScore([0.5, 0.3, 0.2]);        // => 0.8 (a point mass on the third option)
 * worstCaseScore([0.5, 0.3, 0.2], "w1");  // => 0.65 (a point mass on the third option: CDF gaps 0.5 and 0.8, over 2)
 */
export function worstCaseScore(truth: ArrayLike<number>, metric: "tv" | "w1" = "tv"): number {
  if (truth.length === 0) throw new RangeError("worstCaseScore: no options");
  if (metric === "tv") {
    let least = Number.POSITIVE_INFINITY;
    for (let i = 0; i < truth.length; i++) least = Math.min(least, truth[i] as number);
    return 1 - least;
  }
  let worst = 0;
  const pointMass = new Float64Array(truth.length);
  let mass = 0;
  for (let i = 0; i < truth.length; i++) mass += truth[i] as number;
  for (let j = 0; j < truth.length; j++) {
    pointMass.fill(0);
    pointMass[j] = mass;
    worst = Math.max(worst, wasserstein1Normalized(pointMass, truth));
  }
  return worst;
}

/**
 * Item scores under a missing-answer policy:
 * - `drop`: score only the parsed items (the paper's behaviour);
 * - `as-uniform`: score a missing answer as the uniform distribution (an abstaining simulator);
 * - `as-worst-case`: score it as the farthest distribution from the truth (`worstCaseScore`),
 *   an upper bound on what the missing answers could have cost.
 * A prediction is missing when it is null, undefined or empty. O(Σ k).
 * @param items predictions (possibly missing) with their ground truths
 * @param policy the policy
 * @param metric "tv" (default) or "w1"
 * @returns the scores of the kept items, their input indices and the number of missing items
 * @throws {RangeError} on an unknown policy or a length mismatch between a prediction and its truth
 * @example
 * const items = [{ prediction: [1, 0], truth: [0.5, 0.5] }, { prediction: null, truth: [0.9, 0.1] }];
 * scoresUnderPolicy(items, "drop").scores;          // => [0.5]
 * scoresUnderPolicy(items, "as-uniform").scores;    // => [0.5, 0.4]
 * scoresUnderPolicy(items, "as-worst-case").scores; // => [0.5, 0.9]
 */
export function scoresUnderPolicy(
  items: readonly MaybeAnswered[],
  policy: MissingAnswerPolicy,
  metric: "tv" | "w1" = "tv",
): PolicyScores {
  if (!MISSING_ANSWER_POLICIES.includes(policy)) {
    throw new RangeError(`scoresUnderPolicy: unknown policy (${String(policy)}; expected ${MISSING_ANSWER_POLICIES.join(", ")})`);
  }
  const score = (q: ArrayLike<number>, p: ArrayLike<number>): number =>
    metric === "tv" ? totalVariation(q, p) : wasserstein1Normalized(q, p);
  const scores: number[] = [];
  const kept: number[] = [];
  let missing = 0;
  items.forEach(({ prediction, truth }, i) => {
    if (prediction === null || prediction === undefined || prediction.length === 0) {
      missing++;
      if (policy === "drop") return;
      scores.push(policy === "as-uniform" ? score(uniformLike(truth), truth) : worstCaseScore(truth, metric));
    } else {
      if (prediction.length !== truth.length) {
        throw new RangeError(`scoresUnderPolicy: item ${i}: length mismatch (${prediction.length} vs ${truth.length})`);
      }
      scores.push(score(prediction, truth));
    }
    kept.push(i);
  });
  return { scores, kept, missing };
}
