/**
 * What a run's scores are read against, on the run's own items: the baselines and the sampling
 * noise floor of its survey (`surveyBaselines`, as reproduce's baselines.csv, over the question ×
 * group items the run scores), and the order of a unit's lettered options on its question's
 * scale, for the W1 of ordinal questions. Both come from the source's survey (`SurveySource.survey`),
 * so a paper dataset and a user survey are treated alike.
 */
import type { PromptData } from "../prompts/prompt-data";
import { type BaselineRow, scaleOrder, surveyBaselines } from "../reproduce/baselines-table";
import type { StatisticsOptions } from "../reproduce/comparisons";
import { orderOnScale } from "../reproduce/ordinal-scales";
import type { Table } from "../reproduce/report";
import { DEFAULT_RESAMPLING_SCHEME } from "../scoring/resampling";
import { findQuestion, type SurveyQuestion } from "../survey/types";
import type { ItemRow } from "./score-run";
import type { RunUnit } from "./types";

/**
 * The letter indices of a unit's options on its question's scale, in scale order: the prompt's
 * option texts looked up among the survey question's options; undefined for a nominal question,
 * or when fewer than two of the lettered options are on the scale.
 */
export function scaleOrderOf(data: PromptData): (unit: RunUnit) => number[] | undefined {
  const scales = new Map<string, Map<string, Map<string, number>>>();
  const scalesOf = (dataset: string) => {
    let byQuestion = scales.get(dataset);
    if (byQuestion === undefined) {
      byQuestion = new Map(data.source(dataset).survey().questions.flatMap((q) => (scaleOrder(q) === undefined ? [] : [[q.id, positionsOf(q)] as const])));
      scales.set(dataset, byQuestion);
    }
    return byQuestion;
  };
  return (unit) => {
    const positions = scalesOf(unit.dataset).get(unit.questionId);
    return positions === undefined ? undefined : orderOnScale(unit.options, positions);
  };
}

/**
 * The scale order of a question of a source's survey, in the survey's option order (a user
 * survey's prompts letter its options so); undefined for a nominal question.
 */
export function surveyScaleOrder(data: PromptData): (dataset: string, questionId: string) => number[] | undefined {
  return (dataset, questionId) => {
    const q = findQuestion(data.source(dataset).survey(), questionId);
    return q === undefined ? undefined : scaleOrder(q);
  };
}

/** Option text → rank on the scale (options off the scale left out). */
function positionsOf(q: SurveyQuestion): Map<string, number> {
  return new Map((scaleOrder(q) ?? []).map((j, rank) => [q.options[j] as string, rank]));
}

/**
 * The baselines and noise floor (where the survey gives respondent counts) of each dataset of a
 * run, over the question × group items of its item rows, whatever their status: the items the run
 * is scored on. Human answers do not depend on the steering, so every row has steering "all".
 */
export function runBaselines(
  data: PromptData,
  rows: readonly ItemRow[],
  options: Pick<StatisticsOptions, "iterations" | "seed"> & Partial<Pick<StatisticsOptions, "scheme">>,
): BaselineRow[] {
  const settings: StatisticsOptions = { scheme: DEFAULT_RESAMPLING_SCHEME, ...options };
  const items = new Map<string, Set<string>>();
  for (const row of rows) {
    const groupId = data.source(row.dataset).surveyGroup(row.group, row.questionId);
    if (groupId === undefined) continue;
    const keys = items.get(row.dataset) ?? new Set<string>();
    keys.add(`${row.questionId}\u0000${groupId}`);
    items.set(row.dataset, keys);
  }
  return [...items].flatMap(([dataset, keys]) => surveyBaselines(data.source(dataset).survey(), settings, (questionId, groupId) => keys.has(`${questionId}\u0000${groupId}`)));
}

/** The baselines as a table for the terminal: what the run's mean TV (and W1) is read against. */
export function runBaselinesTable(rows: readonly BaselineRow[]): Table {
  return {
    name: "baselines",
    header: ["dataset", "baseline", "metric", "mean", "half_width", "n"],
    rows: rows.map((r) => [r.dataset, r.baseline, r.metric, r.mean, r.halfWidth, String(r.n)]),
  };
}
