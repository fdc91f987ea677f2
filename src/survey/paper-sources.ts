/**
 * The paper's three datasets as `SurveySource`s, over the loaded benchmark and prompt data: each
 * keeps the paper's own lettering, groups and few-shot rule, so their prompts and item ids are
 * those the benchmark always had (docs/protocol.md §2, §3).
 */
import { createHash } from "node:crypto";
import { globalGroupQuestion } from "../data/globalvalues";
import { NYTIMES_GROUPS, nytGroupQuestion, nytQuestionText } from "../data/nytimes";
import { OPINIONQA_ATTRIBUTES, type OpinionQaQuestion, opinionQaGroupQuestion } from "../data/opinionqa";
import { type GroupRef, SCORED_GROUPS } from "../data/results";
import { selectGlobalExamples, selectNytExamples, selectOpinionQaExamples } from "../prompts/few-shot-selection";
import type { PromptData } from "../prompts/prompt-data";
import { correctedTruth } from "../reproduce/corrected-truth";
import { type Dataset, type DatasetName, isPaperDataset } from "../types";
import { paperSurvey } from "./paper-surveys";
import type { PaperSources, SurveySource } from "./source";
import { findQuestion, type Survey } from "./types";

/**
 * The options of an OpinionQA question without steering: every option some respondent chose,
 * in alphabetical order (the lettering of the paper's no-steering prompts, docs/protocol.md §5.1).
 */
export function opinionQaRespondentOptions(questions: readonly OpinionQaQuestion[]): string[] {
  const used = new Set<string>();
  for (const question of questions) {
    for (const counts of Object.values(question.counts)) for (const [option, count] of Object.entries(counts)) if (count > 0) used.add(option);
  }
  return [...used].sort();
}

/** A hashed token: long question ids (book titles, question texts) kept short in item ids. */
function hashedToken(questionId: string): string {
  return `h${createHash("sha256").update(questionId).digest("hex").slice(0, 12)}`;
}

/** How each paper dataset writes a question id into item ids: OpinionQA's Pew ids as they are, the long texts hashed. */
const PAPER_TOKENS: Readonly<Record<Dataset, (questionId: string) => string>> = {
  opinionqa: (questionId) => questionId,
  nytimes: hashedToken,
  globalvalues: hashedToken,
};

/**
 * The short stable token of a question id in item ids: the paper datasets' own (OpinionQA ids as
 * they are, others hashed), and hashed for user surveys (their ids are free text).
 */
export function questionTokenOf(dataset: DatasetName, questionId: string): string {
  return isPaperDataset(dataset) ? PAPER_TOKENS[dataset](questionId) : hashedToken(questionId);
}

/** The survey group of a scored group of OpinionQA or NYT: the group's value, when the survey has it under that attribute. */
function namedSurveyGroup(survey: () => Survey): SurveySource["surveyGroup"] {
  return (group) => (survey().groups.some((g) => g.id === group.value && g.attribute === group.attribute) ? group.value : undefined);
}

/** The common members: the paper's scored groups and their order, the paper's prompt files, corrected ground truth. */
function common(data: PromptData, name: Dataset): Pick<SurveySource, "name" | "defaultGroups" | "groupOrder" | "paperFormatText" | "truth"> {
  return {
    name,
    defaultGroups: () => SCORED_GROUPS[name].map((g) => ({ ...g })),
    groupOrder: (group: GroupRef) => {
      const index = SCORED_GROUPS[name].findIndex((g) => g.attribute === group.attribute && g.value === group.value);
      return index >= 0 ? index : SCORED_GROUPS[name].length;
    },
    paperFormatText: (method, steering) => data.paperFormatText(name, method, steering),
    truth: (steering, group, questionId, letterCount) => correctedTruth(data.benchmark, name, steering, group, questionId, letterCount),
  };
}

/**
 * OpinionQA: without steering the options every respondent used, alphabetically; with steering
 * the options the group used; groups are every attribute value; ids are Pew ids, as they are.
 */
