/**
 * The human baseline's score lists (docs/protocol.md §6): four annotators' averaged guesses per group
 * and question, scored by TV against the group's real distribution.
 */
import { type HumanDataset, HUMAN_GROUP_BLOCKS, humanBlockEstimates, humanQuestionIds, loadHumanExports } from "../data/human";
import { SCORED_GROUPS, groupKey } from "../data/results";
import { paperTotalVariation } from "../scoring/total-variation";
import type { Steering } from "../types";
import type { BenchmarkData } from "../benchmark/benchmark-data";
import { nytBook } from "../benchmark/data-memo";
import type { ReproduceMode, ScoreList } from "../benchmark/score-lists";

/** Questions in survey order with each scored group's ground truth. */
export function humanTruths(data: BenchmarkData, dataset: HumanDataset): { keys: string[]; truth: (group: string, key: string) => readonly number[] } {
  if (dataset === "nytimes") {
    return {
      keys: data.nytBooks.map((b) => b.id),
      truth: (group, key) => {
        const counts = nytBook(data, key)?.counts[group.split("/")[1] ?? ""] ?? [];
        const total = counts.reduce((a, b) => a + b, 0);
        return counts.map((c) => c / total);
      },
    };
  }
  // OpinionQA: the question order and per-group vectors of the no-steering Verbalize file (docs/protocol.md §6).
  const cell = data.cell({
    dataset: "opinionqa",
    method: "verbalize",
    model: "gpt-3.5-turbo-0125",
    steering: "none",
    group: { attribute: "NONE", value: "Democrat" },
  });
  const entries = new Map(cell.entries.map((e) => [e.key, e]));
  return {
    keys: cell.entries.map((e) => e.key),
    truth: (group, key) => Object.values(entries.get(key)?.expectedByGroup[group.replace("/", "_")] ?? {}),
  };
}

/**
 * Human score lists for one dataset and steering, one per scored group. The no-steering guess
 * (one per question) is scored against every group. In corrected mode, questions whose group
 * has no respondents are skipped instead of scoring an empty vector as 0.
 */
export function humanScores(data: BenchmarkData, dataset: HumanDataset, steering: Steering, mode: ReproduceMode): ScoreList[] {
  const { keys, truth } = humanTruths(data, dataset);
  const surveyExports = data.humanExports(dataset, steering);
  const ids = humanQuestionIds(dataset, keys.length);
  const estimatesByBlock = new Map<string, (number[] | undefined)[]>();
  const estimatesFor = (block: string) => {
    let estimates = estimatesByBlock.get(block);
    if (estimates === undefined) {
      estimates = humanBlockEstimates(surveyExports, dataset, block, ids);
      estimatesByBlock.set(block, estimates);
    }
    return estimates;
  };
  return SCORED_GROUPS[dataset].map((ref) => {
    const { value } = ref;
    const group = groupKey(ref);
    const block = steering === "none" ? "Q_NoSteering" : (HUMAN_GROUP_BLOCKS[value] as string);
    const estimates = estimatesFor(block);
    const values: number[] = [];
    const questions: string[] = [];
    let attempted = 0;
    keys.forEach((key, i) => {
      const estimate = estimates[i];
      if (estimate === undefined) return;
      const q = truth(group, key);
      if (mode === "corrected" && q.length === 0) return;
      attempted += 1;
      const tv = paperTotalVariation(estimate.slice(0, q.length), q);
      if (Number.isNaN(tv)) return;
      values.push(tv);
      questions.push(key);
    });
    return { dataset, steering, model: "human", method: "verbalize", group, values, parsed: attempted, attempted, listedTwice: false, questions };
  });
}

/** Human score lists of both datasets and all three steering conditions. */
export function allHumanScores(data: BenchmarkData, mode: ReproduceMode): ScoreList[] {
  const lists: ScoreList[] = [];
  for (const dataset of ["opinionqa", "nytimes"] as const) {
    for (const steering of ["none", "persona", "few-shot"] as const) lists.push(...humanScores(data, dataset, steering, mode));
  }
  return lists;
}
