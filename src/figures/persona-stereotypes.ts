/**
 * Fig. 5 of arXiv:2411.05403 (§4.2, App. A.10): persona steering stereotypes. For each group, the
 * NYT rating distribution averaged over all books ("how likely are you to read it?", 1–4): the
 * real one, what persona- and few-shot-steered models predicted, and what human annotators guessed.
 * Persona-steered models assume Democrats read more than Republicans; five real examples
 * (few-shot) shrink that artifact.
 */
import { HUMAN_GROUP_BLOCKS, humanBlockEstimates, humanQuestionIds } from "../data/human";
import type { NytBook } from "../data/nytimes";
import type { QualtricsExport } from "../data/qualtrics";
import { type ResultCell, type ResultCellRef, SCORED_GROUPS } from "../data/results";
import type { Rng } from "../random";
import { bootstrapMean } from "../scoring/bootstrap";
import type { ScoredMethod, Steering } from "../types";
import { methodLabel, modelLabel } from "../labels";

/** The source name of the real distributions. */
export const GROUND_TRUTH_SOURCE = "ground truth";
/** The source name of the human annotators' guesses. */
export const HUMAN_SOURCE = "humans";

/** A mean with its percentile bootstrap interval. */
export interface IntervalEstimate {
  readonly mean: number;
  readonly lower: number;
  readonly upper: number;
}

/** One group's rating distribution averaged over books, from one source and steering. */
export interface RatingMarginal {
  /** "ground truth", "humans" or a model folder name ("gpt-4"). */
  readonly source: string;
  /** Undefined for the ground truth. */
  readonly steering: Steering | undefined;
  readonly group: string;
  /** Books averaged. */
  readonly books: number;
  /** Averaged vectors that were all zero (unparsed model outputs); 0 when `skipUnparsed`. */
  readonly unparsed: number;
  /** Mean share of each option (1: very unlikely … 4: very likely), over books. */
  readonly mean: readonly number[];
  readonly lower: readonly number[];
  readonly upper: readonly number[];
  /** Share of "likely" answers (options 3 + 4), averaged over books. */
  readonly likely: IntervalEstimate;
}

/** The per-book vectors behind one marginal. */
export interface MarginalSource {
  readonly source: string;
  readonly steering: Steering | undefined;
  readonly group: string;
  /** One distribution over the 4 options per book. */
  readonly vectors: readonly (readonly number[])[];
}

/** Options of `ratingMarginal`. */
export interface MarginalOptions {
  /** Source of the bootstrap draws over books. */
  readonly rng: Rng;
  /** @default 1000 */
  readonly iterations?: number;
  /** @default 0.05 */
  readonly alpha?: number;
  /** Leave out all-zero vectors (model outputs that could not be parsed). @default false, as the paper */
  readonly skipUnparsed?: boolean;
}

/** What `personaStereotypes` reads: the books, the human-annotation exports and the result files. */
export interface StereotypeInputs {
  readonly books: readonly NytBook[];
  /** Human exports per steering (`loadHumanExports(dataDir, "nytimes", steering)`); steerings left out have no human rows. */
  readonly humanExports: Partial<Readonly<Record<Steering, readonly QualtricsExport[]>>>;
  /** Loads a published result file, e.g. `BenchmarkData.cell`. */
  readonly cell: (ref: ResultCellRef) => ResultCell;
}

/** Options of `personaStereotypes`. */
export interface StereotypeOptions extends MarginalOptions {
  /** Published models to include. @default ["gpt-4"] */
  readonly models?: readonly string[];
  /** Expression method of the model outputs. @default "verbalize" */
  readonly method?: ScoredMethod;
  /** Steering conditions of models and humans. @default ["persona", "few-shot"] */
  readonly steerings?: readonly Steering[];
  /** NYT groups. @default ["Democrat", "Republican"] */
  readonly groups?: readonly string[];
  /** Include the human annotators. @default true */
  readonly humans?: boolean;
}

const LIKELY_OPTIONS = [2, 3] as const;

function isAllZero(vector: readonly number[]): boolean {
  return vector.every((v) => v === 0);
}

/**
 * The mean over books of one source's rating distributions, per option and for the "likely"
 * share (options 3 + 4), with percentile bootstrap intervals over books (`bootstrapMean`, one
 * resampling per option and one for the likely share). O(iterations · books · options).
 * @param source the per-book vectors, all of the same length
 * @param options `rng` (required), `iterations` (1000), `alpha` (0.05), `skipUnparsed` (false)
 * @returns the averaged distribution with intervals
 * @throws {RangeError} when no vector is left or vectors differ in length
 * @example
 * ratingMarginal({ source: "ground truth", steering: undefined, group: "Democrat", vectors }, { rng: mulberry32(0) }).mean;
 */
