/**
 * Paper mode against the published numbers of arXiv:2411.05403 (Table 1a, Table 1b, and the
 * human "both" row of the repository's leaderboard_distrib_alignment_all.csv). Means within
 * ±0.0005 (the published means are means of unseeded bootstrap replicates), half-widths within
 * ±15%, K2S within ±0.002.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { loadBenchmarkData } from "../../src/benchmark/benchmark-data";
import { type Reproduction, reproduce } from "../../src/reproduce/reproduce";
import { testDataDir } from "../helpers/data-dir";

const PUBLISHED_TABLE_1A: [model: string, method: string, mean: number, halfWidth: number][] = [
  ["gpt-3.5-turbo-0125", "verbalize", 0.2914, 0.0068],
  ["gpt-3.5-turbo-0125", "sequence", 0.3182, 0.0065],
  ["gpt-3.5-turbo-0125", "logprobs", 0.4555, 0.0076],
  ["gpt-3.5-turbo-0125", "ts-logprobs", 0.2963, 0.0059],
  ["gpt-4", "verbalize", 0.229, 0.0056],
  ["gpt-4", "sequence", 0.2779, 0.0076],
  ["gpt-4", "logprobs", 0.5499, 0.0084],
  ["gpt-4", "ts-logprobs", 0.2735, 0.0064],
  ["anthropic_haiku", "verbalize", 0.254, 0.0066],
  ["anthropic_haiku", "sequence", 0.3086, 0.0061],
  ["anthropic_opus", "verbalize", 0.2264, 0.0056],
  ["anthropic_opus", "sequence", 0.3251, 0.007],
  ["llama3-70b", "verbalize", 0.2439, 0.0063],
  ["llama3-70b", "sequence", 0.3284, 0.0076],
  ["llama3-70b", "logprobs", 0.4949, 0.0077],
  ["llama3-70b", "ts-logprobs", 0.4694, 0.0092],
];
const PUBLISHED_BASELINES: [method: string, mean: number][] = [
  ["uniform", 0.3634],
  ["majority", 0.7115],
  ["discretization", 0.1147],
];
const PUBLISHED_K2S: [model: string, kss: number][] = [
  ["gpt-3.5-turbo-0125", 0.0917],
  ["gpt-4", 0.2135],
  ["anthropic_haiku", 0.2149],
  ["anthropic_opus", 0.4363],
  ["llama3-70b", 0.3465],
];

let paper: Reproduction;
beforeAll(async () => {
  paper = await reproduce({ mode: "paper", data: loadBenchmarkData(testDataDir()) });
});

describe("reproduce, paper mode", () => {
  it.each(PUBLISHED_TABLE_1A)("Table 1a %s %s = %f ± %f", (model, method, mean, halfWidth) => {
    const row = paper.table1a.find((r) => r.model === model && r.method === method);
    expect(row?.mean).toBeDefined();
    expect(Math.abs((row?.mean as number) - mean)).toBeLessThanOrEqual(0.0005);
    expect(Math.abs((row?.halfWidth as number) / halfWidth - 1)).toBeLessThanOrEqual(0.15);
  });

  it.each(PUBLISHED_BASELINES)("Table 1a baseline %s = %f", (method, mean) => {
    const row = paper.table1a.find((r) => r.model === "baseline" && r.method === method);
    expect(Math.abs((row?.mean as number) - mean)).toBeLessThanOrEqual(0.0005);
  });

  it("leaves the Anthropic log-probability cells empty", () => {
    const empty = paper.table1a.filter((r) => r.model.startsWith("anthropic") && r.method.includes("logprobs"));
    expect(empty).toHaveLength(4);
    for (const row of empty) expect(row.mean).toBeUndefined();
  });

  it.each(PUBLISHED_K2S)("Table 1b %s K2S = %f", (model, kss) => {
    const row = paper.table1b.find((r) => r.model === model);
    expect(Math.abs((row?.kss as number) - kss)).toBeLessThanOrEqual(0.002);
  });

  it("scores humans at 0.2466 on OpinionQA and NYT together (persona and few-shot)", () => {
    const row = paper.breakdown.find((r) => r.model === "human" && r.dataset === "both" && r.steering === "persona+few-shot");
    expect(row?.mean).toBeCloseTo(0.2466, 4);
    expect(row?.n).toBe(2 * 600 + 2 * 940);
  });

  it("pools NYT persona and few-shot twice, as the published evaluation listed them", () => {
    const nyt = paper.lists.filter((l) => l.dataset === "nytimes" && l.model === "gpt-4" && l.method === "verbalize");
    expect(nyt.filter((l) => l.listedTwice).map((l) => l.steering).sort()).toEqual([
      "few-shot", "few-shot", "few-shot", "few-shot", "persona", "persona", "persona", "persona",
    ]);
  });

  it("is deterministic under a seed and moves with another seed", async () => {
    const data = loadBenchmarkData(testDataDir());
    const a = await reproduce({ mode: "paper", data, iterations: 200, seed: 7, models: ["gpt-4"] });
    const b = await reproduce({ mode: "paper", data, iterations: 200, seed: 7, models: ["gpt-4"] });
    const c = await reproduce({ mode: "paper", data, iterations: 200, seed: 8, models: ["gpt-4"] });
    expect(b.table1a).toEqual(a.table1a);
    expect(c.table1a[0]?.halfWidth).not.toBe(a.table1a[0]?.halfWidth);
    expect(c.table1a[0]?.mean).toBe(a.table1a[0]?.mean);
  });
});

describe("parallel bootstrap", () => {
  it("gives the same tables on one thread and on two", async () => {
    const data = loadBenchmarkData(testDataDir());
    const one = await reproduce({ mode: "paper", data, iterations: 1000, threads: 1, models: ["gpt-4", "llama3-70b"] });
    const two = await reproduce({ mode: "paper", data, iterations: 1000, threads: 2, models: ["gpt-4", "llama3-70b"] });
    expect(two.table1a).toEqual(one.table1a);
    expect(two.breakdown).toEqual(one.breakdown);
  });
});
