/**
 * Score lists of a live run's item scores with the question keys and W1 that paired comparisons
 * need: the same lists as `listsOf` (src/run/score-run.ts), one per dataset × steering × model ×
 * method × group, with each value's question and its W1 where the question is ordinal.
 */
import type { ItemScore } from "../run/score-run";
import { groupKey } from "../data/results";
import type { BenchmarkData } from "../benchmark/benchmark-data";
import { ordinalOrder, orderedW1 } from "./ordinal-scales";
import type { MissingItem, ScoreList } from "../benchmark/score-lists";
import { isPaperDataset } from "../types";

/**
 * The score lists of some item scores, in first-appearance order, with questions, W1 and missing items.
 * @param surveyScale the scale order of a user survey's question (its prompts letter the options
 *   in the survey's order); without it, a user survey's questions count as nominal
 */
export function pairedRunLists(
  data: BenchmarkData,
  items: readonly ItemScore[],
  surveyScale?: (dataset: string, questionId: string) => readonly number[] | undefined,
): ScoreList[] {
  const lists = new Map<string, { list: ScoreList; values: number[]; questions: string[]; w1: number[]; missing: MissingItem[] }>();
  for (const item of items) {
    const group = groupKey(item.group);
    const key = [item.dataset, item.steering, item.model, item.method, group].join("|");
    let entry = lists.get(key);
    if (entry === undefined) {
      const values: number[] = [];
      const questions: string[] = [];
      const w1: number[] = [];
      const missing: MissingItem[] = [];
      const list = { dataset: item.dataset, steering: item.steering, model: item.model, method: item.method, group, values, parsed: 0, attempted: 0, listedTwice: false, questions, w1, missing };
      entry = { list, values, questions, w1, missing };
      lists.set(key, entry);
    }
    // A user survey's scales are not among the paper's ordinal orders: they come from its survey.
    const order = isPaperDataset(item.dataset) ? ordinalOrder(data, item.dataset, item.group, item.questionId, item.truth.length) : surveyScale?.(item.dataset, item.questionId);
    entry.list = { ...entry.list, attempted: entry.list.attempted + 1 };
    if (item.tv === undefined || item.prediction === undefined) {
      entry.missing.push(order === undefined ? { question: item.questionId, truth: item.truth } : { question: item.questionId, truth: item.truth, order });
      continue;
    }
    entry.values.push(item.tv);
    entry.questions.push(item.questionId);
    entry.w1.push(orderedW1(item.prediction, item.truth, order));
  }
  return [...lists.values()].map(({ list, values }) => ({ ...list, parsed: values.length }));
}
