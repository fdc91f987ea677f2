/**
 * The human baseline (docs/protocol.md §6): annotators guessed each group's answer distribution, as
 * percentages per option, under the same steering conditions as the models.
 */
import { join } from "node:path";
import { DataError } from "../errors";
import type { Steering } from "../types";
import { type QualtricsExport, cell, readQualtricsExport } from "./qualtrics";

/** The datasets with a human baseline. */
export type HumanDataset = "opinionqa" | "nytimes";

const FOLDER = join("results", "human_annotations");

/** The exports used for each condition; several files are concatenated in this order. */
export const HUMAN_SURVEY_FILES: Record<HumanDataset, Record<Steering, readonly string[]>> = {
  nytimes: {
    none: [
      "Distributional_Alignment_No_Steering - NYT_July 1, 2024_12.41.csv",
      "Distributional_Alignment_No_Steering - NYT - V2_July 2, 2024_18.52.csv",
    ],
    persona: ["Distributional_Alignment_Persona_Steering - NYT_July 3, 2024_10.32.csv"],
    "few-shot": ["Distributional_Alignment_FewShot_Steering - NYT_July 17, 2024_10.52.csv"],
  },
  opinionqa: {
    none: ["Distributional_Alignment_No_Steering_May 21, 2024_18.01.csv"],
    persona: ["Distributional_Alignment_Persona_Steering_May 21, 2024_19.06.csv"],
    "few-shot": ["Distributional_Alignment_FewShot_Steering_May 21, 2024_18.00.csv"],
  },
};

/** Survey blocks per group in the persona and few-shot surveys (the Democrat block reuses the no-steering name). */
export const HUMAN_GROUP_BLOCKS: Readonly<Record<string, string>> = {
  Democrat: "Q_NoSteering",
  Republican: "Q135",
  Male: "Q136",
  Female: "Q137",
  Black: "Q138",
  White: "Q139",
};

/** Survey question ids in question order: the first question is 1, the rest are consecutive from 103 (NYT) or 4 (OpinionQA). */
export function humanQuestionIds(dataset: HumanDataset, count: number): number[] {
  const start = dataset === "nytimes" ? 103 : 4;
  return [1, ...Array.from({ length: count - 1 }, (_, i) => start + i)];
}

/** Options per question in each survey. */
export const HUMAN_OPTION_COLUMNS: Record<HumanDataset, number> = { nytimes: 4, opinionqa: 7 };

/** Annotators used per item: the first this many complete answers in file order. */
export const ANNOTATORS_PER_ITEM = 4;

/** An annotator's percentages for one question must sum to 100 within this (the survey enforced the sum). */
const PERCENT_SUM_TOLERANCE = 0.5;

/**
 * The averaged human estimate for each question of one survey block: the first four annotators
 * whose answers are complete, averaged, as proportions (percent × 0.01). Length = option columns.
 * Every answer is checked: all of a question's cells filled or none, each a percentage in
 * 0–100, summing to 100; and every question of the block must have at least one answer.
 * @throws {DataError} naming the file and column at fault
 */
