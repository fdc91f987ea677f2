/**
 * Paired comparisons of configurations (model × method × steering × dataset) on the items both
 * have, with families corrected by Holm: the standard families of `reproduce` (comparisons.csv)
 * and single comparisons (`distalign compare`). Item scores come from the score lists' question
 * keys; the bootstrap is `pairedComparison` (src/scoring/paired.ts).
 */
import { UsageError } from "../errors";
import { holmAdjust } from "../scoring/holm";
import { bootstrapZPValue } from "../scoring/normal-p";
import { pairedComparison } from "../scoring/paired";
import type { ItemScores, ResamplingScheme } from "../scoring/resampling";
import { seededRandom } from "../random";
import { DATASETS, type Dataset, type DatasetName, PAPER_MODELS, SCORED_METHODS, type Steering } from "../types";
import type { ScoreList } from "../benchmark/score-lists";
import { LEADERBOARD_STEERING } from "../benchmark/tables";

/** The distance an item is scored with: total variation, or normalised W1 (ordinal questions only). */
export type ItemMetric = "tv" | "w1";

/** The metrics, in the order tables list them. */
export const ITEM_METRICS: readonly ItemMetric[] = ["tv", "w1"];

/** Bootstrap settings of the statistics beyond the paper's tables. */
export interface StatisticsOptions {
  /** @default 1000 */
  readonly iterations: number;
  /** Each interval's generator is seeded from this and the interval's name. */
  readonly seed: number;
  /** How replicates draw items. */
  readonly scheme: ResamplingScheme;
}


/** One configuration: a model's method under some steering conditions, on some datasets (a run's user survey among them). */
export interface Configuration {
  readonly model: string;
  readonly method: string;
  readonly steering: readonly Steering[];
  readonly datasets: readonly DatasetName[];
}

/**
 * The item scores of a configuration, one stratum per dataset that has any (datasets without
 * items are absent from the map). An item is (question, group); with several steering conditions
 * the group is prefixed by its steering, so one question's items of every condition are resampled
 * together under question clustering. W1 keeps only ordinal items.
 */
export function configurationItems(lists: readonly ScoreList[], config: Configuration, metric: ItemMetric): Map<DatasetName, ItemScores> {
  const out = new Map<DatasetName, ItemScores>();
  const prefix = config.steering.length > 1;
  for (const dataset of config.datasets) {
    const scores: number[] = [];
    const questions: string[] = [];
    const groups: string[] = [];
    for (const list of lists) {
      if (list.dataset !== dataset || list.model !== config.model || list.method !== config.method) continue;
      if (!config.steering.includes(list.steering as Steering)) continue;
      if (list.questions === undefined) throw new RangeError(`configurationItems: ${list.model} ${list.method}: the score list has no question keys`);
      const values = metric === "tv" ? list.values : list.w1;
      if (values === undefined) continue;
      const group = prefix ? `${list.steering}|${list.group}` : list.group;
      values.forEach((v, i) => {
        if (Number.isNaN(v)) return;
        scores.push(v);
        questions.push(list.questions?.[i] as string);
        groups.push(group);
      });
    }
    if (scores.length > 0) out.set(dataset, { scores, questions, groups });
  }
  return out;
}

/** A row of comparisons.csv. Lower is better for both metrics: a negative diff means a is closer. */
export interface ComparisonRow {
  readonly family: string;
  readonly a: string;
  readonly b: string;
  /** One dataset, or "all" (datasets weighted equally, as the leaderboard). */
  readonly dataset: DatasetName | "all";
  readonly steering: string;
  readonly metric: ItemMetric;
  readonly meanA: number;
  readonly meanB: number;
  readonly diff: number;
  readonly ciLow: number;
  readonly ciHigh: number;
  /** Two-sided bootstrap z-test p-value (`bootstrapZPValue`), which resolves the small p-values Holm needs. */
  readonly p: number;
  /** The percentile-bootstrap p-value (`bootstrapPValue`), at least 2/(B + 1). */
  readonly pPercentile: number;
  /** Holm-adjusted `p` within the family and metric. */
  readonly pHolm: number;
  /** Common items. */
  readonly n: number;
}

/** A comparison to make, before the bootstrap. */
export interface ComparisonSpec {
  readonly family: string;
  readonly a: Configuration;
  readonly b: Configuration;
}

/** `model:method[:steering]`, the label of a configuration (the steering when it is one condition). */
function configurationLabel(config: Configuration, withSteering: boolean): string {
  return withSteering ? `${config.model}:${config.method}:${config.steering.join("+")}` : `${config.model}:${config.method}`;
}

/**
 * One paired comparison on the datasets where both configurations have common items (equal
 * weights over them), or undefined when they share no dataset.
 * @param lists the score lists of configuration a (and of b, unless `listsB` is given)
 * @param listsB the score lists of configuration b, e.g. another run's
 */
