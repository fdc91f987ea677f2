/**
 * The biased-coin toy problem (PROTOCOL §3.4): the prompt states P(heads); the model flips the
 * coin by a single token (Log-p) or a 30-flip sequence. Used for the calibration figure.
 */
import { join } from "node:path";
import { expectArray, expectNumber, expectRecord } from "./validate";
import { readDataJson, readDataObject } from "./data-dir";

/** One stated probability and what the model implied. */
export interface CoinPoint {
  /** P(heads) stated in the prompt. */
  readonly statedHeads: number;
  /** Mean implied P(heads) over the stored repetitions; NaN when heads never appeared in the top log-probabilities. */
  readonly impliedHeads: number;
}

/** The published coin results of one model. */
export interface CoinResults {
  readonly logprobs: readonly CoinPoint[];
  readonly sequence: readonly CoinPoint[];
  /** [P(H), P(T)] pairs used to fit one temperature to the Log-p flips, model side and stated side. */
  readonly logprobPairs: { readonly model: readonly number[][]; readonly stated: readonly number[][] };
}

function readPoints(dataDir: string, relative: string, keep: (index: number) => boolean): CoinPoint[] {
  const { file, json } = readDataObject(dataDir, relative);
  return Object.entries(json)
    .filter((_, index) => keep(index))
    .map(([key, value]) => {
      const record = expectRecord(value, file, key);
      const stated = expectRecord(record["expected_results"], file, `${key}.expected_results`);
      const implied = expectRecord(record["avg_expected_results"], file, `${key}.avg_expected_results`);
      return {
        statedHeads: expectNumber(stated["h"], file, `${key}.expected_results.h`),
        impliedHeads: expectNumber(implied["h"], file, `${key}.avg_expected_results.h`, true),
      };
    });
}

function readPairs(dataDir: string, relative: string): number[][] {
  const file = join(dataDir, relative);
  return expectArray(readDataJson(dataDir, relative), file, "(top level)").map((pair, i) =>
    expectArray(pair, file, `[${i}]`).map((v, j) => expectNumber(v, file, `[${i}][${j}]`)),
  );
}

/**
 * Loads a model's coin results. Log-p files phrase every probability heads-first and tails-first;
 * the heads-first phrasing (odd entries) is the one reported.
 */
export function loadCoinResults(dataDir: string, model = "gpt-4"): CoinResults {
  const folder = join("results", "biased_coin", model);
  return {
    logprobs: readPoints(dataDir, join(folder, "biased_coin_benchmark.json"), (i) => i % 2 === 1),
    sequence: readPoints(dataDir, join(folder, "biased_coin_seq_benchmark.json"), () => true),
    logprobPairs: {
      model: readPairs(dataDir, join(folder, "model_logprobs", "actual_coinflip_p.json")),
      stated: readPairs(dataDir, join(folder, "model_logprobs", "expected_coinflip_p.json")),
    },
  };
}
