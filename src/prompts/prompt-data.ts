/**
 * The benchmark data behind prompts: target questions as each group sees them, the few-shot
 * pools and similarity lists, and the paper's format-example files, loaded once and on demand.
 * `promptSpecFor` turns one (dataset, steering, method, group, question) into a `PromptSpec`.
 */
import { type GlobalSimilarity, globalGroupQuestion, loadGlobalSimilarity } from "../data/globalvalues";
import { type NytBook, loadNytSimilarity, nytGroupQuestion, nytQuestionText } from "../data/nytimes";
import {
  OPINIONQA_ATTRIBUTES,
  type OpinionQaQuestion,
  loadOpinionQa,
  loadOpinionQaSimilarity,
  opinionQaGroupQuestion,
} from "../data/opinionqa";
import { loadPromptInput } from "../data/prompt-inputs";
import type { GroupRef } from "../data/results";
import type { BenchmarkData } from "../reproduce/benchmark-data";
import type { Dataset, Method, Steering } from "../types";
import { type SelectedExample, selectGlobalExamples, selectNytExamples, selectOpinionQaExamples } from "./few-shot-selection";
import type { FormatExampleSource, PromptPersona, PromptSpec } from "./types";

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
  const dir = benchmark.dataDir;
  const pools = new Map<string, ReadonlyMap<string, OpinionQaQuestion>>();
  const paperTexts = new Map<string, string>();
  return {
    benchmark,
    opinionQaPool(attribute) {
      let pool = pools.get(attribute);
      if (pool === undefined) {
        const known = (OPINIONQA_ATTRIBUTES as readonly string[]).includes(attribute);
        pool = known ? new Map(loadOpinionQa(dir, attribute as (typeof OPINIONQA_ATTRIBUTES)[number], "500").map((q) => [q.id, q])) : new Map();
        pools.set(attribute, pool);
      }
      return pool;
    },
    opinionQaSimilarity: once(() => loadOpinionQaSimilarity(dir, "500")),
    nytBooksById: once(() => new Map(benchmark.nytBooks.map((book) => [book.id, book]))),
    nytSimilarity: once(() => loadNytSimilarity(dir)),
    globalSimilarity: once(() => loadGlobalSimilarity(dir)),
    paperFormatText(dataset, method, steering) {
      const key = `${dataset}/${method}/${steering}`;
      let text = paperTexts.get(key);
      if (text === undefined) {
        text = loadPromptInput(dir, dataset, method, steering);
        paperTexts.set(key, text);
      }
      return text;
    },
  };
}

/** The question ids of a dataset's scored questions, in the dataset file's order. */
export function datasetQuestionIds(benchmark: BenchmarkData, dataset: Dataset): string[] {
  if (dataset === "opinionqa") return [...(benchmark.opinionQa["POLPARTY"]?.keys() ?? [])];
  if (dataset === "nytimes") return benchmark.nytBooks.map((book) => book.id);
  return [...benchmark.globalQuestions.keys()];
}

/**
 * The options of an OpinionQA question without steering: every option some respondent chose,
 * in alphabetical order (the lettering of the paper's no-steering prompts, docs/protocol.md §5.1).
 */
export function opinionQaRespondentOptions(questions: readonly OpinionQaQuestion[]): string[] {
  const used = new Set<string>();
  for (const question of questions) {
    for (const counts of Object.values(question.counts)) for (const [option, count] of Object.entries(counts)) if (count > 0) used.add(option);
  }
  return [...used].sort();
}

/** A target question as the prompt letters it, with the persona it is asked for. */
export interface TargetQuestion {
  readonly text: string;
  readonly options: readonly string[];
  readonly persona?: PromptPersona;
}

/**
 * The target question of a prompt: for persona and few-shot steering, as the group sees it
 * (OpinionQA: the options the group used, alphabetically; GlobalOpinionQA: with the slot's
 * country); without steering, the question as everyone sees it. Undefined when the question or
 * the group's answers do not exist.
 * @param group the group for persona and few-shot; ignored without steering
 */
