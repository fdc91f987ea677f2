/**
 * OpinionQA (Pew American Trends Panel): the 100 contentious questions scored by the paper and
 * the 494-question pool few-shot examples come from (PROTOCOL §2.1).
 */
import { join } from "node:path";
import { DataError } from "../errors";
import type { GroupQuestion } from "../types";
import { readDataObject, readIdLists } from "./data-dir";
import { expectArray, expectNumberRecord, expectRecord, expectString } from "./validate";

/** The question sets: the 100 scored questions, or the 494-question pool. */
export type OpinionQaSet = "100" | "500";

/** The demographic attributes with data files. */
export const OPINIONQA_ATTRIBUTES = ["POLPARTY", "SEX", "RACE"] as const;
export type OpinionQaAttribute = (typeof OPINIONQA_ATTRIBUTES)[number];

/** One Pew question with raw respondent counts per group value. */
export interface OpinionQaQuestion {
  readonly id: string;
  readonly text: string;
  /** Options in questionnaire order (17 questions carry a comma-split list; see PROTOCOL §2.1). */
  readonly mcOptions: readonly string[];
  /** Group value → option text → respondent count, keys sorted alphabetically by option text. */
  readonly counts: Readonly<Record<string, Readonly<Record<string, number>>>>;
}

/** Path of an OpinionQA file relative to the data directory. */
export function opinionQaPath(set: OpinionQaSet, file: string): string {
  return join("opinions_qa", "data", "human_resp", `Pew_American_Trends_Panel_disagreement_${set}`, file);
}

/**
 * Loads one attribute's questions, validating each.
 * @throws {DataError} naming the file and question id when a field is missing or malformed
 */
export function loadOpinionQa(dataDir: string, attribute: OpinionQaAttribute, set: OpinionQaSet = "100"): OpinionQaQuestion[] {
  const { file, json } = readDataObject(dataDir, opinionQaPath(set, `${attribute}_data.json`));
  return Object.entries(json).map(([id, raw]) => {
    const record = expectRecord(raw, file, id);
    const mcOptions = expectArray(record["MC_options"], file, `${id}.MC_options`).map((o, i) =>
      expectString(o, file, `${id}.MC_options[${i}]`),
    );
    const counts: Record<string, Record<string, number>> = {};
    for (const [field, value] of Object.entries(record)) {
      if (field === "MC_options" || field === "question_text") continue;
      const groupCounts = expectNumberRecord(value, file, `${id}.${field}`);
      for (const [option, count] of Object.entries(groupCounts)) {
        if (count < 0) throw new DataError(`${file}: ${id}.${field}.${option}: negative count (${count})`, file, id);
      }
      counts[field] = groupCounts;
    }
    return { id, text: expectString(record["question_text"], file, `${id}.question_text`), mcOptions, counts };
  });
}

/**
 * A question as one group sees it in persona and few-shot prompts: letter j is the j-th option
 * the group actually used, in alphabetical order, and the distribution is count / group total
 * (PROTOCOL §2.1). Returns undefined when the group has no respondents for the question.
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
 * The 10 most textually similar pool questions of each question, most similar first (PROTOCOL §2.1).
 * @throws {DataError} naming the file and key when an entry is not a list of ids
 */
export function loadOpinionQaSimilarity(dataDir: string, set: OpinionQaSet = "500"): Record<string, string[]> {
  return readIdLists(dataDir, opinionQaPath(set, "question_similarity_top10.json"));
}
