/**
 * `results.jsonl`: one line per finished item, appended as items finish. Reading checks every
 * line, tolerates the torn last line a killed process can leave, and reports each line it ignores.
 */
import { closeSync, existsSync, openSync, readSync, statSync, writeSync } from "node:fs";
import { completionProblem } from "../cache/entry-check";
import { RESULT_STATUSES, type ResultLine } from "./types";

/** The name of the results file inside a run's output folder. */
export const RESULTS_FILE = "results.jsonl";

/** What an existing results file holds. */
export interface ResultsRead {
  /** The last sound result line per item id. */
  readonly latest: ReadonlyMap<string, ResultLine>;
  /** The 1-based line number of each line in `latest`. */
  readonly lineOf: ReadonlyMap<string, number>;
  /** Lines that could not be used, each naming the file and line number. */
  readonly warnings: readonly string[];
}

/**
 * Reads a results file. A missing file is empty. Every line is checked: a line that is not JSON,
 * or not a result line of a known status with its fields (an `ok` line with a completion of the
 * right shape, a `failed` line with its error, a `truncated`/`refused` line with what was paid
 * for), is reported naming its line number and ignored: it counts as neither done nor scored, and
 * its item runs again. A torn last line (no trailing newline, from a killed process) is expected
 * and reported as such. Holds every line's record; `readResultFacts` holds only what resuming needs.
 * @param file path to results.jsonl
 */
export function readResults(file: string): ResultsRead {
  const latest = new Map<string, ResultLine>();
  const lineOf = new Map<string, number>();
  const warnings = forEachResultLine(file, (line, lineNumber) => {
    latest.set(line.id, line);
    lineOf.set(line.id, lineNumber);
  });
  return { latest, lineOf, warnings };
}

/** What resuming needs of an item's last sound result line. */
interface ResultFacts {
  readonly model: string;
  readonly requestKey: string;
  readonly status: ResultLine["status"];
  readonly finishedAt: string;
  /** The 1-based line number of the line. */
  readonly line: number;
}

/** The compact facts of an existing results file: per item id, its last sound line's facts. */
export interface ResultFactsRead {
  readonly latest: ReadonlyMap<string, ResultFacts>;
  /** Lines that could not be used, each naming the file and line number. */
  readonly warnings: readonly string[];
}

/**
 * Reads a results file as `readResults` does (the same checks and warnings), streaming it, and
 * keeps per item only its last sound line's model, request key, status, time and line number.
 * @param file path to results.jsonl
 */
export function readResultFacts(file: string): ResultFactsRead {
  const latest = new Map<string, ResultFacts>();
  const models = new Map<string, string>();
  const warnings = forEachResultLine(file, (line, lineNumber) => {
    let model = models.get(line.model);
    if (model === undefined) {
      model = line.model;
      models.set(model, model);
    }
    latest.set(line.id, { model, requestKey: line.requestKey, status: STATUS_OF[line.status], finishedAt: line.finishedAt, line: lineNumber });
  });
  return { latest, warnings };
}

/** The statuses as the module's own strings, so that facts do not keep a parsed copy each. */
const STATUS_OF: Readonly<Record<ResultLine["status"], ResultLine["status"]>> = { ok: "ok", failed: "failed", truncated: "truncated", refused: "refused" };

/** Bytes read from a results file at a time. */
const CHUNK_BYTES = 1 << 16;

/**
 * Streams a results file line by line, in chunks of 64 KB, and calls `visit` with every
 * sound result line and its 1-based line number, in file order. A missing file has no lines.
 * @returns the warnings of the lines ignored (`readResults` describes them)
 */
