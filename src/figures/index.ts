/**
 * Figure and table computations behind the notebooks, with their plotly figures: the public names.
 */
export { coinCalibration, coinCalibrationRows, coinCalibrationSummary } from "./coin-calibration";
export type { CoinCalibration, CoinCalibrationOptions, CoinCalibrationRow, CoinSeries } from "./coin-calibration";
export { coinCalibrationFigure } from "./coin-calibration-figure";
export { partisanBookGaps, partisanBookRows, partisanSummary, topPartisanBooks } from "./nyt-partisan-books";
export type { BookPartisanGap, PartisanBookRow, PartisanGapOptions, PartisanSummary, TopPartisanBooks } from "./nyt-partisan-books";
export { bookLabel, partisanBooksFigure } from "./nyt-partisan-books-figure";
export {
  GROUND_TRUTH_SOURCE,
  HUMAN_SOURCE,
  groundTruthVectors,
  humanVectors,
  likelyGaps,
  modelVectors,
  personaStereotypes,
  ratingMarginal,
} from "./persona-stereotypes";
export type {
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
export { calibrationPoints, calibrationSummaryRows, logprobCalibrationTable, questionPredictions } from "./logprob-calibration";
export type {
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
  humanRows,
  optionRows,
  promptRows,
  questionExample,
  questionExampleFigure,
  scoredGroup,
  totalVariationRows,
} from "./quickstart";
export type { MethodAnswer, QuestionExample, QuestionExampleOptions } from "./quickstart";
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
export { type ItemScoreRow, itemScoreRows } from "./item-scores";
export { type SurveyScoreFigureOptions, surveyScoreFigure } from "./survey-scores";
