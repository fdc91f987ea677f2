/**
 * The plotly figure of Fig. 6: calibration curves of Log-p and TS-Log-p, one panel per model.
 */
import type { Figure, PlotlyTrace } from "../notebook/figure";
import type { CalibrationRow } from "./logprob-calibration";
import type { CalibrationBin } from "../scoring/calibration";
import { modelLabel } from "../labels";
import { SERIES_COLORS } from "./series-style";
import { panelAxes, panelLayout } from "./subplots";

function curve(name: string, bins: readonly CalibrationBin[], color: string, panel: number, ece: number): PlotlyTrace {
  return {
    type: "scatter",
    mode: "lines+markers",
    name,
    legendgroup: name,
    showlegend: panel === 0,
    x: bins.map((b) => b.meanPredicted),
    y: bins.map((b) => b.meanObserved),
    customdata: bins.map((b) => [b.lower, b.upper, b.count]),
    marker: { color, size: 9 },
    line: { color, width: 2.5 },
    hovertemplate: `${name} (ECE ${ece.toFixed(3)})<br>bin [%{customdata[0]:.1f}, %{customdata[1]:.1f}): %{customdata[2]} predictions` +
      "<br>mean predicted %{x:.3f}, mean observed %{y:.3f}<extra></extra>",
    ...panelAxes(panel),
  };
}

/**
 * Fig. 6: per model, mean observed share against mean predicted probability in each bin, for
 * Log-p and TS-Log-p, with the diagonal of perfect calibration; panel titles carry both ECEs.
 * @param rows from `logprobCalibrationTable`
 * @returns a plotly figure for `show` and `saveFigure`
 * @example
 * show(logprobCalibrationFigure(logprobCalibrationTable(data.cell)));
 */
export function logprobCalibrationFigure(rows: readonly CalibrationRow[]): Figure {
  const data: PlotlyTrace[] = [];
  rows.forEach((row, panel) => {
    data.push({ type: "scatter", mode: "lines", name: "perfect calibration", legendgroup: "diagonal", showlegend: panel === 0, x: [0, 1], y: [0, 1], line: { color: "#888", dash: "dash", width: 1.5 }, hoverinfo: "skip", ...panelAxes(panel) });
    data.push(curve("Log-p", row.logprobsCurve, SERIES_COLORS["logprobs"] ?? "#d62728", panel, row.logprobsEce));
    data.push(curve("TS-Log-p", row.scaledCurve, SERIES_COLORS["ts-logprobs"] ?? "#9467bd", panel, row.scaledEce));
  });
  const titles = rows.map((r) => `${modelLabel(r.model)}: ECE ${r.logprobsEce.toFixed(2)} → ${r.scaledEce.toFixed(2)}`);
  const layout = panelLayout(titles, { title: { text: "mean predicted probability" }, range: [-0.02, 1.02], dtick: 0.2 }, { title: { text: "mean observed share" }, range: [-0.02, 1.02], dtick: 0.2 });
  return {
    data,
    layout: { ...layout, title: { text: "Calibration of log-probabilities before and after temperature scaling" }, height: 500, width: 1200, margin: { t: 120 }, legend: { orientation: "h", x: 0, y: -0.2 } },
  };
}
