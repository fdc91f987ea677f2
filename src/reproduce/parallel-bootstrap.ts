/**
 * Runs bootstrap jobs on several cores: the jobs are split into chunks of about equal cost, one
 * runs in this thread and the others in worker threads (piscina). Results are identical to a
 * single-threaded run, since every job carries its own seed.
 */
import { availableParallelism } from "node:os";
import { join } from "node:path";
import { Piscina } from "piscina";
import { type BootstrapJob, type BootstrapSummary, jobDraws, runBootstrapJobs } from "./bootstrap-jobs";

/** Jobs below this many draws in total are not worth a worker's start-up. */
const MIN_PARALLEL_DRAWS = 50_000_000;

/** The default thread count: the machine's cores, at most 4. */
export function defaultThreads(): number {
  return Math.max(1, Math.min(4, availableParallelism()));
}

/** Splits job indices into `parts` chunks of about equal draws (greedy, largest first). */
export function balancedChunks(jobs: readonly BootstrapJob[], parts: number): number[][] {
  const chunks = Array.from({ length: parts }, () => ({ draws: 0, indices: [] as number[] }));
  const order = jobs.map((job, index) => ({ index, draws: jobDraws(job) })).sort((a, b) => b.draws - a.draws);
  for (const { index, draws } of order) {
    const lightest = chunks.reduce((best, chunk) => (chunk.draws < best.draws ? chunk : best));
    lightest.indices.push(index);
    lightest.draws += draws;
  }
  return chunks.map((c) => c.indices).filter((c) => c.length > 0);
}

/**
 * Runs the jobs, on up to `threads` threads.
 * @param threads @default defaultThreads()
 */
export async function runBootstrapJobsInParallel(jobs: readonly BootstrapJob[], threads = defaultThreads()): Promise<BootstrapSummary[]> {
  const total = jobs.reduce((n, job) => n + jobDraws(job), 0);
  if (threads <= 1 || jobs.length < 2 || total < MIN_PARALLEL_DRAWS) return runBootstrapJobs(jobs);
  const [own = [], ...others] = balancedChunks(jobs, threads);
  const pool = new Piscina({ filename: join(__dirname, "bootstrap-worker.cjs"), maxThreads: others.length, minThreads: others.length });
  try {
    const pending = others.map((indices) => pool.run(indices.map((i) => jobs[i])) as Promise<BootstrapSummary[]>);
    const results: BootstrapSummary[] = new Array(jobs.length);
    runBootstrapJobs(own.map((i) => jobs[i] as BootstrapJob)).forEach((summary, k) => (results[own[k] as number] = summary));
    (await Promise.all(pending)).forEach((chunk, c) => chunk.forEach((summary, k) => (results[(others[c] as number[])[k] as number] = summary)));
    return results;
  } finally {
    await pool.destroy();
  }
}