export function humanBlockEstimates(
  surveyExports: readonly QualtricsExport[],
  dataset: HumanDataset,
  block: string,
  questionIds: readonly number[],
): number[][] {
  const width = HUMAN_OPTION_COLUMNS[dataset];
  return questionIds.map((id) => {
    const columns = Array.from({ length: width }, (_, k) => `${id}_${block}_${k + 1}`);
    const answers: number[][] = [];
    for (const exported of surveyExports) {
      const indices = columns.map((c) => exported.columns.get(c));
      const missing = indices.indexOf(undefined);
      if (missing >= 0) throw new DataError(`${exported.file}: missing column ${columns[missing]}`, exported.file, columns[missing]);
      exported.rows.forEach((row, r) => {
        const values = (indices as number[]).map((index) => (row[index] ?? "").trim());
        const filled = values.filter((v) => v !== "").length;
        if (filled === 0) return;
        const where = `respondent ${r + 1}`;
        if (filled < width) {
          const blank = columns[values.indexOf("")] as string;
          throw new DataError(`${exported.file}: ${blank}: empty in an otherwise filled answer (${where})`, exported.file, blank);
        }
        const numbers = values.map(Number);
        numbers.forEach((v, k) => {
          const column = columns[k] as string;
          if (values[k] === "" || !Number.isFinite(v)) throw new DataError(`${exported.file}: ${column}: not a number ("${values[k]}", ${where})`, exported.file, column);
          if (v < 0 || v > 100) throw new DataError(`${exported.file}: ${column}: percentage ${v} outside 0–100 (${where})`, exported.file, column);
        });
        const total = numbers.reduce((a, b) => a + b, 0);
        if (Math.abs(total - 100) > PERCENT_SUM_TOLERANCE) {
          throw new DataError(`${exported.file}: ${columns[0]}: percentages sum to ${total}, not 100 (${where})`, exported.file, columns[0]);
        }
        if (answers.length < ANNOTATORS_PER_ITEM) answers.push(numbers);
      });
    }
    if (answers.length === 0) {
      const files = surveyExports.map((e) => e.file).join(", ");
      throw new DataError(`${files}: ${columns[0]}: no annotator answered the question`, surveyExports[0]?.file, columns[0]);
    }
    return Array.from({ length: width }, (_, k) => (answers.reduce((sum, a) => sum + (a[k] ?? 0), 0) / answers.length) * 0.01);
  });
}

/** Reads the exports of one condition. */
export function loadHumanExports(dataDir: string, dataset: HumanDataset, steering: Steering): QualtricsExport[] {
  return HUMAN_SURVEY_FILES[dataset][steering].map((name) => readQualtricsExport(dataDir, join(FOLDER, name)));
}

/**
 * NYT ratings of individual annotators, rebuilt from the data-collection surveys (docs/protocol.md §2.2):
 * book index → group → list of ratings 1–4. Party groups come from each party's own survey and the
 * self-reported party; sex groups pool both surveys.
 */
export function loadNytIndividualRatings(dataDir: string, bookCount: number): Record<string, number[]>[] {
  const surveys: Record<string, string[]> = {
    Democrat: ["NYTimes Data Collection - Democrat_May 27, 2024_15.58.csv", "NYTimes Data Collection - Democrat - V2_May 27, 2024_22.33.csv"],
    Republican: ["NYTimes Data Collection - Republican_May 27, 2024_15.36.csv", "NYTimes Data Collection - Republican - V2_May 27, 2024_22.33.csv"],
  };
  const ids = [1, ...range(307, 332), ...range(334, 384), ...range(386, 407), 100, ...range(408, 541)];
  if (ids.length !== bookCount) throw new DataError(`nyt ratings: ${ids.length} survey columns for ${bookCount} books`);
  const ratings = ids.map(() => ({ Democrat: [], Republican: [], Male: [], Female: [] }) as Record<string, number[]>);
  for (const [party, files] of Object.entries(surveys)) {
    for (const name of files) {
      const exported = readQualtricsExport(dataDir, join(FOLDER, name));
      for (const row of exported.rows) {
        const selfParty = cell(exported, row, "Q_DemRepub");
        const sex = cell(exported, row, "QDem_Gend");
        ids.forEach((id, book) => {
          const answer = cell(exported, row, `${id}_Q138`) ?? "";
          if (answer === "") return;
          const rating = Number(answer.slice(0, 1));
          if (!(rating >= 1 && rating <= 4)) throw new DataError(`${exported.file}: ${id}_Q138: unknown rating "${answer}"`, exported.file);
          const groups = ratings[book] as Record<string, number[]>;
          if (selfParty === party) groups[party]?.push(rating);
          if (sex === "Male" || sex === "Female") groups[sex]?.push(rating);
        });
      }
    }
  }
  return ratings;
}

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}
