/**
 * Qualtrics survey exports: a header row, two metadata rows (question text, import ids), then
 * one row per respondent.
 */
import { join } from "node:path";
import Papa from "papaparse";
import { DataError } from "../errors";
import { readDataText } from "./data-dir";

/** A parsed export: column name → index, and the respondent rows. */
export interface QualtricsExport {
  readonly file: string;
  readonly columns: ReadonlyMap<string, number>;
  readonly rows: readonly (readonly string[])[];
}

/**
 * Reads an export below the data directory and drops the two metadata rows.
 * @throws {DataError} naming the file when it is not CSV or lacks the metadata rows
 */
export function readQualtricsExport(dataDir: string, relativePath: string): QualtricsExport {
  const file = join(dataDir, relativePath);
  // papaparse reads these wide exports (4,000 columns) about twice as fast as csv-parse.
  const parsed = Papa.parse<string[]>(readDataText(dataDir, relativePath).replace(/^\uFEFF/, ""), { skipEmptyLines: true });
  const fatal = parsed.errors.find((e) => e.type === "Quotes");
  if (fatal !== undefined) throw new DataError(`${file}: not a readable CSV export (row ${fatal.row}: ${fatal.message})`, file);
  const records = parsed.data;
  const header = records[0];
  const importIds = records[2];
  if (header === undefined || importIds === undefined || !(importIds[0] ?? "").startsWith('{"ImportId"')) {
    throw new DataError(`${file}: not a Qualtrics export (expected a header and two metadata rows)`, file);
  }
  return { file, columns: new Map(header.map((name, index) => [name, index])), rows: records.slice(3) };
}

/** The cell of a row by column name; undefined when the column does not exist. */
export function cell(exported: QualtricsExport, row: readonly string[], column: string): string | undefined {
  const index = exported.columns.get(column);
  return index === undefined ? undefined : row[index];
}
