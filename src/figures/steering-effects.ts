/**
 * Fig. 4 of arXiv:2411.05403 (notebook fig4-steering-effects): total variation under no steering,
 * persona steering and few-shot steering, per dataset, for the models under one expression method
 * and for the human annotators, with 95% bootstrap intervals, from a reproduction's breakdown.
 * The paper's figure plots the models' Sequence outputs, which is the default here.
 */
import type { Figure, PlotlyTrace } from "../notebook/figure";
import type { Reproduction } from "../reproduce/reproduce";
import { DATASET_LABELS, STEERING_LABELS, methodLabel, modelLabel } from "../labels";
import type { BreakdownRow } from "../benchmark/tables";
import { DATASETS, type Dataset, PAPER_MODELS, STEERINGS, type ScoredMethod, type Steering } from "../types";
import { STEERING_COLORS } from "./series-style";

/** The models' expression method of the paper's Fig. 4. */
export const FIG_4_METHOD: ScoredMethod = "sequence";

/** Which series to take from the breakdown. */
export interface SteeringSelection {
  /** Expression method of the models; humans always state a distribution (Verbalize). @default FIG_4_METHOD ("sequence", as the paper plots) */
  readonly method?: ScoredMethod;
  /** @default the five published models */
  readonly models?: readonly string[];
  /** Add the human annotators (OpinionQA and NYT only). @default true */
  readonly humans?: boolean;
}

/** One bar: a dataset × steering × series cell of the breakdown. */
export interface SteeringRow {
  readonly dataset: Dataset;
  readonly steering: Steering;
  /** Result-folder model name, or "human". */
  readonly model: string;
  readonly method: string;
  readonly mean: number;
  readonly halfWidth: number;
  /** Scored (question, group) pairs. */
  readonly n: number;
}

function seriesOf(selection: SteeringSelection): { model: string; method: string }[] {
  const method = selection.method ?? FIG_4_METHOD;
  const models = (selection.models ?? PAPER_MODELS).map((model) => ({ model, method }));
  return selection.humans === false ? models : [...models, { model: "human", method: "verbalize" }];
}

/**
 * The cells of Fig. 4 from a reproduction's breakdown: for each dataset, each model (and the
 * humans) and each steering condition it was run under, the mean total variation and its 95%
 * half-width. Cells that do not exist (no steering on GlobalOpinionQA, humans on GlobalOpinionQA,
 * Anthropic log-probabilities) are absent.
 */
export function steeringRows(reproduction: Reproduction, selection: SteeringSelection = {}): SteeringRow[] {
  const series = seriesOf(selection);
  const rows: SteeringRow[] = [];
  for (const dataset of DATASETS) {
    for (const { model, method } of series) {
      for (const steering of STEERINGS) {
        const row = reproduction.breakdown.find(
          (r: BreakdownRow) => r.dataset === dataset && r.steering === steering && r.model === model && r.method === method,
        );
        if (row !== undefined) rows.push({ dataset, steering, model, method, mean: row.mean, halfWidth: row.halfWidth, n: row.n });
      }
    }
  }
  return rows;
}

/** Only the OpinionQA no-steering cells of a reproduction (for `steeringFigure`'s `correctedNoSteering`). */
export function opinionQaNoSteeringRows(reproduction: Reproduction, selection: SteeringSelection = {}): SteeringRow[] {
  return steeringRows(reproduction, selection).filter((r) => r.dataset === "opinionqa" && r.steering === "none");
}

/**
 * The steering cells as a wide table: one row per dataset and series, columns mean and ±95% per
 * steering condition, and the change from persona to few-shot.
 */
export function steeringTable(rows: readonly SteeringRow[]): Record<string, string | number | undefined>[] {
  const keys = [...new Set(rows.map((r) => `${r.dataset}\u0000${r.model}\u0000${r.method}`))];
  return keys.map((key) => {
    const [dataset, model, method] = key.split("\u0000") as [Dataset, string, string];
    const cell = (steering: Steering) => rows.find((r) => r.dataset === dataset && r.model === model && r.method === method && r.steering === steering);
    const out: Record<string, string | number | undefined> = {
      dataset: DATASET_LABELS[dataset],
      model: model === "human" ? "Humans" : `${modelLabel(model)} (${methodLabel(method)})`,
    };
    for (const steering of STEERINGS) {
      out[STEERING_LABELS[steering]] = cell(steering)?.mean;
      out[`${STEERING_LABELS[steering]} ±`] = cell(steering)?.halfWidth;
    }
    const persona = cell("persona")?.mean;
    const fewShot = cell("few-shot")?.mean;
    out["few-shot − persona"] = persona === undefined || fewShot === undefined ? undefined : fewShot - persona;
    return out;
  });
}

/**
 * OpinionQA without steering in both modes: the paper scored these answers against ground truth
 * lettered in questionnaire order while the prompts lettered options alphabetically (docs/protocol.md §5.1);
 * corrected mode letters both alike. One row per series, with the persona cell for reference.
 */
