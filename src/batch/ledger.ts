/**
 * The batch ledger of a run folder, `batches.json`: every batch a run submitted (provider, model,
 * id, the items it holds, state). A batch is recorded before its create request is sent and again
 * as soon as its id is known, each time by an atomic replace, so a process killed at any point
 * never loses a batch nor submits one twice: the next run polls and collects it instead.
 */
import { existsSync, readFileSync } from "node:fs";
import { writeFileAtomicSync } from "../files";
import { join } from "node:path";
import type { BatchProvider, BatchSubmission } from "../backends/batch/types";
import { DataError } from "../errors";

/** The ledger's file name in a run folder. */
export const LEDGER_FILE = "batches.json";
const FORMAT_VERSION = 1;

/**
 * Where a batch is: `submitting` (recorded before the create; its id may be unknown),
 * `submitted` (created, results not yet recorded), `collected` (every item has its result line).
 */
type BatchRecordState = "submitting" | "submitted" | "collected";

/** One batch of a run. */
export interface BatchRecord {
  /** The record's number in the ledger, from 1. */
  readonly seq: number;
  readonly provider: BatchProvider;
  readonly model: string;
  /** The provider's batch id; null until the create is answered. */
  id: string | null;
  state: BatchRecordState;
  /** The provider's last polled status ("in_progress", "ended", "completed", …). */
  status?: string;
  /** The item ids, in request order: the request of item `i` has custom id `r<i>`. */
  readonly items: readonly string[];
  /** What was known before the create, to find the batch again. */
  submission?: BatchSubmission;
  readonly createdAt: string;
}

/** The ledger of one run folder. */
export interface BatchLedger {
  readonly file: string;
  readonly batches: BatchRecord[];
  /** Writes the ledger atomically (temporary file, fsync, rename, fsync of the folder). */
  save(): void;
}

/** The custom id of the request of an item at `index` of its batch. */
export function customIdOf(index: number): string {
  return `r${index}`;
}

/** The index behind a custom id, or undefined for one not made by `customIdOf`. */
export function indexOfCustomId(customId: string): number | undefined {
  const match = /^r(0|[1-9]\d*)$/.exec(customId);
  return match === null ? undefined : Number(match[1]);
}

/**
 * Reads a run folder's ledger (empty when there is none).
 * @throws {DataError} naming the file and key for a ledger that is not one
 */
export function readLedger(dir: string): BatchLedger {
  const file = join(dir, LEDGER_FILE);
  const batches: BatchRecord[] = [];
  if (existsSync(file)) {
    let value: unknown;
    try {
      value = JSON.parse(readFileSync(file, "utf8"));
    } catch (error) {
      throw new DataError(`${file}: not valid JSON (${(error as Error).message})`, file);
    }
    const root = value as { formatVersion?: unknown; batches?: unknown };
    if (root === null || typeof root !== "object" || root.formatVersion !== FORMAT_VERSION || !Array.isArray(root.batches)) {
      throw new DataError(`${file}: formatVersion: not a batch ledger of format ${FORMAT_VERSION} (${JSON.stringify((root as { formatVersion?: unknown } | null)?.formatVersion)})`, file, "formatVersion");
    }
    root.batches.forEach((entry: unknown, index: number) => batches.push(checkRecord(entry, `batches[${index}]`, file)));
  }
  const ledger: BatchLedger = {
    file,
    batches,
    save: () => writeFileAtomicSync(file, `${JSON.stringify({ formatVersion: FORMAT_VERSION, batches }, null, 1)}\n`, { durable: true }),
  };
  return ledger;
}

function checkRecord(entry: unknown, key: string, file: string): BatchRecord {
  const bad = (member: string, what: string, value: unknown) => new DataError(`${file}: ${key}.${member}: ${what} (${JSON.stringify(value)?.slice(0, 80)})`, file, `${key}.${member}`);
  if (entry === null || typeof entry !== "object" || Array.isArray(entry)) throw new DataError(`${file}: ${key}: not an object`, file, key);
  const record = entry as Record<string, unknown>;
  if (!Number.isInteger(record.seq)) throw bad("seq", "not an integer", record.seq);
  if (record.provider !== "openai" && record.provider !== "anthropic") throw bad("provider", "not openai or anthropic", record.provider);
  if (typeof record.model !== "string") throw bad("model", "not a string", record.model);
  if (record.id !== null && typeof record.id !== "string") throw bad("id", "not a string or null", record.id);
  if (record.state !== "submitting" && record.state !== "submitted" && record.state !== "collected") throw bad("state", "not submitting, submitted or collected", record.state);
  if (record.state !== "submitting" && record.id === null) throw bad("id", `null in a ${record.state} batch`, record.id);
  if (!Array.isArray(record.items) || record.items.some((id) => typeof id !== "string")) throw bad("items", "not an array of item ids", record.items);
  if (typeof record.createdAt !== "string") throw bad("createdAt", "not a string", record.createdAt);
  return record as unknown as BatchRecord;
}
