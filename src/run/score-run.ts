/**
 * Scoring a run exactly as corrected mode scores the published outputs: every response through
 * the strict parsers (Log-p from the returned top log-probabilities), ground truth from the
 * datasets in the prompt's lettering (`correctedTruth`), failures counted in the parse rate and
 * never scored as zeros, and TS-Log-p refitted in-sample per dataset × steering, as the paper does.
 */
import type { Completion } from "../backends/types";
import type { GroupRef } from "../data/results";
// The parsers' modules are imported one by one: notebooks compile src/ without strictNullChecks,
// which two other parse modules (parse-rate, python-literal) do not type-check under.
import { parseStrict } from "../parse/strict";
import type { StrictFailureReason, StrictParseFailure, StrictParseResult } from "../parse/strict-result";
import type { TokenLogprobs } from "../parse/token-logprobs";
import type { BenchmarkData } from "../reproduce/benchmark-data";
import { correctedTruth } from "../reproduce/corrected-truth";
import type { ScoreList } from "../reproduce/score-lists";
import type { ResultLine } from "../runner/types";
import { applyTemperature, fitTemperature } from "../scoring/temperature";
import { totalVariation } from "../scoring/total-variation";
import type { Dataset, Method, Steering } from "../types";
import { groupKey } from "../data/results";
import { groupOrder } from "./groups";
import { RUN_ITEM_KIND, type RunItemMeta, type RunUnit } from "./types";

/** A unit with the completions of one model: one per sample that returned (failed calls are left out). */
export interface AnsweredUnit {
  readonly model: string;
  readonly unit: RunUnit;
  readonly completions: readonly Completion[];
}

/** The score of one question for one group. */
export interface ItemScore {
  readonly model: string;
  readonly dataset: Dataset;
  readonly steering: Steering;
  readonly method: Method | "ts-logprobs";
  readonly group: GroupRef;
  readonly questionId: string;
  readonly questionIndex: number;
  /** The parsed distribution (mean over parsed samples); undefined when no sample parsed. */
  readonly prediction: readonly number[] | undefined;
  readonly truth: readonly number[];
  /** TV(prediction, truth); undefined when nothing parsed. */
  readonly tv: number | undefined;
}

/** A fitted temperature of TS-Log-p (in-sample on the run's own items, per dataset × steering). */
export interface FittedTemperature {
  readonly model: string;
  readonly dataset: Dataset;
  readonly steering: Steering;
  readonly temperature: number;
  /** Items the temperature was fitted on. */
  readonly items: number;
}

/** How many responses could be read, and why the others could not (the shape of `summarizeParseRate`). */
export interface ParseRate {
  readonly total: number;
  readonly ok: number;
  readonly failed: number;
  /** ok / total. */
  readonly rate: number;
  /** Failures per reason, most frequent first. */
  readonly reasons: Partial<Record<StrictFailureReason, number>>;
}

/** Parse rate of one model × method, over every sample's response. */
export interface MethodParseRate {
  readonly model: string;
  readonly method: Method;
  readonly summary: ParseRate;
}

/** Counts parsed responses and failure reasons. */
export function parseRateOf(results: readonly StrictParseResult[]): ParseRate {
  const counts = new Map<StrictFailureReason, number>();
  let ok = 0;
  for (const result of results) {
    if (result.ok === true) {
      ok++;
    } else {
      const { reason } = result as StrictParseFailure;
      counts.set(reason, (counts.get(reason) ?? 0) + 1);
    }
  }
  const reasons: Partial<Record<StrictFailureReason, number>> = {};
  for (const [reason, count] of [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))) reasons[reason] = count;
  return { total: results.length, ok, failed: results.length - ok, rate: results.length === 0 ? Number.NaN : ok / results.length, reasons };
}

/** A scored run. */
export interface RunScores {
  /** Per question × group, sorted by model, dataset, steering, method, group (paper order), question. */
  readonly items: readonly ItemScore[];
  /** One list per dataset × steering × model × method × group, the unit `tabulate` aggregates. */
  readonly lists: readonly ScoreList[];
  readonly parseRates: readonly MethodParseRate[];
  readonly temperatures: readonly FittedTemperature[];
  /** Failed calls per model (not scored, not counted as parse failures). */
  readonly failedCalls: Readonly<Record<string, number>>;
  /** Answers that hit their token cap, per model (not scored, not counted as parse failures). */
  readonly truncatedCalls: Readonly<Record<string, number>>;
  /** Answers the model refused, per model (not scored, not counted as parse failures). */
  readonly refusedCalls: Readonly<Record<string, number>>;
  /** The distinct units answered, whatever the model: what a comparison must cover. */
  readonly units: readonly RunUnit[];
}

