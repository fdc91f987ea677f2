/**
 * Test helper: the inputs of the paper's `simulated` baselines (docs/protocol.md §5.3) for NYT and
 * GlobalOpinionQA: gpt-3.5's Sequence predictions (task0 NONE file for NYT, task1 for GV) and the
 * ground truth of every scored group, as value arrays in the stored key order.
 */
import { loadResultCell, SCORED_GROUPS } from "../../src/data/results";

export interface BaselineItem {
  readonly prediction: number[];
  readonly expected: number[];
}

export function baselineItems(dir: string, dataset: "nytimes" | "globalvalues"): BaselineItem[] {
  const steering = dataset === "nytimes" ? "none" : "persona";
  const items: BaselineItem[] = [];
  for (const group of SCORED_GROUPS[dataset]) {
    const cell = loadResultCell(dir, { dataset, method: "sequence", model: "gpt-3.5-turbo-0125", steering, group });
    for (const entry of cell.entries) {
      const q = steering === "none" ? entry.expectedByGroup[`${group.attribute}_${group.value}`] : entry.expected;
      if (q === undefined) throw new Error(`${cell.file}: no ground truth for ${entry.key}`);
      const prediction = Object.values(entry.prediction);
      if (prediction.length > 0) items.push({ prediction, expected: Object.values(q) });
    }
  }
  return items;
}

export function mean(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0) / values.length;
}
