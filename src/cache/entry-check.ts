/**
 * The full check of a cache entry, made on every read and by `distalign cache verify`: the stored
 * request re-hashes to the key the entry is filed under, it names the model looked up, and the
 * completion has the shape the scorers rely on. An entry that fails any check is never served.
 */
import { createHash } from "node:crypto";
import type { CompletionRequest } from "../backends/types";
import { CACHE_FORMAT_VERSION, cacheKeyMaterial } from "./cache-key";

type Json = Record<string, unknown>;

function isRecord(value: unknown): value is Json {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

function describe(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value.length > 70 ? `${value.slice(0, 70)}…` : value);
  if (Array.isArray(value)) return "an array";
  if (value === null) return "null";
  return typeof value === "object" ? "an object" : String(value);
}

function isCount(value: unknown): boolean {
  return typeof value === "number" && Number.isInteger(value) && value >= 0;
}

function isLogprob(value: unknown): boolean {
  return typeof value === "number" && Number.isFinite(value) && value <= 0;
}

/**
 * What is wrong with a stored request (the key material), if anything; else the request it
 * describes and the key it hashes to.
 */
function requestProblem(value: unknown): { problem: string } | { key: string; material: Json } {
  if (!isRecord(value)) return { problem: `request is ${describe(value)}, not an object` };
  if (value.formatVersion !== CACHE_FORMAT_VERSION) return { problem: `request.formatVersion is ${describe(value.formatVersion)}, expected ${CACHE_FORMAT_VERSION}` };
  if (typeof value.model !== "string" || value.model === "") return { problem: `request.model is ${describe(value.model)}, not a model id` };
  if (!Array.isArray(value.messages)) return { problem: `request.messages is ${describe(value.messages)}, not an array` };
  for (const [index, message] of value.messages.entries()) {
    if (!isRecord(message) || typeof message.role !== "string" || typeof message.content !== "string") {
      return { problem: `request.messages[${index}] is not a {role, content} message` };
    }
  }
  for (const name of ["temperature", "maxTokens", "topLogprobs"] as const) {
    const field = value[name];
    if (field !== undefined && !(typeof field === "number" && Number.isFinite(field))) return { problem: `request.${name} is ${describe(field)}, not a number` };
  }
  if (!isCount(value.sampleIndex)) return { problem: `request.sampleIndex is ${describe(value.sampleIndex)}, not a count` };
  if (value.scope !== undefined && typeof value.scope !== "string") return { problem: `request.scope is ${describe(value.scope)}, not a string` };
  const request = {
    model: value.model,
    messages: value.messages,
    ...(value.temperature === undefined ? {} : { temperature: value.temperature }),
    ...(value.maxTokens === undefined ? {} : { maxTokens: value.maxTokens }),
    ...(value.topLogprobs === undefined ? {} : { topLogprobs: value.topLogprobs }),
    sampleIndex: value.sampleIndex,
  } as CompletionRequest;
  const material = cacheKeyMaterial(request, value.scope as string | undefined);
  // The same serialisation `cacheKey` hashes.
  const key = createHash("sha256").update(JSON.stringify(material)).digest("hex");
  return { key, material: material as unknown as Json };
}

function alternativeProblem(value: unknown, where: string): string | undefined {
  if (!isRecord(value)) return `${where} is ${describe(value)}, not a {token, logprob} object`;
  if (typeof value.token !== "string") return `${where}.token is ${describe(value.token)}, not a string`;
  if (!isLogprob(value.logprob)) return `${where}.logprob is ${describe(value.logprob)}, not a finite number ≤ 0`;
  return undefined;
}

/**
 * What is wrong with a completion as stored (or about to be stored) for a request, if anything.
 * @param value the stored completion
 * @param wantsTokens whether the request asked for top log-probabilities (then `tokens` must be there)
 * @returns a short description of the first fault (e.g. `response.tokens[0].logprob is "x", not a finite number ≤ 0`), or undefined
 */
export function completionProblem(value: unknown, wantsTokens: boolean): string | undefined {
  if (!isRecord(value)) return `response is ${describe(value)}, not an object`;
  if (typeof value.text !== "string") return `response.text is ${describe(value.text)}, not a string`;
  if (typeof value.model !== "string") return `response.model is ${describe(value.model)}, not a string`;
  if (!isRecord(value.usage)) return `response.usage is ${describe(value.usage)}, not an object`;
  for (const name of ["inputTokens", "outputTokens"] as const) {
    if (!isCount(value.usage[name])) return `response.usage.${name} is ${describe(value.usage[name])}, not a count`;
  }
  if (value.finishReason !== undefined && typeof value.finishReason !== "string") return `response.finishReason is ${describe(value.finishReason)}, not a string`;
  if (value.cached !== undefined) return "response.cached is stored (entries hold the completion without it)";
  if (value.tokens === undefined) return wantsTokens ? "response.tokens is missing, but the request asked for top log-probabilities" : undefined;
  if (!Array.isArray(value.tokens)) return `response.tokens is ${describe(value.tokens)}, not an array`;
  for (const [index, token] of value.tokens.entries()) {
    const where = `response.tokens[${index}]`;
    const problem = alternativeProblem(token, where);
    if (problem !== undefined) return problem;
    const top = (token as Json).topLogprobs;
    if (!Array.isArray(top)) return `${where}.topLogprobs is ${describe(top)}, not an array`;
    for (const [j, alternative] of top.entries()) {
      const alternativeFault = alternativeProblem(alternative, `${where}.topLogprobs[${j}]`);
      if (alternativeFault !== undefined) return alternativeFault;
    }
  }
  return undefined;
}

/**
 * What is wrong with a parsed entry file, if anything.
 * @param value the parsed JSON of the file
 * @param key the key the entry is filed under (its file name)
 * @param model the model the entry was looked up for, when known
 * @returns a short description of the first fault, or undefined for a sound entry
 * @example
 * entryProblem({ formatVersion: 1 }, "ab…", "openai/gpt-4o-mini"); // => "key is undefined, not the file's key ab…"
 */
export function entryProblem(value: unknown, key: string, model?: string): string | undefined {
  if (!isRecord(value)) return `entry is ${describe(value)}, not an object`;
  if (value.formatVersion !== CACHE_FORMAT_VERSION) return `formatVersion is ${describe(value.formatVersion)}, expected ${CACHE_FORMAT_VERSION}`;
  if (value.key !== key) return `key is ${describe(value.key)}, not the file's key ${key}`;
  const request = requestProblem(value.request);
  if ("problem" in request) return request.problem;
  if (model !== undefined && request.material.model !== model) return `request.model is ${describe(request.material.model)}, looked up for ${model}`;
  if (request.key !== key) return `the stored request hashes to ${request.key}, not to the entry's key ${key}`;
  if (typeof value.createdAt !== "string" || Number.isNaN(Date.parse(value.createdAt))) return `createdAt is ${describe(value.createdAt)}, not a time`;
  return completionProblem(value.response, request.material.topLogprobs !== undefined);
}
