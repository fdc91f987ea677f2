/**
 * The plotly figure of Fig. 3: the NYT books with the largest Democrat − Republican differences.
 */
import type { Figure, PlotlyTrace } from "../notebook/figure";
import type { BookPartisanGap, TopPartisanBooks } from "./nyt-partisan-books";

/** Party colours of the figure. */
const DEMOCRAT_COLOR = "#1f5fbf";
const REPUBLICAN_COLOR = "#c62828";

/** A book's label: the title and author, shortened to `maxLength` characters. */
export function bookLabel(id: string, maxLength = 60): string {
  return id.length <= maxLength ? id : `${id.slice(0, maxLength - 1)}…`;
}

function dots(name: string, gaps: readonly BookPartisanGap[], color: string): PlotlyTrace {
  return {
    type: "scatter",
    mode: "markers",
    orientation: "h",
    name,
    x: gaps.map((g) => g.difference),
    y: gaps.map((g) => bookLabel(g.id)),
    error_x: {
      type: "data",
      symmetric: false,
      array: gaps.map((g) => g.upper - g.difference),
      arrayminus: gaps.map((g) => g.difference - g.lower),
      color,
      thickness: 2,
    },
    marker: { color, size: 10 },
    customdata: gaps.map((g) => [g.democratMean, g.republicanMean, g.lower, g.upper, g.genre]),
    hovertemplate:
      "%{y}<br>%{customdata[4]}<br>Democrats %{customdata[0]:.2f}, Republicans %{customdata[1]:.2f}" +
      "<br>difference %{x:.2f} [%{customdata[2]:.2f}, %{customdata[3]:.2f}]<extra></extra>",
  };
}

/**
 * Fig. 3: dot-and-whisker chart of the books Democrats prefer most (top) and Republicans prefer
 * most (bottom): Democrat − Republican mean rating with its bootstrap interval, a line at 0.
 * @param top from `topPartisanBooks`
 * @param level the interval's coverage, for the axis title. @default 0.95
 * @returns a plotly figure for `show` and `saveFigure`
 * @example
 * show(partisanBooksFigure(topPartisanBooks(gaps, 10)));
 */
export function partisanBooksFigure(top: TopPartisanBooks, level = 0.95): Figure {
  const order = [...top.democrat, ...[...top.republican].reverse()].map((g) => bookLabel(g.id));
  return {
    data: [dots("Democrats more likely to read", top.democrat, DEMOCRAT_COLOR), dots("Republicans more likely to read", top.republican, REPUBLICAN_COLOR)],
    layout: {
      title: { text: "NYT books with the largest partisan differences in mean rating (1–4)" },
      xaxis: { title: { text: `Democrat − Republican mean rating (${Math.round(level * 100)}% bootstrap interval)` }, zeroline: false },
      yaxis: { categoryorder: "array", categoryarray: [...order].reverse(), automargin: true },
      shapes: [{ type: "line", xref: "x", yref: "paper", x0: 0, x1: 0, y0: 0, y1: 1, line: { color: "#555", dash: "dot" } }],
      legend: { orientation: "h", x: 0, y: -0.12 },
      margin: { l: 20, r: 20, t: 60, b: 90 },
      height: 160 + 28 * order.length,
      width: 1000,
    },
  };
}
