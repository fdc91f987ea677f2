/**
 * A benchmark run end to end: plan the grid and price it per model, run it through the
 * resumable executor, and score it beside the paper's models. Shared by `distalign run` and the
 * notebooks.
 */
import { existsSync, readFileSync, statSync } from "node:fs";
import { PassThrough } from "node:stream";
import { join } from "node:path";
import { parseModelId } from "../backends/model-id";
import { cacheDir as configuredCacheDir, outputDir as configuredOutputDir } from "../config";
import { requireDataDir } from "../data/data-dir";
import { type PromptData, lazyBenchmarkData, loadPromptData } from "../prompts/prompt-data";
import { loadSurvey } from "../survey/user-file";
import type { Survey } from "../survey/types";
import { type SurveyResolver, paperSurveyResolver } from "../backends/baseline-backend";
import { loadBenchmarkData } from "../benchmark/benchmark-data";
import { DataError, UsageError } from "../errors";
import { estimatePending, findPending, type PendingWork } from "../executor/pending";
import { batchPrices, PRICES } from "../executor/prices";
import { writeFileAtomicSync } from "../files";
import { RESULTS_FILE } from "../executor/results-file";
import { runItems } from "../executor/run-items";
import { checkWritableFolder, lockRunFolder, makeRunFolder } from "../executor/run-lock";
import type { ProgressMode, ResultLine, RunEstimate, RunSummary, WorkItem } from "../executor/types";
import { matchedPaperScores } from "./compare-with-paper";
import { type ModelEstimate, estimateByModel } from "./estimate-run";
import { type GridPlan, type PlannedUnit, gridSources, itemId, planGrid, planModels, planUnits } from "./grid";
import { type RunBackendOptions, isOffline, lookupBackends, resolveCacheMode, runBackends } from "./run-backends";
import { scaleOrderOf } from "./run-baselines";
import { type RunTableRow, runGaps, runTable } from "./run-table";
import { type ItemRow, itemRows, type RunScores } from "./score-run";
import { type GridEntry, scoreResultsFile } from "./score-stream";
import type { FormatExampleSource } from "../prompts/types";
import type { GridSpec, RunItemMeta, RunUnit } from "./types";
import { writeSafely } from "../executor/safe-write";
import type { GroupRef } from "../data/results";
import { type Dataset, METHODS, type Method, PAPER_MODELS, type Steering } from "../types";
import { loadLazily } from "../modules";

/** The batch modules, loaded only by batch runs (they load the provider SDKs). */
async function loadBatch(): Promise<typeof import("../batch/run-batch") & typeof import("../batch/batch-backends")> {
  return loadLazily(
    () => ({ ...(require("../batch/run-batch") as typeof import("../batch/run-batch")), ...(require("../batch/batch-backends") as typeof import("../batch/batch-backends")) }),
    async () => ({ ...(await import("../batch/run-batch")), ...(await import("../batch/batch-backends")) }),
  );
}

/** The file that records a run's grid next to its results. */
export const RUN_SPEC_FILE = "run.json";

