/**
 * Baselines as backends: `baseline/uniform`, `baseline/pooled` and `baseline/other-group` answer
 * every method from the human distributions of the survey itself, so the whole pipeline (prompt →
 * parse → score) runs on any survey with no key, no network and no cost.
 *
 * - `uniform`: every option of the prompt equally.
 * - `pooled`: the question's distribution pooled over all its groups in the survey: weighted by
 *   respondents when every group's respondent count is known (the shares of the summed counts),
 *   else the plain mean of the groups' distributions (GlobalOpinionQA publishes no counts).
 * - `other-group`: the distribution of the target group's counterpart: its pair (Democrat ↔
 *   Republican, Male ↔ Female, Black ↔ White) when the question has both, else the group of the
 *   question farthest in total variation from the target group (ties: the question's group order).
 *
 * The target is the steered group (persona, few-shot); without steering it is the distribution
 * pooled over the groups the item is scored against, and `other-group` answers with the question's
 * group farthest from it. Answers are over the prompt's options, by option text, in the prompt's
 * order; where the prompt letters only some of the survey's options, the distribution is
 * renormalized over them (uniform when it has no mass on them).
 *
 * Answers are deterministic: Verbalize is the distribution as a JSON object of letters to
 * fractions; Sequence is 30 letters drawn from it with `seededRandom(seed, item id)`; Log-p is one
 * generated token, the most likely letter, with the options of nonzero probability as its top
 * log-probabilities (natural log), as the OpenAI backend returns them. They are not put through
 * the response cache: computing an answer is as cheap as reading one, and nothing is paid for.
 */
import { globalOpinionQaSurvey, GLOBALVALUES_SURVEY_NAME } from "../survey/globalvalues-survey";
import { nytSurvey, NYTIMES_SURVEY_NAME } from "../survey/nytimes-survey";
import { opinionQaSurvey, OPINIONQA_SURVEY_NAME } from "../survey/opinionqa-survey";
import { type Survey, type SurveyQuestion, question as surveyQuestion } from "../survey/types";
import { type GroupRef, PAIRED_GROUPS } from "../data/results";
import { DataError, UsageError } from "../errors";
import { SEQUENCE_LETTERS } from "../prompts/answer-format";
import { seededRandom } from "../random";
import { totalVariation } from "../scoring/total-variation";
import { type BaselineModel, BASELINE_MODELS, capabilitiesFor } from "./capabilities";
import { parseModelId } from "./model-id";
import { checkRequestSupported } from "./plan";
import type { Backend, CallContext, CompleteOptions, Completion, CompletionRequest, TokenAlternative } from "./types";

/** The survey of a dataset name (a paper dataset, or a user survey's name). */
export type SurveyResolver = (dataset: string) => Survey;

/**
 * A resolver of the paper's three datasets from a data directory, each survey loaded once, on
 * first use.
 * @param dataDir the benchmark data directory
 * @param more further surveys by name (user surveys), tried first
 * @throws {UsageError} (from the resolver) for a name that is neither
 */
export function paperSurveyResolver(dataDir: string, more: Readonly<Record<string, Survey>> = {}): SurveyResolver {
  const loaders: Readonly<Record<string, () => Survey>> = {
    [OPINIONQA_SURVEY_NAME]: () => opinionQaSurvey(dataDir),
    [NYTIMES_SURVEY_NAME]: () => nytSurvey(dataDir),
    [GLOBALVALUES_SURVEY_NAME]: () => globalOpinionQaSurvey(dataDir),
  };
  const loaded = new Map<string, Survey>(Object.entries(more));
  return (dataset) => {
    let survey = loaded.get(dataset);
    if (survey === undefined) {
      const load = Object.prototype.hasOwnProperty.call(loaders, dataset) ? loaders[dataset] : undefined;
      if (load === undefined) throw new UsageError(`baseline: no survey named "${dataset}" (known: ${[...new Set([...loaded.keys(), ...Object.keys(loaders)])].join(", ")})`);
      survey = load();
      loaded.set(dataset, survey);
    }
    return survey;
  };
}

/** Options of `createBaselineBackend`. */
export interface BaselineBackendOptions {
  /** Seeds the letters of Sequence answers (with the item id). @default 0 */
  readonly seed?: number;
}

