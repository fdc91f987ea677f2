/**
 * `distalign run`: a grid of models × datasets × groups × steering × methods, priced per model,
 * run through the resumable executor and scored beside the paper's models; and `distalign score`,
 * which scores an existing run folder again.
 */
import { resolve } from "node:path";
import { type Command, Option } from "commander";
import {
  type BenchmarkRunOptions,
  CACHE_MODES,
  checkPersonaTemplate,
  checkRunFolder,
  type Dataset,
  DATASETS,
  declareCapabilities,
  defaultRunDir,
  describeModelEstimate,
  describeShortFewShot,
  describeSkipped,
  DistalignError,
  executeRun,
  formatRunReport,
  formatTable,
  handleInterrupts,
  loadBenchmarkData,
  loadPromptData,
  loadRunData,
  loadSurvey,
  type Method,
  METHODS,
  planRun,
  readCapabilitiesFile,
  reportRun,
  reproductionTables,
  requireDataDir,
  runBaselines,
  runBaselinesTable,
  type RunItemMeta,
  type RunSummary,
  scoreRunDir,
  type Steering,
  STEERINGS,
  summaryRows,
  tableWithPaper,
  UsageError,
  type WorkItem,
  writeBaselinesFile,
  writeScoreFiles,
} from "../index";
import { choiceOption, flagText, MAX_SEED, nonNegativeInteger, nonNegativeNumber, positiveInteger } from "./flags";

/** The options commander hands to the action. */
interface RunFlags {
  model: string[];
  dataset?: string;
  survey?: string;
  persona?: string;
  steering?: string;
  method?: string;
  groups?: string;
  limit?: number;
  samples: number;
  seed: number;
  formatExamples: "ours" | "paper";
  temperature?: number;
  maxTokens?: number;
  concurrency: number;
  maxConcurrency?: number;
  batch?: boolean;
  pollInterval: number;
  budget?: number;
  cacheMode?: string;
  cacheDir?: string;
  out?: string;
  name?: string;
  baseUrl?: string;
  openaiBaseUrl?: string;
  anthropicBaseUrl?: string;
  reasoningEffort?: string;
  thinkingBudget?: number;
  capabilities?: string;
  modelCheck: boolean;
  dryRun?: boolean;
  retryFailed?: boolean;
  score: boolean;
  fullTable?: boolean;
  iterations: number;
  progress: "auto" | "bar" | "lines" | "none";
  dataDir?: string;
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, ...value.split(",").map((v) => v.trim()).filter((v) => v !== "")];
}

function list(value: string | undefined): string[] | undefined {
  return value === undefined ? undefined : value.split(",").map((v) => v.trim()).filter((v) => v !== "");
}


/**
 * A run that did not finish its grid: the CLI prints its message as one line and exits with
 * `exitCode` (1 when items failed or were not launched, 130 when interrupted).
 */
class RunIncompleteError extends DistalignError {
  override readonly name = "RunIncompleteError";
  constructor(
    message: string,
    readonly exitCode: number,
  ) {
    super(message);
  }
}

/**
 * Why a finished run's exit code is not 0, as the error to throw; undefined when every item of
 * the grid is done.
 */
function runOutcome(summary: RunSummary, outDir: string): RunIncompleteError | undefined {
  const resume = `results in ${outDir}`;
  if (summary.stoppedBySignal || summary.interrupted > 0) {
    return new RunIncompleteError(
      `run: interrupted; ${summary.ok} items finished and saved, ${summary.notLaunched + summary.interrupted} left for the next run (${resume}; run again with --out ${outDir} to resume)`,
      130,
    );
  }
  const stoppedModels = summary.failures.filter((f) => f.stoppedAfterPermanentErrors !== undefined);
  const parts = [
    summary.failed > 0 ? `${summary.failed} failed` : "",
    summary.truncated > 0 ? `${summary.truncated} truncated (token cap)` : "",
    summary.refused > 0 ? `${summary.refused} refused` : "",
    summary.notLaunched > 0 ? `${summary.notLaunched} not launched (${[summary.stoppedByBudget ? "budget reached" : "", ...stoppedModels.map((f) => `${f.model} stopped after permanent errors`)].filter((t) => t !== "").join(", ")})` : "",
    summary.estimate.skippedFailed > 0 ? `${summary.estimate.skippedFailed} failed before and skipped` : "",
  ].filter((part) => part !== "");
  if (parts.length === 0) return undefined;
  const hint = summary.failures.length > 0 ? "the first error of each model is printed above; " : "";
  return new RunIncompleteError(`run: ${parts.join(", ")}; ${hint}${resume} (run again to resume, with --retry-failed to retry what did not finish)`, 1);
}

