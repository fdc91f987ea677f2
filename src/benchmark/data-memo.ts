/**
 * Values derived from loaded benchmark data, computed on first use and kept as long as the data
 * is: the surveys, scales and scale orders built from it, and its lookups by id.
 */
import type { NytBook } from "../data/nytimes";
import type { BenchmarkData } from "./benchmark-data";

/**
 * A memo of values derived from loaded data, by key: `compute` runs on a key's first use with
 * that data, and its result (undefined included) is returned from then on.
 * @example
 * const surveys = memoPerData<Dataset, Survey>();
 * surveys(data, "nytimes", () => nytSurvey(data.dataDir));
 */
export function memoPerData<K, V>(): (data: BenchmarkData, key: K, compute: () => V) => V {
  const memo = new WeakMap<BenchmarkData, Map<K, V>>();
  return (data, key, compute) => {
    let byKey = memo.get(data);
    if (byKey === undefined) {
      byKey = new Map();
      memo.set(data, byKey);
    }
    if (byKey.has(key)) return byKey.get(key) as V;
    const value = compute();
    byKey.set(key, value);
    return value;
  };
}

const booksById = memoPerData<"books", ReadonlyMap<string, NytBook>>();

/** The NYT book of the loaded data with this id (the result files' key), if any. */
export function nytBook(data: BenchmarkData, id: string): NytBook | undefined {
  return booksById(data, "books", () => new Map(data.nytBooks.map((b) => [b.id, b]))).get(id);
}
