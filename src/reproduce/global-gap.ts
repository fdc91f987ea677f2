/**
 * Table 5 of arXiv:2411.05403: the knowledge-to-simulation gap on GlobalOpinionQA alone
 * (docs/protocol.md §5.6 applied to one dataset).
 */
import { knowledgeToSimulationGap } from "../scoring/k2s";
import type { BreakdownRow, GapRow } from "../benchmark/tables";

/** The dataset and steering pool of Table 5: GlobalOpinionQA, persona and few-shot pooled (it has no no-steering runs). */
export const TABLE_5_POOL = { dataset: "globalvalues", steering: "persona+few-shot" } as const;

/**
 * K2S = mean(Sequence) / mean(Verbalize) − 1 per model, from the breakdown's GlobalOpinionQA rows
 * over persona and few-shot steering: the same statistic as Table 1b on one dataset's pool.
 * Models without both methods on GlobalOpinionQA are left out; the order is the breakdown's.
 * @example
 * globalOpinionGapTable(reproduction.breakdown).find((r) => r.model === "gpt-4")?.kss;
 */
export function globalOpinionGapTable(breakdown: readonly BreakdownRow[]): GapRow[] {
  const rows = breakdown.filter((r) => r.dataset === TABLE_5_POOL.dataset && r.steering === TABLE_5_POOL.steering && r.model !== "baseline" && r.model !== "human");
  const models = [...new Set(rows.map((r) => r.model))];
  return models.flatMap((model) => {
    const mean = (method: string) => rows.find((r) => r.model === model && r.method === method)?.mean;
    const sequence = mean("sequence");
    const verbalize = mean("verbalize");
    return sequence === undefined || verbalize === undefined ? [] : [{ model, kss: knowledgeToSimulationGap(sequence, verbalize) }];
  });
}
