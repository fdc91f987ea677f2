/**
 * The score files of a run folder: `scores/items.csv`, one row per item (question × group of a
 * model, dataset, steering and method) with its TV or the reason it has none, and
 * `scores/summary.csv`, one row per model × dataset × steering × method, both with the normalised W1
 * of ordinal questions beside the TV, and `scores/baselines.csv`, the baselines and noise floor of
 * the run's items (`runBaselines`). Numbers are written with
 * full precision (the shortest text that reads back as the same double); rows are in a stable order.
 */
import { rmSync } from "node:fs";
import { join } from "node:path";
import { makeDirectorySync, writeFileAtomicSync } from "../files";
import { seededRandom } from "../random";
import { type Cell, toCsv } from "../reproduce/csv";
import { bootstrapMean } from "../scoring/bootstrap";
import { groupKey } from "../data/results";
import { BASELINE_COLUMNS, type BaselineRow, baselineCells } from "../reproduce/baselines-table";
import type { ItemRow } from "./score-run";

/** The folder of a run folder's score files. */
export const SCORES_DIR = "scores";
export const ITEMS_CSV = "items.csv";
export const SUMMARY_CSV = "summary.csv";
export const BASELINES_CSV = "baselines.csv";

/** The columns of items.csv. `group` is `ATTRIBUTE/value`, as score lists name groups; `w1` is empty on nominal questions. */
export const ITEMS_COLUMNS = ["model", "dataset", "steering", "method", "group", "question_id", "tv", "w1", "status"] as const;
/** The columns of summary.csv: `mean` and `half_width` are of the TV; the `w1` columns are of the ok items of ordinal questions. */
export const SUMMARY_COLUMNS = ["model", "dataset", "steering", "method", "mean", "half_width", "n", "parse_rate", "w1", "w1_half_width", "w1_n"] as const;

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
  /** Mean W1 of the ok items of ordinal questions; undefined when there are none. */
  readonly w1: number | undefined;
  /** Half-width of the 95% percentile bootstrap interval of `w1`; undefined when there are no such items. */
  readonly w1HalfWidth: number | undefined;
  /** Ok items of ordinal questions. */
  readonly w1N: number;
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
  const cells = new Map<string, { key: Pick<SummaryRow, "model" | "dataset" | "steering" | "method">; values: number[]; w1: number[]; items: number }>();
  for (const row of rows) {
    const name = [row.model, row.dataset, row.steering, row.method].join("/");
    const cell = cells.get(name) ?? { key: { model: row.model, dataset: row.dataset, steering: row.steering, method: row.method }, values: [], w1: [], items: 0 };
    cell.items += 1;
    if (row.status === "ok" && row.tv !== undefined) cell.values.push(row.tv);
    if (row.status === "ok" && row.w1 !== undefined) cell.w1.push(row.w1);
    cells.set(name, cell);
  }
  const meanOf = (values: readonly number[], name: string) => {
    if (values.length === 0) return { mean: undefined, halfWidth: undefined };
    const boot = bootstrapMean(values, { rng: seededRandom(options.seed ?? 0, name), iterations: options.iterations ?? 1000 });
    return { mean: values.reduce((s, v) => s + v, 0) / values.length, halfWidth: boot.halfWidth };
  };
  return [...cells].map(([name, { key, values, w1, items }]) => {
    const tv = meanOf(values, `scores/${name}`);
    const ordinal = meanOf(w1, `scores/${name}/w1`);
    return { ...key, ...tv, n: values.length, parseRate: values.length / items, w1: ordinal.mean, w1HalfWidth: ordinal.halfWidth, w1N: w1.length };
  });
}

/** A number with full precision; undefined stays an empty cell. */
function exact(value: number | undefined): Cell {
  return value === undefined ? undefined : String(value);
}

/** items.csv as text. */
export function itemsCsv(rows: readonly ItemRow[]): string {
  return toCsv(ITEMS_COLUMNS, rows.map((r) => [r.model, r.dataset, r.steering, r.method, groupKey(r.group), r.questionId, exact(r.tv), exact(r.w1), r.status]));
}

/** summary.csv as text. */
export function summaryCsv(rows: readonly SummaryRow[]): string {
  return toCsv(
    SUMMARY_COLUMNS,
    rows.map((r) => [r.model, r.dataset, r.steering, r.method, exact(r.mean), exact(r.halfWidth), String(r.n), exact(r.parseRate), exact(r.w1), exact(r.w1HalfWidth), String(r.w1N)]),
  );
}

/** baselines.csv as text. */
function baselinesCsv(rows: readonly BaselineRow[]): string {
  return toCsv(BASELINE_COLUMNS, rows.map((r) => baselineCells(r).map((cell) => (typeof cell === "number" ? exact(cell) : cell))));
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

/**
 * Writes `<runDir>/scores/baselines.csv` atomically (`runBaselines`' rows).
 * @returns its path
 * @throws the file-system error (naming the path) when the folder cannot be written
 */
export function writeBaselinesFile(runDir: string, rows: readonly BaselineRow[]): string {
  const dir = join(runDir, SCORES_DIR);
  makeDirectorySync(dir);
  const path = join(dir, BASELINES_CSV);
  writeFileAtomicSync(path, baselinesCsv(rows));
  return path;
}
