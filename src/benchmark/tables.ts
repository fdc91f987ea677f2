/**
 * The reproduction's tables, aggregated from score lists (docs/protocol.md §5.4–5.6): the main
 * leaderboard (Table 1a), the knowledge-to-simulation gap (Table 1b) and the per-dataset,
 * per-steering breakdown with humans and baselines. Every interval is a percentile bootstrap of
 * Σ_k w_k·mean(pool_k), one pool per dataset.
 */
import { knowledgeToSimulationGap } from "../scoring/k2s";
import type { ResamplingScheme } from "../scoring/resampling";
import { DATASETS, type Dataset, PAPER_MODELS, SCORED_METHODS, type Steering } from "../types";
import type { BootstrapJob, BootstrapSummary } from "./bootstrap-jobs";
import { runBootstrapJobsInParallel } from "./workers";
import { type ScoreList, parseCounts, poolOf, selectLists } from "./score-lists";

/** Bootstrap settings of every interval. */
export interface TableOptions {
  /** @default 1000 */
  readonly iterations: number;
  /** Each row's generator is seeded from this and the row's name, so rows do not depend on each other. @default 0 */
  readonly seed: number;
  /** The models to tabulate. @default PAPER_MODELS */
  readonly models?: readonly string[];
  /**
   * Resample questions (each with all its groups and steering conditions) in the rows whose lists
   * all carry question keys; the others, and every row when absent or `independent`, resample
   * values independently as the paper did.
   */
  readonly scheme?: ResamplingScheme;
}

/** A row of Table 1a. `mean` and `halfWidth` are undefined where the model has no such outputs. */
export interface LeaderboardRow {
  readonly model: string;
  readonly method: string;
  readonly mean: number | undefined;
  readonly halfWidth: number | undefined;
  /** Share of responses parsed into a distribution. */
  readonly parseRate: number | undefined;
}

/** A row of Table 1b. */
export interface GapRow {
  readonly model: string;
  readonly kss: number;
}

/** A row of the breakdown: one dataset (or both) × steering × model × method. */
export interface BreakdownRow {
  readonly dataset: Dataset | "both";
  readonly steering: Steering | "persona+few-shot" | "all";
  readonly model: string;
  readonly method: string;
  readonly mean: number;
  readonly halfWidth: number;
  /** Scored questions × groups (each counted once). */
  readonly n: number;
  readonly parseRate: number | undefined;
}

/** All three tables. */
export interface Tables {
  readonly table1a: readonly LeaderboardRow[];
  readonly table1b: readonly GapRow[];
  readonly breakdown: readonly BreakdownRow[];
}

/** Steering conditions of the main leaderboard. */
export const LEADERBOARD_STEERING: readonly Steering[] = ["persona", "few-shot"];

/** Baselines of Table 1a; the breakdown also lists "minority". */
const TABLE_1A_BASELINES = ["uniform", "majority", "discretization"] as const;

/** The question index of each value of some lists (in `poolOf` order), questions numbered by first appearance. */
function questionIndices(lists: readonly ScoreList[]): Int32Array {
  const index = new Map<string, number>();
  const out: number[] = [];
  for (const list of lists) {
    for (const q of list.questions ?? []) {
      let i = index.get(q);
      if (i === undefined) {
        i = index.size;
        index.set(q, i);
      }
      out.push(i);
    }
  }
  return Int32Array.from(out);
}

function rate(lists: readonly ScoreList[]): number | undefined {
  const { parsed, attempted } = parseCounts(lists);
  return attempted === 0 ? undefined : parsed / attempted;
}

/** Table 1b: K2S = mean(Sequence) / mean(Verbalize) − 1 per model, from the leaderboard means. */
export function knowledgeToSimulationTable(board: readonly LeaderboardRow[]): GapRow[] {
  const models = [...new Set(board.map((r) => r.model))].filter((m) => m !== "baseline");
  return models.flatMap((model) => {
    const mean = (method: string) => board.find((r) => r.model === model && r.method === method)?.mean;
    const sequence = mean("sequence");
    const verbalize = mean("verbalize");
    return sequence === undefined || verbalize === undefined ? [] : [{ model, kss: knowledgeToSimulationGap(sequence, verbalize) }];
  });
}

interface PlannedRow {
  readonly job: BootstrapJob | undefined;
  readonly lists: readonly ScoreList[];
}

/** The bootstrap jobs of the tables, and how to build the tables from their results. */
export interface TablePlan {
  /** One job per row whose every dataset has scores, named after the row. */
  readonly jobs: readonly BootstrapJob[];
  /** Builds the tables from the job results, by job name. */
  assemble(summaries: ReadonlyMap<string, BootstrapSummary>): Tables;
}

/**
 * Plans Table 1a (every model × method over persona and few-shot, datasets weighted equally,
 * then the baselines), Table 1b, and the breakdown: for each dataset and for "both" (OpinionQA
 * and NYT weighted ½ each), each steering condition and persona+few-shot pooled, every model ×
 * method, the humans, and the baselines (steering "all"). A row's job depends only on the lists
 * of its own series, so planning with part of the lists gives those rows' jobs unchanged.
 */
