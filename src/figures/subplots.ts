/**
 * Side-by-side panels in one plotly figure: axis names per panel and panel titles.
 */
import type { PlotlyLayout } from "../notebook/figure";

/** The axis suffix of panel i (0-based): "" for the first, then "2", "3", … as plotly names them. */
function axisSuffix(panel: number): string {
  return panel === 0 ? "" : String(panel + 1);
}

/** The trace fields that put a trace in panel i: `{ xaxis: "x2", yaxis: "y2" }`. */
export function panelAxes(panel: number): { xaxis: string; yaxis: string } {
  return { xaxis: `x${axisSuffix(panel)}`, yaxis: `y${axisSuffix(panel)}` };
}

/**
 * Layout for `titles.length` panels in one row: a grid, one title above each panel, and the given
 * attributes on every x and y axis.
 * @example
 * panelLayout(["GPT-4", "GPT-3.5"], { title: { text: "P(heads)" } }, { range: [0, 1] });
 */
export function panelLayout(
  titles: readonly string[],
  xaxis: Readonly<Record<string, unknown>>,
  yaxis: Readonly<Record<string, unknown>>,
): Record<string, unknown> & PlotlyLayout {
  const layout: Record<string, unknown> = {
    grid: { rows: 1, columns: Math.max(titles.length, 1), pattern: "independent" },
    annotations: titles.map((text, i) => ({
      text: `<b>${text}</b>`,
      showarrow: false,
      xref: `x${axisSuffix(i)} domain`,
      yref: `y${axisSuffix(i)} domain`,
      x: 0.5,
      y: 1.08,
      xanchor: "center",
      yanchor: "bottom",
    })),
  };
  titles.forEach((_, i) => {
    layout[`xaxis${axisSuffix(i)}`] = { ...xaxis };
    layout[`yaxis${axisSuffix(i)}`] = { ...yaxis };
  });
  return layout;
}
