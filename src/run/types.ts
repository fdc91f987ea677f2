/**
 * The vocabulary of a benchmark run: the grid it covers and the metadata each work item carries
 * into results.jsonl, from which the run is scored. Types only.
 */
import type { GroupRef } from "../data/results";
import type { FormatExampleSource } from "../prompts/types";
import type { Survey } from "../survey/types";
import type { Dataset, DatasetName, Method, Steering } from "../types";

/** Marks result lines written by `distalign run`; scoring reads only lines with this meta. */
export const RUN_ITEM_KIND = "distalign-grid-item";

/**
 * What a work item asks, independent of the model: one question for one group (or, without
 * steering, for everyone, scored against every selected group).
 */
export interface RunUnit {
  /** A paper dataset, or the user survey's name. */
  readonly dataset: DatasetName;
  readonly steering: Steering;
  readonly method: Method;
  /** The dataset's question id (Pew id, "Title By Author", or the GlobalOpinionQA question text). */
  readonly questionId: string;
  /** Position of the question in the dataset file: the order scores are listed in. */
  readonly questionIndex: number;
  /** The option texts in the order the prompt letters them (A, B, …). */
  readonly options: readonly string[];
  /** The groups the answer is scored against: the steered group, or every selected group without steering. */
  readonly groups: readonly GroupRef[];
}

/** The metadata of a run's work item, copied into its result line. */
export interface RunItemMeta extends RunUnit {
  readonly kind: typeof RUN_ITEM_KIND;
  /** 0, 1, …: repeated samples of the same prompt (`--samples`). */
  readonly sample: number;
  readonly formatExamples: FormatExampleSource;
  /** The ids of the few-shot examples shown (few-shot steering). */
  readonly fewShotIds?: readonly string[];
}

/** The grid of a run: every model × dataset × steering × method × group × question (× sample). */
export interface GridSpec {
  /** `provider/model` ids. */
  readonly models: readonly string[];
  /** @default every dataset (none with `survey`) */
  readonly datasets?: readonly Dataset[];
  /** A user survey (`loadSurvey`) to run instead of the paper's datasets; its items carry its name as dataset. */
  readonly survey?: Survey;
  /** The file `survey` was loaded from, recorded with the run so that it can be scored again. */
  readonly surveyFile?: string;
  /**
   * The persona phrase of a user survey's persona and few-shot prompts, with `{group}` where the
   * group's name goes. @default 'a group of "{group}"' (the paper datasets' wording)
   */
  readonly persona?: string;
  /** @default ["persona", "few-shot"] (the main leaderboard's) */
  readonly steerings?: readonly Steering[];
  /** @default all three (verbalize, sequence, logprobs) */
  readonly methods?: readonly Method[];
  /**
   * Group values to include ("Democrat", "Male", GlobalOpinionQA slots "0"–"2"), optionally
   * prefixed by a dataset ("nytimes:Female"). @default the paper's scored groups
   */
  readonly groups?: readonly string[];
  /** The first N questions of each dataset (file order). @default all */
  readonly limit?: number;
  /** Samples per prompt. @default 1 (as the paper) */
  readonly samples?: number;
  /** Seeds the letters drawn into few-shot answers. @default 0 */
  readonly seed?: number;
  /** @default "ours" */
  readonly formatExamples?: FormatExampleSource;
  /** Sampling temperature. @default 1 (the paper's; fixed for some models) */
  readonly temperature?: number;
  /** Overrides the per-method cap on generated tokens. */
  readonly maxTokens?: number;
}
