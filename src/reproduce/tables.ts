/**
 * The reproduction's tables, aggregated from score lists (PROTOCOL §5.4–5.6): the main
 * leaderboard (Table 1a), the knowledge-to-simulation gap (Table 1b) and the per-dataset,
 * per-steering breakdown with humans and baselines.
 */
import { type Rng, mulberry32 } from "../random";
import { bootstrapMeanOfMeans } from "../scoring/bootstrap";
import { knowledgeToSimulationGap } from "../scoring/k2s";
import { DATASETS, type Dataset, PAPER_MODELS, SCORED_METHODS, type Steering } from "../types";
import { type ScoreList, parseCounts, poolOf, selectLists } from "./score-lists";

/** Bootstrap settings of every interval. */
export interface TableOptions {
  /** @default 1000 */
  readonly iterations: number;
  /** Each row's generator is seeded from this and the row's name, so rows do not depend on each other. @default 0 */
  readonly seed: number;
  /** The models to tabulate. @default PAPER_MODELS */
  readonly models?: readonly string[];
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

/** Steering conditions of the main leaderboard. */
export const LEADERBOARD_STEERING: readonly Steering[] = ["persona", "few-shot"];

function seededFor(seed: number, name: string): Rng {
  let hash = seed >>> 0;
  for (let i = 0; i < name.length; i++) hash = Math.imul(hash ^ name.charCodeAt(i), 0x01000193) >>> 0;
  return mulberry32(hash);
}

function rate(lists: readonly ScoreList[]): number | undefined {
  const { parsed, attempted } = parseCounts(lists);
  return attempted === 0 ? undefined : parsed / attempted;
}

function countValues(lists: readonly ScoreList[]): number {
  return lists.reduce((n, l) => n + l.values.length, 0);
}

/**
 * Mean and percentile half-width of Σ_k w_k·mean(pool_k) over the datasets' pools, equal weights.
 * Undefined when any dataset has no scores.
 */
function pooled(perDataset: readonly ScoreList[][], options: TableOptions, name: string): { mean: number; halfWidth: number } | undefined {
  const pools = perDataset.map(poolOf);
  if (pools.some((p) => p.length === 0)) return undefined;
  const result = bootstrapMeanOfMeans(pools, { rng: seededFor(options.seed, name), iterations: options.iterations });
  return { mean: result.estimate, halfWidth: result.halfWidth };
}

/** Table 1a: every model × method over persona and few-shot, datasets weighted equally, then the baselines. */
export function leaderboard(lists: readonly ScoreList[], options: TableOptions): LeaderboardRow[] {
  const rows: LeaderboardRow[] = [];
  for (const model of options.models ?? PAPER_MODELS) {
    for (const method of SCORED_METHODS) {
      const perDataset = DATASETS.map((dataset) => selectLists(lists, { dataset, model, method, steering: LEADERBOARD_STEERING }));
      const result = pooled(perDataset, options, `table1a/${model}/${method}`);
      rows.push({ model, method, mean: result?.mean, halfWidth: result?.halfWidth, parseRate: result && rate(perDataset.flat()) });
    }
  }
  for (const method of ["uniform", "majority", "discretization"]) {
    const perDataset = DATASETS.map((dataset) => selectLists(lists, { dataset, model: "baseline", method }));
    const result = pooled(perDataset, options, `table1a/baseline/${method}`);
    rows.push({ model: "baseline", method, mean: result?.mean, halfWidth: result?.halfWidth, parseRate: undefined });
  }
  return rows;
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

/**
 * The breakdown: for each dataset and for "both" (OpinionQA and NYT weighted ½ each), each
 * steering condition and persona+few-shot pooled, every model × method, the humans, and the
 * baselines (steering "all").
 */
export function breakdown(lists: readonly ScoreList[], options: TableOptions): BreakdownRow[] {
  const rows: BreakdownRow[] = [];
  const series = [
    ...(options.models ?? PAPER_MODELS).flatMap((model) => SCORED_METHODS.map((method) => ({ model, method }))),
    { model: "human", method: "verbalize" },
  ];
  const steerings: { name: BreakdownRow["steering"]; members: readonly (Steering | "all")[] }[] = [
    { name: "none", members: ["none"] },
    { name: "persona", members: ["persona"] },
    { name: "few-shot", members: ["few-shot"] },
    { name: "persona+few-shot", members: ["persona", "few-shot"] },
  ];
  const add = (
    dataset: BreakdownRow["dataset"],
    steering: BreakdownRow["steering"],
    model: string,
    method: string,
    members: readonly (Steering | "all")[],
  ) => {
    const datasets: Dataset[] = dataset === "both" ? ["opinionqa", "nytimes"] : [dataset];
    const perDataset = datasets.map((d) => selectLists(lists, { dataset: d, model, method, steering: members }));
    const result = pooled(perDataset, options, `breakdown/${dataset}/${steering}/${model}/${method}`);
    if (result === undefined) return;
    const all = perDataset.flat();
    rows.push({ dataset, steering, model, method, ...result, n: countValues(all), parseRate: rate(all) });
  };
  for (const dataset of [...DATASETS, "both"] as const) {
    for (const { model, method } of series) for (const { name, members } of steerings) add(dataset, name, model, method, members);
    for (const method of ["uniform", "majority", "minority", "discretization"]) add(dataset, "all", "baseline", method, ["all"]);
  }
  return rows;
}
