/**
 * Bootstrap resampling schemes for means of item scores, where an item is a (question, group)
 * cell: the paper's independent resampling of items, resampling of whole questions, and a
 * two-level scheme (questions, then groups within each drawn question).
 *
 * Which to use: the scores of one question's groups are correlated (an item the model finds
 * hard is hard for every group), so items are not independent draws and the independent scheme
 * understates the uncertainty. `question-clustered` treats the questions as the sampled units
 * and the groups as fixed (they are a fixed list of demographics, not a sample of groups): it
 * is the recommended default. `two-level` also resamples groups within each drawn question;
 * when the groups are not a sample from a larger population this adds the within-question
 * variation a second time (Davison & Hinkley 1997, §3.8), so it is conservative. `independent`
 * reproduces the published intervals.
 */
import { type Rng, uniformFiller } from "../random";
import type { BootstrapOptions, BootstrapResult } from "./bootstrap";
import { pairwiseSum } from "./pairwise-sum";
import { quantileLinearSorted } from "./quantile";

/** How a bootstrap replicate draws items. */
export type ResamplingScheme = "independent" | "question-clustered" | "two-level";

/** The resampling schemes, the recommended default first. */
export const RESAMPLING_SCHEMES: readonly ResamplingScheme[] = ["question-clustered", "two-level", "independent"];

/** The recommended scheme: questions are resampled, each with all its groups. */
export const DEFAULT_RESAMPLING_SCHEME: ResamplingScheme = "question-clustered";

/** Item scores with the question (and group) of each item, all in the same order. */
export interface ItemScores {
  /** One score per item (e.g. the total variation of one question × group). */
  readonly scores: ArrayLike<number>;
  /** The question of each item; items of one question are resampled together when clustered. */
  readonly questions: readonly string[];
  /** The group of each item; with it, a (question, group) pair may occur only once. */
  readonly groups?: readonly string[];
}

/** Options of the scheme-aware bootstrap functions. */
export interface ResamplingOptions extends BootstrapOptions {
  /** The resampling scheme. @default "question-clustered" */
  readonly scheme?: ResamplingScheme;
}

/** A resampling plan of one stratum (one dataset): units (items) grouped into clusters. */
interface Stratum {
  readonly clusters: number;
  /** Whether there is a sample B. */
  readonly paired: boolean;
  /** Units of cluster c are units clusterStart[c] .. clusterStart[c] + clusterSize[c] − 1. */
  readonly clusterStart: Int32Array;
  readonly clusterSize: Int32Array;
  readonly maxClusterSize: number;
  /** Per cluster and per unit: sum and count of the scores of sample A and of sample B. */
  readonly clusterSumA: Float64Array;
  readonly clusterCountA: Float64Array;
  readonly clusterSumB: Float64Array;
  readonly clusterCountB: Float64Array;
  readonly unitSumA: Float64Array;
  readonly unitCountA: Float64Array;
  readonly unitSumB: Float64Array;
  readonly unitCountB: Float64Array;
  /** The mean of the A scores and of the B scores (pairwise sums, as NumPy). */
  readonly meanA: number;
  readonly meanB: number;
}

/** @internal the checked iteration count and error rate */
export function checkResamplingOptions(
  where: string,
  options: ResamplingOptions,
): { iterations: number; alpha: number; scheme: ResamplingScheme; rng: Rng } {
  const iterations = options.iterations ?? 1000;
  const alpha = options.alpha ?? 0.05;
  const scheme = options.scheme ?? DEFAULT_RESAMPLING_SCHEME;
  if (!Number.isInteger(iterations) || iterations < 1) {
    throw new RangeError(`${where}: iterations must be a positive integer (${iterations})`);
  }
  if (!(alpha > 0 && alpha < 1)) throw new RangeError(`${where}: alpha must be in (0, 1) (${alpha})`);
  if (typeof options.rng !== "function") throw new TypeError(`${where}: rng must be a function returning [0, 1)`);
  if (!RESAMPLING_SCHEMES.includes(scheme)) {
    throw new RangeError(`${where}: unknown scheme (${String(scheme)}; expected ${RESAMPLING_SCHEMES.join(", ")})`);
  }
  return { iterations, alpha, scheme, rng: options.rng };
}

