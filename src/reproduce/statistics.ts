/**
 * The statistics beyond the paper's tables, computed from a reproduction's score lists and the
 * datasets' human answers: paired comparisons (comparisons.csv), gap intervals (table1b.csv),
 * the leaderboard by metric, the baselines and noise floor, and (corrected mode) the
 * sensitivity to the missing-answer policy and the temperature fit.
 */
import type { ResamplingScheme } from "../scoring/resampling";
import { paperSurvey } from "../survey/paper-surveys";
import { DATASETS, PAPER_MODELS } from "../types";
import type { BenchmarkData } from "../benchmark/benchmark-data";
import { type BaselineRow, surveyBaselines } from "./baselines-table";
import { type ComparisonRow, type StatisticsOptions, comparisonTable } from "./comparisons";
import { type GapInterval, type MetricBoardRow, gapIntervals, metricBoard } from "./metric-board";
import type { ReproduceMode, ScoreList } from "../benchmark/score-lists";
import { type SensitivityRow, missingAnswerSensitivity, temperatureSensitivity } from "./sensitivity";

/** Everything `reproductionStatistics` computes. */
export interface Statistics {
  readonly scheme: ResamplingScheme;
  readonly comparisons: readonly ComparisonRow[];
  readonly gaps: readonly GapInterval[];
  readonly metricBoard: readonly MetricBoardRow[];
  readonly baselines: readonly BaselineRow[];
  /** Corrected mode only: paper mode scores no answer as missing. */
  readonly sensitivity?: readonly SensitivityRow[];
}

/**
 * The statistics of one reproduction. Same seed, same numbers.
 * @param lists the reproduction's score lists (model lists carry question keys and W1)
 */
export function reproductionStatistics(
  data: BenchmarkData,
  mode: ReproduceMode,
  lists: readonly ScoreList[],
  options: StatisticsOptions,
  models: readonly string[] = PAPER_MODELS,
): Statistics {
  const modelLists = lists.filter((l) => models.includes(l.model));
  const statistics: Statistics = {
    scheme: options.scheme,
    comparisons: comparisonTable(modelLists, options, models),
    gaps: gapIntervals(modelLists, options, models),
    metricBoard: metricBoard(modelLists, options, models),
    baselines: DATASETS.flatMap((dataset) => surveyBaselines(paperSurvey(data, dataset), options)),
  };
  if (mode === "paper") return statistics;
  return { ...statistics, sensitivity: [...missingAnswerSensitivity(modelLists, options, models), ...temperatureSensitivity(data, options, models)] };
}
