/**
 * The reproduction is unchanged: `distalign reproduce` writes, cell for cell, the tables it wrote
 * at commit a2a83cc (test/fixtures/reproduce-a2a83cc/, 50 iterations, seed 0), in paper and in
 * corrected mode. Columns added since (e.g. Table 1b's interval) are not compared; every column of
 * the fixture must still be there.
 *
 * Corrected mode now resamples by question cluster by default; a2a83cc resampled each cell
 * independently, so the corrected run asks for `--resampling independent`, the scheme of the
 * fixture's intervals.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { distalign } from "../helpers/cli";
import { makeTempDir } from "../helpers/temp-dir";

const FIXTURE = join(__dirname, "..", "fixtures", "reproduce-a2a83cc");
const COMMON = ["--iterations", "50", "--seed", "0", "--threads", "1", "--quiet"];

function readCsv(path: string): { header: string[]; rows: string[][] } {
  const [head, ...lines] = readFileSync(path, "utf8").trimEnd().split("\n");
  return { header: (head ?? "").split(","), rows: lines.map((line) => line.split(",")) };
}

/** Each table of `before`, restricted to its own columns, as read from `after`. */
function compareTables(beforeDir: string, afterDir: string): void {
  const tables = readdirSync(beforeDir).filter((name) => name.endsWith(".csv"));
  expect(tables.length).toBeGreaterThanOrEqual(5);
  for (const table of tables) {
    const before = readCsv(join(beforeDir, table));
    const after = readCsv(join(afterDir, table));
    const columns = before.header.map((column) => after.header.indexOf(column));
    expect(columns, `${table}: columns of ${before.header.join(",")} in ${after.header.join(",")}`).not.toContain(-1);
    const projected = after.rows.map((row) => columns.map((index) => row[index] ?? ""));
    expect(projected.length, `${table}: rows`).toBe(before.rows.length);
    before.rows.forEach((row, i) => {
      expect(projected[i], `${table} line ${i + 2}`).toEqual(row);
    });
  }
}

describe("distalign reproduce matches the tables of a2a83cc", () => {
  it("paper mode", { timeout: 120_000 }, async () => {
    const out = makeTempDir();
    const run = await distalign(["reproduce", "--mode", "paper", ...COMMON, "--out", out]);
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    compareTables(join(FIXTURE, "paper"), out);
  });

  it("corrected mode, intervals resampled independently as a2a83cc did", { timeout: 120_000 }, async () => {
    const out = makeTempDir();
    const run = await distalign(["reproduce", "--mode", "corrected", "--resampling", "independent", ...COMMON, "--out", out]);
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    compareTables(join(FIXTURE, "corrected"), out);
  });
});
