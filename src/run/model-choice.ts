/**
 * Live or published: whether the models a notebook wants can be reached from here (an API key,
 * or a base URL for an OpenAI-compatible server), so the same notebook runs live on a machine
 * with keys and on the published outputs (`paper/…`) everywhere else, CI included.
 */
import { parseModelId } from "../backends/model-id";
import { resolveOrigin } from "../backends/origins";
import { apiKey } from "../config";
import { type BenchmarkRunOptions, type PlannedRun, planRun } from "./benchmark-run";
import { resolveCacheMode } from "./run-backends";

/**
 * Why a model cannot be called from here, or undefined when it can: `openai/…` needs
 * OPENAI_API_KEY, `anthropic/…` ANTHROPIC_API_KEY, `openai-compatible/…` a base URL (argument or
 * OPENAI_COMPATIBLE_BASE_URL); `paper/…` always can.
 * @param baseUrl the openai-compatible server (`--base-url`); it plays no part for other providers
 */
export function unreachableReason(modelId: string, baseUrl?: string): string | undefined {
  switch (parseModelId(modelId).provider) {
    case "openai":
      return apiKey("OPENAI_API_KEY") === undefined ? "OPENAI_API_KEY is not set" : undefined;
    case "anthropic":
      return apiKey("ANTHROPIC_API_KEY") === undefined ? "ANTHROPIC_API_KEY is not set" : undefined;
    case "openai-compatible":
      return resolveOrigin("openai-compatible", baseUrl) === undefined ? "no base URL (baseUrl or OPENAI_COMPATIBLE_BASE_URL) is set" : undefined;
    case "paper":
    case "baseline":
      return undefined;
  }
}

/** Which models a run uses, and why. */
export interface ModelChoice {
  readonly models: readonly string[];
  /** True when the live models were chosen. */
  readonly live: boolean;
  /** One line for the reader: what runs and why. */
  readonly reason: string;
}

/** Options of `planLiveOrPublished`: a run without its models, plus both model lists. */
export interface LiveOrPublishedOptions extends Omit<BenchmarkRunOptions, "models"> {
  /** The models to run when they can be reached. */
  readonly liveModels: readonly string[];
  /** The models to run otherwise, normally `paper/…`. */
  readonly publishedModels: readonly string[];
}

/**
 * Plans a run of the live models when every one of them can be reached and, with a read-only
 * cache, when the cache already answers every call; otherwise of the published models.
 * @returns the planned run and the choice made
 * @throws {UsageError} for an impossible model × method pair or bad grid value
 * @example
 * const { planned, choice } = await planLiveOrPublished({ liveModels: ["openai/gpt-4o-mini"], publishedModels: ["paper/gpt-4"], outputDir, limit: 4 });
 */
export async function planLiveOrPublished(options: LiveOrPublishedOptions): Promise<{ planned: PlannedRun; choice: ModelChoice }> {
  const { liveModels, publishedModels, ...rest } = options;
  const fallback = async (reason: string) => ({
    planned: await planRun({ ...rest, models: publishedModels }),
    choice: { models: publishedModels, live: false, reason: `${publishedModels.join(", ")} (published outputs): ${reason}` },
  });
  const missing = liveModels.flatMap((model) => {
    const reason = unreachableReason(model, options.baseUrl);
    return reason === undefined ? [] : [`${model}: ${reason}`];
  });
  if (missing.length > 0) return fallback(missing.join("; "));
  const planned = await planRun({ ...rest, models: liveModels });
  const calls = planned.estimates.reduce((n, e) => n + e.calls, 0);
  if (resolveCacheMode(options.cacheMode) === "read-only" && calls > 0) {
    return fallback(`the cache is read-only and lacks ${calls} of the live responses`);
  }
  return { planned, choice: { models: liveModels, live: true, reason: `${liveModels.join(", ")} (live): keys or base URL configured` } };
}