/** Options of a benchmark run: the grid, where it goes, how models are reached, and the executor's settings. */
export interface BenchmarkRunOptions extends GridSpec, RunBackendOptions {
  /** The run's folder (results.jsonl, summary.json, run.json). Re-using it resumes the run. */
  readonly outputDir: string;
  /** Loaded data; else loaded from `dataDir`. */
  readonly data?: PromptData;
  /** @default the configured data directory */
  readonly dataDir?: string;
  /** Calls in flight at the start; the limit adapts to the provider's rate limits. @default 8 */
  readonly concurrency?: number;
  /** The most calls in flight the adaptive limit may reach. @default 4 × concurrency */
  readonly maxConcurrency?: number;
  /** Send the live calls through the providers' batch APIs, at the batch price. @default false */
  readonly batch?: boolean;
  /** Batch runs: the wait between polls. @unit milliseconds @default 30_000 */
  readonly pollIntervalMs?: number;
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

/** A planned run: its items, what is left of them, and its price, nothing spent yet. */
export interface PlannedRun {
  readonly options: BenchmarkRunOptions;
  readonly data: PromptData;
  readonly plan: GridPlan;
  /** What is left to do (results.jsonl read, cache looked up); `executeRun` runs exactly this. */
  readonly pending: PendingWork<RunItemMeta>;
  /** Per model. */
  readonly estimates: readonly ModelEstimate[];
  /** The whole run (at batch prices for a batch run). */
  readonly estimate: RunEstimate;
}

/**
 * The benchmark and prompt data of runs, from the configured data directory (or `dataDir`).
 * @throws {DataError} when no data directory is configured or it is malformed
 */
export function loadRunData(dataDir?: string): PromptData {
  // Loaded on first use: a user survey run with live models does not need the paper's data.
  return loadPromptData(lazyBenchmarkData(() => loadBenchmarkData(requireDataDir(dataDir))));
}

/** A run name: one folder name of letters, digits, `.`, `_`, `-` (not starting with `.`). */
const RUN_NAME = /^[A-Za-z0-9_-][A-Za-z0-9._-]*$/;

/**
 * `output/runs/<name>`, or `output/runs/<UTC timestamp>` (e.g. 20250101-120000) without a name.
 * The name is one folder inside output/runs/, never a path.
 * @throws {UsageError} for a name that is empty, absolute, holds a separator or `..`, or other characters
 */
export function defaultRunDir(name?: string, now: Date = new Date()): string {
  const stamp = now.toISOString().replace(/[-:]/g, "").replace("T", "-").slice(0, 15);
  if (name !== undefined && (!RUN_NAME.test(name) || name.length > 100)) {
    throw new UsageError(
      `name: a run name is one folder name inside output/runs/ (letters, digits, ".", "_", "-", not starting with "."; got ${JSON.stringify(name)}); use outputDir for another place`,
      { option: "name" },
    );
  }
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
  const data = gridSources(options.data ?? loadRunData(options.dataDir), options).data;
  const plan = planGrid(data, options);
  const backendOf = await lookupBackends(options.models, { ...options, cacheMode });
  const held = options.batch === true ? (await loadBatch()).openBatchItems(options.outputDir) : undefined;
  const pending = await findPending(plan.items, { outputDir: options.outputDir, backendOf, retryFailed: options.retryFailed, ...(held === undefined ? {} : { held }) });
  const prices = options.batch === true ? batchPrices() : PRICES;
  const estimates = estimateByModel(pending, { backendOf, prices });
  const estimate = estimatePending(pending, { prices, outputTokenCapOf: (model) => backendOf(model).outputTokenCap });
  return { options: { ...options, cacheMode }, data, plan, pending, estimates, estimate };
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
 * resumable executor (items already ok are skipped, failed ones re-run only with `retryFailed`).
 * @returns the executor's summary
 * @throws {UsageError} for a missing API key or a budget that cannot be kept
 */
export async function executeRun(planned: PlannedRun, execution: ExecuteOptions = {}): Promise<RunSummary> {
  const options: BenchmarkRunOptions = {
    ...planned.options,
    ...(execution.quiet === true ? { progress: "none" as const, output: new PassThrough() } : {}),
    ...(execution.signal === undefined ? {} : { signal: execution.signal }),
    ...(execution.stopSignal === undefined ? {} : { stopSignal: execution.stopSignal }),
  };
  const cacheMode = options.cacheMode ?? "read-write";
  if ((cacheMode === "read-write" || cacheMode === "refresh") && options.models.some((model) => !isOffline(model))) {
    // Before anything is paid for: an answer that cannot be cached is paid for again on every run.
    checkWritableFolder(configuredCacheDir(options.cacheDir), "cache folder", "give a writable cacheDir (or DISTALIGN_CACHE_DIR), or cacheMode off");
  }
  makeRunFolder(options.outputDir);
  // The folder is locked before run.json is written, so a refused second process changes nothing in it.
  const lock = await lockRunFolder(options.outputDir, (message) => writeSafely(options.output ?? process.stderr, `${message}\n`));
  try {
    return await executeLocked(planned, options);
  } finally {
    await lock.release();
  }
}

async function executeLocked(planned: PlannedRun, options: BenchmarkRunOptions): Promise<RunSummary> {
  const { plan, data, pending } = planned;
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
    surveyFile: options.surveyFile,
    persona: options.persona,
  };
  writeFileAtomicSync(join(options.outputDir, RUN_SPEC_FILE), `${JSON.stringify({ ...spec, items: plan.items.length }, null, 2)}\n`);
  const backend = await runBackends(data.benchmark, plan.items, { ...options, surveyOf: options.surveyOf ?? runSurveys(data, options.survey) });
  if (options.batch === true) {
    const { batchApis, runBatch } = await loadBatch();
    return runBatch(plan.items, {
      outputDir: options.outputDir,
      pending,
      folderLocked: true,
      backend,
      batchApiOf: batchApis(options.models, options),
      cache: { mode: options.cacheMode ?? "read-write", dir: options.cacheDir },
      pollIntervalMs: options.pollIntervalMs,
      retryFailed: options.retryFailed,
      budgetUsd: options.budgetUsd,
      progress: options.progress,
      output: options.output,
      stopSignal: options.stopSignal,
      signal: options.signal,
    });
  }
  return runItems(plan.items, {
    outputDir: options.outputDir,
    pending,
    folderLocked: true,
    backend,
    concurrency: options.concurrency,
    maxConcurrency: options.maxConcurrency,
    retryFailed: options.retryFailed,
    budgetUsd: options.budgetUsd,
    progress: options.progress,
    output: options.output,
    stopSignal: options.stopSignal,
    signal: options.signal,
  });
}

/** The surveys baseline backends answer from: the run's user survey, else the paper's datasets (read when first asked for). */
function runSurveys(data: PromptData, survey: Survey | undefined): SurveyResolver {
  let paper: SurveyResolver | undefined;
  return (name) => {
    if (survey !== undefined && name === survey.name) return survey;
    paper ??= paperSurveyResolver(data.benchmark.dataDir);
    return paper(name);
  };
}

/** A scored run folder, with what was wrong in it. */
export interface RunFolderScores extends RunScores {
  /** Result lines not scored (malformed, or naming items outside the run's grid), each naming the line. */
  readonly warnings: readonly string[];
  /** Every item of the grid, scored or with the reason it is not (`scores/items.csv`). */
  readonly rows: readonly ItemRow[];
  /** The data the run was scored with, its survey's source included (for `runBaselines`). */
  readonly data: PromptData;
}

/**
 * Checks that a folder is a run folder (written by `distalign run`: run.json and results.jsonl).
 * @throws {UsageError} for a missing path, a file, or a folder without run.json or results.jsonl
 */
export function checkRunFolder(dir: string): void {
  let isFolder: boolean;
  try {
    isFolder = statSync(dir).isDirectory();
  } catch {
    throw new UsageError(`${dir}: no such run folder`);
  }
  if (!isFolder) throw new UsageError(`${dir}: not a run folder (a file; give the folder distalign run wrote, e.g. output/runs/<name>)`);
  for (const name of [RUN_SPEC_FILE, RESULTS_FILE]) {
    if (!existsSync(join(dir, name))) throw new UsageError(`${dir}: not a run folder (no ${name}; distalign run writes ${RUN_SPEC_FILE} and ${RESULTS_FILE})`);
  }
}

function specError(file: string, key: string, what: string): DataError {
  return new DataError(`${file}: ${key}: ${what}`, file, key);
}

/**
 * The grid recorded in a run folder's run.json, checked member by member.
 * @throws {DataError} naming run.json and the member for anything that is not a grid
 */
export function readRunSpec(dir: string): GridSpec {
  const file = join(dir, RUN_SPEC_FILE);
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    throw new DataError(`${file}: not valid JSON (${(error as Error).message})`, file);
  }
  if (value === null || typeof value !== "object" || Array.isArray(value)) throw new DataError(`${file}: not a JSON object`, file);
  const spec = value as Record<string, unknown>;
  const strings = (key: string, required: boolean): string[] | undefined => {
    const member = spec[key];
    if (member === undefined && !required) return undefined;
    if (!Array.isArray(member) || member.some((v) => typeof v !== "string") || (required && member.length === 0)) {
      throw specError(file, key, `not a${required ? " non-empty" : "n"} array of strings (${JSON.stringify(member)})`);
    }
    return member as string[];
  };
  const number = (key: string): number | undefined => {
    const member = spec[key];
    if (member === undefined) return undefined;
    if (typeof member !== "number" || !Number.isFinite(member)) throw specError(file, key, `not a number (${JSON.stringify(member)})`);
    return member;
  };
  const recorded = spec.formatExamples;
  if (recorded !== undefined && recorded !== "ours" && recorded !== "paper") {
    throw specError(file, "formatExamples", `not "ours" or "paper" (${JSON.stringify(recorded)})`);
  }
  const formatExamples = recorded as FormatExampleSource | undefined;
  return {
    models: strings("models", true) as string[],
    datasets: strings("datasets", false) as Dataset[] | undefined,
    steerings: strings("steerings", false) as Steering[] | undefined,
    methods: strings("methods", false) as Method[] | undefined,
    groups: strings("groups", false),
    limit: number("limit"),
    samples: number("samples"),
    seed: number("seed"),
    formatExamples,
    temperature: number("temperature"),
    maxTokens: number("maxTokens"),
    ...surveyOf(spec, file),
  };
}

