/**
 * The reference rows of every table, beside the models: the humans and the baselines.
 */
import { correctedBaselineScores, paperBaselineScores } from "./baseline-scores";
import type { BenchmarkData } from "../benchmark/benchmark-data";
import { allHumanScores } from "./human-scores";
import type { ReproduceMode, ScoreList } from "../benchmark/score-lists";

/** Human and baseline score lists of a mode. */
export function referenceScoreLists(data: BenchmarkData, mode: ReproduceMode): ScoreList[] {
  return [...allHumanScores(data, mode), ...(mode === "paper" ? paperBaselineScores(data) : correctedBaselineScores(data))];
}