/** @internal the key of an item: its question alone, or question and group */
export function itemKey(question: string, group: string | undefined): string {
  return group === undefined ? question : `${question}\u0000${group}`;
}

/** @internal checks lengths and values; returns the scores as a Float64Array */
export function checkItems(where: string, label: string, items: ItemScores): Float64Array {
  const n = items.scores.length;
  if (items.questions.length !== n) {
    throw new RangeError(`${where}: ${label}: questions length mismatch (${items.questions.length} vs ${n} scores)`);
  }
  if (items.groups !== undefined && items.groups.length !== n) {
    throw new RangeError(`${where}: ${label}: groups length mismatch (${items.groups.length} vs ${n} scores)`);
  }
  const scores = Float64Array.from(items.scores);
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(scores[i] as number)) {
      throw new RangeError(`${where}: ${label}: non-finite score at ${i} (${scores[i]})`);
    }
  }
  return scores;
}

/**
 * @internal Builds the plan of one stratum from sample A and optional sample B, whose items share
 * question (and group) ids. Units are the distinct item keys of A ∪ B; clusters are questions
 * (clustered, two-level) or units (independent). Order: first appearance, A before B.
 */
export function buildStratum(
  where: string,
  scheme: ResamplingScheme,
  a: ItemScores,
  b: ItemScores | undefined,
  labels: readonly [string, string] = ["a", "b"],
): Stratum {
  const scoresA = checkItems(where, labels[0], a);
  const scoresB = b === undefined ? new Float64Array(0) : checkItems(where, labels[1], b);
  if (scoresA.length === 0) throw new RangeError(`${where}: ${labels[0]}: no items`);
  if (b !== undefined && scoresB.length === 0) throw new RangeError(`${where}: ${labels[1]}: no items`);

  const unitOf = new Map<string, number>();
  const unitQuestion: string[] = [];
  const sumA: number[] = [];
  const countA: number[] = [];
  const sumB: number[] = [];
  const countB: number[] = [];
  const add = (items: ItemScores, scores: Float64Array, label: string, sums: number[], counts: number[]): void => {
    const seen = new Set<string>();
    for (let i = 0; i < scores.length; i++) {
      const question = items.questions[i] as string;
      const key = itemKey(question, items.groups?.[i]);
      if (items.groups !== undefined) {
        if (seen.has(key)) {
          throw new RangeError(`${where}: ${label}: duplicate item (question ${question}, group ${items.groups[i]})`);
        }
        seen.add(key);
      }
      // Without groups every item is a unit of its own; with groups a unit is one (question, group) cell.
      const unitKey = items.groups === undefined ? `${label}\u0001${i}` : key;
      let unit = unitOf.get(unitKey);
      if (unit === undefined) {
        unit = unitQuestion.length;
        unitOf.set(unitKey, unit);
        unitQuestion.push(question);
        sumA.push(0);
        countA.push(0);
        sumB.push(0);
        countB.push(0);
      }
      sums[unit] = (sums[unit] as number) + (scores[i] as number);
      counts[unit] = (counts[unit] as number) + 1;
    }
  };
  add(a, scoresA, labels[0], sumA, countA);
  if (b !== undefined) {
    if ((a.groups === undefined) !== (b.groups === undefined)) {
      throw new RangeError(`${where}: ${labels[0]} and ${labels[1]} must both have groups or neither`);
    }
    add(b, scoresB, labels[1], sumB, countB);
  }

  // Clusters in first-appearance order; units sorted by cluster, stable.
  const clusterOf = new Map<string, number>();
  const unitCluster = new Int32Array(unitQuestion.length);
  for (let u = 0; u < unitQuestion.length; u++) {
    const key = scheme === "independent" ? `#${u}` : (unitQuestion[u] as string);
    let c = clusterOf.get(key);
    if (c === undefined) {
      c = clusterOf.size;
      clusterOf.set(key, c);
    }
    unitCluster[u] = c;
  }
  const clusters = clusterOf.size;
  const clusterSize = new Int32Array(clusters);
  for (const c of unitCluster) clusterSize[c] = (clusterSize[c] as number) + 1;
  const clusterStart = new Int32Array(clusters);
  for (let c = 1; c < clusters; c++) clusterStart[c] = (clusterStart[c - 1] as number) + (clusterSize[c - 1] as number);
  const fill = clusterStart.slice();
  const units = unitQuestion.length;
  const unitSumA = new Float64Array(units);
  const unitCountA = new Float64Array(units);
  const unitSumB = new Float64Array(units);
  const unitCountB = new Float64Array(units);
  const clusterSumA = new Float64Array(clusters);
  const clusterCountA = new Float64Array(clusters);
  const clusterSumB = new Float64Array(clusters);
  const clusterCountB = new Float64Array(clusters);
  for (let u = 0; u < units; u++) {
    const c = unitCluster[u] as number;
    const at = (fill[c] as number)++;
    unitSumA[at] = sumA[u] as number;
    unitCountA[at] = countA[u] as number;
    unitSumB[at] = sumB[u] as number;
    unitCountB[at] = countB[u] as number;
    clusterSumA[c] = (clusterSumA[c] as number) + (sumA[u] as number);
    clusterCountA[c] = (clusterCountA[c] as number) + (countA[u] as number);
    clusterSumB[c] = (clusterSumB[c] as number) + (sumB[u] as number);
    clusterCountB[c] = (clusterCountB[c] as number) + (countB[u] as number);
  }
  let maxClusterSize = 0;
  for (const size of clusterSize) maxClusterSize = Math.max(maxClusterSize, size);
  return {
    clusters,
    paired: b !== undefined,
    clusterStart,
    clusterSize,
    maxClusterSize,
    clusterSumA,
    clusterCountA,
    clusterSumB,
    clusterCountB,
    unitSumA,
    unitCountA,
    unitSumB,
    unitCountB,
    meanA: pairwiseSum(scoresA) / scoresA.length,
    meanB: scoresB.length === 0 ? Number.NaN : pairwiseSum(scoresB) / scoresB.length,
  };
}

