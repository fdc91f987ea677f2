/**
 * The appendix of arXiv:2411.05403 as records: the per-dataset and per-steering leaderboards
 * (Tables 4, 8 and 9 for GlobalOpinionQA, App. A.3; Table 10 for OpinionQA and NYT, App. A.13),
 * the human annotators' counts and shares (App. A.4), and the agreement between groups (Cohen's
 * κ). The computations do no I/O: the notebook passes the loaded data in.
 */
import type { HumanDataset } from "../data/human";
import { PAIRED_GROUPS } from "../data/results";
import { ANNOTATOR_GROUP_COLUMNS } from "../reproduce/in-group";
import type { QualtricsExport } from "../data/qualtrics";
import { cell } from "../data/qualtrics";
import type { BenchmarkData } from "../benchmark/benchmark-data";
import type { Reproduction } from "../reproduce/reproduce";
import { methodLabel } from "../labels";
import type { BreakdownRow } from "../benchmark/tables";
import { cohensKappa } from "../scoring/agreement";
import type { Dataset, Steering } from "../types";
import { modelLabel } from "../labels";

/** The steering columns of the appendix leaderboards, in the paper's order. */
const APPENDIX_STEERINGS: readonly BreakdownRow["steering"][] = ["none", "persona", "few-shot", "persona+few-shot"];

/** One row of an appendix leaderboard: a model × method, its mean TV and 95% half-width per steering. */
export type AppendixLeaderboardRow = { readonly model: string; readonly method: string } & Readonly<Record<string, string | number | undefined>>;

/**
 * The leaderboard of one dataset, one row per series (models, humans, baselines) and one column
 * pair per steering condition (mean and ± half-width), best "persona+few-shot" first. These are
 * the breakdown rows of `reproduce`, laid out as the paper's appendix tables.
 * @param reproduction from `reproduce`
 * @param dataset a dataset, or "both" (OpinionQA and NYT weighted equally)
 * @example
 * showTable(appendixLeaderboard(paper, "globalvalues"), { precision: 3 });
 */
export function appendixLeaderboard(reproduction: Reproduction, dataset: Dataset | "both"): AppendixLeaderboardRow[] {
  const rows = reproduction.breakdown.filter((r) => r.dataset === dataset);
  const keys = [...new Set(rows.map((r) => `${r.model}\u0000${r.method}`))];
  const records = keys.map((key) => {
    const [model, method] = key.split("\u0000") as [string, string];
    const record: Record<string, string | number | undefined> = { model: modelLabel(model), method: method === "verbalize" && model === "human" ? "estimate" : methodLabel(method) };
    for (const steering of APPENDIX_STEERINGS) {
      const row = rows.find((r) => r.model === model && r.method === method && (r.steering === steering || (model === "baseline" && r.steering === "all")));
      record[steering] = row?.mean;
      record[`${steering} ±`] = row?.halfWidth;
    }
    return record as AppendixLeaderboardRow;
  });
  const key = (r: AppendixLeaderboardRow) => (typeof r["persona+few-shot"] === "number" ? r["persona+few-shot"] : Number.POSITIVE_INFINITY);
  return records.sort((a, b) => key(a) - key(b));
}

/** The annotators of one human-baseline condition: how many, and the share of each self-reported group. */
export type AnnotatorRow = { readonly dataset: HumanDataset; readonly steering: Steering; readonly annotators: number } & Readonly<Record<string, string | number>>;

/**
 * App. A.4: the annotators of each human-baseline export (one respondent row each), and the share
 * who report each scored group (party, sex, race) in the survey's own self-report columns. Shares
 * are of all annotators of the condition; the rest answered another option or skipped the question.
 * @param exportsOf the loaded exports of a dataset and steering (`data.humanExports`)
 * @param conditions the dataset × steering conditions to count
 * @example
 * showTable(annotatorShares((d, s) => data.humanExports(d, s), HUMAN_CONDITIONS), { precision: 3 });
 */
export function annotatorShares(
  exportsOf: (dataset: HumanDataset, steering: Steering) => readonly QualtricsExport[],
  conditions: readonly { readonly dataset: HumanDataset; readonly steering: Steering }[],
): AnnotatorRow[] {
  return conditions.map(({ dataset, steering }) => {
    const surveys = exportsOf(dataset, steering);
    const annotators = surveys.reduce((n, s) => n + s.rows.length, 0);
    const record: Record<string, string | number> = { dataset, steering, annotators };
    for (const spec of Object.values(ANNOTATOR_GROUP_COLUMNS)) {
      for (const [group, answer] of Object.entries(spec.answers)) {
        const count = surveys.reduce((n, s) => n + s.rows.filter((row) => cell(s, row, spec.column) === answer).length, 0);
        record[group] = annotators === 0 ? Number.NaN : count / annotators;
      }
    }
    return record as AnnotatorRow;
  });
}

