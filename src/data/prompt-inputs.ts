/**
 * The paper's prompt files (`inputs/<dataset>/<method>/prompt_task{0,1,2}.txt`, docs/protocol.md §3.2):
 * the five format examples shown before each question, for exact replication of the prompts.
 */
import { join } from "node:path";
import type { Dataset, Method } from "../types";
import { readDataText } from "./data-dir";
import { METHOD_DIRS, STEERING_DIRS } from "./results";
import type { Steering } from "../types";

/** Folder names of the datasets under `inputs/`. */
export const INPUT_DATASET_DIRS: Record<Dataset, string> = {
  opinionqa: "opinion_surveys",
  nytimes: "nytimes",
  globalvalues: "globalvalues",
};

/** The prompt file of a dataset × method × steering (few-shot uses the persona file's format examples). */
export function promptInputPath(dataset: Dataset, method: Method, steering: Steering): string {
  const task = steering === "none" ? STEERING_DIRS.none : STEERING_DIRS.persona;
  return join("inputs", INPUT_DATASET_DIRS[dataset], METHOD_DIRS[method], `prompt_${task}.txt`);
}

/**
 * The paper's format-example text for a dataset × method × steering, as stored. GlobalOpinionQA
 * files contain a `${COUNTRY}` placeholder.
 * @throws {DataError} naming the file when it is missing
 */
export function loadPromptInput(dataDir: string, dataset: Dataset, method: Method, steering: Steering): string {
  return readDataText(dataDir, promptInputPath(dataset, method, steering));
}

/** The biased-coin prompt files: Log-p (single flip) and Sequence (30 flips). */
export function loadCoinPrompt(dataDir: string, kind: "logprobs" | "sequence"): string {
  return readDataText(dataDir, join("inputs", "toy_problems", kind === "logprobs" ? "biased_coin" : "biased_coin_seq", "prompt.txt"));
}
