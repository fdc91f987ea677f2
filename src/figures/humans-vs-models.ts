/**
 * Table 2 of arXiv:2411.05403 (notebook tab2-humans-vs-models): human annotators and models on the
 * datasets with human baselines, OpinionQA and NYT Book Opinions. "Both" = ½ OpinionQA + ½ NYT,
 * each pooled over persona and few-shot steering; the per-condition cells (no steering, persona,
 * few-shot per dataset) come from the same breakdown.
 */
import type { Figure } from "../notebook/figure";
import type { Reproduction } from "../reproduce/reproduce";
import { methodLabel, modelLabel } from "../labels";
import type { BreakdownRow } from "../benchmark/tables";
import { PAPER_MODELS, type ScoredMethod } from "../types";
import { SERIES_COLORS } from "./series-style";

/** Which model series to compare with the humans. */
export interface HumansVsModelsSelection {
  /** @default all four scored methods */
  readonly methods?: readonly ScoredMethod[];
  /** @default the five published models */
  readonly models?: readonly string[];
}

/** One row of Table 2: a model under one method, or the humans. */
export interface HumansVsModelsRow {
  /** "GPT-4 (V)", "Humans". */
  readonly series: string;
  readonly model: string;
  readonly method: string;
  /** ½ OpinionQA + ½ NYT over persona + few-shot. */
  readonly both: number;
  readonly "both ±95%": number;
  readonly "OQA none": number | undefined;
  readonly "OQA persona": number | undefined;
  readonly "OQA few-shot": number | undefined;
  readonly "NYT none": number | undefined;
  readonly "NYT persona": number | undefined;
  readonly "NYT few-shot": number | undefined;
}

/** A series' display name: "Humans", or the model with its method label. */
export function seriesLabel(model: string, method: string): string {
  return model === "human" ? "Humans" : `${modelLabel(model)} (${methodLabel(method)})`;
}

/**
 * Table 2 from a reproduction's breakdown: every selected model × method with outputs on both
 * datasets, and the humans, sorted by "both" (best first).
 */
export function humansVsModelsRows(reproduction: Reproduction, selection: HumansVsModelsSelection = {}): HumansVsModelsRow[] {
  const methods = selection.methods ?? ["verbalize", "sequence", "logprobs", "ts-logprobs"];
  const models = selection.models ?? PAPER_MODELS;
  const series = [...models.flatMap((model) => methods.map((method) => ({ model, method: method as string }))), { model: "human", method: "verbalize" }];
  const cell = (dataset: BreakdownRow["dataset"], steering: BreakdownRow["steering"], model: string, method: string) =>
    reproduction.breakdown.find((r) => r.dataset === dataset && r.steering === steering && r.model === model && r.method === method);
  const rows: HumansVsModelsRow[] = [];
  for (const { model, method } of series) {
    const both = cell("both", "persona+few-shot", model, method);
    if (both === undefined) continue;
    rows.push({
      series: seriesLabel(model, method),
      model,
      method,
      both: both.mean,
      "both ±95%": both.halfWidth,
      "OQA none": cell("opinionqa", "none", model, method)?.mean,
      "OQA persona": cell("opinionqa", "persona", model, method)?.mean,
      "OQA few-shot": cell("opinionqa", "few-shot", model, method)?.mean,
      "NYT none": cell("nytimes", "none", model, method)?.mean,
      "NYT persona": cell("nytimes", "persona", model, method)?.mean,
      "NYT few-shot": cell("nytimes", "few-shot", model, method)?.mean,
    });
  }
  return rows.sort((a, b) => a.both - b.both);
}

/** Positions of the human rows, to highlight them in a table. */
export function humanRowPositions(rows: readonly HumansVsModelsRow[]): number[] {
  return rows.flatMap((row, i) => (row.model === "human" ? [i] : []));
}

/** The rows for display: the series name, then every number; `model`/`method` keys dropped. */
export function humansVsModelsTable(rows: readonly HumansVsModelsRow[]): Record<string, string | number | undefined>[] {
  return rows.map(({ model: _model, method: _method, ...rest }, i) => ({ rank: i + 1, ...rest }));
}

/** Models that do better than the humans on "both", and whether their intervals overlap the humans'. */
export function modelsAheadOfHumans(rows: readonly HumansVsModelsRow[]): { series: string; margin: number; overlaps: boolean }[] {
  const human = rows.find((r) => r.model === "human");
  if (human === undefined) return [];
  return rows
    .filter((r) => r.model !== "human" && r.both < human.both)
    .map((r) => ({
      series: r.series,
      margin: human.both - r.both,
      overlaps: r.both + r["both ±95%"] >= human.both - human["both ±95%"],
    }));
}

/**
 * Table 2 as a horizontal bar chart, best at the top: one bar per series coloured by expression
 * method, the humans in their own colour with a dashed reference line, whiskers the 95% half-width.
 */
export function humansVsModelsFigure(rows: readonly HumansVsModelsRow[]): Figure {
  const ordered = [...rows].reverse();
  const human = rows.find((r) => r.model === "human");
  const groups = [...new Set(rows.map((r) => (r.model === "human" ? "human" : r.method)))];
  return {
    data: groups.map((group) => {
      const subset = rows.filter((r) => (r.model === "human" ? "human" : r.method) === group);
      const isHuman = group === "human";
      return {
        type: "bar",
        orientation: "h",
        name: isHuman ? "Humans" : methodLabel(group),
        x: subset.map((r) => r.both),
        y: subset.map((r) => r.series),
        error_x: { type: "data", array: subset.map((r) => r["both ±95%"]), visible: true, thickness: 1.2, width: 3 },
        marker: { color: isHuman ? "#f2b01e" : SERIES_COLORS[group] ?? "#888888", line: { color: isHuman ? "#333333" : "rgba(0,0,0,0)", width: 1.5 } },
        hovertemplate: "%{y}: %{x:.3f}<extra></extra>",
      };
    }),
    layout: {
      title: { text: "Table 2: humans vs models on OpinionQA + NYT (persona + few-shot)" },
      barmode: "relative",
      xaxis: { title: { text: "average total variation, ½ OpinionQA + ½ NYT (lower is better)" }, rangemode: "tozero" },
      yaxis: { automargin: true, tickfont: { size: 11 }, categoryorder: "array", categoryarray: ordered.map((r) => r.series) },
      legend: { title: { text: "method" }, traceorder: "normal" },
      shapes:
        human === undefined
          ? []
          : [{ type: "line", yref: "paper", y0: 0, y1: 1, x0: human.both, x1: human.both, line: { color: "#333333", width: 1, dash: "dash" } }],
      height: Math.max(360, 26 * rows.length + 120),
    },
  };
}
