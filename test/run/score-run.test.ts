/** Scoring a run's result lines: strict parsing, samples averaged, failures counted, TS-Log-p refitted. */
import { beforeAll, describe, expect, it } from "vitest";
import type { Completion } from "../../src/backends/types";
import { loadPromptData, type PromptData } from "../../src/prompts/prompt-data";
import { loadBenchmarkData } from "../../src/benchmark/benchmark-data";
import { correctedTruth } from "../../src/reproduce/corrected-truth";
import { planGrid } from "../../src/run/grid";
import { scoreRunLines } from "../../src/run/score-run";
import type { RunItemMeta } from "../../src/run/types";
import type { ResultLine } from "../../src/executor/types";
import { totalVariation } from "../../src/scoring/total-variation";
import { testDataDir } from "../helpers/data-dir";

let data: PromptData;
beforeAll(() => {
  data = loadPromptData(loadBenchmarkData(testDataDir()));
});

function ok(id: string, meta: RunItemMeta, completion: Partial<Completion>): ResultLine {
  return {
    id,
    model: "openai/test",
    requestKey: "k",
    meta,
    status: "ok",
    completion: { text: "", usage: { inputTokens: 0, outputTokens: 0 }, model: "test", ...completion },
    cached: false,
    costUsd: 0,
    finishedAt: "2025-01-01T00:00:00Z",
    elapsedMs: 1,
  };
}

function metas(method: "verbalize" | "sequence" | "logprobs", limit = 3, samples = 1): RunItemMeta[] {
  return planGrid(data, { models: ["openai/gpt-4o-mini"], datasets: ["nytimes"], steerings: ["persona"], methods: [method], groups: ["Democrat"], limit, samples }).items.map((i) => i.meta as RunItemMeta);
}

describe("scoreRunLines", () => {
  it("scores parsed answers against the group's distribution, and counts the unreadable ones", () => {
    const [first, second, third] = metas("verbalize");
    const lines = [
      ok("1", first!, { text: "Sure! {'A': '10%', 'B': '20%', 'C': '30%', 'D': '40%'}" }),
      ok("2", second!, { text: "I cannot estimate that." }),
      { id: "3", model: "openai/test", requestKey: "k", meta: third, status: "failed", error: { name: "BackendError", message: "429" }, finishedAt: "", elapsedMs: 1 } as ResultLine,
      ok("4", { ...first!, kind: "something else" } as never, { text: "{'A': '100%'}" }),
    ];
    const scores = scoreRunLines(data.benchmark, lines);
    const truth = correctedTruth(data.benchmark, "nytimes", "persona", { attribute: "POLPARTY", value: "Democrat" }, first!.questionId, 4)!;
    expect(scores.lists).toEqual([
      { dataset: "nytimes", steering: "persona", model: "openai/test", method: "verbalize", group: "POLPARTY/Democrat", values: [totalVariation([0.1, 0.2, 0.3, 0.4], truth)], parsed: 1, attempted: 2, listedTwice: false },
    ]);
    expect(scores.parseRates).toEqual([{ model: "openai/test", method: "verbalize", summary: { total: 2, ok: 1, failed: 1, rate: 0.5, reasons: { "no object with option keys": 1 } } }]);
    expect(scores.failedCalls).toEqual({ "openai/test": 1 });
    expect(scores.units).toHaveLength(2);
  });

  it("averages the parsed samples of a prompt", () => {
    const [a, b] = metas("sequence", 1, 2);
    const scores = scoreRunLines(data.benchmark, [ok("a", a!, { text: "A ".repeat(30) }), ok("b", b!, { text: "C ".repeat(30) })]);
    expect(scores.items).toHaveLength(1);
    expect(scores.items[0]?.prediction).toEqual([0.5, 0, 0.5, 0]);
  });

  it("reads Log-p from the top log-probabilities, fails without them, and adds TS-Log-p", () => {
    const [first, second, third] = metas("logprobs");
    const top = [{ token: "B", logprob: Math.log(0.7) }, { token: " C", logprob: Math.log(0.2) }, { token: "Hello", logprob: Math.log(0.1) }];
    const scores = scoreRunLines(data.benchmark, [
      ok("1", first!, { text: "B", tokens: [{ token: "B", logprob: Math.log(0.7), topLogprobs: top }] }),
      ok("2", second!, { text: "B", tokens: [{ token: "B", logprob: Math.log(0.7), topLogprobs: top }] }),
      ok("3", third!, { text: "B" }),
    ]);
    const raw = scores.items.filter((i) => i.method === "logprobs");
    expect(raw[0]?.prediction?.map((p) => p.toFixed(6))).toEqual(["0.000000", "0.777778", "0.222222", "0.000000"]);
    expect(raw[2]?.prediction).toBeUndefined();
    expect(scores.temperatures).toEqual([{ model: "openai/test", dataset: "nytimes", steering: "persona", temperature: expect.any(Number), items: 2 }]);
    const scaled = scores.lists.find((l) => l.method === "ts-logprobs");
    expect([scaled?.attempted, scaled?.parsed]).toEqual([3, 2]);
    expect(scores.parseRates[0]?.summary.reasons).toEqual({ "no option letter in top-k": 1 });
  });
});
