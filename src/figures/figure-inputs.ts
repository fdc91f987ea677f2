/**
 * Reading the inputs of the figure computations: thin compositions of the data-layer loaders,
 * so that a notebook needs one call. The computations themselves take these inputs and do no I/O.
 */
import { requireDataDir } from "../data/data-dir";
import { loadHumanExports, loadNytIndividualRatings } from "../data/human";
import { type NytBook, loadNytBooks } from "../data/nytimes";
import type { QualtricsExport } from "../data/qualtrics";
import { type BenchmarkData, loadBenchmarkData } from "../benchmark/benchmark-data";
import type { Steering } from "../types";
import type { StereotypeInputs } from "./persona-stereotypes";

/** The inputs of Fig. 3: the books and, per book, each group's individual ratings. */
export interface PartisanBookInputs {
  readonly books: readonly NytBook[];
  readonly ratings: readonly Readonly<Record<string, readonly number[]>>[];
}

/**
 * Loads the NYT books and the individual annotators' ratings (rebuilt from the data-collection
 * surveys, docs/protocol.md §2.2).
 * @param dataDir the data directory. @default the configured one
 * @throws {DataError} when the data directory or a file is missing or malformed
 */
export function loadPartisanBookInputs(dataDir?: string): PartisanBookInputs {
  const dir = requireDataDir(dataDir);
  const books = loadNytBooks(dir);
  return { books, ratings: loadNytIndividualRatings(dir, books.length) };
}

/**
 * Loads the inputs of Fig. 5: the NYT books, the NYT human-annotation exports of the three
 * steering conditions and a (memoised) result-file loader.
 * @param data already-loaded benchmark data to share. @default loaded from the configured data directory
 * @throws {DataError} when the data directory or a file is missing or malformed
 */
export function loadStereotypeInputs(data?: BenchmarkData): StereotypeInputs {
  const loaded = data ?? loadBenchmarkData(requireDataDir());
  const humanExports: Partial<Record<Steering, readonly QualtricsExport[]>> = {};
  for (const steering of ["none", "persona", "few-shot"] as const) {
    humanExports[steering] = loadHumanExports(loaded.dataDir, "nytimes", steering);
  }
  return { books: loaded.nytBooks, humanExports, cell: (ref) => loaded.cell(ref) };
}
