/**
 * The response cache as a backend wrapper: record every successful request → response, replay
 * it on the next identical request.
 */
import { dirname, sep } from "node:path";
import { checkRequestSupported } from "../backends/plan";
import type { Backend, CompleteOptions, Completion, CompletionRequest } from "../backends/types";
import { cacheDir } from "../config";
import { CacheMissError } from "../errors";
import { CACHE_FORMAT_VERSION, cacheKey, cacheKeyMaterial } from "./cache-key";
import { entryPath, readEntry, writeEntryAtomic, type CacheEntry } from "./cache-store";
import { completionProblem } from "./entry-check";

/**
 * - `read-write`: serve hits, call and record on a miss (the default when collecting).
 * - `read-only`: serve hits, throw `CacheMissError` on a miss; nothing reaches the network.
 * - `refresh`: always call, and overwrite the entry.
 * - `off`: pass every call through; read and write nothing.
 */
export const CACHE_MODES = ["read-write", "read-only", "refresh", "off"] as const;
export type CacheMode = (typeof CACHE_MODES)[number];

/** Options of `withCache`. */
export interface CacheOptions {
  /** @default "read-write" */
  readonly mode?: CacheMode;
  /** The cache root. @default cacheDir() (`DISTALIGN_CACHE_DIR`, else `cache/`) */
  readonly dir?: string;
  /** Where warnings go (unreadable entries, failed writes). @default console.warn */
  readonly warn?: (message: string) => void;
  /** Entries kept in memory after being read or written, so repeated lookups skip the disk. @default 10_000 */
  readonly memoEntries?: number;
}

/**
 * Corrupt entries already reported in this process (file and fault), by any wrapper: a run's
 * estimate and the run itself look the same entry up, and it is reported once.
 */
const reportedCorruptEntries = new Set<string>();

/** A backend with a cache in front of it. */
export interface CachedBackend extends Backend {
  readonly cacheMode: CacheMode;
  /** Whether a call for this request would be served from the cache (always false in `refresh` and `off`). */
  has(request: CompletionRequest): Promise<boolean>;
}

/**
 * Puts the response cache in front of a backend.
 *
 * Errors are never cached. Entries are written atomically before the completion is returned, so
 * a caller that records the completion afterwards (the executor's JSONL) never records anything the
 * cache lacks. Every entry read is checked fully (`entryProblem`: its request re-hashes to its
 * key, it names the model, its completion has the right shape); a corrupt entry is reported once
 * per process through `warn` (naming the file and the fault) and treated as a miss; in `read-write` mode it
 * is then replaced by a fresh call. A completion that would fail that check is returned but not
 * stored. Identical requests in flight at the same
 * time share one call (the first caller's abort signal governs it). A failed write is reported,
 * and the completion is still returned: it has been paid for.
 * @param backend the backend to wrap
 * @param options mode, directory, warning sink
 * @returns a backend with the same id and capabilities; completions carry `cached: true|false`
 * @example
 * const backend = withCache(createBackend("openai/gpt-4o-mini"), { mode: "read-only" });
 */
