/**
 * The capability table: what each provider/model accepts. Used to refuse impossible
 * (model, method) pairs, and unknown models, before any call is made.
 */
import { readFileSync } from "node:fs";
import { DataError, UsageError } from "../errors";
import { PAPER_MODELS } from "../types";
import { parseModelId } from "./model-id";
import type { ModelCapabilities } from "./types";

/**
 * The Anthropic API requires `max_tokens`; without one in the request, the backend sends the
 * paper's 4096 (docs/protocol.md §3.3). Kept here, away from the SDK, so estimates need no SDK import.
 */
export const DEFAULT_ANTHROPIC_MAX_TOKENS = 4096;

/**
 * The date the model names below were checked against the model-name unions of the installed
 * SDKs (`ChatModel` of openai 6.49, `Model` of @anthropic-ai/sdk 1.14) and the providers' model
 * and reasoning documentation.
 */
export const CAPABILITIES_AS_OF = "2026-12-01";

/** OpenAI chat models (gpt-4o, gpt-4.1, gpt-3.5, gpt-4): `logprobs` with up to 20 `top_logprobs`. */
const OPENAI_CHAT: ModelCapabilities = {
  logprobs: true,
  maxTopLogprobs: 20,
  maxTemperature: 2,
  n: true,
  published: false,
};

/**
 * OpenAI reasoning models (o-series, gpt-5 family): temperature fixed at 1, no log-probabilities,
 * `reasoning_effort` (the values each model accepts are listed per entry).
 */
const OPENAI_REASONING: ModelCapabilities = {
  logprobs: false,
  maxTopLogprobs: 0,
  fixedTemperature: 1,
  maxTemperature: 1,
  n: true,
  published: false,
  note: "OpenAI reasoning models return none and accept only temperature 1",
};

/**
 * OpenAI's gpt-5.x `-chat-latest` aliases: chat models whose log-probabilities and temperature
 * range are not documented for chat completions, so neither is assumed (declare them with
 * `--capabilities` when you know better).
 */
const OPENAI_CHAT_LATEST: ModelCapabilities = {
  ...OPENAI_REASONING,
  note: "log-probabilities not documented for this model; declare them with declareCapabilities",
};

/**
 * Anthropic messages API: no log-probabilities, one answer per call. API version 2026-10-21
 * (sent by @anthropic-ai/sdk 1.x) rejects `temperature`, `top_p` and `top_k` with a 400 even at
 * their defaults, so sampling is the API's default, temperature 1 (the paper's setting).
 */
const ANTHROPIC: ModelCapabilities = {
  logprobs: false,
  maxTopLogprobs: 0,
  fixedTemperature: 1,
  maxTemperature: 1,
  n: false,
  published: false,
  note: "the Anthropic API returns none",
};

/**
 * OpenAI-compatible servers: assumed to follow the OpenAI protocol including `top_logprobs`
 * (vLLM caps it with `--max-logprobs`, default 20). Whether the served name exists is checked
 * against the server's `GET /v1/models` before a run spends anything; a server that lacks a
 * feature answers with an error, recorded per item. Declare what a server supports with
 * `--capabilities`.
 */
const OPENAI_COMPATIBLE: ModelCapabilities = {
  logprobs: true,
  maxTopLogprobs: 20,
  maxTemperature: 2,
  n: true,
  published: false,
  note: "assumed for an OpenAI-compatible server",
};

const O_SERIES_EFFORTS = ["low", "medium", "high"] as const;
const GPT5_EFFORTS = ["minimal", "low", "medium", "high"] as const;
const GPT51_EFFORTS = ["none", "low", "medium", "high"] as const;
const GPT52_EFFORTS = ["none", "low", "medium", "high", "xhigh"] as const;
/** Later gpt-5.x models: only the values every gpt-5 reasoning model accepts are assumed. */
const LATER_GPT5_EFFORTS = ["low", "medium", "high"] as const;

function reasoning(efforts: readonly string[]): ModelCapabilities {
  return { ...OPENAI_REASONING, reasoningEfforts: efforts };
}

/**
 * OpenAI models by name. Dated snapshots of a listed name (`-2024-07-18`) are covered by it.
 * Left out on purpose: `-pro`, `-codex`, search, audio and realtime models (not served by chat
 * completions as the benchmark uses it), and o1-mini / o1-preview (no `reasoning_effort`, no
 * system turn).
 */
