/**
 * `reproduce`: the paper's tables from its published outputs, in paper mode (the published
 * numbers, quirks included) or corrected mode (what we believe is right).
 */
import { requireDataDir } from "../data/data-dir";
import { checkPaperModel } from "../data/results";
import { DATASETS, PAPER_MODELS } from "../types";
import { type BenchmarkData, loadBenchmarkData } from "../benchmark/benchmark-data";
import { correctedModelScores } from "./corrected-scores";
import { paperModelScores } from "./paper-scores";
import { referenceScoreLists } from "./reference-lists";
import type { ReproduceMode, ScoreList, ScoreListOptions } from "../benchmark/score-lists";
import { type BootstrapJob, type BootstrapSummary, runBootstrapJob, runBootstrapJobs } from "../benchmark/bootstrap-jobs";
import { type TableOptions, type Tables, planTables, tabulate } from "../benchmark/tables";
import { defaultThreads } from "../benchmark/workers";
import { ReproductionWorkers } from "./workers";
import { type InGroupRow, inGroupTable } from "./in-group";
import { DEFAULT_RESAMPLING_SCHEME, type ResamplingScheme } from "../scoring/resampling";
import { type Statistics, reproductionStatistics } from "./statistics";

/** Options of `reproduce`. */
export interface ReproduceOptions extends Partial<TableOptions> {
  readonly mode: ReproduceMode;
  /** Threads; results do not depend on it. @default the machine's cores, at most 4 */
  readonly threads?: number;
  /** The data directory. @default the configured one (DISTALIGN_DATA_DIR or data/upstream) */
  readonly dataDir?: string;
  /** Already-loaded data, to share between modes. */
  readonly data?: BenchmarkData;
  /** Also compute the statistics beyond the paper's tables (`reproductionStatistics`). @default false */
  readonly statistics?: boolean;
  /**
   * The resampling scheme of the statistics' intervals and, in corrected mode, of the tables'
   * intervals (paper mode keeps the paper's independent intervals). @default "question-clustered"
   */
  readonly resampling?: ResamplingScheme;
}

/** Every table of one mode, with the score lists behind them. */
export interface Reproduction extends Tables {
  readonly mode: ReproduceMode;
  readonly lists: readonly ScoreList[];
  /** Table 6: human annotators on their own group vs the other group; absent for tables not built by `reproduce`. */
  readonly table6?: readonly InGroupRow[];
  /** Comparisons, gap intervals, the board by metric, baselines and sensitivity, when asked for. */
  readonly statistics?: Statistics;
}

/** The models' score lists of one mode. */
export function modelScoreLists(data: BenchmarkData, mode: ReproduceMode, models: readonly string[] = PAPER_MODELS, options: ScoreListOptions = {}): ScoreList[] {
  return mode === "paper" ? paperModelScores(data, DATASETS, models, options) : correctedModelScores(data, DATASETS, models, options);
}

/** Score lists of one mode: models, humans and baselines. */
export function scoreLists(data: BenchmarkData, mode: ReproduceMode, models: readonly string[] = PAPER_MODELS, options: ScoreListOptions = {}): ScoreList[] {
  return [...modelScoreLists(data, mode, models, options), ...referenceScoreLists(data, mode)];
}

/**
 * Reproduces Table 1a, Table 1b, the breakdown and Table 6 (Table 5 is read off the breakdown).
 * @throws {DataError} when the data directory is missing or a file is malformed
 * @example
 * const { table1a } = await reproduce({ mode: "paper" });
 */
export async function reproduce(options: ReproduceOptions): Promise<Reproduction> {
  const models = (options.models ?? PAPER_MODELS).map(checkPaperModel);
  const data = options.data ?? loadBenchmarkData(requireDataDir(options.dataDir));
  // Corrected mode reports question-clustered intervals; paper mode keeps the paper's independent ones.
  const scheme = options.mode === "corrected" ? options.resampling ?? DEFAULT_RESAMPLING_SCHEME : undefined;
  const tableOptions: TableOptions = { iterations: options.iterations ?? 1000, seed: options.seed ?? 0, models, ...(scheme === undefined ? {} : { scheme }) };
  const threads = options.threads ?? defaultThreads();
  // The ordinal metric serves only the statistics.
  const listOptions: ScoreListOptions = { w1: options.statistics === true };
  const statisticsOf = (lists: readonly ScoreList[]): Statistics | undefined =>
    options.statistics === true
      ? reproductionStatistics(data, options.mode, lists, { iterations: tableOptions.iterations, seed: tableOptions.seed, scheme: options.resampling ?? DEFAULT_RESAMPLING_SCHEME }, models)
      : undefined;
  if (threads <= 1) {
    const lists = scoreLists(data, options.mode, models, listOptions);
    const tables = await tabulate(lists, tableOptions, async (jobs) => runBootstrapJobs(jobs));
    return { mode: options.mode, lists, ...tables, table6: inGroupTable(data, options.mode), statistics: statisticsOf(lists) };
  }
  // A worker scores the humans, the baselines and Table 6 while this thread scores the models and,
  // until the worker is done, bootstraps the model rows (which need no reference lists); then all threads
  // share the remaining jobs.
  const workers = new ReproductionWorkers(threads - 1);
  try {
    let referenceReady = false;
    const reference = workers.referenceLists(data.dataDir, options.mode);
    const ready = () => (referenceReady = true);
    void reference.then(ready, ready);
    const modelLists = modelScoreLists(data, options.mode, models, listOptions);
    const summaries = new Map<string, BootstrapSummary>();
    for (const job of planTables(modelLists, tableOptions).jobs) {
      await new Promise((resolve) => setImmediate(resolve));
      if (referenceReady) break;
      summaries.set(job.name, runBootstrapJob(job));
    }
    const { lists: referenceLists, table6 } = await reference;
    const lists = [...modelLists, ...referenceLists];
    const plan = planTables(lists, tableOptions);
    const remaining = plan.jobs.filter((job) => !summaries.has(job.name));
    // The statistics are computed here while the workers run the remaining jobs.
    const pending = workers.bootstrap(remaining);
    const statistics = statisticsOf(lists);
    (await pending).forEach((summary, i) => summaries.set((remaining[i] as BootstrapJob).name, summary));
    return { mode: options.mode, lists, ...plan.assemble(summaries), table6, statistics };
  } finally {
    await workers.destroy();
  }
}
