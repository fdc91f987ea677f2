/**
 * The biased-coin toy problem (docs/protocol.md §3.4): the prompt states P(heads); the model flips the
 * coin by a single token (Log-p) or a 30-flip sequence. Used for the calibration figure.
 */
import { join } from "node:path";
import { DataError, UsageError } from "../errors";
import { expectArray, expectInRange, expectNumber, expectRecord } from "./validate";

/** The stated probabilities of heads the prompts run through: 0%, 10%, …, 100%. */
export const COIN_STATED_PERCENTS: readonly number[] = Array.from({ length: 11 }, (_, i) => 10 * i);

/** Upper bound of a probability computed as exp(log-probability), which rounding can put just above 1. */
const PROBABILITY_MAX = 1 + 1e-6;

/** Checks that a file states each of COIN_STATED_PERCENTS exactly `times` times. */
function checkStated(stated: readonly number[], times: number, file: string): void {
  for (const percent of COIN_STATED_PERCENTS) {
    const count = stated.filter((p) => Math.abs(p * 100 - percent) < 1e-9).length;
    if (count !== times) throw new DataError(`${file}: (top level): P(heads) ${percent}% stated ${count} times, expected ${times}`, file, "(top level)");
  }
  if (stated.length !== COIN_STATED_PERCENTS.length * times) {
    throw new DataError(`${file}: (top level): ${stated.length} entries where ${COIN_STATED_PERCENTS.length * times} are expected`, file, "(top level)");
  }
}
import { readDataJson, readDataObject } from "./data-dir";

/** One stated probability and what the model implied. */
export interface CoinPoint {
  /** P(heads) stated in the prompt. */
  readonly statedHeads: number;
  /** Mean implied P(heads) over the stored repetitions; NaN when heads never appeared in the top log-probabilities. */
  readonly impliedHeads: number;
}

/**
 * The models whose biased-coin outputs the authors published (`results/biased_coin/<model>/`), and
 * whether they published the Log-p [P(H), P(T)] pairs that TS-Log-p is fitted to (gpt-4 only).
 */
export const COIN_MODELS: Readonly<Record<string, { readonly logprobPairs: boolean }>> = {
  "gpt-4": { logprobPairs: true },
  "gpt-3.5-turbo-0125": { logprobPairs: false },
  "gpt-3.5-turbo-1106": { logprobPairs: false },
};

/** The published coin results of one model. */
export interface CoinResults {
  readonly model: string;
  readonly logprobs: readonly CoinPoint[];
  readonly sequence: readonly CoinPoint[];
  /**
   * [P(H), P(T)] pairs used to fit one temperature to the Log-p flips, model side and stated side;
   * undefined for a model the authors published none for (COIN_MODELS).
   */
  readonly logprobPairs: { readonly model: readonly number[][]; readonly stated: readonly number[][] } | undefined;
}

function readPoints(dataDir: string, relative: string, phrasings: number, keep: (index: number) => boolean): CoinPoint[] {
  const { file, json } = readDataObject(dataDir, relative);
  const points = Object.entries(json).map(([key, value]) => {
    const record = expectRecord(value, file, key);
    const stated = expectRecord(record["expected_results"], file, `${key}.expected_results`);
    const implied = expectRecord(record["avg_expected_results"], file, `${key}.avg_expected_results`);
    const heads = expectInRange(expectNumber(stated["h"], file, `${key}.expected_results.h`), 0, 1, file, `${key}.expected_results.h`);
    const tails = expectInRange(expectNumber(stated["t"], file, `${key}.expected_results.t`), 0, 1, file, `${key}.expected_results.t`);
    if (Math.abs(heads + tails - 1) > 1e-9) throw new DataError(`${file}: ${key}.expected_results: P(heads) + P(tails) = ${heads + tails}, not 1`, file, `${key}.expected_results`);
    const impliedHeads = expectNumber(implied["h"], file, `${key}.avg_expected_results.h`, true);
    if (!Number.isNaN(impliedHeads)) expectInRange(impliedHeads, 0, PROBABILITY_MAX, file, `${key}.avg_expected_results.h`);
    return { statedHeads: heads, impliedHeads };
  });
  checkStated(points.map((p) => p.statedHeads), phrasings, file);
  return points.filter((_, index) => keep(index));
}

function readPairs(dataDir: string, relative: string, allowMissing: boolean): number[][] {
  const file = join(dataDir, relative);
  const pairs = expectArray(readDataJson(dataDir, relative), file, "(top level)").map((pair, i) => {
    const values = expectArray(pair, file, `[${i}]`).map((v, j) => expectNumber(v, file, `[${i}][${j}]`, allowMissing));
    if (values.length !== 2) throw new DataError(`${file}: [${i}]: expected [P(H), P(T)], got ${values.length} values`, file, `[${i}]`);
    values.forEach((v, j) => Number.isNaN(v) || expectInRange(v, 0, PROBABILITY_MAX, file, `[${i}][${j}]`));
    return values;
  });
  if (pairs.length !== COIN_STATED_PERCENTS.length) {
    throw new DataError(`${file}: (top level): ${pairs.length} pairs where ${COIN_STATED_PERCENTS.length} are expected`, file, "(top level)");
  }
  return pairs;
}

/**
 * Loads a model's coin results, checked: every stated probability 0%, 10%, …, 100% present
 * (twice in Log-p files, one per phrasing), probabilities in 0–1, pairs of two. Log-p files phrase every probability heads-first and tails-first;
 * the heads-first phrasing (odd entries) is the one reported. A missing or malformed file of a
 * published model is a DataError naming the file; a model the authors published nothing for is a
 * UsageError naming the published ones.
 */
export function loadCoinResults(dataDir: string, model = "gpt-4"): CoinResults {
  const published = COIN_MODELS[model];
  if (published === undefined) {
    throw new UsageError(`biased coin: the authors published no coin outputs for model "${model}" (published: ${Object.keys(COIN_MODELS).join(", ")})`);
  }
  const folder = join("results", "biased_coin", model);
  return {
    model,
    logprobs: readPoints(dataDir, join(folder, "biased_coin_benchmark.json"), 2, (i) => i % 2 === 1),
    sequence: readPoints(dataDir, join(folder, "biased_coin_seq_benchmark.json"), 1, () => true),
    logprobPairs: published.logprobPairs
      ? {
          model: readPairs(dataDir, join(folder, "model_logprobs", "actual_coinflip_p.json"), true),
          stated: readPairs(dataDir, join(folder, "model_logprobs", "expected_coinflip_p.json"), false),
        }
      : undefined,
  };
}
