/**
 * `reproduce`: the paper's tables from its published outputs, in paper mode (the published
 * numbers, quirks included) or corrected mode (what we believe is right).
 */
import { requireDataDir } from "../data/data-dir";
import { checkPaperModel } from "../data/results";
import { DATASETS, PAPER_MODELS } from "../types";
import { paperBaselineScores, correctedBaselineScores } from "./baseline-scores";
import { type BenchmarkData, loadBenchmarkData } from "./benchmark-data";
import { correctedModelScores } from "./corrected-scores";
import { allHumanScores } from "./human-scores";
import { paperModelScores } from "./paper-scores";
import type { ReproduceMode, ScoreList } from "./score-lists";
import { type TableOptions, type Tables, tabulate } from "./tables";

/** Options of `reproduce`. */
export interface ReproduceOptions extends Partial<TableOptions> {
  readonly mode: ReproduceMode;
  /** The data directory. @default the configured one (DISTALIGN_DATA_DIR or data/upstream) */
  readonly dataDir?: string;
  /** Already-loaded data, to share between modes. */
  readonly data?: BenchmarkData;
}

/** Every table of one mode, with the score lists behind them. */
export interface Reproduction extends Tables {
  readonly mode: ReproduceMode;
  readonly lists: readonly ScoreList[];
}

/** Score lists of one mode: models, humans and baselines. */
export function scoreLists(data: BenchmarkData, mode: ReproduceMode, models: readonly string[] = PAPER_MODELS): ScoreList[] {
  return mode === "paper"
    ? [...paperModelScores(data, DATASETS, models), ...allHumanScores(data, mode), ...paperBaselineScores(data)]
    : [...correctedModelScores(data, DATASETS, models), ...allHumanScores(data, mode), ...correctedBaselineScores(data)];
}

/**
 * Reproduces Table 1a, Table 1b and the breakdown.
 * @throws {DataError} when the data directory is missing or a file is malformed
 * @example
 * const { table1a } = await reproduce({ mode: "paper" });
 */
export async function reproduce(options: ReproduceOptions): Promise<Reproduction> {
  const models = (options.models ?? PAPER_MODELS).map(checkPaperModel);
  const data = options.data ?? loadBenchmarkData(requireDataDir(options.dataDir));
  const tableOptions: TableOptions = { iterations: options.iterations ?? 1000, seed: options.seed ?? 0, models, threads: options.threads };
  const lists = scoreLists(data, options.mode, models);
  return { mode: options.mode, lists, ...(await tabulate(lists, tableOptions)) };
}
