/**
 * Display names, as the paper writes them: models, expression methods, steering conditions,
 * datasets and baselines. Tables, figures and run reports take their labels from here.
 */
import type { Dataset, ScoredMethod, Steering } from "./types";

/** The model names the paper's tables use, keyed by result-folder name. */
export const MODEL_LABELS: Readonly<Record<string, string>> = {
  "gpt-3.5-turbo-0125": "GPT-3.5 Turbo",
  "gpt-4": "GPT-4",
  anthropic_haiku: "Anthropic Haiku",
  anthropic_opus: "Anthropic Opus",
  "llama3-70b": "Llama 3 70B Instruct",
  human: "Humans",
  baseline: "Baseline",
  "model-average": "Models (average)",
};

/** A model's display name; unknown names pass through. */
export function modelLabel(model: string): string {
  return MODEL_LABELS[model] ?? model;
}

/** Short labels used in the paper's tables. */
export const METHOD_LABELS: Record<ScoredMethod, string> = {
  verbalize: "V",
  sequence: "Seq",
  logprobs: "Log-p",
  "ts-logprobs": "TS-Log-p",
};

/** The paper's label of a method (V, Seq, Log-p, TS-Log-p); baselines keep their names. */
export function methodLabel(method: string): string {
  return METHOD_LABELS[method as ScoredMethod] ?? method;
}

/** Steering names as the paper writes them. */
export const STEERING_LABELS: Readonly<Record<Steering, string>> = {
  none: "No steering",
  persona: "Persona",
  "few-shot": "Few-shot",
};

/** Dataset names as the paper writes them. */
export const DATASET_LABELS: Readonly<Record<Dataset, string>> = {
  opinionqa: "OpinionQA",
  nytimes: "NYT Book Opinions",
  globalvalues: "GlobalOpinionQA",
};

/** Baseline names as the paper's Table 1a prints them. */
export const BASELINE_LABELS: Readonly<Record<string, string>> = {
  uniform: "Uniform",
  majority: "Majority vote",
  discretization: "Discretization error (Seq)",
};
