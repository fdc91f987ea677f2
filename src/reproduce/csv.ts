/**
 * Writing tables as CSV: RFC 4180 quoting, numbers to a fixed number of decimals, and empty
 * cells for missing values.
 */

/** A table cell: numbers are rounded, undefined is an empty cell. */
export type Cell = string | number | undefined;

/** Decimals written for numbers. */
const CSV_DECIMALS = 6;

function formatCell(value: Cell): string {
  if (value === undefined || (typeof value === "number" && Number.isNaN(value))) return "";
  const text = typeof value === "number" ? value.toFixed(CSV_DECIMALS) : value;
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Renders rows as CSV text with a header line. */
export function toCsv(header: readonly string[], rows: readonly (readonly Cell[])[]): string {
  return [header.join(","), ...rows.map((row) => row.map(formatCell).join(","))].join("\n") + "\n";
}
