/**
 * Per-question total-variation lists: one list per dataset × steering × model × method × group,
 * the unit every table is aggregated from (docs/protocol.md §5.2).
 */
import type { Dataset, DatasetName, Steering } from "../types";

/** How the published numbers were computed, or how we believe they should be. */
export type ReproduceMode = "paper" | "corrected";

/** Per-question scores of one row of the evaluation. */
export interface ScoreList {
  /** A paper dataset, or a user survey's name (live runs). */
  readonly dataset: DatasetName;
  readonly steering: Steering | "all";
  /** A published model, `human`, or `baseline`. */
  readonly model: string;
  /** verbalize | sequence | logprobs | ts-logprobs, or a baseline's name. */
  readonly method: string;
  /** `<ATTRIBUTE>/<value>` of the scored group. */
  readonly group: string;
  /** Total variation per scored question. */
  readonly values: readonly number[];
  /**
   * Responses turned into a distribution, of those attempted. Corrected mode: the strict parser
   * succeeded. Paper mode: the stored prediction has any mass, since the paper's parsers scored
   * an unreadable answer as all zeros.
   */
  readonly parsed: number;
  readonly attempted: number;
  /**
   * Paper mode only: the evaluation listed NYT persona and few-shot rows twice (docs/protocol.md §5.2),
   * doubling those values in bootstrap pools; means are unaffected.
   */
  readonly listedTwice: boolean;
  /** The question (result-file key) of each value, in the same order; model lists carry it, for pairing. */
  readonly questions?: readonly string[];
  /** Normalised W1 of each value's item, NaN where the question is not ordinal (model lists). */
  readonly w1?: readonly number[];
  /** Corrected mode: the attempted items whose answer was not parsed, with their ground truth. */
  readonly missing?: readonly MissingItem[];
}

/** Options of the functions that build model score lists. */
export interface ScoreListOptions {
  /**
   * Also the ordinal metric: each item's W1 (`w1`) and, in corrected mode, the scale order of
   * each missing item. The paper's tables need neither; the statistics need both. @default true
   */
  readonly w1?: boolean;
}

/** An attempted item without a parsed answer: its question, ground truth and scale order. */
export interface MissingItem {
  readonly question: string;
  readonly truth: readonly number[];
  /** Letter indices in scale order, where the question is ordinal. */
  readonly order?: readonly number[];
}

/** Filters lists by any of their fields. */
export function selectLists(
  lists: readonly ScoreList[],
  filter: { dataset?: Dataset; steering?: readonly (Steering | "all")[]; model?: string; method?: string },
): ScoreList[] {
  return lists.filter(
    (l) =>
      (filter.dataset === undefined || l.dataset === filter.dataset) &&
      (filter.steering === undefined || filter.steering.includes(l.steering)) &&
      (filter.model === undefined || l.model === filter.model) &&
      (filter.method === undefined || l.method === filter.method),
  );
}

/** The bootstrap pool of some lists: their values concatenated, twice for lists listed twice. */
export function poolOf(lists: readonly ScoreList[]): number[] {
  const pool: number[] = [];
  for (const list of lists) {
    for (let copy = 0; copy < (list.listedTwice ? 2 : 1); copy++) for (const v of list.values) pool.push(v);
  }
  return pool;
}

/** Parse counts of some lists. */
export function parseCounts(lists: readonly ScoreList[]): { parsed: number; attempted: number } {
  let parsed = 0;
  let attempted = 0;
  for (const list of lists) {
    parsed += list.parsed;
    attempted += list.attempted;
  }
  return { parsed, attempted };
}
