/**
 * The resumable executor: runs work items through a backend with bounded concurrency, appending
 * one result line per finished item to `<outputDir>/results.jsonl`.
 *
 * Resume guarantees. A completion reaches the response cache (written inside `withCache`) before
 * its result line is appended, and each line goes out in one synchronous write. So after any
 * interruption, an item either has its line, or its response is in the cache (the re-run is a
 * free cache hit), or its call never got an answer (the re-run pays for it once).
 */
import { setMaxListeners } from "node:events";
import { setTimeout as sleep } from "node:timers/promises";
import { join } from "node:path";
import { redactSecrets } from "../backends/backend-error";
import { checkRequestSupported } from "../backends/plan";
import type { Backend, CallContext, Completion } from "../backends/types";
import type { GroupRef } from "../data/results";
import { cacheKey } from "../cache/cache-key";
import { BackendError, IncompleteAnswerError, UsageError } from "../errors";
import { AdaptiveLimit, type LimitSlot } from "./adaptive-limit";
import { MAX_RETRY_AFTER_MS, RequestPacer } from "./request-pacer";
import { seededRandom } from "../random";
import { writeFileAtomicSync } from "../files";
import { estimateCostUsd } from "./estimate";
import { costUsd, PRICES, type PriceTable } from "./prices";
import { createProgress } from "./progress";
import { describeEstimate, describeSkipped, describeSummary } from "./report";
import { RESULTS_FILE, ResultsWriter, type ResultFactsRead } from "./results-file";
import { estimatePending, findPending, type PendingWork, stalePending } from "./pending";
import { lockRunFolder, makeRunFolder } from "./run-lock";
import type { RunOptions, RunSummary, WorkItem } from "./types";
import { writeSafely } from "./safe-write";

/** The name of the run summary written next to results.jsonl. */
export const SUMMARY_FILE = "summary.json";

/**
 * Runs work items, resuming from an existing results file.
 *
 * Items already ok (for the same request) are skipped; items whose last result is a failure are
 * skipped and reported unless `retryFailed`. Every request is checked against its model's
 * capabilities before the first call. A failure is recorded as data and never stops the batch.
 * @param items work items with stable, unique ids
 * @param options output folder, backend, concurrency, budget, signals, progress
 * @returns counts, tokens, cost and the pre-run estimate
 * @throws UsageError for duplicate ids, a request a model cannot serve, or a budget with unpriced models
 * @example
 * const backend = withCache(createBackend("openai/gpt-4o-mini"));
 * const summary = await runItems(items, { outputDir: "output/runs/pilot", backend, concurrency: 16, budgetUsd: 2 });
 */
export async function runItems<Meta>(items: readonly WorkItem<Meta>[], options: RunOptions<Meta>): Promise<RunSummary> {
  const startedAt = Date.now();
  const concurrency = options.concurrency ?? 8;
  if (!Number.isInteger(concurrency) || concurrency < 1) throw new RangeError(`runItems: concurrency must be a positive integer (got ${concurrency})`);
  const maxConcurrency = options.maxConcurrency ?? concurrency;
  if (!Number.isInteger(maxConcurrency) || maxConcurrency < concurrency) throw new RangeError(`runItems: maxConcurrency must be an integer ≥ concurrency (got ${maxConcurrency}, concurrency ${concurrency})`);
  if (options.budgetUsd !== undefined && !(options.budgetUsd >= 0)) throw new RangeError(`runItems: budget must be a non-negative number (got ${options.budgetUsd})`);
  checkUniqueIds(items);
  const output = options.output ?? process.stderr;
  const prices = options.prices ?? PRICES;
  const backendOf = backendResolver(options.backend);
  for (const item of items) checkRequestSupported(item.request, backendOf(item.request.model).capabilities);
  const keys = new Map<string, string>();
  const keyOf = (item: WorkItem<Meta>) => {
    let key = keys.get(item.id);
    if (key === undefined) {
      key = cacheKey(item.request, backendOf(item.request.model).cacheScope);
      keys.set(item.id, key);
    }
    return key;
  };

  makeRunFolder(options.outputDir);
  const lock = options.dryRun === true || options.folderLocked === true ? undefined : await lockRunFolder(options.outputDir, (message) => writeSafely(output, `${message}\n`));
  try {
    return await runLocked(items, options, { output, prices, backendOf, keyOf, startedAt, concurrency, maxConcurrency });
  } finally {
    await lock?.release();
  }
}

