/**
 * Ground truth as we believe it should be built: each group's real distribution from the
 * datasets themselves, lettered as the prompts lettered the options.
 */
import { globalGroupQuestion } from "../data/globalvalues";
import { nytGroupQuestion } from "../data/nytimes";
import { opinionQaGroupQuestion } from "../data/opinionqa";
import { type GroupRef, SCORED_GROUPS, groupKey } from "../data/results";
import type { Dataset, GroupQuestion, Steering } from "../types";
import type { BenchmarkData } from "../benchmark/benchmark-data";
import { nytBook } from "../benchmark/data-memo";
import { alignedNoSteeringOpinionQaTruth } from "./ground-truth";

/** The scored group's question for a dataset key, as persona and few-shot prompts showed it. */
export function groupQuestion(data: BenchmarkData, dataset: Dataset, group: GroupRef, key: string): GroupQuestion | undefined {
  if (dataset === "opinionqa") {
    const question = data.opinionQa[group.attribute]?.get(key);
    return question === undefined ? undefined : opinionQaGroupQuestion(question, group.value);
  }
  if (dataset === "nytimes") {
    const book = nytBook(data, key);
    return book === undefined ? undefined : nytGroupQuestion(book, group.value);
  }
  const question = data.globalQuestions.get(key);
  return question === undefined ? undefined : globalGroupQuestion(question, group.value);
}

/** Every scored group's human distribution per question: group "ATTRIBUTE/value" → key → q. */
export function correctedTruths(data: BenchmarkData, dataset: Dataset): Map<string, Map<string, readonly number[]>> {
  const keys =
    dataset === "opinionqa"
      ? [...(data.opinionQa["POLPARTY"]?.keys() ?? [])]
      : dataset === "nytimes"
      ? data.nytBooks.map((b) => b.id)
      : [...data.globalQuestions.keys()];
  const out = new Map<string, Map<string, readonly number[]>>();
  for (const group of SCORED_GROUPS[dataset]) {
    const byKey = new Map<string, readonly number[]>();
    for (const key of keys) {
      const question = groupQuestion(data, dataset, group, key);
      if (question !== undefined) byKey.set(key, question.distribution);
    }
    out.set(groupKey(group), byKey);
  }
  return out;
}

/**
 * The corrected ground truth of one result entry: the group's distribution in the prompt's
 * lettering. For OpinionQA without steering the letters are those of every respondent's
 * options, so the group's shares are re-aligned to them. Undefined when not comparable.
 */
export function correctedTruth(
  data: BenchmarkData,
  dataset: Dataset,
  steering: Steering,
  group: GroupRef,
  key: string,
  letterCount: number,
): readonly number[] | undefined {
  if (steering === "none" && dataset === "opinionqa") {
    const question = data.opinionQa[group.attribute]?.get(key);
    return question === undefined ? undefined : alignedNoSteeringOpinionQaTruth(question, group.value, letterCount);
  }
  const q = groupQuestion(data, dataset, group, key)?.distribution;
  return q !== undefined && q.length === letterCount ? q : undefined;
}
