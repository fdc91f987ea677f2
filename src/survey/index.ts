/**
 * One survey shape for every dataset (types.ts), the adapters that build it from the paper's
 * datasets, and user survey files (user-file.ts).
 */
export {
  SCALES,
  type Scale,
  type Survey,
  type SurveyAnswers,
  type SurveyGroup,
  type SurveyQuestion,
  type SurveySpec,
  answers,
  distribution,
  examplePool,
  group,
  groupIds,
  groupsOf,
  makeSurvey,
  neighbours,
  question,
  questionIds,
  respondents,
  usedOptions,
} from "./types";
export { OPINIONQA_SURVEY_GROUPS, OPINIONQA_SURVEY_NAME, opinionQaSurvey } from "./opinionqa-survey";
export { NYTIMES_SURVEY_GROUPS, NYTIMES_SURVEY_NAME, nytSurvey } from "./nytimes-survey";
export { GLOBALVALUES_SURVEY_NAME, globalOpinionQaSurvey } from "./globalvalues-survey";
export { SHARE_SUM_TOLERANCE, SURVEY_CSV_COLUMNS, type SurveyFileJson, loadSurvey, parseSurveyCsv, parseSurveyJson } from "./user-file";
export { type GroupRespondents, type SurveySummary, formatSurveySummary, surveySummary } from "./summary";
export {
  DEFAULT_PERSONA_TEMPLATE,
  SIMILAR_CANDIDATES,
  USER_GROUP_ATTRIBUTE,
  type PaperSources,
  type SurveySource,
  type TargetQuestion,
  type UserSurveySourceOptions,
  checkPersonaTemplate,
  checkUserSurveyName,
  personaPhrase,
  similarQuestions,
  userSurveySource,
} from "./source";
export { paperSources, questionTokenOf } from "./paper-sources";
export { cosine, nearestByTfidf, tfidfSimilarity, tfidfVectors, tokenize } from "./similarity";
