/**
 * The reproduction as files and as text: table1a.csv, table1b.csv, breakdown.csv, table5.csv,
 * table6.csv and differences.csv (paper vs corrected, row by row); with the statistics,
 * comparisons.csv, leaderboard_by_metric.csv, baselines.csv and sensitivity.csv.
 */
import { join } from "node:path";
import { methodLabel } from "../labels";
import { type Cell, toCsv } from "./csv";
import type { Reproduction } from "./reproduce";
import { makeDirectorySync, writeFileNamedSync } from "../files";
import { globalOpinionGapTable } from "./global-gap";
import type { Statistics } from "./statistics";
import { BASELINE_COLUMNS, baselineCells } from "./baselines-table";

/** Header and rows of one output table. */
export interface Table {
  readonly name: string;
  readonly header: readonly string[];
  readonly rows: readonly (readonly Cell[])[];
}

/** Table 1a, Table 1b, the breakdown, Table 5 and (when computed) Table 6 of one reproduction. */
export function reproductionTables(r: Reproduction): Table[] {
  const appendix: Table[] = [{ name: "table5", header: ["model", "kss"], rows: globalOpinionGapTable(r.breakdown).map((row) => [row.model, row.kss]) }];
  if (r.table6 !== undefined) {
    appendix.push({
      name: "table6",
      header: ["dataset", "steering", "group", "in_group", "out_group", "n_in", "n_out"],
      rows: r.table6.map((row) => [row.dataset, row.steering, row.group, row.inGroup, row.outGroup, String(row.nIn), String(row.nOut)]),
    });
  }
  return [
    {
      name: "table1a",
      header: ["model", "method", "mean", "half_width", "parse_rate"],
      rows: r.table1a.map((row) => [row.model, methodLabel(row.method), row.mean, row.halfWidth, row.parseRate]),
    },
    table1bTable(r),
    {
      name: "breakdown",
      header: ["dataset", "steering", "model", "method", "mean", "half_width", "n", "parse_rate"],
      rows: r.breakdown.map((row) => [row.dataset, row.steering, row.model, methodLabel(row.method), row.mean, row.halfWidth, String(row.n), row.parseRate]),
    },
    ...appendix,
    ...(r.statistics === undefined ? [] : statisticsTables(r.statistics)),
  ];
}

/**
 * Table 1b: K2S from the leaderboard means; with the statistics, its clustered bootstrap
 * interval and the gap on the items both methods parsed, with its interval.
 */
function table1bTable(r: Reproduction): Table {
  if (r.statistics === undefined) return { name: "table1b", header: ["model", "kss"], rows: r.table1b.map((row) => [row.model, row.kss]) };
  const gaps = r.statistics.gaps;
  return {
    name: "table1b",
    header: ["model", "kss", "ci_low", "ci_high", "kss_both_parsed", "ci_low_both_parsed", "ci_high_both_parsed"],
    rows: r.table1b.map((row) => {
      const g = gaps.find((x) => x.model === row.model);
      return [row.model, row.kss, g?.ciLow, g?.ciHigh, g?.kssBothParsed, g?.ciLowBothParsed, g?.ciHighBothParsed];
    }),
  };
}

/** comparisons.csv, leaderboard_by_metric.csv, baselines.csv and (corrected mode) sensitivity.csv. */
export function statisticsTables(s: Statistics): Table[] {
  const tables: Table[] = [
    {
      name: "comparisons",
      header: ["family", "a", "b", "dataset", "steering", "metric", "mean_a", "mean_b", "diff", "ci_low", "ci_high", "p", "p_holm", "p_percentile", "n", "resampling"],
      rows: s.comparisons.map((c) => [c.family, c.a, c.b, c.dataset, c.steering, c.metric, c.meanA, c.meanB, c.diff, c.ciLow, c.ciHigh, c.p, c.pHolm, c.pPercentile, String(c.n), s.scheme]),
    },
    {
      name: "leaderboard_by_metric",
      header: ["model", "method", "metric", "mean", "half_width", "n"],
      rows: s.metricBoard.map((row) => [row.model, methodLabel(row.method), row.metric, row.mean, row.halfWidth, String(row.n)]),
    },
    {
      name: "baselines",
      header: [...BASELINE_COLUMNS],
      rows: s.baselines.map(baselineCells),
    },
  ];
  if (s.sensitivity !== undefined) {
    tables.push({
      name: "sensitivity",
      header: ["model", "method", "policy", "mean", "half_width", "n"],
      rows: s.sensitivity.map((row) => [row.model, methodLabel(row.method), row.policy, row.mean, row.halfWidth, String(row.n)]),
    });
  }
  return tables;
}

/** Every row of both modes side by side with the change: which evaluation choices matter. */
export function differencesTable(paper: Reproduction, corrected: Reproduction): Table {
  const rows: Cell[][] = [];
  const delta = (a: number | undefined, b: number | undefined) => (a === undefined || b === undefined ? undefined : b - a);
  for (const row of paper.table1a) {
    const other = corrected.table1a.find((c) => c.model === row.model && c.method === row.method);
    if (row.mean === undefined && other?.mean === undefined) continue;
    rows.push(["table1a", "all", "persona+few-shot", row.model, methodLabel(row.method), row.mean, other?.mean, delta(row.mean, other?.mean)]);
  }
  for (const row of paper.table1b) {
    const other = corrected.table1b.find((c) => c.model === row.model);
    rows.push(["table1b", "all", "persona+few-shot", row.model, "K2S", row.kss, other?.kss, delta(row.kss, other?.kss)]);
  }
  for (const row of paper.breakdown) {
    const other = corrected.breakdown.find(
      (c) => c.dataset === row.dataset && c.steering === row.steering && c.model === row.model && c.method === row.method,
    );
    rows.push(["breakdown", row.dataset, row.steering, row.model, methodLabel(row.method), row.mean, other?.mean, delta(row.mean, other?.mean)]);
  }
  return {
    name: "differences",
    header: ["table", "dataset", "steering", "model", "method", "paper_mean", "corrected_mean", "delta"],
    rows,
  };
}

/** Writes tables as `<dir>/<name>.csv` and returns the paths. */
export function writeTables(dir: string, tables: readonly Table[]): string[] {
  makeDirectorySync(dir);
  return tables.map((table) => {
    const path = join(dir, `${table.name}.csv`);
    writeFileNamedSync(path, toCsv(table.header, table.rows));
    return path;
  });
}

/** Renders a table as aligned text for the terminal: numbers to 4 decimals, right-aligned. */
export function formatTable(table: Table, maxRows = Infinity): string {
  const cells = table.rows.slice(0, maxRows).map((row) =>
    row.map((c) => (c === undefined ? "–" : typeof c === "number" ? (Number.isNaN(c) ? "–" : c.toFixed(4)) : c)),
  );
  const widths = table.header.map((h, j) => Math.max(h.length, ...cells.map((row) => (row[j] ?? "").length)));
  const numeric = table.header.map((_, j) => table.rows.some((row) => typeof row[j] === "number"));
  const line = (row: readonly string[]) =>
    row.map((c, j) => (numeric[j] ? c.padStart(widths[j] ?? 0) : c.padEnd(widths[j] ?? 0))).join("  ").trimEnd();
  const out = [line(table.header), line(widths.map((w) => "-".repeat(w))), ...cells.map(line)];
  if (table.rows.length > maxRows) out.push(`… ${table.rows.length - maxRows} more rows`);
  return out.join("\n");
}
