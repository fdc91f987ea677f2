/**
 * The per-item scores under an aggregate: the first few total-variation values of the score lists
 * a table or figure averages, so that a notebook can show what goes into a mean before it is taken.
 */
import type { ScoreList } from "../benchmark/score-lists";
import { methodLabel } from "../labels";
import { DATASET_LABELS, modelLabel } from "../labels";
import type { Dataset } from "../types";

/** One scored item: which list it belongs to (dataset and model by their display names), its position in the list, and its TV. */
export type ItemScoreRow = {
  readonly dataset: string;
  readonly steering: string;
  readonly model: string;
  readonly method: string;
  readonly group: string;
  readonly item: number;
  readonly tv: number;
  /** The mean of the whole list this item belongs to, and its length. */
  readonly "list mean": number;
  readonly "list length": number;
};

/**
 * The first `count` items of every score list matching `filter` (each field given must be equal),
 * with the mean of the whole list beside them.
 * @example
 * itemScoreRows(paper.lists, { dataset: "opinionqa", steering: "persona", model: "gpt-4", method: "sequence" }, 3);
 */
export function itemScoreRows(
  lists: readonly ScoreList[],
  filter: Partial<Pick<ScoreList, "dataset" | "steering" | "model" | "method" | "group">>,
  count = 3,
): ItemScoreRow[] {
  const matches = lists.filter((list) => Object.entries(filter).every(([key, value]) => value === undefined || list[key as keyof ScoreList] === value));
  return matches.flatMap((list) => {
    const mean = list.values.length === 0 ? Number.NaN : list.values.reduce((a, b) => a + b, 0) / list.values.length;
    return list.values.slice(0, count).map((tv, i) => ({
      dataset: DATASET_LABELS[list.dataset as Dataset] ?? list.dataset,
      steering: list.steering,
      model: modelLabel(list.model),
      method: methodLabel(list.method),
      group: list.group,
      item: i + 1,
      tv,
      "list mean": mean,
      "list length": list.values.length,
    }));
  });
}

/**
 * The item-level differences behind a paired comparison: for one dataset, steering and model,
 * the first `count` questions of each group that both methods scored, with each method's TV and
 * their difference (second − first). Lists without question ids pair nothing.
 * @example
 * pairedItemRows(paper.lists, { dataset: "opinionqa", steering: "persona", model: "gpt-4" }, ["verbalize", "sequence"], 3);
 */
export function pairedItemRows(
  lists: readonly ScoreList[],
  filter: Pick<ScoreList, "dataset" | "steering" | "model">,
  methods: readonly [string, string],
  count = 3,
): Record<string, string | number>[] {
  const [first, second] = methods;
  const of = (method: string) => lists.filter((l) => l.dataset === filter.dataset && l.steering === filter.steering && l.model === filter.model && l.method === method);
  const seconds = new Map(of(second).map((l) => [l.group, l]));
  return of(first).flatMap((a) => {
    const b = seconds.get(a.group);
    if (b?.questions === undefined || a.questions === undefined) return [];
    const tvOf = new Map(b.questions.map((q, i) => [q, b.values[i] as number]));
    return a.questions.flatMap((question, i) => {
      const tvB = tvOf.get(question);
      const tvA = a.values[i] as number;
      return tvB === undefined ? [] : [{ group: a.group, question, [methodLabel(first)]: tvA, [methodLabel(second)]: tvB, [`${methodLabel(second)} − ${methodLabel(first)}`]: tvB - tvA }];
    }).slice(0, count);
  });
}