/** Prints the scored run and, with `fullTable`, Table 1a/1b with every paper model (corrected mode). */
async function printScores(
  options: { dataDir?: string; iterations: number; seed: number; fullTable?: boolean },
  outDir: string,
  data = loadRunData(options.dataDir),
  items?: readonly WorkItem<RunItemMeta>[],
): Promise<void> {
  const scores = scoreRunDir(data, outDir, items);
  // A run has reported its folder's problems already; `score` reports them here.
  if (items === undefined) for (const warning of scores.warnings) process.stderr.write(`warning: ${warning}\n`);
  const written = writeScoreFiles(outDir, scores.rows, summaryRows(scores.rows, { iterations: options.iterations, seed: options.seed }));
  const baselines = runBaselines(scores.data, scores.rows, { iterations: options.iterations, seed: options.seed });
  const baselinesFile = writeBaselinesFile(outDir, baselines);
  const wroteLine = `\nper-item scores: ${written.items}; summary: ${written.summary}; baselines: ${baselinesFile}\n`;
  if (scores.items.length === 0) {
    const unanswered = [
      ...Object.entries(scores.failedCalls).map(([model, count]) => `${model} ${count} failed`),
      ...Object.entries(scores.truncatedCalls).map(([model, count]) => `${model} ${count} truncated`),
      ...Object.entries(scores.refusedCalls).map(([model, count]) => `${model} ${count} refused`),
    ];
    process.stdout.write(`\nnothing to score yet in ${outDir}${unanswered.length === 0 ? "" : ` (${unanswered.join(", ")})`}\n${wroteLine}`);
    return;
  }
  const runModels = [...new Set(scores.lists.map((l) => l.model))];
  const report = await reportRun(data, scores, { iterations: options.iterations, seed: options.seed });
  process.stdout.write(`${flagText(formatRunReport(report, runModels))}\n`);
  if (baselines.length > 0) {
    const floor = baselines.some((b) => b.baseline === "noise-floor") ? "the noise floor (respondent counts known) and " : "";
    process.stdout.write(`\n${floor}baselines on the run's questions and groups, from the survey's human answers (lower is better)\n${formatTable(runBaselinesTable(baselines))}\n`);
  }
  if (options.fullTable === true) {
    const tables = await tableWithPaper(data.benchmark, scores.lists, { iterations: options.iterations, seed: options.seed });
    const [table1a, table1b] = reproductionTables({ ...tables, mode: "corrected", lists: [] });
    if (table1a !== undefined) process.stdout.write(`\ntable1a (corrected mode, with this run's models)\n${formatTable(table1a)}\n`);
    if (table1b !== undefined) process.stdout.write(`\ntable1b (corrected mode, with this run's models)\n${formatTable(table1b)}\n`);
  }
  process.stdout.write(wroteLine);
}

/** The ceiling of the adaptive limit: `--max-concurrency`, else 4 × `--concurrency`. */
function maxConcurrencyOf(flags: { concurrency: number; maxConcurrency?: number }): number {
  if (flags.maxConcurrency !== undefined && flags.maxConcurrency < flags.concurrency) {
    throw new UsageError(`--max-concurrency: below --concurrency (${flags.maxConcurrency} < ${flags.concurrency})`);
  }
  return flags.maxConcurrency ?? flags.concurrency * 4;
}

