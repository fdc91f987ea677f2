/**
 * One survey shape for every dataset: questions with their options in order, the groups asked,
 * and for each question × group the human answer distribution and, where known, the number of
 * respondents behind it. Adapters (OpinionQA, NYT Book Opinions, GlobalOpinionQA, user files)
 * build it with `makeSurvey`, which checks its invariants; consumers read it through the
 * accessors below rather than indexing its maps.
 */
import { DataError, UsageError } from "../errors";
import type { Distribution } from "../types";

/** Whether a question's options lie on a scale (a Likert item) or are unordered categories. */
export type Scale = "ordinal" | "nominal";

/** The scales, for validation and messages. */
export const SCALES: readonly Scale[] = ["ordinal", "nominal"];

/** One question of a survey. */
export interface SurveyQuestion {
  /** Unique within the survey. */
  readonly id: string;
  readonly text: string;
  /** The options in the order prompts letter them (option j is letter j: A, B, …); at least two, distinct. */
  readonly options: readonly string[];
  readonly scale: Scale;
  /**
   * Each option's position on the scale, aligned with `options` (null: off the scale, such as
   * "Refused"), when the option order is not the scale order. Absent: an ordinal question's
   * options are in scale order.
   */
  readonly scalePositions?: readonly (number | null)[];
  /**
   * The ids of the groups with answers to this question, in the question's own order. Groups
   * can differ between questions (GlobalOpinionQA asks three countries per question, in slot order).
   */
  readonly groups: readonly string[];
  /**
   * The options in the questionnaire's order, when the source records one that differs from
   * `options` (OpinionQA's `MC_options`, which may also split or spell options differently).
   */
  readonly questionnaireOptions?: readonly string[];
}

/** One group of respondents. */
export interface SurveyGroup {
  /** Unique within the survey; the group's name as prompts show it ("Democrat", "Japan"). */
  readonly id: string;
  /** How the group is named in tables and figures. */
  readonly label: string;
  /** The demographic attribute the group is a value of (POLPARTY, SEX, RACE, country), when known. */
  readonly attribute?: string;
}

/** The answers of one group to one question. */
export interface SurveyAnswers {
  /** Shares over the question's `options`, in order; non-negative, summing to 1 (within the source's rounding). */
  readonly distribution: Distribution;
  /** Respondents behind the distribution, when the source gives them. */
  readonly n?: number;
}

/** A survey: see the module comment. Build one with `makeSurvey`; read it with the accessors. */
export interface Survey {
  /** The survey's name, as reported in tables (`opinionqa`, `nytimes`, `globalvalues`, or a user file's name). */
  readonly name: string;
  readonly questions: readonly SurveyQuestion[];
  /** Every group of the survey, in the survey's order. */
  readonly groups: readonly SurveyGroup[];
  /** Question id → group id → answers; read with `answers`, `distribution`, `respondents`. */
  readonly answers: ReadonlyMap<string, ReadonlyMap<string, SurveyAnswers>>;
  /**
   * Question id → the ids of the most similar questions of `examplePool`, most similar first;
   * absent when the source gives none. Read with `neighbours`.
   */
  readonly neighbours?: ReadonlyMap<string, readonly string[]>;
  /**
   * The survey few-shot examples are drawn from, when it is not this one (OpinionQA's 100 scored
   * questions draw from the 494-question pool). Read with `examplePool`.
   */
  readonly examplePool?: Survey;
}

/** What `makeSurvey` takes: a survey with plain arrays and records. */
export interface SurveySpec {
  readonly name: string;
  readonly questions: readonly {
    readonly id: string;
    readonly text: string;
    readonly options: readonly string[];
    readonly scale: Scale;
    readonly scalePositions?: readonly (number | null)[];
    readonly questionnaireOptions?: readonly string[];
    /** Group id → answers, in the question's group order; groups without answers are left out. */
    readonly answers: ReadonlyArray<readonly [string, SurveyAnswers]>;
  }[];
  readonly groups: readonly SurveyGroup[];
  readonly neighbours?: Readonly<Record<string, readonly string[]>>;
  readonly examplePool?: Survey;
  /** Largest accepted |sum − 1| of a distribution. @default 1e-9 */
  readonly sumTolerance?: number;
}

