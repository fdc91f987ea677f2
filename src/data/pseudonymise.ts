/**
 * Pseudonymisation of annotator exports, as the data folder's README specifies: identifying
 * columns blanked, Prolific ids replaced by stable pseudonyms, so annotations still join with
 * annotator demographics. Idempotent: already-pseudonymised text is returned unchanged.
 */
import { parse } from "csv-parse/sync";
import { sha256Hex } from "./checksums";

/** Columns blanked in every data row of a Qualtrics export. */
const BLANKED_COLUMNS = [
  "IPAddress",
  "LocationLatitude",
  "LocationLongitude",
  "RecipientEmail",
  "RecipientFirstName",
  "RecipientLastName",
] as const;

/** The Prolific-id column of the exports. */
const PROLIFIC_COLUMN = "Q84";

const PSEUDONYM = /^p_[0-9a-f]{12}$/;
const HEX24 = /\b[0-9a-fA-F]{24}\b/g;

/** pseudonym(x) = "p_" + first 12 hex digits of sha256("distalign:" + x trimmed, lower-cased, without "@email.prolific.com"). */
export function pseudonym(value: string): string {
  const normalised = value.trim().toLowerCase().replace(/@email\.prolific\.com$/, "");
  return `p_${sha256Hex(`distalign:${normalised}`).slice(0, 12)}`;
}

/** True for files whose contents identify annotators and must be pseudonymised before storing. */
export function needsPseudonymisation(path: string): boolean {
  return /^(results\/human_annotations|nytimes\/individual_annotations)\/.*\.(csv|json)$/.test(path);
}

/** Replaces every 24-hex-digit token (a Prolific id) by its pseudonym. */
function pseudonymiseTokens(text: string): string {
  return text.replace(HEX24, (token) => pseudonym(token));
}

/**
 * Pseudonymises a file's text: CSV exports get identifying columns blanked and the Prolific
 * column replaced, field by field so quoting and line endings stay as they were; every other
 * 24-hex token is replaced in CSV and JSON alike.
 */
export function pseudonymiseText(path: string, text: string): string {
  if (!path.endsWith(".csv")) return pseudonymiseTokens(text);
  const records = parse(text, { bom: true, relaxColumnCount: true, raw: true }) as unknown as {
    record: string[];
    raw: string;
  }[];
  const header = records[0]?.record ?? [];
  const blank = new Set(BLANKED_COLUMNS.map((c) => header.indexOf(c)).filter((i) => i >= 0));
  const prolific = header.indexOf(PROLIFIC_COLUMN);
  if (blank.size === 0 && prolific < 0) return pseudonymiseTokens(text);
  const isQualtrics = (records[2]?.record[0] ?? "").startsWith('{"ImportId"');
  const firstDataRow = isQualtrics ? 3 : 1;
  const bom = text.startsWith("\uFEFF") ? "\uFEFF" : "";
  let out = bom;
  records.forEach(({ record, raw }, row) => {
    const ending = /\r?\n$/.exec(raw)?.[0] ?? "";
    if (row < firstDataRow) {
      out += pseudonymiseTokens(row === 0 ? raw.replace(/^\uFEFF/, "") : raw);
      return;
    }
    const fields = record.map((value, column) => {
      let next = value;
      if (blank.has(column)) next = "";
      else if (column === prolific && next.trim() !== "" && !PSEUDONYM.test(next)) next = pseudonym(next);
      else next = pseudonymiseTokens(next);
      return /[",\r\n]/.test(next) ? `"${next.replace(/"/g, '""')}"` : next;
    });
    out += fields.join(",") + ending;
  });
  return out;
}
