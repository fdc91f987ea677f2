/**
 * Table 1 (notebook tab1-leaderboard): the comparison tables and the dot-and-whisker chart, and
 * parity with `distalign reproduce --mode paper`: the notebook's paper-mode numbers are the CLI's.
 */
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { breakdownRecords, gapComparison, leaderboardComparison, leaderboardFigure, leaderboardRows } from "../../src/figures/leaderboard";
import { methodLabel, modelLabel } from "../../src/labels";
import { loadBenchmarkData } from "../../src/benchmark/benchmark-data";
import { type Reproduction, reproduce } from "../../src/reproduce/reproduce";
import { testDataDir } from "../helpers/data-dir";
import { makeTempDir } from "../helpers/temp-dir";

/** The notebook's parameters, which are the CLI's defaults. */
const ITERATIONS = 1000;
const SEED = 0;

let paper: Reproduction;
let corrected: Reproduction;

beforeAll(async () => {
  const data = loadBenchmarkData(testDataDir());
  paper = await reproduce({ mode: "paper", data, iterations: ITERATIONS, seed: SEED });
  corrected = await reproduce({ mode: "corrected", data, iterations: 50, seed: SEED });
});

describe("parity with the command line", () => {
  it("shows the numbers `distalign reproduce --mode paper` writes, to the CSV's six decimals", () => {
    const out = makeTempDir();
    const bin = join(__dirname, "..", "..", "bin", "distalign.cjs");
    const run = spawnSync(process.execPath, [bin, "reproduce", "--mode", "paper", "--quiet", "--out", out], {
      encoding: "utf8",
      env: { ...process.env, DISTALIGN_DATA_DIR: testDataDir() },
    });
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    const csv = readFileSync(join(out, "table1a.csv"), "utf8").trim().split("\n").slice(1).map((line) => line.split(","));
    const rows = csv.filter((cells) => cells[2] !== "");
    const shown = leaderboardComparison(paper, corrected);
    expect(shown).toHaveLength(rows.length);
    rows.forEach((cells, i) => {
      const row = shown[i];
      expect(row?.model).toBe(modelLabel(cells[0] ?? ""));
      expect(row?.method).toBe(methodLabel(cells[1] ?? ""));
      expect(row?.["paper mean"]).toBeCloseTo(Number(cells[2]), 6);
      expect(row?.["paper ±95%"]).toBeCloseTo(Number(cells[3]), 6);
      if (cells[4] !== "") expect(row?.["paper parse rate"]).toBeCloseTo(Number(cells[4]), 6);
    });
  }, 120_000);

  it("uses the reproduction's defaults (1000 replicates, seed 0)", async () => {
    const again = await reproduce({ mode: "paper", data: loadBenchmarkData(testDataDir()), models: ["gpt-4"] });
    const mine = leaderboardRows(paper).filter((r) => r.model === "GPT-4");
    expect(leaderboardRows(again).filter((r) => r.model === "GPT-4")).toEqual(mine);
  }, 60_000);
});

describe("leaderboardComparison and gapComparison", () => {
  it("leaves out the Anthropic log-probability rows and computes delta = corrected − paper", () => {
    const rows = leaderboardComparison(paper, corrected);
    expect(rows.some((r) => r.model === "Anthropic Opus" && r.method === "Log-p")).toBe(false);
    expect(rows).toHaveLength(5 * 2 + 3 * 2 + 3);
    for (const row of rows) expect(row.delta).toBeCloseTo((row["corrected mean"] as number) - (row["paper mean"] as number), 12);
    const opus = rows.find((r) => r.model === "Anthropic Opus" && r.method === "V");
    expect(opus?.delta).toBeLessThan(-0.01); // the strict parser reads the proportions the paper's rule scored as zeros
    const majority = rows.find((r) => r.method === "majority");
    expect(majority?.delta).toBeLessThan(-0.1); // GPT-3.5's argmax vs the humans' majority answer
  });

  it("gives K2S in percent from the leaderboard means", () => {
    const rows = gapComparison(paper, corrected);
    const seq = paper.table1a.find((r) => r.model === "gpt-4" && r.method === "sequence")?.mean as number;
    const v = paper.table1a.find((r) => r.model === "gpt-4" && r.method === "verbalize")?.mean as number;
    expect(rows.find((r) => r.model === "GPT-4")?.["paper K2S (%)"]).toBeCloseTo(100 * (seq / v - 1), 10);
    expect(rows).toHaveLength(5);
  });
});

describe("leaderboardFigure", () => {
  it("plots one dot series per method with whiskers, gaps where a model has no outputs, and three baseline lines", () => {
    const figure = leaderboardFigure(paper);
    expect(figure.data.map((t) => t.name)).toEqual(["V", "Seq", "Log-p", "TS-Log-p"]);
    const logp = figure.data[2] as { x: string[]; y: (number | null)[]; error_y: { array: number[] } };
    expect(logp.x).toEqual(["GPT-3.5 Turbo", "GPT-4", "Anthropic Haiku", "Anthropic Opus", "Llama 3 70B Instruct"]);
    expect(logp.y[2]).toBeNull();
    expect(logp.y[1]).toBe(paper.table1a.find((r) => r.model === "gpt-4" && r.method === "logprobs")?.mean);
    expect(logp.error_y.array[1]).toBe(paper.table1a.find((r) => r.model === "gpt-4" && r.method === "logprobs")?.halfWidth);
    const shapes = figure.layout?.["shapes"] as { y0: number }[];
    expect(shapes.map((s) => s.y0)).toEqual(paper.table1a.filter((r) => r.model === "baseline").map((r) => r.mean));
  });
});

describe("breakdownRecords", () => {
  it("flattens every breakdown row, labels methods and turns a missing parse rate into null", () => {
    const records = breakdownRecords(paper);
    expect(records).toHaveLength(paper.breakdown.length);
    const baseline = records.find((r) => r.model === "baseline" && r.method === "uniform" && r.dataset === "both");
    expect(baseline?.parseRate).toBeNull();
    const human = records.find((r) => r.model === "human" && r.dataset === "both" && r.steering === "persona+few-shot");
    expect(human?.method).toBe("V");
    expect(human?.mean).toBeCloseTo(0.2466, 4);
    expect(Object.values(records).every((r) => Object.values(r).every((v) => v !== undefined))).toBe(true);
  });
});
