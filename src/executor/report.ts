/**
 * One-line reports of a run: the estimate before it, the summary after it.
 */
import { formatDuration } from "./progress";
import type { PendingWork } from "./pending";
import type { RunEstimate, RunSummary } from "./types";

/** "run: 120 to run (20 already done, 0 failed before), 30 cached, 90 calls ≈ … tokens, ≈ $0.0123 (prices as of …)" */
export function describeEstimate(estimate: RunEstimate, dryRun: boolean): string {
  const cost =
    estimate.estimatedCostUsd === null ? `unknown cost (no price for ${estimate.unpricedModels.join(", ")})` : `≈ $${estimate.estimatedCostUsd.toFixed(4)}`;
  return (
    `${dryRun ? "dry run" : "run"}: ${estimate.toRun} to run (${estimate.alreadyDone} already done, ${estimate.skippedFailed} failed before), ` +
    `${estimate.cached} cached, ${estimate.calls} calls ≈ ${estimate.estimatedInputTokens} input + ≤${estimate.estimatedOutputTokens} output tokens, ` +
    `${cost} (prices as of ${estimate.pricesAsOf})`
  );
}

/**
 * "run: 3 items failed before (2 failed, 1 truncated) and are skipped (retry them with retryFailed), e.g. a, b, c";
 * undefined when none is skipped.
 */
export function describeSkipped(pending: PendingWork<unknown>): string | undefined {
  const skipped = pending.plan.skippedFailed;
  if (skipped.length === 0) return undefined;
  const counts = new Map<string, number>();
  for (const id of skipped) {
    const status = pending.previous.latest.get(id)?.status;
    if (status !== undefined) counts.set(status, (counts.get(status) ?? 0) + 1);
  }
  const statuses = [...counts].map(([status, count]) => `${count} ${status}`).join(", ");
  return `run: ${skipped.length} items failed before (${statuses}) and are skipped (retry them with retryFailed), e.g. ${skipped.slice(0, 3).join(", ")}`;
}

/**
 * "run: 118 ok (30 cached), 2 failed, 3 truncated (token cap), 1 refused, 0 interrupted, 0 not launched; … tokens, $0.0101; 2m05s → …/results.jsonl"
 * (truncated and refused answers are named only when there are some).
 */
export function describeSummary(summary: RunSummary): string {
  const stops = [summary.stoppedByBudget ? "budget reached" : "", summary.stoppedBySignal ? "stopped" : ""].filter((text) => text !== "");
  const unpriced = summary.unpricedCalls > 0 ? ` + ${summary.unpricedCalls} calls of unknown price` : "";
  return (
    `run: ${summary.ok} ok (${summary.cachedHits} cached), ${summary.failed} failed, ` +
    (summary.truncated > 0 ? `${summary.truncated} truncated (token cap), ` : "") +
    (summary.refused > 0 ? `${summary.refused} refused, ` : "") +
    `${summary.interrupted} interrupted, ` +
    `${summary.notLaunched} not launched${stops.length > 0 ? ` (${stops.join(", ")})` : ""}; ` +
    `${summary.inputTokens} input + ${summary.outputTokens} output tokens, $${summary.costUsd.toFixed(4)}${unpriced}; ` +
    `${formatDuration(summary.elapsedMs / 1000)} → ${summary.resultsFile}`
  );
}
