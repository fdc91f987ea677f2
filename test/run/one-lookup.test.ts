/**
 * A run works out what is left to do once: `planRun` reads results.jsonl and looks each pending
 * item up in the cache, and `executeRun` (direct or batch) runs exactly that, reading neither
 * again. Counted in process through the real SDKs against the fake servers: reads of results.jsonl,
 * and cache entry reads per item (one look-up before the run, plus the one the call itself makes
 * on its way to the provider).
 */
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { loadBenchmarkData } from "../../src/benchmark/benchmark-data";
import { loadPromptData, type PromptData } from "../../src/prompts/prompt-data";
import { executeRun, planRun } from "../../src/run/benchmark-run";
import { RESULTS_FILE } from "../../src/executor/results-file";
import { testDataDir } from "../helpers/data-dir";
import { startFakeBatchServer, type FakeBatchServer } from "../helpers/fake-batch-server";
import { type FakeServer, startFakeServer } from "../helpers/fake-server";
import { makeTempDir } from "../helpers/temp-dir";

const reads = vi.hoisted(() => ({ results: [] as string[], entries: [] as string[] }));
vi.mock("../../src/executor/results-file", async (importOriginal) => {
  const actual = await importOriginal<typeof import("../../src/executor/results-file")>();
  return {
    ...actual,
    readResults: (file: string) => {
      reads.results.push(file);
      return actual.readResults(file);
    },
    readResultFacts: (file: string) => {
      reads.results.push(file);
      return actual.readResultFacts(file);
    },
  };
});
vi.mock("../../src/cache/cache-store", async (importOriginal) => {
  const actual = await importOriginal<typeof import("../../src/cache/cache-store")>();
  return {
    ...actual,
    readEntry: (file: string, ...rest: [string, string]) => {
      reads.entries.push(file);
      return actual.readEntry(file, ...rest);
    },
  };
});

const saved = process.env.OPENAI_API_KEY;
let data: PromptData;
let server: FakeServer;
let batchServer: FakeBatchServer;
beforeAll(async () => {
  data = loadPromptData(loadBenchmarkData(testDataDir()));
  server = await startFakeServer();
  batchServer = await startFakeBatchServer({ pollsToEnd: 1, models: ["gpt-4o-mini"] });
  process.env.OPENAI_API_KEY = "sk-test-one-lookup";
});
afterAll(async () => {
  await server.close();
  await batchServer.close();
  if (saved === undefined) delete process.env.OPENAI_API_KEY;
  else process.env.OPENAI_API_KEY = saved;
});
beforeEach(() => {
  reads.results.length = 0;
  reads.entries.length = 0;
});

const GRID = { models: ["openai/gpt-4o-mini"], datasets: ["globalvalues"], steerings: ["persona"], methods: ["verbalize"], groups: ["0"], limit: 3 } as const;

/** Reads per entry file: each file once in `counts` per read. */
function perFile(files: readonly string[]): number[] {
  const counts = new Map<string, number>();
  for (const file of files) counts.set(file, (counts.get(file) ?? 0) + 1);
  return [...counts.values()];
}

describe.each([
  ["direct", {}],
  ["batch", { batch: true, pollIntervalMs: 5 }],
] as const)("a %s run", (_, mode) => {
  it("reads results.jsonl once and looks each item up in the cache once", async () => {
    const outputDir = makeTempDir();
    const baseUrl = "batch" in mode ? batchServer.openAiBaseUrl : server.openAiBaseUrl;
    const options = { ...GRID, ...mode, outputDir, data, cacheDir: makeTempDir(), cacheMode: "read-write" as const, openAiBaseUrl: baseUrl };
    const planned = await planRun(options);
    expect(planned.estimate).toMatchObject({ toRun: 3, cached: 0, calls: 3 });
    expect(reads.results).toEqual([join(outputDir, RESULTS_FILE)]);
    expect(perFile(reads.entries)).toEqual([1, 1, 1]);

    const summary = await executeRun(planned, { quiet: true });
    expect(summary.ok).toBe(3);
    // A batch run reads results.jsonl once more when it collects a batch (to skip what an interrupted collection recorded).
    expect(reads.results).toHaveLength("batch" in mode ? 2 : 1);
    // Per item: the look-up of the plan, then the call's own read before it reaches the provider.
    expect(perFile(reads.entries)).toEqual([2, 2, 2]);

    // Again in the same folder: one read of results.jsonl finds everything done, the cache is not asked.
    reads.results.length = 0;
    reads.entries.length = 0;
    const again = await planRun(options);
    expect(again.estimate).toMatchObject({ toRun: 0, alreadyDone: 3 });
    await executeRun(again, { quiet: true });
    expect(reads.results).toHaveLength(1);
    expect(reads.entries).toEqual([]);
  });
});

describe("a plan made before another run in its folder", () => {
  it("is worked out again, said so, and runs only what is left", async () => {
    const options = { ...GRID, outputDir: makeTempDir(), data, cacheDir: makeTempDir(), cacheMode: "read-write" as const, openAiBaseUrl: server.openAiBaseUrl, progress: "none" as const };
    const early = await planRun(options);
    const other = await planRun(options);
    expect((await executeRun(other, { quiet: true })).ok).toBe(3);
    const before = server.stats.totalReceived;
    const output = new PassThrough();
    let text = "";
    output.on("data", (chunk: Buffer) => (text += chunk.toString()));
    const summary = await executeRun({ ...early, options: { ...early.options, output } });
    expect(summary.estimate).toMatchObject({ toRun: 0, alreadyDone: 3 });
    expect(server.stats.totalReceived).toBe(before);
    expect(text).toMatch(/^run: the estimate is out of date \(results\.jsonl changed since\); what is left is worked out again\nrun: 0 to run \(3 already done/);
  });
});

