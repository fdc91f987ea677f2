/**
 * Table 6 of arXiv:2411.05403: human annotators estimating their own group versus the other
 * group of the same attribute (docs/protocol.md §6). Each annotator reported their own party,
 * sex and race in the survey; the scores use only annotators of one group.
 */
import { type HumanDataset, ANNOTATORS_PER_ITEM, HUMAN_GROUP_BLOCKS, HUMAN_OPTION_COLUMNS, humanBlockEstimates, humanQuestionIds, loadHumanExports } from "../data/human";
import type { QualtricsExport } from "../data/qualtrics";
import { PAIRED_GROUPS, SCORED_GROUPS, groupKey } from "../data/results";
import { DataError } from "../errors";
import { paperTotalVariation } from "../scoring/total-variation";
import type { Steering } from "../types";
import type { BenchmarkData } from "../benchmark/benchmark-data";
import { humanTruths } from "./human-scores";
import type { ReproduceMode } from "../benchmark/score-lists";

/** How an annotator's own group is read from an export: the column, and the answer that means each scored group. */
export interface AnnotatorGroupColumn {
  readonly column: string;
  /** Scored group value → the survey's answer text. */
  readonly answers: Readonly<Record<string, string>>;
  /** Every answer the survey offered (an empty cell is a skipped question); anything else is a data error. */
  readonly choices: readonly string[];
}

/** The self-report columns of the human-baseline surveys, per attribute. */
export const ANNOTATOR_GROUP_COLUMNS: Readonly<Record<string, AnnotatorGroupColumn>> = {
  POLPARTY: {
    column: "Q_DemRepub",
    answers: { Democrat: "Democrat", Republican: "Republican" },
    choices: ["Democrat", "Republican", "Other (please specify)", ""],
  },
  SEX: { column: "QDem_Gend", answers: { Male: "Male", Female: "Female" }, choices: ["Male", "Female", "Other", ""] },
  RACE: {
    column: "QDem_Race",
    answers: { Black: "Black or African American", White: "White or Caucasian American" },
    choices: [
      "White or Caucasian American",
      "Black or African American",
      "Asian or Asian American",
      "Hispanic or Latino",
      "Native American or Alaskan Native",
      "Other (please specify)",
      "",
    ],
  },
};

/** A row of Table 6: the annotators of one group, estimating their own group and the other one. */
export interface InGroupRow {
  readonly dataset: HumanDataset;
  readonly steering: Steering;
  /** The annotators' own group, e.g. "Democrat". */
  readonly group: string;
  /** Mean TV of their estimates of their own group's distribution. */
  readonly inGroup: number;
  /** Mean TV of their estimates of the other group's distribution (PAIRED_GROUPS). */
  readonly outGroup: number;
  /** Questions scored for each. */
  readonly nIn: number;
  readonly nOut: number;
}

/**
 * The exports restricted to the respondents who report belonging to `group`.
 * @throws {DataError} when the self-report column is missing or holds an answer the survey did not offer
 */
export function annotatorsOfGroup(surveyExports: readonly QualtricsExport[], attribute: string, group: string): QualtricsExport[] {
  const spec = ANNOTATOR_GROUP_COLUMNS[attribute];
  const answer = spec?.answers[group];
  if (spec === undefined || answer === undefined) throw new DataError(`annotator groups: no self-report column for ${attribute}/${group}`);
  return surveyExports.map((exported) => {
    const index = exported.columns.get(spec.column);
    if (index === undefined) throw new DataError(`${exported.file}: missing column ${spec.column}`, exported.file, spec.column);
    const rows = exported.rows.filter((row, r) => {
      const value = (row[index] ?? "").trim();
      if (!spec.choices.includes(value)) {
        throw new DataError(`${exported.file}: ${spec.column}: unknown answer "${value}" (respondent ${r + 1})`, exported.file, spec.column);
      }
      return value === answer;
    });
    return { ...exported, rows };
  });
}

/**
 * Per question, the average of the first four complete answers in a block (as proportions), or
 * undefined where none of the given respondents answered. The answers are assumed checked by
 * `humanBlockEstimates` on the unrestricted exports.
 */
function blockAverages(surveyExports: readonly QualtricsExport[], dataset: HumanDataset, block: string, ids: readonly number[]): (number[] | undefined)[] {
  const width = HUMAN_OPTION_COLUMNS[dataset];
  return ids.map((id) => {
    const answers: number[][] = [];
    for (const exported of surveyExports) {
      const indices = Array.from({ length: width }, (_, k) => exported.columns.get(`${id}_${block}_${k + 1}`) as number);
      for (const row of exported.rows) {
        if (answers.length >= ANNOTATORS_PER_ITEM) break;
        const values = indices.map((i) => (row[i] ?? "").trim());
        if (values.some((v) => v === "")) continue;
        answers.push(values.map(Number));
      }
    }
    if (answers.length === 0) return undefined;
    return Array.from({ length: width }, (_, k) => (answers.reduce((sum, a) => sum + (a[k] ?? 0), 0) / answers.length) * 0.01);
  });
}

