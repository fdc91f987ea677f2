/**
 * The paper's headline claims, each tested with paired intervals and Holm's correction under
 * total variation and W1, against the baselines and the noise floor: one record per claim with
 * its evidence and a verdict. The robustness notebook shows these; nothing here does I/O.
 */
import { bootstrapItemMean, type ItemScores } from "../scoring/resampling";
import { seededRandom } from "../random";
import { DATASETS, type Dataset, PAPER_MODELS } from "../types";
import type { BaselineRow } from "./baselines-table";
import { type ComparisonRow, type ItemMetric, ITEM_METRICS, type StatisticsOptions, configurationItems } from "./comparisons";
import type { Reproduction } from "./reproduce";
import type { Statistics } from "./statistics";
import { LEADERBOARD_STEERING } from "../benchmark/tables";

/** How a claim fares. */
export type Verdict = "holds" | "partly holds" | "does not hold";

/** One claim under one metric (a type alias, so that tables take it as a record). */
export type ClaimRecord = {
  readonly claim: string;
  readonly metric: ItemMetric;
  readonly verdict: Verdict;
  /** The numbers behind the verdict, in words. */
  readonly evidence: string;
};

const SIGNIFICANT = 0.05;

const fmt = (x: number) => x.toFixed(4);
const interval = (r: { diff: number; ciLow: number; ciHigh: number }) => `${fmt(r.diff)} [${fmt(r.ciLow)}, ${fmt(r.ciHigh)}]`;

function verdictOf(supporting: number, total: number): Verdict {
  if (total > 0 && supporting === total) return "holds";
  return supporting > 0 ? "partly holds" : "does not hold";
}

function statisticsOf(r: Reproduction): Statistics {
  if (r.statistics === undefined) throw new RangeError("claims: the reproduction has no statistics (reproduce with statistics: true)");
  return r.statistics;
}

/** "Verbalize beats Sequence": V − Seq < 0 and significant after Holm, for every model. */
function verbalizeBeatsSequence(s: Statistics, metric: ItemMetric): ClaimRecord {
  const rows = s.comparisons.filter((c) => c.family === "verbalize-vs-sequence" && c.metric === metric);
  const wins = rows.filter((c) => c.diff < 0 && c.pHolm < SIGNIFICANT);
  return {
    claim: "Verbalize beats Sequence",
    metric,
    verdict: verdictOf(wins.length, rows.length),
    evidence: `${wins.length} of ${rows.length} models significantly better with V (Holm); ` + rows.map((c) => `${c.a.split(":")[0]} ${interval(c)}`).join("; "),
  };
}

/** The main-board mean of a baseline: the mean of its per-dataset means over the given datasets. */
function boardBaseline(baselines: readonly BaselineRow[], name: string, metric: ItemMetric, datasets: readonly string[]): number {
  const means = datasets.map((d) => baselines.find((b) => b.dataset === d && b.baseline === name && b.metric === metric)?.mean ?? Number.NaN);
  return means.reduce((a, b) => a + b, 0) / means.length;
}

/** The main-board datasets a metric scores: all three for tv, those with ordinal questions for w1. */
function boardDatasets(r: Reproduction, metric: ItemMetric): Dataset[] {
  return DATASETS.filter((d) => configurationItems(r.lists, { model: PAPER_MODELS[1], method: "verbalize", steering: LEADERBOARD_STEERING, datasets: [d] }, metric).size > 0);
}

/** "Log-p is worse than uniform": each Log-p row's interval lies above the uniform guess. */
function logprobsWorseThanUniform(r: Reproduction, s: Statistics, metric: ItemMetric, options: StatisticsOptions): ClaimRecord {
  const datasets = boardDatasets(r, metric);
  const uniform = boardBaseline(s.baselines, "uniform", metric, datasets);
  const parts: string[] = [];
  let worse = 0;
  let total = 0;
  for (const model of PAPER_MODELS) {
    const items = configurationItems(r.lists, { model, method: "logprobs", steering: LEADERBOARD_STEERING, datasets }, metric);
    if (items.size !== datasets.length) continue;
    const b = bootstrapItemMean([...items.values()], { scheme: options.scheme, iterations: options.iterations, rng: seededRandom(options.seed, `claims/logprobs/${model}/${metric}`) });
    total++;
    if (b.lower > uniform) worse++;
    parts.push(`${model} ${fmt(b.estimate)} [${fmt(b.lower)}, ${fmt(b.upper)}]`);
  }
  return {
    claim: "Log-p is worse than uniform",
    metric,
    verdict: verdictOf(worse, total),
    evidence: `uniform ${fmt(uniform)}; ${worse} of ${total} Log-p rows entirely above it: ${parts.join("; ")}`,
  };
}

