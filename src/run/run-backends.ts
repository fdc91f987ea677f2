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
import { createPaperBackend } from "../backends/paper";
import type { Backend } from "../backends/types";
import { CACHE_MODES, type CacheMode, withCache } from "../cache/with-cache";
import { openAiCompatibleBaseUrl, readEnv } from "../config";
import { UsageError } from "../errors";
import type { BenchmarkData } from "../reproduce/benchmark-data";
import type { WorkItem } from "../runner/types";
import { createPublishedSource } from "./published-source";
import type { RunUnit } from "./types";

/**
 * Loads a module on first use: through `require` where it resolves TypeScript sources (the
 * CommonJS loader of the CLI, the notebook kernel), else through `import()` (vitest).
 */
async function loadLazily<T>(viaRequire: () => T, viaImport: () => Promise<T>): Promise<T> {
  try {
    return viaRequire();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "MODULE_NOT_FOUND") throw error;
    return viaImport();
  }
}

function loadRegistry(): Promise<typeof import("../backends/registry")> {
  return loadLazily(() => require("../backends/registry") as typeof import("../backends/registry"), () => import("../backends/registry"));
}

function loadOpenAiBackend(): Promise<typeof import("../backends/openai-backend")> {
  return loadLazily(() => require("../backends/openai-backend") as typeof import("../backends/openai-backend"), () => import("../backends/openai-backend"));
}

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
 * The backend of each model of a run: `paper/…` from the published outputs for these items,
 * everything else through `createBackend` (keys are checked there) behind the cache. Every model
 * of the items gets its backend here, so a missing key fails before the first call.
 * @param benchmark the loaded data, for `paper/…`
 * @param items the run's items, whose metadata the published source maps requests to
 * @returns the backend of a model id
 * @throws {UsageError} for a missing key or base URL
 */
export async function runBackends(benchmark: BenchmarkData, items: readonly WorkItem<RunUnit>[], options: RunBackendOptions = {}): Promise<(modelId: string) => Backend> {
  const mode = options.cacheMode ?? resolveCacheMode();
  const backends = new Map<string, Backend>();
  for (const modelId of new Set(items.map((item) => item.request.model))) {
    if (parseModelId(modelId).provider === "paper") {
      backends.set(modelId, createPaperBackend(modelId, createPublishedSource(benchmark, items)));
      continue;
    }
    const { createBackend } = await loadRegistry();
    const backend = createBackend(modelId, { baseUrl: options.baseUrl, timeoutMs: options.timeoutMs, maxRetries: options.maxRetries });
    backends.set(modelId, withCache(backend, { mode, dir: options.cacheDir }));
  }
  return (modelId) => {
    const backend = backends.get(modelId);
    if (backend === undefined) throw new UsageError(`runBackends: no backend for ${modelId} (not among the run's items)`);
    return backend;
  };
}

/**
 * Stand-in backends for estimates: the model's capabilities and cache scope, a cache look-up
 * (`has`), and no way to call anything. Needs no API key.
 * @param models the models to make stand-ins for
 */
export async function lookupBackends(models: readonly string[], options: RunBackendOptions = {}): Promise<(modelId: string) => Backend> {
  const mode = options.cacheMode ?? resolveCacheMode();
  const backends = new Map<string, Backend>();
  for (const modelId of new Set(models)) {
    const { provider } = parseModelId(modelId);
    const compatibleUrl = provider === "openai-compatible" ? openAiCompatibleBaseUrl(options.baseUrl) : undefined;
    const scope = compatibleUrl === undefined ? undefined : (await loadOpenAiBackend()).normaliseBaseUrl(compatibleUrl);
    const stub: Backend = {
      id: modelId,
      capabilities: capabilitiesFor(modelId),
      ...(scope === undefined ? {} : { cacheScope: scope }),
      complete: () => Promise.reject(new UsageError(`${modelId}: a look-up backend makes no calls`)),
    };
    backends.set(modelId, provider === "paper" ? stub : withCache(stub, { mode: mode === "off" || mode === "refresh" ? "off" : "read-only", dir: options.cacheDir }));
  }
  return (modelId) => {
    const backend = backends.get(modelId);
    if (backend === undefined) throw new UsageError(`lookupBackends: no stand-in for ${modelId}`);
    return backend;
  };
}
