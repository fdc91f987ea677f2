/** GlobalOpinionQA as a survey: 100 questions, each asked of its own three countries. */
import { GLOBAL_SUM_TOLERANCE, loadGlobalQuestions } from "../data/globalvalues";
import { type Survey, type SurveyGroup, makeSurvey } from "./types";

/** The survey's name. */
export const GLOBALVALUES_SURVEY_NAME = "globalvalues";

/**
 * GlobalOpinionQA as a survey. The groups are countries (attribute `country`), every country
 * of the subset in order of first appearance; each question has answers from its own countries
 * only, listed in its slot order (`groups[0]` is slot "0" of the result files). Distributions
 * are the published proportions as they are (sums within GLOBAL_SUM_TOLERANCE of 1, not
 * renormalized); respondent counts are not published. The source does not say which questions
 * are ordinal, so every question is nominal. No neighbours: the subset's similarity file gives
 * per-country examples of questions outside the subset, not a ranking of its questions.
 * @throws {DataError} naming the file and key when the file is missing or malformed
 */
export function globalOpinionQaSurvey(dataDir: string): Survey {
  const loaded = loadGlobalQuestions(dataDir);
  const countries: string[] = [];
  for (const q of loaded) for (const c of q.countries) if (!countries.includes(c)) countries.push(c);
  const groups: SurveyGroup[] = countries.map((id) => ({ id, label: id, attribute: "country" }));
  const questions = loaded.map((q) => ({
    id: q.id,
    text: q.id,
    options: q.options,
    scale: "nominal" as const,
    answers: q.countries.map((c) => [c, { distribution: q.distributions[c] ?? [] }] as const),
  }));
  return makeSurvey({ name: GLOBALVALUES_SURVEY_NAME, questions, groups, sumTolerance: GLOBAL_SUM_TOLERANCE });
}
