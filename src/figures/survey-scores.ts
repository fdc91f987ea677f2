/**
 * The scores of a run on a survey as a figure: mean total variation per method, one bar per
 * model with its 95% interval, beside the survey's own floor (the distance sampling alone puts
 * between a group and its respondents). Builds the plotly spec from score records; computes nothing.
 */
import { methodLabel } from "../labels";
import type { Figure, PlotlyTrace } from "../notebook/figure";
import type { BaselineRow } from "../reproduce/baselines-table";
import type { SummaryRow } from "../run/score-files";
import { sourceColor } from "./series-style";

/** Options of `surveyScoreFigure`. */
export interface SurveyScoreFigureOptions {
  readonly title?: string;
  /** Rows of `surveyBaselines`: the `noise-floor` row under `tv`, when present, is drawn as a line. */
  readonly baselines?: readonly BaselineRow[];
  /** Which steering's rows to show. @default every steering, pooled in one bar per model × method only if there is one */
  readonly steering?: string;
}

/**
 * Grouped bars of `summaryRows` (one steering): x the expression method, one trace per model.
 * @throws {RangeError} when the rows hold several steering conditions and `steering` picks none
 */
export function surveyScoreFigure(rows: readonly SummaryRow[], options: SurveyScoreFigureOptions = {}): Figure {
  const steerings = [...new Set(rows.map((r) => r.steering))];
  const steering = options.steering ?? (steerings.length === 1 ? steerings[0] : undefined);
  if (steering === undefined) throw new RangeError(`surveyScoreFigure: rows of ${steerings.join(", ")}; choose one with the steering option`);
  const shown = rows.filter((r) => r.steering === steering && r.mean !== undefined);
  const methods = [...new Set(shown.map((r) => r.method))];
  const models = [...new Set(shown.map((r) => r.model))];
  const traces: PlotlyTrace[] = models.map((model) => {
    const mine = methods.map((method) => shown.find((r) => r.model === model && r.method === method));
    return {
      type: "bar",
      name: model,
      x: methods.map(methodLabel),
      y: mine.map((r) => r?.mean ?? null),
      error_y: { type: "data", array: mine.map((r) => r?.halfWidth ?? 0), visible: true },
      marker: { color: sourceColor(model) },
      hovertemplate: `${model} · %{x}: %{y:.3f}<extra></extra>`,
    };
  });
  const floor = options.baselines?.find((b) => b.baseline === "noise-floor" && b.metric === "tv");
  if (floor !== undefined && methods.length > 0) {
    traces.push({
      type: "scatter",
      mode: "lines",
      name: "sampling noise floor",
      x: methods.map(methodLabel),
      y: methods.map(() => floor.mean),
      line: { color: "#333333", dash: "dot" },
      hovertemplate: `noise floor: ${floor.mean.toFixed(3)}<extra></extra>`,
    });
  }
  return {
    data: traces,
    layout: {
      title: { text: options.title ?? `Mean total variation by method, ${steering} (lower is better)` },
      barmode: "group",
      xaxis: { title: { text: "expression method" }, automargin: true },
      yaxis: { title: { text: "mean total variation" }, rangemode: "tozero", automargin: true },
      legend: { orientation: "h", y: -0.25 },
      height: 420,
      width: 760,
    },
  };
}
