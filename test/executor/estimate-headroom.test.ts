/**
 * Estimates and the budget count the cap the backends really send: the answer's cap plus the room
 * for hidden reasoning (OpenAI reasoning models, per effort) and for thinking (Anthropic thinking
 * budgets). The sent caps are read off the wire (real SDKs, the fake server); every grid request
 * has its method's answer cap, reasoning models included.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAnthropicBackend } from "../../src/backends/anthropic-backend";
import { capabilitiesFor } from "../../src/backends/capabilities";
import { createOpenAiBackend } from "../../src/backends/openai-backend";
import type { Backend } from "../../src/backends/types";
import { loadPromptData, type PromptData } from "../../src/prompts/prompt-data";
import { loadBenchmarkData } from "../../src/benchmark/benchmark-data";
import { planRun } from "../../src/run/benchmark-run";
import { DEFAULT_MAX_TOKENS, planGrid } from "../../src/run/grid";
import { estimateRun, estimateTokens } from "../../src/executor/estimate";
import type { PriceTable } from "../../src/executor/prices";
import { runItems } from "../../src/executor/run-items";
import type { WorkItem } from "../../src/executor/types";
import { METHODS } from "../../src/types";
import { captureStream } from "../helpers/capture-stream";
import { testDataDir } from "../helpers/data-dir";
import { type FakeServer, startFakeServer } from "../helpers/fake-server";
import { makeTempDir } from "../helpers/temp-dir";

let server: FakeServer;
let data: PromptData;
beforeAll(async () => {
  server = await startFakeServer({ reply: () => ({ text: "{'A': '100%'}" }) });
  data = loadPromptData(loadBenchmarkData(testDataDir()));
}, 60_000);
afterAll(async () => {
  await server.close();
});

/** Backends of the cases, each as a run makes it, against the fake server. */
const CASES: readonly { name: string; make: () => Backend; capField: "max_completion_tokens" | "max_tokens"; room: number }[] = [
  { name: "openai/gpt-4o-mini (no room)", make: () => createOpenAiBackend("openai/gpt-4o-mini", { apiKey: "sk-test-a", baseUrl: server.openAiBaseUrl }), capField: "max_completion_tokens", room: 0 },
  { name: "openai/o4-mini, default effort low", make: () => createOpenAiBackend("openai/o4-mini", { apiKey: "sk-test-a", baseUrl: server.openAiBaseUrl }), capField: "max_completion_tokens", room: 4096 },
  { name: "openai/o4-mini, effort high", make: () => createOpenAiBackend("openai/o4-mini", { apiKey: "sk-test-a", baseUrl: server.openAiBaseUrl, reasoningEffort: "high" }), capField: "max_completion_tokens", room: 16_384 },
  { name: "openai/gpt-5-mini, effort medium", make: () => createOpenAiBackend("openai/gpt-5-mini", { apiKey: "sk-test-a", baseUrl: server.openAiBaseUrl, reasoningEffort: "medium" }), capField: "max_completion_tokens", room: 8192 },
  { name: "anthropic/claude-sonnet-4-5, thinking off", make: () => createAnthropicBackend("anthropic/claude-sonnet-4-5", { apiKey: "sk-ant-test-a", baseUrl: server.anthropicBaseUrl }), capField: "max_tokens", room: 0 },
  { name: "anthropic/claude-sonnet-4-5, thinking 2048", make: () => createAnthropicBackend("anthropic/claude-sonnet-4-5", { apiKey: "sk-ant-test-a", baseUrl: server.anthropicBaseUrl, thinkingBudget: 2048 }), capField: "max_tokens", room: 2048 },
];

describe("the cap a backend sends", () => {
  for (const { name, make, capField, room } of CASES) {
    it(`${name}: outputTokenCap is the cap on the wire, answer cap + ${room}`, async () => {
      const backend = make();
      const before = server.requests.length;
      await backend.complete({ model: backend.id, messages: [{ role: "user", content: `cap ${name}` }], maxTokens: 200 });
      expect(server.requests[before]?.body[capField]).toBe(200 + room);
      expect(backend.outputTokenCap?.(200)).toBe(200 + room);
    });
  }
});

