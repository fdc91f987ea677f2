/**
 * The grid of a run: models × datasets × steering × methods × groups × questions (× samples) as
 * work items with stable ids, so re-running the same grid resumes it. Impossible model × method
 * pairs are refused here, before anything runs.
 */
import { type MethodPlan, planModelMethod } from "../backends/plan";
import type { ChatMessage } from "../backends/types";
import { type GroupRef, hasPublishedCell } from "../data/results";
import { UsageError } from "../errors";
import { buildPrompt } from "../prompts/build-prompt";
import { FEW_SHOT_EXAMPLES } from "../prompts/few-shot-selection";
import { type PromptData, promptSpecFor, withSurveySource } from "../prompts/prompt-data";
import type { WorkItem } from "../executor/types";
import { questionTokenOf } from "../survey/paper-sources";
import { type SurveySource, userSurveySource } from "../survey/source";
import { DATASETS, type DatasetName, METHODS, isPaperDataset, type Method, STEERINGS, type Steering } from "../types";
import { groupKey } from "../data/results";
import { resolveSourceGroups } from "./groups";
import { type GridSpec, RUN_ITEM_KIND, type RunItemMeta, type RunUnit } from "./types";

/** The main leaderboard's steering conditions, the default of a run. */
export const DEFAULT_RUN_STEERINGS: readonly Steering[] = ["persona", "few-shot"];

/**
 * Generated-token caps per method: one letter (a few tokens of slack), 30 spaced letters, a
 * percentage dict. Every model gets its method's cap; the backends add room on top for hidden
 * reasoning (OpenAI reasoning models) and thinking (Anthropic), so the cap bounds the answer alone.
 */
export const DEFAULT_MAX_TOKENS: Record<Method, number> = { logprobs: 5, sequence: 200, verbalize: 200 };

/** A unit of the grid with its prompt, shared by every model. */
export interface PlannedUnit {
  readonly unit: RunUnit;
  readonly messages: readonly ChatMessage[];
  readonly fewShotIds: readonly string[];
}

/** Items left out of a plan: a paper model's cells the paper did not publish (e.g. GlobalOpinionQA without steering). */
export interface SkippedCell {
  readonly model: string;
  readonly dataset: DatasetName;
  readonly steering: Steering;
  readonly method: Method;
  readonly items: number;
}

/** A planned run: its items and the sampling settings of each model × method. */
export interface GridPlan {
  readonly items: WorkItem<RunItemMeta>[];
  readonly units: readonly PlannedUnit[];
  readonly plans: readonly MethodPlan[];
  readonly skipped: readonly SkippedCell[];
  /** Few-shot units shown fewer than FEW_SHOT_EXAMPLES examples (a small survey), per dataset: the questions concerned. */
  readonly shortFewShot: readonly ShortFewShot[];
}

/** Questions of a dataset whose few-shot prompts show fewer than FEW_SHOT_EXAMPLES examples. */
export interface ShortFewShot {
  readonly dataset: DatasetName;
  /** Question ids, in the dataset's order. */
  readonly questions: readonly string[];
}

/** "few-shot: N questions have fewer than 5 examples (survey)", the line a plan prints. */
export function describeShortFewShot(short: ShortFewShot): string {
  const n = short.questions.length;
  return `few-shot: ${n} question${n === 1 ? " has" : "s have"} fewer than ${FEW_SHOT_EXAMPLES} examples (${short.dataset})`;
}

function checkList<T extends string>(name: string, values: readonly string[] | undefined, valid: readonly T[], fallback: readonly T[]): T[] {
  if (values === undefined) return [...fallback];
  if (values.length === 0) throw new UsageError(`${name}: empty list (valid: ${valid.join(", ")})`, { option: name });
  for (const value of values) {
    if (!(valid as readonly string[]).includes(value)) throw new UsageError(`${name}: unknown value "${value}" (valid: ${valid.join(", ")})`, { option: name });
  }
  return [...new Set(values)] as T[];
}

/**
 * Checks every model × method pair before anything runs: an unknown provider, a model that
 * cannot express a distribution by a method (Anthropic + logprobs), a temperature it refuses.
 * @returns the sampling settings of each pair
 * @throws {UsageError} naming the first impossible pair
 */
