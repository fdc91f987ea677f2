/**
 * Resuming: which items still need a call, given what results.jsonl already holds.
 */
import type { ResultLine, WorkItem } from "./types";

/** What resuming reads of an item's last result line (a `ResultLine`, or its `ResultFacts`). */
export type PreviousResult = Pick<ResultLine, "model" | "requestKey" | "status">;

/** The split of a run's items against its existing results. */
export interface ResumePlan<Meta> {
  /** Items to run now. */
  readonly pending: readonly WorkItem<Meta>[];
  /** Items whose last result is ok for the same request. */
  readonly alreadyDone: number;
  /** Items whose last result is a failure, skipped because `retryFailed` is off. */
  readonly skippedFailed: readonly string[];
  /** Items with a previous result for a different request (changed prompt or parameters, or another model): re-run. */
  readonly changed: readonly string[];
}

/**
 * Splits items into done, skipped and pending.
 * @param items the run's items
 * @param latest the last result line per id, or its facts (from `readResultFacts`)
 * @param keyOf the request key of an item (its cache key)
 * @param retryFailed whether previously failed items run again
 */
export function planResume<Meta>(
  items: readonly WorkItem<Meta>[],
  latest: ReadonlyMap<string, PreviousResult>,
  keyOf: (item: WorkItem<Meta>) => string,
  retryFailed: boolean,
): ResumePlan<Meta> {
  const pending: WorkItem<Meta>[] = [];
  const skippedFailed: string[] = [];
  const changed: string[] = [];
  let alreadyDone = 0;
  for (const item of items) {
    const previous = latest.get(item.id);
    if (previous === undefined) {
      pending.push(item);
    } else if (previous.requestKey !== keyOf(item) || previous.model !== item.request.model) {
      changed.push(item.id);
      pending.push(item);
    } else if (previous.status === "ok") {
      alreadyDone += 1;
    } else if (retryFailed) {
      pending.push(item);
    } else {
      skippedFailed.push(item.id);
    }
  }
  return { pending, alreadyDone, skippedFailed, changed };
}
