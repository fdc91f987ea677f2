/**
 * The bootstrap intervals of a reproduction as independent jobs: each row's pools, weights and
 * its own seeded generator, so jobs give the same result whichever thread runs them, in any order.
 */
import { seededRandom } from "../random";
import { bootstrapMeanOfMeans } from "../scoring/bootstrap";
import { bootstrapItemMean, type ResamplingScheme } from "../scoring/resampling";

/** One interval to compute: Σ_k w_k·mean(pool_k), resampled `iterations` times. */
export interface BootstrapJob {
  /** Unique row name; with `seed` it seeds the row's generator. */
  readonly name: string;
  readonly pools: readonly Float64Array[];
  /** @default equal weights */
  readonly weights?: readonly number[];
  readonly iterations: number;
  readonly seed: number;
  /**
   * Resample questions instead of values: per pool, the question index of each value, and the
   * scheme (`question-clustered` or `two-level`). Absent: values are resampled independently.
   */
  readonly clustered?: { readonly scheme: Exclude<ResamplingScheme, "independent">; readonly questions: readonly Int32Array[] };
}

/** The exact statistic and the percentile half-width of a job. */
export interface BootstrapSummary {
  readonly mean: number;
  readonly halfWidth: number;
}

/** Runs one job. */
export function runBootstrapJob(job: BootstrapJob): BootstrapSummary {
  if (job.clustered !== undefined) {
    const { scheme, questions } = job.clustered;
    const strata = job.pools.map((scores, k) => ({ scores, questions: Array.from(questions[k] ?? [], String) }));
    const result = bootstrapItemMean(strata, { rng: seededRandom(job.seed, job.name), iterations: job.iterations, weights: job.weights, scheme });
    return { mean: result.estimate, halfWidth: result.halfWidth };
  }
  const result = bootstrapMeanOfMeans(job.pools, {
    rng: seededRandom(job.seed, job.name),
    iterations: job.iterations,
    weights: job.weights,
  });
  return { mean: result.estimate, halfWidth: result.halfWidth };
}

/** Runs jobs in order in this thread. */
export function runBootstrapJobs(jobs: readonly BootstrapJob[]): BootstrapSummary[] {
  return jobs.map(runBootstrapJob);
}

/** The number of draws a job makes: its cost. */
export function jobDraws(job: BootstrapJob): number {
  return job.iterations * job.pools.reduce((n, pool) => n + pool.length, 0);
}