/** "Few-shot beats persona": few-shot − persona < 0 and significant after Holm, per model × method × dataset. */
function fewShotBeatsPersona(s: Statistics, metric: ItemMetric): ClaimRecord {
  const rows = s.comparisons.filter((c) => c.family === "few-shot-vs-persona" && c.metric === metric);
  const better = rows.filter((c) => c.diff < 0 && c.pHolm < SIGNIFICANT);
  const worse = rows.filter((c) => c.diff > 0 && c.pHolm < SIGNIFICANT);
  const byDataset = DATASETS.map((d) => {
    const mine = rows.filter((c) => c.dataset === d);
    return mine.length === 0 ? "" : `${d}: ${mine.filter((c) => c.diff < 0 && c.pHolm < SIGNIFICANT).length}/${mine.length}`;
  }).filter((x) => x !== "");
  return {
    claim: "Few-shot beats persona",
    metric,
    verdict: verdictOf(better.length, rows.length),
    evidence: `${better.length} of ${rows.length} model × method × dataset cells significantly better with few-shot, ${worse.length} significantly worse (Holm); by dataset ${byDataset.join(", ")}`,
  };
}

/** "The order of the top models": each adjacent pair of the three best V models is significantly different. */
function topModelOrder(s: Statistics, metric: ItemMetric): ClaimRecord {
  const rows = s.comparisons.filter((c) => c.family === "models/verbalize" && c.metric === metric);
  const means = new Map<string, number>();
  for (const c of rows) {
    means.set(c.a, c.meanA);
    means.set(c.b, c.meanB);
  }
  const ranked = [...means.keys()].sort((x, y) => (means.get(x) as number) - (means.get(y) as number)).slice(0, 3);
  const pairs: ComparisonRow[] = [];
  for (let i = 0; i + 1 < ranked.length; i++) {
    const row = rows.find((c) => (c.a === ranked[i] && c.b === ranked[i + 1]) || (c.b === ranked[i] && c.a === ranked[i + 1]));
    if (row !== undefined) pairs.push(row);
  }
  const separated = pairs.filter((c) => c.pHolm < SIGNIFICANT);
  return {
    claim: "The order of the top models (Verbalize)",
    metric,
    verdict: verdictOf(separated.length, pairs.length),
    evidence: `ranked ${ranked.map((m) => m.split(":")[0]).join(" < ")}; ` + pairs.map((c) => `${c.a.split(":")[0]} − ${c.b.split(":")[0]} ${interval(c)}, p_holm ${c.pHolm.toFixed(3)}`).join("; "),
  };
}

/** Per-dataset bootstrap of one configuration's mean: the estimate and its replicates. */
function datasetMean(r: Reproduction, model: string, dataset: Dataset, metric: ItemMetric, options: StatisticsOptions) {
  const items = configurationItems(r.lists, { model, method: "verbalize", steering: LEADERBOARD_STEERING, datasets: [dataset] }, metric).get(dataset);
  if (items === undefined) return undefined;
  return bootstrapItemMean(items as ItemScores, { scheme: options.scheme, iterations: options.iterations, rng: seededRandom(options.seed, `claims/dataset/${model}/${dataset}/${metric}`) });
}

/**
 * "NYT is harder than OpinionQA": V's mean on NYT minus on OpinionQA, raw and after subtracting
 * each dataset's noise floor (the distance a perfect simulator would still score). The datasets
 * are independent samples, so the difference's replicates are differences of independent replicates.
 */