export function forEachResultLine(file: string, visit: (line: ResultLine, lineNumber: number) => void): string[] {
  const warnings: string[] = [];
  if (!existsSync(file)) return warnings;
  let lineNumber = 0;
  const take = (text: string, isLast: boolean) => {
    lineNumber += 1;
    if (text.trim() === "") return;
    const parsed = parseLine(text);
    if (typeof parsed === "string") {
      warnings.push(
        isLast && parsed === NOT_JSON
          ? `${file} line ${lineNumber}: torn last line ignored (an interrupted write; the item runs again)`
          : `${file} line ${lineNumber}: ${parsed}; line ignored (the item runs again)`,
      );
      return;
    }
    visit(parsed, lineNumber);
  };
  const descriptor = openSync(file, "r");
  try {
    // Lines are cut from the bytes (a newline byte is never part of a multi-byte character) and
    // decoded one by one, so that only line-sized strings are made, never a chunk-sized one.
    const buffer = Buffer.alloc(CHUNK_BYTES);
    let parts: Buffer[] = [];
    for (;;) {
      const bytes = readSync(descriptor, buffer, 0, CHUNK_BYTES, null);
      if (bytes === 0) break;
      let start = 0;
      for (let end = buffer.indexOf(0x0a, start); end !== -1 && end < bytes; end = buffer.indexOf(0x0a, start)) {
        const piece = buffer.subarray(start, end);
        take((parts.length === 0 ? piece : Buffer.concat([...parts, piece])).toString("utf8"), false);
        parts = [];
        start = end + 1;
      }
      if (start < bytes) parts.push(Buffer.from(buffer.subarray(start, bytes)));
    }
    // The bytes after the last newline: none for a file that ends with one, else a torn last line.
    take(Buffer.concat(parts).toString("utf8"), true);
  } finally {
    closeSync(descriptor);
  }
  return warnings;
}

const NOT_JSON = "not a JSON line";

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

function isCount(value: unknown): boolean {
  return typeof value === "number" && Number.isInteger(value) && value >= 0;
}

function isCost(value: unknown): boolean {
  return value === null || (typeof value === "number" && Number.isFinite(value) && value >= 0);
}

function errorProblem(value: unknown): string | undefined {
  return isRecord(value) && typeof value.name === "string" && typeof value.message === "string" ? undefined : "error is not a {name, message} object";
}

/** The line as a result line, or what is wrong with it. */
function parseLine(line: string): ResultLine | string {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return NOT_JSON;
  }
  if (!isRecord(value)) return "not a result object";
  if (typeof value.id !== "string" || value.id === "") return "id is not a string";
  const id = value.id.length > 120 ? `${value.id.slice(0, 120)}…` : value.id;
  const problem = ((): string | undefined => {
    if (typeof value.model !== "string") return "model is not a string";
    if (typeof value.requestKey !== "string") return "requestKey is not a string";
    switch (value.status) {
      case "ok": {
        const completion = completionProblem(value.completion, false);
        if (completion !== undefined) return `an ok line without a valid completion (${completion.replace(/^response/, "completion")})`;
        if (typeof value.cached !== "boolean") return "cached is not a boolean";
        if (!isCost(value.costUsd)) return "costUsd is not a cost";
        return undefined;
      }
      case "failed":
        return errorProblem(value.error);
      case "truncated":
      case "refused": {
        const partial = value.partial;
        if (!isRecord(partial) || typeof partial.text !== "string" || !isCount(partial.inputTokens) || !isCount(partial.outputTokens)) {
          return `a ${value.status} line without its partial answer {text, inputTokens, outputTokens}`;
        }
        if (!isCost(value.costUsd)) return "costUsd is not a cost";
        return errorProblem(value.error);
      }
      default:
        return `status ${JSON.stringify(value.status)} is not one of ${RESULT_STATUSES.join(", ")}`;
    }
  })();
  return problem === undefined ? (value as unknown as ResultLine) : `${id}: ${problem}`;
}

/**
 * Appends result lines to a results file. Each line goes out in one synchronous write, so
 * after it returns the line has reached the operating system: a later kill cannot lose it.
 */
export class ResultsWriter {
  private descriptor: number | undefined;

  /** Opens (creating if needed) `file` for appending; ends a torn last line first so new lines stay whole. */
  constructor(readonly file: string) {
    const size = existsSync(file) ? statSync(file).size : 0;
    this.descriptor = openSync(file, "a");
    if (size > 0 && lastByte(file, size) !== 0x0a) writeSync(this.descriptor, "\n");
  }

  /** Appends one line. */
  append(line: ResultLine): void {
    if (this.descriptor === undefined) throw new Error(`ResultsWriter: closed (${this.file})`);
    writeSync(this.descriptor, `${JSON.stringify(line)}\n`);
  }

  /** Closes the file; further appends throw. */
  close(): void {
    if (this.descriptor !== undefined) closeSync(this.descriptor);
    this.descriptor = undefined;
  }
}

function lastByte(file: string, size: number): number | undefined {
  const descriptor = openSync(file, "r");
  try {
    const buffer = Buffer.alloc(1);
    readSync(descriptor, buffer, 0, 1, size - 1);
    return buffer[0];
  } finally {
    closeSync(descriptor);
  }
}
