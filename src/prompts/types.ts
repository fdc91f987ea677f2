/**
 * The prompt vocabulary: what a prompt is built from. Types only.
 */
import type { DatasetName, Method, Steering } from "../types";

/** A multiple-choice question as a prompt shows it: option j is lettered A, B, C, … */
export interface PromptQuestion {
  readonly text: string;
  readonly options: readonly string[];
}

/** A question with a distribution over its options: a format example or a few-shot example. */
export interface ExampleQuestion extends PromptQuestion {
  /** Probabilities aligned with `options`. */
  readonly distribution: readonly number[];
}

/** One format example; `country` is shown on GlobalOpinionQA prompts that name a country. */
export interface FormatExample extends ExampleQuestion {
  readonly country?: string;
}

/**
 * Who the answers are for. `group`: a demographic group named raw in the prompt ("Democrat");
 * `country`: a GlobalOpinionQA country ("How would someone from Japan respond…").
 */
export interface PromptPersona {
  readonly kind: "group" | "country";
  readonly name: string;
  /**
   * How the instruction names the group (`--persona` / the `persona` option with `{group}`
   * filled in). Absent: 'a group of "<name>"', the paper datasets' wording.
   */
  readonly phrase?: string;
}

/**
 * Which format examples precede the question: distalign's own ("ours"), or the paper's prompt
 * files (`inputs/<dataset>/<method>/prompt_task*.txt`) for exact replication.
 */
export type FormatExampleSource = "ours" | "paper";

/** Everything one prompt is built from; `buildPrompt` turns it into chat messages. */
export interface PromptSpec {
  /** A paper dataset, or a user survey's name. */
  readonly dataset: DatasetName;
  readonly steering: Steering;
  readonly method: Method;
  readonly question: PromptQuestion;
  /** Required for persona and few-shot steering; absent without steering. */
  readonly persona?: PromptPersona;
  /** The few-shot examples (five, docs/protocol.md §2.4) with the group's real distributions; few-shot only. */
  readonly fewShot?: readonly ExampleQuestion[];
  /** @default "ours" */
  readonly formatExamples?: FormatExampleSource;
  /**
   * The paper's format-example text (`loadPromptInput`), required when `formatExamples` is
   * "paper"; a `${COUNTRY}` placeholder is replaced by the persona's country.
   */
  readonly paperFormatText?: string;
  /**
   * Seeds the letters drawn for few-shot Sequence and Log-p answers, so a prompt is the same
   * on every run. @default 0
   */
  readonly seed?: number;
}
