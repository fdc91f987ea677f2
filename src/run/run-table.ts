/**
 * The Table 1-style summary of a run: per model × method, the mean total variation per dataset
 * and over the datasets (weighted equally, as Table 1a), with a bootstrap interval, the number
 * of scored items and the parse rate; and the knowledge-to-simulation gap per model.
 */
import { runBootstrapJobsInParallel } from "../benchmark/workers";
import { methodLabel } from "../labels";
import type { Table } from "../reproduce/report";
import { type ScoreList, parseCounts, poolOf } from "../benchmark/score-lists";
import type { BootstrapJob } from "../benchmark/bootstrap-jobs";
import { knowledgeToSimulationGap } from "../scoring/k2s";
import { DATASETS, type DatasetName, SCORED_METHODS } from "../types";

/** Which steering conditions a row pools: the leaderboard's persona + few-shot, or no steering. */
export type RunTableSteering = "persona+few-shot" | "none";

/** One row of the run table. */
export interface RunTableRow {
  readonly model: string;
  readonly method: string;
  readonly steering: RunTableSteering;
  /** Mean TV per dataset the run covers. */
  readonly perDataset: Partial<Record<DatasetName, number>>;
  /** Equal-weight mean over the table's datasets; undefined when the row lacks one of them. */
  readonly mean: number | undefined;
  /** Half-width of the 95% percentile bootstrap interval of `mean`. */
  readonly halfWidth: number | undefined;
  /** Scored question × group items. */
  readonly n: number;
  readonly parseRate: number | undefined;
}

/** Options of `runTable`. */
export interface RunTableOptions {
  /** @default 1000 */
  readonly iterations?: number;
  /** @default 0 */
  readonly seed?: number;
  /** Row order of models; others follow alphabetically. */
  readonly models?: readonly string[];
  readonly threads?: number;
}

const STEERING_MEMBERS: Record<RunTableSteering, readonly string[]> = { "persona+few-shot": ["persona", "few-shot"], none: ["none"] };

function mean(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0) / values.length;
}

/**
 * Tabulates score lists (a run's, and the paper's matched ones) as Table 1-style rows.
 * @param lists score lists of any models
 * @param options bootstrap settings and model order
 * @returns rows for persona + few-shot (when present) and for no steering (when present)
 */
export async function runTable(lists: readonly ScoreList[], options: RunTableOptions = {}): Promise<RunTableRow[]> {
  const order = options.models ?? [];
  const models = [...new Set(lists.map((l) => l.model))].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
  function rank(model: string): number {
    const index = order.indexOf(model);
    return index < 0 ? order.length : index;
  }
  const planned: { key: Omit<RunTableRow, "mean" | "halfWidth">; job: BootstrapJob | undefined }[] = [];
  for (const steering of ["persona+few-shot", "none"] as const) {
    const inSteering = lists.filter((l) => STEERING_MEMBERS[steering].includes(l.steering));
    const datasets = datasetsOf(inSteering.filter((l) => l.values.length > 0));
    if (datasets.length === 0) continue;
    for (const model of models) {
      for (const method of SCORED_METHODS) {
        const mine = inSteering.filter((l) => l.model === model && l.method === method);
        if (mine.length === 0) continue;
        const pools = datasets.map((d) => poolOf(mine.filter((l) => l.dataset === d)));
        const perDataset: Partial<Record<DatasetName, number>> = {};
        datasets.forEach((d, k) => {
          const pool = pools[k] ?? [];
          if (pool.length > 0) perDataset[d] = mean(pool);
        });
        const { parsed, attempted } = parseCounts(mine);
        const complete = pools.every((p) => p.length > 0);
        planned.push({
          key: { model, method, steering, perDataset, n: pools.reduce((n, p) => n + p.length, 0), parseRate: attempted === 0 ? undefined : parsed / attempted },
          job: complete ? { name: `run/${steering}/${model}/${method}`, pools: pools.map((p) => Float64Array.from(p)), iterations: options.iterations ?? 1000, seed: options.seed ?? 0 } : undefined,
        });
      }
    }
  }
  const jobs = planned.flatMap((p) => (p.job === undefined ? [] : [p.job]));
  const summaries = await runBootstrapJobsInParallel(jobs, options.threads);
  const byName = new Map(jobs.map((job, i) => [job.name, summaries[i]]));
  return planned.map(({ key, job }) => {
    const summary = job === undefined ? undefined : byName.get(job.name);
    return { ...key, mean: summary?.mean, halfWidth: summary?.halfWidth };
  });
}

/** The paper datasets' order first, then user surveys in order of appearance. */
function datasetRank(dataset: DatasetName): number {
  const index = (DATASETS as readonly string[]).indexOf(dataset);
  return index >= 0 ? index : DATASETS.length;
}

/** The datasets of some lists: the paper's in their order, then user surveys in order of appearance. */
function datasetsOf(lists: readonly ScoreList[]): DatasetName[] {
  return [...new Set(lists.map((l) => l.dataset))].sort((a, b) => datasetRank(a) - datasetRank(b));
}

/** K2S = mean(Sequence) / mean(Verbalize) − 1 per model and steering, from run-table rows. */
export function runGaps(rows: readonly RunTableRow[]): { model: string; steering: RunTableSteering; kss: number }[] {
  const out: { model: string; steering: RunTableSteering; kss: number }[] = [];
  for (const row of rows) {
    if (row.method !== "sequence" || row.mean === undefined) continue;
    const verbalize = rows.find((r) => r.model === row.model && r.steering === row.steering && r.method === "verbalize")?.mean;
    if (verbalize !== undefined) out.push({ model: row.model, steering: row.steering, kss: knowledgeToSimulationGap(row.mean, verbalize) });
  }
  return out;
}

/** The rows as a printable table (model, method label, steering, one column per dataset, mean, ±, n, parse rate). */
export function runTableAsTable(rows: readonly RunTableRow[], name = "run"): Table {
  const datasets = [...new Set(rows.flatMap((r) => Object.keys(r.perDataset)))].sort((a, b) => datasetRank(a) - datasetRank(b));
  return {
    name,
    header: ["model", "method", "steering", ...datasets, "mean", "half_width", "n", "parse_rate"],
    rows: rows.map((r) => [r.model, methodLabel(r.method), r.steering, ...datasets.map((d) => r.perDataset[d]), r.mean, r.halfWidth, String(r.n), r.parseRate]),
  };
}
