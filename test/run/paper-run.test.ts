/**
 * `paper/<model>` runs: the published outputs answer the grid through the executor, with no
 * network and a read-only cache, and scoring them reproduces corrected mode exactly.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { loadPromptData, type PromptData } from "../../src/prompts/prompt-data";
import { loadBenchmarkData } from "../../src/benchmark/benchmark-data";
import { correctedModelScores } from "../../src/reproduce/corrected-scores";
import { executeRun, planRun, scoreRunDir } from "../../src/run/benchmark-run";
import { matchedPaperScores } from "../../src/run/compare-with-paper";
import { planUnits } from "../../src/run/grid";
import { DATASETS } from "../../src/types";
import { testDataDir } from "../helpers/data-dir";
import { makeTempDir } from "../helpers/temp-dir";

let data: PromptData;
beforeAll(() => {
  data = loadPromptData(loadBenchmarkData(testDataDir()));
});

describe("a paper/gpt-4 run", () => {
  it("reproduces corrected mode's scores of every published gpt-4 cell, item for item", async () => {
    const outputDir = makeTempDir();
    const planned = await planRun({ models: ["paper/gpt-4"], steerings: ["none", "persona", "few-shot"], outputDir, data, cacheMode: "read-only", cacheDir: makeTempDir(), concurrency: 16 });
    expect(planned.plan.skipped.map((s) => `${s.dataset}/${s.steering}/${s.method}`).sort()).toEqual(["globalvalues/none/logprobs", "globalvalues/none/sequence", "globalvalues/none/verbalize"]);
    const summary = await executeRun(planned, { quiet: true });
    // the three OpinionQA questions whose published no-steering answers have another option count than the prompt
    expect(summary.failed).toBe(9);
    expect(summary.ok).toBe(planned.plan.items.length - 9);
    const scores = scoreRunDir(data, outputDir);
    const reference = correctedModelScores(data.benchmark, DATASETS, ["gpt-4"]);
    expect(reference.length).toBe(4 * (6 + 4) * 3 + 4 * 3 * 2);
    for (const expected of reference) {
      const got = scores.lists.find((l) => l.dataset === expected.dataset && l.steering === expected.steering && l.method === expected.method && l.group === expected.group);
      expect(got, `${expected.dataset} ${expected.steering} ${expected.method} ${expected.group}`).toBeDefined();
      expect([got?.attempted, got?.parsed]).toEqual([expected.attempted, expected.parsed]);
      expect(got?.values.length).toBe(expected.values.length);
      // TS-Log-p's temperature is found to a tolerance of 1e-5 on τ, over items pooled in another
      // order, so it agrees to about 1e-7; everything else is the same arithmetic.
      const digits = expected.method === "ts-logprobs" ? 6 : 9;
      got?.values.forEach((value, i) => expect(value).toBeCloseTo(expected.values[i] as number, digits));
    }
  }, 120_000);

  it("matches the paper's models on a run's units by their published outputs", () => {
    const units = planUnits(data, { datasets: ["nytimes"], limit: 3, groups: ["Female"], methods: ["logprobs"] }, { prompts: false }).map((u) => u.unit);
    const scores = matchedPaperScores(data.benchmark, units);
    expect([...new Set(scores.lists.map((l) => l.model))].sort()).toEqual(["gpt-3.5-turbo-0125", "gpt-4", "llama3-70b"]);
    const reference = correctedModelScores(data.benchmark, ["nytimes"], ["llama3-70b"]).find((l) => l.steering === "persona" && l.method === "logprobs" && l.group === "SEX/Female");
    const got = scores.lists.find((l) => l.model === "llama3-70b" && l.steering === "persona" && l.method === "logprobs");
    expect(got?.values.length).toBe(3);
    got?.values.forEach((value, i) => expect(value).toBeCloseTo(reference?.values[i] as number, 12));
  });
});
