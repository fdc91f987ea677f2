/**
 * What the response cache holds: entries, bytes and counts per model (`distalign cache stats`),
 * and the full check of every entry (`distalign cache verify`).
 */
import { readdir, stat, unlink } from "node:fs/promises";
import { TEMPORARY_SUFFIX } from "../files";
import { basename, join } from "node:path";
import { PROVIDERS } from "../backends/model-id";
import { cacheDir } from "../config";
import { entryPath, readEntry } from "./cache-store";

/** Entries and bytes of one model. */
export interface ModelCacheStats {
  /** The model id, `provider/model`, as recorded in the entries. */
  readonly model: string;
  readonly entries: number;
  readonly bytes: number;
}

/** An entry that fails the check every read makes: it is never served. */
export interface CorruptEntry {
  readonly file: string;
  /** What is wrong, e.g. "the stored request hashes to …, not to the entry's key …". */
  readonly reason: string;
}

/** A summary of a cache directory. */
export interface CacheStats {
  readonly dir: string;
  /** Sound entries (corrupt ones are counted apart). */
  readonly entries: number;
  readonly bytes: number;
  /** Per model, largest first; sound entries only. */
  readonly models: readonly ModelCacheStats[];
  /** Entry files that fail the check (never served; replaced by a fresh call in read-write mode). */
  readonly corrupt: readonly CorruptEntry[];
  /** Leftover temporary files from interrupted writes (ignored by lookups, safe to delete). */
  readonly temporaryFiles: number;
}

/** The hex key an entry file name carries, if it is one. */
const ENTRY_NAME = /^([0-9a-f]{64})\.json$/;

/**
 * Counts and checks the entries under a cache directory. Each entry is checked as a lookup checks
 * it (its request re-hashes to its key, its completion has the right shape), and it must sit
 * where that request's entry belongs. A missing directory is an empty cache.
 * @param dir the cache root @default cacheDir()
 * @example
 * const { entries, bytes, models, corrupt } = await cacheStats();
 */
export async function cacheStats(dir?: string): Promise<CacheStats> {
  const root = cacheDir(dir);
  const byModel = new Map<string, { entries: number; bytes: number }>();
  const corrupt: CorruptEntry[] = [];
  let temporaryFiles = 0;
  for (const provider of await listFolders(root)) {
    if (!(PROVIDERS as readonly string[]).includes(provider)) continue;
    for (const modelFolder of await listFolders(join(root, provider))) {
      for (const shard of await listFolders(join(root, provider, modelFolder))) {
        const shardDir = join(root, provider, modelFolder, shard);
        for (const name of (await readdir(shardDir)).sort()) {
          if (name.endsWith(TEMPORARY_SUFFIX)) temporaryFiles += 1;
          if (!name.endsWith(".json")) continue;
          const file = join(shardDir, name);
          const key = ENTRY_NAME.exec(name)?.[1];
          if (key === undefined) {
            corrupt.push({ file, reason: "file name is not <64 hex digits>.json" });
            continue;
          }
          const found = readEntry(file, key);
          if (found.kind === "miss") continue;
          if (found.kind === "corrupt") {
            corrupt.push({ file, reason: found.reason });
            continue;
          }
          const model = found.entry.request.model;
          const home = entryPath(root, model, key);
          if (home !== file) {
            corrupt.push({ file, reason: `entry of ${model} filed in the wrong folder (belongs at ${home})` });
            continue;
          }
          const counts = byModel.get(model) ?? { entries: 0, bytes: 0 };
          counts.entries += 1;
          counts.bytes += (await stat(file)).size;
          byModel.set(model, counts);
        }
      }
    }
  }
  const models = [...byModel].map(([model, counts]) => ({ model, ...counts }));
  models.sort((a, b) => b.entries - a.entries || a.model.localeCompare(b.model));
  return {
    dir: root,
    entries: models.reduce((sum, model) => sum + model.entries, 0),
    bytes: models.reduce((sum, model) => sum + model.bytes, 0),
    models,
    corrupt,
    temporaryFiles,
  };
}

/**
 * Deletes corrupt entry files (as listed by `cacheStats`), so the next lookup is a clean miss.
 * @returns the number of files deleted
 */
export async function deleteCorruptEntries(corrupt: readonly CorruptEntry[]): Promise<number> {
  let deleted = 0;
  for (const { file } of corrupt) {
    if (!basename(file).endsWith(".json")) continue;
    try {
      await unlink(file);
      deleted += 1;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
    }
  }
  return deleted;
}

async function listFolders(dir: string): Promise<string[]> {
  try {
    const found = await readdir(dir, { withFileTypes: true });
    return found.filter((entry) => entry.isDirectory()).map((entry) => entry.name).sort();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw error;
  }
}