/** One question's score in Table 6: the question key and the TV of the annotators' averaged estimate. */
export interface InGroupScore {
  readonly key: string;
  readonly tv: number;
}

/** The surveys of one dataset and steering, ready to be scored per annotator group. */
interface InGroupSurvey {
  readonly keys: readonly string[];
  readonly truth: (group: string, key: string) => readonly number[];
  readonly surveyExports: readonly QualtricsExport[];
  readonly ids: readonly number[];
  readonly blockOf: (group: string) => string;
}

function openSurvey(data: BenchmarkData, dataset: HumanDataset, steering: Steering): InGroupSurvey {
  const { keys, truth } = humanTruths(data, dataset);
  const surveyExports = data.humanExports(dataset, steering);
  const ids = humanQuestionIds(dataset, keys.length);
  const blockOf = (group: string) => (steering === "none" ? "Q_NoSteering" : (HUMAN_GROUP_BLOCKS[group] as string));
  for (const block of new Set(SCORED_GROUPS[dataset].map((g) => blockOf(g.value)))) humanBlockEstimates(surveyExports, dataset, block, ids);
  return { keys, truth, surveyExports, ids, blockOf };
}

function scoreGroup(survey: InGroupSurvey, dataset: HumanDataset, attribute: string, annotators: string, target: string, mode: ReproduceMode): InGroupScore[] {
  const own = annotatorsOfGroup(survey.surveyExports, attribute, annotators);
  const estimates = blockAverages(own, dataset, survey.blockOf(target), survey.ids);
  return survey.keys.flatMap((key, i) => {
    const estimate = estimates[i];
    if (estimate === undefined) return [];
    const q = survey.truth(groupKey({ attribute, value: target }), key);
    if (mode === "corrected" && q.length === 0) return [];
    const tv = paperTotalVariation(estimate.slice(0, q.length), q);
    return Number.isNaN(tv) ? [] : [{ key, tv }];
  });
}

/**
 * Per-question scores of the annotators who report belonging to `annotators`, on the block that
 * asks for `target` (their own group or PAIRED_GROUPS of it; without steering, the no-steering guess
 * scored against `target`'s distribution). Scored like the human baseline: the first four complete
 * answers per question, averaged, TV against the target group's distribution; questions none of
 * these annotators answered are left out. In corrected mode, questions where the target group
 * has no respondents are skipped instead of scored as 0.
 * @throws {DataError} naming the file and column when an export is malformed
 */
export function inGroupScores(
  data: BenchmarkData,
  dataset: HumanDataset,
  steering: Steering,
  annotators: string,
  target: string,
  mode: ReproduceMode,
): InGroupScore[] {
  const attribute = SCORED_GROUPS[dataset].find((g) => g.value === annotators)?.attribute;
  if (attribute === undefined || PAIRED_GROUPS[annotators] === undefined || (target !== annotators && target !== PAIRED_GROUPS[annotators])) {
    throw new DataError(`in-group scores: no such pair of groups in ${dataset} (${annotators}, ${target})`);
  }
  return scoreGroup(openSurvey(data, dataset, steering), dataset, attribute, annotators, target, mode);
}

/**
 * Table 6 for one dataset and steering: for each scored group, its annotators' mean TV on their
 * own group and on the other group of the attribute (see `inGroupScores`).
 * @throws {DataError} naming the file and column when an export is malformed
 */
export function inGroupRows(data: BenchmarkData, dataset: HumanDataset, steering: Steering, mode: ReproduceMode): InGroupRow[] {
  const survey = openSurvey(data, dataset, steering);
  const mean = (scores: readonly InGroupScore[]) => (scores.length === 0 ? Number.NaN : scores.reduce((a, s) => a + s.tv, 0) / scores.length);
  return SCORED_GROUPS[dataset].map(({ attribute, value }) => {
    const inside = scoreGroup(survey, dataset, attribute, value, value, mode);
    const outside = scoreGroup(survey, dataset, attribute, value, PAIRED_GROUPS[value] as string, mode);
    return { dataset, steering, group: value, inGroup: mean(inside), outGroup: mean(outside), nIn: inside.length, nOut: outside.length };
  });
}

/** Table 6: both human datasets × no steering, persona and few-shot. */
export function inGroupTable(data: BenchmarkData, mode: ReproduceMode): InGroupRow[] {
  const rows: InGroupRow[] = [];
  for (const dataset of ["opinionqa", "nytimes"] as const) {
    for (const steering of ["none", "persona", "few-shot"] as const) rows.push(...inGroupRows(data, dataset, steering, mode));
  }
  return rows;
}