export function compareConfigurations(
  lists: readonly ScoreList[],
  spec: ComparisonSpec,
  metric: ItemMetric,
  options: StatisticsOptions,
  listsB: readonly ScoreList[] = lists,
): Omit<ComparisonRow, "pHolm"> | undefined {
  const itemsA = configurationItems(lists, spec.a, metric);
  const itemsB = configurationItems(listsB, spec.b, metric);
  const shared = spec.a.datasets.filter((d) => {
    const a = itemsA.get(d);
    const b = itemsB.get(d);
    if (a === undefined || b === undefined) return false;
    const keys = new Set(b.questions.map((q, i) => `${q}\u0000${b.groups?.[i]}`));
    return a.questions.some((q, i) => keys.has(`${q}\u0000${a.groups?.[i]}`));
  });
  if (shared.length === 0) return undefined;
  const steeringDiffers = spec.a.steering.join("+") !== spec.b.steering.join("+");
  const a = configurationLabel(spec.a, steeringDiffers);
  const b = configurationLabel(spec.b, steeringDiffers);
  const dataset = spec.a.datasets.length === 1 ? (spec.a.datasets[0] as DatasetName) : "all";
  const steering = steeringDiffers ? `${spec.a.steering.join("+")} vs ${spec.b.steering.join("+")}` : spec.a.steering.join("+");
  const rng = seededRandom(options.seed, `comparisons/${spec.family}/${a}/${b}/${dataset}/${metric}`);
  const c = pairedComparison(
    shared.map((d) => itemsA.get(d) as ItemScores),
    shared.map((d) => itemsB.get(d) as ItemScores),
    { rng, scheme: options.scheme, iterations: options.iterations },
  );
  const p = bootstrapZPValue(c.estimate, c.replicates);
  return { family: spec.family, a, b, dataset, steering, metric, meanA: c.meanA, meanB: c.meanB, diff: c.estimate, ciLow: c.lower, ciHigh: c.upper, p, pPercentile: c.p, n: c.n };
}

/**
 * The standard families: every pair of models within each method on the main board
 * (`models/<method>`, persona + few-shot, all datasets); Verbalize vs Sequence per model
 * (`verbalize-vs-sequence`); few-shot vs persona per model × method × dataset
 * (`few-shot-vs-persona`).
 */
function standardComparisons(models: readonly string[] = PAPER_MODELS): ComparisonSpec[] {
  const board = (model: string, method: string): Configuration => ({ model, method, steering: LEADERBOARD_STEERING, datasets: DATASETS });
  const specs: ComparisonSpec[] = [];
  for (const method of SCORED_METHODS) {
    for (let i = 0; i < models.length; i++) {
      for (let j = i + 1; j < models.length; j++) {
        specs.push({ family: `models/${method}`, a: board(models[i] as string, method), b: board(models[j] as string, method) });
      }
    }
  }
  for (const model of models) specs.push({ family: "verbalize-vs-sequence", a: board(model, "verbalize"), b: board(model, "sequence") });
  for (const model of models) {
    for (const method of SCORED_METHODS) {
      for (const dataset of DATASETS) {
        const at = (steering: Steering): Configuration => ({ model, method, steering: [steering], datasets: [dataset] });
        specs.push({ family: "few-shot-vs-persona", a: at("few-shot"), b: at("persona") });
      }
    }
  }
  return specs;
}

/** Adds Holm-adjusted p-values within each family and metric, keeping the order. */
export function withHolm(rows: readonly Omit<ComparisonRow, "pHolm">[]): ComparisonRow[] {
  const out: ComparisonRow[] = rows.map((r) => ({ ...r, pHolm: Number.NaN }));
  const families = new Map<string, number[]>();
  rows.forEach((r, i) => {
    const key = `${r.family}\u0000${r.metric}`;
    const members = families.get(key) ?? [];
    members.push(i);
    families.set(key, members);
  });
  for (const members of families.values()) {
    const adjusted = holmAdjust(members.map((i) => (rows[i] as ComparisonRow).p));
    members.forEach((i, k) => (out[i] = { ...(out[i] as ComparisonRow), pHolm: adjusted[k] as number }));
  }
  return out;
}

/** comparisons.csv: the standard families under both metrics, Holm within family × metric. */
export function comparisonTable(lists: readonly ScoreList[], options: StatisticsOptions, models: readonly string[] = PAPER_MODELS): ComparisonRow[] {
  const rows: Omit<ComparisonRow, "pHolm">[] = [];
  const specs = standardComparisons(models);
  for (const metric of ITEM_METRICS) {
    for (const spec of specs) {
      const row = compareConfigurations(lists, spec, metric, options);
      if (row !== undefined) rows.push(row);
    }
  }
  return withHolm(rows);
}

/**
 * Parses `MODEL:METHOD[:STEERING]`; the steering defaults to the main board's persona + few-shot.
 * @throws {UsageError} naming the option and the valid models, methods or steering conditions
 */
export function parseConfiguration(
  option: string,
  text: string,
  valid: { models: readonly string[]; methods: readonly string[] },
  datasets: readonly DatasetName[],
): Configuration {
  const [model = "", method = "", steering, ...rest] = text.split(":");
  if (rest.length > 0 || model === "" || method === "") throw new UsageError(`${option}: expected MODEL:METHOD[:STEERING] (${text})`);
  if (!valid.models.includes(model)) throw new UsageError(`${option}: unknown model "${model}" (valid: ${valid.models.join(", ")})`);
  if (!valid.methods.includes(method)) throw new UsageError(`${option}: unknown method "${method}" (valid: ${valid.methods.join(", ")})`);
  const steerings: readonly Steering[] = ["none", "persona", "few-shot"];
  if (steering !== undefined && !(steerings as readonly string[]).includes(steering)) {
    throw new UsageError(`${option}: unknown steering "${steering}" (valid: ${steerings.join(", ")}; default persona+few-shot)`);
  }
  return { model, method, steering: steering === undefined ? LEADERBOARD_STEERING : [steering as Steering], datasets };
}
