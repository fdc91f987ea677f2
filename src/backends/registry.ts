/**
 * The backend factory: a model id in, the right backend out.
 */
import { createAnthropicBackend } from "./anthropic-backend";
import { createBaselineBackend, type SurveyResolver } from "./baseline-backend";
import { parseModelId } from "./model-id";
import { createOpenAiBackend, type SdkBackendOptions } from "./openai-backend";
import type { ProviderBaseUrls } from "./origins";
import { createPaperBackend, type PublishedOutputSource } from "./paper";
import type { Backend } from "./types";
import { UsageError } from "../errors";

/** Options of `createBackend`: the SDK options, plus the published-output source for `paper/` ids. */
export interface BackendOptions extends SdkBackendOptions {
  readonly publishedSource?: PublishedOutputSource;
  /** The survey of a dataset name, for `baseline/` ids (`paperSurveyResolver(dataDir)`). */
  readonly surveyOf?: SurveyResolver;
  /**
   * Base URLs per provider: the model's own provider's entry is used (beside `baseUrl`, which
   * wins), so a server given for one provider never receives another provider's key.
   */
  readonly baseUrls?: ProviderBaseUrls;
}

/**
 * Creates the backend for a model id. Keys are checked here, so a missing key fails before any call.
 * @param modelId `openai/…`, `anthropic/…`, `openai-compatible/…`, `paper/…` or `baseline/…`
 * @param options key, base URL, timeout, retries, capability overrides
 * @throws UsageError for an unknown provider (listing the valid ones), a missing key or base URL
 * @example
 * const backend = withCache(createBackend("openai/gpt-4o-mini"), { mode: "read-write", dir: cacheDir() });
 */
export function createBackend(modelId: string, options: BackendOptions = {}): Backend {
  const { provider } = parseModelId(modelId);
  switch (provider) {
    case "openai":
    case "openai-compatible":
      return createOpenAiBackend(modelId, { ...options, baseUrl: options.baseUrl ?? options.baseUrls?.[provider] });
    case "anthropic":
      return createAnthropicBackend(modelId, { ...options, baseUrl: options.baseUrl ?? options.baseUrls?.anthropic });
    case "paper":
      return createPaperBackend(modelId, options.publishedSource);
    case "baseline": {
      const surveyOf = options.surveyOf ?? ((dataset: string) => {
        throw new UsageError(`${modelId}: no survey resolver configured (the survey of ${dataset} is needed; pass surveyOf)`);
      });
      return createBaselineBackend(modelId, surveyOf);
    }
  }
}
