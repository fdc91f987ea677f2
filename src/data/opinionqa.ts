/**
 * OpinionQA (Pew American Trends Panel): the 100 contentious questions scored by the paper and
 * the 494-question pool few-shot examples come from (docs/protocol.md §2.1).
 */
import { join } from "node:path";
import { DataError } from "../errors";
import type { GroupQuestion } from "../types";
import { readDataObject, readIdLists } from "./data-dir";
import { acceptedEmptyOpinionQaGroup, acceptedOpinionQaOption } from "./known-irregularities";
import { expectArray, expectCount, expectKeys, expectRecord, expectString } from "./validate";

/** The question sets: the 100 scored questions, or the 494-question pool. */
export type OpinionQaSet = "100" | "500";

/** The demographic attributes with data files. */
export const OPINIONQA_ATTRIBUTES = ["POLPARTY", "SEX", "RACE"] as const;
export type OpinionQaAttribute = (typeof OPINIONQA_ATTRIBUTES)[number];

/** One Pew question with raw respondent counts per group value. */
export interface OpinionQaQuestion {
  readonly id: string;
  readonly text: string;
  /** Options in questionnaire order (17 questions carry a comma-split list; see docs/protocol.md §2.1). */
  readonly mcOptions: readonly string[];
  /** Group value → option text → respondent count, keys sorted alphabetically by option text. */
  readonly counts: Readonly<Record<string, Readonly<Record<string, number>>>>;
}

/** Questions per set (the `_100` and `_500` folders; the pool has 494 distinct questions). */
const OPINIONQA_QUESTION_COUNTS: Record<OpinionQaSet, number> = { "100": 100, "500": 494 };

/** The group values of each attribute, in the files' (alphabetical) order. */
const OPINIONQA_GROUP_VALUES: Record<OpinionQaAttribute, readonly string[]> = {
  POLPARTY: ["Democrat", "Independent", "Other", "Refused", "Republican"],
  SEX: ["Female", "Male"],
  RACE: ["Asian", "Black", "Hispanic", "Mixed Race", "Other", "Refused", "White"],
};

/** Path of an OpinionQA file relative to the data directory. */
export function opinionQaPath(set: OpinionQaSet, file: string): string {
  return join("opinions_qa", "data", "human_resp", `Pew_American_Trends_Panel_disagreement_${set}`, file);
}

/**
 * Loads one attribute's questions, validating each against the dataset's shape: the set's
 * number of questions, every group value of the attribute, counts that are non-negative
 * integers, keyed by `MC_options` items in alphabetical order, and no group without respondents.
 * The deviations of the published data are those listed in known-irregularities.ts.
 * @throws {DataError} naming the file and question id (and group, option) at fault
 */
export function loadOpinionQa(dataDir: string, attribute: OpinionQaAttribute, set: OpinionQaSet = "100"): OpinionQaQuestion[] {
  const { file, json } = readDataObject(dataDir, opinionQaPath(set, `${attribute}_data.json`));
  const ids = Object.keys(json);
  if (ids.length !== OPINIONQA_QUESTION_COUNTS[set]) {
    throw new DataError(`${file}: (top level): ${ids.length} questions where the set has ${OPINIONQA_QUESTION_COUNTS[set]}`, file, "(top level)");
  }
  return Object.entries(json).map(([id, raw]) => {
    const record = expectRecord(raw, file, id);
    const mcOptions = expectArray(record["MC_options"], file, `${id}.MC_options`).map((o, i) =>
      expectString(o, file, `${id}.MC_options[${i}]`),
    );
    if (mcOptions.length < 2) throw new DataError(`${file}: ${id}.MC_options: ${mcOptions.length} options`, file, `${id}.MC_options`);
    const text = expectString(record["question_text"], file, `${id}.question_text`);
    const groups = Object.keys(record).filter((field) => field !== "MC_options" && field !== "question_text");
    expectKeys(groups, OPINIONQA_GROUP_VALUES[attribute], file, id, "group");
    const counts: Record<string, Record<string, number>> = {};
    for (const group of groups) {
      const key = `${id}.${group}`;
      const byOption = expectRecord(record[group], file, key);
      const options = Object.keys(byOption);
      if (options.length === 0 && !acceptedEmptyOpinionQaGroup(set, id, attribute, group)) {
        throw new DataError(`${file}: ${key}: no respondents`, file, key);
      }
      const groupCounts: Record<string, number> = {};
      for (const option of options) {
        if (!mcOptions.includes(option) && !acceptedOpinionQaOption(set, id, option, mcOptions)) {
          throw new DataError(`${file}: ${key}.${option}: not one of the question's MC_options`, file, `${key}.${option}`);
        }
        groupCounts[option] = expectCount(byOption[option], file, `${key}.${option}`);
        if (groupCounts[option] === 0) throw new DataError(`${file}: ${key}.${option}: zero count (options without respondents are left out)`, file, `${key}.${option}`);
      }
      const sorted = [...options].sort();
      const misplaced = options.findIndex((option, i) => option !== sorted[i]);
      if (misplaced >= 0) throw new DataError(`${file}: ${key}.${options[misplaced]}: options not in alphabetical order`, file, `${key}.${options[misplaced]}`);
      counts[group] = groupCounts;
    }
    return { id, text, mcOptions, counts };
  });
}

/**
 * A question as one group sees it in persona and few-shot prompts: letter j is the j-th option
 * the group actually used, in alphabetical order, and the distribution is count / group total
 * (docs/protocol.md §2.1). Returns undefined when the group has no respondents for the question.
 */
export function opinionQaGroupQuestion(question: OpinionQaQuestion, group: string): GroupQuestion | undefined {
  const counts = question.counts[group];
  if (counts === undefined) return undefined;
  const options = Object.keys(counts);
  const total = options.reduce((sum, option) => sum + (counts[option] ?? 0), 0);
  if (options.length === 0 || total <= 0) return undefined;
  return {
    dataset: "opinionqa",
    id: question.id,
    text: question.text,
    group,
    options,
    distribution: options.map((option) => (counts[option] ?? 0) / total),
    respondents: total,
  };
}

/**
 * The 10 most textually similar pool questions of each question, most similar first (docs/protocol.md §2.1).
 * @throws {DataError} naming the file and key when an entry is not a list of ids
 */
export function loadOpinionQaSimilarity(dataDir: string, set: OpinionQaSet = "500"): Record<string, string[]> {
  return readIdLists(dataDir, opinionQaPath(set, "question_similarity_top10.json"));
}
