/**
 * The parameters each notebook's figures are reproduced with: the values of the notebook's
 * parameter cell as shipped. A figure made with other values is a variant and is saved under its
 * own name (`variantName`), so that exploring never overwrites the reproduction's files.
 */

const FIG5 = {
  MODELS: ["gpt-4", "gpt-3.5-turbo-0125", "anthropic_haiku", "anthropic_opus", "llama3-70b"],
  METHOD: "verbalize",
  STEERINGS: ["persona", "few-shot"],
  GROUPS: ["Democrat", "Republican"],
  FIGURE_SOURCES: ["humans", "gpt-4"],
  SKIP_UNPARSED: false,
  BOOTSTRAP: { iterations: 1000, alpha: 0.05, seed: 0 },
};

const APPENDIX = { BOOTSTRAP: { iterations: 1000, alpha: 0.05, seed: 0 }, COIN_MODEL: "gpt-4" };

/** Figure file name → its notebook parameter (the constant's name) → the value it ships with. */
export const FIGURE_DEFAULTS: Readonly<Record<string, Readonly<Record<string, unknown>>>> = {
  "00-quickstart": { DATASET: "opinionqa", QUESTION_ID: "GUNIDENTITY_W26", GROUP: "Republican", MODEL: "gpt-4", STEERING: "persona" },
  "fig2-coin-calibration": { MODEL: "gpt-4", TAU_BOUNDS: [0, 10] },
  "fig3-nyt-partisan-books": { TOP_N: 10, BOOTSTRAP: { iterations: 1000, alpha: 0.05, seed: 0 } },
  "fig4-steering-effects": { METHOD: "sequence", ITERATIONS: 1000, SEED: 0 },
  "fig5-persona-stereotypes": FIG5,
  "fig5-persona-stereotypes-likely": FIG5,
  "appendix-fig12-coin-positions": APPENDIX,
  "appendix-fig13-human-stereotypes": APPENDIX,
  "02-your-own-survey": {
    SURVEY_FILE: "data/surveys/example-survey.csv",
    PERSONA: 'a group of people who live in a "{group}" area',
    STEERINGS: ["none", "persona", "few-shot"],
    METHODS: ["verbalize", "sequence", "logprobs"],
  },
  "robustness-forest": { MODE: "paper", ITERATIONS: 1000, SEED: 0, RESAMPLING: "question-clustered" },
  "tab1-leaderboard": { ITERATIONS: 1000, SEED: 0 },
  "tab1-leaderboard-corrected": { ITERATIONS: 1000, SEED: 0 },
  "tab2-humans-vs-models": { METHODS: ["verbalize", "sequence", "logprobs", "ts-logprobs"], ITERATIONS: 1000, SEED: 0 },
  "tab3-fig6-logprob-calibration": {
    MODELS: ["gpt-4", "gpt-3.5-turbo-0125", "llama3-70b"],
    DATASETS: ["opinionqa", "nytimes", "globalvalues"],
    STEERINGS: ["persona", "few-shot"],
    BINS: 10,
    TARGET: "all-options",
  },
};

/** Deep equality of parameter values (JSON values). */
function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** A parameter value as a file-name part: "sequence", "gpt-3.5-turbo-0125", "persona+few-shot", "iterations-200". */
function slug(value: unknown): string {
  const text = Array.isArray(value)
    ? value.map(slug).join("+")
    : typeof value === "object" && value !== null
      ? Object.entries(value).map(([k, v]) => `${k}-${slug(v)}`).join("_")
      : String(value);
  return text.replace(/[^A-Za-z0-9_.+-]+/g, "-").replace(/^-+|-+$/g, "");
}

/**
 * The file name of a figure made with `parameters`: `name` itself when each parameter has the
 * value it ships with (FIGURE_DEFAULTS), else `name--<parameter>-<value>…` for those that differ,
 * e.g. "fig4-steering-effects--method-verbalize". Long names are cut and end in a short hash, so
 * that different variants never share a file.
 * @param defaults the shipped values. @default FIGURE_DEFAULTS[name]
 * @throws {RangeError} when `name` has no registered defaults and none are given, or a parameter is not among them
 * @example
 * variantName("fig4-steering-effects", { METHOD: "verbalize", ITERATIONS: 1000, SEED: 0 }); // => "fig4-steering-effects--method-verbalize"
 */
export function variantName(name: string, parameters: Readonly<Record<string, unknown>>, defaults = FIGURE_DEFAULTS[name]): string {
  if (defaults === undefined) throw new RangeError(`variantName: no shipped parameters registered for figure "${name}" (see FIGURE_DEFAULTS)`);
  const parts: string[] = [];
  for (const [key, value] of Object.entries(parameters)) {
    if (!(key in defaults)) throw new RangeError(`variantName: "${key}" is not a parameter of figure "${name}" (${Object.keys(defaults).join(", ")})`);
    if (!same(value, defaults[key])) parts.push(`${key.toLowerCase().replace(/_/g, "-")}-${slug(value)}`);
  }
  if (parts.length === 0) return name;
  const variant = `${name}--${parts.join("--")}`;
  if (variant.length <= 120) return variant;
  let hash = 0;
  for (const char of variant) hash = (hash * 31 + (char.codePointAt(0) ?? 0)) >>> 0;
  return `${variant.slice(0, 110)}-${hash.toString(16).padStart(8, "0")}`;
}
