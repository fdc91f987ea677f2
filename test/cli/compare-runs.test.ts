/**
 * `distalign compare --a-run DIR --b-run DIR` on two run folders of baseline backends on a user
 * survey: the paired difference equals the difference of the mean TVs computed here from the two
 * runs' scores/items.csv over the items both have, its interval contains it, a run compared with
 * itself gives exactly 0 (checked at full precision through the library too), the W1 comparison
 * covers the survey's ordinal questions (against the runs' W1 column), and runs on different
 * questions stop with one line naming both runs.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadBenchmarkData } from "../../src/benchmark/benchmark-data";
import { loadPromptData } from "../../src/prompts/prompt-data";
import { compareConfigurations } from "../../src/reproduce/comparisons";
import { pairedRunLists } from "../../src/reproduce/run-lists";
import { scoreRunDir } from "../../src/run/benchmark-run";
import { distalign } from "../helpers/cli";
import { testDataDir } from "../helpers/data-dir";

const OPTIONS = ["Yes", "Maybe", "No"];
const GROUPS = ["North", "South", "East"];

/** Questions on a scale (Yes, Maybe, No); the others are nominal. */
const ORDINAL = ["tea", "coffee", "walks"];

/** A survey of the given questions: every group answers each with counts that differ by question and group (invented). */
function surveyCsv(questions: readonly string[]): string {
  const lines = ["question_id,question,option,group,count,scale"];
  questions.forEach((id, i) => {
    const scale = ORDINAL.includes(id) ? "ordinal" : "nominal";
    GROUPS.forEach((group, g) => {
      OPTIONS.forEach((option, j) => lines.push(`${id},Do you like ${id}?,${option},${group},${1 + ((i * 7 + g * 5 + j * 3) % 11)},${scale}`));
    });
  });
  return `${lines.join("\n")}\n`;
}

function parseCsv(text: string): Record<string, string>[] {
  const [header, ...lines] = text.trim().split("\n");
  const names = (header as string).split(",");
  return lines.map((line) => Object.fromEntries(line.split(",").map((cell, j) => [names[j] as string, cell])));
}

/** The compare table's one row, by column. */
function compareRow(stdout: string): Record<string, string> {
  const lines = stdout.split("\n");
  const header = (lines[0] as string).trim().split(/\s{2,}/);
  const cells = (lines[2] as string).trim().split(/\s{2,}/);
  expect(cells).toHaveLength(header.length);
  return Object.fromEntries(header.map((h, j) => [h, cells[j] as string]));
}

let root = "";
let runA = "";
let runB = "";
let runOther = "";
let itemsA: Record<string, string>[] = [];
let itemsB: Record<string, string>[] = [];

async function run(survey: string, model: string, out: string): Promise<void> {
  const r = await distalign(["run", "--survey", survey, "--model", model, "--steering", "persona", "--method", "verbalize", "--out", out, "--progress", "none", "--iterations", "20"]);
  expect(r.status, r.stderr).toBe(0);
}