/**
 * Builds a survey and checks its invariants: unique question and group ids, at least two
 * distinct options per question, answers only from known groups, each distribution as long
 * as the options, non-negative and summing to 1 within `sumTolerance`, respondent counts
 * positive integers, neighbours naming other questions of the example pool (never the question itself). The result is frozen.
 * @throws {DataError} `<name>: <question>[.<group>]: <what is wrong>`
 */
export function makeSurvey(spec: SurveySpec): Survey {
  const where = (key: string) => `${spec.name}: ${key}`;
  const fail = (key: string, what: string): never => {
    throw new DataError(`${where(key)}: ${what}`, spec.name, key);
  };
  const tolerance = spec.sumTolerance ?? 1e-9;
  const groupIds = new Set<string>();
  for (const group of spec.groups) {
    if (group.id === "") fail("(groups)", "empty group id");
    if (groupIds.has(group.id)) fail(group.id, "duplicate group id");
    groupIds.add(group.id);
  }
  const answers = new Map<string, ReadonlyMap<string, SurveyAnswers>>();
  const questions: SurveyQuestion[] = [];
  for (const q of spec.questions) {
    if (q.id === "") fail("(questions)", "empty question id");
    if (answers.has(q.id)) fail(q.id, "duplicate question id");
    if (q.options.length < 2) fail(q.id, `${q.options.length} options (at least 2 needed)`);
    if (new Set(q.options).size !== q.options.length) fail(q.id, `options not distinct (${q.options.join(", ")})`);
    if (!SCALES.includes(q.scale)) fail(q.id, `unknown scale "${String(q.scale)}"`);
    if (q.scalePositions !== undefined && q.scalePositions.length !== q.options.length) fail(q.id, `${q.scalePositions.length} scale positions for ${q.options.length} options`);
    const byGroup = new Map<string, SurveyAnswers>();
    for (const [groupId, a] of q.answers) {
      const key = `${q.id}.${groupId}`;
      if (!groupIds.has(groupId)) fail(key, "unknown group");
      if (byGroup.has(groupId)) fail(key, "answers given twice");
      if (a.distribution.length !== q.options.length) fail(key, `${a.distribution.length} shares for ${q.options.length} options`);
      if (a.distribution.some((p) => !Number.isFinite(p) || p < 0)) fail(key, `negative or non-finite share (${a.distribution.join(", ")})`);
      const sum = a.distribution.reduce((s, p) => s + p, 0);
      if (Math.abs(sum - 1) > tolerance) fail(key, `shares sum to ${sum}, not 1`);
      if (a.n !== undefined && (!Number.isSafeInteger(a.n) || a.n <= 0)) fail(key, `respondents not a positive integer (${a.n})`);
      byGroup.set(groupId, Object.freeze({ distribution: Object.freeze([...a.distribution]), ...(a.n === undefined ? {} : { n: a.n }) }));
    }
    answers.set(q.id, byGroup);
    questions.push(
      Object.freeze({
        id: q.id,
        text: q.text,
        options: Object.freeze([...q.options]),
        scale: q.scale,
        ...(q.scalePositions === undefined ? {} : { scalePositions: Object.freeze([...q.scalePositions]) }),
        groups: Object.freeze([...byGroup.keys()]),
        ...(q.questionnaireOptions === undefined ? {} : { questionnaireOptions: Object.freeze([...q.questionnaireOptions]) }),
      }),
    );
  }
  let neighbourMap: Map<string, readonly string[]> | undefined;
  if (spec.neighbours !== undefined) {
    const poolIds = spec.examplePool === undefined ? answers : spec.examplePool.answers;
    neighbourMap = new Map();
    for (const [id, list] of Object.entries(spec.neighbours)) {
      if (!answers.has(id)) fail(id, "neighbours of an unknown question");
      for (const other of list) {
        if (other === id) fail(id, "a question is not its own neighbour");
        if (!poolIds.has(other)) fail(id, `neighbour "${other}" is not a question of ${spec.examplePool?.name ?? spec.name}`);
      }
      neighbourMap.set(id, Object.freeze([...list]));
    }
  }
  return Object.freeze({
    name: spec.name,
    questions: Object.freeze(questions),
    groups: Object.freeze(spec.groups.map((g) => Object.freeze({ ...g }))),
    answers,
    ...(neighbourMap === undefined ? {} : { neighbours: neighbourMap }),
    ...(spec.examplePool === undefined ? {} : { examplePool: spec.examplePool }),
  });
}