/** The per-position log-probabilities of a completion, in the parsers' shape. */
export function completionLogprobs(completion: Completion): TokenLogprobs[] | undefined {
  return completion.tokens?.map((t) => ({ token: t.token, logprob: t.logprob, top_logprobs: t.topLogprobs }));
}

/**
 * Strict parse of one completion for its unit: the option texts are passed so that keys naming
 * an option by its text are read too. A Log-p completion without log-probabilities fails.
 */
export function parseCompletion(unit: RunUnit, completion: Completion): StrictParseResult {
  const logprobs = completionLogprobs(completion);
  if (unit.method === "logprobs" && logprobs === undefined) {
    return { ok: false, reason: "no option letter in top-k", detail: "no option letter in top-k (no log-probabilities returned)" };
  }
  return parseStrict(unit.method, { text: completion.text, ...(logprobs === undefined ? {} : { logprobs }) }, unit.options);
}

/** True for result lines written by `distalign run`. */
export function isRunLine(line: ResultLine): line is ResultLine & { meta: RunItemMeta } {
  const meta = line.meta as Partial<RunItemMeta> | undefined;
  return meta?.kind === RUN_ITEM_KIND && typeof meta.questionId === "string" && Array.isArray(meta.options) && Array.isArray(meta.groups);
}

function unitKey(model: string, unit: RunUnit): string {
  return [model, unit.dataset, unit.steering, unit.method, unit.questionId, unit.groups.map(groupKey).join("+")].join("|");
}

/** Calls of a run that gave no answer, per status and model. */
export interface UnansweredCalls {
  readonly failedCalls: Record<string, number>;
  readonly truncatedCalls: Record<string, number>;
  readonly refusedCalls: Record<string, number>;
}

/**
 * Groups a run's result lines into answered units: the samples of each model × unit together.
 * @returns the answered units, and the failed, truncated and refused calls per model
 */
export function answeredUnits(lines: Iterable<ResultLine>): { units: AnsweredUnit[] } & UnansweredCalls {
  const byKey = new Map<string, { model: string; unit: RunUnit; completions: Completion[] }>();
  const unanswered: UnansweredCalls = { failedCalls: {}, truncatedCalls: {}, refusedCalls: {} };
  for (const line of lines) {
    if (!isRunLine(line)) continue;
    const key = unitKey(line.model, line.meta);
    let entry = byKey.get(key);
    if (entry === undefined) {
      entry = { model: line.model, unit: line.meta, completions: [] };
      byKey.set(key, entry);
    }
    if (line.status === "ok") {
      entry.completions.push(line.completion);
    } else {
      const counts = line.status === "truncated" ? unanswered.truncatedCalls : line.status === "refused" ? unanswered.refusedCalls : unanswered.failedCalls;
      counts[line.model] = (counts[line.model] ?? 0) + 1;
    }
  }
  return { units: [...byKey.values()].filter((u) => u.completions.length > 0), ...unanswered };
}

function mean(distributions: readonly (readonly number[])[]): number[] | undefined {
  const first = distributions[0];
  if (first === undefined) return undefined;
  return first.map((_, j) => distributions.reduce((sum, d) => sum + (d[j] ?? 0), 0) / distributions.length);
}

function compareItems(a: ItemScore, b: ItemScore): number {
  return (
    a.model.localeCompare(b.model) ||
    a.dataset.localeCompare(b.dataset) ||
    a.steering.localeCompare(b.steering) ||
    a.method.localeCompare(b.method) ||
    groupOrder(a.dataset, a.group) - groupOrder(b.dataset, b.group) ||
    groupKey(a.group).localeCompare(groupKey(b.group)) ||
    a.questionIndex - b.questionIndex
  );
}

/** Score lists of some item scores, one per dataset × steering × model × method × group, in item order. */
export function listsOf(items: readonly ItemScore[]): ScoreList[] {
  const lists = new Map<string, { list: Omit<ScoreList, "values" | "parsed"> & { values: number[] } }>();
  for (const item of items) {
    const key = [item.dataset, item.steering, item.model, item.method, groupKey(item.group)].join("|");
    let entry = lists.get(key);
    if (entry === undefined) {
      entry = {
        list: { dataset: item.dataset, steering: item.steering, model: item.model, method: item.method, group: groupKey(item.group), values: [], attempted: 0, listedTwice: false },
      };
      lists.set(key, entry);
    }
    entry.list = { ...entry.list, attempted: entry.list.attempted + 1 };
    if (item.tv !== undefined) entry.list.values.push(item.tv);
  }
  return [...lists.values()].map(({ list }) => ({ ...list, parsed: list.values.length }));
}