/** Σ of cluster sums over the drawn clusters: a small top-level hot loop, as in the bootstrap. */
function clusteredSums(
  uniforms: Float64Array,
  clusters: number,
  sumA: Float64Array,
  countA: Float64Array,
  sumB: Float64Array,
  countB: Float64Array,
  out: Float64Array,
): void {
  let sa = 0;
  let ca = 0;
  let sb = 0;
  let cb = 0;
  for (let i = 0; i < clusters; i++) {
    const c = ((uniforms[i] as number) * clusters) | 0;
    sa += sumA[c] as number;
    ca += countA[c] as number;
    sb += sumB[c] as number;
    cb += countB[c] as number;
  }
  out[0] = sa;
  out[1] = ca;
  out[2] = sb;
  out[3] = cb;
}

/** As `clusteredSums` for one sample: Σ of the drawn clusters' sums and counts. */
function clusteredSumsOne(uniforms: Float64Array, clusters: number, sumA: Float64Array, countA: Float64Array, out: Float64Array): void {
  let sa = 0;
  let ca = 0;
  for (let i = 0; i < clusters; i++) {
    const c = ((uniforms[i] as number) * clusters) | 0;
    sa += sumA[c] as number;
    ca += countA[c] as number;
  }
  out[0] = sa;
  out[1] = ca;
  out[2] = 0;
  out[3] = 0;
}

