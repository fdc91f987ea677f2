/**
 * The resumable executor: work items → results.jsonl, with concurrency, progress, cost and budget.
 */
export type { WorkItem, ResultLine, OkResultLine, FailedResultLine, IncompleteResultLine, PartialAnswer, ModelFailure, RunOptions, RunSummary, RunEstimate, ProgressMode } from "./types";
export { RESULT_STATUSES } from "./types";
export { runItems, permanentStatus, STOP_AFTER_PERMANENT_ERRORS, SUMMARY_FILE } from "./run-items";
export { lockRunFolder, makeRunFolder, LOCK_DIR, LOCK_HOLDER_FILE, STALE_AFTER_MS, type LockHolder, type RunLock } from "./run-lock";
export { readResults, ResultsWriter, RESULTS_FILE, type ResultsRead } from "./results-file";
export { planResume, type ResumePlan } from "./resume";
export { PRICES, priceFor, costUsd, type PriceTable, type ModelPrice } from "./prices";
export { estimateTokens, estimateCostUsd, estimateRun, CHARACTERS_PER_TOKEN, DEFAULT_ASSUMED_OUTPUT_TOKENS, type TokenEstimate, type RunEstimateContext } from "./estimate";
export { describeEstimate, describeSkipped, describeSummary } from "./report";
export { createProgress, formatDuration, type ProgressDisplay, type ProgressState } from "./progress";
export { handleInterrupts, type InterruptHandle, type SignalSource } from "./interrupt";
