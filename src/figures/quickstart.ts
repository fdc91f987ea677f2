/**
 * Distributional alignment on a single question (notebook 00-quickstart): one group's human
 * answer distribution beside what one model returned under each expression method, the raw
 * response text, the distribution the paper derived from it, a strict re-parse, and the total
 * variation of each (§2–3.1 of arXiv:2411.05403).
 */
import { type GroupRef, SCORED_GROUPS, groupKey, hasPublishedCell } from "../data/results";
import { UsageError } from "../errors";
import type { Figure } from "../notebook/figure";
import { parseStrict } from "../parse/strict";
import type { StrictParseFailure, StrictParseResult } from "../parse/strict-result";
import type { BenchmarkData } from "../benchmark/benchmark-data";
import { poolOf, selectLists } from "../benchmark/score-lists";
import type { BreakdownRow } from "../benchmark/tables";
import type { Reproduction } from "../reproduce/reproduce";
import { renormalizedLogprobs } from "../reproduce/corrected-scores";
import { groupQuestion } from "../reproduce/corrected-truth";
import { paperCellScores } from "../reproduce/paper-scores";
import { buildPrompt } from "../prompts/build-prompt";
import { loadPromptData, promptSpecFor } from "../prompts/prompt-data";
import { totalVariation } from "../scoring/total-variation";
import { modelLabel } from "../labels";
import { SERIES_COLORS } from "./series-style";
import { METHOD_LABELS } from "../labels";
import type { Dataset, Method, Steering } from "../types";

/** Which published answer to look at. */
export interface QuestionExampleOptions {
  readonly dataset: Dataset;
  /** Pew id (OpinionQA), "Title By Author" (NYT) or question text (GlobalOpinionQA). */
  readonly questionId: string;
  /** A scored group: "Democrat", "Female", "Black", … or "0" | "1" | "2" for a GlobalOpinionQA country slot. */
  readonly group: string;
  /** @default "gpt-4" */
  readonly model?: string;
  /** @default "persona" */
  readonly steering?: Steering;
  /** @default all three methods with published outputs for the model */
  readonly methods?: readonly Method[];
}

/** What one expression method returned for the question. */
export interface MethodAnswer {
  readonly method: Method;
  /** The paper's label: V, Seq, Log-p. */
  readonly label: string;
  /** The stored response text; for Log-p the answer token the model emitted. */
  readonly response: string | undefined;
  /** The distribution the paper derived and scored (`avg_actual_results`), in option order. */
  readonly stored: readonly number[];
  /** distalign's strict parse of the response (Log-p: the stored mass renormalized, as the corrected evaluation does). */
  readonly strict: StrictParseResult;
  /** Total variation of the stored distribution from the human one. */
  readonly storedTv: number;
  /** Total variation of the strict parse, undefined when the strict parser rejected the response. */
  readonly strictTv: number | undefined;
}

/** One question for one group: the human distribution and every method's answer. */
export interface QuestionExample {
  readonly dataset: Dataset;
  readonly group: GroupRef;
  /** The group's name as prompts show it (a country name for GlobalOpinionQA). */
  readonly groupName: string;
  readonly model: string;
  readonly steering: Steering;
  readonly questionId: string;
  readonly questionText: string;
  /** Option texts in letter order (A, B, …). */
  readonly options: readonly string[];
  readonly letters: readonly string[];
  /** The group's human answer distribution over `options`. */
  readonly human: readonly number[];
  /** Number of respondents behind `human`, when known. */
  readonly respondents: number | undefined;
  readonly answers: readonly MethodAnswer[];
}

/**
 * A scored group of a dataset by its value ("Republican", "0").
 * @throws {UsageError} listing the dataset's groups when the name is not one of them
 */
export function scoredGroup(dataset: Dataset, value: string): GroupRef {
  const group = SCORED_GROUPS[dataset].find((g) => g.value === value);
  if (group === undefined) {
    throw new UsageError(`unknown group "${value}" for ${dataset} (scored groups: ${SCORED_GROUPS[dataset].map((g) => g.value).join(", ")})`);
  }
  return group;
}

