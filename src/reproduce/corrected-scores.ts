/**
 * Score lists as we believe the evaluation should be run: every raw response re-parsed by the
 * strict parsers (renormalized; failures counted, not scored as zeros), ground truth built from
 * the datasets in the prompt's lettering, each NYT row counted once, and temperature scaling
 * refitted on the corrected log-probabilities.
 */
import { type GroupRef, SCORED_GROUPS, groupKey, hasPublishedCell } from "../data/results";
import { MIN_OPTION_MASS } from "../parse/strict-logprobs";
import { parseSequenceStrict } from "../parse/strict-sequence";
import { parseVerbalizeStrict } from "../parse/strict-verbalize";
import type { StrictParseResult } from "../parse/strict-result";
import { applyTemperature, fitTemperature } from "../scoring/temperature";
import { totalVariation } from "../scoring/total-variation";
import { type Dataset, type Method, PAPER_MODELS, type Steering } from "../types";
import type { BenchmarkData } from "../benchmark/benchmark-data";
import { correctedTruth, groupQuestion } from "./corrected-truth";
import { scoredSteerings } from "./paper-scores";
import { ordinalOrder, orderedW1 } from "./ordinal-scales";
import type { MissingItem, ScoreList, ScoreListOptions } from "../benchmark/score-lists";

/** One scored item before aggregation. */
interface Item {
  readonly group: string;
  readonly key: string;
  /** Letter indices in scale order, where the question is ordinal. */
  readonly order: readonly number[] | undefined;
  readonly prediction: number[] | undefined;
  readonly truth: readonly number[] | undefined;
}

/**
 * Log-probabilities cannot be re-parsed (the files keep only the option letters' mass), so the
 * stored mass is renormalized over the options; no mass at all is a failure, and so is a mass
 * below the strict Log-p parser's floor (`MIN_OPTION_MASS`), as for a live answer.
 */
export function renormalizedLogprobs(prediction: readonly number[]): StrictParseResult {
  const total = prediction.reduce((a, b) => a + b, 0);
  if (!(total > 0)) return { ok: false, reason: "no option letter in top-k", detail: "no option letter in top-k (stored mass 0)" };
  if (total < MIN_OPTION_MASS) return { ok: false, reason: "option mass below floor", detail: `option mass below floor (${total.toFixed(3)} < ${MIN_OPTION_MASS})` };
  return { ok: true, distribution: prediction.map((p) => p / total), notes: total < 0.99 ? [`renormalized from ${total.toFixed(3)}`] : [] };
}

function parseResponse(method: Method, response: string | undefined, stored: readonly number[], options: number | readonly string[]): StrictParseResult {
  if (method === "logprobs") return renormalizedLogprobs(stored);
  const text = response ?? "";
  return method === "verbalize" ? parseVerbalizeStrict(text, options) : parseSequenceStrict(text, options);
}

function items(data: BenchmarkData, dataset: Dataset, method: Method, model: string, steering: Steering, withW1: boolean): Item[] {
  const out: Item[] = [];
  const parsedOnce = new Map<string, StrictParseResult>();
  for (const group of SCORED_GROUPS[dataset]) {
    const cell = data.cell({ dataset, method, model, steering, group });
    for (const entry of cell.entries) {
      const letters = Object.keys(entry.prediction);
      if (letters.length === 0) continue;
      const truth = correctedTruth(data, dataset, steering, group, entry.key, letters.length);
      const texts = steering === "none" ? undefined : groupQuestion(data, dataset, group, entry.key)?.options;
      const options = texts !== undefined && texts.length === letters.length ? texts : letters.length;
      let parsed = steering === "none" ? parsedOnce.get(entry.key) : undefined;
      if (parsed === undefined) {
        parsed = parseResponse(method, entry.response, Object.values(entry.prediction), options);
        if (steering === "none") parsedOnce.set(entry.key, parsed);
      }
      const order = withW1 ? ordinalOrder(data, dataset, group, entry.key, letters.length) : undefined;
      out.push({ group: groupKey(group), key: entry.key, order, prediction: parsed.ok ? parsed.distribution : undefined, truth });
    }
  }
  return out;
}

function toLists(dataset: Dataset, steering: Steering, model: string, method: string, scored: readonly Item[], withW1: boolean): ScoreList[] {
  return SCORED_GROUPS[dataset].map((ref: GroupRef) => {
    const group = groupKey(ref);
    const mine = scored.filter((i) => i.group === group && i.truth !== undefined);
    const values: number[] = [];
    const questions: string[] = [];
    const w1: number[] = [];
    const missing: MissingItem[] = [];
    for (const item of mine) {
      const truth = item.truth as readonly number[];
      if (item.prediction === undefined) {
        missing.push(item.order === undefined ? { question: item.key, truth } : { question: item.key, truth, order: item.order });
        continue;
      }
      values.push(totalVariation(item.prediction, truth));
      questions.push(item.key);
      if (withW1) w1.push(orderedW1(item.prediction, truth, item.order));
    }
    return { dataset, steering, model, method, group, values, parsed: values.length, attempted: mine.length, listedTwice: false, questions, ...(withW1 ? { w1 } : {}), missing };
  });
}

/** All model score lists of the published grid, in corrected mode. */
export function correctedModelScores(
  data: BenchmarkData,
  datasets: readonly Dataset[],
  models: readonly string[] = PAPER_MODELS,
  options: ScoreListOptions = {},
): ScoreList[] {
  const withW1 = options.w1 ?? true;
  const lists: ScoreList[] = [];
  for (const dataset of datasets) {
    for (const model of models) {
      for (const steering of scoredSteerings(dataset)) {
        for (const method of ["verbalize", "sequence", "logprobs"] as const) {
          if (!hasPublishedCell({ dataset, method, model, steering })) continue;
          const scored = items(data, dataset, method, model, steering, withW1);
          lists.push(...toLists(dataset, steering, model, method, scored, withW1));
          if (method !== "logprobs") continue;
          // Temperature scaling, refitted in-sample on the pooled corrected predictions, as the paper fits it.
          const pool = scored.filter((i) => i.prediction !== undefined && i.truth !== undefined);
          const { temperature } = fitTemperature(pool.map((i) => ({ prediction: i.prediction as number[], expected: i.truth as readonly number[] })));
          const rescaled = scored.map((i) => ({ ...i, prediction: i.prediction && applyTemperature(i.prediction, temperature) }));
          lists.push(...toLists(dataset, steering, model, "ts-logprobs", rescaled, withW1));
        }
      }
    }
  }
  return lists;
}
