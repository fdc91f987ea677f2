/**
 * A dated price table, USD per million tokens, for estimating and tracking what a run costs.
 * Prices change: a model missing here has an unknown cost (null), never a zero one.
 */
import { parseModelId } from "../backends/model-id";
import type { TokenUsage } from "../backends/types";

/** The price of one model family. */
export interface ModelPrice {
  /** USD per million input tokens. */
  readonly inputUsdPerMillion: number;
  /** USD per million output tokens. */
  readonly outputUsdPerMillion: number;
  /** ISO date this price was read, when it differs from the table's `asOf`. */
  readonly asOf?: string;
}

/** Prices per `provider/model-family`, with the date they were taken from the providers' pricing pages. */
export interface PriceTable {
  /** ISO date the prices were read (each entry may carry an earlier `asOf` of its own). */
  readonly asOf: string;
  readonly models: Readonly<Record<string, ModelPrice>>;
}

/** Entries last confirmed on the providers' pricing pages on 2025-10-15 and not since. */
const READ_2025_10_15 = "2025-10-15";

/**
 * Standard (non-batch, uncached-input, short-context) list prices, as published by the providers.
 * Every model of the capability table whose price could be confirmed is here; the others (o1,
 * o3-mini, gpt-5.1-mini, the gpt-5.6 family, the `-chat-latest` aliases, chatgpt-4o-latest,
 * Claude Opus 4.7 and 4.8, Mythos and the Claude 5 family, gpt-3.5-turbo-1106 and the gpt-4
 * turbo previews) have an unknown price: their cost is reported as unknown, never as 0, and a
 * budget cannot be kept with them. Check prices before trusting an estimate for a long run;
 * pass your own table through the executor's `prices` option to override.
 */
export const PRICES: PriceTable = {
  asOf: "2026-12-01",
  models: {
    "openai/gpt-4o": { inputUsdPerMillion: 2.5, outputUsdPerMillion: 10, asOf: READ_2025_10_15 },
    "openai/gpt-4o-mini": { inputUsdPerMillion: 0.15, outputUsdPerMillion: 0.6, asOf: READ_2025_10_15 },
    "openai/gpt-4.1": { inputUsdPerMillion: 2, outputUsdPerMillion: 8, asOf: READ_2025_10_15 },
    "openai/gpt-4.1-mini": { inputUsdPerMillion: 0.4, outputUsdPerMillion: 1.6, asOf: READ_2025_10_15 },
    "openai/gpt-4.1-nano": { inputUsdPerMillion: 0.1, outputUsdPerMillion: 0.4, asOf: READ_2025_10_15 },
    "openai/gpt-5": { inputUsdPerMillion: 1.25, outputUsdPerMillion: 10, asOf: READ_2025_10_15 },
    "openai/gpt-5-mini": { inputUsdPerMillion: 0.25, outputUsdPerMillion: 2, asOf: READ_2025_10_15 },
    "openai/gpt-5-nano": { inputUsdPerMillion: 0.05, outputUsdPerMillion: 0.4, asOf: READ_2025_10_15 },
    "openai/gpt-5.1": { inputUsdPerMillion: 1.25, outputUsdPerMillion: 10 },
    "openai/gpt-5.2": { inputUsdPerMillion: 1.75, outputUsdPerMillion: 14 },
    "openai/gpt-5.4": { inputUsdPerMillion: 2.5, outputUsdPerMillion: 15 },
    "openai/gpt-5.4-mini": { inputUsdPerMillion: 0.75, outputUsdPerMillion: 4.5 },
    "openai/gpt-5.4-nano": { inputUsdPerMillion: 0.2, outputUsdPerMillion: 1.25 },
    "openai/o3": { inputUsdPerMillion: 2, outputUsdPerMillion: 8, asOf: READ_2025_10_15 },
    "openai/o4-mini": { inputUsdPerMillion: 1.1, outputUsdPerMillion: 4.4, asOf: READ_2025_10_15 },
    "openai/gpt-3.5-turbo-0125": { inputUsdPerMillion: 0.5, outputUsdPerMillion: 1.5, asOf: READ_2025_10_15 },
    "openai/gpt-4": { inputUsdPerMillion: 30, outputUsdPerMillion: 60, asOf: READ_2025_10_15 },
    "anthropic/claude-3-haiku": { inputUsdPerMillion: 0.25, outputUsdPerMillion: 1.25 },
    "anthropic/claude-3-5-haiku": { inputUsdPerMillion: 0.8, outputUsdPerMillion: 4 },
    "anthropic/claude-3-5-sonnet": { inputUsdPerMillion: 3, outputUsdPerMillion: 15 },
    "anthropic/claude-3-7-sonnet": { inputUsdPerMillion: 3, outputUsdPerMillion: 15 },
    "anthropic/claude-3-opus": { inputUsdPerMillion: 15, outputUsdPerMillion: 75 },
    "anthropic/claude-sonnet-4": { inputUsdPerMillion: 3, outputUsdPerMillion: 15 },
    "anthropic/claude-opus-4": { inputUsdPerMillion: 15, outputUsdPerMillion: 75 },
    "anthropic/claude-opus-4-1": { inputUsdPerMillion: 15, outputUsdPerMillion: 75 },
    "anthropic/claude-sonnet-4-5": { inputUsdPerMillion: 3, outputUsdPerMillion: 15 },
    "anthropic/claude-haiku-4-5": { inputUsdPerMillion: 1, outputUsdPerMillion: 5 },
    "anthropic/claude-opus-4-5": { inputUsdPerMillion: 5, outputUsdPerMillion: 25 },
    "anthropic/claude-opus-4-6": { inputUsdPerMillion: 5, outputUsdPerMillion: 25 },
    "anthropic/claude-sonnet-4-6": { inputUsdPerMillion: 3, outputUsdPerMillion: 15 },
  },
};

