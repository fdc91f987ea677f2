/**
 * The shared vocabulary of distalign: datasets, steering, expression methods, models and
 * distributions. Types only, no runtime code besides the constant lists that enumerate them.
 */

/** The three benchmark datasets (§3.3 of arXiv:2411.05403). */
export const DATASETS = ["opinionqa", "nytimes", "globalvalues"] as const;
/** One of the paper's three datasets (what the reproduction, its loaders and figures read). */
export type Dataset = (typeof DATASETS)[number];
/** The paper's datasets, by the name of what they are. */
export type PaperDataset = Dataset;

/**
 * The dataset of a run item, a prompt or a live score: one of the paper's three, or a user
 * survey's name (any other string: a user survey cannot take a paper dataset's name, see
 * `isPaperDataset`).
 */
export type DatasetName = Dataset | (string & {});

/** True for the paper's three dataset names. */
export function isPaperDataset(name: string): name is Dataset {
  return (DATASETS as readonly string[]).includes(name);
}

/** Steering: none (task0), persona (task1), few-shot (task3_easy_hard). */
export const STEERINGS = ["none", "persona", "few-shot"] as const;
export type Steering = (typeof STEERINGS)[number];

/** How the model expresses a distribution (§3.1): verbalized JSON, a 30-letter sequence, next-token log-probabilities. */
export const METHODS = ["verbalize", "sequence", "logprobs"] as const;
export type Method = (typeof METHODS)[number];

/** Methods that appear in result tables, including the derived temperature-scaled log-probabilities. */
export const SCORED_METHODS = ["verbalize", "sequence", "logprobs", "ts-logprobs"] as const;
export type ScoredMethod = (typeof SCORED_METHODS)[number];

/** The five models whose raw outputs were published with the paper. */
export const PAPER_MODELS = [
  "gpt-3.5-turbo-0125",
  "gpt-4",
  "anthropic_haiku",
  "anthropic_opus",
  "llama3-70b",
] as const;
export type PaperModel = (typeof PAPER_MODELS)[number];

/** A probability vector over a question's options, in option-letter order (A, B, C, …). */
export type Distribution = readonly number[];

/**
 * A distribution keyed by option letter, as stored in result files. Key order is meaningful:
 * it is the order in which letters were assigned.
 */
export type LetterDistribution = Readonly<Record<string, number>>;

/** One multiple-choice question as asked to one group. */
export interface Question {
  /** Stable id: the Pew id (OpinionQA), "Title By Author" (NYT) or the question text (GlobalOpinionQA). */
  readonly id: string;
  readonly text: string;
  /** Option texts; option j is shown as letter j (A, B, …). */
  readonly options: readonly string[];
}

/** A question with the human answer distribution of one group. */
export interface GroupQuestion extends Question {
  readonly dataset: Dataset;
  /** Group name as shown in prompts ("Democrat", "Female", "Japan"). */
  readonly group: string;
  /** Human distribution over `options`. */
  readonly distribution: Distribution;
  /** Number of respondents behind `distribution`, when known. */
  readonly respondents?: number;
}
