/** `distalign cache stats`: what the response cache holds. */
import type { Command } from "commander";
import { cacheStats } from "../cache/cache-stats";

/** Bytes as "812 B", "14.2 kB", "3.1 MB". */
export function formatBytes(bytes: number): string {
  if (bytes < 1000) return `${bytes} B`;
  if (bytes < 1e6) return `${(bytes / 1e3).toFixed(1)} kB`;
  if (bytes < 1e9) return `${(bytes / 1e6).toFixed(1)} MB`;
  return `${(bytes / 1e9).toFixed(2)} GB`;
}

/** Registers `cache stats`. */
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
      if (stats.temporaryFiles > 0) lines.push(`  ${stats.temporaryFiles} leftover temporary files from interrupted writes (safe to delete)`);
      process.stdout.write(`${lines.join("\n")}\n`);
    });
}
