/**
 * NYT Book Opinions: 235 books, how likely Democrats, Republicans, men and women are to read
 * each, on a 4-point scale (docs/protocol.md §2.2).
 */
import { join } from "node:path";
import { DataError } from "../errors";
import type { GroupQuestion } from "../types";
import { readDataObject, readIdLists } from "./data-dir";
import { expectArray, expectCount, expectKeys, expectRecord, expectString } from "./validate";

/** The groups with ratings. */
export const NYTIMES_GROUPS = ["Democrat", "Republican", "Male", "Female"] as const;

/** One book with rating counts per group, options in Likert order. */
export interface NytBook {
  /** "Title By Author". */
  readonly id: string;
  readonly genre: string;
  readonly summary: string;
  readonly options: readonly string[];
  /** Group → counts aligned with `options`. */
  readonly counts: Readonly<Record<string, readonly number[]>>;
}

/** Books in the dataset. */
export const NYT_BOOK_COUNT = 235;

/** The answer options of every book, in Likert order. */
const NYT_OPTIONS = ["1: Very unlikely", "2: Somewhat unlikely", "3: Somewhat likely", "4: Very likely"] as const;

/** The question asked about every book. */
export function nytQuestionText(book: Pick<NytBook, "id" | "genre" | "summary">): string {
  return `Book Title: ${book.id}\nBook Genre: ${book.genre}\nBook Summary: ${book.summary}\nHow likely are you to read this book?`;
}

/**
 * Loads `nytimes/NONE_data.json`, the file scoring uses, validating it against the dataset's
 * shape: 235 books, the four Likert options, and for every group a non-negative integer count
 * of every option (zeros included), at least one rating in all.
 * @throws {DataError} naming the file and book (and group, option) at fault
 */
export function loadNytBooks(dataDir: string): NytBook[] {
  const { file, json } = readDataObject(dataDir, join("nytimes", "NONE_data.json"));
  const ids = Object.keys(json);
  if (ids.length !== NYT_BOOK_COUNT) throw new DataError(`${file}: (top level): ${ids.length} books where the dataset has ${NYT_BOOK_COUNT}`, file, "(top level)");
  return Object.entries(json).map(([id, raw]) => {
    const record = expectRecord(raw, file, id);
    expectKeys(Object.keys(record).sort(), ["MC_options", "genre", "summary", ...NYTIMES_GROUPS].sort(), file, id, "field");
    const options = expectArray(record["MC_options"], file, `${id}.MC_options`).map((o, i) =>
      expectString(o, file, `${id}.MC_options[${i}]`),
    );
    expectKeys(options, NYT_OPTIONS, file, `${id}.MC_options`, "option");
    const counts: Record<string, number[]> = {};
    for (const group of NYTIMES_GROUPS) {
      const key = `${id}.${group}`;
      const byOption = expectRecord(record[group], file, key);
      expectKeys(Object.keys(byOption), options, file, key, "option");
      counts[group] = options.map((option) => expectCount(byOption[option], file, `${key}.${option}`));
      if ((counts[group] as number[]).every((c) => c === 0)) throw new DataError(`${file}: ${key}: no ratings`, file, key);
    }
    return {
      id,
      genre: expectString(record["genre"], file, `${id}.genre`),
      summary: expectString(record["summary"], file, `${id}.summary`),
      options,
      counts,
    };
  });
}

/** A book as one group's question: distribution = counts / n in Likert order. Undefined when the group has no ratings. */
export function nytGroupQuestion(book: NytBook, group: string): GroupQuestion | undefined {
  const counts = book.counts[group];
  if (counts === undefined) return undefined;
  const total = counts.reduce((a, b) => a + b, 0);
  if (total <= 0) return undefined;
  return {
    dataset: "nytimes",
    id: book.id,
    text: nytQuestionText(book),
    group,
    options: book.options,
    distribution: counts.map((c) => c / total),
    respondents: total,
  };
}

/** Each book's 10 nearest other books by summary embedding, nearest first. */
export function loadNytSimilarity(dataDir: string): Record<string, string[]> {
  return readIdLists(dataDir, join("nytimes", "question_similarity_top10.json"));
}