export function planTables(lists: readonly ScoreList[], options: TableOptions): TablePlan {
  const scheme = options.scheme;
  const plan = (name: string, perDataset: readonly ScoreList[][]): PlannedRow => {
    const pools = perDataset.map((l) => Float64Array.from(poolOf(l)));
    const complete = pools.every((p) => p.length > 0);
    const keyed = perDataset.every((lists) => lists.every((l) => l.questions !== undefined && !l.listedTwice));
    const clustered = scheme === undefined || scheme === "independent" || !keyed ? undefined : { scheme, questions: perDataset.map(questionIndices) };
    const job: BootstrapJob = { name, pools, iterations: options.iterations, seed: options.seed, ...(clustered === undefined ? {} : { clustered }) };
    return { job: complete ? job : undefined, lists: perDataset.flat() };
  };
  const models = options.models ?? PAPER_MODELS;

  const boardPlan: { model: string; method: string; row: PlannedRow }[] = [];
  for (const model of models) {
    for (const method of SCORED_METHODS) {
      const perDataset = DATASETS.map((dataset) => selectLists(lists, { dataset, model, method, steering: LEADERBOARD_STEERING }));
      boardPlan.push({ model, method, row: plan(`table1a/${model}/${method}`, perDataset) });
    }
  }
  for (const method of TABLE_1A_BASELINES) {
    const perDataset = DATASETS.map((dataset) => selectLists(lists, { dataset, model: "baseline", method }));
    boardPlan.push({ model: "baseline", method, row: plan(`table1a/baseline/${method}`, perDataset) });
  }

  const breakdownPlan: { key: Omit<BreakdownRow, "mean" | "halfWidth" | "n" | "parseRate">; row: PlannedRow }[] = [];
  const series = [...models.flatMap((model) => SCORED_METHODS.map((method) => ({ model, method }))), { model: "human", method: "verbalize" }];
  const steerings: { name: BreakdownRow["steering"]; members: readonly (Steering | "all")[] }[] = [
    { name: "none", members: ["none"] },
    { name: "persona", members: ["persona"] },
    { name: "few-shot", members: ["few-shot"] },
    { name: "persona+few-shot", members: ["persona", "few-shot"] },
  ];
  const addBreakdown = (dataset: BreakdownRow["dataset"], steering: BreakdownRow["steering"], model: string, method: string, members: readonly (Steering | "all")[]) => {
    const datasets: Dataset[] = dataset === "both" ? ["opinionqa", "nytimes"] : [dataset];
    const perDataset = datasets.map((d) => selectLists(lists, { dataset: d, model, method, steering: members }));
    breakdownPlan.push({ key: { dataset, steering, model, method }, row: plan(`breakdown/${dataset}/${steering}/${model}/${method}`, perDataset) });
  };
  for (const dataset of [...DATASETS, "both"] as const) {
    for (const { model, method } of series) for (const { name, members } of steerings) addBreakdown(dataset, name, model, method, members);
    for (const method of ["uniform", "majority", "minority", "discretization"]) addBreakdown(dataset, "all", "baseline", method, ["all"]);
  }

  const planned = [...boardPlan.map((p) => p.row), ...breakdownPlan.map((p) => p.row)];
  return {
    jobs: planned.flatMap((p) => (p.job === undefined ? [] : [p.job])),
    assemble(summaries) {
      const summaryOf = (row: PlannedRow) => (row.job === undefined ? undefined : summaries.get(row.job.name));
      const table1a: LeaderboardRow[] = boardPlan.map(({ model, method, row }) => {
        const summary = summaryOf(row);
        return {
          model,
          method,
          mean: summary?.mean,
          halfWidth: summary?.halfWidth,
          parseRate: model === "baseline" || summary === undefined ? undefined : rate(row.lists),
        };
      });
      const breakdown: BreakdownRow[] = breakdownPlan.flatMap(({ key, row }) => {
        const summary = summaryOf(row);
        if (summary === undefined) return [];
        const parseRate = key.model === "baseline" ? undefined : rate(row.lists);
        return [{ ...key, mean: summary.mean, halfWidth: summary.halfWidth, n: row.lists.reduce((n, l) => n + l.values.length, 0), parseRate }];
      });
      return { table1a, table1b: knowledgeToSimulationTable(table1a), breakdown };
    },
  };
}

/**
 * Computes the tables of `planTables`.
 * @param runJobs runs the bootstrap jobs. @default runBootstrapJobsInParallel (on the machine's cores)
 */
export async function tabulate(
  lists: readonly ScoreList[],
  options: TableOptions,
  runJobs: (jobs: readonly BootstrapJob[]) => Promise<BootstrapSummary[]> = (jobs) => runBootstrapJobsInParallel(jobs),
): Promise<Tables> {
  const plan = planTables(lists, options);
  const summaries = await runJobs(plan.jobs);
  return plan.assemble(new Map(plan.jobs.map((job, i) => [job.name, summaries[i] as BootstrapSummary])));
}
