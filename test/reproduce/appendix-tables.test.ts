/**
 * Table 5 (K2S on GlobalOpinionQA) and Table 6 (annotators on their own vs the other group) of
 * arXiv:2411.05403. Per-question values are checked against sums done by hand on the raw files;
 * GPT-4's Table 5 value is compared with the published one within the noise of its bootstrap.
 */
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { QualtricsExport } from "../../src/data/qualtrics";
import { DataError } from "../../src/errors";
import { type BenchmarkData, loadBenchmarkData } from "../../src/benchmark/benchmark-data";
import { globalOpinionGapTable } from "../../src/reproduce/global-gap";
import { annotatorsOfGroup, inGroupRows, inGroupScores } from "../../src/reproduce/in-group";
import { reproductionTables, writeTables } from "../../src/reproduce/report";
import { type Reproduction, reproduce } from "../../src/reproduce/reproduce";
import type { BreakdownRow } from "../../src/benchmark/tables";
import { testDataDir } from "../helpers/data-dir";

/** Table 5 of the paper, GPT-4 (28.68%). */
const PUBLISHED_TABLE_5_GPT4 = 0.2868;

const row = (dataset: BreakdownRow["dataset"], steering: BreakdownRow["steering"], model: string, method: string, mean: number): BreakdownRow => ({
  dataset,
  steering,
  model,
  method,
  mean,
  halfWidth: 0.01,
  n: 600,
  parseRate: 1,
});

describe("Table 5 from breakdown rows", () => {
  it("is Seq / V − 1 of the GlobalOpinionQA persona+few-shot rows only", () => {
    const breakdown = [
      row("globalvalues", "persona+few-shot", "m1", "verbalize", 0.25),
      row("globalvalues", "persona+few-shot", "m1", "sequence", 0.3),
      row("globalvalues", "persona", "m1", "sequence", 0.9),
      row("opinionqa", "persona+few-shot", "m1", "sequence", 0.9),
      row("globalvalues", "persona+few-shot", "m2", "sequence", 0.3),
      row("globalvalues", "persona+few-shot", "m2", "logprobs", 0.2),
      row("globalvalues", "all", "baseline", "uniform", 0.5),
    ];
    const table = globalOpinionGapTable(breakdown);
    expect(table.map((r) => r.model)).toEqual(["m1"]);
    expect(table[0]?.kss).toBeCloseTo(0.2, 12);
  });
});

let data: BenchmarkData;
let paper: Reproduction;
beforeAll(async () => {
  data = loadBenchmarkData(testDataDir());
  paper = await reproduce({ mode: "paper", data, models: ["gpt-4"], threads: 1 });
});

describe("Table 5, paper mode", () => {
  it("GPT-4 is within three standard deviations of the published value's bootstrap noise", () => {
    const kss = globalOpinionGapTable(paper.breakdown).find((r) => r.model === "gpt-4")?.kss as number;
    const find = (method: string) =>
      paper.breakdown.find((r) => r.dataset === "globalvalues" && r.steering === "persona+few-shot" && r.model === "gpt-4" && r.method === method) as BreakdownRow;
    const sequence = find("sequence");
    const verbalize = find("verbalize");
    // The published means are means of 1000 bootstrap replicates: SD of each ≈ (half-width / 1.96) / √1000.
    const sd = (r: BreakdownRow) => r.halfWidth / 1.96 / Math.sqrt(1000);
    const noise = Math.hypot(sd(sequence) / verbalize.mean, (sequence.mean / verbalize.mean ** 2) * sd(verbalize));
    expect(noise).toBeGreaterThan(0);
    expect(Math.abs(kss - PUBLISHED_TABLE_5_GPT4)).toBeLessThanOrEqual(3 * noise);
  });

  it("is written as table5.csv and table6.csv with their headers", () => {
    const dir = mkdtempSync(join(tmpdir(), "distalign-appendix-"));
    writeTables(dir, reproductionTables(paper));
    const table5 = readFileSync(join(dir, "table5.csv"), "utf8").trim().split("\n");
    expect(table5[0]).toBe("model,kss");
    expect(table5[1]).toMatch(/^gpt-4,0\.28\d{4}$/);
    const table6 = readFileSync(join(dir, "table6.csv"), "utf8").trim().split("\n");
    expect(table6[0]).toBe("dataset,steering,group,in_group,out_group,n_in,n_out");
    // 2 datasets × 3 steerings: OpinionQA 6 groups, NYT 4.
    expect(table6).toHaveLength(1 + 3 * 6 + 3 * 4);
  });
});

