/**
 * How much the main leaderboard depends on two evaluation choices (sensitivity.csv): the policy
 * for answers that could not be parsed (drop, as-uniform, as-worst-case; src/scoring/missing-answers.ts),
 * and how temperature scaling is fitted (bounded at 10 as the paper, or at 100, which no fit
 * here reaches; in-sample as the paper, or held out by question in k folds; src/scoring/temperature-cv.ts).
 */
import { SCORED_GROUPS, groupKey, hasPublishedCell } from "../data/results";
import { type MissingAnswerPolicy, MISSING_ANSWER_POLICIES, scoresUnderPolicy } from "../scoring/missing-answers";
import { bootstrapItemMean, type ItemScores } from "../scoring/resampling";
import { crossValidatedTemperature } from "../scoring/temperature-cv";
import { seededRandom } from "../random";
import { DATASETS, type Dataset, PAPER_MODELS } from "../types";
import type { BenchmarkData } from "../benchmark/benchmark-data";
import type { StatisticsOptions } from "./comparisons";
import { renormalizedLogprobs } from "./corrected-scores";
import { correctedTruth } from "./corrected-truth";
import type { ScoreList } from "../benchmark/score-lists";
import { LEADERBOARD_STEERING } from "../benchmark/tables";

/** A row of sensitivity.csv. */
export interface SensitivityRow {
  readonly model: string;
  readonly method: string;
  readonly policy: string;
  readonly mean: number;
  readonly halfWidth: number;
  /** Items scored. */
  readonly n: number;
}

/** The default missing-answer policy (docs/protocol.md, "Intervals, missing answers and temperature"). */
const DEFAULT_MISSING_ANSWER_POLICY: MissingAnswerPolicy = "drop";

/** The paper's upper bound of the temperature search, and a wider one that the fits here do not reach. */
const TEMPERATURE_BOUND = 10;
const WIDE_TEMPERATURE_BOUND = 100;

/** Folds of the held-out temperature fit. */
const TEMPERATURE_FOLDS = 5;

interface Item {
  readonly question: string;
  readonly group: string;
  readonly score: number;
}

function summarize(model: string, method: string, policy: string, perDataset: Map<Dataset, Item[]>, options: StatisticsOptions): SensitivityRow | undefined {
  const strata: ItemScores[] = [];
  for (const items of perDataset.values()) {
    if (items.length === 0) continue;
    strata.push({ scores: items.map((i) => i.score), questions: items.map((i) => i.question), groups: items.map((i) => i.group) });
  }
  if (strata.length !== DATASETS.length) return undefined;
  const r = bootstrapItemMean(strata, { scheme: options.scheme, iterations: options.iterations, rng: seededRandom(options.seed, `sensitivity/${model}/${method}/${policy}`) });
  return { model, method, policy, mean: r.estimate, halfWidth: r.halfWidth, n: strata.reduce((n, s) => n + s.scores.length, 0) };
}

/**
 * The main-board mean of every model × method under each missing-answer policy, from the score
 * lists' parsed values and their `missing` items (corrected mode; lists without them have no
 * failures recorded and every policy equals drop).
 */
