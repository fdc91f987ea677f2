/**
 * GlobalOpinionQA: 100 questions from Pew's Global Attitudes surveys, each with the answer
 * distributions of three countries (docs/protocol.md §2.3).
 */
import { join } from "node:path";
import { DataError } from "../errors";
import type { GroupQuestion } from "../types";
import { readDataObject } from "./data-dir";
import { expectArray, expectDistribution, expectKeys, expectNumber, expectRecord, expectString } from "./validate";

/** Questions in the subset. */
const GLOBAL_QUESTION_COUNT = 100;

/** Tolerance of a country's distribution sum: the published proportions are not renormalized (sums 0.998–1.002). */
export const GLOBAL_SUM_TOLERANCE = 0.005;

/** One question with its countries' distributions aligned with `options`. */
export interface GlobalQuestion {
  /** The question text, which is also its key. */
  readonly id: string;
  readonly options: readonly string[];
  /** The countries in slot order; groups "0", "1", "2" of the result files are slots 0–2. */
  readonly countries: readonly string[];
  readonly distributions: Readonly<Record<string, readonly number[]>>;
}

/**
 * Parses the Python list literal that `MC_options` holds, e.g. `['Yes', "Don't know"]`.
 * @throws {DataError} naming file and key when it is not a list of quoted strings
 */
export function parsePythonStringList(text: string, file: string, key: string): string[] {
  const items: string[] = [];
  const pattern = /\s*(?:'((?:[^'\\]|\\.)*)'|"((?:[^"\\]|\\.)*)")\s*(,|\])/gy;
  const trimmed = text.trim();
  if (!trimmed.startsWith("[")) throw new DataError(`${file}: ${key}: MC_options is not a list literal`, file, key);
  pattern.lastIndex = 1;
  if (/^\[\s*\]$/.test(trimmed)) return items;
  for (;;) {
    const match = pattern.exec(trimmed);
    if (match === null) throw new DataError(`${file}: ${key}: cannot read MC_options list literal`, file, key);
    items.push((match[1] ?? match[2] ?? "").replace(/\\(.)/g, "$1"));
    if (match[3] === "]") break;
  }
  return items;
}

/**
 * Loads `Global_Values/data/data.json`, validating it against the subset's shape: 100 questions,
 * at least two options and three distinct countries each, and for every country a distribution
 * over the options (non-negative, summing to 1 within GLOBAL_SUM_TOLERANCE).
 * @throws {DataError} naming the file and question (and country) at fault
 */
export function loadGlobalQuestions(dataDir: string): GlobalQuestion[] {
  const { file, json } = readDataObject(dataDir, join("Global_Values", "data", "data.json"));
  const ids = Object.keys(json);
  if (ids.length !== GLOBAL_QUESTION_COUNT) {
    throw new DataError(`${file}: (top level): ${ids.length} questions where the subset has ${GLOBAL_QUESTION_COUNT}`, file, "(top level)");
  }
  return Object.entries(json).map(([id, raw]) => {
    const record = expectRecord(raw, file, id);
    const options = parsePythonStringList(expectString(record["MC_options"], file, `${id}.MC_options`), file, `${id}.MC_options`);
    if (options.length < 2 || new Set(options).size !== options.length) {
      throw new DataError(`${file}: ${id}.MC_options: expected at least two distinct options (${options.length})`, file, `${id}.MC_options`);
    }
    const countries = expectArray(record["countries"], file, `${id}.countries`).map((c, i) =>
      expectString(c, file, `${id}.countries[${i}]`),
    );
    if (countries.length < 3 || new Set(countries).size !== countries.length) {
      throw new DataError(`${file}: ${id}.countries: expected at least three distinct countries (${countries.join(", ")})`, file, `${id}.countries`);
    }
    expectKeys(Object.keys(record).sort(), ["MC_options", "countries", ...countries].sort(), file, id, "field");
    const distributions: Record<string, number[]> = {};
    for (const country of countries) {
      const key = `${id}.${country}`;
      const values = expectArray(record[country], file, key).map((v, i) => expectNumber(v, file, `${key}[${i}]`));
      if (values.length !== options.length) {
        throw new DataError(`${file}: ${key}: ${values.length} values for ${options.length} options`, file, key);
      }
      distributions[country] = expectDistribution(values, file, key, GLOBAL_SUM_TOLERANCE);
    }
    return { id, options, countries, distributions };
  });
}

/** The question as one country's group question (slot "0", "1", "2", or the country name). */
export function globalGroupQuestion(question: GlobalQuestion, slotOrCountry: string): GroupQuestion | undefined {
  const country = /^\d$/.test(slotOrCountry) ? question.countries[Number(slotOrCountry)] : slotOrCountry;
  if (country === undefined) return undefined;
  const distribution = question.distributions[country];
  if (distribution === undefined) return undefined;
  return { dataset: "globalvalues", id: question.id, text: question.id, group: country, options: question.options, distribution };
}

/** Few-shot source: question → country → similar questions, each with that country's option → proportion map. */
export type GlobalSimilarity = Record<string, Record<string, { question: string; distribution: Record<string, number> }[]>>;

/** Loads `Global_Values/data/question_similarity.json` (docs/protocol.md §2.3). */
export function loadGlobalSimilarity(dataDir: string): GlobalSimilarity {
  const { file, json } = readDataObject(dataDir, join("Global_Values", "data", "question_similarity.json"));
  const out: GlobalSimilarity = {};
  for (const [question, byCountry] of Object.entries(json)) {
    const countries: GlobalSimilarity[string] = {};
    for (const [country, similar] of Object.entries(expectRecord(byCountry, file, question))) {
      const list: { question: string; distribution: Record<string, number> }[] = [];
      for (const [other, wrapped] of Object.entries(expectRecord(similar, file, `${question}.${country}`))) {
        const first = expectArray(wrapped, file, `${question}.${country}.${other}`)[0];
        const distribution: Record<string, number> = {};
        for (const [option, p] of Object.entries(expectRecord(first, file, `${question}.${country}.${other}[0]`))) {
          distribution[option] = expectNumber(p, file, `${question}.${country}.${other}.${option}`);
        }
        list.push({ question: other, distribution });
      }
      countries[country] = list;
    }
    out[question] = countries;
  }
  return out;
}
