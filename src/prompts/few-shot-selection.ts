/**
 * Which five related questions a few-shot prompt shows (docs/protocol.md §2.4): textually similar
 * questions whose answers differ from the target's ("hard" examples: similar text, dissimilar
 * answers), each with the group's real distribution. Pure functions over loaded data; the target
 * question itself is never among them.
 */
import type { GlobalSimilarity } from "../data/globalvalues";
import { type NytBook, nytGroupQuestion } from "../data/nytimes";
import { type OpinionQaQuestion, opinionQaGroupQuestion } from "../data/opinionqa";
import type { GroupQuestion } from "../types";
import type { ExampleQuestion } from "./types";

/** Few-shot examples per prompt (§3.2 of arXiv:2411.05403). */
export const FEW_SHOT_EXAMPLES = 5;

/** A chosen example and the id of the question it comes from. */
export interface SelectedExample {
  readonly id: string;
  readonly example: ExampleQuestion;
}

/**
 * Total variation between two answer distributions matched by option text, so that questions
 * whose groups used different option sets can be compared; an option missing on one side counts 0.
 * @example
 * optionTextDistance({ options: ["No", "Yes"], distribution: [0.5, 0.5] }, { options: ["Yes"], distribution: [1] }); // => 0.5
 */
export function optionTextDistance(a: Pick<ExampleQuestion, "options" | "distribution">, b: Pick<ExampleQuestion, "options" | "distribution">): number {
  const mass = new Map<string, number>();
  a.options.forEach((option, j) => mass.set(option, (mass.get(option) ?? 0) + (a.distribution[j] ?? 0)));
  b.options.forEach((option, j) => mass.set(option, (mass.get(option) ?? 0) - (b.distribution[j] ?? 0)));
  let total = 0;
  for (const difference of mass.values()) total += Math.abs(difference);
  return total / 2;
}

function toExample(question: GroupQuestion): ExampleQuestion {
  return { text: question.text, options: question.options, distribution: question.distribution };
}

/** The `count` candidates farthest from the target, ties in similarity order, returned in the order given. */
function farthest<T extends { example: ExampleQuestion }>(candidates: readonly T[], target: ExampleQuestion, count: number): T[] {
  const ranked = candidates
    .map((candidate, rank) => ({ candidate, rank, distance: optionTextDistance(candidate.example, target) }))
    .sort((x, y) => y.distance - x.distance || x.rank - y.rank);
  return ranked.slice(0, count).map((r) => r.candidate);
}

/**
 * OpinionQA few-shot examples (docs/protocol.md §2.4, the rule the code intends): from the target's
 * top-10 similar pool questions (the group must have answers), D = those with a different number
 * of `MC_options` than the target, S = the same number, both in similarity order. With |D| ≥ 5 the
 * last five of D (the least textually similar of the differently-shaped ones); otherwise all of D
 * followed by the 5 − |D| members of S whose group distribution is farthest in total variation
 * from the target's.
 * @param target the target question (its group must have answers)
 * @param group the group value ("Democrat")
 * @param similarIds the target's top-10 similar question ids, most similar first
 * @param pool the 494-question pool of the group's attribute, by id
 * @returns up to five examples, never the target
 */
export function selectOpinionQaExamples(
  target: OpinionQaQuestion,
  group: string,
  similarIds: readonly string[],
  pool: ReadonlyMap<string, OpinionQaQuestion>,
): SelectedExample[] {
  const targetQuestion = opinionQaGroupQuestion(target, group);
  if (targetQuestion === undefined) return [];
  const candidates: { id: string; example: ExampleQuestion; shape: number }[] = [];
  for (const id of similarIds) {
    const question = pool.get(id);
    if (id === target.id || question === undefined) continue;
    const groupQuestion = opinionQaGroupQuestion(question, group);
    if (groupQuestion !== undefined) candidates.push({ id, example: toExample(groupQuestion), shape: question.mcOptions.length });
  }
  const different = candidates.filter((c) => c.shape !== target.mcOptions.length);
  const same = candidates.filter((c) => c.shape === target.mcOptions.length);
  const chosen =
    different.length >= FEW_SHOT_EXAMPLES
      ? different.slice(different.length - FEW_SHOT_EXAMPLES)
      : [...different, ...farthest(same, toExample(targetQuestion), FEW_SHOT_EXAMPLES - different.length)];
  return chosen.map(({ id, example }) => ({ id, example }));
}

/**
 * NYT few-shot examples (docs/protocol.md §2.4, the intended rule): of the target book's 10 most similar
 * books, the five whose group distribution is farthest in total variation from the target's,
 * shown in similarity order.
 * @param target the target book
 * @param group "Democrat", "Republican", "Male" or "Female"
 * @param similarIds the book's 10 nearest books, nearest first
 * @param books every book, by id
 * @returns up to five examples, never the target
 */
export function selectNytExamples(
  target: NytBook,
  group: string,
  similarIds: readonly string[],
  books: ReadonlyMap<string, NytBook>,
): SelectedExample[] {
  const targetQuestion = nytGroupQuestion(target, group);
  if (targetQuestion === undefined) return [];
  const candidates: SelectedExample[] = [];
  for (const id of similarIds) {
    const book = books.get(id);
    if (id === target.id || book === undefined) continue;
    const question = nytGroupQuestion(book, group);
    if (question !== undefined) candidates.push({ id, example: toExample(question) });
  }
  return hardestSimilar(candidates, toExample(targetQuestion), FEW_SHOT_EXAMPLES);
}

/**
 * The paper's intended "hard similar" rule (docs/protocol.md §2.4): of the candidates, given
 * most similar first, the `count` whose distribution is farthest in total variation from the
 * target's (`optionTextDistance`; ties in similarity order), shown in similarity order.
 * @returns at most `count` of the candidates, fewer when fewer are given
 */
export function hardestSimilar(candidates: readonly SelectedExample[], target: ExampleQuestion, count: number): SelectedExample[] {
  const chosen = new Set(farthest(candidates, target, count));
  return candidates.filter((c) => chosen.has(c));
}

/**
 * GlobalOpinionQA few-shot examples (docs/protocol.md §2.4): the first five entries of the similarity
 * file for the question and country, each with that country's distribution.
 * @param questionText the target question (its text is its id)
 * @param country the country
 * @param similarity the loaded `question_similarity.json`
 * @returns up to five examples, never the target
 */
export function selectGlobalExamples(questionText: string, country: string, similarity: GlobalSimilarity): SelectedExample[] {
  const similar = similarity[questionText]?.[country] ?? [];
  return similar
    .filter((entry) => entry.question !== questionText && Object.keys(entry.distribution).length > 0)
    .slice(0, FEW_SHOT_EXAMPLES)
    .map((entry) => ({
      id: entry.question,
      example: { text: entry.question, options: Object.keys(entry.distribution), distribution: Object.values(entry.distribution) },
    }));
}