const OPENAI_MODELS: Readonly<Record<string, ModelCapabilities>> = {
  "gpt-3.5-turbo": OPENAI_CHAT,
  "gpt-3.5-turbo-0125": OPENAI_CHAT,
  "gpt-3.5-turbo-1106": OPENAI_CHAT,
  "gpt-4": OPENAI_CHAT,
  "gpt-4-0613": OPENAI_CHAT,
  "gpt-4-turbo": OPENAI_CHAT,
  "gpt-4-turbo-preview": OPENAI_CHAT,
  "gpt-4-0125-preview": OPENAI_CHAT,
  "gpt-4-1106-preview": OPENAI_CHAT,
  "gpt-4o": OPENAI_CHAT,
  "gpt-4o-mini": OPENAI_CHAT,
  "chatgpt-4o-latest": OPENAI_CHAT,
  "gpt-4.1": OPENAI_CHAT,
  "gpt-4.1-mini": OPENAI_CHAT,
  "gpt-4.1-nano": OPENAI_CHAT,
  o1: reasoning(O_SERIES_EFFORTS),
  "o3-mini": reasoning(O_SERIES_EFFORTS),
  o3: reasoning(O_SERIES_EFFORTS),
  "o4-mini": reasoning(O_SERIES_EFFORTS),
  "gpt-5": reasoning(GPT5_EFFORTS),
  "gpt-5-mini": reasoning(GPT5_EFFORTS),
  "gpt-5-nano": reasoning(GPT5_EFFORTS),
  "gpt-5.1": reasoning(GPT51_EFFORTS),
  "gpt-5.1-mini": reasoning(GPT51_EFFORTS),
  "gpt-5.2": reasoning(GPT52_EFFORTS),
  "gpt-5.4": reasoning(LATER_GPT5_EFFORTS),
  "gpt-5.4-mini": reasoning(LATER_GPT5_EFFORTS),
  "gpt-5.4-nano": reasoning(LATER_GPT5_EFFORTS),
  "gpt-5.6-sol": reasoning(LATER_GPT5_EFFORTS),
  "gpt-5.6-terra": reasoning(LATER_GPT5_EFFORTS),
  "gpt-5.6-luna": reasoning(LATER_GPT5_EFFORTS),
  "gpt-5-chat-latest": OPENAI_CHAT_LATEST,
  "gpt-5.1-chat-latest": OPENAI_CHAT_LATEST,
  "gpt-5.2-chat-latest": OPENAI_CHAT_LATEST,
  "gpt-5.3-chat-latest": OPENAI_CHAT_LATEST,
};

const CLAUDE_BUDGET_THINKING: ModelCapabilities = { ...ANTHROPIC, thinking: "budget" };
const CLAUDE_ADAPTIVE_THINKING: ModelCapabilities = { ...ANTHROPIC, thinking: "adaptive" };
/**
 * Claude models that think on every call (Mythos Preview, the Claude 5 family): thinking cannot
 * be turned off, so the answer's cap gets thinking headroom. Assumed for the whole 5 family: if a
 * model does not think, the headroom only goes unused.
 */
const CLAUDE_ALWAYS_THINKING: ModelCapabilities = { ...ANTHROPIC, thinking: "always" };

/**
 * Anthropic models by name (dated snapshots and `-latest` aliases of a listed name are covered).
 * Claude 3.x models are kept for runs that compare with them; the provider retires old models,
 * which the model check before a run reports.
 */
