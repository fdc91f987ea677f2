/**
 * The batch APIs of a run's models: each live `openai/…` or `anthropic/…` model's backend, made
 * with the run's settings (base URLs, keys), offers its provider's batch API.
 */
import { parseModelId } from "../backends/model-id";
import { createBackend } from "../backends/registry";
import type { BatchApi } from "../backends/batch/types";
import { type RunBackendOptions, runSettings } from "../run/run-backends";

/**
 * The batch API of each model (undefined for `paper/…` and for providers without one).
 * @throws {UsageError} for a missing API key or base URL
 */
export function batchApis(models: readonly string[], options: RunBackendOptions = {}): (modelId: string) => BatchApi | undefined {
  const settingsOf = runSettings(models, options);
  const apis = new Map<string, BatchApi | undefined>();
  for (const model of new Set(models)) {
    if (parseModelId(model).provider === "paper") continue;
    apis.set(model, createBackend(model, { ...settingsOf(model), timeoutMs: options.timeoutMs, maxRetries: options.maxRetries }).batch);
  }
  return (modelId) => apis.get(modelId);
}
