/**
 * Test helpers: the temperature-scaling pools of the published Log-p files (docs/protocol.md §4.5) and
 * the temperatures the authors used, recovered from their rescaled files.
 */
import { requireDataDir } from "../../src/data/data-dir";
import { type GroupRef, loadResultCell, SCORED_GROUPS } from "../../src/data/results";
import type { TemperaturePair } from "../../src/scoring/temperature";
import type { Dataset, Steering } from "../../src/types";

/**
 * The data directory of the paper's repository. Tests that need it fail with the data layer's
 * message when none is configured (they are not skipped).
 */
export const dataDir: string = requireDataDir();

/** One (model, dataset, steering) cell: per item, the raw Log-p prediction, the target and the stored rescaled prediction. */
export interface LogprobPool {
  readonly pairs: TemperaturePair[];
  readonly rescaled: number[][];
}

/**
 * Every question of every scored group, in the order the paper's `temperature_scaling.py` reads
 * them: groups in SCORED_GROUPS order, questions in file order, values in the prediction's key order.
 * No steering pools the single NONE file once per group against `expected_results_POLPARTY_Democrat`.
 */
export function logprobPool(dir: string, model: string, dataset: Dataset, steering: Steering): LogprobPool {
  const pairs: TemperaturePair[] = [];
  const rescaled: number[][] = [];
  for (const group of SCORED_GROUPS[dataset] as readonly GroupRef[]) {
    const raw = loadResultCell(dir, { dataset, method: "logprobs", model, steering, group });
    const scaled = loadResultCell(dir, { dataset, method: "ts-logprobs", model, steering, group });
    raw.entries.forEach((entry, i) => {
      const target = steering === "none" ? entry.expectedByGroup["POLPARTY_Democrat"] : entry.expected;
      const stored = scaled.entries[i];
      if (target === undefined || stored === undefined || stored.key !== entry.key) {
        throw new Error(`${raw.file}: no target or rescaled entry for ${entry.key}`);
      }
      const keys = Object.keys(entry.prediction);
      pairs.push({ prediction: keys.map((k) => entry.prediction[k] as number), expected: keys.map((k) => target[k] as number) });
      rescaled.push(keys.map((k) => stored.prediction[k] as number));
    });
  }
  return { pairs, rescaled };
}

/**
 * The τ behind the stored rescaled predictions. For options i, j with p_i, p_j > 0,
 * log(p̃_i / p̃_j) = log(p_i / p_j) / τ, so τ = log(p_i / p_j) / log(p̃_i / p̃_j). Each question
 * contributes the estimate of its most separated pair (|log(p_i/p_j)| > 1, for precision); the
 * median over questions is returned with the spread, which is ~1e-14 when all share one τ.
 */
export function recoveredTemperature(pool: LogprobPool): { temperature: number; spread: number } {
  const estimates: number[] = [];
  pool.pairs.forEach(({ prediction: p }, item) => {
    const t = pool.rescaled[item] as number[];
    let separation = 1;
    let estimate = Number.NaN;
    for (let i = 0; i < p.length; i++) {
      for (let j = 0; j < p.length; j++) {
        const [pi, pj, ti, tj] = [p[i] as number, p[j] as number, t[i] as number, t[j] as number];
        if (pi > 0 && pj > 0 && ti > 0 && tj > 0 && Math.log(pi / pj) > separation) {
          separation = Math.log(pi / pj);
          estimate = separation / Math.log(ti / tj);
        }
      }
    }
    if (!Number.isNaN(estimate)) estimates.push(estimate);
  });
  estimates.sort((a, b) => a - b);
  if (estimates.length === 0) throw new Error("recoveredTemperature: no usable question");
  return {
    temperature: estimates[Math.floor(estimates.length / 2)] as number,
    spread: (estimates[estimates.length - 1] as number) - (estimates[0] as number),
  };
}
