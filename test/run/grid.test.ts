/** Planning a run's grid: stable ids, the chosen slice of the data, impossible pairs refused. */
import { beforeAll, describe, expect, it } from "vitest";
import { UsageError } from "../../src/errors";
import { loadPromptData, type PromptData } from "../../src/prompts/prompt-data";
import { loadBenchmarkData } from "../../src/benchmark/benchmark-data";
import { itemId, planGrid, planModels } from "../../src/run/grid";
import { resolveGroups } from "../../src/run/groups";
import { testDataDir } from "../helpers/data-dir";

let data: PromptData;
beforeAll(() => {
  data = loadPromptData(loadBenchmarkData(testDataDir()));
});

describe("planModels", () => {
  it("refuses a model that cannot express a distribution by a method, naming it", () => {
    expect(() => planModels(["openai/gpt-4o-mini", "anthropic/claude-3-5-haiku-latest"], ["verbalize", "logprobs"])).toThrow(
      new UsageError("anthropic/claude-3-5-haiku-latest: cannot express a distribution by log-probabilities (the Anthropic API returns none); use verbalize or sequence"),
    );
    expect(() => planModels(["paper/anthropic_opus"], ["logprobs"])).toThrow(UsageError);
    expect(() => planModels([], ["verbalize"])).toThrow(/^models: none given/);
    expect(planModels(["openai/gpt-4o-mini"], ["logprobs"])[0]).toMatchObject({ temperature: 1, topLogprobs: 20 });
  });
});

describe("planGrid", () => {
  it("makes one item per model × unit × sample with stable, unique ids", () => {
    const spec = { models: ["openai/gpt-4o-mini", "paper/gpt-4"], datasets: ["opinionqa", "globalvalues"] as const, limit: 2, samples: 2 };
    const first = planGrid(data, spec);
    // 2 datasets × 2 questions × 2 steering × 3 methods × (6 + 3 groups) × 2 models × 2 samples
    expect(first.items).toHaveLength((2 * 2 * 3 * 6 + 2 * 2 * 3 * 3) * 2 * 2);
    expect(new Set(first.items.map((i) => i.id)).size).toBe(first.items.length);
    expect(planGrid(data, spec).items.map((i) => [i.id, i.request])).toEqual(first.items.map((i) => [i.id, i.request]));
    const item = first.items.find((i) => i.id === "openai/gpt-4o-mini|opinionqa|few-shot|logprobs|POLPARTY/Democrat|GAP21Q33_g_W82|1");
    expect(item?.request).toMatchObject({ model: "openai/gpt-4o-mini", temperature: 1, topLogprobs: 20, maxTokens: 5, sampleIndex: 1 });
    expect(item?.meta).toMatchObject({ dataset: "opinionqa", steering: "few-shot", method: "logprobs", questionIndex: 0, sample: 1, groups: [{ attribute: "POLPARTY", value: "Democrat" }] });
    expect(item?.meta?.fewShotIds).toHaveLength(5);
  });

  it("takes the first N questions, the named groups, and asks without steering once for all groups", () => {
    const plan = planGrid(data, { models: ["paper/gpt-4"], datasets: ["nytimes"], steerings: ["none", "persona"], methods: ["verbalize"], groups: ["Female", "Male"], limit: 3 });
    const ids = data.benchmark.nytBooks.slice(0, 3).map((b) => b.id);
    const none = plan.items.filter((i) => i.meta?.steering === "none");
    expect(none.map((i) => i.meta?.questionId)).toEqual(ids);
    expect(none[0]?.meta?.groups.map((g) => g.value)).toEqual(["Male", "Female"]);
    expect(none[0]?.id).toBe(itemId("paper/gpt-4", none[0]!.meta!, 0));
    expect(none[0]?.id).toMatch(/^paper\/gpt-4\|nytimes\|none\|verbalize\|all\|h[0-9a-f]{12}\|0$/);
    expect(plan.items.filter((i) => i.meta?.steering === "persona")).toHaveLength(6);
  });

  it("leaves out a paper model's unpublished cells and lists them", () => {
    const plan = planGrid(data, { models: ["paper/gpt-4"], datasets: ["globalvalues"], steerings: ["none"], methods: ["sequence"], limit: 4 });
    expect(plan.items).toHaveLength(0);
    expect(plan.skipped).toEqual([{ model: "paper/gpt-4", dataset: "globalvalues", steering: "none", method: "sequence", items: 4 }]);
  });

  it("refuses unknown grid values with the valid ones", () => {
    expect(() => planGrid(data, { models: ["paper/gpt-4"], datasets: ["pew" as never] })).toThrow(/^datasets: unknown value "pew" \(valid: opinionqa, nytimes, globalvalues\)/);
    expect(() => planGrid(data, { models: ["paper/gpt-4"], limit: 0 })).toThrow(UsageError);
  });
});

describe("resolveGroups", () => {
  it("applies plain names to every dataset that has them, prefixed names to one", () => {
    const groups = resolveGroups(data.benchmark, ["opinionqa", "nytimes"], ["Democrat", "nytimes:Female", "Independent"]);
    expect(groups.get("opinionqa")?.map((g) => g.value)).toEqual(["Democrat", "Independent"]);
    expect(groups.get("nytimes")?.map((g) => g.value)).toEqual(["Democrat", "Female"]);
  });

  it("refuses a group a dataset lacks, listing the ones it has", () => {
    expect(() => resolveGroups(data.benchmark, ["globalvalues"], ["Democrat"])).toThrow(/none of Democrat is a group of globalvalues \(groups: 0, 1, 2\)/);
    expect(() => resolveGroups(data.benchmark, ["nytimes"], ["Female", "Martian"])).toThrow(/Martian is not a group of nytimes/);
  });
});
