/**
 * `results.jsonl`: one line per finished item, appended as items finish. Reading tolerates the
 * torn last line a killed process can leave, and reports it.
 */
import { closeSync, existsSync, openSync, readFileSync, readSync, statSync, writeSync } from "node:fs";
import type { ResultLine } from "./types";

/** The name of the results file inside a run's output folder. */
export const RESULTS_FILE = "results.jsonl";

/** What an existing results file holds. */
export interface ResultsRead {
  /** The last result line per item id. */
  readonly latest: ReadonlyMap<string, ResultLine>;
  /** Lines that could not be read, each naming the file and line number. */
  readonly warnings: readonly string[];
}

/**
 * Reads a results file. A missing file is empty. Unparseable lines are skipped and reported; a
 * torn last line (no trailing newline, from a killed process) is expected and reported as such.
 * @param file path to results.jsonl
 */
export function readResults(file: string): ResultsRead {
  const latest = new Map<string, ResultLine>();
  const warnings: string[] = [];
  if (!existsSync(file)) return { latest, warnings };
  const text = readFileSync(file, "utf8");
  const lines = text.split("\n");
  lines.forEach((line, index) => {
    if (line.trim() === "") return;
    const isLast = index === lines.length - 1;
    const parsed = parseLine(line);
    if (parsed === undefined) {
      warnings.push(
        isLast
          ? `${file} line ${index + 1}: torn last line ignored (an interrupted write; the item runs again)`
          : `${file} line ${index + 1}: unreadable line ignored`,
      );
      return;
    }
    latest.set(parsed.id, parsed);
  });
  return { latest, warnings };
}

function parseLine(line: string): ResultLine | undefined {
  try {
    const value = JSON.parse(line) as Partial<ResultLine>;
    if (typeof value.id !== "string" || (value.status !== "ok" && value.status !== "failed")) return undefined;
    return value as ResultLine;
  } catch {
    return undefined;
  }
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
