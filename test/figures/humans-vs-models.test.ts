/**
 * Table 2 (notebook tab2-humans-vs-models): "both" = ½ OpinionQA + ½ NYT over persona + few-shot,
 * the per-condition cells, sorting, the humans' row and the chart.
 */
import { beforeAll, describe, expect, it } from "vitest";
import {
  humanRowPositions,
  humansVsModelsFigure,
  humansVsModelsRows,
  humansVsModelsTable,
  modelsAheadOfHumans,
} from "../../src/figures/humans-vs-models";
import { loadBenchmarkData } from "../../src/benchmark/benchmark-data";
import { type Reproduction, reproduce } from "../../src/reproduce/reproduce";
import { testDataDir } from "../helpers/data-dir";

let paper: Reproduction;

beforeAll(async () => {
  paper = await reproduce({ mode: "paper", data: loadBenchmarkData(testDataDir()), iterations: 50, seed: 0 });
});

const mean = (dataset: string, steering: string, model: string, method: string) =>
  paper.breakdown.find((r) => r.dataset === dataset && r.steering === steering && r.model === model && r.method === method)?.mean as number;

describe("humansVsModelsRows", () => {
  it("lists every model × method with outputs and the humans, sorted best first", () => {
    const rows = humansVsModelsRows(paper);
    expect(rows).toHaveLength(5 * 2 + 3 * 2 + 1);
    for (let i = 1; i < rows.length; i++) expect(rows[i]!.both).toBeGreaterThanOrEqual(rows[i - 1]!.both);
    expect(humanRowPositions(rows)).toEqual([rows.findIndex((r) => r.series === "Humans")]);
  });

  it("computes both = ½ OpinionQA + ½ NYT, each pooled over persona and few-shot", () => {
    for (const row of humansVsModelsRows(paper)) {
      const expected = 0.5 * mean("opinionqa", "persona+few-shot", row.model, row.method) + 0.5 * mean("nytimes", "persona+few-shot", row.model, row.method);
      expect(row.both).toBeCloseTo(expected, 12);
    }
  });

  it("fills the per-condition cells from the breakdown", () => {
    const human = humansVsModelsRows(paper).find((r) => r.model === "human");
    expect(human?.["NYT persona"]).toBe(mean("nytimes", "persona", "human", "verbalize"));
    expect(human?.["OQA none"]).toBe(mean("opinionqa", "none", "human", "verbalize"));
    expect(human?.both).toBeCloseTo(0.2466, 3); // docs/protocol.md §6: human "both" rebuilt from the Qualtrics exports
  });

  it("filters by method", () => {
    const rows = humansVsModelsRows(paper, { methods: ["verbalize"] });
    expect(rows.map((r) => r.method)).toEqual(Array(6).fill("verbalize"));
    expect(humansVsModelsTable(rows)[0]).toMatchObject({ rank: 1 });
    expect(Object.keys(humansVsModelsTable(rows)[0] ?? {})).not.toContain("model");
  });
});

describe("modelsAheadOfHumans and the chart", () => {
  it("names the models with a lower 'both' than the humans and their margins", () => {
    const rows = humansVsModelsRows(paper);
    const human = rows.find((r) => r.model === "human")!;
    const ahead = modelsAheadOfHumans(rows);
    expect(ahead.map((a) => a.series)).toEqual(rows.filter((r) => r.both < human.both).map((r) => r.series));
    for (const a of ahead) expect(a.margin).toBeGreaterThan(0);
  });

  it("draws one bar series per method and one for the humans, best at the top", () => {
    const rows = humansVsModelsRows(paper);
    const figure = humansVsModelsFigure(rows);
    expect(new Set(figure.data.map((t) => t.name))).toEqual(new Set(["V", "Seq", "Log-p", "TS-Log-p", "Humans"]));
    const order = (figure.layout?.["yaxis"] as { categoryarray: string[] }).categoryarray;
    expect(order[order.length - 1]).toBe(rows[0]?.series);
    const shapes = figure.layout?.["shapes"] as { x0: number }[];
    expect(shapes[0]?.x0).toBe(rows.find((r) => r.model === "human")?.both);
  });
});
