/**
 * Tables in notebooks: a danfojs DataFrame or an array of records shown as an HTML table with
 * numbers at a chosen precision. Records are rendered directly, so showing them does not load
 * danfojs-node (about 1.6 s to import in a kernel).
 */
import { displayBundle, escapeHtml, type MimeBundle } from "./display";

/** The parts of a danfojs DataFrame a table needs (`columns`, `values`, `index`). */
export interface DataFrameLike {
  readonly columns: readonly string[];
  readonly values: readonly (readonly unknown[])[] | readonly unknown[];
  readonly index: readonly (string | number)[];
}

/** Rows as plain objects; columns are the keys in order of first appearance. */
export type TableRecords = readonly Readonly<Record<string, unknown>>[];

/** Options of `showTable` and `tableHtml`. */
export interface TableOptions {
  /** Digits after the decimal point for non-integer numbers. @default 3 */
  readonly precision?: number;
  /** Per-column precision, overriding `precision`. */
  readonly columnPrecision?: Readonly<Record<string, number>>;
  /** A caption shown above the table. */
  readonly caption?: string;
  /** Show the DataFrame index as the first column. @default true when it is not 0, 1, 2, … */
  readonly index?: boolean;
  /** Rows shown before the rest are summarised in a note. @default 200 */
  readonly maxRows?: number;
  /** Positions (0-based) of rows to emphasise: bold on a tinted background in HTML, marked "▶" in text. */
  readonly highlightRows?: readonly number[];
}

/** A table reduced to formatted text cells. */
export interface FormattedTable {
  readonly columns: readonly string[];
  readonly rows: readonly (readonly string[])[];
  /** Per column: true when every non-empty value is a number (right-aligned). */
  readonly numeric: readonly boolean[];
  readonly totalRows: number;
  readonly caption?: string;
}

/** True for danfojs DataFrames and other objects with `columns`, `values` and `index`. */
function isDataFrameLike(value: unknown): value is DataFrameLike {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
  const candidate = value as Partial<Record<keyof DataFrameLike, unknown>>;
  return Array.isArray(candidate.columns) && Array.isArray(candidate.values) && Array.isArray(candidate.index);
}

/** Formats one cell. Integers stay integers only when the whole column is integral. */
function formatCell(value: unknown, digits: number | undefined): string {
  if (value === null || value === undefined) return "–";
  if (typeof value === "number") {
    if (Number.isNaN(value)) return "NaN";
    if (!Number.isFinite(value)) return value > 0 ? "∞" : "−∞";
    if (digits === undefined) return String(value);
    const text = value.toFixed(digits);
    return /^-0(\.0*)?$/.test(text) ? text.slice(1) : text;
  }
  if (typeof value === "string") return value;
  if (typeof value === "bigint" || typeof value === "boolean") return String(value);
  if (value instanceof Date) return value.toISOString();
  return JSON.stringify(value) ?? String(value);
}

function isDefaultIndex(index: readonly (string | number)[]): boolean {
  return index.every((label, position) => label === position);
}

/**
 * Reduces a DataFrame or records to text cells: the part of table rendering that does not
 * depend on HTML.
 * @throws {RangeError} if a precision is not an integer in 0…20 or maxRows is negative
 */
export function formatTable(input: DataFrameLike | TableRecords, options: TableOptions = {}): FormattedTable {
  const precision = options.precision ?? 3;
  const maxRows = options.maxRows ?? 200;
  for (const [column, digits] of Object.entries({ "(all)": precision, ...options.columnPrecision })) {
    if (!Number.isInteger(digits) || digits < 0 || digits > 20) {
      throw new RangeError(`formatTable: precision must be an integer in 0…20 (${column}: ${digits})`);
    }
  }
  if (!Number.isInteger(maxRows) || maxRows < 0) throw new RangeError(`formatTable: maxRows must be a whole number (${maxRows})`);

  let columns: string[];
  let rows: unknown[][];
  if (isDataFrameLike(input)) {
    columns = [...input.columns];
    const values = input.values as readonly unknown[];
    rows = values.map((row) => (Array.isArray(row) ? [...(row as unknown[])] : [row]));
    if (options.index ?? !isDefaultIndex(input.index)) {
      columns = ["", ...columns];
      rows = rows.map((row, position) => [input.index[position], ...row]);
    }
  } else {
    const seen = new Set<string>();
    for (const record of input) for (const key of Object.keys(record)) seen.add(key);
    columns = [...seen];
    rows = input.map((record) => columns.map((column) => record[column]));
  }

  const numeric = columns.map((_, j) => {
    const present = rows.map((row) => row[j]).filter((value) => value !== null && value !== undefined);
    return present.length > 0 && present.every((value) => typeof value === "number");
  });
  const digits = columns.map((column, j) => {
    const integral = rows.every((row) => {
      const value = row[j];
      return typeof value !== "number" || Number.isInteger(value) || !Number.isFinite(value);
    });
    const chosen = options.columnPrecision?.[column];
    return chosen ?? (integral ? undefined : precision);
  });
  const shown = rows.slice(0, maxRows).map((row) => columns.map((_, j) => formatCell(row[j], digits[j])));
  return { columns, rows: shown, numeric, totalRows: rows.length, caption: options.caption };
}

