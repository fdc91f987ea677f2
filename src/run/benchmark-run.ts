/**
 * A benchmark run end to end: plan the grid and price it per model, run it through the
 * resumable runner, and score it beside the paper's models. Shared by `distalign run` and the
 * notebooks.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { PassThrough } from "node:stream";
import { join } from "node:path";
import { outputDir as configuredOutputDir } from "../config";
import { requireDataDir } from "../data/data-dir";
import { type PromptData, loadPromptData } from "../prompts/prompt-data";
import { loadBenchmarkData } from "../reproduce/benchmark-data";
import { RESULTS_FILE, readResults } from "../runner/results-file";
import { runItems } from "../runner/run-items";
import type { ProgressMode, RunSummary } from "../runner/types";
import { matchedPaperScores } from "./compare-with-paper";
import { type ModelEstimate, estimateByModel } from "./estimate-run";
import { type GridPlan, planGrid, planModels } from "./grid";
import { type RunBackendOptions, lookupBackends, resolveCacheMode, runBackends } from "./run-backends";
import { type RunTableRow, runGaps, runTable } from "./run-table";
import { type RunScores, scoreRunLines } from "./score-run";
import type { GridSpec } from "./types";
import { METHODS, PAPER_MODELS } from "../types";

/** The file that records a run's grid next to its results. */
export const RUN_SPEC_FILE = "run.json";

/** Options of a benchmark run: the grid, where it goes, how models are reached, and the runner's settings. */
export interface BenchmarkRunOptions extends GridSpec, RunBackendOptions {
  /** The run's folder (results.jsonl, summary.json, run.json). Re-using it resumes the run. */
  readonly outputDir: string;
  /** Loaded data; else loaded from `dataDir`. */
  readonly data?: PromptData;
  /** @default the configured data directory */
  readonly dataDir?: string;
  /** @default 8 */
  readonly concurrency?: number;
  /** Stop launching calls once this many USD would be exceeded. */
  readonly budgetUsd?: number;
  /** @default false */
  readonly retryFailed?: boolean;
  /** @default "auto" */
  readonly progress?: ProgressMode;
  /** Where progress and reports go. @default process.stderr */
  readonly output?: NodeJS.WritableStream & { isTTY?: boolean };
  readonly stopSignal?: AbortSignal;
  readonly signal?: AbortSignal;
}

/** A planned run: its items and its price per model, nothing spent yet. */
export interface PlannedRun {
  readonly options: BenchmarkRunOptions;
  readonly data: PromptData;
  readonly plan: GridPlan;
  readonly estimates: readonly ModelEstimate[];
}

/**
 * The benchmark and prompt data of runs, from the configured data directory (or `dataDir`).
 * @throws {DataError} when no data directory is configured or it is malformed
 */
export function loadRunData(dataDir?: string): PromptData {
  return loadPromptData(loadBenchmarkData(requireDataDir(dataDir)));
}

/**
 * `output/runs/<name>`, or `output/runs/<UTC timestamp>` (e.g. 20250101-120000) without a name.
 */
export function defaultRunDir(name?: string, now: Date = new Date()): string {
  const stamp = now.toISOString().replace(/[-:]/g, "").replace("T", "-").slice(0, 15);
  return join(configuredOutputDir(), "runs", name ?? stamp);
}

/**
 * Plans a run and prices it per model (calls, tokens, USD), counting items already done in the
 * folder and requests the cache answers. Nothing is called and nothing is written.
 * @throws {UsageError} for an impossible model × method pair, a bad grid value or cache mode
 * @throws {DataError} when the data directory is missing
 */
export async function planRun(options: BenchmarkRunOptions): Promise<PlannedRun> {
  const cacheMode = resolveCacheMode(options.cacheMode);
  planModels(options.models, options.methods ?? METHODS, options.temperature);
  const data = options.data ?? loadRunData(options.dataDir);
  const plan = planGrid(data, options);
  const estimates = await estimateByModel(plan.items, {
    outputDir: options.outputDir,
    backendOf: await lookupBackends(options.models, { ...options, cacheMode }),
    retryFailed: options.retryFailed,
  });
  return { options: { ...options, cacheMode }, data, plan, estimates };
}

