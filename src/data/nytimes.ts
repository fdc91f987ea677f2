/**
 * NYT Book Opinions: 235 books, how likely Democrats, Republicans, men and women are to read
 * each, on a 4-point scale (PROTOCOL §2.2).
 */
import { join } from "node:path";
import { DataError } from "../errors";
import type { GroupQuestion } from "../types";
import { readDataObject, readIdLists } from "./data-dir";
import { expectArray, expectNumberRecord, expectRecord, expectString } from "./validate";

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

/** The question asked about every book. */
export function nytQuestionText(book: Pick<NytBook, "id" | "genre" | "summary">): string {
  return `Book Title: ${book.id}\nBook Genre: ${book.genre}\nBook Summary: ${book.summary}\nHow likely are you to read this book?`;
}

/**
 * Loads `nytimes/NONE_data.json`, the file scoring uses.
 * @throws {DataError} naming the file and book when counts are missing or do not match the options
 */
export function loadNytBooks(dataDir: string): NytBook[] {
  const { file, json } = readDataObject(dataDir, join("nytimes", "NONE_data.json"));
  return Object.entries(json).map(([id, raw]) => {
    const record = expectRecord(raw, file, id);
    const options = expectArray(record["MC_options"], file, `${id}.MC_options`).map((o, i) =>
      expectString(o, file, `${id}.MC_options[${i}]`),
    );
    const counts: Record<string, number[]> = {};
    for (const group of NYTIMES_GROUPS) {
      const byOption = expectNumberRecord(record[group], file, `${id}.${group}`);
      for (const option of Object.keys(byOption)) {
        if (!options.includes(option)) throw new DataError(`${file}: ${id}.${group}: unknown option "${option}"`, file, id);
      }
      counts[group] = options.map((option) => byOption[option] ?? 0);
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
