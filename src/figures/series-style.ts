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