function strictAnswer(method: Method, response: string | undefined, stored: readonly number[], options: readonly string[]): StrictParseResult {
  if (method === "logprobs") return renormalizedLogprobs(stored);
  return parseStrict(method, { text: response ?? "" }, options);
}

/**
 * Collects one question's human distribution and the published answers of one model under each
 * expression method, with the total variation of each from the human distribution.
 * @throws {UsageError} for an unknown group or question, or a method the model has no outputs for
 * @throws {DataError} when a result file is missing or malformed
 * @example
 * questionExample(data, { dataset: "opinionqa", questionId: "GUNIDENTITY_W26", group: "Republican" }).answers[0].storedTv;
 */
export function questionExample(data: BenchmarkData, options: QuestionExampleOptions): QuestionExample {
  const model = options.model ?? "gpt-4";
  const steering = options.steering ?? "persona";
  const group = scoredGroup(options.dataset, options.group);
  const question = groupQuestion(data, options.dataset, group, options.questionId);
  if (question === undefined) {
    throw new UsageError(`no question "${options.questionId}" with answers from ${options.group} in ${options.dataset}`);
  }
  const methods =
    options.methods ??
    (["verbalize", "sequence", "logprobs"] as const).filter((method) => hasPublishedCell({ dataset: options.dataset, method, model, steering }));
  const letters = question.options.map((_, j) => String.fromCharCode(65 + j));
  const answers = methods.map((method): MethodAnswer => {
    const cell = data.cell({ dataset: options.dataset, method, model, steering, group });
    const entry = cell.entries.find((e) => e.key === options.questionId);
    if (entry === undefined) throw new UsageError(`${cell.file}: no answer for "${options.questionId}"`);
    const stored = letters.map((letter) => entry.prediction[letter] ?? 0);
    const strict = strictAnswer(method, entry.response, stored, question.options);
    return {
      method,
      label: METHOD_LABELS[method],
      response: entry.response,
      stored,
      strict,
      storedTv: totalVariation(stored, question.distribution),
      strictTv: strict.ok ? totalVariation(strict.distribution, question.distribution) : undefined,
    };
  });
  return {
    dataset: options.dataset,
    group,
    groupName: question.group,
    model,
    steering,
    questionId: question.id,
    questionText: question.text,
    options: question.options,
    letters,
    human: question.distribution,
    respondents: question.respondents,
    answers,
  };
}

/** Per option: its letter and text and the group's human share. */
export function humanRows(example: QuestionExample): Record<string, string | number>[] {
  return example.options.map((text, j) => ({ letter: example.letters[j] ?? "", option: text, [`${example.groupName} share`]: example.human[j] ?? 0 }));
}

/** Per option: its letter and text, the human share, and each method's stored share. */
export function optionRows(example: QuestionExample): Record<string, string | number>[] {
  return example.options.map((text, j) => {
    const row: Record<string, string | number> = { letter: example.letters[j] ?? "", option: text, human: example.human[j] ?? 0 };
    for (const answer of example.answers) row[answer.label] = answer.stored[j] ?? 0;
    return row;
  });
}

function formatDistribution(values: readonly number[], letters: readonly string[]): string {
  return values.map((v, j) => `${letters[j]} ${v.toFixed(2)}`).join(", ");
}

function strictText(result: StrictParseResult, letters: readonly string[]): string {
  if (!result.ok) return `failed: ${(result as StrictParseFailure).detail}`;
  const notes = result.notes.length > 0 ? ` (${result.notes.join("; ")})` : "";
  return formatDistribution(result.distribution, letters) + notes;
}

/**
 * Per method: the raw response, the stored distribution and its total variation, then the strict
 * parse (its distribution and notes, or why it failed) and its total variation.
 */
