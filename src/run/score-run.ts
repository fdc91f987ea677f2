/**
 * Scoring a run exactly as corrected mode scores the published outputs: every response through
 * the strict parsers (Log-p from the returned top log-probabilities), ground truth from the
 * datasets in the prompt's lettering (`correctedTruth`), failures counted in the parse rate and
 * never scored as zeros, and TS-Log-p refitted in-sample per dataset × steering, as the paper does.
 */
import type { Completion } from "../backends/types";
import type { GroupRef } from "../data/results";
// The parsers' modules are imported one by one: notebooks compile src/ without strictNullChecks,
// which another parse module (python-literal) does not type-check under.
import { type ParseRateSummary, summarizeParseRate } from "../parse/parse-rate";
import { parseStrict } from "../parse/strict";
import type { StrictParseResult } from "../parse/strict-result";
import type { TokenLogprobs } from "../parse/token-logprobs";
import type { BenchmarkData } from "../benchmark/benchmark-data";
import { correctedTruth } from "../reproduce/corrected-truth";
import { orderedW1 } from "../reproduce/ordinal-scales";
import type { ScoreList } from "../benchmark/score-lists";
import type { ResultLine } from "../executor/types";
import { applyTemperature, fitTemperature } from "../scoring/temperature";
import { totalVariation } from "../scoring/total-variation";
import { DataError } from "../errors";
import { type DatasetName, type Method, type Steering, isPaperDataset } from "../types";
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
  /** A paper dataset, or the user survey's name. */
  readonly dataset: DatasetName;
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
  readonly dataset: DatasetName;
  readonly steering: Steering;
  readonly temperature: number;
  /** Items the temperature was fitted on. */
  readonly items: number;
}

/** How many responses could be read, and why the others could not. */
export type ParseRate = ParseRateSummary;

/** Parse rate of one model × method, over every sample's response. */
export interface MethodParseRate {
  readonly model: string;
  readonly method: Method;
  readonly summary: ParseRate;
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

/** The key of a model × unit: the samples of one question asked of one model for the same groups. */
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
  const tally = new UnitTally<Completion>();
  for (const line of lines) if (isRunLine(line)) tally.add(line.model, line.meta, line.status, line.status === "ok" ? line.completion : undefined);
  return { units: tally.answered().map(({ model, unit, results }) => ({ model, unit, completions: results })), ...tally.unanswered };
}

/**
 * A run's result lines gathered by model × unit, one line at a time: the results of each unit's
 * ok lines (its completions, or their parses), and per model the calls that got no answer.
 */
export class UnitTally<R> {
  private readonly byKey = new Map<string, { model: string; unit: RunUnit; results: R[] }>();
  /** Failed, truncated and refused calls per model. */
  readonly unanswered: UnansweredCalls = { failedCalls: {}, truncatedCalls: {}, refusedCalls: {} };

  /** One result line: an ok line with its result, or a call without an answer. */
  add(model: string, unit: RunUnit, status: ResultLine["status"], result: R | undefined): void {
    const key = unitKey(model, unit);
    let entry = this.byKey.get(key);
    if (entry === undefined) {
      entry = { model, unit, results: [] };
      this.byKey.set(key, entry);
    }
    if (status === "ok") {
      entry.results.push(result as R);
    } else {
      const counts = status === "truncated" ? this.unanswered.truncatedCalls : status === "refused" ? this.unanswered.refusedCalls : this.unanswered.failedCalls;
      counts[model] = (counts[model] ?? 0) + 1;
    }
  }

  /** The units with at least one ok line, in the order of their first line. */
  answered(): { model: string; unit: RunUnit; results: R[] }[] {
    return [...this.byKey.values()].filter((u) => u.results.length > 0);
  }
}

function mean(distributions: readonly (readonly number[])[]): number[] | undefined {
  const first = distributions[0];
  if (first === undefined) return undefined;
  return first.map((_, j) => distributions.reduce((sum, d) => sum + (d[j] ?? 0), 0) / distributions.length);
}

