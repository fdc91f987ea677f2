/**
 * The heading of `distalign score DIR`'s table says the paper's models are scored beside the run
 * only when they are: for a run on the paper's datasets, not for a survey of your own.
 */
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { distalign } from "../helpers/cli";
import { makeTempDir } from "../helpers/temp-dir";

const SURVEY = join(__dirname, "..", "..", "data", "surveys", "example-survey.csv");
const RUN = ["--model", "baseline/uniform", "--method", "verbalize", "--steering", "persona,few-shot", "--limit", "2", "--cache-mode", "off", "--progress", "none", "--no-score"];

async function scoredHeadings(grid: readonly string[]): Promise<{ headings: string[]; stdout: string }> {
  const out = join(makeTempDir(), "run");
  const run = await distalign(["run", ...RUN, ...grid, "--out", out]);
  expect(run.status, run.stderr).toBe(0);
  const score = await distalign(["score", out, "--iterations", "20"]);
  expect(score.status, score.stderr).toBe(0);
  return { headings: score.stdout.split("\n").filter((line) => line.startsWith("TV by model × method")), stdout: score.stdout };
}

describe("distalign score: the table's heading", () => {
  it("a run on a paper dataset: the paper's models on the same questions and groups", async () => {
    const { headings, stdout } = await scoredHeadings(["--dataset", "opinionqa", "--groups", "Democrat"]);
    expect(headings).toEqual(["TV by model × method, persona + few-shot (lower is better; datasets weighted equally; the paper's models scored on the same questions and groups):"]);
    expect(stdout).toMatch(/^gpt-4\s+V\s+persona\+few-shot\s+0\.\d{4}/m);
  }, 60_000);

  it("a survey of your own: the run's models alone, and no word of the paper's", async () => {
    const { headings, stdout } = await scoredHeadings(["--survey", SURVEY]);
    expect(headings).toEqual(["TV by model × method, persona + few-shot (lower is better; datasets weighted equally):"]);
    expect(stdout).toMatch(/^baseline\/uniform\s+V\s+persona\+few-shot\s+0\.\d{4}/m);
    expect(stdout).not.toMatch(/^gpt-4\s/m);
    expect(stdout).not.toContain("the paper's models");
  }, 60_000);
});