export function answerRows(example: QuestionExample): Record<string, string | number | undefined>[] {
  return example.answers.map((a) => ({
    method: a.label,
    response: a.method === "logprobs" ? `answer token "${a.response ?? ""}"` : a.response ?? "",
    "paper parse": formatDistribution(a.stored, example.letters),
    "TV (paper)": a.storedTv,
    "strict parse": strictText(a.strict, example.letters),
    "TV (strict)": a.strictTv,
  }));
}

function mean(values: readonly number[]): number | undefined {
  return values.length === 0 ? undefined : values.reduce((a, b) => a + b, 0) / values.length;
}

/**
 * From one question to Eq. (1), per method: the example question's total variation, the mean over
 * all of the group's questions, and Eq. (1) for one dataset and steering condition: the mean over
 * the dataset's scored groups of each group's mean over questions. Scored as the paper scored them: the stored
 * predictions against the stored ground truth (exact means, no bootstrap).
 */
export function alignmentRows(data: BenchmarkData, example: QuestionExample): Record<string, string | number | undefined>[] {
  const ownGroup = groupKey(example.group);
  return example.answers.map((answer) => {
    const lists = paperCellScores(data, example.dataset, answer.method, example.model, example.steering);
    const own = lists.find((l) => l.group === ownGroup)?.values ?? [];
    const groupMeans = lists.flatMap((l) => {
      const m = mean(l.values);
      return m === undefined ? [] : [m];
    });
    return {
      method: answer.label,
      "this question": answer.storedTv,
      [`mean over ${example.groupName}'s questions`]: mean(own),
      questions: own.length,
      "Eq. (1): mean over groups": mean(groupMeans),
      groups: groupMeans.length,
    };
  });
}

/**
 * Total variation worked out for one method: per option the human share, the model's share and
 * their absolute difference, then a last row with the sums and TV = ½ Σ |difference|.
 * @throws {UsageError} when the example has no answer for the method
 */
export function totalVariationRows(example: QuestionExample, method: Method): Record<string, string | number>[] {
  const answer = example.answers.find((a) => a.method === method);
  if (answer === undefined) throw new UsageError(`no ${method} answer in this example (have ${example.answers.map((a) => a.method).join(", ")})`);
  const rows: Record<string, string | number>[] = example.letters.map((letter, j) => {
    const human = example.human[j] ?? 0;
    const model = answer.stored[j] ?? 0;
    return { letter, human, [answer.label]: model, "|difference|": Math.abs(human - model) };
  });
  const sum = rows.reduce((s, r) => s + (r["|difference|"] as number), 0);
  rows.push({ letter: "Σ", human: example.human.reduce((a, b) => a + b, 0), [answer.label]: answer.stored.reduce((a, b) => a + b, 0), "|difference|": sum });
  rows.push({ letter: "TV = ½ Σ", "|difference|": answer.storedTv });
  return rows;
}

function wrap(text: string, width: number): string {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(/\s+/)) {
    if (line !== "" && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line === "" ? word : `${line} ${word}`;
  }
  if (line !== "") lines.push(line);
  return lines.join("<br>");
}

/**
 * Grouped bar chart: for each option, the human share and each method's stored share, with each
 * method's total variation in its legend entry.
 */
export function questionExampleFigure(example: QuestionExample): Figure {
  const x = example.options.map((text, j) => `${example.letters[j]}: ${wrap(text, 18)}`);
  const humanName = `${example.groupName} (survey${example.respondents === undefined ? "" : `, n = ${example.respondents}`})`;
  const title = example.dataset === "nytimes" ? example.questionId : example.questionText;
  return {
    data: [
      { type: "bar", name: humanName, x, y: example.human, marker: { color: SERIES_COLORS["human"] } },
      ...example.answers.map((a) => ({
        type: "bar",
        name: `${modelLabel(example.model)} ${a.label} (TV ${a.storedTv.toFixed(3)})`,
        x,
        y: a.stored,
        marker: { color: SERIES_COLORS[a.method] },
      })),
    ],
    layout: {
      title: { text: `${wrap(title, 90)}<br><sup>${example.groupName}, ${example.steering} steering</sup>`, font: { size: 14 } },
      barmode: "group",
      yaxis: { title: { text: "share of answers" }, range: [0, 1] },
      legend: { orientation: "h", y: -0.25 },
      margin: { t: 90, b: 120 },
      height: 500,
    },
  };
}

