import { beforeAll, describe, expect, it } from "vitest";
import { loadBenchmarkData } from "../../src/benchmark/benchmark-data";
import { differencesTable } from "../../src/reproduce/report";
import { type Reproduction, reproduce } from "../../src/reproduce/reproduce";
import { testDataDir } from "../helpers/data-dir";

let paper: Reproduction;
let corrected: Reproduction;
beforeAll(async () => {
  const data = loadBenchmarkData(testDataDir());
  paper = await reproduce({ mode: "paper", data, iterations: 100 });
  corrected = await reproduce({ mode: "corrected", data, iterations: 100 });
});

const mean = (r: Reproduction, model: string, method: string) => r.table1a.find((x) => x.model === model && x.method === method)?.mean as number;

describe("reproduce, corrected mode", () => {
  it("counts every NYT row once", () => {
    expect(corrected.lists.some((l) => l.listedTwice)).toBe(false);
  });

  it("re-parses opus's numeric Verbalize answers that the paper scored as zeros (docs/protocol.md §4.2)", () => {
    // The published rule reads 'A': 0.2 as 0, so opus lands near 0.226; accepting fractions moves it near 0.207.
    expect(mean(paper, "anthropic_opus", "verbalize") - mean(corrected, "anthropic_opus", "verbalize")).toBeGreaterThan(0.01);
  });

  it("reports parse failures instead of scoring them", () => {
    const llamaSeq = corrected.table1a.find((r) => r.model === "llama3-70b" && r.method === "sequence");
    expect(llamaSeq?.parseRate).toBeLessThan(1);
    expect(llamaSeq?.parseRate).toBeGreaterThan(0.5);
  });

  it("aligns OpinionQA no-steering ground truth with the prompt's letters, which improves those scores", () => {
    const row = (r: Reproduction) =>
      r.breakdown.find((b) => b.dataset === "opinionqa" && b.steering === "none" && b.model === "gpt-4" && b.method === "verbalize")?.mean as number;
    expect(row(paper) - row(corrected)).toBeGreaterThan(0.1);
  });

  it("uses the human majority answer for the majority baseline", () => {
    expect(mean(corrected, "baseline", "majority")).toBeLessThan(mean(paper, "baseline", "majority"));
  });

  it("lists paper and corrected side by side with the delta", () => {
    const table = differencesTable(paper, corrected);
    const row = table.rows.find((r) => r[0] === "table1a" && r[3] === "anthropic_opus" && r[4] === "V");
    expect(row?.[7]).toBeCloseTo((row?.[6] as number) - (row?.[5] as number), 12);
  });
});