/**
 * @internal One replicate of every stratum: the resampled mean of A and of B per stratum, written
 * to meansA / meansB. Uniform stream per stratum, strata in order: one uniform per cluster
 * (cluster ⌊u·C⌋); for two-level, then, for each drawn cluster in order, one uniform per unit of
 * that cluster (unit ⌊u·m⌋). A resampled mean with no items (a sample absent from every drawn
 * cluster) is NaN.
 */
export class Resampler {
  private readonly clusterUniforms: Float64Array;
  private readonly unitUniforms: Float64Array;
  private readonly sums = new Float64Array(4);
  private readonly fill: (out: Float64Array, count: number) => void;

  constructor(
    private readonly strata: readonly Stratum[],
    private readonly scheme: ResamplingScheme,
    rng: Rng,
  ) {
    this.fill = uniformFiller(rng);
    this.clusterUniforms = new Float64Array(Math.max(...strata.map((s) => s.clusters)));
    this.unitUniforms = new Float64Array(Math.max(...strata.map((s) => s.maxClusterSize)));
  }

  replicate(meansA: Float64Array, meansB: Float64Array): void {
    const { strata, fill, sums, clusterUniforms, unitUniforms } = this;
    for (let k = 0; k < strata.length; k++) {
      const s = strata[k] as Stratum;
      const C = s.clusters;
      fill(clusterUniforms, C);
      if (this.scheme !== "two-level" && !s.paired) {
        clusteredSumsOne(clusterUniforms, C, s.clusterSumA, s.clusterCountA, sums);
      } else if (this.scheme !== "two-level") {
        clusteredSums(clusterUniforms, C, s.clusterSumA, s.clusterCountA, s.clusterSumB, s.clusterCountB, sums);
      } else {
        let sa = 0;
        let ca = 0;
        let sb = 0;
        let cb = 0;
        for (let i = 0; i < C; i++) {
          const c = ((clusterUniforms[i] as number) * C) | 0;
          const m = s.clusterSize[c] as number;
          const start = s.clusterStart[c] as number;
          fill(unitUniforms, m);
          for (let j = 0; j < m; j++) {
            const u = start + (((unitUniforms[j] as number) * m) | 0);
            sa += s.unitSumA[u] as number;
            ca += s.unitCountA[u] as number;
            sb += s.unitSumB[u] as number;
            cb += s.unitCountB[u] as number;
          }
        }
        sums[0] = sa;
        sums[1] = ca;
        sums[2] = sb;
        sums[3] = cb;
      }
      meansA[k] = (sums[1] as number) > 0 ? (sums[0] as number) / (sums[1] as number) : Number.NaN;
      meansB[k] = (sums[3] as number) > 0 ? (sums[2] as number) / (sums[3] as number) : Number.NaN;
    }
  }
}

/** @internal one set of item scores or several strata, as a list of strata (at least one) */
function strataOf(where: string, items: ItemScores | readonly ItemScores[]): readonly ItemScores[] {
  const list = Array.isArray(items) ? (items as readonly ItemScores[]) : [items as ItemScores];
  if (list.length === 0) throw new RangeError(`${where}: no strata`);
  return list;
}

/** @internal two configurations' strata, paired stratum by stratum */
export function pairedStrata(
  where: string,
  a: ItemScores | readonly ItemScores[],
  b: ItemScores | readonly ItemScores[],
): { readonly a: readonly ItemScores[]; readonly b: readonly ItemScores[] } {
  const listA = strataOf(where, a);
  const listB = Array.isArray(b) ? (b as readonly ItemScores[]) : [b as ItemScores];
  if (listA.length !== listB.length) {
    throw new RangeError(`${where}: strata count mismatch (${listA.length} vs ${listB.length})`);
  }
  return { a: listA, b: listB };
}

/** @internal checks weights (default 1/K each) */
export function checkWeights(where: string, weights: readonly number[] | undefined, strata: number): Float64Array {
  const w = weights ?? Array.from({ length: strata }, () => 1 / strata);
  if (w.length !== strata) throw new RangeError(`${where}: weights length mismatch (${w.length} vs ${strata} strata)`);
  for (const x of w) if (!Number.isFinite(x)) throw new RangeError(`${where}: weights must be finite (${x})`);
  return Float64Array.from(w);
}