function opinionQaSource(data: PromptData): SurveySource {
  const benchmark = data.benchmark;
  const survey = () => paperSurvey(benchmark, "opinionqa");
  return {
    ...common(data, "opinionqa"),
    survey,
    surveyGroup: namedSurveyGroup(survey),
    questionIds: () => [...(benchmark.opinionQa["POLPARTY"]?.keys() ?? [])],
    availableGroups: () =>
      OPINIONQA_ATTRIBUTES.flatMap((attribute) => {
        const values = new Set<string>();
        for (const question of benchmark.opinionQa[attribute]?.values() ?? []) for (const value of Object.keys(question.counts)) values.add(value);
        return [...values].sort().map((value) => ({ attribute, value }));
      }),
    targetQuestion(steering, group, questionId) {
      if (steering === "none") {
        const versions = OPINIONQA_ATTRIBUTES.flatMap((attribute) => {
          const question = benchmark.opinionQa[attribute]?.get(questionId);
          return question === undefined ? [] : [question];
        });
        const first = versions[0];
        return first === undefined ? undefined : { text: first.text, options: opinionQaRespondentOptions(versions) };
      }
      if (group === undefined) return undefined;
      const question = benchmark.opinionQa[group.attribute]?.get(questionId);
      const seen = question === undefined ? undefined : opinionQaGroupQuestion(question, group.value);
      return seen === undefined ? undefined : { text: seen.text, options: seen.options, persona: { kind: "group", name: group.value } };
    },
    fewShotExamples(group, questionId) {
      const pool = data.opinionQaPool(group.attribute);
      const target = pool.get(questionId) ?? benchmark.opinionQa[group.attribute]?.get(questionId);
      if (target === undefined) return [];
      return selectOpinionQaExamples(target, group.value, data.opinionQaSimilarity()[questionId] ?? [], pool);
    },
    questionToken: PAPER_TOKENS.opinionqa,
  };
}

/** NYT Book Opinions: the four Likert options; the four rated groups; hashed ids. */
function nytSource(data: PromptData): SurveySource {
  const benchmark = data.benchmark;
  const survey = () => paperSurvey(benchmark, "nytimes");
  return {
    ...common(data, "nytimes"),
    survey,
    surveyGroup: namedSurveyGroup(survey),
    questionIds: () => benchmark.nytBooks.map((book) => book.id),
    availableGroups: () => NYTIMES_GROUPS.map((value) => ({ attribute: SCORED_GROUPS.nytimes.find((g) => g.value === value)?.attribute ?? "POLPARTY", value })),
    targetQuestion(steering, group, questionId) {
      const book = data.nytBooksById().get(questionId);
      if (book === undefined) return undefined;
      if (steering === "none") return { text: nytQuestionText(book), options: book.options };
      const seen = group === undefined ? undefined : nytGroupQuestion(book, group.value);
      return seen === undefined ? undefined : { text: seen.text, options: seen.options, persona: { kind: "group", name: group?.value ?? "" } };
    },
    fewShotExamples(group, questionId) {
      const books = data.nytBooksById();
      const target = books.get(questionId);
      return target === undefined ? [] : selectNytExamples(target, group.value, data.nytSimilarity()[questionId] ?? [], books);
    },
    questionToken: PAPER_TOKENS.nytimes,
  };
}

/** GlobalOpinionQA: groups are the question's country slots "0"–"2", named as countries in prompts; hashed ids. */
function globalSource(data: PromptData): SurveySource {
  const benchmark = data.benchmark;
  const survey = () => paperSurvey(benchmark, "globalvalues");
  return {
    ...common(data, "globalvalues"),
    survey,
    // The run's groups are the question's country slots; the survey lists each question's countries in slot order.
    surveyGroup: (group, questionId) => findQuestion(survey(), questionId)?.groups[Number(group.value)],
    questionIds: () => [...benchmark.globalQuestions.keys()],
    availableGroups: () => SCORED_GROUPS.globalvalues.map((group) => ({ ...group })),
    targetQuestion(steering, group, questionId) {
      const question = benchmark.globalQuestions.get(questionId);
      if (question === undefined) return undefined;
      if (steering === "none") return { text: question.id, options: question.options };
      const seen = group === undefined ? undefined : globalGroupQuestion(question, group.value);
      return seen === undefined ? undefined : { text: seen.text, options: seen.options, persona: { kind: "country", name: seen.group } };
    },
    fewShotExamples(group, questionId) {
      const question = benchmark.globalQuestions.get(questionId);
      const country = question === undefined ? undefined : globalGroupQuestion(question, group.value)?.group;
      return country === undefined ? [] : selectGlobalExamples(questionId, country, data.globalSimilarity());
    },
    questionToken: PAPER_TOKENS.globalvalues,
  };
}

/** The three paper datasets as sources, over loaded prompt data. */
export function paperSources(data: PromptData): PaperSources {
  return { opinionqa: opinionQaSource(data), nytimes: nytSource(data), globalvalues: globalSource(data) };
}
