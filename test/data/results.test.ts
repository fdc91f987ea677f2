import { mkdtempSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { DataError, UsageError } from "../../src/errors";
import { requireDataDir } from "../../src/data/data-dir";
import { SCORED_GROUPS, hasPublishedCell, loadResultCell, resultPath } from "../../src/data/results";
import { DATASETS, PAPER_MODELS, SCORED_METHODS, STEERINGS } from "../../src/types";
import { testDataDir } from "../helpers/data-dir";

const dataDir = testDataDir();

describe("loadResultCell", () => {
  it("loads the 448 published files of the scored grid", () => {
    let files = 0;
    let entries = 0;
    for (const dataset of DATASETS)
      for (const method of SCORED_METHODS)
        for (const model of PAPER_MODELS)
          for (const steering of STEERINGS) {
            if (!hasPublishedCell({ dataset, method, model, steering })) continue;
            const groups = steering === "none" ? SCORED_GROUPS[dataset].slice(0, 1) : SCORED_GROUPS[dataset];
            for (const group of groups) {
              entries += loadResultCell(dataDir, { dataset, method, model, steering, group }).entries.length;
              files += 1;
            }
          }
    expect(files).toBe(448);
    expect(entries).toBeGreaterThan(60_000);
  });

  it("reads Python NaN predictions of rescaled files as NaN", () => {
    const cell = loadResultCell(dataDir, {
      dataset: "opinionqa",
      method: "ts-logprobs",
      model: "gpt-3.5-turbo-0125",
      steering: "persona",
      group: { attribute: "SEX", value: "Female" },
    });
    const withNaN = cell.entries.filter((e) => Object.values(e.prediction).some(Number.isNaN));
    expect(withNaN.length).toBeGreaterThan(0);
  });

  it("refuses an unknown model with the valid names", () => {
    const ref = { dataset: "nytimes", method: "verbalize", model: "gpt-5", steering: "persona", group: SCORED_GROUPS.nytimes[0]! } as const;
    expect(() => loadResultCell(dataDir, ref)).toThrow(UsageError);
    expect(() => loadResultCell(dataDir, ref)).toThrow(/unknown model "gpt-5".*gpt-4/);
  });

  it("refuses a cell the paper did not publish", () => {
    const ref = { dataset: "nytimes", method: "logprobs", model: "anthropic_opus", steering: "persona", group: SCORED_GROUPS.nytimes[0]! } as const;
    expect(() => loadResultCell(dataDir, ref)).toThrow(/no published logprobs outputs for anthropic_opus/);
  });

  it("names the file of a truncated JSON result", () => {
    const ref = { dataset: "nytimes", method: "sequence", model: "gpt-4", steering: "persona", group: SCORED_GROUPS.nytimes[0]! } as const;
    const copy = mkdtempSync(join(tmpdir(), "distalign-data-"));
    const path = resultPath(ref);
    mkdirSync(dirname(join(copy, path)), { recursive: true });
    const text = readFileSync(join(dataDir, path), "utf8");
    writeFileSync(join(copy, path), text.slice(0, text.length / 2));
    expect(() => loadResultCell(copy, ref)).toThrow(DataError);
    expect(() => loadResultCell(copy, ref)).toThrow(new RegExp(`${path.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}: truncated JSON`));
  });

  it("names the file and key of a malformed entry", () => {
    const ref = { dataset: "nytimes", method: "sequence", model: "gpt-4", steering: "persona", group: SCORED_GROUPS.nytimes[0]! } as const;
    const copy = mkdtempSync(join(tmpdir(), "distalign-data-"));
    const path = resultPath(ref);
    mkdirSync(dirname(join(copy, path)), { recursive: true });
    writeFileSync(join(copy, path), JSON.stringify({ "Some Book By Someone": { avg_actual_results: { A: "0.5" } } }));
    expect(() => loadResultCell(copy, ref)).toThrow(/Some Book By Someone\.avg_actual_results\.A: expected a number, got "0\.5"/);
  });
});

describe("requireDataDir", () => {
  it("explains how to configure the data when the directory does not exist", () => {
    expect(() => requireDataDir(join(tmpdir(), "no-such-distalign-data"))).toThrow(/does not exist/);
  });

  it("rejects a directory without the benchmark layout", () => {
    expect(() => requireDataDir(tmpdir())).toThrow(/does not look like the benchmark repository/);
  });
});
