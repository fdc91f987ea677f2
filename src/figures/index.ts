/**
 * Figure and table computations behind the notebooks, with their plotly figures: the public names.
 */
export { coinCalibration } from "./coin-calibration";
export type { CoinCalibration, CoinCalibrationOptions, CoinSeries } from "./coin-calibration";
export { coinCalibrationFigure } from "./coin-calibration-figure";
export { partisanBookGaps, topPartisanBooks } from "./nyt-partisan-books";
export type { BookPartisanGap, PartisanGapOptions, TopPartisanBooks } from "./nyt-partisan-books";
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
export { NYT_OPTION_LABELS, likelyShareFigure, marginalLabel, stereotypeMarginalsFigure } from "./persona-stereotypes-figure";
export { calibrationBins, calibrationPoints, expectedCalibrationError, logprobCalibrationTable } from "./logprob-calibration";
export type {
  CalibrationBin,
  CalibrationBinOptions,
  CalibrationBinning,
  CalibrationPoint,
  CalibrationPoolOptions,
  CalibrationRow,
  CalibrationTableOptions,
  CalibrationTarget,
} from "./logprob-calibration";
export { ECE_VARIANTS, eceVariantTable } from "./logprob-calibration-variants";
export type { EceVariant, EceVariantRow } from "./logprob-calibration-variants";
export { logprobCalibrationFigure } from "./logprob-calibration-figure";
export { loadPartisanBookInputs, loadStereotypeInputs } from "./figure-inputs";
export type { PartisanBookInputs } from "./figure-inputs";
