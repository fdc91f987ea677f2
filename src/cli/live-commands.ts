/**
 * The commands of live runs and their folders: `run`, `score`, `cache`, `batch`, `compare`. They
 * use the whole library (backends, the response cache, the executor, runs, batches), so
 * `main.ts` loads this module only for them, for help, and for a command it does not know.
 */
import type { Command } from "commander";
import { registerBatchCommand } from "./batch-command";
import { registerCacheCommand } from "./cache-command";
import { registerCompareCommand } from "./compare-command";
import { registerRunCommand } from "./run-command";

/** Registers the live commands. */
export function registerLiveCommands(program: Command): void {
  registerRunCommand(program);
  registerCacheCommand(program);
  registerBatchCommand(program);
  registerCompareCommand(program);
}
