/** `distalign compare`: one paired comparison of two configurations, from the published outputs or run folders. */
import { resolve } from "node:path";
import type { Command } from "commander";
import {
  type BenchmarkData,
  compareConfigurations,
  type Dataset,
  type DatasetName,
  DATASETS,
  DEFAULT_RESAMPLING_SCHEME,
  formatTable,
  ITEM_METRICS,
  type ItemMetric,
  loadBenchmarkData,
  loadPromptData,
  modelScoreLists,
  pairedRunLists,
  PAPER_MODELS,
  parseConfiguration,
  requireDataDir,
  RESAMPLING_SCHEMES,
  type ResamplingScheme,
  SCORED_METHODS,
  type ScoreList,
  scoreRunDir,
  surveyScaleOrder,
  UsageError,
} from "../index";
import { choiceOption, MAX_SEED, nonNegativeInteger, positiveInteger } from "./flags";

interface CompareOptions {
  a: string;
  b: string;
  aRun?: string;
  bRun?: string;
  dataset?: Dataset;
  mode: "paper" | "corrected";
  metric: ItemMetric;
  resampling: ResamplingScheme;
  iterations: number;
  seed: number;
  dataDir?: string;
}

/** One side's score lists, the models and methods it offers, and the datasets it covers. */
function side(
  data: BenchmarkData,
  mode: "paper" | "corrected",
  option: string,
  text: string,
  run: string | undefined,
): { lists: ScoreList[]; models: string[]; methods: string[]; datasets: DatasetName[] } {
  if (run === undefined) {
    const model = text.split(":")[0] ?? "";
    if (!(PAPER_MODELS as readonly string[]).includes(model)) throw new UsageError(`${option}: unknown model "${model}" (valid: ${PAPER_MODELS.join(", ")}; or name a run folder with ${option}-run)`);
    return { lists: modelScoreLists(data, mode, [model]), models: [...PAPER_MODELS], methods: [...SCORED_METHODS], datasets: [...DATASETS] };
  }
  const scores = scoreRunDir(loadPromptData(data), resolve(run));
  for (const warning of scores.warnings) process.stderr.write(`warning: ${warning}\n`);
  const lists = pairedRunLists(data, scores.items, surveyScaleOrder(scores.data));
  return { lists, models: [...new Set(lists.map((l) => l.model))], methods: [...new Set(lists.map((l) => l.method))], datasets: [...new Set(lists.map((l) => l.dataset))] };
}

/** `TEXT`, or `TEXT (run DIR)` for a side scored from a run folder. */
function sideLabel(text: string, run: string | undefined): string {
  return run === undefined ? text : `${text} (run ${resolve(run)})`;
}

/** Registers the command. */
export function registerCompareCommand(program: Command): void {
  program
    .command("compare")
    .description("paired comparison of two configurations on the items both have: difference of mean scores, bootstrap interval, p-value")
    .requiredOption("--a <config>", "configuration a, MODEL:METHOD[:STEERING] (steering default: persona+few-shot, the main board)")
    .requiredOption("--b <config>", "configuration b, MODEL:METHOD[:STEERING]")
    .option("--a-run <dir>", "score configuration a from this run folder instead of the published outputs")
    .option("--b-run <dir>", "score configuration b from this run folder instead of the published outputs")
    .addOption(choiceOption("--dataset <name>", "one dataset (default: every dataset both have, weighted equally)", DATASETS))
    .addOption(choiceOption("--mode <mode>", "how the published outputs are scored (run folders are scored like corrected mode)", ["paper", "corrected"]).default("corrected"))
    .addOption(choiceOption("--metric <metric>", "tv: total variation; w1: normalised Wasserstein-1 on ordinal questions", ITEM_METRICS).default("tv"))
    .addOption(choiceOption("--resampling <scheme>", "how bootstrap replicates draw items (docs/protocol.md)", RESAMPLING_SCHEMES).default(DEFAULT_RESAMPLING_SCHEME))
    .option("--iterations <n>", "bootstrap replicates", positiveInteger("--iterations"), 1000)
    .option("--seed <n>", "bootstrap seed", nonNegativeInteger("--seed", MAX_SEED), 0)
    .option("--data-dir <dir>", "benchmark data directory (default: DISTALIGN_DATA_DIR, else data/upstream)")
    .action((options: CompareOptions) => {
      const data = loadBenchmarkData(requireDataDir(options.dataDir));
      const sideA = side(data, options.mode, "--a", options.a, options.aRun);
      const sideB = side(data, options.mode, "--b", options.b, options.bRun);
      // Every dataset either side covers, a run's user survey included; the comparison keeps those both have.
      const datasets = options.dataset === undefined ? [...new Set([...sideA.datasets, ...sideB.datasets])] : [options.dataset];
      const a = parseConfiguration("--a", options.a, sideA, datasets);
      const b = parseConfiguration("--b", options.b, sideB, datasets);
      const settings = { iterations: options.iterations, seed: options.seed, scheme: options.resampling };
      const row = compareConfigurations(sideA.lists, { family: "compare", a, b }, options.metric, settings, sideB.lists);
      if (row === undefined) {
        const what = `${options.metric === "w1" ? "ordinal " : ""}items (question × group) in common`;
        throw new UsageError(`compare: ${sideLabel(options.a, options.aRun)} and ${sideLabel(options.b, options.bRun)} have no ${what} (datasets: ${datasets.join(", ")})`);
      }
      const table = {
        name: "compare",
        header: ["a", "b", "dataset", "steering", "metric", "mean_a", "mean_b", "diff", "ci_low", "ci_high", "p", "p_percentile", "n"],
        rows: [[row.a, row.b, row.dataset, row.steering, row.metric, row.meanA, row.meanB, row.diff, row.ciLow, row.ciHigh, row.p, row.pPercentile, String(row.n)]],
      };
      process.stdout.write(`${formatTable(table)}\n`);
      process.stdout.write(`${options.resampling} bootstrap, ${options.iterations} replicates, seed ${options.seed}; lower is better, so diff < 0 means a is closer to the humans\n`);
    });
}
