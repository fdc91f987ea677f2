/**
 * The human distribution q each prediction is scored against (docs/protocol.md §5.1), as the published
 * numbers built it ("paper") and as it should be built ("corrected").
 */
import type { OpinionQaQuestion } from "../data/opinionqa";
import type { GlobalQuestion } from "../data/globalvalues";
import type { GroupRef, ResultEntry } from "../data/results";

function groupTotal(counts: Readonly<Record<string, number>>): number {
  return Object.values(counts).reduce((sum, c) => sum + c, 0);
}

/**
 * OpinionQA no-steering ground truth as run (*as-run quirk*, docs/protocol.md §5.1): options are walked
 * in questionnaire order (`MC_options`), while the prompt lettered them alphabetically, and the
 * j-th value is kept only when letter j is a key of the prediction. With comma-split option lists
 * this can give zeros. Returns values in prediction-letter order.
 */
export function paperNoSteeringOpinionQaTruth(
  question: OpinionQaQuestion,
  group: string,
  predictionLetters: readonly string[],
): number[] {
  const counts = question.counts[group] ?? {};
  const total = groupTotal(counts);
  const out: number[] = [];
  question.mcOptions.forEach((option, j) => {
    if (predictionLetters.includes(String.fromCharCode(65 + j))) out.push(total > 0 ? (counts[option] ?? 0) / total : 0);
  });
  return out;
}

/**
 * OpinionQA no-steering ground truth with letters aligned to the prompt: the prompt lettered the
 * options every respondent used in alphabetical order, so letter j ↔ the j-th of those options,
 * and q_j is the group's share of that option (0 when the group never chose it).
 * Undefined when the prediction's letter count does not match (the item is not comparable).
 */
export function alignedNoSteeringOpinionQaTruth(
  question: OpinionQaQuestion,
  group: string,
  letterCount: number,
): number[] | undefined {
  const used = new Set<string>();
  for (const counts of Object.values(question.counts)) for (const [option, c] of Object.entries(counts)) if (c > 0) used.add(option);
  const options = [...used].sort();
  const counts = question.counts[group] ?? {};
  const total = groupTotal(counts);
  if (options.length !== letterCount || total <= 0) return undefined;
  return options.map((option) => (counts[option] ?? 0) / total);
}

/**
 * The stored ground truth of a result entry: `expected_results` for persona and few-shot,
 * `expected_results_<ATTRIBUTE>_<value>` of the scored group for no steering.
 */
export function storedTruth(entry: ResultEntry, steering: "none" | "steered", group: GroupRef): Readonly<Record<string, number>> | undefined {
  return steering === "none" ? entry.expectedByGroup[`${group.attribute}_${group.value}`] : entry.expected;
}

