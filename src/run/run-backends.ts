/**
 * The backends of a run: live models behind the response cache, `paper/…` models answered from
 * the published outputs (never cached, so a read-only cache does not stand in their way), and
 * look-up-only stand-ins that price a dry run without keys and without calls.
 *
 * The provider SDK modules are loaded only when a live model needs them, so a run of `paper/…`
 * models (CI, notebooks without keys) never pays for importing the SDKs.
 */
import { capabilitiesFor } from "../backends/capabilities";
import { parseModelId } from "../backends/model-id";
import type { ProviderBaseUrls } from "../backends/origins";
import { createBaselineBackend, paperSurveyResolver, type SurveyResolver } from "../backends/baseline-backend";
import { createPaperBackend } from "../backends/paper";
import { liveCacheScope, type LiveSettings, sentTokenCap } from "../backends/request-settings";
import type { Backend } from "../backends/types";
import { CACHE_MODES, type CacheMode, withCache } from "../cache/with-cache";
import { readEnv } from "../config";
import { loadLazily } from "../modules";
import { UsageError } from "../errors";
import type { BenchmarkData } from "../benchmark/benchmark-data";
import type { WorkItem } from "../executor/types";
import { createPublishedSource } from "./published-source";
import type { RunUnit } from "./types";

/** The provider backends' factory, loaded on first use (the SDKs load only when a command reaches a provider). */
export function loadRegistry(): Promise<typeof import("../backends/registry")> {
  return loadLazily(() => require("../backends/registry") as typeof import("../backends/registry"), () => import("../backends/registry"));
}

/** True for models answered without a call and without the cache: `paper/…` and `baseline/…`. */
export function isOffline(modelId: string): boolean {
  const { provider } = parseModelId(modelId);
  return provider === "paper" || provider === "baseline";
}

/** How a run reaches its models. */
export interface RunBackendOptions {
  /** @default resolveCacheMode() */
  readonly cacheMode?: CacheMode;
  /** The cache root. @default cacheDir() */
  readonly cacheDir?: string;
  /**
   * The server of `openai-compatible/…` models (`--base-url`; else `OPENAI_COMPATIBLE_BASE_URL`).
   * It never applies to `openai/…` or `anthropic/…`, whose keys must not reach another server.
   */
  readonly baseUrl?: string;
  /** The server of `openai/…` models, which receives `OPENAI_API_KEY` (else `OPENAI_BASE_URL`, else the OpenAI API). */
  readonly openAiBaseUrl?: string;
  /** The server of `anthropic/…` models, which receives `ANTHROPIC_API_KEY` (else `ANTHROPIC_BASE_URL`, else the Anthropic API). */
  readonly anthropicBaseUrl?: string;
  /** `reasoning_effort` of the run's OpenAI reasoning models. @default "low" */
  readonly reasoningEffort?: string;
  /** Thinking tokens of the run's Anthropic thinking models, on top of the answer's cap. @default 0 (off where possible) */
  readonly thinkingBudget?: number;
  /** Per-attempt timeout. @unit milliseconds */
  readonly timeoutMs?: number;
  /** Retries of a retryable failure per call (429, 5xx, timeouts), made by the executor through its limiter. */
  readonly maxRetries?: number;
  /**
   * Look each live model up in its provider's model list before the run (and check that an
   * OpenAI-compatible server returns the log-probabilities the run asks for). @default true
   */
  readonly checkModels?: boolean;
  /**
   * The survey of a dataset name, for `baseline/…` models. @default the paper's datasets from the
   * benchmark's data directory
   */
  readonly surveyOf?: SurveyResolver;
  /** Seeds the letters of the baselines' Sequence answers. @default 0 */
  readonly seed?: number;
}

/**
 * The cache mode: the argument, else `DISTALIGN_CACHE_MODE` (notebooks run with "read-only"),
 * else "read-write".
 * @throws {UsageError} for a value that is not a cache mode
 */
export function resolveCacheMode(explicit?: string): CacheMode {
  const value = explicit ?? readEnv("DISTALIGN_CACHE_MODE") ?? "read-write";
  if (!(CACHE_MODES as readonly string[]).includes(value)) {
    throw new UsageError(`cache mode must be one of ${CACHE_MODES.join(", ")} (got "${value}")`);
  }
  return value as CacheMode;
}

/** The base URLs of a run, per provider. */
function runBaseUrls(options: RunBackendOptions): ProviderBaseUrls {
  return { openai: options.openAiBaseUrl, anthropic: options.anthropicBaseUrl, "openai-compatible": options.baseUrl };
}

/**
 * The provider settings of one model of a run: its provider's base URL, and the reasoning effort
 * or thinking budget where the model takes them (a run may mix models that do and do not).
 * @throws {UsageError} for a reasoning effort or thinking budget that no model of the run takes
 */
