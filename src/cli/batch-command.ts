/**
 * `distalign batch status DIR` and `distalign batch cancel DIR`: the provider batches a batch run
 * (`distalign run --batch`) recorded in its folder, polled or cancelled. Collecting is done by
 * running the same `distalign run --batch …` command again.
 */
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import type { Command } from "commander";
import type { BatchApi } from "../backends/batch/types";
import { batchStatus, cancelBatches, describeBatchRow } from "../batch/batch-admin";
import { LEDGER_FILE, readLedger } from "../batch/ledger";
import { UsageError } from "../errors";

interface BatchFlags {
  openaiBaseUrl?: string;
  anthropicBaseUrl?: string;
  poll: boolean;
}

/** The batch API of each model of a ledger, through the configured keys and base URLs; undefined where none is configured. */
async function apisOf(dir: string, flags: BatchFlags): Promise<(modelId: string) => BatchApi | undefined> {
  // The SDKs are loaded only by the commands that reach a provider.
  let registry: typeof import("../backends/registry");
  try {
    registry = require("../backends/registry") as typeof import("../backends/registry");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "MODULE_NOT_FOUND") throw error;
    registry = await import("../backends/registry");
  }
  const { createBackend } = registry;
  const apis = new Map<string, BatchApi | undefined>();
  const baseUrls = { openai: flags.openaiBaseUrl, anthropic: flags.anthropicBaseUrl };
  for (const record of readLedger(dir).batches) {
    if (apis.has(record.model)) continue;
    try {
      apis.set(record.model, createBackend(record.model, { baseUrls }).batch);
    } catch (error) {
      if (!(error instanceof UsageError)) throw error;
      process.stderr.write(`warning: ${error.message}; its batches are shown as recorded\n`);
      apis.set(record.model, undefined);
    }
  }
  return (modelId) => apis.get(modelId);
}

function checkBatchFolder(dir: string): string {
  const folder = resolve(dir);
  if (!existsSync(join(folder, LEDGER_FILE))) throw new UsageError(`${folder}: no ${LEDGER_FILE} (not the folder of a batch run; distalign run --batch writes it)`);
  return folder;
}

/** Registers `batch status` and `batch cancel`. */
export function registerBatchCommand(program: Command): void {
  const batch = program.command("batch").description("the provider batches of a batch run (distalign run --batch): status, cancel");
  const urls = (command: Command) =>
    command
      .option("--openai-base-url <url>", "server of openai/… batches (default: OPENAI_BASE_URL, else the OpenAI API)")
      .option("--anthropic-base-url <url>", "server of anthropic/… batches (default: ANTHROPIC_BASE_URL, else the Anthropic API)");
  urls(batch.command("status").description("list a run folder's batches, polling the open ones").argument("<dir>", "the run folder"))
    .option("--no-poll", "show the recorded states only (no key needed)")
    .action(async (dir: string, flags: BatchFlags) => {
      const folder = checkBatchFolder(dir);
      const rows = await batchStatus(folder, flags.poll ? await apisOf(folder, flags) : () => undefined);
      if (rows.length === 0) process.stdout.write(`${folder}: no batches\n`);
      for (const row of rows) process.stdout.write(`${describeBatchRow(row)}\n`);
    });
  urls(batch.command("cancel").description("cancel a run folder's open batches; the next run collects what they finished").argument("<dir>", "the run folder")).action(
    async (dir: string, flags: BatchFlags) => {
      const folder = checkBatchFolder(dir);
      const rows = await cancelBatches(folder, await apisOf(folder, { ...flags, poll: true }));
      if (rows.length === 0) process.stdout.write(`${folder}: no open batches to cancel\n`);
      for (const row of rows) process.stdout.write(`cancelling ${describeBatchRow(row)}\n`);
    },
  );
}
