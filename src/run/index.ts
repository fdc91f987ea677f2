/**
 * Benchmark runs: the grid of models × datasets × groups × steering × methods, the published-output
 * source of `paper/…` models, scoring like corrected mode beside the paper's models, and
 * verbalize-then-sample.
 */
export { RUN_ITEM_KIND, type GridSpec, type RunItemMeta, type RunUnit } from "./types";
export { DEFAULT_MAX_TOKENS, DEFAULT_RUN_STEERINGS, itemId, maxTokensFor, planGrid, planModels, planUnits, questionToken, describeShortFewShot, type ShortFewShot, type GridPlan, type PlannedUnit, type SkippedCell } from "./grid";
export { availableGroups, resolveGroups } from "./groups";
export { createPublishedSource, publishedCompletion } from "./published-source";
export { isOffline, lookupBackends, resolveCacheMode, runBackends, type RunBackendOptions } from "./run-backends";
export { describeModelEstimate, estimateByModel, type EstimateOptions, type ModelEstimate } from "./estimate-run";
export {
  answeredUnits,
  completionLogprobs,
  isRunLine,
  itemRows,
  listsOf,
  parseCompletion,
  scoreAnswered,
  scoreRunLines,
  paperTruthOf,
  type AnsweredUnit,
  type GridItemStatus,
  type ItemRow,
  type ItemStatus,
  type TruthOf,
  type UnansweredCalls,
  type FittedTemperature,
  type ItemScore,
  type MethodParseRate,
  type ParseRate,
  type RunScores,
} from "./score-run";
export { BASELINES_CSV, ITEMS_COLUMNS, ITEMS_CSV, itemsCsv, SCORES_DIR, SUMMARY_COLUMNS, SUMMARY_CSV, summaryCsv, summaryRows, writeBaselinesFile, writeScoreFiles, type SummaryOptions, type SummaryRow } from "./score-files";
export { runBaselines, runBaselinesTable, surveyScaleOrder } from "./run-baselines";
export { matchedPaperScores, tableWithPaper, type FullTableOptions } from "./compare-with-paper";
export { runGaps, runTable, runTableAsTable, type RunTableOptions, type RunTableRow, type RunTableSteering } from "./run-table";
export {
  checkRunFolder,
  defaultRunDir,
  executeRun,
  readRunSpec,
  loadRunData,
  planRun,
  scorePlannedRun,
  reportRun,
  scoreRunDir,
  RUN_SPEC_FILE,
  type BenchmarkRunOptions,
  type ExecuteOptions,
  type PlannedRun,
  type ReportOptions,
  type RunFolderScores,
  type RunReport,
} from "./benchmark-run";
export { formatRunReport } from "./report-text";
export { planLiveOrPublished, unreachableReason, type LiveOrPublishedOptions, type ModelChoice } from "./model-choice";
export { estimateRecords, hybridRecords, runFigure, runTableRecords, summaryRecord } from "./run-display";
export {
  hybridGapReport,
  hybridGapRows,
  scoreVerbalizeThenSample,
  verbalizeThenSample,
  type HybridGapOptions,
  type HybridGapRow,
  type SynthesizedSample,
} from "./verbalize-then-sample";