/** Registers `run` and `score`. */
export function registerRunCommand(program: Command): void {
  program
    .command("run")
    .description("run models on a grid of datasets × groups × steering × methods, resumably, and score them beside the paper's models")
    .option("--model <id>", "provider/model, repeatable (openai/…, anthropic/…, openai-compatible/…, paper/gpt-4)", collect, [])
    .option("--dataset <list>", `comma-separated of ${DATASETS.join(", ")} (default: all)`)
    .option("--survey <file>", "your own survey (.csv or .json, see `distalign survey check`) instead of the paper's datasets")
    .option("--persona <template>", 'with --survey: how persona prompts name the group, with {group} (default: a group of "{group}")')
    .option("--steering <list>", `comma-separated of ${STEERINGS.join(", ")} (default: persona,few-shot)`)
    .option("--method <list>", `comma-separated of ${METHODS.join(", ")} (default: all)`)
    .option("--groups <list>", "group values, e.g. Democrat,Male or nytimes:Female, GlobalOpinionQA slots 0,1,2 (default: the paper's)")
    .option("--limit <n>", "the first n questions of each dataset", positiveInteger("--limit"))
    .option("--samples <n>", "samples per prompt", positiveInteger("--samples"), 1)
    .option("--seed <n>", "seed of the letters drawn into few-shot answers, and of the bootstrap", nonNegativeInteger("--seed", MAX_SEED), 0)
    .addOption(choiceOption("--format-examples <source>", "ours, or the paper's prompt files", ["ours", "paper"]).default("ours"))
    .option("--temperature <t>", "sampling temperature (default: 1, the paper's)", nonNegativeNumber("--temperature"))
    .option("--max-tokens <n>", "cap on generated tokens (default: per method)", positiveInteger("--max-tokens"))
    .option("--concurrency <n>", "calls in flight at the start; the limit adapts to the provider's rate limits", positiveInteger("--concurrency"), 8)
    .option("--max-concurrency <n>", "ceiling of the adaptive limit (default: 4 × --concurrency)", positiveInteger("--max-concurrency"))
    .option("--batch", "send the calls through the providers' batch APIs (openai/…, anthropic/…) at the batch price; run again to collect")
    .option("--poll-interval <ms>", "with --batch: wait between polls of open batches", positiveInteger("--poll-interval"), 30_000)
    .option("--budget <usd>", "stop launching calls before this many USD are spent", nonNegativeNumber("--budget"))
    .addOption(new Option("--cache-mode <mode>", "response cache (default: DISTALIGN_CACHE_MODE, else read-write)").choices(CACHE_MODES))
    .option("--cache-dir <dir>", "response cache folder (default: DISTALIGN_CACHE_DIR, else cache/)")
    .option("--out <dir>", "run folder; re-running with the same folder resumes (default: output/runs/<name or timestamp>)")
    .option("--name <name>", "run name, for the default folder output/runs/<name>")
    .option("--base-url <url>", "server of openai-compatible/… models (default: OPENAI_COMPATIBLE_BASE_URL); gets OPENAI_COMPATIBLE_API_KEY only")
    .option("--openai-base-url <url>", "server of openai/… models, which gets OPENAI_API_KEY (default: OPENAI_BASE_URL, else the OpenAI API)")
    .option("--anthropic-base-url <url>", "server of anthropic/… models, which gets ANTHROPIC_API_KEY (default: ANTHROPIC_BASE_URL, else the Anthropic API)")
    .option("--reasoning-effort <level>", "reasoning_effort of OpenAI reasoning models (default: low)")
    .option("--thinking-budget <tokens>", "Anthropic thinking tokens on top of each answer's cap (default: 0, thinking off where the model allows)", nonNegativeInteger("--thinking-budget"))
    .option("--no-model-check", "do not look the models up in their server's model list (nor check a compatible server's log-probabilities) before the run")
    .option("--capabilities <file>", "JSON file declaring models the capability table does not know, e.g. {\"openai/my-model\": {\"logprobs\": true, \"maxTopLogprobs\": 20}}")
    .option("--dry-run", "print calls, tokens and cost per model; call nothing")
    .option("--retry-failed", "run items whose last call failed again")
    .option("--no-score", "do not score the run at the end")
    .option("--full-table", "also print Table 1a/1b with every paper model (corrected mode; needs all three datasets for a row)")
    .option("--iterations <n>", "bootstrap replicates of the scored table", positiveInteger("--iterations"), 1000)
    .addOption(choiceOption("--progress <mode>", "progress display", ["auto", "bar", "lines", "none"]).default("auto"))
    .option("--data-dir <dir>", "benchmark data directory (default: DISTALIGN_DATA_DIR, else data/upstream)")
    .action(async (flags: RunFlags) => {
      if (flags.out !== undefined && flags.name !== undefined) throw new UsageError("run: give --out or --name, not both");
      // Checked before anything else: a bad name must not cost a data load.
      if (flags.name !== undefined) defaultRunDir(flags.name);
      const outDir = resolve(flags.out ?? defaultRunDir(flags.name));
      if (flags.capabilities !== undefined) declareCapabilities(readCapabilitiesFile(flags.capabilities));
      if (flags.survey !== undefined && flags.dataset !== undefined) throw new UsageError("run: give --survey or --dataset, not both");
      if (flags.persona !== undefined) {
        if (flags.survey === undefined) throw new UsageError("--persona: only with --survey (the paper datasets keep the paper's wording)");
        checkPersonaTemplate(flags.persona, "--persona");
      }
      const survey = flags.survey === undefined ? undefined : loadSurvey(flags.survey);
      const options: BenchmarkRunOptions = {
        models: flags.model,
        datasets: list(flags.dataset) as Dataset[] | undefined,
        ...(survey === undefined ? {} : { survey, surveyFile: resolve(flags.survey as string) }),
        ...(flags.persona === undefined ? {} : { persona: flags.persona }),
        steerings: list(flags.steering) as Steering[] | undefined,
        methods: list(flags.method) as Method[] | undefined,
        groups: list(flags.groups),
        limit: flags.limit,
        samples: flags.samples,
        seed: flags.seed,
        formatExamples: flags.formatExamples,
        temperature: flags.temperature,
        maxTokens: flags.maxTokens,
        outputDir: outDir,
        dataDir: flags.dataDir,
        cacheMode: flags.cacheMode as BenchmarkRunOptions["cacheMode"],
        cacheDir: flags.cacheDir,
        baseUrl: flags.baseUrl,
        openAiBaseUrl: flags.openaiBaseUrl,
        anthropicBaseUrl: flags.anthropicBaseUrl,
        reasoningEffort: flags.reasoningEffort,
        thinkingBudget: flags.thinkingBudget,
        ...(flags.modelCheck ? {} : { checkModels: false }),
        concurrency: flags.concurrency,
        maxConcurrency: maxConcurrencyOf(flags),
        batch: flags.batch,
        pollIntervalMs: flags.pollInterval,
        budgetUsd: flags.budget,
        retryFailed: flags.retryFailed,
        progress: flags.progress,
      };
      const planned = await planRun(options);
      const total = planned.estimate;
      const resumeHint = flags.out === undefined && flags.name === undefined ? ` (resume with --out ${outDir})` : "";
      process.stdout.write(`${flags.dryRun === true ? "dry run" : "plan"}: ${planned.plan.items.length} items → ${outDir}${resumeHint}\n`);
      for (const estimate of planned.estimates) process.stdout.write(`  ${describeModelEstimate(estimate)}\n`);
      for (const short of planned.plan.shortFewShot) process.stdout.write(`  ${describeShortFewShot(short)}\n`);
      for (const cell of planned.plan.skipped) {
        process.stdout.write(`  ${cell.model}: ${cell.items} items of ${cell.dataset} ${cell.steering} ${cell.method} left out (the paper published no such outputs)\n`);
      }
      const cost = total.estimatedCostUsd === null ? `unknown cost (no price for ${total.unpricedModels.join(", ")})` : `≈ $${total.estimatedCostUsd.toFixed(4)}`;
      process.stdout.write(
        `  total: ${total.toRun} to run (${total.alreadyDone} done, ${total.skippedFailed} failed before), ${total.cached} cached, ` +
          `${total.calls} calls ≈ ${total.estimatedInputTokens.toLocaleString("en-US")} input + ≤${total.estimatedOutputTokens.toLocaleString("en-US")} output tokens, ` +
          `${cost} (${flags.batch === true ? "batch prices" : "prices"} as of ${total.pricesAsOf}; cache mode ${planned.options.cacheMode})\n`,
      );
      const skipped = describeSkipped(planned.pending);
      if (skipped !== undefined) process.stderr.write(`${flagText(skipped)}\n`);
      if (flags.dryRun === true) return;
      const interrupt = handleInterrupts(process.stderr);
      let summary: RunSummary;
      try {
        summary = await executeRun(planned, { signal: interrupt.signal, stopSignal: interrupt.stopSignal });
      } finally {
        interrupt.dispose();
      }
      const outcome = runOutcome(summary, outDir);
      if (outcome?.exitCode === 130) throw outcome;
      if (flags.score) await printScores(flags, outDir, planned.data, planned.plan.items);
      if (outcome !== undefined) throw outcome;
    });

  program
    .command("score")
    .description("score a run folder (its results.jsonl) beside the paper's models; writes DIR/scores/items.csv, summary.csv and baselines.csv (baselines and noise floor on the same items)")
    .argument("<dir>", "the run folder")
    .option("--seed <n>", "bootstrap seed", nonNegativeInteger("--seed", MAX_SEED), 0)
    .option("--iterations <n>", "bootstrap replicates", positiveInteger("--iterations"), 1000)
    .option("--full-table", "also print Table 1a/1b with every paper model (corrected mode)")
    .option("--data-dir <dir>", "benchmark data directory (default: DISTALIGN_DATA_DIR, else data/upstream)")
    .action(async (dir: string, flags: { seed: number; iterations: number; fullTable?: boolean; dataDir?: string }) => {
      checkRunFolder(resolve(dir));
      await printScores(flags, resolve(dir));
    });
}
