/**
 * The response cache: keys, on-disk entries, the backend wrapper and statistics.
 */
export { CACHE_FORMAT_VERSION, cacheKey, cacheKeyMaterial, stableStringify, type CacheKeyMaterial } from "./cache-key";
export { entryPath, readEntry, writeEntryAtomic, safeSegment, type CacheEntry, type EntryReadResult } from "./cache-store";
export { withCache, CACHE_MODES, type CacheMode, type CacheOptions, type CachedBackend } from "./with-cache";
export { cacheStats, deleteCorruptEntries, type CacheStats, type CorruptEntry, type ModelCacheStats } from "./cache-stats";
export { completionProblem, entryProblem } from "./entry-check";
