/**
 * The baseline backends on a small survey built here: what each baseline answers (pooled by
 * respondents or by plain mean, the paired group, the farthest group with ties in group order,
 * the pooled target without steering, GlobalOpinionQA-style slots), over the prompt's options by
 * text, in each method's shape, read back by the strict parsers; and their refusals.
 */
import { describe, expect, it } from "vitest";
import { baselineDistribution, createBaselineBackend } from "../../src/backends/baseline-backend";
import { capabilitiesFor } from "../../src/backends/capabilities";
import { createBackend } from "../../src/backends/registry";
import type { CallContext, CompletionRequest } from "../../src/backends/types";
import { DataError, UsageError } from "../../src/errors";
import type { BenchmarkData } from "../../src/benchmark/benchmark-data";
import { runBackends } from "../../src/run/run-backends";
import { parseCompletion } from "../../src/run/score-run";
import type { RunUnit } from "../../src/run/types";
import type { WorkItem } from "../../src/executor/types";
import { makeSurvey } from "../../src/survey/types";

const OPTIONS = ["Yes", "No", "Maybe"];
const survey = makeSurvey({
  name: "town",
  groups: ["Democrat", "Republican", "North", "South", "East"].map((id) => ({ id, label: id, attribute: "group" })),
  questions: [
    {
      id: "q1",
      text: "Build the bridge?",
      options: OPTIONS,
      scale: "nominal",
      answers: [
        ["Democrat", { distribution: [0.6, 0.3, 0.1], n: 10 }],
        ["Republican", { distribution: [0.2, 0.7, 0.1], n: 30 }],
        ["North", { distribution: [0.5, 0.5, 0], n: 20 }],
      ],
    },
    {
      id: "q2",
      text: "More parks?",
      options: OPTIONS,
      scale: "nominal",
      answers: [
        ["North", { distribution: [1, 0, 0] }],
        ["South", { distribution: [0, 1, 0] }],
        ["East", { distribution: [0, 0, 1] }],
      ],
    },
  ],
});

function context(questionId: string, groups: string[], steering = "persona", method = "verbalize", options = OPTIONS): CallContext {
  return { itemId: `${questionId}|${groups.join("+")}|${steering}|${method}`, dataset: "town", questionId, options, groups: groups.map((value) => ({ attribute: "group", value })), steering, method };
}
const close = (actual: readonly number[], expected: readonly number[]) => actual.forEach((v, j) => expect(v).toBeCloseTo(expected[j] as number, 14));

describe("baselineDistribution", () => {
  it("uniform is uniform over the prompt's options", () => {
    expect(baselineDistribution("uniform", undefined, context("q1", ["Democrat"], "persona", "verbalize", ["No", "Yes"]))).toEqual([0.5, 0.5]);
  });

  it("pooled weighs groups by respondents when every count is known, else takes the plain mean", () => {
    // (10·0.6 + 30·0.2 + 20·0.5) / 60 = 22/60, (3 + 21 + 10) / 60 = 34/60, (1 + 3 + 0) / 60 = 4/60
    close(baselineDistribution("pooled", survey, context("q1", ["Democrat"])), [22 / 60, 34 / 60, 4 / 60]);
    close(baselineDistribution("pooled", survey, context("q2", ["North"])), [1 / 3, 1 / 3, 1 / 3]);
  });

  it("other-group answers with the paired group, else the farthest, ties in the question's group order", () => {
    close(baselineDistribution("other-group", survey, context("q1", ["Democrat"])), [0.2, 0.7, 0.1]);
    close(baselineDistribution("other-group", survey, context("q1", ["Republican"])), [0.6, 0.3, 0.1]);
    // North: TV to Democrat 0.2, to Republican 0.3.
    close(baselineDistribution("other-group", survey, context("q1", ["North"])), [0.2, 0.7, 0.1]);
    // Every other group is at TV 1: the first in order.
    close(baselineDistribution("other-group", survey, context("q2", ["North"])), [0, 1, 0]);
    close(baselineDistribution("other-group", survey, context("q2", ["South"])), [1, 0, 0]);
  });

  it("without steering the target is the pooled distribution of the item's groups", () => {
    // Pooled of North, South: [0.5, 0.5, 0] (no counts); East is farthest (TV 1).
    close(baselineDistribution("other-group", survey, context("q2", ["North", "South"], "none")), [0, 0, 1]);
  });

  it("maps slots 0–2 to the question's groups in order", () => {
    close(baselineDistribution("other-group", survey, context("q2", ["2"])), [1, 0, 0]);
  });

  it("answers over the prompt's options by text, renormalized over a subset", () => {
    close(baselineDistribution("other-group", survey, context("q1", ["Democrat"], "persona", "verbalize", ["No", "Yes"])), [0.7 / 0.9, 0.2 / 0.9]);
    expect(() => baselineDistribution("pooled", survey, context("q1", ["Democrat"], "persona", "verbalize", ["Yes", "Perhaps"]))).toThrow(DataError);
    expect(() => baselineDistribution("other-group", survey, context("q1", ["West"]))).toThrow(/^town: q1: no answers of group "West"/);
    expect(() => baselineDistribution("pooled", survey, context("q9", ["North"]))).toThrow(DataError);
  });
});

