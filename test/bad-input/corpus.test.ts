/**
 * The bad-input corpus through the real command line: every corruption of corruptions.ts, in
 * both modes and on 1 and 2 threads, must end either with a non-zero exit and exactly one
 * `distalign:` line naming the file (and key), or with the clean data's output, byte for byte.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pLimit from "p-limit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadCoinResults } from "../../src/data/coin";
import { DataError, oneLine } from "../../src/errors";
import { testDataDir } from "../helpers/data-dir";
import { type Corruption, corruptions } from "./corruptions";
import { corruptedDataDir } from "./mirror";

const BIN = join(__dirname, "..", "..", "bin", "distalign.cjs");
const MODES = ["paper", "corrected"] as const;
const THREADS = [1, 2] as const;
const ITERATIONS = "4";
const SEED = "7";

interface Run {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
  /** The CSV files written, name → content. */
  readonly files: Record<string, string>;
}

const dataDir = testDataDir();
const scratch = mkdtempSync(join(tmpdir(), "distalign-corpus-"));
const corpus = corruptions(dataDir);
const runs = new Map<string, Run>();
const mirrors = new Map<string, string>();
const key = (name: string, mode: string, threads: number) => `${name}|${mode}|${threads}`;
const clean = (models: Corruption["models"]) => `(clean: ${modelSet(models)})`;

/** The `--model` arguments of a model set. */
function modelArgs(models: Corruption["models"]): string[] {
  const list = models ?? ["gpt-4"];
  return list === "all" ? [] : ["--model", ...list];
}

const modelSet = (models: Corruption["models"]) => modelArgs(models).join(" ") || "all";

function reproduce(dir: string, models: Corruption["models"], mode: string, threads: number, out: string): Promise<Run> {
  const args = [BIN, "reproduce", "--mode", mode, "--threads", String(threads), "--iterations", ITERATIONS, "--seed", SEED, "--quiet", "--data-dir", dir, "--out", out, ...modelArgs(models)];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { env: { ...process.env, DISTALIGN_DATA_DIR: dir } });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.stderr.on("data", (chunk) => (stderr += chunk));
    child.on("error", reject);
    child.on("close", (status) => {
      let files: Record<string, string> = {};
      try {
        files = Object.fromEntries(readdirSync(out).map((name) => [name, readFileSync(join(out, name), "utf8")]));
      } catch {
        files = {};
      }
      resolve({ status, stdout, stderr, files });
    });
  });
}

beforeAll(async () => {
  const started = Date.now();
  const limit = pLimit(2);
  const tasks: Promise<void>[] = [];
  let n = 0;
  const schedule = (name: string, dir: string, models: Corruption["models"], mode: string, threads: number) =>
    tasks.push(limit(async () => void runs.set(key(name, mode, threads), await reproduce(dir, models, mode, threads, join(scratch, `out-${n++}`)))));
  // The clean data's output for every model set of the "same" corruptions.
  for (const models of new Map(corpus.filter((c) => c.outcome === "same").map((c) => [modelSet(c.models), c.models])).values()) {
    for (const mode of MODES) for (const threads of THREADS) schedule(clean(models), dataDir, models, mode, threads);
  }
  // Corruptions expected to stop at load time are cheap; they run first, the full runs after.
  const ordered = [...corpus].sort((a, b) => Number(a.outcome === "same") - Number(b.outcome === "same"));
  for (const corruption of ordered) {
    const dir = corruptedDataDir(dataDir, corruption.files(dataDir), join(scratch, "data-"));
    mirrors.set(corruption.name, dir);
    for (const mode of MODES) for (const threads of THREADS) schedule(corruption.name, dir, corruption.models, mode, threads);
  }
  await Promise.all(tasks);
  process.stdout.write(`bad-input corpus: ${corpus.length} corruptions, ${tasks.length} runs in ${((Date.now() - started) / 1000).toFixed(0)} s\n`);
}, 1_800_000);

afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe("the bad-input corpus", () => {
  it("has at least 60 corruptions across every loader, with distinct names", () => {
    expect(corpus.length).toBeGreaterThanOrEqual(60);
    expect(new Set(corpus.map((c) => c.name)).size).toBe(corpus.length);
    expect(new Set(corpus.map((c) => c.loader))).toEqual(new Set(["results", "opinionqa", "nytimes", "globalvalues", "human", "coin"]));
    expect(corpus.filter((c) => c.outcome !== "same").length).toBeGreaterThanOrEqual(60);
  });

  it("runs the clean data identically on 1 and 2 threads", () => {
    const cleanRuns = [...new Set([...runs.keys()].filter((k) => k.startsWith("(clean")).map((k) => k.split("|")[0] as string))];
    expect(cleanRuns).toContain(clean("all"));
    for (const name of cleanRuns) {
      for (const mode of MODES) {
        const one = runs.get(key(name, mode, 1)) as Run;
        expect(one.stderr).toBe("");
        expect(one.status).toBe(0);
        expect(Object.keys(one.files).length).toBeGreaterThanOrEqual(3);
        expect(runs.get(key(name, mode, 2))?.files).toEqual(one.files);
      }
    }
  });

  it.each(corpus.map((c) => [c.name, c] as [string, Corruption]))("%s", (_, corruption) => {
    const mirror = mirrors.get(corruption.name) as string;
    for (const mode of MODES) {
      for (const threads of THREADS) {
        const run = runs.get(key(corruption.name, mode, threads)) as Run;
        const where = `${mode} mode, ${threads} thread(s)`;
        if (corruption.outcome === "same") {
          expect(run.stderr, where).toBe("");
          expect(run.status, where).toBe(0);
          const compared = (files: Record<string, string> | undefined) => Object.fromEntries(Object.entries(files ?? {}).filter(([name]) => !(corruption.differs ?? []).includes(name)));
          expect(Object.keys(run.files), where).toEqual(Object.keys(runs.get(key(clean(corruption.models), mode, 1))?.files ?? {}));
          expect(compared(run.files), where).toEqual(compared(runs.get(key(clean(corruption.models), mode, 1))?.files));
          continue;
        }
        const { file, key: faultKey } = corruption.outcome.error;
        expect(run.status, where).not.toBe(0);
        const lines = run.stderr.split("\n").filter((line) => line !== "");
        expect(lines, `${where}: ${run.stderr}`).toHaveLength(1);
        const line = lines[0] as string;
        expect(line.startsWith("distalign: "), where).toBe(true);
        expect(line, where).toContain(join(mirror, file));
        if (faultKey !== undefined) expect(line, where).toContain(oneLine(faultKey));
        expect(run.stderr, where).not.toMatch(/\n\s+at |Terminating worker|unexpected error/);
      }
    }
    if (corruption.loader === "coin") {
      // reproduce does not read the coin results; their loader rejects the same corruption.
      const [file] = Object.keys(corruption.files(dataDir));
      expect(() => loadCoinResults(mirror)).toThrow(DataError);
      expect(() => loadCoinResults(mirror)).toThrow(join(mirror, file as string));
    }
  });
});