/** The user survey a run.json records (`surveyFile`, `persona`), loaded again. */
function surveyOf(spec: Record<string, unknown>, file: string): Pick<GridSpec, "survey" | "surveyFile" | "persona"> {
  const surveyFile = spec.surveyFile;
  const persona = spec.persona as string | undefined;
  if (persona !== undefined && typeof persona !== "string") throw specError(file, "persona", `not a string (${JSON.stringify(persona)})`);
  if (surveyFile === undefined) return persona === undefined ? {} : { persona };
  if (typeof surveyFile !== "string") throw specError(file, "surveyFile", `not a string (${JSON.stringify(surveyFile)})`);
  return { survey: loadSurvey(surveyFile as string), surveyFile: surveyFile as string, ...(persona === undefined ? {} : { persona }) };
}

/** The ids and units of a recorded grid: every model × unit × sample, as `planGrid` names them (a unit's samples share its object). */
function gridEntries(data: PromptData, spec: GridSpec, file: string): GridEntry[] {
  let units: PlannedUnit[];
  try {
    units = planUnits(data, spec, { prompts: false });
  } catch (error) {
    if (error instanceof UsageError) throw new DataError(`${file}: ${error.message}`, file);
    throw error;
  }
  const samples = spec.samples ?? 1;
  if (!(Number.isInteger(samples) && samples >= 1)) throw specError(file, "samples", `not a positive integer (${samples})`);
  const entries: GridEntry[] = [];
  for (const model of new Set(spec.models)) {
    for (const { unit } of units) {
      for (let sample = 0; sample < samples; sample++) entries.push({ id: itemId(model, unit, sample), model, unit });
    }
  }
  return entries;
}

