/**
 * Parse-rate summaries of strict parses, reported next to the scores they qualify.
 */
import type { StrictFailureReason, StrictParseResult } from "./strict-result";

/** How many responses of a batch could be read, and why the others could not. */
export interface ParseRateSummary {
  readonly total: number;
  readonly ok: number;
  readonly failed: number;
  /** ok / total; NaN for an empty batch. */
  readonly rate: number;
  /** Failures per reason, most frequent first. */
  readonly reasons: Partial<Record<StrictFailureReason, number>>;
}

/**
 * Summarizes a batch of strict-parse results.
 * @param results results of `parseVerbalizeStrict`, `parseSequenceStrict` or `parseLogprobsStrict`
 * @returns totals, the success rate and the failure count per reason
 * @example
 * summarizeParseRate([parseSequenceStrict("ABABABABABAB", 2), parseSequenceStrict("hello", 2)]);
 * // => { total: 2, ok: 1, failed: 1, rate: 0.5, reasons: { "too few option letters": 1 } }
 */
export function summarizeParseRate(results: readonly StrictParseResult[]): ParseRateSummary {
  const counts = new Map<StrictFailureReason, number>();
  let ok = 0;
  for (const result of results) {
    // `=== false` narrows also where strictNullChecks is off (tslab compiles src/ without it).
    if (result.ok === false) counts.set(result.reason, (counts.get(result.reason) ?? 0) + 1);
    else ok++;
  }
  const reasons: Partial<Record<StrictFailureReason, number>> = {};
  for (const [reason, count] of [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))) reasons[reason] = count;
  const total = results.length;
  return { total, ok, failed: total - ok, rate: total === 0 ? Number.NaN : ok / total, reasons };
}
