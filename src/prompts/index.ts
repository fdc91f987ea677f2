/**
 * Prompts: the chat messages of each dataset × steering × expression method (docs/protocol.md §2.4, §3),
 * the few-shot selection rules and the data they read.
 */
export type { ExampleQuestion, FormatExample, FormatExampleSource, PromptPersona, PromptQuestion, PromptSpec } from "./types";
export { buildPrompt, contextLine, COUNTRY_PLACEHOLDER, SEPARATOR } from "./build-prompt";
export { SYSTEM_MESSAGE, instruction } from "./instructions";
export { SEQUENCE_LETTERS, drawLetters, exampleAnswer, letteredOptions, percentageDict, wholePercent } from "./answer-format";
export { FORMAT_EXAMPLES, formatExamplesOf } from "./format-examples";
export {
  FEW_SHOT_EXAMPLES,
  hardestSimilar,
  optionTextDistance,
  selectGlobalExamples,
  selectNytExamples,
  selectOpinionQaExamples,
  type SelectedExample,
} from "./few-shot-selection";
export {
  datasetQuestionIds,
  fewShotExamplesFor,
  lazyBenchmarkData,
  loadPromptData,
  opinionQaRespondentOptions,
  promptSpecFor,
  targetQuestion,
  withSurveySource,
  type PromptData,
  type PromptRequest,
  type TargetQuestion,
} from "./prompt-data";
