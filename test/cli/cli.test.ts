/** The command line, run as a user runs it: one clear line on anticipated failures, files on success. */
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { testDataDir } from "../helpers/data-dir";
import { makeTempDir } from "../helpers/temp-dir";

const BIN = join(__dirname, "..", "..", "bin", "distalign.cjs");

function distalign(args: string[], env: Record<string, string | undefined> = {}) {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    encoding: "utf8",
    env: { ...process.env, DISTALIGN_DATA_DIR: testDataDir(), ...env },
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe("distalign reproduce", () => {
  it("writes the tables and prints them", () => {
    const out = makeTempDir();
    const run = distalign(["reproduce", "--mode", "paper", "--model", "gpt-4", "--iterations", "20", "--out", out]);
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/table1a \(paper mode\)/);
    expect(readFileSync(join(out, "table1a.csv"), "utf8").split("\n")[0]).toBe("model,method,mean,half_width,parse_rate");
    expect(readFileSync(join(out, "table1b.csv"), "utf8")).toMatch(/^model,kss,ci_low,ci_high,kss_both_parsed,ci_low_both_parsed,ci_high_both_parsed\ngpt-4,0\.21/);
    expect(readFileSync(join(out, "breakdown.csv"), "utf8").split("\n")[0]).toBe("dataset,steering,model,method,mean,half_width,n,parse_rate");
  });

  it("writes differences.csv in corrected mode", () => {
    const out = makeTempDir();
    const run = distalign(["reproduce", "--mode", "corrected", "--model", "anthropic_opus", "--iterations", "20", "--quiet", "--out", out]);
    expect(run.status).toBe(0);
    const differences = readFileSync(join(out, "differences.csv"), "utf8");
    expect(differences.split("\n")[0]).toBe("table,dataset,steering,model,method,paper_mean,corrected_mean,delta");
    expect(differences).toMatch(/table1a,all,persona\+few-shot,anthropic_opus,V,0\.22\d+,0\.20\d+,-0\.01\d+/);
  });
});

describe("distalign errors", () => {
  it("says how to point at the data when none is configured", () => {
    const run = distalign(["reproduce"], { DISTALIGN_DATA_DIR: "", DISTALIGN_OUTPUT_DIR: makeTempDir() });
    expect(run.status).toBe(1);
    expect(run.stderr.trim().split("\n")).toEqual([expect.stringMatching(/^distalign: no benchmark data directory: set DISTALIGN_DATA_DIR/)]);
  });

  it("names an unknown model in one line", () => {
    const run = distalign(["reproduce", "--model", "gpt-5"]);
    expect(run.status).toBe(2);
    expect(run.stderr).toBe(
      'distalign: unknown model "gpt-5" (published outputs exist for gpt-3.5-turbo-0125, gpt-4, anthropic_haiku, anthropic_opus, llama3-70b)\n',
    );
  });

  it("names a truncated data file in one line", () => {
    const dataDir = testDataDir();
    const copy = makeTempDir();
    for (const name of ["opinions_qa", "Global_Values", "results", "inputs"]) symlinkSync(join(dataDir, name), join(copy, name));
    mkdirSync(join(copy, "nytimes"));
    writeFileSync(join(copy, "nytimes", "NONE_data.json"), readFileSync(join(dataDir, "nytimes", "NONE_data.json"), "utf8").slice(0, 5000));
    const run = distalign(["reproduce"], { DISTALIGN_DATA_DIR: copy });
    expect(run.status).toBe(1);
    expect(run.stderr.trim().split("\n")).toHaveLength(1);
    expect(run.stderr).toMatch(/^distalign: .*nytimes\/NONE_data\.json: truncated JSON/);
  });
});
