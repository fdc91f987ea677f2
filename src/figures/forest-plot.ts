/**
 * A forest plot of paired differences: one row per comparison, its difference as a dot and its
 * bootstrap interval as a whisker, with a line at 0. Lower is better for both metrics, so a row
 * left of 0 means its first configuration is closer to the humans.
 */
import type { Figure, PlotlyTrace } from "../notebook/figure";
import type { ComparisonRow } from "../reproduce/comparisons";
import { modelLabel } from "../labels";

/** The label of a configuration `model:method[:steering]` with the paper's model name. */
function configurationText(label: string): string {
  const [model = "", ...rest] = label.split(":");
  return [modelLabel(model), ...rest].join(" ");
}

/** Options of `forestFigure`. */
export interface ForestFigureOptions {
  readonly title?: string;
}

/**
 * The forest plot of some comparisons, one trace per family; a row significant after Holm
 * (p_holm < 0.05) is drawn filled, otherwise hollow.
 */
export function forestFigure(rows: readonly ComparisonRow[], options: ForestFigureOptions = {}): Figure {
  const families = [...new Set(rows.map((r) => r.family))];
  const label = (r: ComparisonRow) => `${configurationText(r.a)} − ${configurationText(r.b)}${r.dataset === "all" ? "" : ` (${r.dataset})`}`;
  const traces: PlotlyTrace[] = families.map((family) => {
    const mine = rows.filter((r) => r.family === family);
    return {
      type: "scatter",
      mode: "markers",
      name: family,
      x: mine.map((r) => r.diff),
      y: mine.map(label),
      error_x: { type: "data", symmetric: false, array: mine.map((r) => r.ciHigh - r.diff), arrayminus: mine.map((r) => r.diff - r.ciLow), visible: true, thickness: 1.5, width: 3 },
      marker: { size: 8, symbol: mine.map((r) => (r.pHolm < 0.05 ? "circle" : "circle-open")) },
      hovertemplate: "%{y}: %{x:.4f}<extra></extra>",
    };
  });
  return {
    data: traces,
    layout: {
      title: { text: options.title ?? "Paired differences with 95% intervals (filled: significant after Holm)" },
      xaxis: { title: { text: "difference in mean distance (a − b); < 0: a closer to the humans" }, zeroline: true, zerolinecolor: "#444444", zerolinewidth: 1.5 },
      yaxis: { automargin: true, autorange: "reversed" },
      height: Math.max(300, 40 + 24 * rows.length),
      margin: { l: 10, r: 20, t: 60, b: 60 },
      legend: { orientation: "h", y: -0.2 },
    },
  };
}
