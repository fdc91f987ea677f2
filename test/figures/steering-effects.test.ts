/**
 * Fig. 4 (notebook fig4-steering-effects): the steering cells from a reproduction's breakdown, the
 * wide table, the OpinionQA no-steering correction and the faceted chart.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { noSteeringCorrection, opinionQaNoSteeringRows, steeringFigure, steeringRows, steeringTable } from "../../src/figures/steering-effects";
import { loadBenchmarkData } from "../../src/benchmark/benchmark-data";
import { type Reproduction, reproduce } from "../../src/reproduce/reproduce";
import { testDataDir } from "../helpers/data-dir";

let paper: Reproduction;
let corrected: Reproduction;

beforeAll(async () => {
  const data = loadBenchmarkData(testDataDir());
  paper = await reproduce({ mode: "paper", data, iterations: 50, seed: 0 });
  corrected = await reproduce({ mode: "corrected", data, iterations: 50, seed: 0 });
});

describe("steeringRows", () => {
  it("has every dataset × steering cell that exists: no GlobalOpinionQA no-steering, no humans on GlobalOpinionQA", () => {
    const rows = steeringRows(paper);
    expect(rows).toHaveLength(5 * 3 + 5 * 3 + 5 * 2 + 3 + 3);
    expect(rows.some((r) => r.dataset === "globalvalues" && (r.steering === "none" || r.model === "human"))).toBe(false);
    // The paper's Fig. 4 plots the models' Sequence outputs.
    expect(new Set(rows.filter((r) => r.model !== "human").map((r) => r.method))).toEqual(new Set(["sequence"]));
    expect(new Set(rows.filter((r) => r.model === "human").map((r) => r.method))).toEqual(new Set(["verbalize"]));
    const cell = paper.breakdown.find((r) => r.dataset === "nytimes" && r.steering === "few-shot" && r.model === "gpt-4" && r.method === "sequence");
    expect(rows.find((r) => r.dataset === "nytimes" && r.steering === "few-shot" && r.model === "gpt-4")?.mean).toBe(cell?.mean);
  });

  it("follows the method parameter and skips models without such outputs", () => {
    const rows = steeringRows(paper, { method: "logprobs", humans: false });
    expect(new Set(rows.map((r) => r.model))).toEqual(new Set(["gpt-3.5-turbo-0125", "gpt-4", "llama3-70b"]));
  });

  it("tabulates the change from persona to few-shot", () => {
    const table = steeringTable(steeringRows(paper));
    const humans = table.find((r) => r["dataset"] === "NYT Book Opinions" && r["model"] === "Humans");
    expect(humans?.["few-shot − persona"]).toBeCloseTo((humans?.["Few-shot"] as number) - (humans?.["Persona"] as number), 12);
    expect(table.find((r) => r["dataset"] === "GlobalOpinionQA")?.["No steering"]).toBeUndefined();
  });
});

describe("the OpinionQA no-steering correction", () => {
  it.each([
    ["verbalize", -0.1],
    ["sequence", -0.05],
  ] as const)("improves every model's cell by a lot and leaves the humans' nearly unchanged (%s)", (method, bound) => {
    const rows = noSteeringCorrection(paper, corrected, { method });
    for (const row of rows.filter((r) => r["model"] !== "Humans")) expect(row["corrected − paper"] as number).toBeLessThan(bound);
    expect(Math.abs(rows.find((r) => r["model"] === "Humans")?.["corrected − paper"] as number)).toBeLessThan(0.005);
  });

  it("draws the corrected cells as a hatched series in the OpinionQA panel only", () => {
    const fixed = opinionQaNoSteeringRows(corrected);
    expect(fixed.every((r) => r.dataset === "opinionqa" && r.steering === "none")).toBe(true);
    const figure = steeringFigure(steeringRows(paper), { correctedNoSteering: fixed });
    const hatched = figure.data.filter((t) => t.name === "No steering (corrected ground truth)");
    expect(hatched).toHaveLength(1);
    expect(hatched[0]?.["xaxis"]).toBe("x");
    expect((hatched[0]?.["marker"] as { pattern?: unknown }).pattern).toBeDefined();
  });
});

describe("steeringFigure", () => {
  it("has one panel per dataset with shared y axis and one legend entry per steering method", () => {
    const figure = steeringFigure(steeringRows(paper));
    const layout = figure.layout as Record<string, { domain?: number[]; matches?: string }>;
    expect([layout["xaxis"]?.domain, layout["xaxis2"]?.domain, layout["xaxis3"]?.domain].every(Array.isArray)).toBe(true);
    expect(layout["yaxis3"]?.matches).toBe("y");
    expect(figure.data.filter((t) => t["showlegend"] === true).map((t) => t.name)).toEqual(["No steering", "Persona", "Few-shot"]);
    const gv = figure.data.filter((t) => t["xaxis"] === "x3");
    expect(gv.map((t) => t.name)).toEqual(["Persona", "Few-shot"]);
    expect((gv[0]?.["x"] as string[]).includes("Humans")).toBe(false);
  });

  it.each([
    ["sequence", "Seq"],
    ["verbalize", "V"],
    ["ts-logprobs", "TS-Log-p"],
  ] as const)("names the models' method of the rows in the title (%s)", (method, label) => {
    const title = (steeringFigure(steeringRows(paper, { method })).layout?.title as { text: string }).text;
    expect(title).toContain(`(models: ${label}; humans: V)`);
    const custom = (steeringFigure(steeringRows(paper, { method }), { title: "Steering" }).layout?.title as { text: string }).text;
    expect(custom).toBe(`Steering (models: ${label}; humans: V)`);
  });

  it("refuses rows of different methods in one figure, such as rows kept from before a parameter change", () => {
    const sequence = steeringRows(paper, { method: "sequence" });
    const verbalize = steeringRows(paper, { method: "verbalize", humans: false });
    expect(() => steeringFigure([...sequence, ...verbalize])).toThrow(/rows of different methods \(Seq, V\)/);
    expect(() => steeringFigure(sequence, { correctedNoSteering: opinionQaNoSteeringRows(corrected, { method: "verbalize" }) })).toThrow(RangeError);
    expect(() => steeringFigure(sequence, { correctedNoSteering: opinionQaNoSteeringRows(corrected, { method: "sequence" }) })).not.toThrow();
  });
});
