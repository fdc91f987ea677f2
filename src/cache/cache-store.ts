/**
 * Cache entries on disk: one JSON file per entry at
 * `<dir>/<provider>/<model>/<first 2 hex of key>/<key>.json`, written atomically.
 */
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { parseModelId } from "../backends/model-id";
import type { Completion } from "../backends/types";
import type { CacheKeyMaterial } from "./cache-key";
import { entryProblem } from "./entry-check";
import { makeDirectory, writeFileAtomic } from "../files";

/** One stored entry. Holds no keys or headers. */
export interface CacheEntry {
  readonly formatVersion: number;
  readonly key: string;
  /** The output-affecting request fields (the key material). */
  readonly request: CacheKeyMaterial;
  /** The completion as the backend returned it (without the `cached` flag). */
  readonly response: Completion;
  /** ISO-8601 time the response was recorded. */
  readonly createdAt: string;
}

/** What reading an entry found. */
export type EntryReadResult =
  | { readonly kind: "hit"; readonly entry: CacheEntry }
  | { readonly kind: "miss" }
  | { readonly kind: "corrupt"; readonly file: string; readonly reason: string };

/**
 * A model name as a single, safe directory name: characters outside `[A-Za-z0-9._-]` become `_`.
 * Collisions are harmless because the file name is the full key.
 * @example
 * safeSegment("meta-llama/Llama-3-8B"); // => "meta-llama_Llama-3-8B"
 */
export function safeSegment(name: string): string {
  const safe = name.replace(/[^A-Za-z0-9._-]/g, "_");
  return safe === "." || safe === ".." || safe === "" ? `_${safe}` : safe;
}

/**
 * The file that holds (or would hold) the entry for a key.
 * @param dir the cache root
 * @param modelId `provider/model`
 * @param key 64 hex digits
 */
export function entryPath(dir: string, modelId: string, key: string): string {
  const { provider, model } = parseModelId(modelId);
  return join(dir, provider, safeSegment(model), key.slice(0, 2), `${key}.json`);
}

/**
 * Reads one entry and checks it fully (`entryProblem`). A missing file is a miss; a file that
 * cannot be read or parsed, or that fails a check, is reported as corrupt (never thrown).
 *
 * The read is synchronous on purpose: entries are a few kilobytes, and a synchronous read costs
 * one blocking open/read/close of some microseconds, where `fs/promises.readFile` makes four
 * thread-pool round trips and measured 3-4× slower per lookup (bench/cache-bench.ts).
 * @param file the entry's file
 * @param key the key it is filed under
 * @param model the model it is looked up for
 */
export function readEntry(file: string, key: string, model?: string): EntryReadResult {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    // No such file, or a path through something that is not a folder: no entry can be there.
    const { code } = error as NodeJS.ErrnoException;
    if (code === "ENOENT" || code === "ENOTDIR") return { kind: "miss" };
    return { kind: "corrupt", file, reason: (error as Error).message };
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    return { kind: "corrupt", file, reason: `invalid json: ${(error as Error).message}` };
  }
  const problem = entryProblem(parsed, key, model);
  return problem === undefined ? { kind: "hit", entry: parsed as CacheEntry } : { kind: "corrupt", file, reason: problem };
}

/**
 * Writes an entry atomically: a temporary file in the same folder, then a rename over the
 * target. A process killed at any point leaves either no entry or a complete one (plus, at
 * worst, a stray `*.tmp` file that lookups ignore).
 */
export async function writeEntryAtomic(file: string, entry: CacheEntry): Promise<void> {
  await makeDirectory(dirname(file));
  await writeFileAtomic(file, `${JSON.stringify(entry, null, 2)}\n`);
}