function nytHarder(r: Reproduction, s: Statistics, metric: ItemMetric, options: StatisticsOptions): ClaimRecord {
  // DATASETS lists OpinionQA, then NYT.
  const [oqa, nyt] = DATASETS;
  const floor = (d: string) => s.baselines.find((b) => b.dataset === d && b.baseline === "noise-floor" && b.metric === metric)?.mean ?? Number.NaN;
  let raw = 0;
  let adjusted = 0;
  let total = 0;
  const parts: string[] = [];
  for (const model of PAPER_MODELS) {
    const a = datasetMean(r, model, nyt, metric, options);
    const b = datasetMean(r, model, oqa, metric, options);
    if (a === undefined || b === undefined) continue;
    const shift = floor(nyt) - floor(oqa);
    const replicates = Float64Array.from(a.replicates, (x, i) => x - (b.replicates[i] as number)).sort();
    const lower = replicates[Math.floor(0.025 * (replicates.length - 1))] as number;
    const upper = replicates[Math.ceil(0.975 * (replicates.length - 1))] as number;
    const diff = a.estimate - b.estimate;
    total++;
    if (lower > 0) raw++;
    if (lower - shift > 0) adjusted++;
    parts.push(`${model} ${fmt(diff)} [${fmt(lower)}, ${fmt(upper)}], above the floors ${fmt(diff - shift)}`);
  }
  return {
    claim: "NYT is harder than OpinionQA",
    metric,
    verdict: raw === total && adjusted === total ? "holds" : raw > 0 ? "partly holds" : "does not hold",
    evidence: `noise floor NYT ${fmt(floor(nyt))}, OpinionQA ${fmt(floor(oqa))}; V on NYT − OpinionQA: ${raw}/${total} significantly harder raw, ${adjusted}/${total} once the floors are subtracted: ${parts.join("; ")}`,
  };
}

/**
 * "Humans are near the best models": the human annotators' mean on OpinionQA + NYT under persona
 * and few-shot (the breakdown's "both") against the best V model's, with their intervals. The
 * annotators scored other items than the models, so this is not a paired comparison.
 */
function humansNearBest(r: Reproduction): ClaimRecord {
  const row = (model: string, method: string) => r.breakdown.find((b) => b.dataset === "both" && b.steering === "persona+few-shot" && b.model === model && b.method === method);
  const human = row("human", "verbalize");
  const models = PAPER_MODELS.flatMap((m) => {
    const x = row(m, "verbalize");
    return x === undefined ? [] : [x];
  }).sort((a, b) => a.mean - b.mean);
  const best = models[0];
  if (human === undefined || best === undefined) return { claim: "Humans are near the best models", metric: "tv", verdict: "does not hold", evidence: "no human or model rows" };
  const overlap = human.mean - human.halfWidth <= best.mean + best.halfWidth;
  const beaten = models.filter((m) => m.mean + m.halfWidth < human.mean - human.halfWidth).length;
  return {
    claim: "Humans are near the best models",
    metric: "tv",
    verdict: overlap ? "holds" : "does not hold",
    evidence: `humans ${fmt(human.mean)} ± ${fmt(human.halfWidth)}, best model ${best.model} V ${fmt(best.mean)} ± ${fmt(best.halfWidth)}; ${beaten} of ${models.length} V models are entirely better than the humans (intervals from the breakdown)`,
  };
}

/**
 * Every headline claim under each metric (humans: total variation only, the annotators' answers
 * are scored with it), as records with a verdict.
 * @param r a reproduction computed with `statistics: true`
 */
export function claimRecords(r: Reproduction, options: StatisticsOptions): ClaimRecord[] {
  const s = statisticsOf(r);
  const records: ClaimRecord[] = [];
  for (const metric of ITEM_METRICS) {
    records.push(verbalizeBeatsSequence(s, metric), logprobsWorseThanUniform(r, s, metric, options), fewShotBeatsPersona(s, metric), topModelOrder(s, metric), nytHarder(r, s, metric, options));
  }
  records.push(humansNearBest(r));
  return records;
}

/** Where the order of models × methods differs between tv and w1 on the same items. */
export function rankChanges(s: Statistics): { readonly tv: string[]; readonly w1: string[]; readonly changed: string[] } {
  const order = (metric: ItemMetric) =>
    s.metricBoard
      .filter((row) => row.metric === metric)
      .sort((a, b) => a.mean - b.mean)
      .map((row) => `${row.model}:${row.method}`);
  const tv = order("tv");
  const w1 = order("w1");
  return { tv, w1, changed: tv.filter((c, i) => w1[i] !== c) };
}

/** Rows of the forest plot: the comparisons of chosen families under one metric, labelled. */
export function forestRows(s: Statistics, metric: ItemMetric, families: readonly string[] = ["verbalize-vs-sequence", "models/verbalize"]): ComparisonRow[] {
  return s.comparisons.filter((c) => c.metric === metric && families.includes(c.family));
}