describe("estimates count the room for reasoning and thinking", () => {
  const request = { model: "openai/o4-mini", messages: [{ role: "user" as const, content: "x".repeat(400) }], maxTokens: 200 };

  it("estimateTokens and estimateRun use the backend's cap", () => {
    const backend = createOpenAiBackend("openai/o4-mini", { apiKey: "sk-test-a", baseUrl: server.openAiBaseUrl });
    expect(estimateTokens(request, undefined, backend.outputTokenCap)).toEqual({ inputTokens: 100, outputTokens: 200 + 4096 });
    const items: WorkItem[] = [0, 1, 2].map((i) => ({ id: `i${i}`, request: { ...request, messages: [{ role: "user", content: `${"x".repeat(400)}${i}` }] } }));
    const prices: PriceTable = { asOf: "2026-01-01", models: { "openai/o4-mini": { inputUsdPerMillion: 1, outputUsdPerMillion: 4 } } };
    const estimate = estimateRun(items, { cachedIds: new Set(), alreadyDone: 0, skippedFailed: 0, prices, outputTokenCapOf: () => backend.outputTokenCap });
    expect(estimate.estimatedOutputTokens).toBe(3 * (200 + 4096));
    expect(estimate.estimatedCostUsd).toBeCloseTo((3 * 101 * 1 + 3 * 4296 * 4) / 1e6, 12);
  });

  it("a dry-run plan of a reasoning model and a thinking model counts the room per effort and budget", async () => {
    const grid = { datasets: ["opinionqa" as const], groups: ["Democrat"], limit: 2, methods: ["verbalize" as const], data, cacheMode: "off" as const };
    const plain = await planRun({ ...grid, models: ["openai/o4-mini", "anthropic/claude-sonnet-4-5"], outputDir: makeTempDir(), openAiBaseUrl: server.openAiBaseUrl, anthropicBaseUrl: server.anthropicBaseUrl });
    const roomy = await planRun({ ...grid, models: ["openai/o4-mini", "anthropic/claude-sonnet-4-5"], outputDir: makeTempDir(), openAiBaseUrl: server.openAiBaseUrl, anthropicBaseUrl: server.anthropicBaseUrl, reasoningEffort: "high", thinkingBudget: 2048 });
    const outputOf = (planned: typeof plain, model: string) => planned.estimates.find((e) => e.model === model)?.estimatedOutputTokens;
    const calls = plain.estimates[0]?.calls as number;
    expect(calls).toBe(4);
    expect(outputOf(plain, "openai/o4-mini")).toBe(calls * (DEFAULT_MAX_TOKENS.verbalize + 4096));
    expect(outputOf(roomy, "openai/o4-mini")).toBe(calls * (DEFAULT_MAX_TOKENS.verbalize + 16_384));
    expect(outputOf(plain, "anthropic/claude-sonnet-4-5")).toBe(calls * DEFAULT_MAX_TOKENS.verbalize);
    expect(outputOf(roomy, "anthropic/claude-sonnet-4-5")).toBe(calls * (DEFAULT_MAX_TOKENS.verbalize + 2048));
  });

  it("the budget check counts the room: a budget that pays for the answer's cap alone launches nothing", async () => {
    const backend = createOpenAiBackend("openai/o4-mini", { apiKey: "sk-test-a", baseUrl: server.openAiBaseUrl });
    const prices: PriceTable = { asOf: "2026-01-01", models: { "openai/o4-mini": { inputUsdPerMillion: 1_000_000, outputUsdPerMillion: 1_000_000 } } };
    const item: WorkItem = { id: "budget", request: { ...request, messages: [{ role: "user", content: "budget ".repeat(57) }] } };
    const withoutRoom = estimateTokens(item.request);
    const withRoom = estimateTokens(item.request, undefined, backend.outputTokenCap);
    // Enough for the answer's cap, not for the reasoning room the call may also be billed for.
    const budgetUsd = withoutRoom.inputTokens + withoutRoom.outputTokens + 1;
    expect(budgetUsd).toBeLessThan(withRoom.inputTokens + withRoom.outputTokens);
    const before = server.requests.length;
    const summary = await runItems([item], { outputDir: makeTempDir(), backend, concurrency: 1, budgetUsd, prices, progress: "none", output: captureStream() });
    expect(server.requests.length - before).toBe(0);
    expect(summary.notLaunched).toBe(1);
    const enough = await runItems([item], { outputDir: makeTempDir(), backend, concurrency: 1, budgetUsd: withRoom.inputTokens + withRoom.outputTokens, prices, progress: "none", output: captureStream() });
    expect(enough.ok).toBe(1);
  });
});

describe("every grid request has its method's answer cap", () => {
  it.each(["openai/o4-mini", "openai/gpt-5-mini", "openai/gpt-4o-mini", "anthropic/claude-sonnet-4-5"])("%s", (model) => {
    const methods = METHODS.filter((method) => capabilitiesFor(model).logprobs === true || method !== "logprobs");
    const plan = planGrid(data, { models: [model], datasets: ["opinionqa"], groups: ["Democrat"], limit: 2, methods });
    expect(plan.items.length).toBeGreaterThan(0);
    expect(plan.items.every((item) => item.meta !== undefined)).toBe(true);
    for (const item of plan.items) expect(item.request.maxTokens, item.id).toBe(DEFAULT_MAX_TOKENS[item.meta?.method ?? "verbalize"]);
    const override = planGrid(data, { models: [model], datasets: ["opinionqa"], groups: ["Democrat"], limit: 2, methods, maxTokens: 77 });
    for (const item of override.items) expect(item.request.maxTokens, item.id).toBe(77);
  });
});