interface RunContext<Meta> {
  readonly output: NodeJS.WritableStream & { isTTY?: boolean };
  readonly prices: PriceTable;
  readonly backendOf: (modelId: string) => Backend;
  readonly keyOf: (item: WorkItem<Meta>) => string;
  readonly startedAt: number;
  readonly concurrency: number;
  readonly maxConcurrency: number;
}

async function runLocked<Meta>(items: readonly WorkItem<Meta>[], options: RunOptions<Meta>, context: RunContext<Meta>): Promise<RunSummary> {
  const { output, prices, backendOf, keyOf, startedAt, concurrency, maxConcurrency } = context;
  const resultsFile = join(options.outputDir, RESULTS_FILE);
  const { pending: work, reported } = await pendingOf(items, options, backendOf, output);
  const { previous, plan, cachedIds } = work;
  const warnings = [...previous.warnings, ...foreignLines(resultsFile, previous, items)];
  for (const warning of warnings) writeSafely(output, `warning: ${warning}\n`);
  // A caller that passed `pending` has reported its estimate and what it skips.
  const skipped = reported ? undefined : describeSkipped(work);
  if (skipped !== undefined) writeSafely(output, `${skipped}\n`);
  if (plan.changed.length > 0) writeSafely(output, `run: ${plan.changed.length} items changed since their last result and run again\n`);

  const outputTokenCapOf = (modelId: string) => backendOf(modelId).outputTokenCap;
  const estimate = estimatePending(work, { prices, assumedOutputTokens: options.assumedOutputTokens, outputTokenCapOf });
  if (!reported) writeSafely(output, `${describeEstimate(estimate, options.dryRun === true)}\n`);
  if (options.budgetUsd !== undefined && estimate.unpricedModels.length > 0 && estimate.calls > 0) {
    throw new UsageError(`runItems: cannot keep a budget without prices (no price for ${estimate.unpricedModels.join(", ")})`);
  }

  const counters = { ok: 0, failed: 0, truncated: 0, refused: 0, cachedHits: 0, interrupted: 0, notLaunched: 0, inputTokens: 0, outputTokens: 0, costUsd: 0, unpricedCalls: 0, done: 0 };
  let stoppedByBudget = false;
  let stoppedBySignal = false;
  const failures = new Map<string, { firstError: string; failed: number; streak: number; incomplete: Set<string>; stopped?: { status: number; notLaunched: number } }>();
  const failuresOf = (model: string) => {
    let entry = failures.get(model);
    if (entry === undefined) {
      entry = { firstError: "", failed: 0, streak: 0, incomplete: new Set<string>() };
      failures.set(model, entry);
    }
    return entry;
  };
  if (options.dryRun === true) return summarise();

  const writer = new ResultsWriter(resultsFile);
  const progress = createProgress(options.progress ?? "auto", output);
  const limit = new AdaptiveLimit({ initial: concurrency, max: maxConcurrency });
  const state = () => ({ done: counters.done, total: plan.pending.length, failed: counters.failed + counters.truncated + counters.refused, cached: counters.cachedHits, costUsd: counters.costUsd, limit: limit.limit });
  let inFlightEstimateUsd = 0;
  function pay(usage: { inputTokens: number; outputTokens: number }, cost: number | null): void {
    counters.inputTokens += usage.inputTokens;
    counters.outputTokens += usage.outputTokens;
    if (cost === null) counters.unpricedCalls += 1;
    else counters.costUsd += cost;
  }

  // Ends waits for a turn or a retry: the stop or the abort signal, one listener each per run.
  const waitSignals = [options.signal, options.stopSignal].filter((signal): signal is AbortSignal => signal !== undefined);
  const waitSignal = waitSignals.length === 0 ? new AbortController().signal : AbortSignal.any(waitSignals);
  // Each waiting item listens to it until its wait ends; a run may have hundreds waiting at once.
  setMaxListeners(0, waitSignal);
  // One pacer per model whose backend reports its HTTP responses.
  const pacers = new Map<string, RequestPacer>();
  for (const model of new Set(plan.pending.map((item) => item.request.model))) {
    if (backendOf(model).onRateSignal !== undefined) pacers.set(model, new RequestPacer());
  }

  /**
   * One item's call, retried as its backend allows when it fails with a retryable error: each
   * attempt waits for the model's pacing, and a retry gives its slot up for its backoff (the
   * server's `retry-after`, else exponential) and waits for one again.
   */
  async function callWithRetries(item: WorkItem<Meta>, slot: LimitSlot, signal: AbortSignal, context: CallContext | undefined): Promise<Completion & { cached?: boolean }> {
    const backend = backendOf(item.request.model);
    const pacer = cachedIds.has(item.id) ? undefined : pacers.get(item.request.model);
    for (let retry = 0; ; retry += 1) {
      let release: (() => void) | undefined;
      try {
        if (pacer !== undefined) {
          try {
            release = await pacer.take(waitSignal);
          } catch (error) {
            if (isAborted(options.signal)) throw error;
            throw new StoppedBeforeSending(retry === 0);
          }
        }
        return await slot.sending(() => backend.complete(item.request, { signal, ...(context === undefined ? {} : { context }) }));
      } catch (error) {
        // The model's pacer hears of the attempt's end before any backoff.
        release?.();
        release = undefined;
        if (!(error instanceof BackendError) || !error.retryable || retry >= (backend.maxRetries ?? 0) || isAborted(options.signal)) throw error;
        if (isAborted(options.stopSignal)) throw new StoppedBeforeSending(false);
        const delay = retryDelayMs(error, retry, item.id);
        try {
          await slot.away(() => sleep(delay, undefined, { signal: waitSignal }));
        } catch (stopped) {
          if (isAborted(options.signal)) throw stopped;
          throw new StoppedBeforeSending(false);
        }
      } finally {
        release?.();
      }
    }
  }

  async function runOne(item: WorkItem<Meta>, slot: LimitSlot): Promise<void> {
    if (isAborted(options.signal) || isAborted(options.stopSignal)) {
      stoppedBySignal = true;
      counters.notLaunched += 1;
      return;
    }
    const stopped = failures.get(item.request.model)?.stopped;
    if (stopped !== undefined) {
      stopped.notLaunched += 1;
      counters.notLaunched += 1;
      return;
    }
    const estimateUsd =
      options.budgetUsd === undefined || cachedIds.has(item.id) ? 0 : (estimateCostUsd(item.request, prices, options.assumedOutputTokens, outputTokenCapOf(item.request.model)) ?? 0);
    if (stoppedByBudget || (options.budgetUsd !== undefined && counters.costUsd + inFlightEstimateUsd + estimateUsd > options.budgetUsd)) {
      stoppedByBudget = true;
      counters.notLaunched += 1;
      return;
    }
    inFlightEstimateUsd += estimateUsd;
    const itemStartedAt = Date.now();
    const base = { id: item.id, model: item.request.model, requestKey: keyOf(item), ...(item.meta === undefined ? {} : { meta: item.meta }) };
    // A signal per call, linked to the run's: the SDKs add an abort listener to the signal they
    // are given and never remove it, so the run's own signal would collect one per item.
    const call = new AbortController();
    const forwardAbort = () => call.abort(options.signal?.reason);
    if (options.signal?.aborted === true) call.abort(options.signal.reason);
    options.signal?.addEventListener("abort", forwardAbort, { once: true });
    try {
      const { cached, ...completion } = await callWithRetries(item, slot, call.signal, callContextOf(item));
      const paid = cached !== true;
      const cost = paid ? costUsd(item.request.model, completion.usage, prices) : 0;
      writer.append({ ...base, status: "ok", completion: completion as Completion, cached: !paid, costUsd: cost, finishedAt: new Date().toISOString(), elapsedMs: Date.now() - itemStartedAt });
      counters.ok += 1;
      if (!paid) counters.cachedHits += 1;
      if (paid) pay(completion.usage, cost);
      const model = failures.get(item.request.model);
      if (model !== undefined) model.streak = 0;
    } catch (error) {
      if (isAborted(options.signal)) {
        counters.interrupted += 1;
        return;
      }
      if (error instanceof StoppedBeforeSending) {
        // Stopped while waiting for its turn or for a retry: nothing recorded, it runs next time.
        stoppedBySignal = true;
        if (error.neverSent) counters.notLaunched += 1;
        else counters.interrupted += 1;
        return;
      }
      const { name, message } = describeError(error);
      const finishedAt = new Date().toISOString();
      const model = failuresOf(item.request.model);
      if (error instanceof IncompleteAnswerError) {
        const { text, inputTokens, outputTokens, finishReason } = error.partial;
        const cost = costUsd(item.request.model, { inputTokens, outputTokens }, prices);
        const partial = { text: redactSecrets(text, []), inputTokens, outputTokens, ...(finishReason === undefined ? {} : { finishReason }) };
        writer.append({ ...base, status: error.reason, error: { name, message }, partial, costUsd: cost, finishedAt, elapsedMs: Date.now() - itemStartedAt });
        counters[error.reason] += 1;
        pay({ inputTokens, outputTokens }, cost);
        model.streak = 0;
        if (!model.incomplete.has(error.reason)) {
          model.incomplete.add(error.reason);
          progress.interrupt(`run: ${item.request.model}: first ${error.reason === "truncated" ? "truncated answer (token cap)" : "refused answer"}: ${withoutModel(oneLine(message), item.request.model)}`);
        }
        return;
      }
      writer.append({ ...base, status: "failed", error: { name, message }, finishedAt, elapsedMs: Date.now() - itemStartedAt });
      counters.failed += 1;
      model.failed += 1;
      if (model.failed === 1) {
        model.firstError = withoutModel(oneLine(message), item.request.model);
        progress.interrupt(`run: ${item.request.model}: first failure: ${model.firstError}`);
      }
      const status = permanentStatus(error);
      if (status === undefined) {
        model.streak = 0;
      } else {
        model.streak += 1;
        if (model.streak >= STOP_AFTER_PERMANENT_ERRORS && model.stopped === undefined) {
          model.stopped = { status, notLaunched: 0 };
          progress.interrupt(
            `run: ${item.request.model}: ${model.streak} consecutive permanent errors (HTTP ${status}); launching no more of its items (they run on the next invocation)`,
          );
        }
      }
    } finally {
      options.signal?.removeEventListener("abort", forwardAbort);
      inFlightEstimateUsd -= estimateUsd;
      counters.done += 1;
      progress.update(state());
    }
  }

  progress.start(plan.pending.length);
  // Every live backend's HTTP responses (429s, rate-limit headers) steer the limit.
  const unsubscribe: (() => void)[] = [];
  for (const model of new Set(plan.pending.map((item) => item.request.model))) {
    const backend = backendOf(model);
    const pacer = pacers.get(model);
    if (backend.onRateSignal !== undefined && pacer !== undefined) {
      unsubscribe.push(
        backend.onRateSignal((signal) => {
          pacer.observe(signal);
          limit.signal(signal, pacer.paced);
        }),
      );
    }
  }
  try {
    await Promise.all(plan.pending.map((item) => limit.run((slot) => runOne(item, slot))));
  } finally {
    for (const stop of unsubscribe) stop();
    writer.close();
    progress.stop(state());
  }
  const summary = summarise();
  writeSummary(join(options.outputDir, SUMMARY_FILE), summary);
  writeSafely(output, `${describeSummary(summary)}\n`);
  return summary;

  function summarise(): RunSummary {
    return {
      resultsFile,
      total: items.length,
      dryRun: options.dryRun === true,
      estimate,
      ok: counters.ok,
      failed: counters.failed,
      truncated: counters.truncated,
      refused: counters.refused,
      failures: [...failures]
        .filter(([, entry]) => entry.failed > 0)
        .map(([model, entry]) => ({
          model,
          firstError: entry.firstError,
          failed: entry.failed,
          ...(entry.stopped === undefined ? {} : { stoppedAfterPermanentErrors: { ...entry.stopped } }),
        })),
      cachedHits: counters.cachedHits,
      interrupted: counters.interrupted,
      notLaunched: counters.notLaunched,
      stoppedByBudget,
      stoppedBySignal,
      inputTokens: counters.inputTokens,
      outputTokens: counters.outputTokens,
      costUsd: counters.costUsd,
      unpricedCalls: counters.unpricedCalls,
      warnings,
      elapsedMs: Date.now() - startedAt,
    };
  }
}

