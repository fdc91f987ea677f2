/**
 * Bootstrap jobs on worker threads (piscina). The jobs are split into chunks of about equal
 * cost, one per thread. Results are identical to a single-threaded run: every job carries its
 * own seed.
 */
import { availableParallelism } from "node:os";
import { join } from "node:path";
import { Piscina } from "piscina";
import { type BootstrapJob, type BootstrapSummary, jobDraws, runBootstrapJobs } from "./bootstrap-jobs";
import { type WorkerOutcome, unwrapOutcome } from "./worker-errors";

/** Jobs below this many draws in total are not worth a worker's start-up. */
const MIN_PARALLEL_DRAWS = 50_000_000;

/** The default thread count: the machine's cores, at most 4. */
export function defaultThreads(): number {
  return Math.max(1, Math.min(4, availableParallelism()));
}

/** Splits job indices into `parts` chunks of about equal draws (greedy, largest first). */
function balancedChunks(jobs: readonly BootstrapJob[], parts: number): number[][] {
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
 * A worker task's promise that never counts as an unhandled rejection: when this thread fails
 * first and the pool is destroyed, the pending task's "Terminating worker thread" rejection is
 * dropped here, while whoever awaits the promise still sees it.
 */
export function handled<T>(promise: Promise<T>): Promise<T> {
  promise.catch(() => undefined);
  return promise;
}

/**
 * Worker threads that run bootstrap jobs; `destroy()` when done. A distalign error raised in a
 * worker is thrown here with its class, message, file and key.
 */
export class BootstrapWorkers {
  protected readonly pool: Piscina;

  /**
   * @param count worker threads besides this one (at least 1)
   * @param workerFile the worker's entry; it exports `runBootstrapJobs` @default bootstrap-worker.cjs
   */
  constructor(
    readonly count: number,
    workerFile = join(__dirname, "bootstrap-worker.cjs"),
  ) {
    this.pool = new Piscina({ filename: workerFile, minThreads: count, maxThreads: count });
  }

  /** Runs bootstrap jobs: one chunk in this thread, one in each worker. */
  async bootstrap(jobs: readonly BootstrapJob[]): Promise<BootstrapSummary[]> {
    const [own = [], ...others] = balancedChunks(jobs, this.count + 1);
    const pending = others.map((indices) =>
      handled((this.pool.run(indices.map((i) => jobs[i]), { name: "runBootstrapJobs" }) as Promise<WorkerOutcome<BootstrapSummary[]>>).then(unwrapOutcome)),
    );
    const results: BootstrapSummary[] = new Array(jobs.length);
    runBootstrapJobs(own.map((i) => jobs[i] as BootstrapJob)).forEach((summary, k) => (results[own[k] as number] = summary));
    (await Promise.all(pending)).forEach((chunk, c) => chunk.forEach((summary, k) => (results[(others[c] as number[])[k] as number] = summary)));
    return results;
  }

  /** Stops the workers; tasks still pending reject, and those rejections are handled. */
  destroy(): Promise<void> {
    return this.pool.destroy();
  }
}

/**
 * Runs bootstrap jobs on up to `threads` threads, starting workers only when the jobs are large
 * enough to repay them.
 * @param threads @default defaultThreads()
 */
export async function runBootstrapJobsInParallel(jobs: readonly BootstrapJob[], threads = defaultThreads()): Promise<BootstrapSummary[]> {
  const total = jobs.reduce((n, job) => n + jobDraws(job), 0);
  if (threads <= 1 || jobs.length < 2 || total < MIN_PARALLEL_DRAWS) return runBootstrapJobs(jobs);
  const workers = new BootstrapWorkers(threads - 1);
  try {
    return await workers.bootstrap(jobs);
  } finally {
    await workers.destroy();
  }
}
