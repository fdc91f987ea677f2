/**
 * The executor's vocabulary: work items in, one JSONL result line per finished item out.
 */
import type { Backend, Completion, CompletionRequest } from "../backends/types";
import type { PendingWork } from "./pending";
import type { PriceTable } from "./prices";

/** One unit of work: a request with a stable id. */
export interface WorkItem<Meta = unknown> {
  /** Stable across runs: resuming matches results to items by this id. */
  readonly id: string;
  readonly request: CompletionRequest;
  /** Copied into the result line (dataset, group, question id, …). */
  readonly meta?: Meta;
}

/** Fields common to every result line. */
interface ResultLineBase {
  readonly id: string;
  readonly model: string;
  /** The cache key of the request: a changed request under the same id is re-run. */
  readonly requestKey: string;
  readonly meta?: unknown;
  /** ISO-8601 time the item finished. */
  readonly finishedAt: string;
  /** @unit milliseconds */
  readonly elapsedMs: number;
}

/** An item that got a completion. */
export interface OkResultLine extends ResultLineBase {
  readonly status: "ok";
  readonly completion: Completion;
  /** Served from the response cache, so nothing was paid for it in this run. */
  readonly cached: boolean;
  /** What this call cost in USD (0 when cached); null when the model's price is unknown. */
  readonly costUsd: number | null;
}

/** An item whose call failed after the executor's retries, recorded as data. */
export interface FailedResultLine extends ResultLineBase {
  readonly status: "failed";
  readonly error: { readonly name: string; readonly message: string };
}

/** What a provider returned and billed for an answer that is not one (`IncompleteAnswerError.partial`). */
export interface PartialAnswer {
  readonly text: string;
  readonly inputTokens: number;
  readonly outputTokens: number;
  readonly finishReason?: string;
}

/**
 * An item whose answer hit its token cap (`truncated`) or was refused (`refused`): paid for, not
 * an answer. It is not done: `retryFailed` runs it again, and it is never scored.
 */
export interface IncompleteResultLine extends ResultLineBase {
  readonly status: "truncated" | "refused";
  readonly error: { readonly name: string; readonly message: string };
  readonly partial: PartialAnswer;
  /** What the call cost in USD; null when the model's price is unknown. */
  readonly costUsd: number | null;
}

/** One line of `results.jsonl`. */
export type ResultLine = OkResultLine | FailedResultLine | IncompleteResultLine;

/** Every status a result line can have. */
export const RESULT_STATUSES = ["ok", "failed", "truncated", "refused"] as const;

/** How progress is shown: a live bar, sparse lines (for logs and non-TTY output), or nothing. */
export type ProgressMode = "auto" | "bar" | "lines" | "none";

/** Options of `runItems`. */
export interface RunOptions<Meta = unknown> {
  /** The folder that holds `results.jsonl` and `summary.json`; created if missing. */
  readonly outputDir: string;
  /**
   * The caller already holds the output folder's lock (`lockRunFolder`). Otherwise `runItems`
   * takes it for the run, and refuses a folder another process is running in. @default false
   */
  readonly folderLocked?: boolean;
  /** The backend for all items, or a function giving the backend of a model id (called once per model). */
  readonly backend: Backend | ((modelId: string) => Backend);
  /** Items in flight at the start; the limit then adapts (see `AdaptiveLimit`). @default 8 */
  readonly concurrency?: number;
  /**
   * The ceiling of the adaptive limit: it grows on successful calls up to this, and backs off
   * on 429s and nearly spent rate-limit budgets. @default concurrency
   */
  readonly maxConcurrency?: number;
  /** Re-run items whose last result is a failure. @default false (they are reported and skipped) */
  readonly retryFailed?: boolean;
  /**
   * What is left to do, as `findPending` found it for these same items (the caller has reported
   * its estimate). Worked out again if results.jsonl changed since. @default worked out by the run
   */
  readonly pending?: PendingWork<Meta>;
  /** Report calls, tokens and cost without calling anything. @default false */
  readonly dryRun?: boolean;
  /** Stop launching items once spent + in-flight estimates + the next item's estimate would exceed this. */
  readonly budgetUsd?: number;
  /** Output tokens assumed for a request without `maxTokens`, in estimates. @default 1024 */
  readonly assumedOutputTokens?: number;
  /** @default PRICES */
  readonly prices?: PriceTable;
  /** Stops launching new items; in-flight items finish and are recorded. */
  readonly stopSignal?: AbortSignal;
  /** Stops launching and aborts in-flight calls; aborted items are not recorded and run again on resume. */
  readonly signal?: AbortSignal;
  /** @default "auto" (a bar on a TTY, sparse lines otherwise) */
  readonly progress?: ProgressMode;
  /** Where progress and reports are written. @default process.stderr */
  readonly output?: NodeJS.WritableStream & { isTTY?: boolean };
}

/** Token and cost estimate of the calls a run would make. */
export interface RunEstimate {
  /** Items with nothing left to do (ok in results.jsonl). */
  readonly alreadyDone: number;
  /** Items skipped because their last result is a failure and `retryFailed` is off. */
  readonly skippedFailed: number;
  /** Items that would run. */
  readonly toRun: number;
  /** Of those, served by the response cache (free). */
  readonly cached: number;
  /** Calls that would reach a provider. */
  readonly calls: number;
  readonly estimatedInputTokens: number;
  readonly estimatedOutputTokens: number;
  /** USD; null when some model's price is unknown (see `unpricedModels`). */
  readonly estimatedCostUsd: number | null;
  readonly unpricedModels: readonly string[];
  /** The date of the price table used. */
  readonly pricesAsOf: string;
}

/** The failures of one model in a run. */
export interface ModelFailure {
  readonly model: string;
  /** The first error's message, on one line, secrets removed. */
  readonly firstError: string;
  /** Failed calls of the model in this run. */
  readonly failed: number;
  /** Set when launching the model's items stopped after consecutive permanent errors (HTTP 400/401/403/404). */
  readonly stoppedAfterPermanentErrors?: { readonly status: number; readonly notLaunched: number };
}

/** What a run did. */
export interface RunSummary {
  readonly resultsFile: string;
  readonly total: number;
  readonly dryRun: boolean;
  readonly estimate: RunEstimate;
  /** Items that finished ok in this run (cached ones included). */
  readonly ok: number;
  /** Calls that failed (after the executor's retries), recorded as `failed`. */
  readonly failed: number;
  /** Answers that hit their token cap, recorded as `truncated` (paid for, not done). */
  readonly truncated: number;
  /** Answers the model refused, recorded as `refused` (paid for, not done). */
  readonly refused: number;
  /**
   * Per model, the first failure of this run (one line, secrets removed), and whether launching
   * that model's items was stopped after consecutive permanent errors.
   */
  readonly failures: readonly ModelFailure[];
  readonly cachedHits: number;
  /** Items aborted in flight (not recorded; they run again on resume). */
  readonly interrupted: number;
  /** Items never launched, because of the budget, a stop, or a model's consecutive permanent errors. */
  readonly notLaunched: number;
  readonly stoppedByBudget: boolean;
  readonly stoppedBySignal: boolean;
  readonly inputTokens: number;
  readonly outputTokens: number;
  /** USD spent in this run on calls with known prices. */
  readonly costUsd: number;
  /** Ok calls (not cached) whose price is unknown, so `costUsd` undercounts. */
  readonly unpricedCalls: number;
  /** Problems found in an existing results.jsonl (torn, malformed or foreign lines), each naming the line. */
  readonly warnings: readonly string[];
  /** @unit milliseconds */
  readonly elapsedMs: number;
}