export function runSettings(models: readonly string[], options: RunBackendOptions): (modelId: string) => LiveSettings {
  const live = models.filter((model) => !isOffline(model));
  const takes = (field: "reasoningEfforts" | "thinking") => live.filter((model) => capabilitiesFor(model)[field] !== undefined);
  if (options.reasoningEffort !== undefined && takes("reasoningEfforts").length === 0) {
    throw new UsageError(`reasoningEffort: no model of the run is an openai reasoning model (${live.join(", ") || "no live models"})`, { option: "reasoningEffort" });
  }
  if (options.thinkingBudget !== undefined && options.thinkingBudget > 0 && takes("thinking").length === 0) {
    throw new UsageError(`thinkingBudget: no model of the run is an anthropic thinking model (${live.join(", ") || "no live models"})`, { option: "thinkingBudget" });
  }
  const baseUrls = runBaseUrls(options);
  return (modelId) => {
    const capabilities = capabilitiesFor(modelId);
    return {
      baseUrls,
      ...(capabilities.reasoningEfforts === undefined ? {} : { reasoningEffort: options.reasoningEffort }),
      ...(capabilities.thinking === undefined ? {} : { thinkingBudget: options.thinkingBudget }),
    };
  };
}

/**
 * The backend of each model of a run: `paper/…` from the published outputs for these items,
 * everything else through `createBackend` (keys are checked there) behind the cache. Every model
 * of the items gets its backend here, so a missing key fails before the first call; and, unless
 * the cache is read-only, each live model is looked up in its provider's model list, so a model
 * the provider does not serve fails before anything is spent (an OpenAI-compatible server whose
 * items ask for log-probabilities also gets one 1-token request asking for them).
 * @param benchmark the loaded data, for `paper/…`
 * @param items the run's items, whose metadata the published source maps requests to
 * @returns the backend of a model id
 * @throws {UsageError} for a missing key or base URL, or a model its provider does not list
 */
export async function runBackends(benchmark: BenchmarkData, items: readonly WorkItem<RunUnit>[], options: RunBackendOptions = {}): Promise<(modelId: string) => Backend> {
  const mode = options.cacheMode ?? resolveCacheMode();
  const backends = new Map<string, Backend>();
  const models = [...new Set(items.map((item) => item.request.model))];
  const settingsOf = runSettings(models, options);
  let surveyOf: SurveyResolver | undefined;
  for (const modelId of models) {
    if (parseModelId(modelId).provider === "paper") {
      backends.set(modelId, createPaperBackend(modelId, createPublishedSource(benchmark, items)));
      continue;
    }
    if (parseModelId(modelId).provider === "baseline") {
      // Not cached: an answer is computed as fast as it is read, deterministically, and costs nothing.
      surveyOf ??= options.surveyOf ?? paperSurveyResolver(benchmark.dataDir);
      backends.set(modelId, createBaselineBackend(modelId, surveyOf, { seed: options.seed ?? 0 }));
      continue;
    }
    const { createBackend } = await loadRegistry();
    const backend = createBackend(modelId, { ...settingsOf(modelId), timeoutMs: options.timeoutMs, maxRetries: options.maxRetries });
    if (mode !== "read-only" && options.checkModels !== false) await backend.checkModelExists?.({ topLogprobs: mostTopLogprobs(items, modelId) });
    backends.set(modelId, withCache(backend, { mode, dir: options.cacheDir }));
  }
  return (modelId) => {
    const backend = backends.get(modelId);
    if (backend === undefined) throw new UsageError(`runBackends: no backend for ${modelId} (not among the run's items)`);
    return backend;
  };
}

/** The most log-probability alternatives the items ask a model for; undefined when they ask for none. */
function mostTopLogprobs(items: readonly WorkItem<RunUnit>[], modelId: string): number | undefined {
  let most: number | undefined;
  for (const item of items) {
    const asked = item.request.topLogprobs;
    if (item.request.model === modelId && asked !== undefined && (most === undefined || asked > most)) most = asked;
  }
  return most;
}

/**
 * Stand-in backends for estimates: the model's capabilities and cache scope, a cache look-up
 * (`has`), and no way to call anything. Needs no API key.
 * @param models the models to make stand-ins for
 */
export async function lookupBackends(models: readonly string[], options: RunBackendOptions = {}): Promise<(modelId: string) => Backend> {
  const mode = options.cacheMode ?? resolveCacheMode();
  const backends = new Map<string, Backend>();
  const settingsOf = runSettings(models, options);
  for (const modelId of new Set(models)) {
    const settings = settingsOf(modelId);
    const scope = liveCacheScope(modelId, settings);
    const capabilities = capabilitiesFor(modelId);
    const stub: Backend = {
      id: modelId,
      capabilities,
      ...(scope === undefined ? {} : { cacheScope: scope }),
      ...(isOffline(modelId) ? {} : { outputTokenCap: (maxTokens: number | undefined) => sentTokenCap(modelId, capabilities, maxTokens, settings) }),
      complete: () => Promise.reject(new UsageError(`${modelId}: a look-up backend makes no calls`)),
    };
    backends.set(modelId, isOffline(modelId) ? stub : withCache(stub, { mode: mode === "off" || mode === "refresh" ? "off" : "read-only", dir: options.cacheDir }));
  }
  return (modelId) => {
    const backend = backends.get(modelId);
    if (backend === undefined) throw new UsageError(`lookupBackends: no stand-in for ${modelId}`);
    return backend;
  };
}
