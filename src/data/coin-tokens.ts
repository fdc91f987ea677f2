/**
 * The biased-coin Sequence run with per-token probabilities (docs/protocol.md §3.4): for each
 * stated P(heads), several 30-flip sequences and, at each position, the model's probability of
 * the tokens H and T. The data behind Fig. 12 of arXiv:2411.05403.
 */
import { join } from "node:path";
import { DataError } from "../errors";
import { COIN_STATED_PERCENTS } from "./coin";
import { readDataObject } from "./data-dir";
import { expectArray, expectInRange, expectNumber, expectRecord, expectString } from "./validate";

/** Flips per sequence the prompt asks for. */
export const COIN_SEQUENCE_FLIPS = 30;

/** Upper bound of a probability computed as exp(log-probability), which rounding can put just above 1. */
const PROBABILITY_MAX = 1 + 1e-6;

/** The stored mean over repetitions must equal ours to this. */
const MEAN_TOLERANCE = 1e-9;

/** One stated probability: every repetition's per-position token probabilities. */
export interface CoinTokenRun {
  /** P(heads) stated in the prompt. */
  readonly statedHeads: number;
  /** P(token H) per repetition and position: runs × COIN_SEQUENCE_FLIPS. */
  readonly heads: readonly (readonly number[])[];
  /** P(token T), same shape. */
  readonly tails: readonly (readonly number[])[];
  /** The sampled sequences, one per repetition. */
  readonly responses: readonly string[];
}

/** Path of a model's per-token file below the data directory. */
export function coinTokensPath(model = "gpt-4"): string {
  return join("results", "biased_coin", model, "biased_coin_seq_benchmark_seq_modelprob.json");
}

function readMatrix(value: unknown, file: string, key: string): number[][] {
  const runs = expectArray(value, file, key);
  if (runs.length === 0) throw new DataError(`${file}: ${key}: no repetitions`, file, key);
  return runs.map((run, r) => {
    const values = expectArray(run, file, `${key}[${r}]`);
    if (values.length !== COIN_SEQUENCE_FLIPS) {
      throw new DataError(`${file}: ${key}[${r}]: ${values.length} positions where ${COIN_SEQUENCE_FLIPS} are expected`, file, `${key}[${r}]`);
    }
    return values.map((v, i) => expectInRange(expectNumber(v, file, `${key}[${r}][${i}]`), 0, PROBABILITY_MAX, file, `${key}[${r}][${i}]`));
  });
}

/**
 * Loads a model's per-token coin file, checked: every stated P(heads) 0%, 10%, …, 100% exactly
 * once, stated P(heads) + P(tails) = 1, the same number of repetitions of 30 probabilities in
 * 0–1 for H and T with P(H) + P(T) ≤ 1 at each position, one response per repetition, and the
 * stored per-position mean P(H) equal to the mean of the repetitions. Entries keep the file's order.
 * @throws {DataError} naming the file and key of the first fault
 */
export function loadCoinTokens(dataDir: string, model = "gpt-4"): CoinTokenRun[] {
  const { file, json } = readDataObject(dataDir, coinTokensPath(model));
  const runs = Object.entries(json).map(([key, value]): CoinTokenRun => {
    const record = expectRecord(value, file, key);
    const stated = expectRecord(record["expected_results"], file, `${key}.expected_results`);
    const statedHeads = expectInRange(expectNumber(stated["h"], file, `${key}.expected_results.h`), 0, 1, file, `${key}.expected_results.h`);
    const statedTails = expectInRange(expectNumber(stated["t"], file, `${key}.expected_results.t`), 0, 1, file, `${key}.expected_results.t`);
    if (Math.abs(statedHeads + statedTails - 1) > 1e-9) {
      throw new DataError(`${file}: ${key}.expected_results: P(heads) + P(tails) = ${statedHeads + statedTails}, not 1`, file, `${key}.expected_results`);
    }
    const actual = expectRecord(record["actual_results"], file, `${key}.actual_results`);
    const heads = readMatrix(actual["h"], file, `${key}.actual_results.h`);
    const tails = readMatrix(actual["t"], file, `${key}.actual_results.t`);
    if (tails.length !== heads.length) {
      throw new DataError(`${file}: ${key}.actual_results.t: ${tails.length} repetitions where h has ${heads.length}`, file, `${key}.actual_results.t`);
    }
    heads.forEach((run, r) =>
      run.forEach((h, i) => {
        const total = h + (tails[r]?.[i] ?? 0);
        if (total > PROBABILITY_MAX) throw new DataError(`${file}: ${key}.actual_results: P(H) + P(T) = ${total} > 1 (repetition ${r + 1}, position ${i + 1})`, file, `${key}.actual_results`);
      }),
    );
    const responses = expectArray(record["response"], file, `${key}.response`).map((v, r) => expectString(v, file, `${key}.response[${r}]`));
    if (responses.length !== heads.length) {
      throw new DataError(`${file}: ${key}.response: ${responses.length} responses for ${heads.length} repetitions`, file, `${key}.response`);
    }
    const storedMean = expectArray(expectRecord(record["avg_expected_results"], file, `${key}.avg_expected_results`)["h"], file, `${key}.avg_expected_results.h`);
    if (storedMean.length !== COIN_SEQUENCE_FLIPS) {
      throw new DataError(`${file}: ${key}.avg_expected_results.h: ${storedMean.length} positions where ${COIN_SEQUENCE_FLIPS} are expected`, file, `${key}.avg_expected_results.h`);
    }
    storedMean.forEach((v, i) => {
      const where = `${key}.avg_expected_results.h[${i}]`;
      const mean = heads.reduce((sum, run) => sum + (run[i] as number), 0) / heads.length;
      const stored = expectNumber(v, file, where);
      if (Math.abs(stored - mean) > MEAN_TOLERANCE) throw new DataError(`${file}: ${where}: ${stored} is not the mean of the repetitions (${mean})`, file, where);
    });
    return { statedHeads, heads, tails, responses };
  });
  for (const percent of COIN_STATED_PERCENTS) {
    const count = runs.filter((r) => Math.abs(r.statedHeads * 100 - percent) < 1e-9).length;
    if (count !== 1) throw new DataError(`${file}: (top level): P(heads) ${percent}% stated ${count} times, expected once`, file, "(top level)");
  }
  if (runs.length !== COIN_STATED_PERCENTS.length) {
    throw new DataError(`${file}: (top level): ${runs.length} entries where ${COIN_STATED_PERCENTS.length} are expected`, file, "(top level)");
  }
  return runs;
}
