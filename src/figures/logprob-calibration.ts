/**
 * Table 3 and Fig. 6 of arXiv:2411.05403 (App. A.2): how well calibrated next-token
 * log-probabilities (Log-p) are as estimates of a group's answer shares, before and after
 * temperature scaling (TS-Log-p), measured by the expected calibration error (ECE) and shown as
 * calibration curves.
 *
 * The paper does not define its ECE and its code for it is not published. The default here is the
 * definition that comes closest to its GPT-4 and GPT-3.5 Log-p numbers (see the tab3-fig6 notebook):
 * every (question, group, option) is one prediction p with the group's real share q as outcome,
 * predictions are put in 10 equal-width bins of p, and
 *   ECE = Σ_b (n_b / N) · |mean_b(p) − mean_b(q)|.
 */
import { type GroupRef, type ResultCell, type ResultCellRef, LOGPROB_MODELS, SCORED_GROUPS } from "../data/results";
import type { Dataset, ScoredMethod, Steering } from "../types";
import { DATASETS } from "../types";
import { type CalibrationBin, type CalibrationBinOptions, type CalibrationPoint, calibrationBinIndex, calibrationBins, expectedCalibrationError } from "../scoring/calibration";
import { methodLabel, modelLabel } from "../labels";


/** What counts as one prediction: every option, or only the option the model rates highest. */
export type CalibrationTarget = "all-options" | "top-label";

/** Options that choose the pool of predictions. */
export interface CalibrationPoolOptions {
  /** @default all three datasets */
  readonly datasets?: readonly Dataset[];
  /** @default ["persona", "few-shot"], the steering of the paper's tables */
  readonly steerings?: readonly Steering[];
  /**
   * "all-options": each option of each (question, group) is a point (p_j, q_j). "top-label": one
   * point per (question, group), the highest-rated option j* with (p_j*, q_j*).
   * @default "all-options"
   */
  readonly target?: CalibrationTarget;
}

/** Options of `logprobCalibrationTable`. */
export interface CalibrationTableOptions extends CalibrationPoolOptions, CalibrationBinOptions {
  /** @default the models with published log-probabilities: gpt-3.5-turbo-0125, gpt-4, llama3-70b */
  readonly models?: readonly string[];
}

/** Table 3: one model's ECE before and after temperature scaling, with the curves of Fig. 6. */
export interface CalibrationRow {
  readonly model: string;
  readonly logprobsEce: number;
  readonly scaledEce: number;
  /** Predictions pooled (Log-p, TS-Log-p); TS-Log-p drops all-zero Log-p predictions, which scale to NaN. */
  readonly logprobsPoints: number;
  readonly scaledPoints: number;
  readonly logprobsCurve: readonly CalibrationBin[];
  readonly scaledCurve: readonly CalibrationBin[];
}

type CellLoader = (ref: ResultCellRef) => ResultCell;

function truthOf(entry: ResultCell["entries"][number], steering: Steering, group: GroupRef): Readonly<Record<string, number>> | undefined {
  return steering === "none" ? entry.expectedByGroup[`${group.attribute}_${group.value}`] : entry.expected;
}

/** One question's prediction and ground truth, aligned by option letter. */
export interface QuestionPrediction {
  readonly predicted: readonly number[];
  readonly observed: readonly number[];
}

/**
 * Every usable question of one model and method: each scored group of the chosen datasets and
 * steerings (no steering: the single file against each group's distribution), options matched by
 * letter. A question is skipped when its prediction is empty or has a NaN, or its letters differ
 * from the ground truth's. O(questions · options).
 * @param cell a result-file loader, e.g. `BenchmarkData.cell`
 * @param model a published model
 * @param method any scored method, typically "logprobs" or "ts-logprobs"
 * @param options datasets (all three), steerings (persona, few-shot)
 * @returns the questions in dataset, steering, group, file order
 * @throws {UsageError} for an unknown model or an unpublished cell
 */
export function questionPredictions(
  cell: CellLoader,
  model: string,
  method: ScoredMethod,
  options: Pick<CalibrationPoolOptions, "datasets" | "steerings"> = {},
): QuestionPrediction[] {
  const out: QuestionPrediction[] = [];
  for (const dataset of options.datasets ?? DATASETS) {
    for (const steering of options.steerings ?? ["persona", "few-shot"]) {
      if (dataset === "globalvalues" && steering === "none") continue;
      for (const group of SCORED_GROUPS[dataset]) {
        for (const entry of cell({ dataset, method, model, steering, group }).entries) {
          const truth = truthOf(entry, steering, group);
          const letters = Object.keys(entry.prediction);
          if (truth === undefined || letters.length === 0 || letters.length !== Object.keys(truth).length) continue;
          const predicted = letters.map((l) => entry.prediction[l] as number);
          const observed = letters.map((l) => truth[l]);
          if (predicted.some(Number.isNaN) || observed.some((q) => q === undefined)) continue;
          out.push({ predicted, observed: observed as number[] });
        }
      }
    }
  }
  return out;
}

