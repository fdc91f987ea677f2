/**
 * distalign's public API: the main entry point of each part of the library. Each folder's own
 * index.ts lists its full API; notebooks import those directly, so they compile only what they use.
 */
export { DATASETS, METHODS, METHOD_LABELS, PAPER_MODELS, SCORED_METHODS, STEERINGS } from "./types";
export type { Dataset, Distribution, GroupQuestion, Method, PaperModel, Question, ScoredMethod, Steering } from "./types";
export { BackendError, CacheMissError, DataError, DistalignError, ParseError, UsageError } from "./errors";
export { type Rng, mulberry32 } from "./random";

// The benchmark data.
export {
  SCORED_GROUPS,
  fetchData,
  loadCoinResults,
  loadGlobalQuestions,
  loadNytBooks,
  loadOpinionQa,
  loadResultCell,
  requireDataDir,
} from "./data/index";

// Surveys: one shape for the paper's datasets and your own files.
export { type Survey, distribution, formatSurveySummary, globalOpinionQaSurvey, loadSurvey, nytSurvey, opinionQaSurvey, respondents, surveySummary } from "./survey/index";

// Response text → distribution.
export { parseSequencePaper, parseStrict, parseVerbalizePaper, summarizeParseRate } from "./parse/index";

// Scoring.
export {
  alignment,
  bootstrapMean,
  bootstrapMeanOfMeans,
  discretizationError,
  fitTemperature,
  applyTemperature,
  knowledgeToSimulationGap,
  paperTotalVariation,
  totalVariation,
} from "./scoring/index";

// The paper's tables.
export { type Reproduction, loadBenchmarkData, reproduce, tabulate } from "./reproduce/index";

// Live runs.
export { buildPrompt } from "./prompts/index";
export { capabilitiesFor, createBackend, parseModelId, planModelMethod } from "./backends/index";
export { cacheStats, withCache } from "./cache/index";
export { runItems } from "./runner/index";
export { planGrid, verbalizeThenSample } from "./run/index";
