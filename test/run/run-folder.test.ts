/**
 * Run folders that are not what they should be. A corpus of results.jsonl corruptions of a real
 * run (paper/gpt-4, offline): each bad line is reported naming its line number, counts as neither
 * done nor in any denominator, and scoring never crashes: the scores equal those of the folder
 * without that line, or of the clean folder when the change cannot alter a number. `score` on a
 * path that is not a run folder, and `run --name` outside output/runs/, are one-line errors.
 */
import { spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadPromptData, type PromptData } from "../../src/prompts/prompt-data";
import { loadBenchmarkData } from "../../src/benchmark/benchmark-data";
import { executeRun, planRun, type RunFolderScores, scoreRunDir } from "../../src/run/benchmark-run";
import { testDataDir } from "../helpers/data-dir";
import { startFakeServer } from "../helpers/fake-server";
import { makeTempDir } from "../helpers/temp-dir";
import { distalign } from "../helpers/cli";



let data: PromptData;
let clean: string;
let cleanLines: string[];

const GRID = { models: ["paper/gpt-4"], datasets: ["opinionqa" as const], groups: ["Democrat"], limit: 3 };

beforeAll(async () => {
  data = loadPromptData(loadBenchmarkData(testDataDir()));
  clean = mkdtempSync(join(tmpdir(), "distalign-run-folder-"));
  const planned = await planRun({ ...GRID, outputDir: clean, data, cacheMode: "off" });
  const summary = await executeRun(planned, { quiet: true });
  expect(summary.ok).toBe(18);
  cleanLines = readFileSync(join(clean, "results.jsonl"), "utf8").trimEnd().split("\n");
  TARGET = cleanLines.findIndex((line) => JSON.parse(line).meta.method === "logprobs");
}, 60_000);

afterAll(() => {
  rmSync(clean, { recursive: true, force: true });
});

function copyRun(lines: readonly string[]): string {
  const dir = join(makeTempDir(), "run");
  mkdirSync(dir);
  copyFileSync(join(clean, "run.json"), join(dir, "run.json"));
  writeFileSync(join(dir, "results.jsonl"), `${lines.join("\n")}\n`);
  return dir;
}

/** Scores without the warnings, to compare folders. */
function numbers(scores: RunFolderScores) {
  const { warnings: _warnings, ...rest } = scores;
  return rest;
}

type Line = Record<string, any>;
/** Index of the line changed: the first (ok) Log-p line, which has tokens. */
let TARGET = -1;

interface Corruption {
  readonly name: string;
  /** The new text of the target line (or lines, to insert). */
  readonly make: (line: Line, text: string) => string | string[];
  /** "dropped": scored as if the line were absent, with a warning naming it; "same": scores as the clean folder. */
  readonly effect: "dropped" | "same";
  readonly warning?: RegExp;
}

const change = (edit: (line: Line) => void) => (line: Line) => {
  const copy = structuredClone(line);
  edit(copy);
  return JSON.stringify(copy);
};

