/**
 * Verbalize-then-sample, the hybrid the paper suggests (§4.2 of arXiv:2411.05403): ask the model
 * to verbalize the distribution (its best-aligned output), then draw synthetic respondents from
 * it with an external, seeded sampler. The samples are as aligned as the verbalized distribution,
 * up to the discretization error of drawing n of them, which closes most of the
 * knowledge-to-simulation gap of sampling from the model directly (Sequence).
 */
import { drawLetters } from "../prompts/answer-format";
import { seededRandom } from "../random";
import type { Rng } from "../random";
import type { BenchmarkData } from "../benchmark/benchmark-data";
import { totalVariation } from "../scoring/total-variation";
import { DATASETS, PAPER_MODELS } from "../types";
import { matchedPaperScores } from "./compare-with-paper";
import { groupKey } from "../data/results";
import type { ItemScore, RunScores } from "./score-run";
import type { RunUnit } from "./types";

/** Synthetic respondents drawn from a verbalized distribution. */
export interface SynthesizedSample {
  /** One option letter per respondent, in draw order. */
  readonly letters: readonly string[];
  /** Respondents per option, in option order. */
  readonly counts: readonly number[];
  /** counts / n: the sample's empirical distribution. */
  readonly distribution: readonly number[];
}

/**
 * Draws n synthetic respondents i.i.d. from a verbalized distribution.
 * @param verbalized probabilities over options A, B, … (renormalized if they do not sum to 1)
 * @param n respondents to draw, a positive integer
 * @param rng the sampler's generator, e.g. `mulberry32(seed)`
 * @returns the letters, counts per option and empirical distribution
 * @throws {RangeError} for n < 1 or a distribution without positive mass
 * @example
 * verbalizeThenSample([0.7, 0.3], 30, mulberry32(0)).distribution; // e.g. [0.733, 0.267]
 */
export function verbalizeThenSample(verbalized: readonly number[], n: number, rng: Rng): SynthesizedSample {
  if (!(Number.isInteger(n) && n >= 1)) throw new RangeError(`verbalizeThenSample: n must be a positive integer (${n})`);
  const letters = drawLetters(verbalized, n, rng);
  const counts = verbalized.map(() => 0);
  for (const letter of letters) {
    const j = letter.charCodeAt(0) - 65;
    counts[j] = (counts[j] ?? 0) + 1;
  }
  return { letters, counts, distribution: counts.map((c) => c / n) };
}

/**
 * The total variation between a verbalize-then-sample sample and the human distribution.
 * @param verbalized the model's verbalized distribution
 * @param truth the group's distribution over the same options
 * @param n respondents drawn
 * @param rng the sampler's generator
 */
export function scoreVerbalizeThenSample(verbalized: readonly number[], truth: readonly number[], n: number, rng: Rng): number {
  return totalVariation(verbalizeThenSample(verbalized, n, rng).distribution, truth);
}

/** One model's alignment as Verbalize, Sequence and verbalize-then-sample. */
export interface HybridGapRow {
  readonly model: string;
  /** Equal-weight mean over datasets of the pooled persona + few-shot TVs. */
  readonly verbalize: number;
  readonly sequence: number;
  /** Verbalize outputs, each replaced by n respondents drawn from it. */
  readonly hybrid: number;
  /** Knowledge-to-simulation gap of Sequence: sequence / verbalize − 1. */
  readonly sequenceGap: number;
  /** The same gap for the hybrid: hybrid / verbalize − 1. */
  readonly hybridGap: number;
  /** Share of the Sequence gap the hybrid closes: (sequence − hybrid) / (sequence − verbalize). */
  readonly gapClosed: number;
}

/** Options of `hybridGapReport`. */
export interface HybridGapOptions {
  /** The models to report. */
  readonly models?: readonly string[];
  /** Respondents drawn per question, as many as a Sequence answer has. @default 30 */
  readonly respondents?: number;
  /** @default 0 */
  readonly seed?: number;
}

function equalWeightMean(items: readonly ItemScore[]): number {
  const means = DATASETS.flatMap((dataset) => {
    const values = items.filter((i) => i.dataset === dataset && i.tv !== undefined).map((i) => i.tv as number);
    return values.length === 0 ? [] : [values.reduce((a, b) => a + b, 0) / values.length];
  });
  return means.reduce((a, b) => a + b, 0) / means.length;
}

/**
 * The knowledge-to-simulation gap with and without verbalize-then-sample, per model of some
 * scores (a run's, or the paper's): every parsed Verbalize prediction is replaced by `respondents`
 * draws from it (one seeded generator per question and group) and scored like a Sequence answer;
 * means pool persona and few-shot steering and weight datasets equally.
 * @param scores scored items with Verbalize and Sequence methods
 * @param options models (default: every model with both methods, other models before the paper's in
 *   the paper's order), respondents per question, seed
 */
export function hybridGapRows(scores: RunScores, options: HybridGapOptions = {}): HybridGapRow[] {
  const n = options.respondents ?? 30;
  const paperRank = (model: string) => (PAPER_MODELS as readonly string[]).indexOf(model);
  const models = options.models ?? [...new Set(scores.items.map((i) => i.model))].sort((a, b) => paperRank(a) - paperRank(b));
  const rows: HybridGapRow[] = [];
  for (const model of models) {
    const verbalizeItems = scores.items.filter((i) => i.model === model && i.method === "verbalize" && i.steering !== "none");
    const sequenceItems = scores.items.filter((i) => i.model === model && i.method === "sequence" && i.steering !== "none");
    if (verbalizeItems.length === 0 || sequenceItems.length === 0) continue;
    const hybridItems = verbalizeItems.map((item) => {
      if (item.prediction === undefined) return item;
      const rng = seededRandom(options.seed ?? 0, [model, item.dataset, item.steering, groupKey(item.group), item.questionId].join("|"));
      return { ...item, tv: scoreVerbalizeThenSample(item.prediction, item.truth, n, rng) };
    });
    const verbalize = equalWeightMean(verbalizeItems);
    const sequence = equalWeightMean(sequenceItems);
    const hybrid = equalWeightMean(hybridItems);
    rows.push({
      model,
      verbalize,
      sequence,
      hybrid,
      sequenceGap: sequence / verbalize - 1,
      hybridGap: hybrid / verbalize - 1,
      gapClosed: (sequence - hybrid) / (sequence - verbalize),
    });
  }
  return rows;
}

/**
 * `hybridGapRows` on the paper's published Verbalize and Sequence outputs (scored as corrected
 * mode scores them) for the given units, e.g. the full persona + few-shot grid.
 * @param benchmark the loaded data
 * @param units the Verbalize and Sequence units to score (`planUnits(…, { prompts: false })`)
 * @param options models (default: the five paper models), respondents per question, seed
 */
export function hybridGapReport(benchmark: BenchmarkData, units: Iterable<RunUnit>, options: HybridGapOptions = {}): HybridGapRow[] {
  const models = options.models ?? PAPER_MODELS;
  return hybridGapRows(matchedPaperScores(benchmark, units, models), { ...options, models });
}
