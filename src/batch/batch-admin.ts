/**
 * What `distalign batch status|cancel DIR` do: the batches a run folder's ledger records, polled
 * where their provider can be reached, and cancelled on request. A cancelled batch ends; the next
 * run collects it, recording its unfinished requests as failed.
 */
import type { BatchApi, BatchProgress } from "../backends/batch/types";
import type { ProviderBaseUrls } from "../backends/origins";
import { UsageError } from "../errors";
import { loadRegistry } from "../run/run-backends";
import { readLedger } from "./ledger";

/** One batch of a run folder, with its polled state when the provider answered. */
export interface BatchStatusRow {
  readonly seq: number;
  readonly provider: string;
  readonly model: string;
  readonly id: string | null;
  /** The ledger's state: submitting, submitted or collected. */
  readonly state: string;
  readonly items: number;
  /** The provider's answer; undefined when not polled (collected, no API) or when it failed (`error`). */
  readonly progress?: BatchProgress;
  readonly error?: string;
}

/**
 * The batches of a run folder, polling each open one.
 * @param apiOf the batch API of a model, or undefined to report the recorded state only
 */
export async function batchStatus(dir: string, apiOf: (modelId: string) => BatchApi | undefined): Promise<BatchStatusRow[]> {
  const rows: BatchStatusRow[] = [];
  for (const record of readLedger(dir).batches) {
    const base = { seq: record.seq, provider: record.provider, model: record.model, id: record.id, state: record.state, items: record.items.length };
    const api = record.state === "submitted" && record.id !== null ? apiOf(record.model) : undefined;
    if (api === undefined) {
      rows.push(base);
      continue;
    }
    try {
      rows.push({ ...base, progress: await api.retrieve(record.id as string) });
    } catch (error) {
      rows.push({ ...base, error: (error as Error).message });
    }
  }
  return rows;
}

/**
 * Cancels every open batch of a run folder.
 * @returns the batches asked to cancel, with the provider's answer
 */
export async function cancelBatches(dir: string, apiOf: (modelId: string) => BatchApi | undefined): Promise<BatchStatusRow[]> {
  const rows: BatchStatusRow[] = [];
  for (const record of readLedger(dir).batches) {
    if (record.state !== "submitted" || record.id === null) continue;
    const api = apiOf(record.model);
    if (api === undefined) continue;
    rows.push({ seq: record.seq, provider: record.provider, model: record.model, id: record.id, state: record.state, items: record.items.length, progress: await api.cancel(record.id) });
  }
  return rows;
}

/** One line per batch: "#1 openai openai/gpt-4o-mini batch_abc: submitted, 120 items; in_progress 40/120 done, 2 failed". */
export function describeBatchRow(row: BatchStatusRow): string {
  const polled =
    row.progress !== undefined ? `; ${row.progress.status} ${row.progress.done}/${row.progress.total} done, ${row.progress.failed} failed`
    : row.error !== undefined ? `; not polled (${row.error})`
    : "";
  return `#${row.seq} ${row.model} ${row.id ?? "(id not yet known)"}: ${row.state}, ${row.items} items${polled}`;
}

/**
 * The batch API of each model of a run folder's ledger, through the configured keys and base
 * URLs; undefined for a model whose provider is not configured (no key), reported to `onUnavailable`.
 */
export async function ledgerBatchApis(dir: string, baseUrls: ProviderBaseUrls, onUnavailable: (message: string) => void): Promise<(modelId: string) => BatchApi | undefined> {
  const { createBackend } = await loadRegistry();
  const apis = new Map<string, BatchApi | undefined>();
  for (const record of readLedger(dir).batches) {
    if (apis.has(record.model)) continue;
    try {
      apis.set(record.model, createBackend(record.model, { baseUrls }).batch);
    } catch (error) {
      if (!(error instanceof UsageError)) throw error;
      onUnavailable(error.message);
      apis.set(record.model, undefined);
    }
  }
  return (modelId) => apis.get(modelId);
}
