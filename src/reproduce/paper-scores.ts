/**
 * Score lists exactly as the published evaluation computed them (docs/protocol.md §5): the stored
 * predictions, the stored ground truths (with the as-run quirks), NaN scores dropped.
 */
import { type GroupRef, SCORED_GROUPS, groupKey, hasPublishedCell } from "../data/results";
import { paperTotalVariation } from "../scoring/total-variation";
import { type Dataset, PAPER_MODELS, SCORED_METHODS, type ScoredMethod, type Steering } from "../types";
import type { BenchmarkData } from "../benchmark/benchmark-data";
import { paperNoSteeringOpinionQaTruth, storedTruth } from "./ground-truth";
import { ordinalOrder, orderedW1 } from "./ordinal-scales";
import type { ScoreList, ScoreListOptions } from "../benchmark/score-lists";

/** The steering conditions the published evaluation scored per dataset (no GlobalOpinionQA no-steering). */
export function scoredSteerings(dataset: Dataset): Steering[] {
  return dataset === "globalvalues" ? ["persona", "few-shot"] : ["none", "persona", "few-shot"];
}

/** The paper's ground truth of one entry for one group (docs/protocol.md §5.1), in the prediction's letter order. */
export function paperTruth(
  data: BenchmarkData,
  dataset: Dataset,
  steering: Steering,
  group: GroupRef,
  key: string,
  prediction: Readonly<Record<string, number>>,
  expected: Readonly<Record<string, number>> | undefined,
  expectedByGroup: Readonly<Record<string, Readonly<Record<string, number>>>>,
): Readonly<Record<string, number>> | readonly number[] | undefined {
  if (steering !== "none") return expected;
  if (dataset === "opinionqa") {
    const question = data.opinionQa[group.attribute]?.get(key);
    return question === undefined ? undefined : paperNoSteeringOpinionQaTruth(question, group.value, Object.keys(prediction));
  }
  return storedTruth({ key, prediction, response: undefined, expected, expectedByGroup }, "none", group);
}

/**
 * Scores one published cell against every scored group: per question TV of the stored
 * prediction, empty predictions skipped, NaN dropped.
 */
export function paperCellScores(
  data: BenchmarkData,
  dataset: Dataset,
  method: ScoredMethod,
  model: string,
  steering: Steering,
  options: ScoreListOptions = {},
): ScoreList[] {
  const withW1 = options.w1 ?? true;
  return SCORED_GROUPS[dataset].map((group) => {
    const cell = data.cell({ dataset, method, model, steering, group });
    const values: number[] = [];
    const questions: string[] = [];
    const w1: number[] = [];
    let attempted = 0;
    let parsed = 0;
    for (const entry of cell.entries) {
      const letters = Object.keys(entry.prediction);
      if (letters.length === 0) continue;
      attempted += 1;
      if (letters.some((l) => (entry.prediction[l] ?? 0) !== 0)) parsed += 1;
      const q = paperTruth(data, dataset, steering, group, entry.key, entry.prediction, entry.expected, entry.expectedByGroup);
      if (q === undefined) continue;
      const tv = paperTotalVariation(entry.prediction, q);
      if (Number.isNaN(tv)) continue;
      values.push(tv);
      questions.push(entry.key);
      if (!withW1) continue;
      const order = ordinalOrder(data, dataset, group, entry.key, letters.length);
      const truth = Array.isArray(q) ? (q as readonly number[]) : letters.map((l) => (q as Readonly<Record<string, number>>)[l] ?? 0);
      w1.push(orderedW1(letters.map((l) => entry.prediction[l] ?? 0), truth, order));
    }
    return {
      dataset,
      steering,
      model,
      method,
      group: groupKey(group),
      values,
      parsed,
      attempted,
      listedTwice: dataset === "nytimes" && steering !== "none",
      questions,
      ...(withW1 ? { w1 } : {}),
    };
  });
}

/** All model score lists of the published grid, in paper mode. */
export function paperModelScores(
  data: BenchmarkData,
  datasets: readonly Dataset[],
  models: readonly string[] = PAPER_MODELS,
  options: ScoreListOptions = {},
): ScoreList[] {
  const lists: ScoreList[] = [];
  for (const dataset of datasets) {
    for (const method of SCORED_METHODS) {
      for (const model of models) {
        for (const steering of scoredSteerings(dataset)) {
          if (hasPublishedCell({ dataset, method, model, steering })) {
            lists.push(...paperCellScores(data, dataset, method, model, steering, options));
          }
        }
      }
    }
  }
  return lists;
}
