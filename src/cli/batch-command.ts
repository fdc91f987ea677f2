/**
 * `distalign batch status DIR` and `distalign batch cancel DIR`: the provider batches a batch run
 * (`distalign run --batch`) recorded in its folder, polled or cancelled. Collecting is done by
 * running the same `distalign run --batch …` command again.
 */
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import type { Command } from "commander";
import {
  batchStatus,
  cancelBatches,
  describeBatchRow,
  LEDGER_FILE,
  ledgerBatchApis,
  readLedger,
  UsageError,
} from "../index";

interface BatchFlags {
  openaiBaseUrl?: string;
  anthropicBaseUrl?: string;
  poll: boolean;
}

function warnUnavailable(message: string): void {
  process.stderr.write(`warning: ${message}; its batches are shown as recorded\n`);
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
      const rows = await batchStatus(folder, flags.poll ? await ledgerBatchApis(folder, { openai: flags.openaiBaseUrl, anthropic: flags.anthropicBaseUrl }, warnUnavailable) : () => undefined);
      if (rows.length === 0) process.stdout.write(`${folder}: no batches\n`);
      for (const row of rows) process.stdout.write(`${describeBatchRow(row)}\n`);
    });
  urls(batch.command("cancel").description("cancel a run folder's open batches; the next run collects what they finished").argument("<dir>", "the run folder")).action(
    async (dir: string, flags: BatchFlags) => {
      const folder = checkBatchFolder(dir);
      const rows = await cancelBatches(folder, await ledgerBatchApis(folder, { openai: flags.openaiBaseUrl, anthropic: flags.anthropicBaseUrl }, warnUnavailable));
      if (rows.length === 0) process.stdout.write(`${folder}: no open batches to cancel\n`);
      for (const row of rows) process.stdout.write(`cancelling ${describeBatchRow(row)}\n`);
    },
  );
}