/**
 * Scores answered units: parse, average samples, score each against every group it is scored
 * for, then add TS-Log-p with one temperature per model × dataset × steering fitted in-sample on
 * the Log-p items (the paper's §4.5 procedure, on this run's items only).
 * @param benchmark the datasets (ground truth)
 * @param answered answered units of one or more models
 * @param unanswered failed, truncated and refused calls per model, passed through to the result
 */
export function scoreAnswered(benchmark: BenchmarkData, answered: Iterable<AnsweredUnit>, unanswered: Partial<UnansweredCalls> = {}): RunScores {
  const items: ItemScore[] = [];
  const units = new Map<string, RunUnit>();
  const parses = new Map<string, { model: string; method: Method; results: StrictParseResult[] }>();
  for (const { model, unit, completions } of answered) {
    units.set(unitKey("", unit), unit);
    const results = completions.map((completion) => parseCompletion(unit, completion));
    const parseKey = `${model}|${unit.method}`;
    const bucket = parses.get(parseKey) ?? { model, method: unit.method, results: [] };
    bucket.results.push(...results);
    parses.set(parseKey, bucket);
    const prediction = mean(results.flatMap((r) => (r.ok ? [r.distribution] : [])));
    for (const group of unit.groups) {
      const truth = correctedTruth(benchmark, unit.dataset, unit.steering, group, unit.questionId, unit.options.length);
      if (truth === undefined) continue;
      const tv = prediction === undefined ? undefined : totalVariation(prediction, truth);
      items.push({ model, dataset: unit.dataset, steering: unit.steering, method: unit.method, group, questionId: unit.questionId, questionIndex: unit.questionIndex, prediction, truth, tv });
    }
  }
  items.sort(compareItems);
  const { rescaled, temperatures } = temperatureScaled(items);
  const all = [...items, ...rescaled].sort(compareItems);
  return {
    items: all,
    lists: listsOf(all),
    parseRates: [...parses.values()].map(({ model, method, results }) => ({ model, method, summary: parseRateOf(results) })),
    temperatures,
    failedCalls: unanswered.failedCalls ?? {},
    truncatedCalls: unanswered.truncatedCalls ?? {},
    refusedCalls: unanswered.refusedCalls ?? {},
    units: [...units.values()],
  };
}

/** TS-Log-p items: per model × dataset × steering, τ fitted on the parsed Log-p items in list order, applied to each. */
function temperatureScaled(items: readonly ItemScore[]): { rescaled: ItemScore[]; temperatures: FittedTemperature[] } {
  const cells = new Map<string, ItemScore[]>();
  for (const item of items) {
    if (item.method !== "logprobs") continue;
    const key = `${item.model}|${item.dataset}|${item.steering}`;
    const cell = cells.get(key) ?? [];
    cell.push(item);
    cells.set(key, cell);
  }
  const rescaled: ItemScore[] = [];
  const temperatures: FittedTemperature[] = [];
  for (const cell of cells.values()) {
    const pool = cell.filter((item) => item.prediction !== undefined);
    const first = cell[0];
    if (first === undefined || pool.length === 0) continue;
    const { temperature } = fitTemperature(pool.map((item) => ({ prediction: item.prediction as readonly number[], expected: item.truth })));
    temperatures.push({ model: first.model, dataset: first.dataset, steering: first.steering, temperature, items: pool.length });
    for (const item of cell) {
      const prediction = item.prediction === undefined ? undefined : applyTemperature(item.prediction, temperature);
      rescaled.push({ ...item, method: "ts-logprobs", prediction, tv: prediction === undefined ? undefined : totalVariation(prediction, item.truth) });
    }
  }
  return { rescaled, temperatures };
}

/**
 * Scores a run's result lines (from `readResults(…).latest.values()`).
 * @example
 * const scores = scoreRunLines(benchmark, readResults(join(outDir, RESULTS_FILE)).latest.values());
 */
export function scoreRunLines(benchmark: BenchmarkData, lines: Iterable<ResultLine>): RunScores {
  const { units, ...unanswered } = answeredUnits(lines);
  return scoreAnswered(benchmark, units, unanswered);
}