const ANTHROPIC_MODELS: Readonly<Record<string, ModelCapabilities>> = {
  "claude-3-haiku": ANTHROPIC,
  "claude-3-opus": ANTHROPIC,
  "claude-3-5-haiku": ANTHROPIC,
  "claude-3-5-sonnet": ANTHROPIC,
  "claude-3-7-sonnet": CLAUDE_BUDGET_THINKING,
  "claude-sonnet-4": CLAUDE_BUDGET_THINKING,
  "claude-opus-4": CLAUDE_BUDGET_THINKING,
  "claude-opus-4-1": CLAUDE_BUDGET_THINKING,
  "claude-sonnet-4-5": CLAUDE_BUDGET_THINKING,
  "claude-haiku-4-5": CLAUDE_BUDGET_THINKING,
  "claude-opus-4-5": CLAUDE_BUDGET_THINKING,
  "claude-opus-4-6": CLAUDE_ADAPTIVE_THINKING,
  "claude-sonnet-4-6": CLAUDE_ADAPTIVE_THINKING,
  "claude-opus-4-7": CLAUDE_ADAPTIVE_THINKING,
  "claude-opus-4-8": CLAUDE_ADAPTIVE_THINKING,
  "claude-mythos-preview": CLAUDE_ALWAYS_THINKING,
  "claude-haiku-5-5": CLAUDE_ALWAYS_THINKING,
  "claude-sonnet-5": CLAUDE_ALWAYS_THINKING,
  "claude-sonnet-5-5": CLAUDE_ALWAYS_THINKING,
  "claude-opus-5": CLAUDE_ALWAYS_THINKING,
  "claude-opus-5-5": CLAUDE_ALWAYS_THINKING,
  "claude-fable-5": CLAUDE_ALWAYS_THINKING,
  "claude-fable-5-1": CLAUDE_ALWAYS_THINKING,
  "claude-fable-5-2": CLAUDE_ALWAYS_THINKING,
  "claude-mythos-5": CLAUDE_ALWAYS_THINKING,
  "claude-mythos-5-1": CLAUDE_ALWAYS_THINKING,
  "claude-mythos-5-2": CLAUDE_ALWAYS_THINKING,
};

/** Paper models whose Log-p outputs were published (docs/protocol.md §3.3: gpt-3.5, gpt-4, llama3-70b). */
const PAPER_LOGPROB_MODELS: readonly string[] = ["gpt-3.5-turbo-0125", "gpt-4", "llama3-70b"];

/** A dated snapshot of a listed OpenAI name: "-2024-07-18", "-0613". */
const OPENAI_SNAPSHOT = /^-(\d{4}-\d{2}-\d{2}|\d{4})$/;
/** A dated snapshot or alias of a listed Anthropic name: "-20241022", "-latest". */
const ANTHROPIC_SNAPSHOT = /^-(\d{8}|latest)$/;

function lookUp(table: Readonly<Record<string, ModelCapabilities>>, model: string): ModelCapabilities | undefined {
  const exact = table[model];
  if (exact !== undefined) return exact;
  const snapshot = table === ANTHROPIC_MODELS ? ANTHROPIC_SNAPSHOT : OPENAI_SNAPSHOT;
  let best: string | undefined;
  for (const name of Object.keys(table)) {
    if (model.startsWith(name) && snapshot.test(model.slice(name.length)) && (best === undefined || name.length > best.length)) best = name;
  }
  return best === undefined ? undefined : table[best];
}

/** Capabilities declared for models the table does not list (`--capabilities FILE`), by model id. */
const declared = new Map<string, Partial<ModelCapabilities>>();

/**
 * Declares the capabilities of models the table does not know (or corrects the table), by model
 * id. Each entry is laid over its provider's defaults. Lasts for the process.
 * @example
 * declareCapabilities({ "openai/ft:gpt-4o-mini:acme": { logprobs: true, maxTopLogprobs: 20 } });
 */
export function declareCapabilities(entries: Readonly<Record<string, Partial<ModelCapabilities>>>): void {
  for (const [modelId, entry] of Object.entries(entries)) {
    parseModelId(modelId);
    declared.set(modelId, { ...entry, published: false });
  }
}

/** Forgets every declared entry (tests). */
export function clearDeclaredCapabilities(): void {
  declared.clear();
}

/** True for OpenAI model names that are reasoning models (o1, o3-mini, o4-mini, gpt-5, gpt-5-mini; not gpt-5-chat). */
export function isOpenAiReasoningModel(model: string): boolean {
  const entry = lookUp(OPENAI_MODELS, model);
  if (entry !== undefined) return entry.reasoningEfforts !== undefined;
  if (/^o\d+(-|$)/.test(model)) return true;
  return /^gpt-5(\.\d+)?(-|$)/.test(model) && !/^gpt-5(\.\d+)?-chat/.test(model);
}

