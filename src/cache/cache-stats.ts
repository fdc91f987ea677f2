/**
 * What the response cache holds: entries, bytes and counts per model (`distalign cache stats`).
 */
import { readdir, readFile, stat } from "node:fs/promises";
import { join } from "node:path";
import { PROVIDERS } from "../backends/model-id";
import { cacheDir } from "../config";

/** Entries and bytes of one model's folder. */
export interface ModelCacheStats {
  /** The model id, `provider/model`, as recorded in the entries. */
  readonly model: string;
  readonly entries: number;
  readonly bytes: number;
}

/** A summary of a cache directory. */
export interface CacheStats {
  readonly dir: string;
  readonly entries: number;
  readonly bytes: number;
  /** Per model, largest first. */
  readonly models: readonly ModelCacheStats[];
  /** Leftover temporary files from interrupted writes (ignored by lookups, safe to delete). */
  readonly temporaryFiles: number;
}

/**
 * Counts the entries under a cache directory. A missing directory is an empty cache.
 * @param dir the cache root @default cacheDir()
 * @example
 * const { entries, bytes, models } = await cacheStats();
 */
export async function cacheStats(dir?: string): Promise<CacheStats> {
  const root = cacheDir(dir);
  const models: ModelCacheStats[] = [];
  let temporaryFiles = 0;
  for (const provider of await listFolders(root)) {
    if (!(PROVIDERS as readonly string[]).includes(provider)) continue;
    for (const modelFolder of await listFolders(join(root, provider))) {
      let entries = 0;
      let bytes = 0;
      let sample: string | undefined;
      for (const shard of await listFolders(join(root, provider, modelFolder))) {
        const shardDir = join(root, provider, modelFolder, shard);
        for (const name of await readdir(shardDir)) {
          if (name.endsWith(".tmp")) temporaryFiles += 1;
          if (!name.endsWith(".json")) continue;
          entries += 1;
          bytes += (await stat(join(shardDir, name))).size;
          sample ??= join(shardDir, name);
        }
      }
      if (entries > 0) models.push({ model: await modelIdOf(sample, `${provider}/${modelFolder}`), entries, bytes });
    }
  }
  models.sort((a, b) => b.entries - a.entries || a.model.localeCompare(b.model));
  return {
    dir: root,
    entries: models.reduce((sum, model) => sum + model.entries, 0),
    bytes: models.reduce((sum, model) => sum + model.bytes, 0),
    models,
    temporaryFiles,
  };
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

/** The model id recorded in an entry (folder names are sanitised), else the folder-derived fallback. */
async function modelIdOf(file: string | undefined, fallback: string): Promise<string> {
  if (file === undefined) return fallback;
  try {
    const entry = JSON.parse(await readFile(file, "utf8")) as { request?: { model?: unknown } };
    return typeof entry.request?.model === "string" ? entry.request.model : fallback;
  } catch {
    return fallback;
  }
}
