/**
 * Batch runs: the same items, cache keys and results.jsonl as direct calls, sent through the
 * providers' batch APIs at the batch price. Items the cache answers (and `paper/…` items) run
 * directly; the rest are split per model within the provider's limits, recorded in the run
 * folder's ledger before and as soon as each batch is created, polled, and collected: every
 * outcome of an ended batch goes through the executor (`runItems`) with a backend that replays it,
 * behind the response cache, so parsing, scoring, resume and `--retry-failed` work unchanged.
 */
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { parseModelId } from "../backends/model-id";
import type { BatchApi, BatchLine, BatchOutcome } from "../backends/batch/types";
import type { Backend, Completion, CompletionRequest } from "../backends/types";
import { cacheKey } from "../cache/cache-key";
import { type CacheOptions, withCache } from "../cache/with-cache";
import { BackendError, UsageError } from "../errors";
import { estimateCostUsd } from "../executor/estimate";
import { estimatePending, findPending, pendingSubset, stalePending } from "../executor/pending";
import { batchPrices, PRICES } from "../executor/prices";
import { formatDuration } from "../executor/progress";
import { describeEstimate, describeSkipped, describeSummary } from "../executor/report";
import { readResultFacts, RESULTS_FILE } from "../executor/results-file";
import { lockRunFolder, makeRunFolder } from "../executor/run-lock";
import { runItems, SUMMARY_FILE } from "../executor/run-items";
import { writeSafely } from "../executor/safe-write";
import type { RunOptions, RunSummary, WorkItem } from "../executor/types";
import { writeFileAtomicSync } from "../files";
import { type BatchLedger, type BatchRecord, customIdOf, indexOfCustomId, readLedger } from "./ledger";

/** The default wait between polls of open batches. @unit milliseconds */
export const DEFAULT_POLL_INTERVAL_MS = 30_000;

/** Options of `runBatch`: the executor's, and how batches are reached. */
export interface BatchRunOptions<Meta = unknown> extends RunOptions<Meta> {
  /** The batch API of a model (its live backend's `batch`); undefined for a model without one. */
  readonly batchApiOf: (modelId: string) => BatchApi | undefined;
  /** The response cache the collected answers are written to (as the run's backends use it). */
  readonly cache?: CacheOptions;
  /** Wait between polls. @unit milliseconds @default DEFAULT_POLL_INTERVAL_MS */
  readonly pollIntervalMs?: number;
  /** Submit the batches and return without waiting for them (a later run collects). @default false */
  readonly noWait?: boolean;
}

/** What a batch run did, beside the executor's counts. */
export interface BatchRunSummary extends RunSummary {
  /** Batches submitted by this run. */
  readonly batchesSubmitted: number;
  /** Batches still open when the run returned (stopped, or `noWait`): the next run collects them. */
  readonly batchesOpen: number;
}

/**
 * Runs items through the providers' batch APIs, resuming from the run folder's results and ledger.
 * @throws UsageError for a model without a batch API, a read-only cache, or a budget with unpriced models
 */
export async function runBatch<Meta>(items: readonly WorkItem<Meta>[], options: BatchRunOptions<Meta>): Promise<BatchRunSummary> {
  makeRunFolder(options.outputDir);
  const output = options.output ?? process.stderr;
  const lock = options.dryRun === true || options.folderLocked === true ? undefined : await lockRunFolder(options.outputDir, (message) => writeSafely(output, `${message}\n`));
  try {
    return await runBatchLocked(items, options);
  } finally {
    await lock?.release();
  }
}