/** The Survey group id a run's group names on a question: its id, or a GlobalOpinionQA-style slot ("0"–"2") in the question's group order. */
function surveyGroupId(survey: Survey, q: SurveyQuestion, ref: GroupRef): string {
  if (q.groups.includes(ref.value)) return ref.value;
  if (/^\d+$/.test(ref.value) && !survey.groups.some((g) => g.id === ref.value)) {
    const slot = q.groups[Number(ref.value)];
    if (slot !== undefined) return slot;
  }
  throw new DataError(`${survey.name}: ${q.id}: no answers of group "${ref.value}" (groups: ${q.groups.join(", ")})`, survey.name, `${q.id}.${ref.value}`);
}

function answersOf(survey: Survey, q: SurveyQuestion, groupId: string): { distribution: readonly number[]; n?: number } {
  const found = survey.answers.get(q.id)?.get(groupId);
  if (found === undefined) throw new DataError(`${survey.name}: ${q.id}: no answers of group "${groupId}"`, survey.name, `${q.id}.${groupId}`);
  return found;
}

/** Pooled over groups: shares of the summed respondents when every group's count is known, else the plain mean. */
export function pooledDistribution(survey: Survey, q: SurveyQuestion, groupIds: readonly string[]): number[] {
  const all = groupIds.map((id) => answersOf(survey, q, id));
  const weighted = all.every((a) => a.n !== undefined);
  const weights = all.map((a) => (weighted ? (a.n as number) : 1));
  const total = weights.reduce((s, w) => s + w, 0);
  return q.options.map((_, j) => all.reduce((s, a, k) => s + (weights[k] as number) * (a.distribution[j] ?? 0), 0) / total);
}

/**
 * The group `other-group` answers with for a target: the target group's pair when the question
 * has it, else the question's group (other than the target) farthest in TV from the target distribution.
 */
export function otherGroupOf(survey: Survey, q: SurveyQuestion, target: readonly number[], targetGroup: string | undefined): string {
  const pair = targetGroup === undefined ? undefined : PAIRED_GROUPS[targetGroup];
  if (pair !== undefined && q.groups.includes(pair)) return pair;
  let best: string | undefined;
  let bestTv = -1;
  for (const id of q.groups) {
    if (id === targetGroup) continue;
    const tv = totalVariation(answersOf(survey, q, id).distribution, target);
    if (tv > bestTv) {
      best = id;
      bestTv = tv;
    }
  }
  if (best === undefined) throw new DataError(`${survey.name}: ${q.id}: no group other than "${targetGroup}" to answer with`, survey.name, q.id);
  return best;
}

/** A survey distribution over the prompt's options (by text, in the prompt's order), renormalized; uniform when it has no mass on them. */
function overPromptOptions(survey: Survey, q: SurveyQuestion, distribution: readonly number[], options: readonly string[]): number[] {
  const values = options.map((option) => {
    const j = q.options.indexOf(option);
    if (j < 0) throw new DataError(`${survey.name}: ${q.id}: option "${option}" of the prompt is not an option of the survey (${q.options.join(", ")})`, survey.name, q.id);
    return distribution[j] ?? 0;
  });
  const sum = values.reduce((s, v) => s + v, 0);
  if (Math.abs(sum - 1) <= 1e-12) return values;
  return sum > 0 ? values.map((v) => v / sum) : options.map(() => 1 / options.length);
}

/**
 * The distribution a baseline answers an item with, over the item's options in prompt order.
 * @throws {DataError} for a question, group or option the survey does not have
 */
export function baselineDistribution(baseline: BaselineModel, survey: Survey | undefined, context: CallContext): number[] {
  const { options } = context;
  if (baseline === "uniform") return options.map(() => 1 / options.length);
  if (survey === undefined) throw new UsageError(`baseline/${baseline}: needs the survey of ${context.dataset}`);
  let q: SurveyQuestion;
  try {
    q = surveyQuestion(survey, context.questionId);
  } catch (error) {
    throw new DataError((error as Error).message, survey.name, context.questionId);
  }
  if (baseline === "pooled") return overPromptOptions(survey, q, pooledDistribution(survey, q, q.groups), options);
  const ids = context.groups.map((g) => surveyGroupId(survey, q, g));
  const steered = context.steering !== "none" && ids.length === 1 ? ids[0] : undefined;
  const target = steered === undefined ? pooledDistribution(survey, q, ids) : answersOf(survey, q, steered).distribution;
  return overPromptOptions(survey, q, answersOf(survey, q, otherGroupOf(survey, q, target, steered)).distribution, options);
}

