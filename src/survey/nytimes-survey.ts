/** NYT Book Opinions as a survey: 235 books, how likely each group is to read each, on a 4-point scale. */
import { NYTIMES_GROUPS, loadNytBooks, loadNytSimilarity, nytQuestionText } from "../data/nytimes";
import { SCORED_GROUPS } from "../data/results";
import { type Survey, type SurveyAnswers, type SurveyGroup, makeSurvey } from "./types";

/** The survey's name. */
export const NYTIMES_SURVEY_NAME = "nytimes";

/** The rated groups, with their attribute. */
export const NYTIMES_SURVEY_GROUPS: readonly SurveyGroup[] = NYTIMES_GROUPS.map((id) => ({
  id,
  label: id,
  attribute: SCORED_GROUPS.nytimes.find((g) => g.value === id)?.attribute ?? "",
}));

/**
 * NYT Book Opinions as a survey: one question per book (id "Title By Author", the text the
 * prompts ask), the four Likert options in scale order (ordinal), each group's distribution
 * count / ratings and `n` its number of ratings, and each book's 10 nearest books by summary
 * embedding as neighbours.
 * @throws {DataError} naming the file and key when a file is missing or malformed
 */
export function nytSurvey(dataDir: string): Survey {
  const books = loadNytBooks(dataDir);
  const similarity = loadNytSimilarity(dataDir);
  const questions = books.map((book) => {
    const answers: [string, SurveyAnswers][] = [];
    for (const g of NYTIMES_SURVEY_GROUPS) {
      const counts = book.counts[g.id] ?? [];
      const n = counts.reduce((a, b) => a + b, 0);
      if (n > 0) answers.push([g.id, { distribution: counts.map((c) => c / n), n }]);
    }
    return { id: book.id, text: nytQuestionText(book), options: book.options, scale: "ordinal" as const, answers };
  });
  const neighbours: Record<string, readonly string[]> = {};
  for (const book of books) neighbours[book.id] = similarity[book.id] ?? [];
  return makeSurvey({ name: NYTIMES_SURVEY_NAME, questions, groups: NYTIMES_SURVEY_GROUPS, neighbours });
}