async function runBatchLocked<Meta>(items: readonly WorkItem<Meta>[], options: BatchRunOptions<Meta>): Promise<BatchRunSummary> {
  const startedAt = Date.now();
  const output = options.output ?? process.stderr;
  const say = (line: string) => writeSafely(output, `${line}\n`);
  const prices = batchPrices(options.prices ?? PRICES);
  const pollMs = options.pollIntervalMs ?? DEFAULT_POLL_INTERVAL_MS;
  if ((options.cache?.mode ?? "read-write") === "read-only") throw new UsageError("batch: the cache is read-only, so collected answers could not be kept (use cacheMode read-write, refresh or off)", { option: "batch" });
  const backendOf = resolver(options.backend);
  const byId = new Map(items.map((item) => [item.id, item]));
  const keyOf = (item: WorkItem<Meta>) => cacheKey(item.request, backendOf(item.request.model).cacheScope);
  for (const model of new Set(items.map((item) => item.request.model))) {
    if (parseModelId(model).provider !== "paper" && options.batchApiOf(model) === undefined) {
      throw new UsageError(`batch: ${model} has no batch API (openai/… and anthropic/… models have; run it without batch submission)`, { option: "batch" });
    }
  }

  const ledger = readLedger(options.outputDir);
  const resultsFile = join(options.outputDir, RESULTS_FILE);
  const held = openItems(ledger);
  const find = { outputDir: options.outputDir, backendOf, retryFailed: options.retryFailed, held };
  const given = options.pending;
  if (given !== undefined && given.items !== items) throw new RangeError("runBatch: pending was worked out for other items");
  const stale = given === undefined ? undefined : (stalePending(given, find) ?? (sameIds(given.held, held) ? undefined : "the open batches changed since"));
  const current = given !== undefined && stale === undefined;
  if (stale !== undefined) say(`run: the estimate is out of date (${stale}); what is left is worked out again`);
  const work = current ? given : await findPending(items, find);
  const { previous, plan, cachedIds } = work;

  const direct: WorkItem<Meta>[] = [];
  const toSubmit: WorkItem<Meta>[] = [];
  for (const item of plan.pending) {
    if (held.has(item.id)) continue;
    if (cachedIds.has(item.id) || options.batchApiOf(item.request.model) === undefined) direct.push(item);
    else toSubmit.push(item);
  }
  const outputTokenCapOf = (modelId: string) => backendOf(modelId).outputTokenCap;
  const estimate = estimatePending(work, { prices, assumedOutputTokens: options.assumedOutputTokens, outputTokenCapOf });
  // A caller that passed `pending` has reported its estimate and what it skips.
  if (!current) say(`${describeEstimate(estimate, options.dryRun === true)} at batch prices`);
  if (held.size > 0) say(`batch: ${ledger.batches.filter((r) => r.state !== "collected").length} batches of earlier runs still open (${held.size} items); polling them, not submitting them again`);
  const skipped = current ? undefined : describeSkipped(work);
  if (skipped !== undefined) say(skipped);
  if (options.budgetUsd !== undefined && estimate.unpricedModels.length > 0 && estimate.calls > 0) {
    throw new UsageError(`runBatch: cannot keep a budget without prices (no price for ${estimate.unpricedModels.join(", ")})`);
  }
  const parts: RunSummary[] = [];
  let notLaunched = 0;
  let stoppedByBudget = false;
  let submitted = 0;
  const finish = (open: number): BatchRunSummary => {
    const summary = combine(resultsFile, items.length, estimate, parts, { notLaunched, stoppedByBudget, stopped: open > 0 && options.noWait !== true, startedAt, warnings: previous.warnings, dryRun: options.dryRun === true });
    return { ...summary, batchesSubmitted: submitted, batchesOpen: open };
  };
  if (options.dryRun === true) return finish(0);
  const quiet = { output: new PassThrough(), progress: "none" as const, folderLocked: true };

  // Items the cache answers, and paper/… items, run directly (no call reaches a provider).
  if (direct.length > 0) parts.push(await runItems(direct, { ...options, ...quiet, budgetUsd: undefined, retryFailed: true, pending: pendingSubset(work, direct) }));

  // Batches recorded before their id was known: find them, or submit their items again.
  const pendingIds = new Set(plan.pending.map((item) => item.id));
  for (const record of [...ledger.batches]) {
    if (record.state !== "submitting") continue;
    const api = options.batchApiOf(record.model);
    const claimed = new Set(ledger.batches.map((r) => r.id).filter((id): id is string => id !== null));
    const found = api === undefined || record.submission === undefined ? undefined : await api.find(record.submission, claimed);
    if (found !== undefined) {
      record.id = found;
      record.state = "submitted";
    } else {
      ledger.batches.splice(ledger.batches.indexOf(record), 1);
      for (const id of record.items) {
        const item = byId.get(id);
        if (item !== undefined && pendingIds.has(item.id)) toSubmit.push(item);
      }
    }
    ledger.save();
  }

  // Submission, within the budget, per model, within each provider's limits.
  let committedUsd = 0;
  type Chunk = { model: string; api: BatchApi; lines: BatchLine[]; ids: string[]; bytes: number };
  const chunks: Chunk[] = [];
  const open = new Map<string, Chunk>();
  for (const item of toSubmit) {
    if (isAborted(options.stopSignal) || isAborted(options.signal)) {
      notLaunched += 1;
      continue;
    }
    const model = item.request.model;
    const api = options.batchApiOf(model) as BatchApi;
    const cost = options.budgetUsd === undefined ? 0 : (estimateCostUsd(item.request, prices, options.assumedOutputTokens, outputTokenCapOf(model)) ?? 0);
    if (stoppedByBudget || (options.budgetUsd !== undefined && committedUsd + cost > options.budgetUsd)) {
      stoppedByBudget = true;
      notLaunched += 1;
      continue;
    }
    committedUsd += cost;
    let chunk = open.get(model);
    let line = api.line(customIdOf(chunk?.ids.length ?? 0), item.request);
    if (line.bytes > api.limits.maxBytes) throw new UsageError(`batch: ${item.id}: request of ${line.bytes} bytes exceeds the ${api.provider} batch limit of ${api.limits.maxBytes} bytes`, { option: "batch" });
    if (chunk !== undefined && (chunk.ids.length + 1 > api.limits.maxRequests || chunk.bytes + line.bytes > api.limits.maxBytes)) {
      chunks.push(chunk);
      chunk = undefined;
      line = api.line(customIdOf(0), item.request);
    }
    if (chunk === undefined) {
      chunk = { model, api, lines: [], ids: [], bytes: 0 };
      open.set(model, chunk);
    }
    chunk.lines.push(line);
    chunk.ids.push(item.id);
    chunk.bytes += line.bytes;
  }
  chunks.push(...open.values());
  for (const chunk of chunks) {
    if (chunk.ids.length === 0) continue;
    const record: BatchRecord = {
      seq: Math.max(0, ...ledger.batches.map((r) => r.seq)) + 1,
      provider: chunk.api.provider,
      model: chunk.model,
      id: null,
      state: "submitting",
      items: chunk.ids,
      createdAt: new Date().toISOString(),
    };
    ledger.batches.push(record);
    const id = await chunk.api.submit(chunk.lines, (submission) => {
      record.submission = submission;
      ledger.save();
    });
    record.id = id;
    record.state = "submitted";
    ledger.save();
    submitted += 1;
    say(`batch: submitted ${id} (${chunk.model}, ${chunk.ids.length} requests)`);
  }

  // Polling and collecting.
  const waitStarted = Date.now();
  let lastLine = "";
  let lastLineAt = 0;
  for (;;) {
    const pending = ledger.batches.filter((r) => r.state === "submitted");
    if (pending.length === 0) return finishRun(0);
    let done = 0;
    let failed = 0;
    let total = 0;
    for (const record of pending) {
      const api = options.batchApiOf(record.model);
      if (api === undefined) throw new UsageError(`${ledger.file}: batch ${record.id} is of ${record.model}, which this run has no batch API for`);
      const progress = await api.retrieve(record.id as string);
      if (progress.status !== record.status) {
        record.status = progress.status;
        ledger.save();
      }
      done += progress.done;
      failed += progress.failed;
      total += progress.total;
      if (progress.ended) {
        parts.push(await collect(record, api, progress.status));
        record.state = "collected";
        ledger.save();
      }
    }
    const still = ledger.batches.filter((r) => r.state === "submitted").length;
    if (still === 0) return finishRun(0);
    const line = `batch: ${done}/${total} requests done, ${failed} failed, ${still} batches open, ${formatDuration((Date.now() - waitStarted) / 1000)} elapsed`;
    if (line !== lastLine || Date.now() - lastLineAt >= 30_000) {
      say(line);
      lastLine = line;
      lastLineAt = Date.now();
    }
    if (options.noWait === true || isAborted(options.stopSignal) || isAborted(options.signal)) {
      say(`batch: ${still} batches still open; run the same command again to collect them (distalign batch status|cancel ${options.outputDir})`);
      return finishRun(still);
    }
    await sleep(pollMs, options.signal, options.stopSignal);
  }

  function finishRun(openBatches: number): BatchRunSummary {
    const summary = finish(openBatches);
    writeFileAtomicSync(join(options.outputDir, SUMMARY_FILE), `${JSON.stringify(summary, null, 2)}\n`);
    say(describeSummary(summary));
    return summary;
  }

  /** Records every item of an ended batch: its outcome, or a failure when the provider reports none. */
  async function collect(record: BatchRecord, api: BatchApi, status: string): Promise<RunSummary> {
    const recordItems = record.items.map((id) => byId.get(id)).filter((item): item is WorkItem<Meta> => item !== undefined);
    const requestOf = (customId: string) => {
      const index = indexOfCustomId(customId);
      const id = index === undefined ? undefined : record.items[index];
      return id === undefined ? undefined : byId.get(id)?.request;
    };
    const outcomes = new Map<string, BatchOutcome>();
    for await (const outcome of api.results(record.id as string, requestOf)) {
      const id = record.items[indexOfCustomId(outcome.customId) as number] as string;
      outcomes.set(keyOf(byId.get(id) as WorkItem<Meta>), outcome);
    }
    const latest = readResultFacts(resultsFile).latest;
    // Items recorded from this batch by an earlier, interrupted collection are not recorded again.
    const unrecorded = recordItems.filter((item) => {
      const line = latest.get(item.id);
      return line === undefined || line.requestKey !== keyOf(item) || line.finishedAt < record.createdAt;
    });
    const replayOf = (modelId: string): Backend => {
      const live = backendOf(modelId);
      const replay: Backend = {
        id: live.id,
        capabilities: live.capabilities,
        ...(live.cacheScope === undefined ? {} : { cacheScope: live.cacheScope }),
        ...(live.outputTokenCap === undefined ? {} : { outputTokenCap: live.outputTokenCap }),
        complete: async (request: CompletionRequest): Promise<Completion> => {
          const outcome = outcomes.get(cacheKey(request, live.cacheScope));
          if (outcome === undefined) throw new BackendError(`${modelId}: batch ${record.id} ended (${status}) without a result for this request`, modelId);
          if ("error" in outcome) throw outcome.error;
          return outcome.completion;
        },
      };
      return options.cache?.mode === "off" ? replay : withCache(replay, { ...options.cache, mode: options.cache?.mode === "refresh" ? "refresh" : "read-write" });
    };
    const replays = new Map<string, Backend>();
    return runItems(unrecorded, {
      ...options,
      ...quiet,
      pending: pendingSubset({ ...work, cachedIds: new Set<string>() }, unrecorded),
      backend: (modelId) => replays.get(modelId) ?? replays.set(modelId, replayOf(modelId)).get(modelId)!,
      prices,
      budgetUsd: undefined,
      retryFailed: true,
      concurrency: 32,
      signal: undefined,
      stopSignal: undefined,
    });
  }
}

