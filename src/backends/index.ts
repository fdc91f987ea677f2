/**
 * Backends: model ids, capabilities, planning and the provider adapters.
 */
export type {
  Backend,
  CallContext,
  ChatMessage,
  CompleteOptions,
  Completion,
  CompletionRequest,
  ModelCapabilities,
  ModelCheckOptions,
  TokenAlternative,
  TokenLogprob,
  TokenUsage,
} from "./types";
export { PROVIDERS, parseModelId, isProvider, type Provider, type ParsedModelId } from "./model-id";
export {
  CAPABILITIES_AS_OF,
  capabilitiesFor,
  clearDeclaredCapabilities,
  closeMatches,
  declareCapabilities,
  isOpenAiReasoningModel,
  knownModels,
  readCapabilitiesFile,
} from "./capabilities";
export {
  ANTHROPIC_BASE_URL,
  BASE_URL_VARIABLES,
  cacheScopeFor,
  normaliseBaseUrl,
  OPENAI_BASE_URL,
  resolveOrigin,
  type LiveProvider,
  type ProviderBaseUrls,
  type ResolvedOrigin,
} from "./origins";
export {
  planModelMethod,
  checkRequestForBackend,
  checkRequestSupported,
  DEFAULT_TEMPERATURE,
  DEFAULT_TOP_LOGPROBS,
  type MethodPlan,
  type PlanOptions,
} from "./plan";
export { createBackend, type BackendOptions } from "./registry";
export { createOpenAiBackend, type SdkBackendOptions } from "./openai-backend";
export { createAnthropicBackend, DEFAULT_ANTHROPIC_MAX_TOKENS } from "./anthropic-backend";
export {
  anthropicCacheScope,
  DEFAULT_REASONING_EFFORT,
  DEFAULT_THINKING_HEADROOM_TOKENS,
  liveCacheScope,
  MIN_THINKING_BUDGET_TOKENS,
  openAiCacheScope,
  REASONING_HEADROOM_TOKENS,
  reasoningEffortFor,
  thinkingPlan,
  type LiveSettings,
  type ThinkingPlan,
} from "./request-settings";
export { createPaperBackend, type PublishedOutputSource } from "./paper";
export { BASELINE_MODELS, type BaselineModel } from "./capabilities";
export {
  baselineCompletion,
  baselineDistribution,
  createBaselineBackend,
  otherGroupOf,
  paperSurveyResolver,
  pooledDistribution,
  type BaselineBackendOptions,
  type SurveyResolver,
} from "./baseline-backend";
export { redactSecrets, toBackendError } from "./backend-error";
