/**
 * Fig. 13 of arXiv:2411.05403 (App. A.10): do human annotators stereotype under persona steering
 * as the models do? The NYT rating distribution averaged over books for Democrats and
 * Republicans: the real one, the humans' guesses, and the models', both per model and averaged
 * over models as the paper plots them (each model's average over books, then the plain mean of
 * the models, with a bootstrap over models).
 */
import type { Rng } from "../random";
import { bootstrapMean } from "../scoring/bootstrap";
import { PAPER_MODELS, type ScoredMethod, type Steering } from "../types";
import { GROUND_TRUTH_SOURCE, HUMAN_SOURCE, type LikelyGap, type RatingMarginal, type StereotypeInputs, likelyGaps, personaStereotypes } from "./persona-stereotypes";

/** The source name of the average over models. */
export const MODEL_AVERAGE_SOURCE = "model-average";

/** Options of `humanStereotypes`. */
export interface HumanStereotypeOptions {
  readonly rng: Rng;
  /** @default 1000 */
  readonly iterations?: number;
  /** @default 0.05 */
  readonly alpha?: number;
  /** The models averaged (and listed one by one). @default the paper's five */
  readonly models?: readonly string[];
  /** @default "verbalize", as the paper's figure */
  readonly method?: ScoredMethod;
  /** @default ["persona", "few-shot"] */
  readonly steerings?: readonly Steering[];
  /** @default ["Democrat", "Republican"] */
  readonly groups?: readonly string[];
}

/** Fig. 13's rows: every marginal (ground truth, humans, each model, model average) and the "Democrats read more" gaps. */
export interface HumanStereotypes {
  /** Per group: ground truth, then per steering humans, each model, the model average. */
  readonly marginals: readonly RatingMarginal[];
  /** Democrat − Republican share of "likely to read" per source and steering (see `likelyGaps`). */
  readonly gaps: readonly LikelyGap[];
}

/**
 * The mean over models of their marginals: per option and for the "likely" share, each model
 * weighted equally; the intervals resample the models (so they are wide with five models).
 * @throws {RangeError} when no model marginal is given
 */
export function modelAverageMarginal(perModel: readonly RatingMarginal[], options: Pick<HumanStereotypeOptions, "rng" | "iterations" | "alpha">): RatingMarginal {
  const first = perModel[0];
  if (first === undefined) throw new RangeError("modelAverageMarginal: no model marginals");
  const bootstrap = { rng: options.rng, iterations: options.iterations ?? 1000, alpha: options.alpha ?? 0.05 };
  const perOption = first.mean.map((_, j) => bootstrapMean(perModel.map((m) => m.mean[j] as number), bootstrap));
  const likely = bootstrapMean(perModel.map((m) => m.likely.mean), bootstrap);
  return {
    source: MODEL_AVERAGE_SOURCE,
    steering: first.steering,
    group: first.group,
    books: Math.max(...perModel.map((m) => m.books)),
    unparsed: perModel.reduce((n, m) => n + m.unparsed, 0),
    mean: perOption.map((r) => r.estimate),
    lower: perOption.map((r) => r.lower),
    upper: perOption.map((r) => r.upper),
    likely: { mean: likely.estimate, lower: likely.lower, upper: likely.upper },
  };
}

/**
 * Fig. 13: ground truth, humans, each model and the model average, per group and steering, with
 * the Democrat − Republican "likely to read" gaps. Book-level intervals for everything but the
 * model average (over models).
 * @param inputs from `loadStereotypeInputs`
 * @example
 * const { gaps } = humanStereotypes(loadStereotypeInputs(), { rng: mulberry32(0) });
 * gaps.filter((g) => g.steering === "persona"); // humans vs model-average vs each model
 */
export function humanStereotypes(inputs: StereotypeInputs, options: HumanStereotypeOptions): HumanStereotypes {
  const models = options.models ?? PAPER_MODELS;
  const steerings = options.steerings ?? ["persona", "few-shot"];
  const rows = personaStereotypes(inputs, {
    rng: options.rng,
    iterations: options.iterations,
    alpha: options.alpha,
    models,
    method: options.method ?? "verbalize",
    steerings,
    groups: options.groups ?? ["Democrat", "Republican"],
    humans: true,
  });
  const marginals: RatingMarginal[] = [];
  for (const row of rows) {
    marginals.push(row);
    // After the last model of a group × steering, append the average over the models.
    if (row.source === models[models.length - 1] && models.includes(row.source)) {
      const perModel = rows.filter((r) => r.group === row.group && r.steering === row.steering && models.includes(r.source));
      marginals.push(modelAverageMarginal(perModel, options));
    }
  }
  return { marginals, gaps: likelyGaps(marginals) };
}

/** The sources of Fig. 13 in drawing order. */
export function stereotypeSources(result: HumanStereotypes): string[] {
  const sources = [...new Set(result.marginals.map((m) => m.source))];
  const rank = (s: string) => (s === GROUND_TRUTH_SOURCE ? 0 : s === HUMAN_SOURCE ? 1 : s === MODEL_AVERAGE_SOURCE ? 2 : 3);
  return sources.sort((a, b) => rank(a) - rank(b));
}