/**
 * The run's pending work: `options.pending` while it still holds (`reported`: its estimate was
 * shown by the caller), else worked out now.
 */
async function pendingOf<Meta>(
  items: readonly WorkItem<Meta>[],
  options: RunOptions<Meta>,
  backendOf: (modelId: string) => Backend,
  output: NodeJS.WritableStream,
): Promise<{ pending: PendingWork<Meta>; reported: boolean }> {
  const find = { outputDir: options.outputDir, backendOf, retryFailed: options.retryFailed };
  const given = options.pending;
  if (given !== undefined) {
    if (given.items !== items) throw new RangeError("runItems: pending was worked out for other items");
    const stale = stalePending(given, find);
    if (stale === undefined) return { pending: given, reported: true };
    writeSafely(output, `run: the estimate is out of date (${stale}); what is left is worked out again\n`);
  }
  return { pending: await findPending(items, find), reported: false };
}

/** A call stopped by the stop signal before its first or its next attempt was sent. */
class StoppedBeforeSending extends Error {
  constructor(readonly neverSent: boolean) {
    super("stopped before sending");
  }
}

/**
 * The wait before retry number `retry` (0 for the first) of an item: the server's `retry-after`
 * where it asked for one (up to a minute), else 0.5 s doubling up to 8 s, less up to a quarter
 * (a jitter seeded by the item id, so waits spread but runs repeat).
 */