describe("Table 6, per-question values checked by hand on the raw exports", () => {
  // OpinionQA persona export, Republican annotators (Q_DemRepub), question 1 (GAP21Q33_g_W82): two
  // complete answers in block Q135 (Republican) and two in Q_NoSteering (Democrat).
  it("OpinionQA persona, Republicans on Republicans and on Democrats", () => {
    const own = inGroupScores(data, "opinionqa", "persona", "Republican", "Republican", "paper");
    const other = inGroupScores(data, "opinionqa", "persona", "Republican", "Democrat", "paper");
    // Averaged estimate (5, 10, 35, 50, 0, 0, 0)% against the Republicans' counts (4, 1, 45.5, 142.5) / 193.
    expect(own.find((s) => s.key === "GAP21Q33_g_W82")?.tv).toBeCloseTo(0.23834196891191708, 12);
    expect(other.find((s) => s.key === "GAP21Q33_g_W82")?.tv).toBeCloseTo(0.5985981308411216, 12);
  });

  // NYT few-shot export, Female annotators (QDem_Gend), the first book: three complete answers in Q137 and in Q136.
  it("NYT few-shot, women on women and on men", () => {
    const own = inGroupScores(data, "nytimes", "few-shot", "Female", "Female", "paper");
    const other = inGroupScores(data, "nytimes", "few-shot", "Female", "Male", "paper");
    expect(own.find((s) => s.key === "The Bee Sting By Paul Murray")?.tv).toBeCloseTo(0.2924242424242424, 12);
    expect(other.find((s) => s.key === "The Bee Sting By Paul Murray")?.tv).toBeCloseTo(0.25254901960784315, 12);
  });

  it("a row is the mean of its per-question scores", () => {
    const rows = inGroupRows(data, "nytimes", "few-shot", "paper");
    const female = rows.find((r) => r.group === "Female");
    const own = inGroupScores(data, "nytimes", "few-shot", "Female", "Female", "paper");
    expect(female?.nIn).toBe(own.length);
    expect(female?.inGroup).toBeCloseTo(own.reduce((a, s) => a + s.tv, 0) / own.length, 12);
    expect(rows.map((r) => r.group)).toEqual(["Democrat", "Republican", "Male", "Female"]);
  });

  it("paper mode scores OpinionQA's empty Male question, corrected mode skips it", () => {
    const paperScores = inGroupScores(data, "opinionqa", "few-shot", "Female", "Male", "paper");
    const corrected = inGroupScores(data, "opinionqa", "few-shot", "Female", "Male", "corrected");
    expect(paperScores.find((s) => s.key === "FEM2_W29")?.tv).toBe(0);
    expect(corrected.find((s) => s.key === "FEM2_W29")).toBeUndefined();
  });

  it("rejects a pair of groups from different attributes", () => {
    expect(() => inGroupScores(data, "nytimes", "persona", "Democrat", "Male", "paper")).toThrow(DataError);
  });
});

describe("annotators' own group", () => {
  const exported = (cells: string[]): QualtricsExport => ({
    file: "/data/survey.csv",
    columns: new Map([["Q_DemRepub", 0], ["QDem_Gend", 1], ["QDem_Race", 2]]),
    rows: cells.map((c) => c.split("|")),
  });

  it("keeps only the respondents who report the group", () => {
    const e = exported(["Democrat|Male|White or Caucasian American", "Republican|Female|Black or African American", "|Other|"]);
    expect(annotatorsOfGroup([e], "POLPARTY", "Republican")[0]?.rows).toHaveLength(1);
    expect(annotatorsOfGroup([e], "SEX", "Male")[0]?.rows).toHaveLength(1);
    expect(annotatorsOfGroup([e], "RACE", "Black")[0]?.rows[0]?.[0]).toBe("Republican");
  });

  it.each([
    ["POLPARTY", "Democrat", "democrat|Male|White or Caucasian American", "Q_DemRepub"],
    ["SEX", "Male", "Democrat|male|White or Caucasian American", "QDem_Gend"],
    ["RACE", "White", "Democrat|Male|White", "QDem_Race"],
    ["RACE", "Black", "Democrat|Male|Black", "QDem_Race"],
  ])("an answer the survey did not offer is a data error (%s %s)", (attribute, group, cells, column) => {
    const e = exported(["Democrat|Male|White or Caucasian American", cells]);
    expect(() => annotatorsOfGroup([e], attribute, group)).toThrow(new RegExp(`^/data/survey\\.csv: ${column}: unknown answer ".*" \\(respondent 2\\)$`));
  });

  it("a missing self-report column is a data error naming the file and column", () => {
    const e: QualtricsExport = { file: "/data/survey.csv", columns: new Map([["Q_DemRepub", 0]]), rows: [["Democrat"]] };
    expect(() => annotatorsOfGroup([e], "SEX", "Female")).toThrow("/data/survey.csv: missing column QDem_Gend");
  });
});