export function targetQuestion(
  benchmark: BenchmarkData,
  dataset: Dataset,
  steering: Steering,
  group: GroupRef | undefined,
  questionId: string,
): TargetQuestion | undefined {
  if (dataset === "opinionqa") {
    if (steering === "none") {
      const versions = OPINIONQA_ATTRIBUTES.flatMap((attribute) => {
        const question = benchmark.opinionQa[attribute]?.get(questionId);
        return question === undefined ? [] : [question];
      });
      const first = versions[0];
      return first === undefined ? undefined : { text: first.text, options: opinionQaRespondentOptions(versions) };
    }
    if (group === undefined) return undefined;
    const question = benchmark.opinionQa[group.attribute]?.get(questionId);
    const seen = question === undefined ? undefined : opinionQaGroupQuestion(question, group.value);
    return seen === undefined ? undefined : { text: seen.text, options: seen.options, persona: { kind: "group", name: group.value } };
  }
  if (dataset === "nytimes") {
    const book = benchmark.nytBooks.find((b) => b.id === questionId);
    if (book === undefined) return undefined;
    if (steering === "none") return { text: nytQuestionText(book), options: book.options };
    const seen = group === undefined ? undefined : nytGroupQuestion(book, group.value);
    return seen === undefined ? undefined : { text: seen.text, options: seen.options, persona: { kind: "group", name: group?.value ?? "" } };
  }
  const question = benchmark.globalQuestions.get(questionId);
  if (question === undefined) return undefined;
  if (steering === "none") return { text: question.id, options: question.options };
  const seen = group === undefined ? undefined : globalGroupQuestion(question, group.value);
  return seen === undefined ? undefined : { text: seen.text, options: seen.options, persona: { kind: "country", name: seen.group } };
}

/**
 * The few-shot examples of a target question for a group (docs/protocol.md §2.4).
 * @returns the chosen examples with the ids they come from; empty when the group has no answers
 */
export function fewShotExamplesFor(data: PromptData, dataset: Dataset, group: GroupRef, questionId: string): SelectedExample[] {
  const benchmark = data.benchmark;
  if (dataset === "opinionqa") {
    const pool = data.opinionQaPool(group.attribute);
    const target = pool.get(questionId) ?? benchmark.opinionQa[group.attribute]?.get(questionId);
    if (target === undefined) return [];
    return selectOpinionQaExamples(target, group.value, data.opinionQaSimilarity()[questionId] ?? [], pool);
  }
  if (dataset === "nytimes") {
    const books = data.nytBooksById();
    const target = books.get(questionId);
    return target === undefined ? [] : selectNytExamples(target, group.value, data.nytSimilarity()[questionId] ?? [], books);
  }
  const question = benchmark.globalQuestions.get(questionId);
  const country = question === undefined ? undefined : globalGroupQuestion(question, group.value)?.group;
  return country === undefined ? [] : selectGlobalExamples(questionId, country, data.globalSimilarity());
}

/** What `promptSpecFor` needs besides the data. */
export interface PromptRequest {
  readonly dataset: Dataset;
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
  const target = targetQuestion(data.benchmark, request.dataset, request.steering, request.group, request.questionId);
  if (target === undefined) return undefined;
  const formatExamples = request.formatExamples ?? "ours";
  const selected = request.steering === "few-shot" && request.group !== undefined ? fewShotExamplesFor(data, request.dataset, request.group, request.questionId) : [];
  if (request.steering === "few-shot" && selected.length === 0) return undefined;
  const spec: PromptSpec = {
    dataset: request.dataset,
    steering: request.steering,
    method: request.method,
    question: { text: target.text, options: target.options },
    ...(target.persona === undefined ? {} : { persona: target.persona }),
    ...(request.steering === "few-shot" ? { fewShot: selected.map((s) => s.example) } : {}),
    formatExamples,
    ...(formatExamples === "paper" ? { paperFormatText: data.paperFormatText(request.dataset, request.method, request.steering) } : {}),
    seed: request.seed ?? 0,
  };
  return { spec, fewShotIds: selected.map((s) => s.id) };
}
