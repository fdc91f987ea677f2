/**
 * Fig. 3 of arXiv:2411.05403 (§3.3): the NYT books on which Democrats and Republicans differ most
 * in how likely they are to read them (mean rating on the 1–4 scale), with 95% bootstrap intervals.
 * The evidence that book preferences, though not political questions, differ between groups.
 */
import type { Rng } from "../random";
import { bootstrapMeanOfMeans } from "../scoring/bootstrap";

/** One book's Democrat − Republican difference in mean rating. */
export interface BookPartisanGap {
  /** "Title By Author". */
  readonly id: string;
  readonly genre: string;
  readonly democratMean: number;
  readonly republicanMean: number;
  /** democratMean − republicanMean: positive when Democrats are more likely to read the book. */
  readonly difference: number;
  /** Percentile bootstrap interval of the difference. */
  readonly lower: number;
  readonly upper: number;
  readonly democratCount: number;
  readonly republicanCount: number;
}

/** Options of `partisanBookGaps`. */
export interface PartisanGapOptions {
  /** Source of the bootstrap draws, e.g. `mulberry32(seed)`. */
  readonly rng: Rng;
  /** Bootstrap replicates per book. @default 1000 */
  readonly iterations?: number;
  /** Interval error rate (0.05 gives a 95% interval). @default 0.05 */
  readonly alpha?: number;
}

/** The books with the largest differences in each direction. */
export interface TopPartisanBooks {
  /** Largest positive differences (Democrats more likely to read), largest first. */
  readonly democrat: readonly BookPartisanGap[];
  /** Largest negative differences (Republicans more likely to read), most negative first. */
  readonly republican: readonly BookPartisanGap[];
}

function mean(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0) / values.length;
}

/**
 * Per book, the mean rating of Democrats and of Republicans (individual annotations, 1 = very
 * unlikely … 4 = very likely to read), their difference, and a percentile bootstrap interval of
 * the difference: each replicate resamples each party's ratings independently, with replacement,
 * at its own size (`bootstrapMeanOfMeans` with weights [1, −1]).
 *
 * Books where either party gave no rating are left out. Books are processed in order with one
 * random stream, so a seeded `rng` gives the same intervals on every run.
 * O(books · iterations · raters).
 * @param books the books in dataset order (`loadNytBooks`), aligned with `ratings`
 * @param ratings per book, group → ratings (`loadNytIndividualRatings`)
 * @param options `rng` (required), `iterations` (1000), `alpha` (0.05)
 * @returns one gap per book with ratings from both parties, in book order
 * @throws {RangeError} when books and ratings differ in length, or on bad bootstrap options
 * @example
 * const gaps = partisanBookGaps(books, loadNytIndividualRatings(dataDir, books.length), { rng: mulberry32(0) });
 */
export function partisanBookGaps(
  books: readonly { readonly id: string; readonly genre: string }[],
  ratings: readonly Readonly<Record<string, readonly number[]>>[],
  options: PartisanGapOptions,
): BookPartisanGap[] {
  if (books.length !== ratings.length) {
    throw new RangeError(`partisanBookGaps: books and ratings differ in length (${books.length} vs ${ratings.length})`);
  }
  const gaps: BookPartisanGap[] = [];
  books.forEach((book, i) => {
    const democrat = ratings[i]?.["Democrat"] ?? [];
    const republican = ratings[i]?.["Republican"] ?? [];
    if (democrat.length === 0 || republican.length === 0) return;
    const bootstrap = bootstrapMeanOfMeans([democrat, republican], {
      rng: options.rng,
      iterations: options.iterations ?? 1000,
      alpha: options.alpha ?? 0.05,
      weights: [1, -1],
    });
    const democratMean = mean(democrat);
    const republicanMean = mean(republican);
    gaps.push({
      id: book.id,
      genre: book.genre,
      democratMean,
      republicanMean,
      difference: democratMean - republicanMean,
      lower: bootstrap.lower,
      upper: bootstrap.upper,
      democratCount: democrat.length,
      republicanCount: republican.length,
    });
  });
  return gaps;
}

