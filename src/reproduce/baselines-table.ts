/**
 * Baselines a score must beat, and the floor it cannot, computed from a survey's human answers
 * (baselines.csv): per question and group, the total variation (and, on ordinal questions, the
 * normalised W1) of
 * - `uniform`: equal shares over the options the group chose (the options its prompts letter);
 * - `pooled (oracle)`: the respondent-weighted distribution of all groups of the question, an
 *   oracle reference that no simulator is given;
 * - `other-group`: the paired other group's distribution (Democrat↔Republican, Male↔Female,
 *   Black↔White), where both answered;
 * - `noise-floor`: the expected distance between the group's distribution and the empirical
 *   distribution of n respondents drawn from it, n the group's respondent count for the question
 *   (`noiseFloor`, exact closed form); only where the survey gives respondent counts.
 * The human distributions do not depend on the steering condition, so the rows have steering "all".
 */
import { noiseFloor } from "../scoring/noise-floor";
import { bootstrapItemMean, type ItemScores } from "../scoring/resampling";
import { totalVariation } from "../scoring/total-variation";
import { PAIRED_GROUPS } from "../data/results";
import { seededRandom } from "../random";
import type { Survey, SurveyQuestion } from "../survey/types";
import type { ItemMetric, StatisticsOptions } from "./comparisons";
import { orderedW1 } from "./ordinal-scales";

/** The baselines, in table order. */
const BASELINE_NAMES = ["uniform", "pooled (oracle)", "other-group", "noise-floor"] as const;
type BaselineName = (typeof BASELINE_NAMES)[number];

/** A row of baselines.csv. */
export interface BaselineRow {
  readonly dataset: string;
  readonly steering: "all";
  readonly baseline: BaselineName;
  readonly metric: ItemMetric;
  readonly mean: number;
  readonly halfWidth: number;
  /** Items (question × group) scored. */
  readonly n: number;
}

/** The columns of baselines.csv, written by `reproduce` and by `score DIR`. */
export const BASELINE_COLUMNS = ["dataset", "steering", "baseline", "metric", "mean", "half_width", "n"] as const;

/** A row of baselines.csv, in `BASELINE_COLUMNS` order (numbers left for the writer to format, `n` as text). */
export function baselineCells(row: BaselineRow): [string, string, string, string, number, number, string] {
  return [row.dataset, row.steering, row.baseline, row.metric, row.mean, row.halfWidth, String(row.n)];
}

/** Option indices on the scale, in scale order; undefined for a nominal question. */
export function scaleOrder(q: SurveyQuestion): number[] | undefined {
  if (q.scale !== "ordinal") return undefined;
  const positions = q.options.map((_, j) => (q.scalePositions === undefined ? j : q.scalePositions[j]));
  const on = positions.flatMap((p, j) => (p === null || p === undefined ? [] : [j]));
  return on.length < 2 ? undefined : on.sort((x, y) => (positions[x] as number) - (positions[y] as number) || x - y);
}

function normalised(p: readonly number[]): number[] {
  const total = p.reduce((a, b) => a + b, 0);
  return p.map((x) => x / total);
}

/** Which (question, group) items of a survey to score; the pooled baseline still pools every group of a question. */
export type ItemFilter = (questionId: string, groupId: string) => boolean;

/** The baseline's distance to each (question, group) of a survey (those `only` keeps), per baseline and metric. */
export function baselineItems(survey: Survey, only?: ItemFilter): Map<string, ItemScores & { scores: number[] }> {
  const out = new Map<string, { scores: number[]; questions: string[]; groups: string[] }>();
  const push = (baseline: BaselineName, metric: ItemMetric, question: string, group: string, score: number) => {
    if (Number.isNaN(score)) return;
    const key = `${baseline}\u0000${metric}`;
    const items = out.get(key) ?? { scores: [], questions: [], groups: [] };
    items.scores.push(score);
    items.questions.push(question);
    items.groups.push(group);
    out.set(key, items);
  };
  for (const q of survey.questions) {
    const answers = survey.answers.get(q.id);
    if (answers === undefined) continue;
    const order = scaleOrder(q);
    const k = q.options.length;
    const pooled = new Array<number>(k).fill(0);
    const counted = [...answers.values()];
    const allCounted = counted.every((a) => a.n !== undefined);
    for (const a of counted) {
      const truth = normalised(a.distribution);
      const weight = allCounted ? (a.n as number) : 1;
      truth.forEach((x, j) => (pooled[j] = (pooled[j] as number) + weight * x));
    }
    const pooledDistribution = normalised(pooled);
    for (const [group, a] of answers) {
      if (only !== undefined && !only(q.id, group)) continue;
      const truth = normalised(a.distribution);
      const used = truth.filter((x) => x > 0).length;
      const uniform = truth.map((x) => (x > 0 ? 1 / used : 0));
      const candidates: [BaselineName, readonly number[] | undefined][] = [
        ["uniform", uniform],
        ["pooled (oracle)", pooledDistribution],
        ["other-group", PAIRED_GROUPS[group] === undefined ? undefined : answers.get(PAIRED_GROUPS[group] as string)?.distribution],
      ];
      for (const [name, p] of candidates) {
        if (p === undefined) continue;
        const baseline = normalised(p);
        push(name, "tv", q.id, group, totalVariation(baseline, truth));
        if (order !== undefined) push(name, "w1", q.id, group, orderedW1(baseline, truth, order));
      }
      if (a.n !== undefined && a.n >= 1) {
        push("noise-floor", "tv", q.id, group, noiseFloor(truth, a.n).value);
        if (order !== undefined) {
          const onScale = order.reduce((s, j) => s + (truth[j] as number), 0);
          const n = Math.max(1, Math.round(a.n * onScale));
          if (onScale > 0) push("noise-floor", "w1", q.id, group, noiseFloor(normalised(order.map((j) => truth[j] as number)), n, { metric: "w1" }).value);
        }
      }
    }
  }
  return out;
}

/**
 * The rows of baselines.csv for one survey: each baseline under tv and (where the survey has
 * ordinal questions) w1, with a bootstrap half-width under the chosen scheme.
 * @param only the items to score (default: every question × group with answers), e.g. a run's
 */
export function surveyBaselines(survey: Survey, options: StatisticsOptions, only?: ItemFilter): BaselineRow[] {
  const items = baselineItems(survey, only);
  const rows: BaselineRow[] = [];
  for (const baseline of BASELINE_NAMES) {
    for (const metric of ["tv", "w1"] as const) {
      const scores = items.get(`${baseline}\u0000${metric}`);
      if (scores === undefined) continue;
      const r = bootstrapItemMean(scores, { scheme: options.scheme, iterations: options.iterations, rng: seededRandom(options.seed, `baselines/${survey.name}/${baseline}/${metric}`) });
      rows.push({ dataset: survey.name, steering: "all", baseline, metric, mean: r.estimate, halfWidth: r.halfWidth, n: scores.scores.length });
    }
  }
  return rows;
}
