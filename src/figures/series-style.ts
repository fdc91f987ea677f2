/**
 * Colours shared by the figures of the tables and steering notebooks: one per expression method
 * and per steering condition (their names are in src/labels.ts).
 */
import type { Steering } from "../types";

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

/**
 * One colour per data source (the paper's models, the humans, the ground truth, the model
 * average), so that a series keeps its colour whichever other series a figure shows.
 */
export const SOURCE_COLORS: Readonly<Record<string, string>> = {
  "ground truth": "#333333",
  humans: "#f2b01e",
  "model-average": "#7f7f7f",
  "gpt-3.5-turbo-0125": "#2ca02c",
  "gpt-4": "#1f77b4",
  anthropic_haiku: "#8c564b",
  anthropic_opus: "#d62728",
  "llama3-70b": "#9467bd",
};

/** Colours for sources outside SOURCE_COLORS, picked by the source's name (never by position). */
const EXTRA_COLORS = ["#17becf", "#bcbd22", "#e377c2", "#ff7f0e", "#aec7e8", "#98df8a", "#c5b0d5", "#c49c94"];

/** A source's colour: its own in SOURCE_COLORS, else one fixed by a hash of its name. */
export function sourceColor(source: string): string {
  const known = SOURCE_COLORS[source];
  if (known !== undefined) return known;
  let hash = 0;
  for (const char of source) hash = (hash * 31 + (char.codePointAt(0) ?? 0)) >>> 0;
  return EXTRA_COLORS[hash % EXTRA_COLORS.length] as string;
}

/** One line dash per paper model, for figures that tell models apart by dash. */
export const MODEL_DASHES: Readonly<Record<string, string>> = {
  "gpt-3.5-turbo-0125": "dot",
  "gpt-4": "dash",
  anthropic_haiku: "dashdot",
  anthropic_opus: "longdash",
  "llama3-70b": "longdashdot",
};

/** One bar pattern per steering condition (persona solid), for bars coloured by source. */
export const STEERING_PATTERNS: Readonly<Record<Steering, string>> = {
  none: "x",
  persona: "",
  "few-shot": "/",
};