/** Per-execution settings of `executeRun` that do not change what is run. */
export interface ExecuteOptions {
  /** No progress and no report lines (notebooks show the summary instead). @default false */
  readonly quiet?: boolean;
  readonly signal?: AbortSignal;
  readonly stopSignal?: AbortSignal;
}

/**
 * Runs a planned run: records its grid in run.json, then every pending item through the
 * resumable runner (items already ok are skipped, failed ones re-run only with `retryFailed`).
 * @returns the runner's summary
 * @throws {UsageError} for a missing API key or a budget that cannot be kept
 */
export async function executeRun(planned: PlannedRun, execution: ExecuteOptions = {}): Promise<RunSummary> {
  const { plan, data } = planned;
  const options: BenchmarkRunOptions = {
    ...planned.options,
    ...(execution.quiet === true ? { progress: "none" as const, output: new PassThrough() } : {}),
    ...(execution.signal === undefined ? {} : { signal: execution.signal }),
    ...(execution.stopSignal === undefined ? {} : { stopSignal: execution.stopSignal }),
  };
  mkdirSync(options.outputDir, { recursive: true });
  const spec: GridSpec = {
    models: options.models,
    datasets: options.datasets,
    steerings: options.steerings,
    methods: options.methods,
    groups: options.groups,
    limit: options.limit,
    samples: options.samples,
    seed: options.seed,
    formatExamples: options.formatExamples,
    temperature: options.temperature,
    maxTokens: options.maxTokens,
  };
  writeFileSync(join(options.outputDir, RUN_SPEC_FILE), `${JSON.stringify({ ...spec, items: plan.items.length }, null, 2)}\n`);
  return runItems(plan.items, {
    outputDir: options.outputDir,
    backend: await runBackends(data.benchmark, plan.items, options),
    concurrency: options.concurrency,
    retryFailed: options.retryFailed,
    budgetUsd: options.budgetUsd,
    progress: options.progress,
    output: options.output,
    stopSignal: options.stopSignal,
    signal: options.signal,
  });
}

/**
 * Scores the results.jsonl of a run folder.
 * @param onlyIds score only these items (e.g. the current grid's), not everything the folder holds
 */
export function scoreRunDir(data: PromptData, outputDir: string, onlyIds?: ReadonlySet<string>): RunScores {
  const lines = [...readResults(join(outputDir, RESULTS_FILE)).latest.values()];
  return scoreRunLines(data.benchmark, onlyIds === undefined ? lines : lines.filter((line) => onlyIds.has(line.id)));
}

/** Scores the items of a planned run (and nothing else its folder may hold). */
export function scorePlannedRun(planned: PlannedRun): RunScores {
  return scoreRunDir(planned.data, planned.options.outputDir, new Set(planned.plan.items.map((item) => item.id)));
}

/** A scored run beside the paper's models on the same questions and groups. */
export interface RunReport {
  readonly scores: RunScores;
  /** The paper's five models scored on the run's units (named as in the paper: "gpt-4"). */
  readonly paper: RunScores;
  /** Table 1-style rows: the run's models first, then the paper's. */
  readonly rows: readonly RunTableRow[];
  /** K2S per model and steering. */
  readonly gaps: readonly { model: string; steering: string; kss: number }[];
}

/** Options of `reportRun`. */
export interface ReportOptions {
  /** @default 1000 */
  readonly iterations?: number;
  /** @default 0 */
  readonly seed?: number;
  /** Leave out the paper's models. @default false */
  readonly withoutPaper?: boolean;
}

/**
 * Scores a run and tabulates it beside the paper's models matched on the same items: each paper
 * model's published outputs for exactly the run's questions and groups, scored the same way.
 */
export async function reportRun(data: PromptData, scores: RunScores, options: ReportOptions = {}): Promise<RunReport> {
  const paper = options.withoutPaper === true || scores.units.length === 0 ? emptyScores() : matchedPaperScores(data.benchmark, scores.units);
  const runModels = [...new Set(scores.lists.map((l) => l.model))];
  const rows = await runTable([...scores.lists, ...paper.lists], { iterations: options.iterations, seed: options.seed, models: [...runModels, ...PAPER_MODELS] });
  return { scores, paper, rows, gaps: runGaps(rows) };
}

function emptyScores(): RunScores {
  return { items: [], lists: [], parseRates: [], temperatures: [], failedCalls: {}, units: [] };
}