function compareItems(a: Omit<ItemScore, "prediction" | "truth">, b: Omit<ItemScore, "prediction" | "truth">): number {
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

/** The ground truth of a unit for one of its groups, in the prompt's lettering; undefined when not comparable. */
export type TruthOf = (unit: RunUnit, group: GroupRef) => readonly number[] | undefined;

/**
 * The paper datasets' corrected ground truth (`correctedTruth`). A unit of any other dataset (a
 * user survey's) is refused rather than left unscored: its truth comes from its survey's source.
 * @throws {DataError} for a unit whose dataset is not one of the paper's
 */
export function paperTruthOf(benchmark: BenchmarkData): TruthOf {
  return (unit, group) => {
    if (!isPaperDataset(unit.dataset)) {
      throw new DataError(`${unit.dataset}: no survey to score against (not a dataset of the paper; score it with its survey's ground truth)`, unit.dataset);
    }
    return correctedTruth(benchmark, unit.dataset, unit.steering, group, unit.questionId, unit.options.length);
  };
}

/**
 * Scores answered units: parse, average samples, score each against every group it is scored
 * for, then add TS-Log-p with one temperature per model × dataset × steering fitted in-sample on
 * the Log-p items (the paper's §4.5 procedure, on this run's items only).
 * @param benchmark the datasets (ground truth)
 * @param answered answered units of one or more models
 * @param unanswered failed, truncated and refused calls per model, passed through to the result
 * @param truthOf the ground truth of a unit for a group, in the prompt's lettering; default: the
 *   paper datasets' corrected ground truth (a user survey's units need its source's `truth`)
 */
export function scoreAnswered(
  benchmark: BenchmarkData,
  answered: Iterable<AnsweredUnit>,
  unanswered: Partial<UnansweredCalls> = {},
  truthOf: TruthOf = paperTruthOf(benchmark),
): RunScores {
  return scoreParsed(benchmark, parsedUnits(answered), unanswered, truthOf);
}

function* parsedUnits(answered: Iterable<AnsweredUnit>): Iterable<ParsedUnit> {
  for (const { model, unit, completions } of answered) yield { model, unit, results: completions.map((completion) => parseCompletion(unit, completion)) };
}

/** A unit with the strict parses of one model's completions, one per sample that returned. */
export interface ParsedUnit {
  readonly model: string;
  readonly unit: RunUnit;
  readonly results: readonly StrictParseResult[];
}

/**
 * Scores units whose completions are parsed already (`parseCompletion`), as `scoreAnswered` does:
 * for a caller that parses each answer as it reads it and keeps only the parse.
 */
export function scoreParsed(
  benchmark: BenchmarkData,
  parsed: Iterable<ParsedUnit>,
  unanswered: Partial<UnansweredCalls> = {},
  truthOf: TruthOf = paperTruthOf(benchmark),
): RunScores {
  const items: ItemScore[] = [];
  const units = new Map<string, RunUnit>();
  const parses = new Map<string, { model: string; method: Method; results: StrictParseResult[] }>();
  for (const { model, unit, results } of parsed) {
    units.set(unitKey("", unit), unit);
    const parseKey = `${model}|${unit.method}`;
    const bucket = parses.get(parseKey) ?? { model, method: unit.method, results: [] };
    bucket.results.push(...results);
    parses.set(parseKey, bucket);
    const prediction = mean(results.flatMap((r) => (r.ok ? [r.distribution] : [])));
    for (const group of unit.groups) {
      const truth = truthOf(unit, group);
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
    parseRates: [...parses.values()].map(({ model, method, results }) => ({ model, method, summary: summarizeParseRate(results) })),
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
export function scoreRunLines(benchmark: BenchmarkData, lines: Iterable<ResultLine>, truthOf?: TruthOf): RunScores {
  const { units, ...unanswered } = answeredUnits(lines);
  return scoreAnswered(benchmark, units, unanswered, truthOf);
}

/** Why an item has no score, or "ok". */
export type ItemStatus = "ok" | "unparsed" | "truncated" | "refused" | "failed" | "missing";

/** One row of `scores/items.csv`: an item (question × group) of a model, scored or with the reason it is not. */
export interface ItemRow {
  readonly model: string;
  readonly dataset: RunUnit["dataset"];
  readonly steering: Steering;
  readonly method: Method | "ts-logprobs";
  readonly group: GroupRef;
  readonly questionId: string;
  readonly questionIndex: number;
  /** Defined exactly when `status` is "ok". */
  readonly tv: number | undefined;
  /** Normalised W1 on the question's scale; defined when `status` is "ok" and the question is ordinal. */
  readonly w1?: number;
  readonly status: ItemStatus;
}

/** A work item of a run's grid, with the status of its latest result line (undefined: none yet). */
export interface GridItemStatus {
  readonly model: string;
  readonly unit: RunUnit;
  readonly status: ResultLine["status"] | undefined;
}

/**
 * Every item of a grid, scored or not: one row per model × unit × group with a human
 * distribution (TS-Log-p rows beside Log-p ones), in the order of `RunScores.items`. An item is
 * `ok` when it has a TV; `unparsed` when some sample answered and none parsed; otherwise the
 * status of its samples' calls (`truncated`, then `refused`, then `failed`), or `missing` when
 * none has a result line.
 * @param grid every sample of every item of the grid
 * @param scores the scores of the grid's result lines
 * @param truthOf the ground truth of a unit for a group (the items without one are not rows)
 * @param scaleOf the letter indices of a unit's options on its question's scale, in scale order
 *   (undefined: not ordinal); with it, ok items of ordinal questions carry their W1
 */
export function itemRows(grid: Iterable<GridItemStatus>, scores: RunScores, truthOf: TruthOf, scaleOf?: (unit: RunUnit) => readonly number[] | undefined): ItemRow[] {
  const statuses = new Map<string, { model: string; unit: RunUnit; statuses: Set<string> }>();
  for (const entry of grid) {
    const key = unitKey(entry.model, entry.unit);
    const found = statuses.get(key) ?? { model: entry.model, unit: entry.unit, statuses: new Set<string>() };
    if (entry.status !== undefined) found.statuses.add(entry.status);
    statuses.set(key, found);
  }
  const scored = new Map<string, ItemScore>();
  for (const item of scores.items) scored.set(itemKey(item.model, item.dataset, item.steering, item.method, item.group, item.questionId), item);
  const rows: ItemRow[] = [];
  for (const { model, unit, statuses: seen } of statuses.values()) {
    const methods: (Method | "ts-logprobs")[] = unit.method === "logprobs" ? ["logprobs", "ts-logprobs"] : [unit.method];
    for (const group of unit.groups) {
      if (truthOf(unit, group) === undefined) continue;
      for (const method of methods) {
        const item = scored.get(itemKey(model, unit.dataset, unit.steering, method, group, unit.questionId));
        const status: ItemStatus =
          item?.tv !== undefined ? "ok" : seen.has("ok") ? "unparsed" : seen.has("truncated") ? "truncated" : seen.has("refused") ? "refused" : seen.has("failed") ? "failed" : "missing";
        const row = { model, dataset: unit.dataset, steering: unit.steering, method, group, questionId: unit.questionId, questionIndex: unit.questionIndex, tv: status === "ok" ? item?.tv : undefined, status };
        const w1 = status === "ok" && item?.prediction !== undefined ? orderedW1(item.prediction, item.truth, scaleOf?.(unit)) : Number.NaN;
        rows.push(Number.isNaN(w1) ? row : { ...row, w1 });
      }
    }
  }
  return rows.sort(compareItems);
}

function itemKey(model: string, dataset: string, steering: string, method: string, group: GroupRef, questionId: string): string {
  return [model, dataset, steering, method, groupKey(group), questionId].join("|");
}
