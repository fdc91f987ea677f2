/**
 * Reference points for the tables (docs/protocol.md §5.3): a uniform guess, always answering one
 * option, and the discretization error of 30 honest samples.
 */
import { SCORED_GROUPS, groupKey } from "../data/results";
import { discretizationErrors } from "../scoring/discretization";
import { oneHotArgmax, oneHotArgmin, uniformLike } from "../scoring/baselines";
import { paperTotalVariation, totalVariation } from "../scoring/total-variation";
import { DATASETS, type Dataset } from "../types";
import type { BenchmarkData } from "../benchmark/benchmark-data";
import { correctedTruths } from "./corrected-truth";
import { paperTruth } from "./paper-scores";
import type { ScoreList } from "../benchmark/score-lists";

/** The baselines, by the names the tables use. */
export const BASELINES = ["uniform", "majority", "minority", "discretization"] as const;
export type Baseline = (typeof BASELINES)[number];

/** Samples per Sequence answer, the n of the discretization error. */
export const SEQUENCE_LENGTH = 30;

function baselineList(dataset: Dataset, method: Baseline, group: string, values: number[]): ScoreList {
  return { dataset, steering: "all", model: "baseline", method, group, values, parsed: values.length, attempted: values.length, listedTwice: false };
}

/**
 * The published baselines, computed as run: from the gpt-3.5 Sequence predictions (no steering
 * for OpinionQA and NYT, persona for GlobalOpinionQA), scored against each group's ground truth
 * of §5.1. "majority"/"minority" one-hot gpt-3.5's most/least likely letter (the paper's LB1/LB2),
 * and the discretization loop stops at the first question whose ground truth sums to 0.
 */
export function paperBaselineScores(data: BenchmarkData): ScoreList[] {
  const lists: ScoreList[] = [];
  for (const dataset of DATASETS) {
    const steering = dataset === "globalvalues" ? "persona" : "none";
    for (const group of SCORED_GROUPS[dataset]) {
      const cell = data.cell({ dataset, method: "sequence", model: "gpt-3.5-turbo-0125", steering, group });
      const scores: Record<Baseline, number[]> = { uniform: [], majority: [], minority: [], discretization: [] };
      const truths: (readonly number[])[] = [];
      for (const entry of cell.entries) {
        const p = Object.values(entry.prediction);
        if (p.length === 0) continue;
        const truth = paperTruth(data, dataset, steering, group, entry.key, entry.prediction, entry.expected, entry.expectedByGroup);
        if (truth === undefined) continue;
        const q = Object.values(truth);
        truths.push(q);
        const score = (prediction: number[], into: number[]) => {
          const tv = paperTotalVariation(prediction, q);
          if (!Number.isNaN(tv)) into.push(tv);
        };
        score(uniformLike(p), scores.uniform);
        score(oneHotArgmax(p), scores.majority);
        score(oneHotArgmin(p), scores.minority);
      }
      scores.discretization = discretizationErrors(truths, { samples: SEQUENCE_LENGTH, stopAtZeroMass: true });
      const name = groupKey(group);
      for (const method of BASELINES) lists.push(baselineList(dataset, method, name, scores[method]));
    }
  }
  return lists;
}

/**
 * The baselines as we define them: over every scored (question, group) human distribution,
 * uniform over the options, one-hot on the humans' most (majority) or least (minority) common
 * answer, and the exact discretization error of 30 samples, with no early stop.
 */
export function correctedBaselineScores(data: BenchmarkData): ScoreList[] {
  const lists: ScoreList[] = [];
  for (const dataset of DATASETS) {
    for (const [group, truths] of correctedTruths(data, dataset)) {
      const qs = [...truths.values()];
      lists.push(
        baselineList(dataset, "uniform", group, qs.map((q) => totalVariation(uniformLike(q), q))),
        baselineList(dataset, "majority", group, qs.map((q) => totalVariation(oneHotArgmax(q), q))),
        baselineList(dataset, "minority", group, qs.map((q) => totalVariation(oneHotArgmin(q), q))),
        baselineList(dataset, "discretization", group, discretizationErrors(qs, { samples: SEQUENCE_LENGTH })),
      );
    }
  }
  return lists;
}
