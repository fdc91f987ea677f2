/**
 * Which scored questions are ordinal, and the order of their options on the scale, from the
 * survey shapes of the datasets (src/survey/): NYT's 4-point Likert options in scale order, and
 * the OpinionQA questions whose options `info.csv` places on a scale. Options off the scale
 * ("Refused") are left out of the ordinal metric and both distributions are renormalised over the
 * options on it, as OpinionQA's own ordinal distance does (Santurkar et al. 2023); the options
 * are taken in scale order, equally spaced.
 */
import { type GroupRef, groupKey } from "../data/results";
import { paperSurvey } from "../survey/paper-surveys";
import { wasserstein1Normalized } from "../scoring/wasserstein";
import type { Dataset } from "../types";
import type { BenchmarkData } from "../benchmark/benchmark-data";
import { memoPerData } from "../benchmark/data-memo";
import { groupQuestion } from "./corrected-truth";

/** The datasets that have ordinal questions; a dataset absent here has none. */
const HAS_ORDINAL_QUESTIONS: Partial<Record<Dataset, true>> = { opinionqa: true, nytimes: true };

/** Per question: option text → position on its scale (ordinal questions only). */
type Scales = Map<string, Map<string, number>>;

const loaded = memoPerData<Dataset, Scales>();

/** The ordinal questions' scales of one dataset, built once per loaded data. */
function ordinalScales(data: BenchmarkData, dataset: Dataset): Scales {
  return loaded(data, dataset, () => {
    const scales: Scales = new Map();
    if (HAS_ORDINAL_QUESTIONS[dataset] !== true) return scales;
    for (const q of paperSurvey(data, dataset).questions) {
      if (q.scale !== "ordinal") continue;
      const positions = new Map<string, number>();
      q.options.forEach((option, j) => {
        const position = q.scalePositions === undefined ? j : q.scalePositions[j];
        if (position !== null && position !== undefined) positions.set(option, position);
      });
      scales.set(q.id, positions);
    }
    return scales;
  });
}

/**
 * The letter indices of one scored entry's options on the scale, in scale order, or undefined
 * when the question is not ordinal or fewer than two of its lettered options are on the scale.
 * Persona and few-shot prompts letter the group's options; prompts without steering letter every
 * respondent's options.
 */
export function ordinalOrder(data: BenchmarkData, dataset: Dataset, group: GroupRef, key: string, letterCount: number): readonly number[] | undefined {
  return orders(data, `${dataset}\u0000${groupKey(group)}\u0000${key}\u0000${letterCount}`, () => orderOf(data, dataset, group, key, letterCount));
}

/** Every model's entries of a cell share their orders: one per dataset × group × question × letter count. */
const orders = memoPerData<string, readonly number[] | undefined>();

function orderOf(data: BenchmarkData, dataset: Dataset, group: GroupRef, key: string, letterCount: number): readonly number[] | undefined {
  const scale = ordinalScales(data, dataset).get(key);
  if (scale === undefined) return undefined;
  const texts = groupQuestion(data, dataset, group, key)?.options;
  if (texts === undefined || texts.length !== letterCount) return undefined;
  return orderOnScale(texts, scale);
}

/**
 * The indices of lettered option texts that are on a scale (option text → position), in scale
 * order (equal positions in letter order); undefined when fewer than two are on it.
 */
export function orderOnScale(texts: readonly string[], scale: ReadonlyMap<string, number>): number[] | undefined {
  const positions = texts.map((o) => scale.get(o));
  const on = positions.flatMap((p, j) => (p === undefined ? [] : [j]));
  if (on.length < 2) return undefined;
  return on.sort((x, y) => (positions[x] as number) - (positions[y] as number) || x - y);
}

/**
 * Normalised W1 of a prediction against its truth, both in letter order, over the options of
 * `order` taken in that order; each side is renormalised over them (which also covers the
 * paper's stored predictions, which need not sum to 1). NaN when there is no order or a side has
 * no mass on the scale.
 */
export function orderedW1(prediction: readonly number[], truth: readonly number[], order: readonly number[] | undefined): number {
  if (order === undefined || prediction.length !== truth.length || order.some((j) => j >= truth.length)) return Number.NaN;
  let sp = 0;
  let sq = 0;
  for (const j of order) {
    sp += prediction[j] as number;
    sq += truth[j] as number;
  }
  if (!(sp > 0) || !(sq > 0)) return Number.NaN;
  return wasserstein1Normalized(
    order.map((j) => (prediction[j] as number) / sp),
    order.map((j) => (truth[j] as number) / sq),
  );
}
