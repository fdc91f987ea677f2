/**
 * Distributional alignment, Eq. (1) of arXiv:2411.05403: the mean total variation between
 * the model's and the group's answer distribution, over questions and groups.
 */
import { pairwiseSum } from "./pairwise-sum";
import { type DistributionLike, distributionValues, paperTotalVariation } from "./total-variation";

/** One scored item: a model's predicted distribution and the human distribution for one question and group. */
export interface PredictionPair {
  /** The model's distribution (`avg_actual_results`); empty when the item has no data. */
  readonly prediction: DistributionLike;
  /** The group's distribution, in the same option order. */
  readonly expected: DistributionLike;
}

/**
 * Per-item total variation as the paper's lists hold them (docs/protocol.md §5.1): items whose
 * prediction is empty are skipped, and NaN scores (length mismatches, NaN predictions) are
 * dropped. The order of the remaining items is kept.
 * Runs in O(Σ K) over the items.
 * @param pairs the items, in any iterable
 * @returns one `paperTotalVariation` per kept item
 * @example
 * questionScores([
 *   { prediction: { A: 1, B: 0 }, expected: { A: 0.5, B: 0.5 } },
 *   { prediction: {}, expected: {} },                         // skipped: no prediction
 *   { prediction: { A: NaN, B: NaN }, expected: { A: 1, B: 0 } }, // dropped: NaN
 * ]); // => [0.5]
 */
export function questionScores(pairs: Iterable<PredictionPair>): number[] {
  const scores: number[] = [];
  for (const { prediction, expected } of pairs) {
    if (distributionValues(prediction).length === 0) continue;
    const score = paperTotalVariation(prediction, expected);
    if (!Number.isNaN(score)) scores.push(score);
  }
  return scores;
}

/**
 * Distributional alignment, Eq. (1): A = (1 / |G||Q|) Σ_g Σ_q TV(p_{g,q}, q_{g,q}), the mean of
 * `questionScores` over every question of every group. Lower is better; 0 is perfect.
 * Runs in O(Σ K).
 * @param pairs one item per question and group
 * @returns the mean total variation
 * @throws {RangeError} when no item is left to score
 * @example
 * alignment([
 *   { prediction: [1, 0], expected: [0.5, 0.5] },
 *   { prediction: [0.5, 0.5], expected: [0.5, 0.5] },
 * ]); // => 0.25
 */
export function alignment(pairs: Iterable<PredictionPair>): number {
  const scores = questionScores(pairs);
  if (scores.length === 0) throw new RangeError("alignment: no scorable pairs (all predictions empty or NaN)");
  return pairwiseSum(scores) / scores.length;
}