function retryDelayMs(error: BackendError, retry: number, itemId: string): number {
  if (error.retryAfterMs !== undefined && error.retryAfterMs <= MAX_RETRY_AFTER_MS) return error.retryAfterMs;
  const backoff = Math.min(500 * 2 ** retry, 8_000);
  return backoff * (1 - 0.25 * seededRandom(retry, itemId)());
}

/** Consecutive permanent errors of one model after which its remaining items are not launched. */
export const STOP_AFTER_PERMANENT_ERRORS = 3;

/** HTTP statuses that no retry will change: the request, the key, or the model is wrong. */
const PERMANENT_STATUSES: ReadonlySet<number> = new Set([400, 401, 403, 404]);

/** The HTTP status of a permanent failure (from the SDK error kept as the `BackendError`'s cause), else undefined. */
export function permanentStatus(error: unknown): number | undefined {
  if (!(error instanceof BackendError)) return undefined;
  const status = (error.cause as { status?: unknown } | undefined)?.status;
  return typeof status === "number" && PERMANENT_STATUSES.has(status) ? status : undefined;
}

function oneLine(text: string): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > 300 ? `${flat.slice(0, 300)}…` : flat;
}

/** A message without the `<model>: ` it starts with, for a line that names the model already. */
function withoutModel(message: string, model: string): string {
  return message.startsWith(`${model}: `) ? message.slice(model.length + 2) : message;
}

