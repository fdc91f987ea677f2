/**
 * The plotly figure of Fig. 13: per group, the rating distribution averaged over the NYT books of
 * the ground truth, the humans and the models (averaged, and each model on demand), by steering.
 */
import type { Figure, PlotlyTrace } from "../notebook/figure";
import type { Steering } from "../types";
import { MODEL_AVERAGE_SOURCE, type HumanStereotypes } from "./human-stereotypes";
import { GROUND_TRUTH_SOURCE, HUMAN_SOURCE, type RatingMarginal } from "./persona-stereotypes";
import { NYT_OPTION_LABELS, marginalLabel } from "./persona-stereotypes-figure";
import { MODEL_DASHES } from "./series-style";
import { panelAxes, panelLayout } from "./subplots";

/** Fixed colours: the ground truth, and per steering the humans and the models. */
const COLORS = {
  truth: "#1f77b4",
  humans: { none: "#7f7f7f", persona: "#9467bd", "few-shot": "#e377c2" } as Record<Steering, string>,
  models: { none: "#bcbd22", persona: "#ff7f0e", "few-shot": "#2ca02c" } as Record<Steering, string>,
};

/** Options of `humanStereotypesFigure`. */
export interface HumanStereotypesFigureOptions {
  /** Draw each model too (hidden until picked in the legend). @default true */
  readonly perModel?: boolean;
}

/**
 * Fig. 13, one panel per group: lines over the four options with 95% intervals for the ground
 * truth, the humans and the model average per steering; each model's line is in the legend,
 * hidden until clicked.
 * @param result from `humanStereotypes`
 * @example
 * show(humanStereotypesFigure(humanStereotypes(loadStereotypeInputs(), { rng: mulberry32(0) })));
 */
export function humanStereotypesFigure(result: HumanStereotypes, options: HumanStereotypesFigureOptions = {}): Figure {
  const rows = result.marginals.filter((r) => options.perModel !== false || [GROUND_TRUTH_SOURCE, HUMAN_SOURCE, MODEL_AVERAGE_SOURCE].includes(r.source));
  const groups = [...new Set(rows.map((r) => r.group))];
  const style = (row: RatingMarginal): Record<string, unknown> => {
    const steering = row.steering ?? "none";
    if (row.source === GROUND_TRUTH_SOURCE) return { line: { color: COLORS.truth, width: 3 } };
    if (row.source === HUMAN_SOURCE) return { line: { color: COLORS.humans[steering], width: 3 } };
    if (row.source === MODEL_AVERAGE_SOURCE) return { line: { color: COLORS.models[steering], width: 3 } };
    return { line: { color: COLORS.models[steering], width: 1.5, dash: MODEL_DASHES[row.source] ?? "dot" }, visible: "legendonly" };
  };
  const data: PlotlyTrace[] = [];
  groups.forEach((group, panel) => {
    for (const row of rows.filter((r) => r.group === group)) {
      const label = marginalLabel(row);
      const model = ![GROUND_TRUTH_SOURCE, HUMAN_SOURCE, MODEL_AVERAGE_SOURCE].includes(row.source);
      data.push({
        type: "scatter",
        mode: "lines+markers",
        name: label,
        legendgroup: label,
        showlegend: panel === 0,
        x: NYT_OPTION_LABELS.slice(0, row.mean.length),
        y: row.mean,
        error_y: model
          ? { visible: false }
          : { type: "data", symmetric: false, array: row.upper.map((u, j) => u - (row.mean[j] as number)), arrayminus: row.mean.map((m, j) => m - (row.lower[j] as number)) },
        marker: { size: 7 },
        hovertemplate: `${label}, ${group}<br>%{x}: %{y:.3f}<extra></extra>`,
        ...style(row),
        ...panelAxes(panel),
      });
    }
  });
  const layout = panelLayout(groups, { tickangle: -20 }, { title: { text: "mean share over books" }, range: [0, 0.5] });
  return {
    data,
    layout: {
      ...layout,
      title: { text: "Stereotyping under persona steering: humans beside the models<br><sup>the models averaged; each model in the legend</sup>" },
      height: 540,
      width: 1150,
      margin: { t: 120 },
    },
  };
}

/** The "Democrats read more" gaps as table rows: series, both groups' "likely" share and D − R. */
export function stereotypeGapRows(result: HumanStereotypes): { series: string; "Democrats P(3)+P(4)": number; "Republicans P(3)+P(4)": number; "D − R": number }[] {
  return result.gaps.map((g) => ({ series: marginalLabel(g), "Democrats P(3)+P(4)": g.democrat, "Republicans P(3)+P(4)": g.republican, "D − R": g.gap }));
}