export function planModels(models: readonly string[], methods: readonly Method[], temperature?: number): MethodPlan[] {
  if (models.length === 0) throw new UsageError("models: none given (give provider/model ids, e.g. openai/gpt-4o-mini or paper/gpt-4)", { option: "models" });
  const plans: MethodPlan[] = [];
  for (const model of new Set(models)) for (const method of methods) plans.push(planModelMethod(model, method, { temperature }));
  return plans;
}

/** A short stable token for a question id: OpinionQA ids as they are, others hashed (they are long texts). */
export function questionToken(dataset: DatasetName, questionId: string): string {
  return questionTokenOf(dataset, questionId);
}

/**
 * The sources a grid covers: the user survey (`spec.survey`, with `spec.persona`), or the
 * selected paper datasets; and the data that answers prompts for them.
 * @throws {UsageError} for datasets and a survey together, an unknown dataset or a bad persona template
 */
export function gridSources(data: PromptData, spec: Pick<GridSpec, "datasets" | "survey" | "persona">): { data: PromptData; sources: SurveySource[] } {
  if (spec.survey !== undefined) {
    if (spec.datasets !== undefined) throw new UsageError(`run: a survey and datasets (${spec.datasets.join(", ")}) together; give one`);
    const source = userSurveySource(spec.survey, { persona: spec.persona, questionToken: (id) => questionTokenOf(spec.survey?.name ?? "", id) });
    return { data: withSurveySource(data, source), sources: [source] };
  }
  if (spec.persona !== undefined) throw new UsageError("persona option: a persona template is for user surveys (the paper datasets keep the paper's wording)");
  const datasets = checkList("datasets", spec.datasets, DATASETS, DATASETS);
  return { data, sources: datasets.map((d) => data.source(d)) };
}

/**
 * The stable id of a work item, e.g. `openai/gpt-4o-mini|opinionqa|persona|verbalize|POLPARTY/Democrat|GUNIDENTITY_W26|0`.
 * The same grid gives the same ids, which is what lets a run resume.
 */
export function itemId(model: string, unit: RunUnit, sample: number): string {
  const group = unit.steering === "none" ? "all" : unit.groups.map(groupKey).join("+");
  return [model, unit.dataset, unit.steering, unit.method, group, questionToken(unit.dataset, unit.questionId), String(sample)].join("|");
}

/**
 * The model-independent units of a grid with their prompts: each selected question once per
 * group (persona, few-shot) or once for everyone (no steering). Questions a group has no answers
 * for are left out.
 * @param data the benchmark and prompt data
 * @param spec the grid without its models
 * @param options `prompts: false` skips rendering the messages (for scoring published outputs only)
 * @throws {UsageError} for an unknown dataset, steering, method or group
 */
export function planUnits(data: PromptData, spec: Omit<GridSpec, "models">, options: { readonly prompts?: boolean } = {}): PlannedUnit[] {
  const grid = gridSources(data, spec);
  const steerings = checkList("steerings", spec.steerings, STEERINGS, DEFAULT_RUN_STEERINGS);
  const methods = checkList("methods", spec.methods, METHODS, METHODS);
  if (spec.limit !== undefined && !(Number.isInteger(spec.limit) && spec.limit >= 1)) {
    throw new UsageError(`limit must be a positive integer (got ${spec.limit})`, { option: "limit" });
  }
  const groupsByDataset = resolveSourceGroups(grid.sources, spec.groups);
  const units: PlannedUnit[] = [];
  for (const source of grid.sources) {
    const dataset = source.name;
    const ids = source.questionIds();
    const questions = ids.slice(0, spec.limit ?? ids.length).map((id, index) => ({ id, index }));
    const groups = groupsByDataset.get(dataset) ?? [];
    for (const steering of steerings) {
      const askFor: (GroupRef | undefined)[] = steering === "none" ? [undefined] : groups;
      for (const method of methods) {
        for (const group of askFor) {
          for (const { id, index } of questions) {
            const prompt = promptSpecFor(grid.data, { dataset, steering, method, group, questionId: id, formatExamples: spec.formatExamples, seed: spec.seed });
            if (prompt === undefined) continue;
            units.push({
              unit: {
                dataset,
                steering,
                method,
                questionId: id,
                questionIndex: index,
                options: prompt.spec.question.options,
                groups: group === undefined ? groups : [group],
              },
              messages: options.prompts === false ? [] : buildPrompt(prompt.spec),
              fewShotIds: prompt.fewShotIds,
            });
          }
        }
      }
    }
  }
  return units;
}

