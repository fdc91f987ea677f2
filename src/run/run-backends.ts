/**
 * The backends of a run: live models behind the response cache, `paper/…` models answered from
 * the published outputs (never cached, so a read-only cache does not stand in their way), and
 * look-up-only stand-ins that price a dry run without keys and without calls.
 */
import { capabilitiesFor } from "../backends/capabilities";
import { parseModelId } from "../backends/model-id";
import { normaliseBaseUrl } from "../backends/openai";
import { createPaperBackend } from "../backends/paper";
import { createBackend } from "../backends/registry";
import type { Backend } from "../backends/types";
import { CACHE_MODES, type CacheMode, withCache } from "../cache/with-cache";
import { openAiCompatibleBaseUrl, readEnv } from "../config";
import { UsageError } from "../errors";
import type { BenchmarkData } from "../reproduce/benchmark-data";
import type { WorkItem } from "../runner/types";
import { createPublishedSource } from "./published-source";
import type { RunUnit } from "./types";

/** How a run reaches its models. */
export interface RunBackendOptions {
  /** @default resolveCacheMode() */
  readonly cacheMode?: CacheMode;
  /** The cache root. @default cacheDir() */
  readonly cacheDir?: string;
  /** The server of every live model (a proxy, a test server, an OpenAI-compatible server). */
  readonly baseUrl?: string;
  /** Per-attempt timeout. @unit milliseconds */
  readonly timeoutMs?: number;
  /** Retries the SDKs make. */
  readonly maxRetries?: number;
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

/**
 * The backend of each model of a run, made once per model: `paper/…` from the published outputs
 * for these items, everything else through `createBackend` (keys are checked there) behind the cache.
 * @param benchmark the loaded data, for `paper/…`
 * @param items the run's items, whose metadata the published source maps requests to
 */
export function runBackends(benchmark: BenchmarkData, items: readonly WorkItem<RunUnit>[], options: RunBackendOptions = {}): (modelId: string) => Backend {
  const mode = options.cacheMode ?? resolveCacheMode();
  let source: ReturnType<typeof createPublishedSource> | undefined;
  return (modelId) => {
    if (parseModelId(modelId).provider === "paper") {
      source ??= createPublishedSource(benchmark, items);
      return createPaperBackend(modelId, source);
    }
    const backend = createBackend(modelId, { baseUrl: options.baseUrl, timeoutMs: options.timeoutMs, maxRetries: options.maxRetries });
    return withCache(backend, { mode, dir: options.cacheDir });
  };
}

/**
 * Stand-in backends for estimates: the model's capabilities and cache scope, a cache look-up
 * (`has`), and no way to call anything. Needs no API key.
 */
export function lookupBackends(options: RunBackendOptions = {}): (modelId: string) => Backend {
  const mode = options.cacheMode ?? resolveCacheMode();
  return (modelId) => {
    const { provider } = parseModelId(modelId);
    const compatibleUrl = provider === "openai-compatible" ? openAiCompatibleBaseUrl(options.baseUrl) : undefined;
    const stub: Backend = {
      id: modelId,
      capabilities: capabilitiesFor(modelId),
      ...(compatibleUrl === undefined ? {} : { cacheScope: normaliseBaseUrl(compatibleUrl) }),
      complete: () => Promise.reject(new UsageError(`${modelId}: a look-up backend makes no calls`)),
    };
    return provider === "paper" ? stub : withCache(stub, { mode: mode === "off" || mode === "refresh" ? "off" : "read-only", dir: options.cacheDir });
  };
}
