/** `distalign reproduce`: the paper's tables from its published outputs. */
import { resolve } from "node:path";
import type { Command } from "commander";
import {
  checkPaperModel,
  DEFAULT_RESAMPLING_SCHEME,
  defaultThreads,
  differencesTable,
  formatTable,
  loadBenchmarkData,
  outputDir,
  reproduce,
  reproductionTables,
  requireDataDir,
  RESAMPLING_SCHEMES,
  type ResamplingScheme,
  writeTables,
} from "../offline";
import { choiceOption, MAX_SEED, nonNegativeInteger, positiveInteger } from "./flags";

/** Tables printed to the terminal; the others are only written. */
const PRINTED_TABLES = ["table1a", "table1b", "table5", "table6"];

/** Registers the command. */
export function registerReproduceCommand(program: Command): void {
  program
    .command("reproduce")
    .description("reproduce Tables 1a, 1b, 5 and 6 and the per-dataset breakdown from the published outputs, with paired comparisons, gap intervals, a W1 leaderboard, baselines and (corrected mode) sensitivity")
    .addOption(choiceOption("--mode <mode>", "paper: the published numbers, quirks included; corrected: our evaluation", ["paper", "corrected"]).default("paper"))
    .option("--out <dir>", "where to write the CSV files (default: output/reproduce-<mode>)")
    .option("--iterations <n>", "bootstrap replicates", positiveInteger("--iterations"), 1000)
    .option("--seed <n>", "bootstrap seed", nonNegativeInteger("--seed", MAX_SEED), 0)
    .option("--threads <n>", "threads, the machine's cores at most 4 by default; the results do not depend on it", positiveInteger("--threads"), defaultThreads())
    .option("--model <name...>", "only these published models (default: all five)")
    .option("--data-dir <dir>", "benchmark data directory (default: DISTALIGN_DATA_DIR, else data/upstream)")
    .addOption(choiceOption("--resampling <scheme>", "how intervals resample items: the new outputs', and in corrected mode the tables' too (docs/protocol.md §11)", RESAMPLING_SCHEMES).default(DEFAULT_RESAMPLING_SCHEME))
    .option("--no-statistics", "only the paper's tables: no comparisons, gap intervals, leaderboard by metric, baselines or sensitivity")
    .option("--quiet", "write the files without printing the tables")
    .action(async (options: { mode: "paper" | "corrected"; out?: string; iterations: number; seed: number; threads: number; model?: string[]; dataDir?: string; quiet?: boolean; resampling: ResamplingScheme; statistics: boolean }) => {
      options.model?.forEach(checkPaperModel);
      const data = loadBenchmarkData(requireDataDir(options.dataDir));
      const settings = { data, iterations: options.iterations, seed: options.seed, threads: options.threads, models: options.model };
      const result = await reproduce({ ...settings, mode: options.mode, statistics: options.statistics, resampling: options.resampling });
      const tables = reproductionTables(result);
      if (options.mode === "corrected") tables.push(differencesTable(await reproduce({ ...settings, mode: "paper" }), result));
      const dir = resolve(options.out ?? `${outputDir()}/reproduce-${options.mode}`);
      const paths = writeTables(dir, tables);
      if (!options.quiet) {
        for (const table of tables) {
          if (!PRINTED_TABLES.includes(table.name)) continue;
          process.stdout.write(`\n${table.name} (${options.mode} mode)\n${formatTable(table)}\n`);
        }
      }
      process.stdout.write(`\nwrote ${paths.join(", ")}\n`);
    });
}