function truncationNote(table: FormattedTable): string | undefined {
  return table.rows.length < table.totalRows ? `showing ${table.rows.length} of ${table.totalRows} rows` : undefined;
}

/** The table as an HTML `<table>`: caption on top, numbers right-aligned in tabular figures. */
export function tableHtml(input: DataFrameLike | TableRecords, options: TableOptions = {}): string {
  const table = formatTable(input, options);
  const align = (j: number): string => (table.numeric[j] === true ? "right" : "left");
  const head = table.columns.map((column, j) => `<th style="text-align:${align(j)}">${escapeHtml(column)}</th>`).join("");
  const highlighted = new Set(options.highlightRows ?? []);
  const rowStyle = (i: number): string => (highlighted.has(i) ? ` style="font-weight:bold;background:#fff3c4"` : "");
  const body = table.rows
    .map((row, i) => `<tr${rowStyle(i)}>${row.map((cell, j) => `<td style="text-align:${align(j)}">${escapeHtml(cell)}</td>`).join("")}</tr>`)
    .join("\n");
  const caption =
    table.caption === undefined
      ? ""
      : `<caption style="caption-side:top;text-align:left;font-weight:bold">${escapeHtml(table.caption)}</caption>`;
  const note = truncationNote(table);
  return (
    `<table class="distalign-table" style="font-variant-numeric:tabular-nums;border-collapse:collapse">${caption}\n` +
    `<thead><tr>${head}</tr></thead>\n<tbody>\n${body}\n</tbody></table>` +
    (note === undefined ? "" : `\n<div style="font-size:smaller;opacity:0.7">${escapeHtml(note)}</div>`)
  );
}

/** The table as aligned plain text, for terminals and frontends without HTML. */
export function tableText(input: DataFrameLike | TableRecords, options: TableOptions = {}): string {
  const table = formatTable(input, options);
  const widths = table.columns.map((column, j) => Math.max(column.length, ...table.rows.map((row) => (row[j] ?? "").length)));
  const line = (cells: readonly string[]): string =>
    cells
      .map((cell, j) => (table.numeric[j] === true ? cell.padStart(widths[j] ?? 0) : cell.padEnd(widths[j] ?? 0)))
      .join("  ")
      .trimEnd();
  const highlighted = new Set(options.highlightRows ?? []);
  const mark = (i: number): string => (highlighted.size === 0 ? "" : highlighted.has(i) ? "▶ " : "  ");
  const lines = [mark(-1) + line(table.columns), ...table.rows.map((row, i) => mark(i) + line(row))];
  if (table.caption !== undefined) lines.unshift(table.caption);
  const note = truncationNote(table);
  if (note !== undefined) lines.push(`(${note})`);
  return lines.join("\n");
}

/** The notebook output of a table: HTML plus aligned text. */
export function tableBundle(input: DataFrameLike | TableRecords, options: TableOptions = {}): MimeBundle {
  return { "text/html": tableHtml(input, options), "text/plain": tableText(input, options) };
}

/**
 * Shows a danfojs DataFrame or an array of records as a table in the notebook.
 * @example
 * showTable(rows, { precision: 3, caption: "Table 1: mean TVD by model" });
 * showTable(df, { columnPrecision: { n: 0 } });
 */
export function showTable(input: DataFrameLike | TableRecords, options: TableOptions = {}): void {
  displayBundle(tableBundle(input, options));
}
