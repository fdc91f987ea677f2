/**
 * A run as notebook tables and a figure: the price per model, the Table 1-style rows beside the
 * paper's models, and the verbalize-then-sample comparison.
 */
import type { Figure } from "../notebook/figure";
import { methodLabel } from "../labels";
import type { RunSummary } from "../executor/types";
import { DATASETS } from "../types";
import type { ModelEstimate } from "./estimate-run";
import type { RunTableRow } from "./run-table";
import type { HybridGapRow } from "./verbalize-then-sample";

/** One record per model: items, what is done or cached, the calls left, tokens and USD. */
export function estimateRecords(estimates: readonly ModelEstimate[]): Record<string, unknown>[] {
  return estimates.map((e) => ({
    model: e.model,
    items: e.items,
    done: e.alreadyDone,
    cached: e.cached,
    calls: e.calls,
    inputTokens: e.estimatedInputTokens,
    maxOutputTokens: e.estimatedOutputTokens,
    costUsd: e.estimatedCostUsd,
  }));
}

/** The executor's summary as one record. */
export function summaryRecord(summary: RunSummary): Record<string, unknown> {
  return {
    ok: summary.ok,
    cached: summary.cachedHits,
    failed: summary.failed,
    truncated: summary.truncated,
    refused: summary.refused,
    notLaunched: summary.notLaunched,
    inputTokens: summary.inputTokens,
    outputTokens: summary.outputTokens,
    // Unknown, not the priced calls' total, when any call had no price.
    costUsd: summary.unpricedCalls > 0 ? null : summary.costUsd,
  };
}

/** Run-table rows as records: model, method label, steering, a column per dataset present, mean, ±, n, parse rate. */
export function runTableRecords(rows: readonly RunTableRow[]): Record<string, unknown>[] {
  const datasets = DATASETS.filter((d) => rows.some((r) => r.perDataset[d] !== undefined));
  return rows.map((r) => ({
    model: r.model,
    method: methodLabel(r.method),
    steering: r.steering,
    ...Object.fromEntries(datasets.map((d) => [d, r.perDataset[d]])),
    mean: r.mean,
    halfWidth: r.halfWidth,
    n: r.n,
    parseRate: r.parseRate,
  }));
}

/** Verbalize-then-sample rows as records. */
export function hybridRecords(rows: readonly HybridGapRow[]): Record<string, unknown>[] {
  return rows.map((r) => ({
    model: r.model,
    verbalize: r.verbalize,
    sequence: r.sequence,
    verbalizeThenSample: r.hybrid,
    sequenceGap: r.sequenceGap,
    hybridGap: r.hybridGap,
    gapClosed: r.gapClosed,
  }));
}

/**
 * Mean TV per model and method (persona + few-shot), one bar group per method, with the 95%
 * bootstrap half-widths as error bars; the run's models first.
 * @param rows run-table rows
 * @param title the figure title
 */
export function runFigure(rows: readonly RunTableRow[], title: string): Figure {
  const steered = rows.filter((r) => r.steering === "persona+few-shot" && r.mean !== undefined);
  const models = [...new Set(steered.map((r) => r.model))];
  const methods = [...new Set(steered.map((r) => methodLabel(r.method)))];
  return {
    data: models.map((model) => {
      const mine = methods.map((method) => steered.find((r) => r.model === model && methodLabel(r.method) === method));
      return {
        type: "bar",
        name: model,
        x: methods,
        y: mine.map((r) => r?.mean ?? null),
        error_y: { type: "data", array: mine.map((r) => r?.halfWidth ?? null), visible: true },
      };
    }),
    layout: {
      title: { text: title },
      barmode: "group",
      xaxis: { title: { text: "distribution expression method" } },
      yaxis: { title: { text: "mean total variation (lower is better)" }, rangemode: "tozero" },
    },
  };
}
