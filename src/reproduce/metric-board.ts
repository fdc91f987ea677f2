/**
 * Intervals beside the paper's tables: the knowledge-to-simulation gap with its clustered
 * bootstrap interval, on all items and on the items both methods parsed (table1b.csv), and the
 * leaderboard under total variation and normalised W1 on the items where both apply
 * (leaderboard_by_metric.csv).
 */
import { bootstrapKnowledgeToSimulationGap } from "../scoring/gap";
import { bootstrapItemMean, type ItemScores } from "../scoring/resampling";
import { seededRandom } from "../random";
import { DATASETS, type Dataset, type DatasetName, PAPER_MODELS, SCORED_METHODS } from "../types";
import { type Configuration, type ItemMetric, ITEM_METRICS, type StatisticsOptions, configurationItems } from "./comparisons";
import type { ScoreList } from "../benchmark/score-lists";
import { LEADERBOARD_STEERING } from "../benchmark/tables";

/** The gap interval of one model: on every item, and on the items both methods parsed. */
export interface GapInterval {
  readonly model: string;
  readonly ciLow: number;
  readonly ciHigh: number;
  readonly kssBothParsed: number;
  readonly ciLowBothParsed: number;
  readonly ciHighBothParsed: number;
}

const board = (model: string, method: string): Configuration => ({ model, method, steering: LEADERBOARD_STEERING, datasets: DATASETS });

/** Strata present in both maps, in dataset order. */
function sharedStrata(a: Map<DatasetName, ItemScores>, b: Map<DatasetName, ItemScores>): DatasetName[] {
  return DATASETS.filter((d) => a.has(d) && b.has(d));
}

/**
 * K2S = A(Seq)/A(V) − 1 per model with a paired bootstrap interval (questions of each dataset
 * resampled with all their groups under the default scheme), on all items and on the items both
 * methods parsed. Models without both methods on every dataset are left out.
 */
export function gapIntervals(lists: readonly ScoreList[], options: StatisticsOptions, models: readonly string[] = PAPER_MODELS): GapInterval[] {
  return models.flatMap((model) => {
    const seq = configurationItems(lists, board(model, "sequence"), "tv");
    const verb = configurationItems(lists, board(model, "verbalize"), "tv");
    const datasets = sharedStrata(seq, verb);
    if (datasets.length !== DATASETS.length) return [];
    const s = datasets.map((d) => seq.get(d) as ItemScores);
    const v = datasets.map((d) => verb.get(d) as ItemScores);
    const settings = { scheme: options.scheme, iterations: options.iterations };
    const all = bootstrapKnowledgeToSimulationGap(s, v, { ...settings, rng: seededRandom(options.seed, `table1b/${model}`) });
    const both = bootstrapKnowledgeToSimulationGap(s, v, { ...settings, commonItemsOnly: true, rng: seededRandom(options.seed, `table1b/${model}/both-parsed`) });
    return [{ model, ciLow: all.lower, ciHigh: all.upper, kssBothParsed: both.estimate, ciLowBothParsed: both.lower, ciHighBothParsed: both.upper }];
  });
}

/** A row of leaderboard_by_metric.csv. */
export interface MetricBoardRow {
  readonly model: string;
  readonly method: string;
  readonly metric: ItemMetric;
  readonly mean: number;
  readonly halfWidth: number;
  /** Items scored (those where W1 applies). */
  readonly n: number;
}

/** The items of a configuration where W1 applies, scored with `metric`, one stratum per dataset. */
function ordinalItems(lists: readonly ScoreList[], config: Configuration, metric: ItemMetric): Map<DatasetName, ItemScores> {
  if (metric === "w1") return configurationItems(lists, config, "w1");
  const masked = lists.map((l) => (l.w1 === undefined ? l : { ...l, values: l.values.map((v, i) => (Number.isNaN(l.w1?.[i] as number) ? Number.NaN : v)) }));
  return configurationItems(masked, config, "tv");
}

/**
 * The main leaderboard (persona + few-shot, datasets with ordinal questions weighted equally)
 * under total variation and W1, both on the items where W1 applies, each with a bootstrap
 * half-width under the chosen scheme; rows in order of model and method, tv then w1.
 */
export function metricBoard(lists: readonly ScoreList[], options: StatisticsOptions, models: readonly string[] = PAPER_MODELS): MetricBoardRow[] {
  const rows: MetricBoardRow[] = [];
  for (const model of models) {
    for (const method of SCORED_METHODS) {
      for (const metric of ITEM_METRICS) {
        const items = ordinalItems(lists, board(model, method), metric);
        const strata = [...items.values()];
        if (strata.length === 0) continue;
        const r = bootstrapItemMean(strata, { scheme: options.scheme, iterations: options.iterations, rng: seededRandom(options.seed, `leaderboard_by_metric/${model}/${method}/${metric}`) });
        rows.push({ model, method, metric, mean: r.estimate, halfWidth: r.halfWidth, n: strata.reduce((n, s) => n + s.scores.length, 0) });
      }
    }
  }
  return rows;
}