/** The model names the table lists for a provider (for "did you mean" hints). */
export function knownModels(provider: "openai" | "anthropic"): readonly string[] {
  return Object.keys(provider === "openai" ? OPENAI_MODELS : ANTHROPIC_MODELS);
}

/**
 * The capabilities of a model.
 * @param modelId `provider/model`
 * @param overrides fields that replace the table's entry (e.g. what a known OpenAI-compatible server supports)
 * @returns the capability entry
 * @throws UsageError for an unknown provider, a `paper/` model that was not published, or an
 *   `openai/…` / `anthropic/…` model neither the table nor a declaration knows (naming close matches
 *   and how to declare it)
 * @example
 * capabilitiesFor("anthropic/claude-3-5-haiku-latest").logprobs; // => false
 */
export function capabilitiesFor(modelId: string, overrides: Partial<ModelCapabilities> = {}): ModelCapabilities {
  const { provider, model } = parseModelId(modelId);
  const declaration = declared.get(modelId);
  let base: ModelCapabilities;
  switch (provider) {
    case "openai":
    case "anthropic": {
      const entry = lookUp(provider === "openai" ? OPENAI_MODELS : ANTHROPIC_MODELS, model);
      if (entry === undefined && declaration === undefined && Object.keys(overrides).length === 0) {
        throw unknownModelError(modelId, provider, model);
      }
      base = entry ?? (provider === "openai" ? (isOpenAiReasoningModel(model) ? OPENAI_REASONING : OPENAI_CHAT) : ANTHROPIC);
      break;
    }
    case "openai-compatible":
      base = OPENAI_COMPATIBLE;
      break;
    case "paper":
      return { ...paperCapabilities(modelId, model), ...overrides };
    case "baseline":
      return { ...baselineCapabilities(modelId, model), ...overrides };
  }
  return { ...base, ...declaration, ...overrides };
}

function unknownModelError(modelId: string, provider: "openai" | "anthropic", model: string): UsageError {
  const near = closeMatches(model, knownModels(provider)).map((name) => `${provider}/${name}`);
  const hint = near.length === 0 ? "" : `; did you mean ${near.join(" or ")}?`;
  return new UsageError(
    `${modelId}: not in the capability table of ${CAPABILITIES_AS_OF}${hint} ` +
      `(to run it anyway, declare it with declareCapabilities, a JSON object such as {"${modelId}": {"logprobs": false}})`,
  );
}

/**
 * The names closest to a name (edit distance at most a third of its length, at most 3), best first.
 * @example
 * closeMatches("gpt-4o-mni", ["gpt-4o-mini", "gpt-4o", "o3"]); // => ["gpt-4o-mini", "gpt-4o"]
 */
