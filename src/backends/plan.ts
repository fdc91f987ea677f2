/**
 * Planning: refuse impossible (model, method) pairs and requests before anything is sent.
 */
import { UsageError } from "../errors";
import type { Method } from "../types";
import { capabilitiesFor } from "./capabilities";
import { parseModelId, type ParsedModelId } from "./model-id";
import type { CompletionRequest, ModelCapabilities } from "./types";

/** The paper samples every answer at temperature 1 (docs/protocol.md §3.3). */
export const DEFAULT_TEMPERATURE = 1;
/** The paper asks OpenAI for 20 alternatives per position (docs/protocol.md §3.3). */
export const DEFAULT_TOP_LOGPROBS = 20;

/** The sampling settings a (model, method) pair will run with. */
export interface MethodPlan {
  readonly model: ParsedModelId;
  readonly method: Method;
  readonly capabilities: ModelCapabilities;
  /** The temperature to send. */
  readonly temperature: number;
  /** Alternatives per position, for the logprobs method only. */
  readonly topLogprobs?: number;
}

/** Options of `planModelMethod`. */
export interface PlanOptions {
  /** @default 1 */
  readonly temperature?: number;
  /** @default 20 (logprobs method only) */
  readonly topLogprobs?: number;
  /** Replaces fields of the capability entry. */
  readonly capabilities?: Partial<ModelCapabilities>;
}

/**
 * Checks that a model can express a distribution with a method, and settles its sampling settings.
 * @param modelId `provider/model`
 * @param method verbalize, sequence or logprobs
 * @returns the settings to build requests with
 * @throws UsageError naming the model and the reason, e.g. Anthropic + logprobs, or a temperature the model refuses
 * @example
 * planModelMethod("openai/gpt-4o-mini", "logprobs"); // => { temperature: 1, topLogprobs: 20, … }
 * planModelMethod("anthropic/claude-3-5-haiku-latest", "logprobs"); // throws UsageError
 */
export function planModelMethod(modelId: string, method: Method, options: PlanOptions = {}): MethodPlan {
  const model = parseModelId(modelId);
  const capabilities = capabilitiesFor(modelId, options.capabilities);
  const temperature = options.temperature ?? capabilities.fixedTemperature ?? DEFAULT_TEMPERATURE;
  if (method !== "logprobs") {
    checkTemperature(modelId, capabilities, temperature);
    return { model, method, capabilities, temperature };
  }
  const topLogprobs = options.topLogprobs ?? Math.min(DEFAULT_TOP_LOGPROBS, capabilities.maxTopLogprobs);
  const plan = { model, method, capabilities, temperature, topLogprobs };
  checkRequestSupported({ model: modelId, messages: [], temperature, topLogprobs }, capabilities);
  return plan;
}

/**
 * What a backend checks before each call: the request is for the backend's own model, and the
 * model can serve it (`checkRequestSupported`).
 * @throws {UsageError} for a request meant for another model or one the model cannot serve
 */
export function checkRequestForBackend(modelId: string, request: CompletionRequest, capabilities: ModelCapabilities): void {
  if (request.model !== modelId) throw new UsageError(`${modelId}: request for another model (${request.model})`);
  checkRequestSupported(request, capabilities);
}

/**
 * Checks one request against a model's capabilities.
 * @throws UsageError when the model cannot serve it (log-probabilities it does not return, too many
 *   alternatives, a temperature it refuses)
 */
export function checkRequestSupported(request: CompletionRequest, capabilities: ModelCapabilities): void {
  const id = request.model;
  if (request.topLogprobs !== undefined) {
    if (!capabilities.logprobs) {
      const reason = capabilities.note === undefined ? "" : ` (${capabilities.note})`;
      throw new UsageError(`${id}: cannot express a distribution by log-probabilities${reason}; use verbalize or sequence`);
    }
    if (!Number.isInteger(request.topLogprobs) || request.topLogprobs < 0 || request.topLogprobs > capabilities.maxTopLogprobs) {
      throw new UsageError(`${id}: top log-probabilities must be an integer in 0..${capabilities.maxTopLogprobs} (got ${request.topLogprobs})`);
    }
  }
  if (request.temperature !== undefined) checkTemperature(id, capabilities, request.temperature);
  if (request.maxTokens !== undefined && (!Number.isInteger(request.maxTokens) || request.maxTokens < 1)) {
    throw new UsageError(`${id}: max tokens must be a positive integer (got ${request.maxTokens})`);
  }
}

function checkTemperature(id: string, capabilities: ModelCapabilities, temperature: number): void {
  if (capabilities.fixedTemperature !== undefined && temperature !== capabilities.fixedTemperature) {
    throw new UsageError(`${id}: accepts only temperature ${capabilities.fixedTemperature} (got ${temperature})`);
  }
  if (!(temperature >= 0 && temperature <= capabilities.maxTemperature)) {
    throw new UsageError(`${id}: temperature must be in 0..${capabilities.maxTemperature} (got ${temperature})`);
  }
}