describe("createBaselineBackend", () => {
  const surveyOf = () => survey;
  const request = (topLogprobs?: number): CompletionRequest => ({ model: "baseline/other-group", messages: [{ role: "user", content: "?" }], ...(topLogprobs === undefined ? {} : { topLogprobs, maxTokens: 1 }) });
  const unit = (method: string): RunUnit => ({ dataset: "town", steering: "persona", method, questionId: "q1", questionIndex: 0, options: OPTIONS, groups: [{ attribute: "group", value: "Democrat" }] }) as unknown as RunUnit;

  it("answers each method in the shape the strict parsers read, at no cost", async () => {
    const backend = createBaselineBackend("baseline/other-group", surveyOf);
    const verbalize = await backend.complete(request(), { context: context("q1", ["Democrat"]) });
    expect(JSON.parse(verbalize.text)).toEqual({ A: 0.2, B: 0.7, C: 0.1 });
    expect(parseCompletion(unit("verbalize"), verbalize)).toMatchObject({ ok: true });
    close((parseCompletion(unit("verbalize"), verbalize) as { distribution: number[] }).distribution, [0.2, 0.7, 0.1]);
    const logprobs = await backend.complete(request(2), { context: context("q1", ["Democrat"], "persona", "logprobs") });
    expect(logprobs.text).toBe("B");
    expect(logprobs.tokens?.[0]?.topLogprobs.map((t) => t.token)).toEqual(["B", "A"]);
    expect(logprobs.tokens?.[0]?.topLogprobs[1]?.logprob).toBeCloseTo(Math.log(0.2), 14);
    close((parseCompletion(unit("logprobs"), logprobs) as { distribution: number[] }).distribution, [0.2 / 0.9, 0.7 / 0.9, 0]);
    const sequence = await backend.complete(request(), { context: context("q1", ["Democrat"], "persona", "sequence") });
    expect(sequence.text).toMatch(/^[ABC]( [ABC]){29}$/);
    expect(parseCompletion(unit("sequence"), sequence)).toMatchObject({ ok: true });
    expect(verbalize.usage).toEqual({ inputTokens: 0, outputTokens: 0 });
    expect(capabilitiesFor("baseline/pooled")).toMatchObject({ logprobs: true, published: false });
  });

  it("draws Sequence letters reproducibly per item and seed, only letters with mass", async () => {
    const texts = async (seed: number, itemId: string) => (await createBaselineBackend("baseline/other-group", surveyOf, { seed }).complete(request(), { context: { ...context("q2", ["North"], "persona", "sequence"), itemId } })).text;
    expect(await texts(0, "a")).toBe(await texts(0, "a"));
    expect(await texts(0, "a")).toBe("B ".repeat(30).trim());
    const drawn = await Promise.all([texts(0, "x"), texts(1, "x"), texts(0, "y")].map(async (t) => t));
    expect(drawn.every((t) => /^B( B){29}$/.test(t))).toBe(true);
    const mixed = async (seed: number, itemId: string) => (await createBaselineBackend("baseline/pooled", surveyOf, { seed }).complete(request(), { context: { ...context("q1", ["North"], "persona", "sequence"), itemId } })).text;
    expect(await mixed(0, "a")).toBe(await mixed(0, "a"));
    expect(new Set(await Promise.all([mixed(0, "a"), mixed(1, "a"), mixed(0, "b"), mixed(2, "c")])).size).toBeGreaterThan(1);
  });

  it("refuses a call without an item context, and unknown baselines", async () => {
    await expect(createBaselineBackend("baseline/uniform", surveyOf).complete(request())).rejects.toThrow(UsageError);
    expect(() => createBaselineBackend("baseline/median", surveyOf)).toThrow(UsageError);
    expect(() => capabilitiesFor("baseline/median")).toThrow(/unknown baseline "baseline\/median"/);
    await expect(createBackend("baseline/pooled").complete(request(), { context: context("q1", ["Democrat"]) })).rejects.toThrow(/no survey resolver configured/);
    expect(await createBackend("baseline/pooled", { surveyOf }).complete(request(), { context: context("q1", ["Democrat"]) })).toMatchObject({ model: "baseline/pooled" });
  });

  it("is not put behind the response cache: a read-only cache with no entries still answers", async () => {
    const items: WorkItem<RunUnit>[] = [{ id: "i", request: { ...request(), model: "baseline/uniform" }, meta: unit("verbalize") }];
    const backendOf = await runBackends({ dataDir: "/nonexistent" } as BenchmarkData, items, { cacheMode: "read-only", cacheDir: "/nonexistent", surveyOf });
    const completion = await backendOf("baseline/uniform").complete(items[0]!.request, { context: context("q1", ["Democrat"]) });
    expect(completion.cached).toBeUndefined();
    close(Object.values(JSON.parse(completion.text)) as number[], [1 / 3, 1 / 3, 1 / 3]);
  });
});