export function missingAnswerSensitivity(lists: readonly ScoreList[], options: StatisticsOptions, models: readonly string[] = PAPER_MODELS): SensitivityRow[] {
  const rows: SensitivityRow[] = [];
  const methods = [...new Set(lists.filter((l) => models.includes(l.model)).map((l) => l.method))];
  for (const model of models) {
    for (const method of methods) {
      for (const policy of MISSING_ANSWER_POLICIES) {
        const perDataset = new Map<Dataset, Item[]>();
        for (const dataset of DATASETS) {
          const items: Item[] = [];
          for (const list of lists) {
            if (list.model !== model || list.method !== method || list.dataset !== dataset || !LEADERBOARD_STEERING.includes(list.steering as never)) continue;
            const group = `${list.steering}|${list.group}`;
            list.values.forEach((score, i) => items.push({ question: list.questions?.[i] ?? String(i), group, score }));
            const missing = list.missing ?? [];
            const imputed = scoresUnderPolicy(missing.map((m) => ({ prediction: undefined, truth: m.truth })), policy);
            imputed.kept.forEach((index, k) => items.push({ question: (missing[index] as { question: string }).question, group, score: imputed.scores[k] as number }));
          }
          perDataset.set(dataset, items);
        }
        const row = summarize(model, method, policy, perDataset, options);
        if (row !== undefined) rows.push(row);
        if (row !== undefined && method === "ts-logprobs" && policy === "drop") rows.push({ ...row, policy: `ts-in-sample-bound${TEMPERATURE_BOUND}` });
      }
    }
  }
  return rows;
}

/**
 * The TS-Log-p main-board mean under other temperature fits, on the corrected (renormalised)
 * Log-p predictions: τ fitted per dataset × steering × model on the pooled groups, as the paper
 * fits it, with the search bounded at 100 instead of 10, in-sample (`ts-in-sample-bound100`) or
 * held out by question in 5 folds (`ts-heldout-5fold-bound100`). The paper's fit
 * (`ts-in-sample-bound10`) is the corrected TS-Log-p list itself (`missingAnswerSensitivity`'s
 * drop row of ts-logprobs), so it is not refitted here.
 */
export function temperatureSensitivity(data: BenchmarkData, options: StatisticsOptions, models: readonly string[] = PAPER_MODELS): SensitivityRow[] {
  const rows: SensitivityRow[] = [];
  for (const model of models) {
    const perPolicy = new Map<string, Map<Dataset, Item[]>>();
    let complete = true;
    for (const dataset of DATASETS) {
      for (const steering of LEADERBOARD_STEERING) {
        if (!hasPublishedCell({ dataset, method: "logprobs", model, steering })) {
          complete = false;
          continue;
        }
        const pool: { question: string; group: string; prediction: number[]; expected: readonly number[] }[] = [];
        for (const group of SCORED_GROUPS[dataset]) {
          for (const entry of data.cell({ dataset, method: "logprobs", model, steering, group }).entries) {
            const stored = Object.values(entry.prediction);
            if (stored.length === 0) continue;
            const parsed = renormalizedLogprobs(stored);
            const truth = correctedTruth(data, dataset, steering, group, entry.key, stored.length);
            if (!parsed.ok || truth === undefined) continue;
            pool.push({ question: entry.key, group: `${steering}|${groupKey(group)}`, prediction: parsed.distribution, expected: truth });
          }
        }
        if (pool.length === 0) continue;
        for (const upper of [WIDE_TEMPERATURE_BOUND]) {
          const rng = seededRandom(options.seed, `sensitivity/folds/${model}/${dataset}/${steering}`);
          const fit = crossValidatedTemperature(pool, { rng, folds: TEMPERATURE_FOLDS, upper });
          const add = (policy: string, scores: readonly number[]) => {
            const byDataset = perPolicy.get(policy) ?? new Map<Dataset, Item[]>();
            const items = byDataset.get(dataset) ?? [];
            pool.forEach((item, i) => items.push({ question: item.question, group: item.group, score: scores[i] as number }));
            byDataset.set(dataset, items);
            perPolicy.set(policy, byDataset);
          };
          add(`ts-in-sample-bound${upper}`, fit.inSampleScores);
          add(`ts-heldout-${TEMPERATURE_FOLDS}fold-bound${upper}`, fit.heldOutScores);
        }
      }
    }
    if (!complete) continue;
    for (const [policy, perDataset] of [...perPolicy].sort(([a], [b]) => (a < b ? 1 : a > b ? -1 : 0))) {
      const row = summarize(model, "ts-logprobs", policy, perDataset, options);
      if (row !== undefined) rows.push(row);
    }
  }
  return rows;
}
