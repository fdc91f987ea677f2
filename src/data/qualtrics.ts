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
 * Reads an export below the data directory and drops the two metadata rows. Every row must have
 * the header's number of cells, and there must be at least one respondent.
 * @throws {DataError} naming the file (and row) when it is not CSV, lacks the metadata rows,
 *   has a row of another width or no respondent
 */
export function readQualtricsExport(dataDir: string, relativePath: string): QualtricsExport {
  const file = join(dataDir, relativePath);
  // papaparse reads these wide exports (4,000 columns) about twice as fast as csv-parse.
  const parsed = Papa.parse<string[]>(readDataText(dataDir, relativePath).replace(/^\uFEFF/, ""), { delimiter: ",", skipEmptyLines: true });
  const fatal = parsed.errors[0];
  if (fatal !== undefined) throw new DataError(`${file}: not a readable CSV export (row ${(fatal.row ?? 0) + 1}: ${fatal.message})`, file);
  const records = parsed.data;
  const header = records[0];
  const importIds = records[2];
  if (header === undefined || importIds === undefined || !(importIds[0] ?? "").startsWith('{"ImportId"')) {
    throw new DataError(`${file}: not a Qualtrics export (expected a header and two metadata rows)`, file);
  }
  // Without a header option papaparse does not compare row widths, so that is checked here.
  const uneven = records.findIndex((row) => row.length !== header.length);
  if (uneven >= 0) {
    throw new DataError(`${file}: row ${uneven + 1}: ${(records[uneven] as string[]).length} cells where the header has ${header.length}`, file, `row ${uneven + 1}`);
  }
  const duplicate = header.findIndex((name, i) => header.indexOf(name) !== i);
  if (duplicate >= 0) throw new DataError(`${file}: column ${header[duplicate]}: appears twice in the header`, file, header[duplicate]);
  if (records.length === 3) throw new DataError(`${file}: no respondent rows (only the header and metadata rows)`, file);
  return { file, columns: new Map(header.map((name, index) => [name, index])), rows: records.slice(3) };
}

/** The cell of a row by column name; undefined when the column does not exist. */
export function cell(exported: QualtricsExport, row: readonly string[], column: string): string | undefined {
  const index = exported.columns.get(column);
  return index === undefined ? undefined : row[index];
}