/** The human-baseline conditions the authors ran: OpinionQA and NYT, each under all three steerings. */
export const HUMAN_CONDITIONS: readonly { readonly dataset: HumanDataset; readonly steering: Steering }[] = (["opinionqa", "nytimes"] as const).flatMap((dataset) =>
  (["none", "persona", "few-shot"] as const).map((steering) => ({ dataset, steering })),
);

/** One κ: two groups' modal answers compared over the items both answered. */
export type GroupAgreementRow = {
  readonly source: string;
  readonly groups: string;
  /** Items where both groups have at least one answer. */
  readonly items: number;
  /** Share of items whose modal answers agree. */
  readonly agreement: number;
  /** Cohen's κ of the two groups' modal answers. */
  readonly kappa: number;
};

/**
 * The modal answer of a list of per-option counts or ratings: the index of the largest count, the
 * lowest index on a tie; undefined when nothing was answered.
 */
export function modalAnswer(counts: readonly number[]): number | undefined {
  let best = -1;
  let bestCount = 0;
  counts.forEach((count, i) => {
    if (count > bestCount) {
      best = i;
      bestCount = count;
    }
  });
  return best < 0 ? undefined : best;
}

/**
 * Agreement between groups, defined as Cohen's κ between two groups' modal answers over the items
 * (the paper reports an agreement between groups without its definition): for each item, each
 * group's most frequent answer (lowest option on a tie); κ compares the two lists of modal answers
 * over the items both groups answered. Each pair of a scored group and its other group (PAIRED_GROUPS)
 * is listed once.
 * @param source a name for the rows, e.g. "NYT raters (1–4 ratings per book)"
 * @param itemCounts per item, group → per-option counts
 * @example
 * groupAgreement("NYT", nytCounts); // [{ groups: "Democrat vs Republican", kappa: … }, …]
 */
export function groupAgreement(source: string, itemCounts: readonly Readonly<Record<string, readonly number[]>>[]): GroupAgreementRow[] {
  const groups = [...new Set(itemCounts.flatMap((item) => Object.keys(item)))];
  const pairs = groups.filter((g) => PAIRED_GROUPS[g] !== undefined && groups.includes(PAIRED_GROUPS[g] as string) && g < (PAIRED_GROUPS[g] as string));
  return pairs.map((a) => {
    const b = PAIRED_GROUPS[a] as string;
    const modes = itemCounts
      .map((item) => [modalAnswer(item[a] ?? []), modalAnswer(item[b] ?? [])] as const)
      .filter((pair): pair is readonly [number, number] => pair[0] !== undefined && pair[1] !== undefined);
    const first = modes.map((m) => m[0]);
    const second = modes.map((m) => m[1]);
    return {
      source,
      groups: `${a} vs ${b}`,
      items: modes.length,
      agreement: modes.length === 0 ? Number.NaN : modes.filter(([x, y]) => x === y).length / modes.length,
      kappa: cohensKappa(first, second),
    };
  });
}

/** Ratings 1–4 per group (as `loadNytIndividualRatings` returns them) as per-option counts. */
export function ratingCounts(ratings: readonly Readonly<Record<string, readonly number[]>>[], options = 4): Record<string, number[]>[] {
  return ratings.map((item) =>
    Object.fromEntries(
      Object.entries(item).map(([group, values]) => {
        const counts = Array.from({ length: options }, () => 0);
        for (const v of values) counts[v - 1] = (counts[v - 1] ?? 0) + 1;
        return [group, counts];
      }),
    ),
  );
}

/**
 * OpinionQA's survey counts per question as per-option counts of each scored group (Pew's
 * respondents), for `groupAgreement`. Options are in the files' order, the same for every group.
 */
export function opinionQaGroupCounts(opinionQa: BenchmarkData["opinionQa"]): Record<string, number[]>[] {
  const attributes = Object.values(opinionQa);
  const ids = [...(attributes[0]?.keys() ?? [])];
  return ids.map((id) => {
    const item: Record<string, number[]> = {};
    for (const questions of attributes) {
      const question = questions.get(id);
      if (question === undefined) continue;
      for (const [group, counts] of Object.entries(question.counts)) if (PAIRED_GROUPS[group] !== undefined) item[group] = Object.values(counts);
    }
    return item;
  });
}
