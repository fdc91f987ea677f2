/**
 * The benchmark data directory (laid out as the upstream repository) and checked reads from it.
 * Every failure names the file, and a missing directory says how to point at a copy.
 */
import { existsSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { configuredDataDir, downloadedDataDir } from "../config";
import { DataError } from "../errors";
import { parsePythonJson } from "./python-json";
import { expectArray, expectRecord, expectString } from "./validate";

/** The one-line explanation shown whenever no data directory is configured. */
export function missingDataMessage(): string {
  const target = relative(process.cwd(), downloadedDataDir()) || downloadedDataDir();
  return (
    "no benchmark data directory: set DISTALIGN_DATA_DIR to a copy of the paper's repository " +
    `(e.g. DISTALIGN_DATA_DIR=/path/to/benchmarking-distributional-alignment) or run \`npx distalign data fetch\` to download it into ${target}`
  );
}

/**
 * The data directory, checked to exist and to look like the upstream layout.
 * @throws {DataError} with `missingDataMessage()` when none is configured, or naming the directory when it is wrong
 */
export function requireDataDir(explicit?: string): string {
  const dir = configuredDataDir(explicit);
  if (dir === undefined) throw new DataError(missingDataMessage());
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    throw new DataError(`data directory ${dir} does not exist (from DISTALIGN_DATA_DIR)`, dir);
  }
  if (!existsSync(join(dir, "results")) || !existsSync(join(dir, "opinions_qa"))) {
    throw new DataError(
      `data directory ${dir} does not look like the benchmark repository (no results/ or opinions_qa/)`,
      dir,
    );
  }
  return dir;
}

const strictUtf8 = new TextDecoder("utf-8", { fatal: true });

/**
 * Reads a text file below the data directory, decoded as strict UTF-8 (a file saved in another
 * encoding is an error, not text with replacement characters); a byte-order mark is dropped.
 * @throws {DataError} naming the file when it is missing, unreadable or not UTF-8
 */
export function readDataText(dataDir: string, relativePath: string): string {
  const file = join(dataDir, relativePath);
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new DataError(
      code === "ENOENT" ? `${file}: file not found` : `${file}: cannot read (${code ?? String(error)})`,
      file,
      undefined,
      { cause: error },
    );
  }
  try {
    return strictUtf8.decode(bytes);
  } catch (error) {
    const bad = firstInvalidUtf8(bytes);
    throw new DataError(`${file}: not valid UTF-8 (byte 0x${(bytes[bad] ?? 0).toString(16)} at offset ${bad})`, file, undefined, { cause: error });
  }
}

/** The offset of the first byte that is not part of a well-formed UTF-8 sequence. */
function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i] as number;
    const length = b < 0x80 ? 1 : b >= 0xc2 && b < 0xe0 ? 2 : b >= 0xe0 && b < 0xf0 ? 3 : b >= 0xf0 && b < 0xf5 ? 4 : 0;
    if (length === 0) return i;
    try {
      strictUtf8.decode(bytes.subarray(i, i + length));
    } catch {
      return i;
    }
    i += length;
  }
  return i;
}

/**
 * Reads and parses a JSON file below the data directory; Python's NaN literal reads as null.
 * @throws {DataError} naming the file when it is missing, truncated or not JSON
 */
export function readDataJson(dataDir: string, relativePath: string): unknown {
  const text = readDataText(dataDir, relativePath);
  try {
    return parsePythonJson(text);
  } catch (error) {
    const file = join(dataDir, relativePath);
    const truncated = /Unexpected end|Unterminated|end of (JSON|data)/i.test(String(error));
    throw new DataError(
      `${file}: ${truncated ? "truncated JSON" : "invalid JSON"} (${(error as Error).message})`,
      file,
      undefined,
      { cause: error },
    );
  }
}

/** True when a relative path exists below the data directory. */
export function dataFileExists(dataDir: string, relativePath: string): boolean {
  return existsSync(join(dataDir, relativePath));
}

/**
 * Reads a JSON file whose top level must be an object.
 * @returns the object and the file's absolute path, for error messages
 * @throws {DataError} naming the file when it is missing, not JSON, or not an object
 */
export function readDataObject(dataDir: string, relativePath: string): { file: string; json: Record<string, unknown> } {
  const file = join(dataDir, relativePath);
  return { file, json: expectRecord(readDataJson(dataDir, relativePath), file, "(top level)") };
}

/**
 * Reads a similarity file: an object mapping each id to a list of ids, most similar first.
 * @throws {DataError} naming the file and key of an entry that is not a list of strings
 */
export function readIdLists(dataDir: string, relativePath: string): Record<string, string[]> {
  const { file, json } = readDataObject(dataDir, relativePath);
  const out: Record<string, string[]> = {};
  for (const [id, list] of Object.entries(json)) {
    out[id] = expectArray(list, file, id).map((v, i) => expectString(v, file, `${id}[${i}]`));
  }
  return out;
}