/** A dated or aliased snapshot of a family: "-2024-07-18", "-20241022", "-0613", "-latest". */
const SNAPSHOT_SUFFIX = /^-(\d{4}-\d{2}-\d{2}|\d{8}|\d{4}|latest)$/;

/**
 * The price of a model: an exact entry, else the family the model is a dated or `-latest`
 * snapshot of ("openai/gpt-4o-mini-2024-07-18" → gpt-4o-mini, "anthropic/claude-3-5-haiku-latest"
 * → claude-3-5-haiku). `paper/` models cost nothing (no calls); anything else unknown is undefined.
 * @example
 * priceFor("openai/gpt-4o-mini-2024-07-18")?.inputUsdPerMillion; // => 0.15
 */
export function priceFor(modelId: string, table: PriceTable = PRICES): ModelPrice | undefined {
  const exact = table.models[modelId];
  if (exact !== undefined) return exact;
  const { provider } = parseModelId(modelId);
  if (provider === "paper" || provider === "baseline") return { inputUsdPerMillion: 0, outputUsdPerMillion: 0 };
  for (const [family, price] of Object.entries(table.models)) {
    if (modelId.startsWith(family) && SNAPSHOT_SUFFIX.test(modelId.slice(family.length))) return price;
  }
  return undefined;
}

/**
 * What a call cost, in USD; null when the model's price is unknown.
 * @example
 * costUsd("openai/gpt-4o-mini", { inputTokens: 1_000_000, outputTokens: 0 }); // => 0.15
 */
export function costUsd(modelId: string, usage: TokenUsage, table: PriceTable = PRICES): number | null {
  const price = priceFor(modelId, table);
  if (price === undefined) return null;
  return (usage.inputTokens * price.inputUsdPerMillion + usage.outputTokens * price.outputUsdPerMillion) / 1_000_000;
}

/** A provider's discount on batch requests, and when it was read from its pricing page. */
export interface BatchDiscount {
  /** The share of the standard price taken off (0.5: half price). */
  readonly discount: number;
  /** ISO date the discount was read. */
  readonly asOf: string;
}

/**
 * Batch discounts per provider: the OpenAI Batch API and Anthropic Message Batches both bill 50%
 * of the standard input and output prices. Providers without a batch API have no entry.
 */
const BATCH_DISCOUNTS: Readonly<Record<string, BatchDiscount>> = {
  openai: { discount: 0.5, asOf: "2026-12-01" },
  anthropic: { discount: 0.5, asOf: "2026-12-01" },
};

/**
 * The price table of batch requests: each entry of a provider with a batch discount at the
 * discounted price; entries of other providers are left out (their batch price is unknown).
 * @example
 * costUsd("openai/gpt-4o-mini", { inputTokens: 1_000_000, outputTokens: 0 }, batchPrices()); // => 0.075
 */
export function batchPrices(table: PriceTable = PRICES, discounts: Readonly<Record<string, BatchDiscount>> = BATCH_DISCOUNTS): PriceTable {
  const models: Record<string, ModelPrice> = {};
  const dates = [table.asOf];
  for (const [family, price] of Object.entries(table.models)) {
    const discount = discounts[parseModelId(family).provider];
    if (discount === undefined) continue;
    dates.push(discount.asOf);
    models[family] = {
      inputUsdPerMillion: price.inputUsdPerMillion * (1 - discount.discount),
      outputUsdPerMillion: price.outputUsdPerMillion * (1 - discount.discount),
      ...(price.asOf === undefined ? {} : { asOf: price.asOf }),
    };
  }
  return { asOf: dates.sort()[0] as string, models };
}
