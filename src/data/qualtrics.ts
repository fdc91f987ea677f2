/**
 * Qualtrics survey exports: a header row, two metadata rows (question text, import ids), then
 * one row per respondent.
 */
import { join } from "node:path";
import { parse } from "csv-parse/sync";
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
  let records: string[][];
  try {
    records = parse(readDataText(dataDir, relativePath), { bom: true, relaxColumnCount: true }) as string[][];
  } catch (error) {
    if (error instanceof DataError) throw error;
    throw new DataError(`${file}: not a readable CSV export (${(error as Error).message})`, file, undefined, { cause: error });
  }
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
