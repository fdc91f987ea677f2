/**
 * The benchmark data: the data directory, checked downloads, and typed, validating loaders.
 */
export { missingDataMessage, requireDataDir, readDataJson, readDataText, readDataObject, readIdLists } from "./data-dir";
export { parsePythonJson } from "./python-json";
export { type Manifest, type ManifestFile, parseSha256Sums, sha256Hex } from "./checksums";
export { DEFAULT_DATA_URL, type FetchOptions, type FetchReport, fetchData, loadManifest } from "./fetch";
export { pseudonym, pseudonymiseText, needsPseudonymisation } from "./pseudonymise";
export {
  OPINIONQA_ATTRIBUTES,
  type OpinionQaAttribute,
  type OpinionQaQuestion,
  type OpinionQaSet,
  loadOpinionQa,
  loadOpinionQaSimilarity,
  opinionQaGroupQuestion,
} from "./opinionqa";
export { NYTIMES_GROUPS, type NytBook, loadNytBooks, loadNytSimilarity, nytGroupQuestion, nytQuestionText } from "./nytimes";
export {
  type GlobalQuestion,
  type GlobalSimilarity,
  globalGroupQuestion,
  loadGlobalQuestions,
  loadGlobalSimilarity,
} from "./globalvalues";
export { type CoinPoint, type CoinResults, loadCoinResults } from "./coin";
export {
  ANNOTATORS_PER_ITEM,
  HUMAN_GROUP_BLOCKS,
  HUMAN_SURVEY_FILES,
  type HumanDataset,
  humanBlockEstimates,
  humanQuestionIds,
  loadHumanExports,
  loadNytIndividualRatings,
} from "./human";
export { type QualtricsExport, readQualtricsExport } from "./qualtrics";
export { INPUT_DATASET_DIRS, loadCoinPrompt, loadPromptInput, promptInputPath } from "./prompt-inputs";
export {
  type GroupRef,
  LOGPROB_MODELS,
  METHOD_DIRS,
  type ResultCell,
  type ResultCellRef,
  type ResultEntry,
  SCORED_GROUPS,
  STEERING_DIRS,
  checkPaperModel,
  groupKey,
  hasPublishedCell,
  loadResultCell,
  resultPath,
} from "./results";
