/**
 * The published-output source behind `paper/<model>`: a run's request is mapped back, through
 * its work item's metadata (never by reading the prompt), to the dataset, steering, method,
 * group and question, and answered with the response the paper stored for them (docs/protocol.md §4.1).
 */
import type { PublishedOutputSource } from "../backends/paper";
import type { Completion, CompletionRequest } from "../backends/types";
import { cacheKey } from "../cache/cache-key";
import { hasPublishedCell, type ResultCell, type ResultEntry } from "../data/results";
import { DataError } from "../errors";
import type { BenchmarkData } from "../benchmark/benchmark-data";
import type { WorkItem } from "../executor/types";
import { isPaperDataset } from "../types";
import type { RunUnit } from "./types";

/** The group file a published answer is read from: NONE/Democrat without steering, else the steered group's. */
function cellGroup(unit: RunUnit): { attribute: string; value: string } {
  return unit.steering === "none" ? { attribute: "NONE", value: "Democrat" } : (unit.groups[0] ?? { attribute: "NONE", value: "Democrat" });
}

const entryMaps = new WeakMap<ResultCell, Map<string, ResultEntry>>();

function entryOf(cell: ResultCell, key: string): ResultEntry | undefined {
  let map = entryMaps.get(cell);
  if (map === undefined) {
    map = new Map(cell.entries.map((entry) => [entry.key, entry]));
    entryMaps.set(cell, map);
  }
  return map.get(key);
}

function describe(model: string, unit: RunUnit): string {
  const group = unit.steering === "none" ? "all groups" : `${cellGroup(unit).value}`;
  return `${model}: ${unit.dataset} ${unit.steering} ${unit.method} ${group} ${unit.questionId.replace(/\s+/g, " ").slice(0, 60)}`;
}

/**
 * The published completion of a paper model for a unit: the stored response text and, for
 * log-probabilities, one answer position whose alternatives are the option letters with their
 * stored probabilities (letters with none left out), which the strict Log-p parser reads back
 * as the stored mass, renormalized.
 * @param benchmark the loaded data (result files are read once)
 * @param model a paper model name ("gpt-4") or id ("paper/gpt-4")
 * @param unit what was asked
 * @throws {DataError} when the paper published nothing for it, or its answer has another number of options than the prompt
 */
export function publishedCompletion(benchmark: BenchmarkData, model: string, unit: RunUnit): Completion {
  const name = model.startsWith("paper/") ? model.slice("paper/".length) : model;
  const where = describe(`paper/${name}`, unit);
  if (!isPaperDataset(unit.dataset)) throw new DataError(`${where}: the paper published no outputs for a user survey`);
  if (!hasPublishedCell({ dataset: unit.dataset, method: unit.method, model: name, steering: unit.steering })) {
    throw new DataError(`${where}: the paper published no such outputs`);
  }
  let cell: ResultCell;
  try {
    cell = benchmark.cell({ dataset: unit.dataset, method: unit.method, model: name, steering: unit.steering, group: cellGroup(unit) });
  } catch (error) {
    throw new DataError(`${where}: no published file (${(error as Error).message})`, undefined, undefined, { cause: error });
  }
  const entry = entryOf(cell, unit.questionId);
  const letters = entry === undefined ? [] : Object.keys(entry.prediction);
  if (entry === undefined || letters.length === 0) throw new DataError(`${where}: no published answer for this question`, cell.file, unit.questionId);
  if (letters.length !== unit.options.length) {
    throw new DataError(`${where}: the published answer has ${letters.length} options, the prompt ${unit.options.length}`, cell.file, unit.questionId);
  }
  const base = { usage: { inputTokens: 0, outputTokens: 0 }, model: name, finishReason: "stop" };
  if (unit.method !== "logprobs") return { ...base, text: entry.response ?? "" };
  // Stored masses may sum to slightly above 1 (1 + 1e-8); dividing by the sum keeps every
  // logprob ≤ 0 and changes nothing after the parser's renormalization.
  const masses = letters.map((letter) => ({ token: letter, p: entry.prediction[letter] ?? 0 })).filter((a) => a.p > 0);
  const scale = Math.max(1, masses.reduce((sum, a) => sum + a.p, 0));
  const alternatives = masses.map((a) => ({ token: a.token, logprob: Math.log(a.p / scale) }));
  const emitted = entry.response?.trim() ?? "";
  const chosen = alternatives.find((a) => a.token === emitted) ?? alternatives.reduce<{ token: string; logprob: number } | undefined>((best, a) => (best === undefined || a.logprob > best.logprob ? a : best), undefined);
  return {
    ...base,
    text: emitted === "" ? (chosen?.token ?? "") : emitted,
    tokens: [{ token: chosen?.token ?? emitted, logprob: chosen?.logprob ?? 0, topLogprobs: alternatives }],
  };
}

/**
 * A published-output source for a run's items: each `paper/…` request is matched to its item by
 * the request's cache key, then answered by `publishedCompletion` from the item's metadata.
 * @param benchmark the loaded data
 * @param items the run's work items (items of other models are ignored)
 * @example
 * const backend = createPaperBackend("paper/gpt-4", createPublishedSource(benchmark, items));
 */
export function createPublishedSource(benchmark: BenchmarkData, items: readonly WorkItem<RunUnit>[]): PublishedOutputSource {
  const units = new Map<string, RunUnit>();
  for (const item of items) {
    if (item.request.model.startsWith("paper/") && item.meta !== undefined) units.set(cacheKey(item.request), item.meta);
  }
  return {
    async find(request: CompletionRequest): Promise<Completion | undefined> {
      const unit = units.get(cacheKey(request));
      if (unit === undefined) return undefined;
      return publishedCompletion(benchmark, request.model, unit);
    },
  };
}