function letter(j: number): string {
  return String.fromCharCode(65 + j);
}

/** A completion in the shape a live backend returns, answering `method` with `distribution`. */
export function baselineCompletion(modelId: string, request: CompletionRequest, method: string, distribution: readonly number[], seedKey: { seed: number; key: string }): Completion {
  const usage = { inputTokens: 0, outputTokens: 0 };
  if (method === "verbalize") {
    const answer: Record<string, number> = {};
    distribution.forEach((p, j) => (answer[letter(j)] = p));
    return { text: JSON.stringify(answer), usage, model: modelId, finishReason: "stop" };
  }
  if (method === "sequence") {
    const rng = seededRandom(seedKey.seed, seedKey.key);
    const letters: string[] = [];
    for (let i = 0; i < SEQUENCE_LETTERS; i++) letters.push(letter(draw(distribution, rng())));
    return { text: letters.join(" "), usage, model: modelId, finishReason: "stop" };
  }
  if (method === "logprobs") {
    const alternatives: TokenAlternative[] = distribution
      .map((p, j) => ({ token: letter(j), p }))
      .filter((a) => a.p > 0)
      .sort((a, b) => b.p - a.p)
      .slice(0, request.topLogprobs ?? distribution.length)
      .map((a) => ({ token: a.token, logprob: Math.log(a.p) }));
    const top = alternatives[0] as TokenAlternative;
    return { text: top.token, tokens: [{ ...top, topLogprobs: alternatives }], usage: { inputTokens: 0, outputTokens: 1 }, model: modelId, finishReason: "stop" };
  }
  throw new UsageError(`${modelId}: unknown method "${method}"`);
}

/** The option a uniform number falls on (the last option with mass when rounding leaves it past the end). */
function draw(distribution: readonly number[], u: number): number {
  let cumulative = 0;
  let last = 0;
  for (let j = 0; j < distribution.length; j++) {
    const p = distribution[j] ?? 0;
    if (p <= 0) continue;
    last = j;
    cumulative += p;
    if (u < cumulative) return j;
  }
  return last;
}

/**
 * A backend for `baseline/uniform`, `baseline/pooled` or `baseline/other-group`. Each call needs
 * its item's `context` (filled by the executor from a benchmark run's item metadata).
 * @param modelId e.g. "baseline/pooled"
 * @param surveyOf the survey of a dataset name (`paperSurveyResolver(dataDir)` for the paper's datasets)
 * @throws {UsageError} for an unknown baseline; calls reject with UsageError without a context and
 *   DataError for a question, group or option the survey lacks
 * @example
 * const backend = createBaselineBackend("baseline/uniform", paperSurveyResolver(dataDir));
 */
export function createBaselineBackend(modelId: string, surveyOf: SurveyResolver, options: BaselineBackendOptions = {}): Backend {
  const { provider, model } = parseModelId(modelId);
  if (provider !== "baseline" || !(BASELINE_MODELS as readonly string[]).includes(model)) {
    throw new UsageError(`createBaselineBackend: not a baseline model id (${modelId}; baselines: ${BASELINE_MODELS.map((b) => `baseline/${b}`).join(", ")})`);
  }
  const baseline = model as BaselineModel;
  const capabilities = capabilitiesFor(modelId);
  const seed = options.seed ?? 0;

  async function complete(request: CompletionRequest, callOptions: CompleteOptions = {}): Promise<Completion> {
    checkRequestSupported(request, capabilities);
    const context = callOptions.context;
    if (context === undefined) throw new UsageError(`${modelId}: a baseline answers only the items of a benchmark run (no item context given)`);
    const distribution = baselineDistribution(baseline, baseline === "uniform" ? undefined : surveyOf(context.dataset), context);
    return baselineCompletion(modelId, request, context.method, distribution, { seed, key: context.itemId });
  }

  return { id: modelId, capabilities, outputTokenCap: () => 0, complete };
}
