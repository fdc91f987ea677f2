/**
 * What a run needs from one source of questions, behind one interface: the paper's three
 * datasets (paper-sources.ts) and user surveys (`userSurveySource`) implement it, so the grid,
 * the groups and the prompts never ask which dataset they are working on.
 */
import type { GroupRef } from "../data/results";
import { UsageError } from "../errors";
import { FEW_SHOT_EXAMPLES, type SelectedExample, hardestSimilar } from "../prompts/few-shot-selection";
import type { PromptPersona } from "../prompts/types";
import { type Dataset, type DatasetName, type Method, type Steering, DATASETS, isPaperDataset } from "../types";
import { nearestByTfidf } from "./similarity";
import { type Survey, distribution, question } from "./types";

/** A target question as the prompt letters it, with the persona it is asked for. */
export interface TargetQuestion {
  readonly text: string;
  readonly options: readonly string[];
  readonly persona?: PromptPersona;
}

/** One source of questions, groups and answers, as a run plans and prompts it. */
export interface SurveySource {
  /** The dataset name items carry: a paper dataset, or the user survey's name. */
  readonly name: DatasetName;
  /** The question ids in the source's order (the order scores are listed in). */
  questionIds(): string[];
  /** Every group a run can steer towards. */
  availableGroups(): GroupRef[];
  /** The groups of a run that names none (the paper's scored groups; every group of a user survey). */
  defaultGroups(): GroupRef[];
  /** A group's position in the source's order; unknown groups after the known ones. */
  groupOrder(group: GroupRef): number;
  /**
   * The target question as a group sees it under a steering (without steering, as everyone
   * sees it); undefined when the question does not exist or the group has no answers to it.
   */
  targetQuestion(steering: Steering, group: GroupRef | undefined, questionId: string): TargetQuestion | undefined;
  /** The few-shot examples of a question for a group, never the question itself; empty when there are none. */
  fewShotExamples(group: GroupRef, questionId: string): SelectedExample[];
  /** A short stable token for a question id in item ids. */
  questionToken(questionId: string): string;
  /** The paper's format-example text for a method × steering; undefined when the source has none. */
  paperFormatText?(method: Method, steering: Steering): string;
  /**
   * The human distribution of a group for a question, in the lettering of the prompt of the
   * given steering; undefined when not comparable (no answers, or another option count).
   */
  truth(steering: Steering, group: GroupRef, questionId: string, letterCount: number): readonly number[] | undefined;
  /** The survey behind the source (built once): its questions with their scales, groups, answers and respondent counts. */
  survey(): Survey;
  /** The id in `survey()` of the group a run's group stands for on a question; undefined when it has none there. */
  surveyGroup(group: GroupRef, questionId: string): string | undefined;
}

/** The phrase a persona prompt uses for the group, with `{group}` where its name goes. */
export const DEFAULT_PERSONA_TEMPLATE = 'a group of "{group}"';

/**
 * Checks a persona template: a non-empty phrase holding `{group}`.
 * @param name what to call it in the message: "persona option" in the library, "--persona" on the command line
 * @throws {UsageError} `<name>: …` naming what is wrong
 */
export function checkPersonaTemplate(template: string, name = "persona option"): string {
  if (template.trim() === "") throw new UsageError(`${name}: empty persona template (a phrase with {group}, e.g. ${JSON.stringify(DEFAULT_PERSONA_TEMPLATE)})`);
  if (!template.includes("{group}")) throw new UsageError(`${name}: the persona template must contain {group} (got ${JSON.stringify(template)})`);
  return template;
}

/** The persona phrase of a group: the template with every `{group}` replaced by the group's name. */
export function personaPhrase(template: string, group: string): string {
  return template.split("{group}").join(group);
}

/** The attribute of a user survey group without one. */
export const USER_GROUP_ATTRIBUTE = "group";

/** Candidates whose similarity ranking the hardest-similar rule picks from (as the paper's top-10 lists). */
export const SIMILAR_CANDIDATES = 10;

/**
 * Checks that a survey's name can name a user survey's dataset: not one of the paper's datasets
 * (their items and scores would mix), not empty, without `|` (the separator of item ids).
 * @throws {UsageError} naming the survey
 */
export function checkUserSurveyName(name: string): void {
  if (isPaperDataset(name)) throw new UsageError(`${name}: a user survey cannot be named after a paper dataset (${DATASETS.join(", ")}); rename the file or set "name"`);
  if (name.trim() === "" || name.includes("|")) throw new UsageError(`survey name ${JSON.stringify(name)}: must be non-empty and without "|"`);
}

