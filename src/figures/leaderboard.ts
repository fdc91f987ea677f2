/**
 * Table 1 of arXiv:2411.05403 (notebook tab1-leaderboard): the main leaderboard (Table 1a, model ×
 * expression method, persona and few-shot steering, the three datasets weighted equally) and the
 * knowledge-to-simulation gap (Table 1b), in paper mode and corrected mode side by side, and a
 * dot-and-whisker chart of Table 1a.
 */
import type { Figure, PlotlyTrace } from "../notebook/figure";
import type { Reproduction } from "../reproduce/reproduce";
import { BASELINE_LABELS, methodLabel, modelLabel } from "../labels";
import type { LeaderboardRow } from "../benchmark/tables";
import { SCORED_METHODS } from "../types";
import { SERIES_COLORS } from "./series-style";

/** One row of Table 1a in both modes. Undefined cells: the model has no such outputs. */
export type LeaderboardComparisonRow = {
  readonly model: string;
  readonly method: string;
  readonly "paper mean": number | undefined;
  readonly "paper ±95%": number | undefined;
  readonly "paper parse rate": number | undefined;
  readonly "corrected mean": number | undefined;
  readonly "corrected ±95%": number | undefined;
  readonly "corrected parse rate": number | undefined;
  /** corrected − paper. */
  readonly delta: number | undefined;
};

/** One row of Table 1b in both modes, in percent as the paper prints it. */
export type GapComparisonRow = {
  readonly model: string;
  readonly "paper K2S (%)": number | undefined;
  readonly "corrected K2S (%)": number | undefined;
  /** corrected − paper, in percentage points. */
  readonly "delta (pp)": number | undefined;
};

function difference(a: number | undefined, b: number | undefined): number | undefined {
  return a === undefined || b === undefined ? undefined : b - a;
}

/**
 * Table 1a of one reproduction as display records: model, method label, mean, 95% half-width,
 * parse rate; model × method pairs without outputs are left out. The values are the
 * reproduction's own (the CLI's `distalign reproduce` prints the same rows).
 */
export function leaderboardRows(reproduction: Reproduction): Record<string, string | number | undefined>[] {
  return reproduction.table1a
    .filter((row) => row.mean !== undefined)
    .map((row) => ({
      model: modelLabel(row.model),
      method: methodLabel(row.method),
      mean: row.mean,
      "±95%": row.halfWidth,
      "parse rate": row.parseRate,
    }));
}

/**
 * Table 1a in both modes, row by row: the paper-mode and corrected-mode means, 95% half-widths and
 * parse rates, and the change. Rows absent in both modes (no Anthropic log-probabilities) are left out.
 */
export function leaderboardComparison(paper: Reproduction, corrected: Reproduction): LeaderboardComparisonRow[] {
  const find = (rows: readonly LeaderboardRow[], model: string, method: string) =>
    rows.find((r) => r.model === model && r.method === method);
  return paper.table1a
    .map((p) => ({ p, c: find(corrected.table1a, p.model, p.method) }))
    .filter(({ p, c }) => p.mean !== undefined || c?.mean !== undefined)
    .map(({ p, c }) => ({
      model: modelLabel(p.model),
      method: methodLabel(p.method),
      "paper mean": p.mean,
      "paper ±95%": p.halfWidth,
      "paper parse rate": p.parseRate,
      "corrected mean": c?.mean,
      "corrected ±95%": c?.halfWidth,
      "corrected parse rate": c?.parseRate,
      delta: difference(p.mean, c?.mean),
    }));
}

/** Table 1b in both modes: K2S = Seq / V − 1 per model, in percent. */
export function gapComparison(paper: Reproduction, corrected: Reproduction): GapComparisonRow[] {
  return paper.table1b.map((p) => {
    const c = corrected.table1b.find((r) => r.model === p.model);
    const paperPercent = 100 * p.kss;
    const correctedPercent = c === undefined ? undefined : 100 * c.kss;
    return {
      model: modelLabel(p.model),
      "paper K2S (%)": paperPercent,
      "corrected K2S (%)": correctedPercent,
      "delta (pp)": difference(paperPercent, correctedPercent),
    };
  });
}

/** Options of {@link leaderboardFigure}. */
export interface LeaderboardFigureOptions {
  /** @default "Table 1a (<mode> mode): …" */
  readonly title?: string;
}

/**
 * Table 1a as a dot-and-whisker chart: models along the x axis, one colour per expression method
 * (dots side by side within a model), whiskers the 95% bootstrap half-width, and the baselines as
 * dotted horizontal reference lines labelled in the right margin. Lower is better.
 */
export function leaderboardFigure(reproduction: Reproduction, options: LeaderboardFigureOptions = {}): Figure {
  const models = [...new Set(reproduction.table1a.map((r) => r.model))].filter((m) => m !== "baseline");
  const x = models.map(modelLabel);
  const traces: PlotlyTrace[] = SCORED_METHODS.map((method) => {
    const rows = models.map((model) => reproduction.table1a.find((r) => r.model === model && r.method === method));
    return {
      type: "scatter",
      mode: "markers",
      name: methodLabel(method),
      x,
      y: rows.map((r) => r?.mean ?? null),
      error_y: { type: "data", array: rows.map((r) => r?.halfWidth ?? 0), visible: true, thickness: 1.5, width: 4 },
      marker: { color: SERIES_COLORS[method], size: 9 },
      hovertemplate: `%{x}, ${methodLabel(method)}: %{y:.3f}<extra></extra>`,
    };
  });
  const baselines = reproduction.table1a.filter((r) => r.model === "baseline" && r.mean !== undefined);
  const shapes = baselines.map((b) => ({
    type: "line",
    xref: "paper",
    x0: 0,
    x1: 1,
    y0: b.mean,
    y1: b.mean,
    line: { color: "#777777", width: 1, dash: "dot" },
  }));
  const annotations = baselines.map((b) => ({
    xref: "paper",
    x: 1.005,
    xanchor: "left",
    y: b.mean,
    yanchor: "middle",
    showarrow: false,
    font: { size: 11, color: "#555555" },
    text: `${BASELINE_LABELS[b.method] ?? b.method}<br>${(b.mean as number).toFixed(3)}`,
  }));
  return {
    data: traces,
    layout: {
      title: { text: options.title ?? `Table 1a (${reproduction.mode} mode): total variation by model and expression method` },
      scattermode: "group",
      scattergap: 0.5,
      xaxis: { title: { text: "" } },
      yaxis: { title: { text: "average total variation (lower is better)" }, rangemode: "tozero" },
      legend: { title: { text: "method" }, orientation: "h", y: -0.12 },
      margin: { r: 190 },
      shapes,
      annotations,
      height: 520,
    },
  };
}

/** A breakdown row as a flat record for a DataFrame: missing values are null, methods are labelled. */
export type BreakdownRecord = {
  dataset: string;
  steering: string;
  model: string;
  method: string;
  mean: number;
  halfWidth: number;
  n: number;
  parseRate: number | null;
};

/**
 * The breakdown of one reproduction (every dataset × steering × model × method, humans and
 * baselines) as flat records, ready for `new dfd.DataFrame(records)` in danfojs, whose columns
 * take null but not undefined for a missing value.
 */
export function breakdownRecords(reproduction: Reproduction): BreakdownRecord[] {
  return reproduction.breakdown.map((row) => ({
    dataset: row.dataset,
    steering: row.steering,
    model: row.model,
    method: methodLabel(row.method),
    mean: row.mean,
    halfWidth: row.halfWidth,
    n: row.n,
    parseRate: row.parseRate ?? null,
  }));
}
