/**
 * The benchmark's shared core: the data of a reproduction (`BenchmarkData`), score lists, and
 * the tables built from them with bootstrap intervals. Reproduction, live runs and figures all
 * build on it.
 */
export { type BenchmarkData, loadBenchmarkData } from "./benchmark-data";
export { type ReproduceMode, type ScoreList, type ScoreListOptions, parseCounts, poolOf, selectLists } from "./score-lists";
export {
  type BreakdownRow,
  type GapRow,
  LEADERBOARD_STEERING,
  type LeaderboardRow,
  type TableOptions,
  type Tables,
  knowledgeToSimulationTable,
  tabulate,
} from "./tables";
export { type BootstrapJob, type BootstrapSummary, runBootstrapJob, runBootstrapJobs } from "./bootstrap-jobs";
export { BootstrapWorkers, defaultThreads, runBootstrapJobsInParallel } from "./workers";