/** What `userSurveySource` takes besides the survey. */
export interface UserSurveySourceOptions {
  /** The persona phrase with `{group}`. @default DEFAULT_PERSONA_TEMPLATE */
  readonly persona?: string;
  /** Short token of a question id in item ids. */
  readonly questionToken: (questionId: string) => string;
}

/**
 * The candidates of each question: the survey's own neighbours when it gives them for the
 * question, else its SIMILAR_CANDIDATES most similar other questions by TF-IDF cosine of the
 * question texts (ties in survey order).
 */
export function similarQuestions(survey: Survey): Map<string, readonly string[]> {
  const ids = survey.questions.map((q) => q.id);
  const nearest = nearestByTfidf(survey.questions.map((q) => q.text), SIMILAR_CANDIDATES);
  const out = new Map<string, readonly string[]>();
  ids.forEach((id, i) => {
    const given = survey.neighbours?.get(id);
    out.set(id, given !== undefined ? given : (nearest[i] ?? []).map((j) => ids[j] as string));
  });
  return out;
}

/**
 * A user survey as a source. Groups are `{attribute, value}` with the survey group's attribute
 * (USER_GROUP_ATTRIBUTE when it has none) and the group id as value; prompts letter a question's
 * options in the survey's order for every steering; persona prompts name the group through the
 * persona template; few-shot prompts show the hardest similar questions (`hardestSimilar`: of
 * the similar candidates, the five whose group distribution is farthest in total variation from
 * the target's, in similarity order), each with the group's real distribution.
 * @throws {UsageError} for a survey named after a paper dataset, or a bad persona template
 */
export function userSurveySource(survey: Survey, options: UserSurveySourceOptions): SurveySource {
  checkUserSurveyName(survey.name);
  const template = options.persona === undefined ? DEFAULT_PERSONA_TEMPLATE : checkPersonaTemplate(options.persona);
  const refs = survey.groups.map((g) => ({ attribute: g.attribute ?? USER_GROUP_ATTRIBUTE, value: g.id }));
  const known = (group: GroupRef) => refs.findIndex((r) => r.attribute === group.attribute && r.value === group.value);
  let similar: Map<string, readonly string[]> | undefined;
  const exampleOf = (questionId: string, groupId: string) => {
    const q = question(survey, questionId);
    const shares = distribution(survey, questionId, groupId);
    return shares === undefined ? undefined : { text: q.text, options: q.options, distribution: shares };
  };
  return {
    name: survey.name,
    questionIds: () => survey.questions.map((q) => q.id),
    availableGroups: () => refs.map((r) => ({ ...r })),
    defaultGroups: () => refs.map((r) => ({ ...r })),
    groupOrder: (group) => {
      const index = known(group);
      return index >= 0 ? index : refs.length;
    },
    targetQuestion(steering, group, questionId) {
      if (!survey.answers.has(questionId)) return undefined;
      const q = question(survey, questionId);
      if (steering === "none") return { text: q.text, options: q.options };
      if (group === undefined || known(group) < 0 || distribution(survey, questionId, group.value) === undefined) return undefined;
      const persona: PromptPersona = { kind: "group", name: group.value, ...(template === DEFAULT_PERSONA_TEMPLATE ? {} : { phrase: personaPhrase(template, group.value) }) };
      return { text: q.text, options: q.options, persona };
    },
    fewShotExamples(group, questionId) {
      if (known(group) < 0) return [];
      const target = exampleOf(questionId, group.value);
      if (target === undefined) return [];
      similar ??= similarQuestions(survey);
      const candidates: SelectedExample[] = [];
      for (const id of similar.get(questionId) ?? []) {
        if (id === questionId) continue;
        const example = exampleOf(id, group.value);
        if (example !== undefined) candidates.push({ id, example });
      }
      return hardestSimilar(candidates, target, FEW_SHOT_EXAMPLES);
    },
    questionToken: options.questionToken,
    truth(_steering, group, questionId, letterCount) {
      if (known(group) < 0 || !survey.answers.has(questionId)) return undefined;
      const shares = distribution(survey, questionId, group.value);
      return shares !== undefined && shares.length === letterCount ? shares : undefined;
    },
    survey: () => survey,
    surveyGroup: (group) => (known(group) < 0 ? undefined : group.value),
  };
}

/** The paper datasets' sources, by name; built by `paperSources` (paper-sources.ts). */
export type PaperSources = Readonly<Record<Dataset, SurveySource>>;