export function withCache(backend: Backend, options: CacheOptions = {}): CachedBackend {
  const mode = options.mode ?? "read-write";
  const dir = cacheDir(options.dir);
  const warn = options.warn ?? ((message: string) => console.warn(message));
  const memoLimit = options.memoEntries ?? 10_000;
  const memo = new Map<string, Completion>();
  const pending = new Map<string, Promise<Completion>>();
  const modelFolders = new Map<string, string>();
  /** Models whose completions could not be stored, already reported: one warning each. */
  const warned = new Set<string>();

  /** The entry file of a key; the model's folder is worked out once per model. */
  function fileOf(model: string, key: string): string {
    let folder = modelFolders.get(model);
    if (folder === undefined) {
      folder = dirname(dirname(entryPath(dir, model, key)));
      modelFolders.set(model, folder);
    }
    return `${folder}${sep}${key.slice(0, 2)}${sep}${key}.json`;
  }

  function remember(key: string, completion: Completion): void {
    if (memoLimit <= 0) return;
    memo.delete(key);
    memo.set(key, completion);
    if (memo.size > memoLimit) {
      const oldest = memo.keys().next().value;
      if (oldest !== undefined) memo.delete(oldest);
    }
  }

  /** A cached completion from memory or disk (synchronous: see readEntry), else undefined. */
  function lookup(model: string, key: string, file: string): Completion | undefined {
    const remembered = memo.get(key);
    if (remembered !== undefined) return remembered;
    const found = readEntry(file, key, model);
    if (found.kind === "hit") {
      remember(key, found.entry.response);
      return found.entry.response;
    }
    if (found.kind === "corrupt") {
      const fault = `${found.file}\n${found.reason}`;
      if (!reportedCorruptEntries.has(fault)) {
        reportedCorruptEntries.add(fault);
        warn(`cache: ${found.file}: corrupt entry treated as a miss (${found.reason}); in read-write mode a fresh call replaces it`);
      }
    }
    return undefined;
  }

  async function callAndRecord(request: CompletionRequest, key: string, file: string, callOptions: CompleteOptions): Promise<Completion> {
    const { cached: _ignored, ...response } = await backend.complete(request, callOptions);
    // What is stored must pass the check every read makes, or it would be paid for again and again.
    const problem = completionProblem(response, request.topLogprobs !== undefined);
    if (problem !== undefined) {
      if (!warned.has(request.model)) warn(`cache: ${request.model}: completion not cached (${problem}); such completions are never cached`);
      warned.add(request.model);
      return { ...response, cached: false };
    }
    const entry: CacheEntry = {
      formatVersion: CACHE_FORMAT_VERSION,
      key,
      request: cacheKeyMaterial(request, backend.cacheScope),
      response,
      createdAt: new Date().toISOString(),
    };
    try {
      await writeEntryAtomic(file, entry);
    } catch (error) {
      warn(`cache: could not write entry (${file}: ${(error as Error).message})`);
    }
    remember(key, response);
    return { ...response, cached: false };
  }

  async function complete(request: CompletionRequest, callOptions: CompleteOptions = {}): Promise<Completion> {
    if (mode === "off") return backend.complete(request, callOptions);
    // Refuse impossible requests before they can reach the cache or the network.
    checkRequestSupported(request, backend.capabilities);
    const key = cacheKey(request, backend.cacheScope);
    const shared = pending.get(key);
    if (shared !== undefined) return shared;
    const file = fileOf(request.model, key);
    if (mode !== "refresh") {
      const hit = lookup(request.model, key, file);
      if (hit !== undefined) return { ...hit, cached: true };
      if (mode === "read-only") throw new CacheMissError(`cache: no entry for ${request.model} in read-only mode (key ${key}, ${file})`);
    }
    // Everything above ran synchronously, so an identical request arriving meanwhile finds this call in `pending`.
    const call = callAndRecord(request, key, file, callOptions);
    pending.set(key, call);
    const forget = () => pending.delete(key);
    call.then(forget, forget);
    return call;
  }

  async function has(request: CompletionRequest): Promise<boolean> {
    if (mode === "off" || mode === "refresh") return false;
    const key = cacheKey(request, backend.cacheScope);
    return lookup(request.model, key, fileOf(request.model, key)) !== undefined;
  }

  return {
    id: backend.id,
    capabilities: backend.capabilities,
    ...(backend.cacheScope === undefined ? {} : { cacheScope: backend.cacheScope }),
    ...(backend.outputTokenCap === undefined ? {} : { outputTokenCap: backend.outputTokenCap }),
    ...(backend.onRateSignal === undefined ? {} : { onRateSignal: backend.onRateSignal.bind(backend) }),
    ...(backend.maxRetries === undefined ? {} : { maxRetries: backend.maxRetries }),
    cacheMode: mode,
    complete,
    has,
  };
}
