/**
 * Everything a reproduction reads, loaded once: datasets, published result files (memoised)
 * and the human-annotation exports.
 */
import { type GlobalQuestion, loadGlobalQuestions } from "../data/globalvalues";
import { type HumanDataset, loadHumanExports } from "../data/human";
import { type NytBook, loadNytBooks } from "../data/nytimes";
import { join } from "node:path";
import { OPINIONQA_ATTRIBUTES, type OpinionQaQuestion, loadOpinionQa, opinionQaPath } from "../data/opinionqa";
import { type ResultCell, type ResultCellRef, loadResultCell, resultPath } from "../data/results";
import type { QualtricsExport } from "../data/qualtrics";
import { DataError } from "../errors";
import type { Steering } from "../types";
import { checkResultCell } from "./result-checks";

/** Loaded benchmark data with memoised loaders of the result files and human exports. */
export interface BenchmarkData {
  readonly dataDir: string;
  /** OpinionQA 100-question set by attribute, keyed by question id. */
  readonly opinionQa: Readonly<Record<string, ReadonlyMap<string, OpinionQaQuestion>>>;
  readonly nytBooks: readonly NytBook[];
  /** GlobalOpinionQA questions keyed by text. */
  readonly globalQuestions: ReadonlyMap<string, GlobalQuestion>;
  /** Loads (once) a published result file, checked against the datasets. */
  cell(ref: ResultCellRef): ResultCell;
  /** Loads (once) the human-annotation exports of a dataset and steering. */
  humanExports(dataset: HumanDataset, steering: Steering): readonly QualtricsExport[];
}

/**
 * The attribute files of OpinionQA must hold the same questions in the same order; the one that
 * differs from the other two is named.
 */
function checkSameQuestions(dataDir: string, byAttribute: Record<string, readonly string[]>): void {
  const lists = Object.entries(byAttribute);
  const same = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((id, i) => id === b[i]);
  for (const [attribute, ids] of lists) {
    const others = lists.filter(([other]) => other !== attribute).map(([, list]) => list);
    if (others.length < 2 || !others.every((list) => same(list, others[0] as readonly string[])) || same(ids, others[0] as readonly string[])) continue;
    const reference = others[0] as readonly string[];
    const file = join(dataDir, opinionQaPath("100", `${attribute}_data.json`));
    const index = ids.findIndex((id, i) => id !== reference[i]);
    const key = ids[index] ?? reference[index] ?? "(top level)";
    throw new DataError(`${file}: ${key}: the questions differ from the other attributes' files (position ${index + 1})`, file, key);
  }
}

/**
 * Loads the datasets, validated; result files are read lazily on first use and checked against them.
 * @throws {DataError} naming the file and key of the first fault
 */
export function loadBenchmarkData(dataDir: string): BenchmarkData {
  const opinionQa: Record<string, Map<string, OpinionQaQuestion>> = {};
  for (const attribute of OPINIONQA_ATTRIBUTES) {
    opinionQa[attribute] = new Map(loadOpinionQa(dataDir, attribute).map((q) => [q.id, q]));
  }
  checkSameQuestions(dataDir, Object.fromEntries(Object.entries(opinionQa).map(([attribute, map]) => [attribute, [...map.keys()]])));
  const cells = new Map<string, ResultCell>();
  const humanExportsLoaded = new Map<string, readonly QualtricsExport[]>();
  const data: BenchmarkData = {
    dataDir,
    opinionQa,
    nytBooks: loadNytBooks(dataDir),
    globalQuestions: new Map(loadGlobalQuestions(dataDir).map((q) => [q.id, q])),
    cell(ref) {
      const path = resultPath(ref);
      let cell = cells.get(path);
      if (cell === undefined) {
        cell = loadResultCell(dataDir, ref);
        checkResultCell(data, cell);
        cells.set(path, cell);
      }
      return cell;
    },
    humanExports(dataset, steering) {
      const key = `${dataset}/${steering}`;
      let loaded = humanExportsLoaded.get(key);
      if (loaded === undefined) {
        loaded = loadHumanExports(dataDir, dataset, steering);
        humanExportsLoaded.set(key, loaded);
      }
      return loaded;
    },
  };
  return data;
}
