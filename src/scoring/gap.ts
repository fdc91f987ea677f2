/**
 * An interval on the knowledge-to-simulation gap, K2S = A(Seq) / A(V) − 1 (`knowledgeToSimulationGap`),
 * by a paired clustered bootstrap of the ratio.
 */
import type { BootstrapResult } from "./bootstrap";
import { knowledgeToSimulationGap } from "./k2s";
import { commonItems } from "./paired";
import {
  buildStratum,
  checkResamplingOptions,
  checkWeights,
  pairedStrata,
  Resampler,
  summarize,
  weighted,
  type ItemScores,
  type ResamplingOptions,
} from "./resampling";

/** Options of `bootstrapKnowledgeToSimulationGap`. */
export interface GapBootstrapOptions extends ResamplingOptions {
  /** Weight of each stratum (dataset) in A = Σ_k w_k mean_k, as the leaderboard. @default 1/K each */
  readonly weights?: readonly number[];
  /**
   * Only the items both methods parsed, matched by (question, group); otherwise each method's
   * mean uses all its own items, as the leaderboard does. @default false
   */
  readonly commonItemsOnly?: boolean;
}

/** The gap with its interval; `estimate` is K2S on the data, replicates are K2S of resamples. */
export interface GapBootstrapResult extends BootstrapResult {
  /** A(Seq) on the items used. */
  readonly sequenceMean: number;
  /** A(V) on the items used. */
  readonly verbalizeMean: number;
  /** Items used per method (summed over strata). */
  readonly sequenceItems: number;
  readonly verbalizeItems: number;
}

/**
 * Percentile-bootstrap interval of the knowledge-to-simulation gap K2S = A(Seq) / A(V) − 1,
 * where A = Σ_k w_k · mean_k is the leaderboard's mean of per-dataset mean total variation.
 *
 * Paired: each replicate draws one resample of the questions of each dataset (the union of
 * both methods' questions; with `question-clustered`, each question with all its groups) and
 * recomputes both A(Seq) and A(V) on it, so the interval reflects that both methods answered
 * the same questions. With `commonItemsOnly`, the items one method failed to parse are removed
 * from both first, so the gap is not moved by which items each method dropped.
 * A replicate in which A(V) is 0 or no Verbalize item was drawn is NaN, and makes the interval NaN.
 * O(B · n) for B iterations over n items.
 * @param sequence item scores of the Sequence method: one stratum, or one per dataset
 * @param verbalize item scores of the Verbalize method, in the same strata
 * @param options `rng` (required), `scheme` (question-clustered), `iterations`, `alpha`, `weights`, `commonItemsOnly`
 * @returns the gap, its interval and replicates, both means and the item counts
 * @throws {RangeError} on mismatched strata, an empty stratum, a non-positive A(V), or invalid options
 * @throws {TypeError} when rng is not a function
 * @example
 * const g = bootstrapKnowledgeToSimulationGap(seqByDataset, vByDataset, { rng: mulberry32(0) });
 * g.estimate; // knowledgeToSimulationGap(A(Seq), A(V)); g.lower, g.upper: the 95% interval
 */
export function bootstrapKnowledgeToSimulationGap(
  sequence: ItemScores | readonly ItemScores[],
  verbalize: ItemScores | readonly ItemScores[],
  options: GapBootstrapOptions,
): GapBootstrapResult {
  const where = "bootstrapKnowledgeToSimulationGap";
  const { iterations, alpha, scheme, rng } = checkResamplingOptions(where, options);
  const { a: listS, b: listV } = pairedStrata(where, sequence, verbalize);
  const weights = checkWeights(where, options.weights, listS.length);
  let sequenceItems = 0;
  let verbalizeItems = 0;
  const strata = listS.map((s, k) => {
    let seq = s;
    let verb = listV[k] as ItemScores;
    if (options.commonItemsOnly === true) {
      const common = commonItems(seq, verb, where);
      if (common.a.scores.length === 0) throw new RangeError(`${where}: stratum ${k}: no common items`);
      seq = common.a;
      verb = common.b;
    }
    sequenceItems += seq.scores.length;
    verbalizeItems += verb.scores.length;
    return buildStratum(where, scheme, seq, verb, ["sequence", "verbalize"]);
  });
  const sequenceMean = weighted(weights, Float64Array.from(strata, (s) => s.meanA));
  const verbalizeMean = weighted(weights, Float64Array.from(strata, (s) => s.meanB));
  const estimate = knowledgeToSimulationGap(sequenceMean, verbalizeMean);
  const resampler = new Resampler(strata, scheme, rng);
  const meansS = new Float64Array(strata.length);
  const meansV = new Float64Array(strata.length);
  const replicates = new Float64Array(iterations);
  for (let b = 0; b < iterations; b++) {
    resampler.replicate(meansS, meansV);
    const v = weighted(weights, meansV);
    replicates[b] = v > 0 ? weighted(weights, meansS) / v - 1 : Number.NaN;
  }
  return { ...summarize(estimate, replicates, alpha), sequenceMean, verbalizeMean, sequenceItems, verbalizeItems };
}