/** One message of the prompt of one method. */
export type PromptRow = { readonly method: string; readonly role: string; readonly message: string };

/**
 * The filled-in prompt behind each method's response in the example: the chat messages built for
 * the same dataset, steering, group and question, with the paper's own format examples (the
 * published result files store the responses, not the prompts). One row per message.
 * @param data the loaded benchmark data
 * @param example from `questionExample`
 * @example
 * showTable(promptRows(data, example), { caption: "The prompts" });
 */
export function promptRows(data: BenchmarkData, example: QuestionExample): PromptRow[] {
  const prompts = loadPromptData(data);
  return example.answers.flatMap((answer) => {
    const built = promptSpecFor(prompts, {
      dataset: example.dataset,
      steering: example.steering,
      method: answer.method,
      group: example.group,
      questionId: example.questionId,
      formatExamples: "paper",
    });
    if (built === undefined) return [];
    return buildPrompt(built.spec).map((m) => ({ method: answer.label, role: m.role, message: m.content }));
  });
}

/** Which breakdown row of a reproduction: one dataset, steering, model and method. */
export interface BreakdownRowRef {
  readonly dataset: Dataset;
  readonly steering: Steering;
  readonly model: string;
  readonly method: Method;
}

/** A breakdown row of `reproduce` and the per-item TVs its bootstrap resamples. */
export interface BreakdownPool {
  readonly row: BreakdownRow;
  /**
   * The row's bootstrap pool: every scored group's per-item TVs, concatenated (in paper mode NYT
   * persona and few-shot lists twice, as the evaluation listed them; docs/protocol.md §5.2).
   */
  readonly tvs: readonly number[];
}

/**
 * One breakdown row of a reproduction and the pool of per-item TVs its interval was bootstrapped
 * from (`reproduce` resamples the pool with replacement at its own size, 1000 times by default,
 * and reports half the distance between the 2.5th and 97.5th percentiles; docs/protocol.md §5.4–5.5).
 * @throws {UsageError} when the reproduction has no such row
 * @example
 * const { row, tvs } = breakdownPool(paper, { dataset: "opinionqa", steering: "persona", model: "gpt-4", method: "verbalize" });
 */
export function breakdownPool(reproduction: Reproduction, ref: BreakdownRowRef): BreakdownPool {
  const row = reproduction.breakdown.find((r) => r.dataset === ref.dataset && r.steering === ref.steering && r.model === ref.model && r.method === ref.method);
  if (row === undefined) {
    throw new UsageError(`no breakdown row for ${ref.model} ${ref.method}, ${ref.steering} steering, ${ref.dataset} in this reproduction (reproduce it with this model)`);
  }
  return { row, tvs: poolOf(selectLists(reproduction.lists, { dataset: ref.dataset, model: ref.model, method: ref.method, steering: [ref.steering] })) };
}

/** A 95% interval of a mean, as a display row. */
export type IntervalRow = {
  readonly interval: string;
  readonly mean: number;
  readonly lower: number;
  readonly upper: number;
  readonly "half-width": number;
};

/**
 * An interval computed by hand beside the one `reproduce` reported for the same breakdown row
 * (its exact mean ± its percentile half-width).
 * @param byHand the hand-made interval: its mean and 2.5th and 97.5th percentiles of the replicates
 * @param row the breakdown row of `breakdownPool`
 */
export function intervalRows(byHand: { readonly mean: number; readonly lower: number; readonly upper: number }, row: BreakdownRow): IntervalRow[] {
  return [
    { interval: "by hand", mean: byHand.mean, lower: byHand.lower, upper: byHand.upper, "half-width": (byHand.upper - byHand.lower) / 2 },
    { interval: "reproduce", mean: row.mean, lower: row.mean - row.halfWidth, upper: row.mean + row.halfWidth, "half-width": row.halfWidth },
  ];
}