/** One warning for the result lines whose ids are not among the run's items: they are neither done nor scored. */
function foreignLines(file: string, read: ResultFactsRead, items: readonly WorkItem<unknown>[]): string[] {
  const ids = new Set(items.map((item) => item.id));
  const foreign = [...read.latest.keys()].filter((id) => !ids.has(id));
  if (foreign.length === 0) return [];
  const first = foreign[0] as string;
  return [`${file} line ${read.latest.get(first)?.line}: ${foreign.length} result lines name items outside this run (e.g. ${first}); they are ignored`];
}

/** Read through a function so that TypeScript does not carry a narrowing across awaits. */
function isAborted(signal: AbortSignal | undefined): boolean {
  return signal?.aborted === true;
}

function checkUniqueIds(items: readonly WorkItem<unknown>[]): void {
  const seen = new Set<string>();
  for (const item of items) {
    if (seen.has(item.id)) throw new UsageError(`runItems: duplicate item id (${item.id})`);
    seen.add(item.id);
  }
}

function backendResolver(given: RunOptions["backend"]): (modelId: string) => Backend {
  const made = new Map<string, Backend>();
  return (modelId) => {
    if (typeof given !== "function") {
      if (given.id !== modelId) throw new UsageError(`runItems: item for ${modelId} but the backend serves ${given.id}`);
      return given;
    }
    let backend = made.get(modelId);
    if (backend === undefined) {
      backend = given(modelId);
      made.set(modelId, backend);
    }
    return backend;
  };
}

/**
 * The call context of an item whose metadata describes a survey question (dataset, question id,
 * options, groups, steering, method: a benchmark run's `RunUnit`); undefined for other metadata.
 */
function callContextOf(item: WorkItem<unknown>): CallContext | undefined {
  const meta = item.meta as Partial<Record<keyof CallContext, unknown>> | undefined;
  if (typeof meta !== "object" || meta === null) return undefined;
  const { dataset, questionId, options, groups, steering, method } = meta;
  if (typeof dataset !== "string" || typeof questionId !== "string" || typeof steering !== "string" || typeof method !== "string") return undefined;
  if (!Array.isArray(options) || !options.every((o) => typeof o === "string")) return undefined;
  if (!Array.isArray(groups) || !groups.every((g) => typeof (g as GroupRef)?.attribute === "string" && typeof (g as GroupRef)?.value === "string")) return undefined;
  return { itemId: item.id, dataset, questionId, options: options as string[], groups: (groups as GroupRef[]).map((g) => ({ attribute: g.attribute, value: g.value })), steering, method };
}

/** Name and message of a failure, as data; key-shaped strings are scrubbed once more. */
function describeError(error: unknown): { name: string; message: string } {
  if (error instanceof Error) return { name: error.name, message: redactSecrets(error.message, []) };
  return { name: "Error", message: redactSecrets(String(error), []) };
}

function writeSummary(file: string, summary: RunSummary): void {
  writeFileAtomicSync(file, `${JSON.stringify(summary, null, 2)}\n`);
}