beforeAll(async () => {
  // Kept for every test of the file (makeTempDir's folders go after each test).
  root = mkdtempSync(join(tmpdir(), "distalign-compare-runs-"));
  for (const sub of ["one", "two"]) mkdirSync(join(root, sub));
  // The same survey name (the file's), other questions: the runs share no item.
  const survey = join(root, "one", "habits.csv");
  const other = join(root, "two", "habits.csv");
  writeFileSync(survey, surveyCsv(["tea", "coffee", "walks", "radio", "chess"]));
  writeFileSync(other, surveyCsv(["opera", "hiking"]));
  runA = join(root, "pooled");
  runB = join(root, "uniform");
  runOther = join(root, "other");
  await run(survey, "baseline/pooled", runA);
  await run(survey, "baseline/uniform", runB);
  await run(other, "baseline/uniform", runOther);
  itemsA = parseCsv(readFileSync(join(runA, "scores", "items.csv"), "utf8"));
  itemsB = parseCsv(readFileSync(join(runB, "scores", "items.csv"), "utf8"));
}, 180_000);
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe("distalign compare on two run folders", () => {
  it("the paired difference is the difference of the mean TVs over the common items, inside its interval", async () => {
    const r = await distalign(["compare", "--a", "baseline/pooled:verbalize", "--a-run", runA, "--b", "baseline/uniform:verbalize", "--b-run", runB, "--iterations", "200"]);
    expect(r.status, r.stderr).toBe(0);
    const row = compareRow(r.stdout);
    const key = (item: Record<string, string>) => `${item.steering}|${item.group}|${item.question_id}`;
    const tvB = new Map(itemsB.filter((i) => i.status === "ok").map((i) => [key(i), Number(i.tv)]));
    const common = itemsA.filter((i) => i.status === "ok" && tvB.has(key(i)));
    expect(common).toHaveLength(5 * GROUPS.length);
    const meanA = common.reduce((s, i) => s + Number(i.tv), 0) / common.length;
    const meanB = common.reduce((s, i) => s + (tvB.get(key(i)) as number), 0) / common.length;
    expect(row.dataset).toBe("habits");
    expect(Number(row.n)).toBe(common.length);
    expect(Number(row.mean_a)).toBeCloseTo(meanA, 4);
    expect(Number(row.mean_b)).toBeCloseTo(meanB, 4);
    expect(Number(row.diff)).toBeCloseTo(meanA - meanB, 4);
    expect(meanA - meanB).toBeLessThan(0);
    expect(Number(row.ci_low)).toBeLessThanOrEqual(Number(row.diff));
    expect(Number(row.ci_high)).toBeGreaterThanOrEqual(Number(row.diff));
    expect(Number(row.ci_low)).toBeLessThan(Number(row.ci_high));
  }, 60_000);

  it("the W1 comparison covers the ordinal questions, its difference that of the runs' W1 columns", async () => {
    const r = await distalign(["compare", "--a", "baseline/pooled:verbalize", "--a-run", runA, "--b", "baseline/uniform:verbalize", "--b-run", runB, "--metric", "w1", "--iterations", "200"]);
    expect(r.status, r.stderr).toBe(0);
    const row = compareRow(r.stdout);
    const key = (item: Record<string, string>) => `${item.steering}|${item.group}|${item.question_id}`;
    const w1B = new Map(itemsB.filter((i) => i.w1 !== "").map((i) => [key(i), Number(i.w1)]));
    const common = itemsA.filter((i) => i.w1 !== "" && w1B.has(key(i)));
    expect(common).toHaveLength(ORDINAL.length * GROUPS.length);
    const diff = common.reduce((s, i) => s + Number(i.w1) - (w1B.get(key(i)) as number), 0) / common.length;
    expect(row.metric).toBe("w1");
    expect(Number(row.n)).toBe(common.length);
    expect(Number(row.diff)).toBeCloseTo(diff, 4);
    expect(Number(row.ci_low)).toBeLessThanOrEqual(Number(row.diff));
    expect(Number(row.ci_high)).toBeGreaterThanOrEqual(Number(row.diff));
  }, 60_000);

  it("a run compared with itself gives exactly 0", async () => {
    const r = await distalign(["compare", "--a", "baseline/uniform:verbalize", "--a-run", runB, "--b", "baseline/uniform:verbalize", "--b-run", runB]);
    expect(r.status, r.stderr).toBe(0);
    const row = compareRow(r.stdout);
    expect([row.diff, row.ci_low, row.ci_high]).toEqual(["0.0000", "0.0000", "0.0000"]);
    // At full precision, through the library.
    const benchmark = loadBenchmarkData(testDataDir());
    const lists = pairedRunLists(benchmark, scoreRunDir(loadPromptData(benchmark), runB).items);
    const config = { model: "baseline/uniform", method: "verbalize", steering: ["persona" as const], datasets: ["habits"] };
    const same = compareConfigurations(lists, { family: "compare", a: config, b: config }, "tv", { iterations: 200, seed: 0, scheme: "question-clustered" }, lists);
    expect(same?.n).toBe(5 * GROUPS.length);
    expect([same?.diff, same?.ciLow, same?.ciHigh]).toEqual([0, 0, 0]);
  }, 60_000);

  it("runs on different questions stop with one line naming both runs", async () => {
    const r = await distalign(["compare", "--a", "baseline/pooled:verbalize", "--a-run", runA, "--b", "baseline/uniform:verbalize", "--b-run", runOther]);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe("");
    const lines = r.stderr.trim().split("\n");
    expect(lines, r.stderr).toHaveLength(1);
    expect(lines[0]).toContain("no items (question × group) in common");
    expect(lines[0]).toContain(runA);
    expect(lines[0]).toContain(runOther);
  }, 60_000);
});
