/**
 * Runs in process: a live model through the real SDK against the fake server, and the choice
 * between live and published models that the notebooks make.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { loadPromptData, type PromptData } from "../../src/prompts/prompt-data";
import { loadBenchmarkData } from "../../src/benchmark/benchmark-data";
import { executeRun, planRun, scorePlannedRun } from "../../src/run/benchmark-run";
import { planLiveOrPublished, unreachableReason } from "../../src/run/model-choice";
import { testDataDir } from "../helpers/data-dir";
import { type FakeServer, startFakeServer } from "../helpers/fake-server";
import { makeTempDir } from "../helpers/temp-dir";

const VARIABLES = ["OPENAI_API_KEY", "ANTHROPIC_API_KEY", "OPENAI_BASE_URL", "OPENAI_COMPATIBLE_BASE_URL"] as const;
const saved = Object.fromEntries(VARIABLES.map((name) => [name, process.env[name]]));

let data: PromptData;
let server: FakeServer;
beforeAll(async () => {
  data = loadPromptData(loadBenchmarkData(testDataDir()));
  server = await startFakeServer();
});
afterAll(async () => {
  await server.close();
});
afterEach(() => {
  for (const name of VARIABLES) {
    if (saved[name] === undefined) delete process.env[name];
    else process.env[name] = saved[name];
  }
});

function clearKeys(): void {
  for (const name of VARIABLES) process.env[name] = "";
}

const GRID = { datasets: ["globalvalues"], steerings: ["persona"], methods: ["logprobs"], groups: ["0"], limit: 3 } as const;

describe("a live model in process", () => {
  it("runs through the SDK and the cache, and scores", async () => {
    clearKeys();
    process.env.OPENAI_API_KEY = "sk-test-in-process";
    const options = { ...GRID, models: ["openai/gpt-4o-mini"], outputDir: makeTempDir(), data, cacheDir: makeTempDir(), cacheMode: "read-write" as const, openAiBaseUrl: server.openAiBaseUrl };
    const before = server.stats.totalReceived;
    const planned = await planRun(options);
    expect(planned.estimates[0]).toMatchObject({ model: "openai/gpt-4o-mini", items: 3, calls: 3 });
    const summary = await executeRun(planned, { quiet: true });
    expect([summary.ok, server.stats.totalReceived - before]).toEqual([3, 3]);
    const scores = scorePlannedRun(planned);
    expect(scores.lists.map((l) => [l.method, l.parsed, l.attempted])).toEqual([["logprobs", 3, 3], ["ts-logprobs", 3, 3]]);
    const again = await planRun({ ...options, outputDir: makeTempDir() });
    expect(again.estimates[0]).toMatchObject({ cached: 3, calls: 0 });
  });
});

describe("planLiveOrPublished", () => {
  it("runs the published models when no key is configured, and says why", async () => {
    clearKeys();
    expect(unreachableReason("openai/gpt-4o-mini")).toBe("OPENAI_API_KEY is not set");
    expect(unreachableReason("openai-compatible/llama")).toBe("no base URL (baseUrl or OPENAI_COMPATIBLE_BASE_URL) is set");
    expect(unreachableReason("openai-compatible/llama", "http://localhost:8000/v1")).toBeUndefined();
    const { planned, choice } = await planLiveOrPublished({ ...GRID, liveModels: ["openai/gpt-4o-mini"], publishedModels: ["paper/gpt-4"], outputDir: makeTempDir(), data });
    expect(choice).toEqual({ models: ["paper/gpt-4"], live: false, reason: "paper/gpt-4 (published outputs): openai/gpt-4o-mini: OPENAI_API_KEY is not set" });
    expect(planned.plan.items.every((item) => item.request.model === "paper/gpt-4")).toBe(true);
  });

  it("runs the live models with a key, unless a read-only cache lacks their answers", async () => {
    clearKeys();
    process.env.ANTHROPIC_API_KEY = "sk-ant-test";
    const base = { ...GRID, methods: ["verbalize"] as const, liveModels: ["anthropic/claude-3-5-haiku-latest"], publishedModels: ["paper/anthropic_opus"], outputDir: makeTempDir(), data, cacheDir: makeTempDir() };
    const live = await planLiveOrPublished({ ...base, cacheMode: "read-write" });
    expect(live.choice.live).toBe(true);
    const readOnly = await planLiveOrPublished({ ...base, cacheMode: "read-only" });
    expect(readOnly.choice.reason).toBe("paper/anthropic_opus (published outputs): the cache is read-only and lacks 3 of the live responses");
  });
});
