/**
 * Backends: model ids, capabilities, planning and the provider adapters.
 */
export type {
  Backend,
  ChatMessage,
  CompleteOptions,
  Completion,
  CompletionRequest,
  ModelCapabilities,
  TokenAlternative,
  TokenLogprob,
  TokenUsage,
} from "./types";
export { PROVIDERS, parseModelId, isProvider, type Provider, type ParsedModelId } from "./model-id";
export { capabilitiesFor, isOpenAiReasoningModel } from "./capabilities";
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
export { createOpenAiBackend, normaliseBaseUrl, type SdkBackendOptions } from "./openai-backend";
export { createAnthropicBackend, DEFAULT_ANTHROPIC_MAX_TOKENS } from "./anthropic-backend";
export { createPaperBackend, type PublishedOutputSource } from "./paper";
export { redactSecrets, toBackendError } from "./backend-error";
