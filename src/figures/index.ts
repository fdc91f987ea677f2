/**
 * Figure and table computations behind the notebooks, with their plotly figures: the public names.
 */
export { coinCalibration, coinCalibrationRows, coinCalibrationSummary, coinPointRows } from "./coin-calibration";
export type { CoinCalibration, CoinCalibrationOptions, CoinCalibrationRow, CoinPointRow, CoinSeries } from "./coin-calibration";
export { coinCalibrationFigure } from "./coin-calibration-figure";
export { bookGapRows, partisanBookGaps, partisanBookRows, partisanSummary, topPartisanBooks } from "./nyt-partisan-books";
export type { BookGapRow, BookPartisanGap, PartisanBookRow, PartisanGapOptions, PartisanSummary, TopPartisanBooks } from "./nyt-partisan-books";
export { bookLabel, partisanBooksFigure } from "./nyt-partisan-books-figure";
export {
  GROUND_TRUTH_SOURCE,
  HUMAN_SOURCE,
  bookDistributionRows,
  groundTruthVectors,
  humanVectors,
  likelyGaps,
  modelVectors,
  personaStereotypes,
  ratingMarginal,
} from "./persona-stereotypes";
export type {
  BookDistributionRow,
  IntervalEstimate,
  LikelyGap,
  MarginalOptions,
  MarginalSource,
  RatingMarginal,
  StereotypeInputs,
  StereotypeOptions,
} from "./persona-stereotypes";
export {
  NYT_OPTION_LABELS,
  likelyGapRows,
  likelyShareFigure,
  marginalLabel,
  marginalRows,
  stereotypeMarginalsFigure,
} from "./persona-stereotypes-figure";
export type { MarginalsFigureOptions } from "./persona-stereotypes-figure";
export { calibrationItemRows, calibrationPoints, calibrationSummaryRows, logprobCalibrationTable, questionPredictions } from "./logprob-calibration";
export type {
  CalibrationItemRow,
  CalibrationPoolOptions,
  CalibrationRow,
  CalibrationTableOptions,
  CalibrationTarget,
  QuestionPrediction,
} from "./logprob-calibration";
export { ECE_VARIANTS, eceVariantMatrix, eceVariantTable, predictionConcentration } from "./logprob-calibration-variants";
export type { ConcentrationRow, EceVariant, EceVariantRow } from "./logprob-calibration-variants";
export { logprobCalibrationFigure } from "./logprob-calibration-figure";
export { loadPartisanBookInputs, loadStereotypeInputs } from "./figure-inputs";
export type { PartisanBookInputs } from "./figure-inputs";
export { SERIES_COLORS, STEERING_COLORS } from "./series-style";
export {
  alignmentRows,
  answerRows,
  breakdownPool,
  humanRows,
  intervalRows,
  optionRows,
  promptRows,
  questionExample,
  questionExampleFigure,
  scoredGroup,
  totalVariationRows,
} from "./quickstart";
export type { BreakdownPool, BreakdownRowRef, IntervalRow, MethodAnswer, QuestionExample, QuestionExampleOptions } from "./quickstart";
export { breakdownRecords, gapComparison, leaderboardComparison, leaderboardFigure, leaderboardRows } from "./leaderboard";
export type { GapComparisonRow, LeaderboardComparisonRow, LeaderboardFigureOptions } from "./leaderboard";
export {
  FIG_4_METHOD,
  noSteeringCorrection,
  opinionQaNoSteeringRows,
  steeringFigure,
  steeringMethod,
  steeringRows,
  steeringTable,
} from "./steering-effects";
export type { SteeringFigureOptions, SteeringRow, SteeringSelection } from "./steering-effects";
export {
  humanRowPositions,
  humansVsModelsFigure,
  humansVsModelsRows,
  humansVsModelsTable,
  modelsAheadOfHumans,
  seriesLabel,
} from "./humans-vs-models";
export type { HumansVsModelsRow, HumansVsModelsSelection } from "./humans-vs-models";
export { COIN_SEQUENCE_FLIPS, type CoinTokenRun, coinTokensPath, loadCoinTokens } from "../data/coin-tokens";
export { coinPositionRecords, coinPositionSummary } from "./coin-positions";
export type { CoinPositionRecord, CoinPositionSummary } from "./coin-positions";
export { coinPositionsFigure, statedHeadsColor } from "./coin-positions-figure";
export { MODEL_AVERAGE_SOURCE, humanStereotypes, modelAverageMarginal, stereotypeSources } from "./human-stereotypes";
export type { HumanStereotypeOptions, HumanStereotypes } from "./human-stereotypes";
export { humanStereotypesFigure, stereotypeGapRows } from "./human-stereotypes-figure";
export type { HumanStereotypesFigureOptions } from "./human-stereotypes-figure";
export { checkQuestionId, closestIds, datasetChoices, questionIds } from "./choices";
export type { DatasetChoices } from "./choices";
export { type ForestFigureOptions, forestFigure } from "./forest-plot";
export {
  type AnnotatorRow,
  type AppendixLeaderboardRow,
  type GroupAgreementRow,
  HUMAN_CONDITIONS,
  annotatorShares,
  appendixLeaderboard,
  groupAgreement,
  opinionQaGroupCounts,
  ratingCounts,
} from "./appendix";
export { type ItemScoreRow, itemScoreRows, pairedItemRows } from "./item-scores";
export { type SurveyScoreFigureOptions, surveyScoreFigure } from "./survey-scores";
