/**
 * The resumable runner: work items → results.jsonl, with concurrency, progress, cost and budget.
 */
export type { WorkItem, ResultLine, OkResultLine, FailedResultLine, RunOptions, RunSummary, RunEstimate, ProgressMode } from "./types";
export { runItems, SUMMARY_FILE } from "./run-items";
export { readResults, ResultsWriter, RESULTS_FILE, type ResultsRead } from "./results-file";
export { planResume, type ResumePlan } from "./resume";
export { PRICES, priceFor, costUsd, type PriceTable, type ModelPrice } from "./prices";
export { estimateTokens, estimateCostUsd, estimateRun, CHARACTERS_PER_TOKEN, DEFAULT_ASSUMED_OUTPUT_TOKENS, type TokenEstimate, type RunEstimateContext } from "./estimate";
export { describeEstimate, describeSummary } from "./report";
export { createProgress, formatDuration, type ProgressDisplay, type ProgressState } from "./progress";
export { handleInterrupts, type InterruptHandle, type SignalSource } from "./interrupt";
