/**
 * Scoring: pure functions from distributions to alignment numbers. No I/O, no environment,
 * no hidden randomness (pass an `Rng`).
 */
export { totalVariation, paperTotalVariation, distributionValues } from "./total-variation";
export type { DistributionLike } from "./total-variation";
export { questionScores, alignment } from "./alignment";
export type { PredictionPair } from "./alignment";
export { knowledgeToSimulationGap } from "./k2s";
export { quantileLinear } from "./quantile";
export { bootstrapMean, bootstrapMeanOfMeans } from "./bootstrap";
export type { BootstrapOptions, PooledBootstrapOptions, BootstrapResult } from "./bootstrap";
export { uniformLike, oneHotArgmax, oneHotArgmin } from "./baselines";
export { discretizationError, discretizationErrorMonteCarlo, discretizationErrors } from "./discretization";
export type {
  DiscretizationOptions,
  MonteCarloDiscretizationOptions,
  DiscretizationListOptions,
} from "./discretization";
export { minimizeScalarBounded } from "./fminbound";
export type { BoundedMinimizeOptions, BoundedMinimizeResult } from "./fminbound";
export { applyTemperature, temperatureObjective, fitTemperature } from "./temperature";
export type { TemperaturePair, FitTemperatureOptions, TemperatureFit } from "./temperature";
export { pairwiseSum } from "./pairwise-sum";
export { bootstrapItemMean, RESAMPLING_SCHEMES, DEFAULT_RESAMPLING_SCHEME } from "./resampling";
export type { ResamplingScheme, ItemScores, ResamplingOptions, ItemMeanOptions } from "./resampling";
export { pairedComparison, bootstrapPValue, commonItems } from "./paired";
export type { PairedComparison, PairedComparisonOptions } from "./paired";
export { holmAdjust } from "./holm";
export { bootstrapKnowledgeToSimulationGap } from "./gap";
export type { GapBootstrapOptions, GapBootstrapResult } from "./gap";
export { wasserstein1Normalized } from "./wasserstein";
export { noiseFloor, binomialNoiseFloor, multinomialOutcomeCount } from "./noise-floor";
export type { NoiseFloor, NoiseFloorOptions, FloorMetric, FloorMethod } from "./noise-floor";
export { scoresUnderPolicy, worstCaseScore, MISSING_ANSWER_POLICIES } from "./missing-answers";
export type { MissingAnswerPolicy, MaybeAnswered, PolicyScores } from "./missing-answers";
export { crossValidatedTemperature, assignFolds } from "./temperature-cv";
export type {
  QuestionTemperaturePair,
  CrossValidatedTemperatureOptions,
  CrossValidatedTemperature,
  FoldFit,
} from "./temperature-cv";
export { cohensKappa } from "./agreement";
export { calibrationBins, expectedCalibrationError } from "./calibration";
export type { CalibrationBin, CalibrationBinning, CalibrationBinOptions, CalibrationPoint } from "./calibration";
