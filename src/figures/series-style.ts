/**
 * Names and colours shared by the figures of the tables and steering notebooks: the paper's model
 * names, one colour per expression method and per steering condition.
 */
import type { Steering } from "../types";

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

/** One colour per series: the human distribution and each expression method. */
export const SERIES_COLORS: Readonly<Record<string, string>> = {
  human: "#333333",
  verbalize: "#1f77b4",
  sequence: "#ff7f0e",
  logprobs: "#d62728",
  "ts-logprobs": "#9467bd",
};

/** One colour per steering condition. */
export const STEERING_COLORS: Readonly<Record<Steering, string>> = {
  none: "#9e9e9e",
  persona: "#e377c2",
  "few-shot": "#17becf",
};

/** Steering names as the paper writes them. */
export const STEERING_LABELS: Readonly<Record<Steering, string>> = {
  none: "No steering",
  persona: "Persona",
  "few-shot": "Few-shot",
};