/** The question ids, in survey order. */
export function questionIds(survey: Survey): string[] {
  return survey.questions.map((q) => q.id);
}

/** The group ids, in survey order. */
export function groupIds(survey: Survey): string[] {
  return survey.groups.map((g) => g.id);
}

const questionIndex = new WeakMap<Survey, ReadonlyMap<string, SurveyQuestion>>();

/**
 * A question by id.
 * @throws {UsageError} naming the survey when it has no such question
 */
export function question(survey: Survey, questionId: string): SurveyQuestion {
  const found = findQuestion(survey, questionId);
  if (found === undefined) throw new UsageError(`${survey.name}: no question "${questionId}"`);
  return found;
}

/** A question by id, or undefined when the survey has none of that id. */
export function findQuestion(survey: Survey, questionId: string): SurveyQuestion | undefined {
  let index = questionIndex.get(survey);
  if (index === undefined) {
    index = new Map(survey.questions.map((q) => [q.id, q]));
    questionIndex.set(survey, index);
  }
  return index.get(questionId);
}

/**
 * A group by id.
 * @throws {UsageError} naming the survey when it has no such group
 */
export function group(survey: Survey, groupId: string): SurveyGroup {
  const found = survey.groups.find((g) => g.id === groupId);
  if (found === undefined) throw new UsageError(`${survey.name}: no group "${groupId}"`);
  return found;
}

/** The groups with answers to a question, in the question's order. @throws {UsageError} for an unknown question */
export function groupsOf(survey: Survey, questionId: string): SurveyGroup[] {
  return question(survey, questionId).groups.map((id) => group(survey, id));
}

/**
 * A group's answers to a question; undefined when the group was not asked it (or gave no answer).
 * @throws {UsageError} for an unknown question or group
 */
export function answers(survey: Survey, questionId: string, groupId: string): SurveyAnswers | undefined {
  question(survey, questionId);
  group(survey, groupId);
  return survey.answers.get(questionId)?.get(groupId);
}

/** A group's distribution over a question's options; undefined when the group has no answers to it. */
export function distribution(survey: Survey, questionId: string, groupId: string): Distribution | undefined {
  return answers(survey, questionId, groupId)?.distribution;
}

/** The respondents behind a group's distribution; undefined when unknown or when the group has no answers. */
export function respondents(survey: Survey, questionId: string, groupId: string): number | undefined {
  return answers(survey, questionId, groupId)?.n;
}

/**
 * The options a group chose at least once (share > 0), in option order; undefined when the
 * group has no answers. OpinionQA's persona and few-shot prompts letter only these.
 */
export function usedOptions(survey: Survey, questionId: string, groupId: string): string[] | undefined {
  const shares = distribution(survey, questionId, groupId);
  if (shares === undefined) return undefined;
  const options = question(survey, questionId).options;
  return options.filter((_, j) => (shares[j] ?? 0) > 0);
}

/** The survey few-shot examples come from: `examplePool` when set, else the survey itself. */
export function examplePool(survey: Survey): Survey {
  return survey.examplePool ?? survey;
}

/**
 * The most similar questions of the example pool, most similar first, as the source ranks
 * them; empty when the survey has no neighbours for the question.
 * @throws {UsageError} for an unknown question
 */
export function neighbours(survey: Survey, questionId: string): readonly string[] {
  question(survey, questionId);
  return survey.neighbours?.get(questionId) ?? [];
}
