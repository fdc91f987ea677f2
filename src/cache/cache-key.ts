/**
 * Cache keys: sha256 of a stable serialisation of everything that changes a model's answer, and
 * of nothing that does not.
 *
 * In the key: the cache-format version, the model id, the messages (role and content), the
 * sampling parameters (temperature, maxTokens, topLogprobs) and sampleIndex (so repeated samples
 * of one prompt are distinct entries), and for openai-compatible servers the normalised base URL.
 *
 * Not in the key: API keys, headers, timeouts, retry counts, and the base URL of the official
 * OpenAI and Anthropic APIs. Those change how a request travels, not what answers it: `openai/x`
 * names one model wherever the request is routed (proxy, gateway, test server), so entries stay
 * valid across them. A served name on an openai-compatible server ("llama", "default") says
 * little about the weights behind it, so there the server's URL is part of the identity.
 */
import { createHash } from "node:crypto";
import type { CompletionRequest } from "../backends/types";

/** Bump when the key recipe or the stored entry shape changes; old entries are then never looked up. */
export const CACHE_FORMAT_VERSION = 1;

/** The request as stored in an entry and hashed into the key: no secrets, nothing transport-related. */
export interface CacheKeyMaterial {
  readonly formatVersion: number;
  readonly model: string;
  /** The answering server, for openai-compatible models only. */
  readonly scope?: string;
  readonly messages: readonly { readonly role: string; readonly content: string }[];
  readonly temperature?: number;
  readonly maxTokens?: number;
  readonly topLogprobs?: number;
  readonly sampleIndex: number;
}

/**
 * The output-affecting part of a request. Members are created in alphabetical order (and message
 * members too), so that plain `JSON.stringify` of the result equals `stableStringify` of it: the
 * key is the hash of the canonical form at native serialisation speed.
 * @param request the request
 * @param scope the backend's `cacheScope` (openai-compatible base URL), if any
 */
export function cacheKeyMaterial(request: CompletionRequest, scope?: string): CacheKeyMaterial {
  return {
    formatVersion: CACHE_FORMAT_VERSION,
    ...(request.maxTokens === undefined ? {} : { maxTokens: request.maxTokens }),
    messages: request.messages.map((message) => ({ content: message.content, role: message.role })),
    model: request.model,
    sampleIndex: request.sampleIndex ?? 0,
    ...(scope === undefined ? {} : { scope }),
    ...(request.temperature === undefined ? {} : { temperature: request.temperature }),
    ...(request.topLogprobs === undefined ? {} : { topLogprobs: request.topLogprobs }),
  };
}

/**
 * The cache key of a request: 64 hex digits.
 * @param request the request
 * @param scope the backend's `cacheScope`, if any
 * @example
 * cacheKey({ model: "openai/gpt-4o-mini", messages: [{ role: "user", content: "Hi" }] }).length; // => 64
 */
export function cacheKey(request: CompletionRequest, scope?: string): string {
  return createHash("sha256").update(JSON.stringify(cacheKeyMaterial(request, scope))).digest("hex");
}

/**
 * JSON with object keys sorted at every level and undefined members dropped, so equal values
 * always serialise to the same string.
 * @example
 * stableStringify({ b: 1, a: [2, { d: 3, c: undefined }] }); // => '{"a":[2,{"d":3}],"b":1}'
 */
export function stableStringify(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map((item) => (item === undefined ? "null" : stableStringify(item))).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const record = value as Record<string, unknown>;
    const members = Object.keys(record)
      .filter((name) => record[name] !== undefined)
      .sort()
      .map((name) => `${JSON.stringify(name)}:${stableStringify(record[name])}`);
    return `{${members.join(",")}}`;
  }
  if (typeof value === "number" && !Number.isFinite(value)) {
    throw new RangeError(`stableStringify: non-finite number (${value})`);
  }
  return JSON.stringify(value);
}