/**
 * Scores the results.jsonl of a run folder against the run's grid: only lines of the grid's items
 * are scored, each with the grid's own metadata for its item; malformed lines and lines naming
 * items outside the grid are reported in `warnings` and count in no denominator.
 * @param items the grid's items (a planned run's); else the grid recorded in the folder's run.json
 * @throws {UsageError} when `items` is not given and the folder is not a run folder
 * @throws {DataError} for a run.json that does not hold a grid
 */
export function scoreRunDir(data: PromptData, outputDir: string, items?: readonly WorkItem<RunItemMeta>[]): RunFolderScores {
  const resultsFile = join(outputDir, RESULTS_FILE);
  let grid: GridEntry[];
  if (items === undefined) {
    checkRunFolder(outputDir);
    const spec = readRunSpec(outputDir);
    const file = join(outputDir, RUN_SPEC_FILE);
    try {
      data = gridSources(data, spec).data;
    } catch (error) {
      if (error instanceof UsageError) throw new DataError(`${file}: ${error.message}`, file);
      throw error;
    }
    grid = gridEntries(data, spec, file);
  } else {
    grid = items.map((item) => ({ id: item.id, model: item.request.model, unit: item.meta as RunItemMeta }));
  }
  const truthOf = (unit: RunUnit, group: GroupRef) => data.source(unit.dataset).truth(unit.steering, group, unit.questionId, unit.options.length);
  const { scores, warnings, statuses } = scoreResultsFile(data.benchmark, resultsFile, grid, truthOf);
  return { ...scores, warnings, rows: itemRows(statuses(), scores, truthOf, scaleOrderOf(data)), data };
}

/** Scores the items of a planned run (and nothing else its folder may hold). */
export function scorePlannedRun(planned: PlannedRun): RunFolderScores {
  return scoreRunDir(planned.data, planned.options.outputDir, planned.plan.items);
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
  return { items: [], lists: [], parseRates: [], temperatures: [], failedCalls: {}, truncatedCalls: {}, refusedCalls: {}, units: [] };
}

