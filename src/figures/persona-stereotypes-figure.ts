/**
 * The plotly figures and tables of Fig. 5: per-group rating marginals by source, and the "likely
 * to read" share of Democrats and Republicans side by side.
 */
import type { Figure, PlotlyTrace } from "../notebook/figure";
import { GROUND_TRUTH_SOURCE, HUMAN_SOURCE, type LikelyGap, type RatingMarginal } from "./persona-stereotypes";
import { STEERING_LABELS, modelLabel } from "../labels";
import { STEERING_PATTERNS, sourceColor } from "./series-style";
import { panelAxes, panelLayout } from "./subplots";

/** The NYT answer options, in Likert order. */
export const NYT_OPTION_LABELS = ["1: Very unlikely", "2: Somewhat unlikely", "3: Somewhat likely", "4: Very likely"] as const;


/** A series' display name: "Ground truth", "Humans · Persona", "GPT-4 · Few-shot". */
export function marginalLabel(row: Pick<RatingMarginal, "source" | "steering">): string {
  if (row.source === GROUND_TRUTH_SOURCE) return "Ground truth";
  const source = row.source === HUMAN_SOURCE ? "Humans" : modelLabel(row.source);
  return row.steering === undefined ? source : `${source} · ${STEERING_LABELS[row.steering]}`;
}

function seriesLabels(rows: readonly RatingMarginal[]): string[] {
  return [...new Set(rows.map(marginalLabel))];
}

/** Options of `stereotypeMarginalsFigure`. */
export interface MarginalsFigureOptions {
  /** Sources to draw (the ground truth is always drawn). @default every source in the rows */
  readonly sources?: readonly string[];
  /** The x labels. @default NYT_OPTION_LABELS */
  readonly optionLabels?: readonly string[];
}

/**
 * Fig. 5, one panel per group: the average distribution over the four options for each source
 * (grouped bars with 95% bootstrap intervals over books).
 * @param allRows from `personaStereotypes`
 * @param options `sources` to draw, `optionLabels`
 * @returns a plotly figure for `show` and `saveFigure`
 * @example
 * show(stereotypeMarginalsFigure(rows, { sources: ["humans", "gpt-4"] }));
 */
export function stereotypeMarginalsFigure(allRows: readonly RatingMarginal[], options: MarginalsFigureOptions = {}): Figure {
  const keep = options.sources;
  const rows = keep === undefined ? allRows : allRows.filter((r) => r.source === GROUND_TRUTH_SOURCE || keep.includes(r.source));
  const optionLabels = options.optionLabels ?? NYT_OPTION_LABELS;
  const groups = [...new Set(rows.map((r) => r.group))];
  const data: PlotlyTrace[] = [];
  groups.forEach((group, panel) => {
    for (const row of rows.filter((r) => r.group === group)) {
      const label = marginalLabel(row);
      const color = sourceColor(row.source);
      const shape = row.steering === undefined ? "" : STEERING_PATTERNS[row.steering];
      data.push({
        type: "bar",
        name: label,
        legendgroup: label,
        showlegend: panel === 0,
        x: optionLabels.slice(0, row.mean.length),
        y: row.mean,
        error_y: { type: "data", symmetric: false, array: row.upper.map((u, j) => u - (row.mean[j] as number)), arrayminus: row.mean.map((m, j) => m - (row.lower[j] as number)) },
        marker: { color, pattern: { shape, fillmode: "overlay", fgcolor: "#ffffff", solidity: 0.35 } },
        hovertemplate: `${label}, ${group}<br>%{x}: %{y:.3f}<extra></extra>`,
        ...panelAxes(panel),
      });
    }
  });
  const layout = panelLayout(groups, { tickangle: -20 }, { title: { text: "mean share over books" }, range: [0, 0.6] });
  return {
    data,
    layout: { ...layout, title: { text: "Average rating distribution over the NYT books, by group and source" }, barmode: "group", height: 540, width: 1150, margin: { t: 120 } },
  };
}

/**
 * The "Democrats read more" artifact at a glance: for each source, the share of "likely" answers
 * (options 3 + 4, averaged over books) for Democrats and Republicans, with 95% bootstrap intervals.
 * @param rows from `personaStereotypes` (with Democrat and Republican)
 * @returns a plotly figure for `show` and `saveFigure`
 * @example
 * show(likelyShareFigure(rows));
 */
export function likelyShareFigure(rows: readonly RatingMarginal[]): Figure {
  const labels = seriesLabels(rows);
  const trace = (group: string, color: string): PlotlyTrace => {
    const byLabel = new Map(rows.filter((r) => r.group === group).map((r) => [marginalLabel(r), r]));
    const present = labels.filter((l) => byLabel.has(l));
    const values = present.map((l) => byLabel.get(l) as RatingMarginal);
    return {
      type: "bar",
      name: `${group}s`,
      x: present,
      y: values.map((r) => r.likely.mean),
      error_y: { type: "data", symmetric: false, array: values.map((r) => r.likely.upper - r.likely.mean), arrayminus: values.map((r) => r.likely.mean - r.likely.lower) },
      marker: { color },
      hovertemplate: `${group}s, %{x}: %{y:.3f}<extra></extra>`,
    };
  };
  return {
    data: [trace("Democrat", "#1f5fbf"), trace("Republican", "#c62828")],
    layout: {
      title: { text: "Share of “somewhat / very likely to read”, averaged over the NYT books" },
      barmode: "group",
      yaxis: { title: { text: "P(3) + P(4)" }, range: [0, 1] },
      xaxis: { tickangle: -25, automargin: true },
      height: 500,
      width: 1000,
    },
  };
}

/**
 * The marginals as table rows: group, series, books averaged, unparsed outputs included, the mean
 * share of each option and of "likely" (3 + 4) with its interval.
 * @param rows from `personaStereotypes`
 * @param optionLabels column names of the options. @default NYT_OPTION_LABELS
 */
export function marginalRows(rows: readonly RatingMarginal[], optionLabels: readonly string[] = NYT_OPTION_LABELS): Record<string, string | number>[] {
  return rows.map((row) => {
    const record: Record<string, string | number> = { group: row.group, series: marginalLabel(row), books: row.books, unparsed: row.unparsed };
    row.mean.forEach((m, j) => (record[optionLabels[j] ?? `option ${j + 1}`] = m));
    record["likely (3+4)"] = row.likely.mean;
    record["likely low"] = row.likely.lower;
    record["likely high"] = row.likely.upper;
    return record;
  });
}

/** The "Democrats read more" gaps as table rows. */
export function likelyGapRows(gaps: readonly LikelyGap[]): { series: string; "Democrats P(3)+P(4)": number; "Republicans P(3)+P(4)": number; "D − R": number }[] {
  return gaps.map((g) => ({ series: marginalLabel(g), "Democrats P(3)+P(4)": g.democrat, "Republicans P(3)+P(4)": g.republican, "D − R": g.gap }));
}
