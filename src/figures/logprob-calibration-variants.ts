/**
 * The ECE definitions tried against the paper's Table 3, side by side: which predictions count,
 * what decides the bin, and which datasets and steering conditions are pooled.
 */
import { LOGPROB_MODELS, type ResultCell, type ResultCellRef } from "../data/results";
import { METHOD_LABELS } from "../labels";
import { type CalibrationPoolOptions, type CalibrationTableOptions, logprobCalibrationTable, questionPredictions } from "./logprob-calibration";

/** One ECE definition: a name, what it means, and the options that select it. */
export interface EceVariant {
  readonly name: string;
  readonly description: string;
  readonly options: CalibrationTableOptions;
}

/** The definitions compared in the tab3-fig6 notebook; the first is the default of `logprobCalibrationTable`. */
export const ECE_VARIANTS: readonly EceVariant[] = [
  {
    name: "all options, bins of p (default)",
    description: "every (question, group, option) is one point; 10 equal-width bins of the predicted p; persona + few-shot; three datasets",
    options: {},
  },
  {
    name: "top label",
    description: "one point per (question, group): the model's highest-rated option, its p against the group's share of that option",
    options: { target: "top-label" },
  },
  {
    name: "all options, bins of q",
    description: "as the default, but binned by the group's real share q (the x axis of the paper's calibration plots)",
    options: { binBy: "observed" },
  },
  { name: "15 bins", description: "as the default with 15 bins", options: { bins: 15 } },
  { name: "persona only", description: "as the default, persona steering only", options: { steerings: ["persona"] } },
  { name: "few-shot only", description: "as the default, few-shot steering only", options: { steerings: ["few-shot"] } },
  { name: "with no steering", description: "as the default, adding the no-steering outputs", options: { steerings: ["none", "persona", "few-shot"] } },
  { name: "OpinionQA only", description: "as the default, OpinionQA only", options: { datasets: ["opinionqa"] } },
  { name: "NYT only", description: "as the default, NYT Book Opinions only", options: { datasets: ["nytimes"] } },
  { name: "GlobalOpinionQA only", description: "as the default, GlobalOpinionQA only", options: { datasets: ["globalvalues"] } },
];

/** One model under one ECE definition. */
export interface EceVariantRow {
  readonly variant: string;
  readonly model: string;
  readonly "Log-p ECE": number;
  readonly "TS-Log-p ECE": number;
}

/**
 * Table 3 under each ECE definition, one row per definition × model.
 * @param cell a result-file loader, e.g. `BenchmarkData.cell`
 * @param variants the definitions to compute. @default ECE_VARIANTS
 * @param models the models. @default those with published log-probabilities
 * @returns rows in variant order, models in the given order within each
 * @example
 * eceVariantTable(data.cell).filter((r) => r.model === "gpt-4");
 */
export function eceVariantTable(
  cell: (ref: ResultCellRef) => ResultCell,
  variants: readonly EceVariant[] = ECE_VARIANTS,
  models?: readonly string[],
): EceVariantRow[] {
  return variants.flatMap((variant) =>
    logprobCalibrationTable(cell, { ...variant.options, ...(models === undefined ? {} : { models }) }).map((row) => ({
      variant: variant.name,
      model: row.model,
      "Log-p ECE": row.logprobsEce,
      "TS-Log-p ECE": row.scaledEce,
    })),
  );
}

/**
 * The variant table pivoted for display: one row per definition, two columns per model
 * ("<model> Log-p", "<model> TS").
 * @param rows from `eceVariantTable`
 * @param label a model's display name. @default the folder name
 */
export function eceVariantMatrix(rows: readonly EceVariantRow[], label: (model: string) => string = (m) => m): Record<string, string | number>[] {
  const out = new Map<string, Record<string, string | number>>();
  for (const row of rows) {
    const record = out.get(row.variant) ?? { variant: row.variant };
    record[`${label(row.model)} Log-p`] = row["Log-p ECE"];
    record[`${label(row.model)} TS`] = row["TS-Log-p ECE"];
    out.set(row.variant, record);
  }
  return [...out.values()];
}

/** How concentrated one model's predictions are. */
export type ConcentrationRow = {
  readonly model: string;
  readonly method: string;
  readonly questions: number;
  /** Mean over questions of the largest option probability. */
  readonly "mean largest probability": number;
  /** Share of option probabilities that are exactly 0 (temperature scaling keeps them at 0). */
  readonly "share of zero probabilities": number;
  /** Share of questions with a single non-zero option. */
  readonly "share of one-option predictions": number;
};

/**
 * How concentrated the Log-p and TS-Log-p predictions are, per model: what limits any
 * calibration measure and what temperature scaling can change (it cannot raise a 0).
 * @param cell a result-file loader, e.g. `BenchmarkData.cell`
 * @param models @default those with published log-probabilities
 * @param options the pool (datasets, steerings), as for `logprobCalibrationTable`
 * @returns one row per model and method
 */
export function predictionConcentration(
  cell: (ref: ResultCellRef) => ResultCell,
  models: readonly string[] = LOGPROB_MODELS,
  options: Pick<CalibrationPoolOptions, "datasets" | "steerings"> = {},
): ConcentrationRow[] {
  return models.flatMap((model) =>
    (["logprobs", "ts-logprobs"] as const).map((method) => {
      const questions = questionPredictions(cell, model, method, options);
      const values = questions.flatMap((q) => q.predicted);
      return {
        model,
        method: METHOD_LABELS[method],
        questions: questions.length,
        "mean largest probability": questions.reduce((sum, q) => sum + Math.max(...q.predicted), 0) / questions.length,
        "share of zero probabilities": values.filter((v) => v === 0).length / values.length,
        "share of one-option predictions": questions.filter((q) => q.predicted.filter((v) => v !== 0).length === 1).length / questions.length,
      };
    }),
  );
}
