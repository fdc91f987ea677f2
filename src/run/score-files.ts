/**
 * The score files of a run folder: `scores/items.csv`, one row per item (question × group of a
 * model, dataset, steering and method) with its TV or the reason it has none, and
 * `scores/summary.csv`, one row per model × dataset × steering × method. Numbers are written with
 * full precision (the shortest text that reads back as the same double); rows are in a stable order.
 */
import { rmSync } from "node:fs";
import { join } from "node:path";
import { makeDirectorySync, writeFileAtomicSync } from "../files";
import { seededRandom } from "../random";
import { type Cell, toCsv } from "../reproduce/csv";
import { bootstrapMean } from "../scoring/bootstrap";
import { groupKey } from "../data/results";
import type { ItemRow } from "./score-run";

/** The folder of a run folder's score files. */
export const SCORES_DIR = "scores";
export const ITEMS_CSV = "items.csv";
export const SUMMARY_CSV = "summary.csv";

/** The columns of items.csv. `group` is `ATTRIBUTE/value`, as score lists name groups. */
export const ITEMS_COLUMNS = ["model", "dataset", "steering", "method", "group", "question_id", "tv", "status"] as const;
/** The columns of summary.csv. */
export const SUMMARY_COLUMNS = ["model", "dataset", "steering", "method", "mean", "half_width", "n", "parse_rate"] as const;

/** One row of summary.csv. */
export interface SummaryRow {
  readonly model: string;
  readonly dataset: string;
  readonly steering: string;
  readonly method: string;
  /** Mean TV of the ok items; undefined when none is ok. */
  readonly mean: number | undefined;
  /** Half-width of the 95% percentile bootstrap interval of `mean` (resampling the ok items); undefined when none is ok. */
  readonly halfWidth: number | undefined;
  /** Ok items. */
  readonly n: number;
  /** Ok items / items (every status counts in the denominator: unparsed, truncated, refused, failed, missing). */
  readonly parseRate: number;
}

/** Options of `summaryRows`. */
export interface SummaryOptions {
  /** @default 1000 */
  readonly iterations?: number;
  /** Seeds each row's bootstrap with its model, dataset, steering and method. @default 0 */
  readonly seed?: number;
}

/**
 * One summary row per model × dataset × steering × method, in the order the item rows first name them.
 * @param rows item rows (`itemRows`)
 */
export function summaryRows(rows: readonly ItemRow[], options: SummaryOptions = {}): SummaryRow[] {
  const cells = new Map<string, { key: Omit<SummaryRow, "mean" | "halfWidth" | "n" | "parseRate">; values: number[]; items: number }>();
  for (const row of rows) {
    const name = [row.model, row.dataset, row.steering, row.method].join("/");
    const cell = cells.get(name) ?? { key: { model: row.model, dataset: row.dataset, steering: row.steering, method: row.method }, values: [], items: 0 };
    cell.items += 1;
    if (row.status === "ok" && row.tv !== undefined) cell.values.push(row.tv);
    cells.set(name, cell);
  }
  return [...cells].map(([name, { key, values, items }]) => {
    if (values.length === 0) return { ...key, mean: undefined, halfWidth: undefined, n: 0, parseRate: 0 };
    const boot = bootstrapMean(values, { rng: seededRandom(options.seed ?? 0, `scores/${name}`), iterations: options.iterations ?? 1000 });
    return { ...key, mean: values.reduce((s, v) => s + v, 0) / values.length, halfWidth: boot.halfWidth, n: values.length, parseRate: values.length / items };
  });
}

/** A number with full precision; undefined stays an empty cell. */
function exact(value: number | undefined): Cell {
  return value === undefined ? undefined : String(value);
}

/** items.csv as text. */
export function itemsCsv(rows: readonly ItemRow[]): string {
  return toCsv(ITEMS_COLUMNS, rows.map((r) => [r.model, r.dataset, r.steering, r.method, groupKey(r.group), r.questionId, exact(r.tv), r.status]));
}

/** summary.csv as text. */
export function summaryCsv(rows: readonly SummaryRow[]): string {
  return toCsv(SUMMARY_COLUMNS, rows.map((r) => [r.model, r.dataset, r.steering, r.method, exact(r.mean), exact(r.halfWidth), String(r.n), exact(r.parseRate)]));
}


/**
 * Writes `<runDir>/scores/items.csv` and `<runDir>/scores/summary.csv`, each atomically.
 * @returns the two paths
 * @throws the file-system error (naming the path) when the folder cannot be written
 */
export function writeScoreFiles(runDir: string, items: readonly ItemRow[], summary: readonly SummaryRow[]): { items: string; summary: string } {
  const dir = join(runDir, SCORES_DIR);
  makeDirectorySync(dir);
  const paths = { items: join(dir, ITEMS_CSV), summary: join(dir, SUMMARY_CSV) };
  writeFileAtomicSync(paths.items, itemsCsv(items));
  writeFileAtomicSync(paths.summary, summaryCsv(summary));
  return paths;
}