function combine(
  resultsFile: string,
  total: number,
  estimate: RunSummary["estimate"],
  parts: readonly RunSummary[],
  extra: { notLaunched: number; stoppedByBudget: boolean; stopped: boolean; startedAt: number; warnings: readonly string[]; dryRun: boolean },
): RunSummary {
  const sum = (key: "ok" | "failed" | "truncated" | "refused" | "cachedHits" | "interrupted" | "notLaunched" | "inputTokens" | "outputTokens" | "costUsd" | "unpricedCalls") =>
    parts.reduce((s, p) => s + p[key], 0);
  const failures = new Map<string, { model: string; firstError: string; failed: number }>();
  for (const part of parts) {
    for (const f of part.failures) {
      const entry = failures.get(f.model);
      if (entry === undefined) failures.set(f.model, { model: f.model, firstError: f.firstError, failed: f.failed });
      else entry.failed += f.failed;
    }
  }
  return {
    resultsFile,
    total,
    dryRun: extra.dryRun,
    estimate,
    ok: sum("ok"),
    failed: sum("failed"),
    truncated: sum("truncated"),
    refused: sum("refused"),
    failures: [...failures.values()],
    cachedHits: sum("cachedHits"),
    interrupted: sum("interrupted"),
    notLaunched: sum("notLaunched") + extra.notLaunched,
    stoppedByBudget: extra.stoppedByBudget,
    stoppedBySignal: extra.stopped,
    inputTokens: sum("inputTokens"),
    outputTokens: sum("outputTokens"),
    costUsd: sum("costUsd"),
    unpricedCalls: sum("unpricedCalls"),
    warnings: extra.warnings,
    elapsedMs: Date.now() - extra.startedAt,
  };
}

/** The items of a run folder's batches not yet collected: a batch run polls them rather than submitting them again. */
export function openBatchItems(outputDir: string): Set<string> {
  return openItems(readLedger(outputDir));
}

function openItems(ledger: BatchLedger): Set<string> {
  const held = new Set<string>();
  for (const record of ledger.batches) if (record.state !== "collected") for (const id of record.items) held.add(id);
  return held;
}

function sameIds(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  return a.size === b.size && [...a].every((id) => b.has(id));
}

function resolver(given: RunOptions["backend"]): (modelId: string) => Backend {
  const made = new Map<string, Backend>();
  return (modelId) => {
    if (typeof given !== "function") return given;
    let backend = made.get(modelId);
    if (backend === undefined) {
      backend = given(modelId);
      made.set(modelId, backend);
    }
    return backend;
  };
}

function isAborted(signal: AbortSignal | undefined): boolean {
  return signal?.aborted === true;
}

function sleep(ms: number, ...signals: (AbortSignal | undefined)[]): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      for (const signal of signals) signal?.removeEventListener("abort", done);
      resolve();
    }
    for (const signal of signals) signal?.addEventListener("abort", done, { once: true });
  });
}
