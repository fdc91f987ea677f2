/**
 * The benchmark data behind prompts: target questions as each group sees them, the few-shot
 * pools and similarity lists, and the paper's format-example files, loaded once and on demand.
 * `promptSpecFor` turns one (dataset, steering, method, group, question) into a `PromptSpec`.
 */
import { type GlobalSimilarity, loadGlobalSimilarity } from "../data/globalvalues";
import { type NytBook, loadNytSimilarity } from "../data/nytimes";
import { OPINIONQA_ATTRIBUTES, type OpinionQaQuestion, loadOpinionQa, loadOpinionQaSimilarity } from "../data/opinionqa";
import { loadPromptInput } from "../data/prompt-inputs";
import type { GroupRef } from "../data/results";
import { UsageError } from "../errors";
import type { BenchmarkData } from "../benchmark/benchmark-data";
import { paperSources } from "../survey/paper-sources";
import type { SurveySource, TargetQuestion } from "../survey/source";
import { type Dataset, type DatasetName, type Method, type Steering, isPaperDataset } from "../types";
import type { SelectedExample } from "./few-shot-selection";
import type { FormatExampleSource, PromptSpec } from "./types";

/** Loaded prompt inputs on top of the benchmark data. Every loader reads its files once. */
export interface PromptData {
  readonly benchmark: BenchmarkData;
  /** The 494-question OpinionQA pool of an attribute, by id. */
  opinionQaPool(attribute: string): ReadonlyMap<string, OpinionQaQuestion>;
  opinionQaSimilarity(): Readonly<Record<string, readonly string[]>>;
  nytBooksById(): ReadonlyMap<string, NytBook>;
  nytSimilarity(): Readonly<Record<string, readonly string[]>>;
  globalSimilarity(): GlobalSimilarity;
  /** The paper's format-example text for a dataset × method × steering. */
  paperFormatText(dataset: Dataset, method: Method, steering: Steering): string;
  /**
   * The source of a dataset: a paper dataset, or a user survey added by `withSurveySource`.
   * @throws {UsageError} for a name the data has no source for
   */
  source(name: DatasetName): SurveySource;
}

function once<T>(load: () => T): () => T {
  let value: T | undefined;
  let loaded = false;
  return () => {
    if (!loaded) {
      value = load();
      loaded = true;
    }
    return value as T;
  };
}

/**
 * Wraps loaded benchmark data with the prompt inputs, read lazily from its data directory.
 * @example
 * const prompts = loadPromptData(loadBenchmarkData(requireDataDir()));
 */
export function loadPromptData(benchmark: BenchmarkData): PromptData {
  const pools = new Map<string, ReadonlyMap<string, OpinionQaQuestion>>();
  const paperTexts = new Map<string, string>();
  let sources: ReturnType<typeof paperSources> | undefined;
  const data: PromptData = {
    benchmark,
    source(name) {
      if (!isPaperDataset(name)) throw new UsageError(`${name}: not a dataset (datasets: opinionqa, nytimes, globalvalues, or a survey file)`);
      sources ??= paperSources(data);
      return sources[name];
    },
    opinionQaPool(attribute) {
      let pool = pools.get(attribute);
      if (pool === undefined) {
        const known = (OPINIONQA_ATTRIBUTES as readonly string[]).includes(attribute);
        pool = known ? new Map(loadOpinionQa(dir(), attribute as (typeof OPINIONQA_ATTRIBUTES)[number], "500").map((q) => [q.id, q])) : new Map();
        pools.set(attribute, pool);
      }
      return pool;
    },
    opinionQaSimilarity: once(() => loadOpinionQaSimilarity(dir(), "500")),
    nytBooksById: once(() => new Map(benchmark.nytBooks.map((book) => [book.id, book]))),
    nytSimilarity: once(() => loadNytSimilarity(dir())),
    globalSimilarity: once(() => loadGlobalSimilarity(dir())),
    paperFormatText(dataset, method, steering) {
      const key = `${dataset}/${method}/${steering}`;
      let text = paperTexts.get(key);
      if (text === undefined) {
        text = loadPromptInput(dir(), dataset, method, steering);
        paperTexts.set(key, text);
      }
      return text;
    },
  };
  const dir = () => benchmark.dataDir;
  return data;
}

/**
 * Benchmark data loaded on first use: a run on a user survey with live models never reads the
 * paper's data directory; anything that reads the benchmark loads it then (and fails then when
 * no data directory is configured).
 */