/** @internal Σ_k w_k · means_k */
export function weighted(weights: Float64Array, means: Float64Array): number {
  let total = 0;
  for (let k = 0; k < weights.length; k++) total += (weights[k] as number) * (means[k] as number);
  return total;
}

/** @internal replicate summary: percentile interval (NumPy linear), mean, half-width */
export function summarize(estimate: number, replicates: Float64Array, alpha: number): BootstrapResult {
  const sorted = replicates.slice().sort();
  const lower = quantileLinearSorted(sorted, alpha / 2);
  const upper = quantileLinearSorted(sorted, 1 - alpha / 2);
  return {
    estimate,
    replicateMean: pairwiseSum(replicates) / replicates.length,
    lower,
    upper,
    halfWidth: (upper - lower) / 2,
    replicates,
  };
}

/** Options of `bootstrapItemMean`. */
export interface ItemMeanOptions extends ResamplingOptions {
  /** Weight of each stratum's mean when several are given. @default equal weights 1/K */
  readonly weights?: readonly number[];
}

/**
 * Percentile bootstrap of the mean item score under a chosen resampling scheme; with several
 * strata (datasets), of the weighted mean of their means, θ = Σ_k w_k · mean_k, each stratum
 * resampled on its own (as `bootstrapMeanOfMeans`).
 *
 * - `independent`: draws n items with replacement (the paper's interval). With the same `rng`
 *   it gives the very replicates of `bootstrapMean` / `bootstrapMeanOfMeans`.
 * - `question-clustered` (default): draws Q questions with replacement; a replicate is the mean
 *   of all items of the drawn questions (a ratio estimator when questions differ in size).
 * - `two-level`: draws Q questions, then within each drawn question as many of its items as it
 *   has, with replacement.
 *
 * The default is question-clustered because the scores of one question's groups are correlated;
 * the module header gives the reasons and when to prefer another scheme.
 * O(B · n) for B iterations over n items, plus O(B log B) for the interval.
 * @param items one stratum, or one per stratum; each item with its question (and group)
 * @param options `rng` (required), `scheme`, `iterations` (1000), `alpha` (0.05), `weights`
 * @returns estimate (the plain mean), replicate mean, interval, half-width and replicates
 * @throws {RangeError} on an empty stratum, a non-finite score, mismatched lengths, a duplicate
 *   (question, group), an unknown scheme, bad weights, iterations or alpha
 * @throws {TypeError} when rng is not a function
 * @example
 * const r = bootstrapItemMean(
 *   { scores: [0.1, 0.2, 0.3, 0.5], questions: ["q1", "q1", "q2", "q2"], groups: ["dem", "rep", "dem", "rep"] },
 *   { rng: mulberry32(0), scheme: "question-clustered" },
 * );
 * r.estimate; // => 0.275
 */
export function bootstrapItemMean(items: ItemScores | readonly ItemScores[], options: ItemMeanOptions): BootstrapResult {
  const where = "bootstrapItemMean";
  const { iterations, alpha, scheme, rng } = checkResamplingOptions(where, options);
  const list = strataOf(where, items);
  const weights = checkWeights(where, options.weights, list.length);
  const strata = list.map((s, k) => buildStratum(where, scheme, s, undefined, [`stratum ${k}`, ""]));
  const estimate = weighted(weights, Float64Array.from(strata, (s) => s.meanA));
  const resampler = new Resampler(strata, scheme, rng);
  const meansA = new Float64Array(strata.length);
  const meansB = new Float64Array(strata.length);
  const replicates = new Float64Array(iterations);
  for (let b = 0; b < iterations; b++) {
    resampler.replicate(meansA, meansB);
    replicates[b] = weighted(weights, meansA);
  }
  return summarize(estimate, replicates, alpha);
}
