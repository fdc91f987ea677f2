/**
 * Errors across the worker-thread boundary: a DataError raised in a worker reaches the caller
 * with its class, message, file and key; a failure on this thread while a worker task is
 * pending tears the pool down without an unhandled rejection (vitest fails a run on one).
 */
import { spawnSync } from "node:child_process";
import { readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import Papa from "papaparse";
import { afterEach, describe, expect, it } from "vitest";
import { DataError, DistalignError, ParseError, UsageError } from "../../src/errors";
import { loadBenchmarkData } from "../../src/benchmark/benchmark-data";
import { reproduce } from "../../src/reproduce/reproduce";
import { captureDistalignError, rebuildError, unwrapOutcome } from "../../src/benchmark/worker-errors";
import { testDataDir } from "../helpers/data-dir";
import { corruptedDataDir } from "../bad-input/mirror";

const dataDir = testDataDir();
const mirrors: string[] = [];
afterEach(() => {
  for (const dir of mirrors.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function mirror(replacements: Record<string, string>): string {
  const dir = corruptedDataDir(dataDir, replacements);
  mirrors.push(dir);
  return dir;
}

/** What reproduce rejects with, or undefined when it resolves. */
async function failure(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
    return undefined;
  } catch (error) {
    return error;
  }
}

describe("serialising distalign errors", () => {
  it("keeps the class, message, file and key of a DataError", () => {
    const outcome = captureDistalignError(() => {
      throw new DataError("f.json: q1: bad", "f.json", "q1");
    });
    const thrown = (() => {
      try {
        unwrapOutcome(structuredClone(outcome));
      } catch (error) {
        return error;
      }
    })();
    expect(thrown).toBeInstanceOf(DataError);
    expect(thrown).toMatchObject({ name: "DataError", message: "f.json: q1: bad", file: "f.json", key: "q1" });
  });

  it("keeps a UsageError's class, turns other distalign errors into DistalignError and rethrows the rest", () => {
    expect(rebuildError({ name: "UsageError", message: "bad flag" })).toBeInstanceOf(UsageError);
    const parse = captureDistalignError(() => {
      throw new ParseError("no distribution", "raw");
    });
    const rebuilt = "distalignError" in parse ? rebuildError(parse.distalignError) : undefined;
    expect(rebuilt).toBeInstanceOf(DistalignError);
    expect(rebuilt?.message).toBe("no distribution");
    expect(() => captureDistalignError(() => {
      throw new TypeError("a bug");
    })).toThrow(TypeError);
    expect(captureDistalignError(() => 42)).toEqual({ value: 42 });
  });
});

describe("reproduce on two threads", () => {
  const humanExport = join("results", "human_annotations", "Distributional_Alignment_Persona_Steering_May 21, 2024_19.06.csv");

  it("rethrows a worker's DataError with its file and key", async () => {
    const rows = Papa.parse<string[]>(readFileSync(join(dataDir, humanExport), "utf8"), { skipEmptyLines: true }).data;
    const column = (rows[0] as string[]).indexOf("4_Q135_1");
    // The first respondent row that answered the column gets an answer of 300.
    const row = rows.findIndex((cells, i) => i >= 3 && (cells[column] ?? "") !== "");
    expect(row).toBeGreaterThan(2);
    (rows[row] as string[])[column] = "300";
    const dir = mirror({ [humanExport]: Papa.unparse(rows) });
    const error = await failure(reproduce({ mode: "paper", data: loadBenchmarkData(dir), iterations: 2, threads: 2, models: ["gpt-4"] }));
    expect(error).toBeInstanceOf(DataError);
    expect(error).toMatchObject({ file: join(dir, humanExport), key: "4_Q135_1" });
    expect((error as Error).message).toMatch(/4_Q135_1: percentage 300 outside 0–100/);
  });

  it("fails cleanly when this thread fails while the worker is still scoring", async () => {
    const cell = join("results", "opinionqa", "express_distribution", "gpt-4", "task1", "Pew_American_Trends_Panel_disagreement_100", "POLPARTY", "Democrat.json");
    const dir = mirror({ [cell]: "{}" });
    const error = await failure(reproduce({ mode: "corrected", data: loadBenchmarkData(dir), iterations: 2, threads: 2 }));
    expect(error).toBeInstanceOf(DataError);
    expect((error as DataError).file).toBe(join(dir, cell));
    // Give a terminated worker's rejection the chance to surface as unhandled.
    await new Promise((resolve) => setTimeout(resolve, 200));
  });
});

describe("distalign reproduce options", () => {
  const BIN = join(__dirname, "..", "..", "bin", "distalign.cjs");
  const run = (args: string[]) =>
    spawnSync(process.execPath, [BIN, "reproduce", ...args], { encoding: "utf8", env: { ...process.env, DISTALIGN_DATA_DIR: dataDir } });

  it.each(["abc", "1.5", "-1", "", "1e3"])("refuses --seed %j in one line", (seed) => {
    const result = run(["--seed", seed, "--iterations", "2"]);
    expect(result.status).toBe(2);
    expect(result.stderr).toBe(`distalign: --seed must be a non-negative integer up to 4294967295 (got "${seed}")\n`);
  });

  it.each(["0", "x", "2.5"])("refuses --threads %j in one line", (threads) => {
    const result = run(["--threads", threads, "--iterations", "2"]);
    expect(result.status).toBe(2);
    expect(result.stderr).toBe(`distalign: --threads must be a positive integer (got "${threads}")\n`);
  });
});
