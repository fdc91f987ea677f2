/**
 * The ECE definitions tried against the paper's Table 3, side by side: which predictions count,
 * what decides the bin, and which datasets and steering conditions are pooled.
 */
import type { ResultCell, ResultCellRef } from "../data/results";
import { type CalibrationTableOptions, logprobCalibrationTable } from "./logprob-calibration";

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