/**
 * The `count` books Democrats prefer most (largest positive difference) and the `count` books
 * Republicans prefer most (most negative difference). Ties keep book order. O(n log n).
 * @param gaps from `partisanBookGaps`
 * @param count books per direction, a positive integer
 * @returns both lists, most extreme first
 * @throws {RangeError} when count is not a positive integer
 * @example
 * topPartisanBooks(gaps, 10).republican[0].difference; // the most negative Democrat − Republican difference
 */
export function topPartisanBooks(gaps: readonly BookPartisanGap[], count: number): TopPartisanBooks {
  if (!Number.isInteger(count) || count < 1) throw new RangeError(`topPartisanBooks: count must be a positive integer (${count})`);
  const democrat = gaps.filter((g) => g.difference > 0).sort((a, b) => b.difference - a.difference);
  const republican = gaps.filter((g) => g.difference < 0).sort((a, b) => a.difference - b.difference);
  return { democrat: democrat.slice(0, count), republican: republican.slice(0, count) };
}

/** One row of the Fig. 3 table. */
export type PartisanBookRow = {
  readonly "more likely to read": "Democrats" | "Republicans";
  readonly book: string;
  readonly genre: string;
  readonly "Democrat mean": number;
  readonly "Republican mean": number;
  readonly "D − R": number;
  readonly "interval low": number;
  readonly "interval high": number;
  readonly "raters (D/R)": string;
};

/**
 * The books of Fig. 3 as table rows, Democrat-preferred first.
 * @param top from `topPartisanBooks`
 * @returns one row per book
 */
export function partisanBookRows(top: TopPartisanBooks): PartisanBookRow[] {
  const row = (g: BookPartisanGap, side: "Democrats" | "Republicans"): PartisanBookRow => ({
    "more likely to read": side,
    book: g.id,
    genre: g.genre,
    "Democrat mean": g.democratMean,
    "Republican mean": g.republicanMean,
    "D − R": g.difference,
    "interval low": g.lower,
    "interval high": g.upper,
    "raters (D/R)": `${g.democratCount}/${g.republicanCount}`,
  });
  return [...top.democrat.map((g) => row(g, "Democrats")), ...top.republican.map((g) => row(g, "Republicans"))];
}

/** How partisan the whole dataset is: counts of books whose interval excludes 0, and average sizes. */
export type PartisanSummary = {
  readonly books: number;
  /** Books whose interval lies above 0 (Democrats more likely to read) / below 0. */
  readonly democratLeaning: number;
  readonly republicanLeaning: number;
  /** Mean over books of |Democrat − Republican|. */
  readonly meanAbsoluteDifference: number;
  /** Mean rating of each party, averaged over books. */
  readonly democratMean: number;
  readonly republicanMean: number;
};

/**
 * Summary of all books' partisan gaps. O(n).
 * @param gaps from `partisanBookGaps`
 * @returns counts and means; NaN means for no books
 */
export function partisanSummary(gaps: readonly BookPartisanGap[]): PartisanSummary {
  const average = (f: (g: BookPartisanGap) => number) => gaps.reduce((sum, g) => sum + f(g), 0) / gaps.length;
  return {
    books: gaps.length,
    democratLeaning: gaps.filter((g) => g.lower > 0).length,
    republicanLeaning: gaps.filter((g) => g.upper < 0).length,
    meanAbsoluteDifference: average((g) => Math.abs(g.difference)),
    democratMean: average((g) => g.democratMean),
    republicanMean: average((g) => g.republicanMean),
  };
}

/** One book of the list `topPartisanBooks` ranks: each party's mean rating and raters, and D − R. */
export type BookGapRow = {
  readonly book: string;
  readonly "Democrat mean": number;
  readonly "Democrat ratings": number;
  readonly "Republican mean": number;
  readonly "Republican ratings": number;
  readonly "D − R": number;
};

/**
 * The per-book differences before they are ranked: the first `count` books in dataset order.
 * @example
 * bookGapRows(partisanBookGaps(books, ratings, { rng: mulberry32(0) }), 5);
 */
export function bookGapRows(gaps: readonly BookPartisanGap[], count = 5): BookGapRow[] {
  return gaps.slice(0, count).map((g) => ({
    book: g.id,
    "Democrat mean": g.democratMean,
    "Democrat ratings": g.democratCount,
    "Republican mean": g.republicanMean,
    "Republican ratings": g.republicanCount,
    "D − R": g.difference,
  }));
}