export function lazyBenchmarkData(load: () => BenchmarkData): BenchmarkData {
  let loaded: BenchmarkData | undefined;
  const target = () => (loaded ??= load());
  return new Proxy({} as BenchmarkData, {
    get: (_, key) => Reflect.get(target(), key),
    has: (_, key) => Reflect.has(target(), key),
  });
}

/**
 * The prompt data with one more source, a user survey's: `source(name)` answers it by its name,
 * every other member is the data's own.
 * @throws {UsageError} when the source takes a paper dataset's name
 */
export function withSurveySource(data: PromptData, added: SurveySource): PromptData {
  if (isPaperDataset(added.name)) throw new UsageError(`${added.name}: a user survey cannot be named after a paper dataset`);
  return { ...data, source: (name) => (name === added.name ? added : data.source(name)) };
}

/** The paper's format-example text of a source. @throws {UsageError} when it has none (user surveys) */
function paperFormatTextOf(source: SurveySource, method: Method, steering: Steering): string {
  if (source.paperFormatText === undefined) throw new UsageError(`${source.name}: the paper's format examples exist for its own datasets only (use the format examples "ours")`);
  return source.paperFormatText(method, steering);
}

/** The question ids of a paper dataset's scored questions, in the dataset file's order. */
export function datasetQuestionIds(benchmark: BenchmarkData, dataset: Dataset): string[] {
  return paperSources(loadPromptData(benchmark))[dataset].questionIds();
}

export { opinionQaRespondentOptions } from "../survey/paper-sources";
export type { TargetQuestion } from "../survey/source";

/**
 * The target question of a paper dataset's prompt: for persona and few-shot steering, as the
 * group sees it (OpinionQA: the options the group used, alphabetically; GlobalOpinionQA: with
 * the slot's country); without steering, the question as everyone sees it. Undefined when the
 * question or the group's answers do not exist. (`SurveySource.targetQuestion` of any source.)
 * @param group the group for persona and few-shot; ignored without steering
 */
export function targetQuestion(
  benchmark: BenchmarkData,
  dataset: Dataset,
  steering: Steering,
  group: GroupRef | undefined,
  questionId: string,
): TargetQuestion | undefined {
  return paperSources(loadPromptData(benchmark))[dataset].targetQuestion(steering, group, questionId);
}

/**
 * The few-shot examples of a target question for a group (docs/protocol.md §2.4).
 * @returns the chosen examples with the ids they come from; empty when the group has no answers
 * @throws {UsageError} for a dataset the data has no source for
 */
export function fewShotExamplesFor(data: PromptData, dataset: DatasetName, group: GroupRef, questionId: string): SelectedExample[] {
  return data.source(dataset).fewShotExamples(group, questionId);
}

/** What `promptSpecFor` needs besides the data. */
export interface PromptRequest {
  /** A paper dataset, or the name of a user survey the data holds (`withSurveySource`). */
  readonly dataset: DatasetName;
  readonly steering: Steering;
  readonly method: Method;
  /** Required for persona and few-shot. */
  readonly group?: GroupRef;
  readonly questionId: string;
  /** @default "ours" */
  readonly formatExamples?: FormatExampleSource;
  /** @default 0 */
  readonly seed?: number;
}

/**
 * The prompt spec of one (dataset, steering, method, group, question), with the few-shot
 * examples chosen by the rule of docs/protocol.md §2.4 and, for `formatExamples: "paper"`, the paper's
 * format-example text. Undefined when the group has no answers to the question (nothing to ask),
 * or few-shot steering finds no example.
 * @throws {DataError} when a data file is missing or malformed
 */
export function promptSpecFor(data: PromptData, request: PromptRequest): { spec: PromptSpec; fewShotIds: string[] } | undefined {
  const source = data.source(request.dataset);
  const target = source.targetQuestion(request.steering, request.group, request.questionId);
  if (target === undefined) return undefined;
  const formatExamples = request.formatExamples ?? "ours";
  const selected = request.steering === "few-shot" && request.group !== undefined ? source.fewShotExamples(request.group, request.questionId) : [];
  if (request.steering === "few-shot" && selected.length === 0) return undefined;
  const spec: PromptSpec = {
    dataset: request.dataset,
    steering: request.steering,
    method: request.method,
    question: { text: target.text, options: target.options },
    ...(target.persona === undefined ? {} : { persona: target.persona }),
    ...(request.steering === "few-shot" ? { fewShot: selected.map((s) => s.example) } : {}),
    formatExamples,
    ...(formatExamples === "paper" ? { paperFormatText: paperFormatTextOf(source, request.method, request.steering) } : {}),
    seed: request.seed ?? 0,
  };
  return { spec, fewShotIds: selected.map((s) => s.id) };
}