const CORRUPTIONS: readonly Corruption[] = [
  { name: "ok line without a completion", make: change((l) => delete l.completion), effect: "dropped", warning: /an ok line without a valid completion \(completion is undefined, not an object\)/ },
  { name: "completion text missing", make: change((l) => delete l.completion.text), effect: "dropped", warning: /completion\.text is undefined/ },
  { name: 'tokens "garbage"', make: change((l) => (l.completion.tokens = "garbage")), effect: "dropped", warning: /completion\.tokens is "garbage", not an array/ },
  { name: "non-numeric top log-prob", make: change((l) => (l.completion.tokens[0].topLogprobs[0].logprob = "x")), effect: "dropped", warning: /logprob is "x", not a finite number ≤ 0/ },
  { name: "tokens not objects", make: change((l) => (l.completion.tokens = [1, 2])), effect: "dropped", warning: /completion\.tokens\[0\] is 1/ },
  { name: "usage negative", make: change((l) => (l.completion.usage.inputTokens = -5)), effect: "dropped", warning: /completion\.usage\.inputTokens is -5, not a count/ },
  { name: "unknown status", make: change((l) => (l.status = "done")), effect: "dropped", warning: /status "done" is not one of ok, failed, truncated, refused/ },
  { name: "id missing", make: change((l) => delete l.id), effect: "dropped", warning: /id is not a string/ },
  { name: "model not a string", make: change((l) => (l.model = 4)), effect: "dropped", warning: /model is not a string/ },
  { name: "requestKey missing", make: change((l) => delete l.requestKey), effect: "dropped", warning: /requestKey is not a string/ },
  { name: "cached not a boolean", make: change((l) => (l.cached = "no")), effect: "dropped", warning: /cached is not a boolean/ },
  { name: "cost not a cost", make: change((l) => (l.costUsd = "free")), effect: "dropped", warning: /costUsd is not a cost/ },
  { name: "failed line without its error", make: change((l) => ((l.status = "failed"), delete l.completion)), effect: "dropped", warning: /error is not a \{name, message\} object/ },
  { name: "truncated line without its partial answer", make: change((l) => ((l.status = "truncated"), delete l.completion)), effect: "dropped", warning: /a truncated line without its partial answer/ },
  { name: "not JSON", make: () => "garbage", effect: "dropped", warning: /not a JSON line/ },
  { name: "half a line", make: (_l, text) => text.slice(0, 50), effect: "dropped", warning: /not a JSON line/ },
  { name: "a JSON array", make: () => "[1, 2]", effect: "dropped", warning: /not a result object/ },
  { name: "id outside the grid", make: change((l) => (l.id = `${l.id}-elsewhere`)), effect: "dropped", warning: /1 result lines name items outside the run's grid \(e\.g\. paper\/gpt-4\|.*-elsewhere\); not scored/ },
  { name: "id of another model", make: change((l) => (l.id = l.id.replace("paper/gpt-4|", "openai/gpt-4o-mini|"))), effect: "dropped", warning: /outside the run's grid/ },
  { name: "line's model differs from its id's", make: change((l) => (l.model = "paper/llama3-70b")), effect: "dropped", warning: /model is "paper\/llama3-70b", but the item is of paper\/gpt-4; not scored/ },
  { name: "meta of another question", make: change((l) => ((l.meta.questionId = "XXX"), (l.meta.options = ["a"]))), effect: "same" },
  { name: "meta removed", make: change((l) => delete l.meta), effect: "same" },
  { name: "line duplicated", make: (_l, text) => [text, text], effect: "same" },
  { name: "empty lines around", make: (_l, text) => ["", text, "   "], effect: "same" },
  { name: "a foreign ok line added", make: (line, text) => [text, JSON.stringify({ ...line, id: "someone|else" })], effect: "same", warning: /1 result lines name items outside the run's grid \(e\.g\. someone\|else\)/ },
];

describe("results.jsonl corruptions", () => {
  it("the target line is an ok Log-p line", () => {
    const line = JSON.parse(cleanLines[TARGET] as string);
    expect([line.status, line.meta.method, Array.isArray(line.completion.tokens)]).toEqual(["ok", "logprobs", true]);
  });

  for (const corruption of CORRUPTIONS) {
    it(`${corruption.name}: ${corruption.effect === "dropped" ? "reported by line number, neither done nor scored" : "scores unchanged"}`, async () => {
      const target = cleanLines[TARGET] as string;
      const made = corruption.make(JSON.parse(target), target);
      const lines = [...cleanLines.slice(0, TARGET), ...(Array.isArray(made) ? made : [made]), ...cleanLines.slice(TARGET + 1)];
      const dir = copyRun(lines);
      const scores = scoreRunDir(data, dir);
      const expected = corruption.effect === "same" ? scoreRunDir(data, clean) : scoreRunDir(data, copyRun(cleanLines.filter((_, i) => i !== TARGET)));
      expect(numbers(scores)).toEqual(numbers(expected));
      if (corruption.warning === undefined) {
        expect(scores.warnings).toEqual([]);
      } else {
        expect(scores.warnings).toHaveLength(1);
        expect(scores.warnings[0]).toMatch(new RegExp(`^${join(dir, "results.jsonl")} line ${TARGET + 1 + (Array.isArray(made) && made.length > 1 && corruption.effect === "same" ? 1 : 0)}: `));
        expect(scores.warnings[0]).toMatch(corruption.warning);
      }
      // the executor does not count a dropped line as done: its item is priced and run again
      const planned = await planRun({ ...GRID, outputDir: dir, data, cacheMode: "off" });
      expect(planned.estimates[0]?.alreadyDone).toBe(corruption.effect === "dropped" ? 17 : 18);
    });
  }

  it("distalign score reports a bad line on stderr and scores the rest (exit 0)", async () => {
    const target = JSON.parse(cleanLines[TARGET] as string);
    const dir = copyRun([...cleanLines.slice(0, TARGET), JSON.stringify({ ...target, completion: { ...target.completion, tokens: "garbage" } }), ...cleanLines.slice(TARGET + 1)]);
    const result = await distalign(["score", dir, "--iterations", "20"]);
    expect(result.status).toBe(0);
    expect(result.stderr).toBe(
      `warning: ${join(dir, "results.jsonl")} line ${TARGET + 1}: ${target.id}: an ok line without a valid completion (completion.tokens is "garbage", not an array); line ignored (the item runs again)\n`,
    );
    expect(result.stdout).toMatch(/^paper\/gpt-4\s+Log-p\s+persona\+few-shot/m);
  });
});

describe("distalign score on a path that is not a run folder", () => {
  const cases: { name: string; make: (root: string) => string; message: (path: string) => string; status: number }[] = [
    { name: "missing", make: (root) => join(root, "absent"), message: (p) => `distalign: ${p}: no such run folder\n`, status: 2 },
    { name: "a file", make: (root) => (writeFileSync(join(root, "f.txt"), "x"), join(root, "f.txt")), message: (p) => `distalign: ${p}: not a run folder (a file; give the folder distalign run wrote, e.g. output/runs/<name>)\n`, status: 2 },
    { name: "an empty folder", make: (root) => root, message: (p) => `distalign: ${p}: not a run folder (no run.json; distalign run writes run.json and results.jsonl)\n`, status: 2 },
    {
      name: "results.jsonl without run.json",
      make: (root) => (writeFileSync(join(root, "results.jsonl"), `${cleanLines.join("\n")}\n`), root),
      message: (p) => `distalign: ${p}: not a run folder (no run.json; distalign run writes run.json and results.jsonl)\n`,
      status: 2,
    },
    {
      name: "run.json without results.jsonl",
      make: (root) => (copyFileSync(join(clean, "run.json"), join(root, "run.json")), root),
      message: (p) => `distalign: ${p}: not a run folder (no results.jsonl; distalign run writes run.json and results.jsonl)\n`,
      status: 2,
    },
    {
      name: "run.json not JSON",
      make: (root) => (writeFileSync(join(root, "run.json"), "{"), writeFileSync(join(root, "results.jsonl"), ""), root),
      message: (p) => `distalign: ${join(p, "run.json")}: not valid JSON (${(() => { try { JSON.parse("{"); } catch (e) { return (e as Error).message; } return ""; })()})\n`,
      status: 1,
    },
    {
      name: "run.json without models",
      make: (root) => (writeFileSync(join(root, "run.json"), JSON.stringify({ datasets: ["opinionqa"] })), writeFileSync(join(root, "results.jsonl"), ""), root),
      message: (p) => `distalign: ${join(p, "run.json")}: models: not a non-empty array of strings (undefined)\n`,
      status: 1,
    },
    {
      name: "run.json with an unknown dataset",
      make: (root) => (writeFileSync(join(root, "run.json"), JSON.stringify({ models: ["paper/gpt-4"], datasets: ["mmlu"] })), writeFileSync(join(root, "results.jsonl"), ""), root),
      message: (p) => expect.stringMatching(new RegExp(`^distalign: ${join(p, "run.json")}: datasets.*mmlu.*\\n$`)) as unknown as string,
      status: 1,
    },
  ];
  for (const { name, make, message, status } of cases) {
    it(`${name}: one line, exit ${status}`, async () => {
      const path = make(makeTempDir());
      const result = await distalign(["score", path, "--iterations", "20"]);
      expect(result.stderr).toEqual(message(path));
      expect(result.status).toBe(status);
      expect(result.stdout).toBe("");
    });
  }
});

describe("distalign run --name", () => {
  const BAD = ["../../x", "..", ".", "/tmp/abs", "a/b", "a\\b", ".hidden", "", "x y", "runs/../../up", "~", "a:b"];
  it(`refuses ${BAD.length} names that are not one folder inside output/runs/, in one line, writing nothing`, async () => {
    const outputs = makeTempDir();
    for (const name of BAD) {
      const result = await distalign(["run", "--model", "paper/gpt-4", "--limit", "1", "--name", name], { DISTALIGN_OUTPUT_DIR: outputs });
      expect(result.status, JSON.stringify(name)).toBe(2);
      expect(result.stderr, JSON.stringify(name)).toMatch(/^distalign: --name: a run name is one folder name inside output\/runs\/ .*; use --out for another place\n$/);
      expect(result.stdout).toBe("");
    }
    expect(readdirSync(outputs)).toEqual([]);
    const good = await distalign(["run", "--model", "paper/gpt-4", "--dataset", "opinionqa", "--groups", "Democrat", "--limit", "1", "--method", "verbalize", "--name", "pilot-1.a_b", "--no-score", "--progress", "none"], { DISTALIGN_OUTPUT_DIR: outputs });
    expect(good.status).toBe(0);
    expect(existsSync(join(outputs, "runs", "pilot-1.a_b", "results.jsonl"))).toBe(true);
  }, 60_000);
});

describe("distalign run with an --out or a cache that cannot be written", () => {
  const grid = ["run", "--dataset", "opinionqa", "--groups", "Democrat", "--limit", "1", "--method", "verbalize", "--no-score", "--progress", "none"];
  /** Each case ends within this time: Node's recursive mkdir loops forever below /proc. */
  const PROMPT_MS = 20_000;

  it("stops in one line naming the run folder: a file, below a file, below /proc", async () => {
    const root = makeTempDir();
    const file = join(root, "file");
    writeFileSync(file, "x");
    const proc = `/proc/distalign-test-${process.pid}`;
    const cases: [string, string][] = [
      [file, "EEXIST: file already exists"],
      [join(file, "sub"), "ENOTDIR: not a directory"],
      [join(proc, "run"), "ENOENT: no such file or directory"],
    ];
    for (const [out, reason] of cases) {
      const result = await distalign([...grid, "--model", "paper/gpt-4", "--out", out], {}, { timeoutMs: PROMPT_MS });
      expect(result.stderr, out).toBe(`distalign: ${out}: cannot create the run folder (${reason})\n`);
      expect(result.status, out).toBe(2);
    }
    const named = await distalign([...grid, "--model", "paper/gpt-4", "--name", "pilot"], { DISTALIGN_OUTPUT_DIR: proc }, { timeoutMs: PROMPT_MS });
    expect(named.stderr).toBe(`distalign: ${join(proc, "runs", "pilot")}: cannot create the run folder (ENOENT: no such file or directory)\n`);
    expect(named.status).toBe(2);
  }, 120_000);

  it("stops in one line naming the cache folder, before any request: a file, below a file, below /proc, read-only", async () => {
    const root = makeTempDir();
    const file = join(root, "file");
    writeFileSync(file, "x");
    const cases: [string, string, string][] = [
      ["--cache-dir", file, "EEXIST: file already exists"],
      ["--cache-dir", join(file, "cache"), "ENOTDIR: not a directory"],
      ["DISTALIGN_CACHE_DIR", join(file, "cache"), "ENOTDIR: not a directory"],
      ["DISTALIGN_CACHE_DIR", `/proc/distalign-test-${process.pid}/cache`, "ENOENT: no such file or directory"],
      ["DISTALIGN_CACHE_DIR", "/proc/self/distalign-cache", "ENOENT: no such file or directory"],
    ];
    // A read-only folder stops even root where the file system itself refuses (sysfs).
    if (spawnSync("sh", ["-c", "mkdir /sys/distalign-probe"]).status !== 0) cases.push(["--cache-dir", "/sys/distalign-cache", ""]);
    const server = await startFakeServer({ models: ["gpt-4o-mini"] });
    try {
      for (const [where, cache, reason] of cases) {
        const out = join(root, `r-${cases.findIndex((c) => c[1] === cache && c[0] === where)}`);
        const flags = where === "--cache-dir" ? ["--cache-dir", cache] : [];
        const env = { OPENAI_API_KEY: "sk-test-unwritable-0123456789", ...(where === "DISTALIGN_CACHE_DIR" ? { DISTALIGN_CACHE_DIR: cache } : {}) };
        const live = await distalign([...grid, "--model", "openai/gpt-4o-mini", "--out", out, ...flags, "--openai-base-url", server.openAiBaseUrl], env, { timeoutMs: PROMPT_MS });
        const why = reason === "" ? "[A-Z]+: [a-z -]+" : reason.replace(/[()]/g, "\\$&");
        expect(live.stderr, cache).toMatch(new RegExp(`^distalign: ${cache.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")}: cache folder not writable \\(${why}\\); give a writable --cache-dir \\(or DISTALIGN_CACHE_DIR\\), or --cache-mode off\n$`));
        expect(live.status, cache).toBe(2);
        expect(existsSync(out), cache).toBe(false);
      }
      expect(server.requests).toEqual([]);
    } finally {
      await server.close();
    }
  }, 120_000);
});
