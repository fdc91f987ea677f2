/**
 * Fig. 12 of arXiv:2411.05403: the model's probability of heads at each position of the 30-flip
 * biased-coin sequence, per stated P(heads), averaged over the stored repetitions.
 */
import type { CoinTokenRun } from "../data/coin-tokens";

/** One stated probability at one position of the sequence. */
export type CoinPositionRecord = {
  /** P(heads) stated in the prompt. */
  readonly statedHeads: number;
  /** 1-based position of the flip in the sequence. */
  readonly position: number;
  /** Mean over repetitions of the model's P(token H) at this position. */
  readonly headsProbability: number;
  /** Population standard deviation of P(token H) over the repetitions. */
  readonly sd: number;
  /** Share of the repetitions whose sampled flip at this position is H. */
  readonly sampledHeads: number;
  readonly repetitions: number;
};

/**
 * The per-position records of Fig. 12, ordered by stated P(heads) then position.
 * @param runs from `loadCoinTokens`
 * @example
 * coinPositionRecords(loadCoinTokens(dataDir)).filter((r) => r.statedHeads === 0.5);
 */
export function coinPositionRecords(runs: readonly CoinTokenRun[]): CoinPositionRecord[] {
  return [...runs]
    .sort((a, b) => a.statedHeads - b.statedHeads)
    .flatMap((run) => {
      const n = run.heads.length;
      const flips = run.heads[0]?.length ?? 0;
      return Array.from({ length: flips }, (_, i) => {
        const values = run.heads.map((r) => r[i] as number);
        const mean = values.reduce((a, b) => a + b, 0) / n;
        const sd = Math.sqrt(values.reduce((a, v) => a + (v - mean) ** 2, 0) / n);
        const sampledHeads = run.responses.filter((s) => s.charAt(i).toUpperCase() === "H").length / n;
        return { statedHeads: run.statedHeads, position: i + 1, headsProbability: mean, sd, sampledHeads, repetitions: n };
      });
    });
}

/** Per stated probability: P(heads) averaged over all positions, and at the first position alone. */
export type CoinPositionSummary = {
  readonly statedHeads: number;
  readonly meanHeadsProbability: number;
  readonly firstPosition: number;
  /** Mean |P(H) − stated| over positions. */
  readonly meanAbsoluteError: number;
};

/** Summaries of `coinPositionRecords` per stated probability. */
export function coinPositionSummary(records: readonly CoinPositionRecord[]): CoinPositionSummary[] {
  const stated = [...new Set(records.map((r) => r.statedHeads))].sort((a, b) => a - b);
  return stated.map((p) => {
    const rows = records.filter((r) => r.statedHeads === p);
    const mean = (f: (r: CoinPositionRecord) => number) => rows.reduce((a, r) => a + f(r), 0) / rows.length;
    return {
      statedHeads: p,
      meanHeadsProbability: mean((r) => r.headsProbability),
      firstPosition: rows.find((r) => r.position === 1)?.headsProbability ?? Number.NaN,
      meanAbsoluteError: mean((r) => Math.abs(r.headsProbability - p)),
    };
  });
}
