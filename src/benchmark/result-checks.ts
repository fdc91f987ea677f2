/**
 * A published result file checked against the datasets it was computed from: it must hold
 * exactly the dataset's questions in the dataset's order, a prediction for every question its
 * group has data for, and, as its stored human distributions, the dataset's own (the deviations
 * of the published files are listed in known-irregularities.ts).
 */
import { join, relative } from "node:path";
import { DataError } from "../errors";
import { globalGroupQuestion } from "../data/globalvalues";
import { storedCountrySlot } from "../data/known-irregularities";
import { nytGroupQuestion } from "../data/nytimes";
import { opinionQaGroupQuestion, opinionQaPath } from "../data/opinionqa";
import { type GroupRef, type ResultCell, SCORED_GROUPS } from "../data/results";
import { expectKeys } from "../data/validate";
import type { Dataset } from "../types";
import type { BenchmarkData } from "./benchmark-data";
import { nytBook } from "./data-memo";

/** Stored and dataset distributions agree to this (they are the same counts / n, printed by Python). */
const SAME_DISTRIBUTION = 1e-9;

/** The file that defines a dataset's questions, relative to the data directory. */
function datasetDefinitionFile(dataset: Dataset): string {
  if (dataset === "opinionqa") return opinionQaPath("100", "POLPARTY_data.json");
  return dataset === "nytimes" ? join("nytimes", "NONE_data.json") : join("Global_Values", "data", "data.json");
}

/** The dataset's question keys in order. */
function datasetKeys(data: BenchmarkData, dataset: Dataset): string[] {
  if (dataset === "opinionqa") return [...(data.opinionQa["POLPARTY"]?.keys() ?? [])];
  return dataset === "nytimes" ? data.nytBooks.map((b) => b.id) : [...data.globalQuestions.keys()];
}

/** A group's distribution of a question as the dataset defines it; undefined when the group has no data. */
function datasetDistribution(data: BenchmarkData, dataset: Dataset, group: GroupRef, key: string, slot: number): readonly number[] | undefined {
  if (dataset === "opinionqa") {
    const question = data.opinionQa[group.attribute]?.get(key);
    return question === undefined ? undefined : opinionQaGroupQuestion(question, group.value)?.distribution;
  }
  if (dataset === "nytimes") {
    const book = nytBook(data, key);
    return book === undefined ? undefined : nytGroupQuestion(book, group.value)?.distribution;
  }
  const question = data.globalQuestions.get(key);
  return question === undefined ? undefined : globalGroupQuestion(question, String(slot))?.distribution;
}

function checkStored(
  stored: Readonly<Record<string, number>> | undefined,
  truth: readonly number[] | undefined,
  file: string,
  key: string,
  source: string,
): void {
  const values = Object.values(stored ?? {});
  if (truth === undefined) {
    if (values.length > 0) throw new DataError(`${file}: ${key}: a distribution where ${source} has no respondents`, file, key);
    return;
  }
  if (values.length !== truth.length) {
    throw new DataError(`${file}: ${key}: ${values.length} options where ${source} has ${truth.length}`, file, key);
  }
  const differs = values.findIndex((v, i) => !(Math.abs(v - (truth[i] as number)) <= SAME_DISTRIBUTION));
  if (differs >= 0) {
    throw new DataError(`${file}: ${key}: option ${differs + 1} is ${values[differs]} where ${source} gives ${truth[differs]}`, file, key);
  }
}

/**
 * Checks a loaded result cell against the datasets.
 * @throws {DataError} naming the result file and the key, and the dataset file it disagrees with
 */
export function checkResultCell(data: BenchmarkData, cell: ResultCell): void {
  const source = join(data.dataDir, datasetDefinitionFile(cell.dataset));
  const relativePath = relative(data.dataDir, cell.file);
  const keys = datasetKeys(data, cell.dataset);
  expectKeys(
    cell.entries.map((e) => e.key),
    keys,
    cell.file,
    "(top level)",
    "question",
    source,
  );
  const groups = cell.steering === "none" ? SCORED_GROUPS[cell.dataset] : [cell.group];
  for (const entry of cell.entries) {
    for (const group of groups) {
      const slot = cell.dataset === "globalvalues" ? storedCountrySlot(relativePath, Number(group.value)) : 0;
      const truth = datasetDistribution(data, cell.dataset, group, entry.key, slot);
      if (cell.steering === "none") {
        const field = `${group.attribute}_${group.value}`;
        checkStored(entry.expectedByGroup[field], truth, cell.file, `${entry.key}.expected_results_${field}`, source);
      } else {
        checkStored(entry.expected, truth, cell.file, `${entry.key}.expected_results`, source);
      }
    }
    const predicted = Object.keys(entry.prediction).length > 0;
    const hasData = cell.steering === "none" || Object.keys(entry.expected ?? {}).length > 0;
    if (!predicted && hasData) throw new DataError(`${cell.file}: ${entry.key}.avg_actual_results: no prediction`, cell.file, `${entry.key}.avg_actual_results`);
  }
}