export function noSteeringCorrection(
  paper: Reproduction,
  corrected: Reproduction,
  selection: SteeringSelection = {},
): Record<string, string | number | undefined>[] {
  const find = (r: Reproduction, model: string, method: string, steering: Steering) =>
    r.breakdown.find((row) => row.dataset === "opinionqa" && row.steering === steering && row.model === model && row.method === method);
  return seriesOf(selection).map(({ model, method }) => {
    const p = find(paper, model, method, "none");
    const c = find(corrected, model, method, "none");
    return {
      model: model === "human" ? "Humans" : `${modelLabel(model)} (${methodLabel(method)})`,
      "none, paper": p?.mean,
      "none, paper ±": p?.halfWidth,
      "none, corrected": c?.mean,
      "none, corrected ±": c?.halfWidth,
      "corrected − paper": p === undefined || c === undefined ? undefined : c.mean - p.mean,
      "persona, paper": find(paper, model, method, "persona")?.mean,
    };
  });
}

/** Options of {@link steeringFigure}. */
export interface SteeringFigureOptions {
  /** Corrected-mode OpinionQA no-steering cells, drawn hatched beside the paper's. */
  readonly correctedNoSteering?: readonly SteeringRow[];
  /** Replaces the title's first part; the models' method is always appended. @default "Fig. 4: total variation by steering method" */
  readonly title?: string;
}

/**
 * The one expression method of the models' rows (humans always verbalize), or undefined when
 * only humans are drawn.
 * @throws {RangeError} when the rows mix methods, e.g. rows from before a parameter change beside rows from after
 */
export function steeringMethod(rows: readonly SteeringRow[]): string | undefined {
  const methods = [...new Set(rows.filter((r) => r.model !== "human").map((r) => r.method))];
  if (methods.length > 1) {
    throw new RangeError(`steeringFigure: rows of different methods (${methods.map(methodLabel).join(", ")}) in one figure: compute all rows with the same method`);
  }
  return methods[0];
}

/**
 * Fig. 4 as a faceted bar chart: one panel per dataset, models (and humans) along each panel's x
 * axis, one colour per steering condition, whiskers the 95% half-width. With
 * `correctedNoSteering`, the OpinionQA panel also shows corrected-mode no-steering bars, hatched.
 * The title names the models' expression method, taken from the rows.
 * @throws {RangeError} when the rows (with `correctedNoSteering`) mix expression methods
 */
export function steeringFigure(rows: readonly SteeringRow[], options: SteeringFigureOptions = {}): Figure {
  const method = steeringMethod([...rows, ...(options.correctedNoSteering ?? [])]);
  const datasets = DATASETS.filter((d) => rows.some((r) => r.dataset === d));
  const gap = 0.04;
  const width = (1 - gap * (datasets.length - 1)) / datasets.length;
  const axes = datasets.map((_, i) => (i === 0 ? "" : String(i + 1)));
  const label = (r: SteeringRow) => (r.model === "human" ? "Humans" : modelLabel(r.model));
  const traces: PlotlyTrace[] = [];
  const bar = (name: string, color: string, subset: readonly SteeringRow[], axis: string, showlegend: boolean, extra: Record<string, unknown> = {}) =>
    traces.push({
      type: "bar",
      name,
      legendgroup: name,
      showlegend,
      x: subset.map(label),
      y: subset.map((r) => r.mean),
      error_y: { type: "data", array: subset.map((r) => r.halfWidth), visible: true, thickness: 1.2, width: 3 },
      marker: { color, ...extra },
      xaxis: `x${axis}`,
      yaxis: `y${axis}`,
      hovertemplate: `%{x}, ${name}: %{y:.3f}<extra></extra>`,
    });
  const corrected = options.correctedNoSteering ?? [];
  datasets.forEach((dataset, i) => {
    for (const steering of STEERINGS) {
      const subset = rows.filter((r) => r.dataset === dataset && r.steering === steering);
      if (subset.length > 0) bar(STEERING_LABELS[steering], STEERING_COLORS[steering], subset, axes[i] ?? "", !traces.some((t) => t.name === STEERING_LABELS[steering]));
      if (steering === "none") {
        const fixed = corrected.filter((r) => r.dataset === dataset && r.steering === "none");
        if (fixed.length > 0) {
          bar("No steering (corrected ground truth)", "#ffffff", fixed, axes[i] ?? "", true, {
            pattern: { shape: "/", fgcolor: STEERING_COLORS.none, solidity: 0.4 },
            line: { color: STEERING_COLORS.none, width: 1 },
          });
        }
      }
    }
  });
  const layout: Record<string, unknown> = {
    title: { text: `${options.title ?? "Fig. 4: total variation by steering method"}${method === undefined ? "" : ` (models: ${methodLabel(method)}; humans: V)`}` },
    barmode: "group",
    bargap: 0.25,
    height: 520,
    legend: { orientation: "h", y: -0.3 },
    margin: { b: 140 },
    annotations: datasets.map((dataset, i) => ({
      text: `<b>${DATASET_LABELS[dataset]}</b>`,
      xref: "paper",
      yref: "paper",
      x: i * (width + gap) + width / 2,
      y: 1.02,
      xanchor: "center",
      yanchor: "bottom",
      showarrow: false,
    })),
  };
  datasets.forEach((_, i) => {
    const axis = axes[i] ?? "";
    layout[`xaxis${axis}`] = { domain: [i * (width + gap), i * (width + gap) + width], anchor: `y${axis}`, tickangle: -40 };
    layout[`yaxis${axis}`] = {
      anchor: `x${axis}`,
      matches: i === 0 ? undefined : "y",
      showticklabels: i === 0,
      rangemode: "tozero",
      ...(i === 0 ? { title: { text: "average total variation (lower is better)" } } : {}),
    };
  });
  return { data: traces, layout };
}