export function ratingMarginal(source: MarginalSource, options: MarginalOptions): RatingMarginal {
  const unparsedCount = source.vectors.filter(isAllZero).length;
  const vectors = options.skipUnparsed === true ? source.vectors.filter((v) => !isAllZero(v)) : source.vectors;
  const first = vectors[0];
  if (first === undefined) throw new RangeError(`ratingMarginal: no vectors (${source.source}, ${source.group})`);
  const width = first.length;
  const bad = vectors.findIndex((v) => v.length !== width);
  if (bad >= 0) throw new RangeError(`ratingMarginal: vector ${bad} has ${vectors[bad]?.length} options, not ${width} (${source.source}, ${source.group})`);
  const bootstrap = { rng: options.rng, iterations: options.iterations ?? 1000, alpha: options.alpha ?? 0.05 };
  const perOption = Array.from({ length: width }, (_, j) => bootstrapMean(vectors.map((v) => v[j] as number), bootstrap));
  const likely = bootstrapMean(
    vectors.map((v) => LIKELY_OPTIONS.reduce((sum, j) => sum + (v[j] ?? 0), 0)),
    bootstrap,
  );
  return {
    source: source.source,
    steering: source.steering,
    group: source.group,
    books: vectors.length,
    unparsed: options.skipUnparsed === true ? 0 : unparsedCount,
    mean: perOption.map((r) => r.estimate),
    lower: perOption.map((r) => r.lower),
    upper: perOption.map((r) => r.upper),
    likely: { mean: likely.estimate, lower: likely.lower, upper: likely.upper },
  };
}

/** Each book's real distribution for a group: counts / n, books without ratings left out. */
export function groundTruthVectors(books: readonly NytBook[], group: string): number[][] {
  return groundTruthBooks(books, group).map((b) => b.shares);
}

/** A book's distribution of ratings, with the book's id. */
interface BookShares {
  readonly id: string;
  readonly shares: number[];
}

/** `groundTruthVectors` with each book's id. */
function groundTruthBooks(books: readonly NytBook[], group: string): BookShares[] {
  const out: BookShares[] = [];
  for (const book of books) {
    const counts = book.counts[group];
    if (counts === undefined) continue;
    const total = counts.reduce((a, b) => a + b, 0);
    if (total > 0) out.push({ id: book.id, shares: counts.map((c) => c / total) });
  }
  return out;
}

/**
 * The human guesses per book for a group (docs/protocol.md §6): the first four complete answers
 * averaged, from the group's survey block (no steering: the one shared block). Books nobody
 * answered are left out.
 */
export function humanVectors(surveys: readonly QualtricsExport[], steering: Steering, group: string, bookCount: number): number[][] {
  const block = steering === "none" ? "Q_NoSteering" : HUMAN_GROUP_BLOCKS[group];
  if (block === undefined) throw new RangeError(`humanVectors: no survey block for group "${group}"`);
  const estimates = humanBlockEstimates(surveys, "nytimes", block, humanQuestionIds("nytimes", bookCount));
  return estimates.filter((e): e is number[] => e !== undefined);
}

/** A model's stored predictions per book (`avg_actual_results`, letters A–D), empty predictions left out. */
export function modelVectors(
  cell: (ref: ResultCellRef) => ResultCell,
  model: string,
  method: ScoredMethod,
  steering: Steering,
  group: string,
): number[][] {
  return modelBooks(cell, model, method, steering, group, "modelVectors").map((b) => b.shares);
}

/** `modelVectors` with each book's id; `caller` names the function in the error for a group that is not an NYT group. */
function modelBooks(cell: (ref: ResultCellRef) => ResultCell, model: string, method: ScoredMethod, steering: Steering, group: string, caller: string): BookShares[] {
  const ref = SCORED_GROUPS.nytimes.find((g) => g.value === group);
  if (ref === undefined) throw new RangeError(`${caller}: "${group}" is not an NYT group`);
  const loaded = cell({ dataset: "nytimes", method, model, steering, group: ref });
  return loaded.entries.map((e) => ({ id: e.key, shares: Object.values(e.prediction) })).filter((b) => b.shares.length > 0);
}

/**
 * Fig. 5: rating marginals of the ground truth, the chosen models and the human annotators, per
 * group and steering. Rows come group by group: ground truth, then humans and each model per steering.
 * @param inputs books, human exports and a result-file loader (`loadStereotypeInputs`)
 * @param options models (["gpt-4"]), method ("verbalize"), steerings (persona, few-shot), groups
 *   (Democrat, Republican), humans (true), and the bootstrap options
 * @returns one marginal per group × source × steering
 * @throws {UsageError} for an unknown model or an unpublished cell; {DataError} for a missing file
 * @example
 * const rows = personaStereotypes(loadStereotypeInputs(dataDir), { rng: mulberry32(0), models: ["gpt-4", "llama3-70b"] });
 */