/** Per dataset, the questions some few-shot unit of which shows fewer than FEW_SHOT_EXAMPLES examples. */
function shortFewShot(units: readonly PlannedUnit[]): ShortFewShot[] {
  const byDataset = new Map<DatasetName, Set<string>>();
  for (const { unit, fewShotIds } of units) {
    if (unit.steering !== "few-shot" || fewShotIds.length >= FEW_SHOT_EXAMPLES) continue;
    const set = byDataset.get(unit.dataset) ?? new Set<string>();
    set.add(unit.questionId);
    byDataset.set(unit.dataset, set);
  }
  return [...byDataset].map(([dataset, questions]) => ({ dataset, questions: [...questions] }));
}

/**
 * The answer's generated-token cap of a model × method: the override, else the method's default,
 * for every model (reasoning and thinking models included: their backends add the room for
 * hidden reasoning on top, see `sentTokenCap`).
 */
export function maxTokensFor(_model: string, method: Method, override?: number): number {
  return override ?? DEFAULT_MAX_TOKENS[method];
}

/**
 * Plans a run: checks every model × method pair, builds every unit's prompt once, and makes one
 * work item per model × unit × sample, with a stable id and its metadata. A `paper/…` model's
 * cells that the paper did not publish are left out and listed in `skipped`.
 * @param data the benchmark and prompt data
 * @param spec models, datasets, steering, methods, groups, limit, samples, seed, format examples
 * @returns the items, the units and each model × method's sampling settings
 * @throws {UsageError} for an impossible model × method pair (e.g. Anthropic + logprobs) or a bad grid value
 * @example
 * const { items } = planGrid(data, { models: ["paper/gpt-4"], datasets: ["opinionqa"], limit: 2 });
 */
export function planGrid(data: PromptData, spec: GridSpec): GridPlan {
  const methods = checkList("methods", spec.methods, METHODS, METHODS);
  const plans = planModels(spec.models, methods, spec.temperature);
  const samples = spec.samples ?? 1;
  if (!(Number.isInteger(samples) && samples >= 1)) throw new UsageError(`samples must be a positive integer (got ${samples})`, { option: "samples" });
  if (spec.maxTokens !== undefined && !(Number.isInteger(spec.maxTokens) && spec.maxTokens >= 1)) {
    throw new UsageError(`maxTokens must be a positive integer (got ${spec.maxTokens})`, { option: "maxTokens" });
  }
  const units = planUnits(data, { ...spec, methods });
  const items: WorkItem<RunItemMeta>[] = [];
  const skipped = new Map<string, SkippedCell>();
  for (const plan of plans) {
    const model = plan.model.id;
    for (const planned of units) {
      if (planned.unit.method !== plan.method) continue;
      const { dataset, steering, method } = planned.unit;
      if (plan.model.provider === "paper" && !(isPaperDataset(dataset) && hasPublishedCell({ dataset, steering, method, model: plan.model.model }))) {
        const key = `${model}|${dataset}|${steering}|${method}`;
        const cell = skipped.get(key) ?? { model, dataset, steering, method, items: 0 };
        skipped.set(key, { ...cell, items: cell.items + samples });
        continue;
      }
      for (let sample = 0; sample < samples; sample++) {
        const maxTokens = maxTokensFor(model, plan.method, spec.maxTokens);
        items.push({
          id: itemId(model, planned.unit, sample),
          request: {
            model,
            messages: planned.messages,
            temperature: plan.temperature,
            maxTokens,
            ...(plan.topLogprobs === undefined ? {} : { topLogprobs: plan.topLogprobs }),
            ...(sample === 0 ? {} : { sampleIndex: sample }),
          },
          meta: {
            kind: RUN_ITEM_KIND,
            ...planned.unit,
            sample,
            formatExamples: spec.formatExamples ?? "ours",
            ...(planned.fewShotIds.length === 0 ? {} : { fewShotIds: planned.fewShotIds }),
          },
        });
      }
    }
  }
  return { items, units, plans, skipped: [...skipped.values()], shortFewShot: shortFewShot(units) };
}
