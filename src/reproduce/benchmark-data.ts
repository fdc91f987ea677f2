/**
 * Everything a reproduction reads, loaded once: datasets, published result files (memoised)
 * and the human-annotation exports.
 */
import { type GlobalQuestion, loadGlobalQuestions } from "../data/globalvalues";
import { type NytBook, loadNytBooks } from "../data/nytimes";
import { OPINIONQA_ATTRIBUTES, type OpinionQaQuestion, loadOpinionQa } from "../data/opinionqa";
import { type ResultCell, type ResultCellRef, loadResultCell, resultPath } from "../data/results";

/** Loaded benchmark data with a memoised result-file loader. */
export interface BenchmarkData {
  readonly dataDir: string;
  /** OpinionQA 100-question set by attribute, keyed by question id. */
  readonly opinionQa: Readonly<Record<string, ReadonlyMap<string, OpinionQaQuestion>>>;
  readonly nytBooks: readonly NytBook[];
  /** GlobalOpinionQA questions keyed by text. */
  readonly globalQuestions: ReadonlyMap<string, GlobalQuestion>;
  /** Loads (once) a published result file. */
  cell(ref: ResultCellRef): ResultCell;
}

/** Loads the datasets; result files are read lazily on first use. */
export function loadBenchmarkData(dataDir: string): BenchmarkData {
  const opinionQa: Record<string, Map<string, OpinionQaQuestion>> = {};
  for (const attribute of OPINIONQA_ATTRIBUTES) {
    opinionQa[attribute] = new Map(loadOpinionQa(dataDir, attribute).map((q) => [q.id, q]));
  }
  const cells = new Map<string, ResultCell>();
  return {
    dataDir,
    opinionQa,
    nytBooks: loadNytBooks(dataDir),
    globalQuestions: new Map(loadGlobalQuestions(dataDir).map((q) => [q.id, q])),
    cell(ref) {
      const path = resultPath(ref);
      let cell = cells.get(path);
      if (cell === undefined) {
        cell = loadResultCell(dataDir, ref);
        cells.set(path, cell);
      }
      return cell;
    },
  };
}