export function closeMatches(name: string, candidates: readonly string[], limit = 3): string[] {
  const budget = Math.min(3, Math.max(1, Math.floor(name.length / 3)));
  return candidates
    .map((candidate) => ({ candidate, distance: editDistance(name.toLowerCase(), candidate.toLowerCase()) }))
    .filter((entry) => entry.distance <= budget && entry.candidate !== name)
    .sort((a, b) => a.distance - b.distance || (a.candidate < b.candidate ? -1 : 1))
    .slice(0, limit)
    .map((entry) => entry.candidate);
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

/** The fields a capabilities file may set, with their checks. */
const DECLARABLE: Readonly<Record<string, (value: unknown) => string | undefined>> = {
  logprobs: (v) => (typeof v === "boolean" ? undefined : "must be true or false"),
  maxTopLogprobs: (v) => (Number.isInteger(v) && (v as number) >= 0 && (v as number) <= 20 ? undefined : "must be an integer in 0..20"),
  fixedTemperature: (v) => (typeof v === "number" && v >= 0 && v <= 2 ? undefined : "must be a number in 0..2"),
  maxTemperature: (v) => (typeof v === "number" && v >= 0 && v <= 2 ? undefined : "must be a number in 0..2"),
  n: (v) => (typeof v === "boolean" ? undefined : "must be true or false"),
  note: (v) => (typeof v === "string" ? undefined : "must be a string"),
  reasoningEfforts: (v) =>
    Array.isArray(v) && v.length > 0 && v.every((e) => typeof e === "string" && e !== "") ? undefined : "must be a non-empty list of strings",
  thinking: (v) => (v === "budget" || v === "adaptive" || v === "always" ? undefined : 'must be "budget", "adaptive" or "always"'),
};

/**
 * Reads and validates a capabilities file: a JSON object from model id (`openai/…`,
 * `anthropic/…`, `openai-compatible/…`) to the capability fields to declare (`logprobs`,
 * `maxTopLogprobs`, `fixedTemperature`, `maxTemperature`, `n`, `note`, `reasoningEfforts`,
 * `thinking`); unset fields take the provider's defaults.
 * @param file path of the JSON file
 * @returns the entries, ready for `declareCapabilities`
 * @throws {DataError} `<file>: <model id>.<field>: <what is wrong> (<value>)`, for the first fault found
 */
export function readCapabilitiesFile(file: string): Record<string, Partial<ModelCapabilities>> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(readFileSync(file)));
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : (error as Error).message.split("\n")[0];
    throw new DataError(`${file}: cannot read capabilities (${reason})`, file, undefined, { cause: error });
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    throw new DataError(`${file}: must be a JSON object from model id to capabilities`, file);
  }
  const entries: Record<string, Partial<ModelCapabilities>> = {};
  for (const [modelId, entry] of Object.entries(parsed)) {
    let provider: string;
    try {
      provider = parseModelId(modelId).provider;
    } catch (error) {
      throw new DataError(`${file}: ${modelId}: not a provider/model id (${(error as Error).message})`, file, modelId);
    }
    if (provider === "paper" || provider === "baseline") throw new DataError(`${file}: ${modelId}: ${provider} models cannot be declared`, file, modelId);
    if (typeof entry !== "object" || entry === null || Array.isArray(entry)) {
      throw new DataError(`${file}: ${modelId}: must be an object of capability fields (${JSON.stringify(entry)})`, file, modelId);
    }
    for (const [field, value] of Object.entries(entry)) {
      const check = DECLARABLE[field];
      if (check === undefined) {
        throw new DataError(`${file}: ${modelId}.${field}: unknown field (fields: ${Object.keys(DECLARABLE).join(", ")})`, file, `${modelId}.${field}`);
      }
      const problem = check(value);
      if (problem !== undefined) throw new DataError(`${file}: ${modelId}.${field}: ${problem} (${JSON.stringify(value)})`, file, `${modelId}.${field}`);
    }
    const e = entry as Partial<ModelCapabilities>;
    if (e.logprobs === true && e.maxTopLogprobs === 0) {
      throw new DataError(`${file}: ${modelId}.maxTopLogprobs: must be at least 1 when logprobs is true (0)`, file, `${modelId}.maxTopLogprobs`);
    }
    entries[modelId] = e;
  }
  return entries;
}

/** The baselines (`baseline/<name>`), answered from the survey itself (baseline-backend.ts). */
export const BASELINE_MODELS = ["uniform", "pooled", "other-group"] as const;
export type BaselineModel = (typeof BASELINE_MODELS)[number];

/** Baselines answer every method, at any temperature (they ignore it), with up to 20 log-probabilities. */
function baselineCapabilities(modelId: string, model: string): ModelCapabilities {
  if (!(BASELINE_MODELS as readonly string[]).includes(model)) {
    throw new UsageError(`capabilitiesFor: unknown baseline "${modelId}" (baselines: ${BASELINE_MODELS.map((b) => `baseline/${b}`).join(", ")})`);
  }
  return { logprobs: true, maxTopLogprobs: 20, maxTemperature: 2, n: false, published: false, note: "computed from the survey's human distributions" };
}

function paperCapabilities(modelId: string, model: string): ModelCapabilities {
  if (!(PAPER_MODELS as readonly string[]).includes(model)) {
    throw new UsageError(`capabilitiesFor: no published outputs for "${modelId}" (paper models: ${PAPER_MODELS.join(", ")})`);
  }
  const logprobs = PAPER_LOGPROB_MODELS.includes(model);
  return {
    logprobs,
    maxTopLogprobs: logprobs ? 20 : 0,
    fixedTemperature: 1,
    maxTemperature: 1,
    n: false,
    published: true,
    note: logprobs ? "published outputs" : "the paper published no log-probabilities for this model",
  };
}
