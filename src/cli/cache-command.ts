/** `distalign cache stats` and `distalign cache verify`: what the response cache holds, and whether every entry is sound. */
import type { Command } from "commander";
import { cacheStats, deleteCorruptEntries, DistalignError } from "../index";

/** Bytes as "812 B", "14.2 kB", "3.1 MB". */
export function formatBytes(bytes: number): string {
  if (bytes < 1000) return `${bytes} B`;
  if (bytes < 1e6) return `${(bytes / 1e3).toFixed(1)} kB`;
  if (bytes < 1e9) return `${(bytes / 1e6).toFixed(1)} MB`;
  return `${(bytes / 1e9).toFixed(2)} GB`;
}

/** Registers `cache stats` and `cache verify`. */
export function registerCacheCommand(program: Command): void {
  const cache = program.command("cache").description("the response cache");
  cache
    .command("stats")
    .description("print the number of entries, their size and the entries per model")
    .option("--cache-dir <dir>", "cache folder (default: DISTALIGN_CACHE_DIR, else cache/)")
    .action(async (options: { cacheDir?: string }) => {
      const stats = await cacheStats(options.cacheDir);
      const lines = [`cache ${stats.dir}: ${stats.entries} entries, ${formatBytes(stats.bytes)}`];
      const width = Math.max(0, ...stats.models.map((m) => m.model.length));
      for (const model of stats.models) {
        lines.push(`  ${model.model.padEnd(width)}  ${String(model.entries).padStart(7)} entries  ${formatBytes(model.bytes).padStart(9)}`);
      }
      if (stats.corrupt.length > 0) {
        lines.push(`  ${stats.corrupt.length} corrupt entries, never served (list them with distalign cache verify)`);
      }
      if (stats.temporaryFiles > 0) lines.push(`  ${stats.temporaryFiles} leftover temporary files from interrupted writes (safe to delete)`);
      process.stdout.write(`${lines.join("\n")}\n`);
    });
  cache
    .command("verify")
    .description("check every entry (its request re-hashes to its key, its completion has the right shape); list the corrupt ones and exit non-zero if there are any")
    .option("--cache-dir <dir>", "cache folder (default: DISTALIGN_CACHE_DIR, else cache/)")
    .option("--delete", "delete the corrupt entries (the next run calls for them again)")
    .action(async (options: { cacheDir?: string; delete?: boolean }) => {
      const stats = await cacheStats(options.cacheDir);
      for (const { file, reason } of stats.corrupt) process.stdout.write(`corrupt: ${file}: ${reason}\n`);
      const checked = stats.entries + stats.corrupt.length;
      if (stats.corrupt.length === 0) {
        process.stdout.write(`cache ${stats.dir}: ${checked} entries checked, all sound\n`);
        return;
      }
      if (options.delete === true) {
        const deleted = await deleteCorruptEntries(stats.corrupt);
        process.stdout.write(`cache ${stats.dir}: ${checked} entries checked, ${stats.corrupt.length} corrupt, ${deleted} deleted\n`);
        return;
      }
      throw new DistalignError(`cache verify: ${stats.dir}: ${stats.corrupt.length} of ${checked} entries corrupt (listed above; delete them with --delete)`);
    });
}