/**
 * The pooled (predicted, observed) points of one model and method (see `questionPredictions` for
 * which questions count): every option of every question, or with `target: "top-label"` only the
 * option the model rates highest (the first on ties). O(questions · options).
 * @param cell a result-file loader, e.g. `BenchmarkData.cell`
 * @param model a model with published log-probabilities
 * @param method "logprobs" or "ts-logprobs" (any scored method works)
 * @param options datasets, steerings, target
 * @returns the points in dataset, steering, group, question order
 * @throws {UsageError} for an unknown model or an unpublished cell
 * @example
 * calibrationPoints(data.cell, "gpt-4", "logprobs").length; // => 16200 option-level points
 */
export function calibrationPoints(
  cell: CellLoader,
  model: string,
  method: ScoredMethod,
  options: CalibrationPoolOptions = {},
): CalibrationPoint[] {
  const points: CalibrationPoint[] = [];
  for (const { predicted, observed } of questionPredictions(cell, model, method, options)) {
    if (options.target === "top-label") {
      const top = predicted.indexOf(Math.max(...predicted));
      points.push({ predicted: predicted[top] as number, observed: observed[top] as number });
    } else {
      predicted.forEach((p, j) => points.push({ predicted: p, observed: observed[j] as number }));
    }
  }
  return points;
}

/**
 * Table 3 (ECE of Log-p and TS-Log-p per model) with the calibration curves of Fig. 6, from the
 * published `logprobs` and `ts-logprobs` result files (persona + few-shot, the three datasets and
 * the scored groups by default). The option defaults are the definition stated in this module's
 * header; `target`, `binBy`, `bins`, `datasets` and `steerings` give the variants.
 * @param cell a result-file loader, e.g. `loadBenchmarkData(dataDir).cell`
 * @param options models, the pool options and the bin options
 * @returns one row per model
 * @example
 * logprobCalibrationTable(data.cell).map((r) => [r.model, r.logprobsEce, r.scaledEce]);
 */
export function logprobCalibrationTable(cell: CellLoader, options: CalibrationTableOptions = {}): CalibrationRow[] {
  return (options.models ?? LOGPROB_MODELS).map((model) => {
    const raw = calibrationPoints(cell, model, "logprobs", options);
    const scaled = calibrationPoints(cell, model, "ts-logprobs", options);
    const logprobsCurve = calibrationBins(raw, options);
    const scaledCurve = calibrationBins(scaled, options);
    return {
      model,
      logprobsEce: expectedCalibrationError(logprobsCurve),
      scaledEce: expectedCalibrationError(scaledCurve),
      logprobsPoints: raw.length,
      scaledPoints: scaled.length,
      logprobsCurve,
      scaledCurve,
    };
  });
}

/** Table 3 as display rows: model, both ECEs and the number of pooled predictions. */
export function calibrationSummaryRows(
  rows: readonly CalibrationRow[],
  label: (model: string) => string = (m) => m,
): { model: string; "Log-p ECE": number; "TS-Log-p ECE": number; "predictions (Log-p / TS)": string }[] {
  return rows.map((r) => ({
    model: label(r.model),
    "Log-p ECE": r.logprobsEce,
    "TS-Log-p ECE": r.scaledEce,
    "predictions (Log-p / TS)": `${r.logprobsPoints} / ${r.scaledPoints}`,
  }));
}

/** One pooled prediction of the ECE: the model's probability p, the group's real share q, and p's bin. */
export type CalibrationItemRow = {
  readonly model: string;
  readonly method: string;
  readonly prediction: number;
  readonly "predicted p": number;
  readonly "human share q": number;
  /** The equal-width bin of p, e.g. "0.9–1". */
  readonly bin: string;
};

/**
 * The per-item predictions behind one ECE of Table 3: the first `count` points that
 * `calibrationPoints` pools for the model and method, with the bin each falls in (binned by the
 * predicted value, as `logprobCalibrationTable` does by default).
 * @example
 * calibrationItemRows(data.cell, "gpt-4", "logprobs", { bins: 10 }, 8);
 */
export function calibrationItemRows(
  cell: CellLoader,
  model: string,
  method: ScoredMethod,
  options: CalibrationPoolOptions & { readonly bins?: number } = {},
  count = 8,
): CalibrationItemRow[] {
  const bins = options.bins ?? 10;
  return calibrationPoints(cell, model, method, options)
    .slice(0, count)
    .map((point, i) => {
      const b = calibrationBinIndex(point.predicted, bins);
      return {
        model: modelLabel(model),
        method: methodLabel(method),
        prediction: i + 1,
        "predicted p": point.predicted,
        "human share q": point.observed,
        bin: `${Number((b / bins).toFixed(4))}–${Number(((b + 1) / bins).toFixed(4))}`,
      };
    });
}
