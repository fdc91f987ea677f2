/**
 * The reproduction of the paper's tables from its published outputs, in paper mode (as the
 * published numbers were computed) and corrected mode.
 */
export { type ReproduceOptions, type Reproduction, modelScoreLists, reproduce, scoreLists } from "./reproduce";
export { paperCellScores, paperModelScores, paperTruth, scoredSteerings } from "./paper-scores";
export { correctedModelScores, renormalizedLogprobs } from "./corrected-scores";
export { correctedTruth, correctedTruths, groupQuestion } from "./corrected-truth";
export { BASELINES, type Baseline, SEQUENCE_LENGTH, correctedBaselineScores, paperBaselineScores } from "./baseline-scores";
export { allHumanScores, humanScores } from "./human-scores";
export { TABLE_5_POOL, globalOpinionGapTable } from "./global-gap";
export { ANNOTATOR_GROUP_COLUMNS, type AnnotatorGroupColumn, type InGroupRow, type InGroupScore, annotatorsOfGroup, inGroupRows, inGroupScores, inGroupTable } from "./in-group";
export { ReproductionWorkers } from "./workers";
export { referenceScoreLists } from "./reference-lists";
export { type Table, differencesTable, formatTable, reproductionTables, writeTables } from "./report";
export {
  type ComparisonRow,
  type Configuration,
  type ItemMetric,
  type StatisticsOptions,
  ITEM_METRICS,
  compareConfigurations,
  comparisonTable,
  parseConfiguration,
} from "./comparisons";
export { type ClaimRecord, type Verdict, claimRecords, forestRows, rankChanges } from "./claims";
export { pairedRunLists } from "./run-lists";
export { type BaselineRow, surveyBaselines } from "./baselines-table";