export function personaStereotypes(inputs: StereotypeInputs, options: StereotypeOptions): RatingMarginal[] {
  const models = options.models ?? ["gpt-4"];
  const method = options.method ?? "verbalize";
  const steerings = options.steerings ?? ["persona", "few-shot"];
  const groups = options.groups ?? ["Democrat", "Republican"];
  const rows: RatingMarginal[] = [];
  for (const group of groups) {
    rows.push(ratingMarginal({ source: GROUND_TRUTH_SOURCE, steering: undefined, group, vectors: groundTruthVectors(inputs.books, group) }, options));
    for (const steering of steerings) {
      // not named `exports`: the CommonJS output of tsc refers to this module's exported constants through `exports`
      const surveys = inputs.humanExports[steering];
      if (options.humans !== false && surveys !== undefined) {
        const vectors = humanVectors(surveys, steering, group, inputs.books.length);
        rows.push(ratingMarginal({ source: HUMAN_SOURCE, steering, group, vectors }, options));
      }
      for (const model of models) {
        const vectors = modelVectors(inputs.cell, model, method, steering, group);
        rows.push(ratingMarginal({ source: model, steering, group, vectors }, options));
      }
    }
  }
  return rows;
}

/** The "Democrats read more" artifact of one source and steering. */
export interface LikelyGap {
  readonly source: string;
  readonly steering: Steering | undefined;
  /** Mean share of "likely" answers (options 3 + 4) for Democrats and Republicans. */
  readonly democrat: number;
  readonly republican: number;
  /** democrat − republican. */
  readonly gap: number;
}

/**
 * The Democrat − Republican difference in the "likely to read" share, per source and steering:
 * negative in the ground truth (Republicans say they are a little more likely to read), large and
 * positive under persona steering. O(rows²).
 * @param marginals rows of `personaStereotypes` that include both Democrat and Republican
 * @returns one row per source × steering with both groups, in first-appearance order
 * @example
 * likelyGaps(rows).find((r) => r.source === "gpt-4" && r.steering === "persona")?.gap;
 */
export function likelyGaps(marginals: readonly RatingMarginal[]): LikelyGap[] {
  const out: LikelyGap[] = [];
  for (const democrat of marginals.filter((m) => m.group === "Democrat")) {
    const republican = marginals.find((m) => m.group === "Republican" && m.source === democrat.source && m.steering === democrat.steering);
    if (republican === undefined) continue;
    out.push({
      source: democrat.source,
      steering: democrat.steering,
      democrat: democrat.likely.mean,
      republican: republican.likely.mean,
      gap: democrat.likely.mean - republican.likely.mean,
    });
  }
  return out;
}

/** One book's rating distribution for one group and source, before the average over books. */
export type BookDistributionRow = {
  readonly source: string;
  readonly group: string;
  readonly book: string;
  readonly "rating 1": number;
  readonly "rating 2": number;
  readonly "rating 3": number;
  readonly "rating 4": number;
  /** Ratings 3 + 4: the share "likely to read". */
  readonly likely: number;
};

/**
 * The per-book distributions that `personaStereotypes` averages, for one source: the first
 * `count` books of the ground truth of each group (books without ratings left out, as
 * `groundTruthVectors`), or of one model's stored predictions under one steering (empty
 * predictions left out, as `modelVectors`).
 * @param source "ground truth", or { model, method, steering } for a model's predictions
 * @throws {UsageError} for an unknown model or an unpublished cell; {RangeError} for a group that is not an NYT group
 * @example
 * bookDistributionRows(inputs, "ground truth", ["Democrat", "Republican"], 3);
 */
export function bookDistributionRows(
  inputs: StereotypeInputs,
  source: typeof GROUND_TRUTH_SOURCE | { readonly model: string; readonly method: ScoredMethod; readonly steering: Steering },
  groups: readonly string[],
  count = 3,
): BookDistributionRow[] {
  return groups.flatMap((group) => {
    const fromTruth = source === GROUND_TRUTH_SOURCE;
    const name = fromTruth ? source : `${modelLabel(source.model)} ${methodLabel(source.method)}, ${source.steering}`;
    const books = fromTruth ? groundTruthBooks(inputs.books, group) : modelBooks(inputs.cell, source.model, source.method, source.steering, group, "bookDistributionRows");
    return books.slice(0, count).map(({ id, shares: v }) => ({
      source: name,
      group,
      book: id,
      "rating 1": v[0] ?? 0,
      "rating 2": v[1] ?? 0,
      "rating 3": v[2] ?? 0,
      "rating 4": v[3] ?? 0,
      likely: (v[2] ?? 0) + (v[3] ?? 0),
    }));
  });
}
