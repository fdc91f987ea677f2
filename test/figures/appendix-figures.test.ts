/**
 * Fig. 12 (P(heads) per position of the 30-flip sequence) and Fig. 13 (humans' stereotyping
 * beside the models'): the per-token loader's checks on a corpus of corrupted copies, values
 * checked by hand on the raw files, and the figure specs.
 */
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { coinTokensPath, loadCoinTokens } from "../../src/data/coin-tokens";
import { DataError } from "../../src/errors";
import { coinPositionRecords, coinPositionSummary } from "../../src/figures/coin-positions";
import { coinPositionsFigure } from "../../src/figures/coin-positions-figure";
import { loadStereotypeInputs } from "../../src/figures/figure-inputs";
import { MODEL_AVERAGE_SOURCE, humanStereotypes, modelAverageMarginal } from "../../src/figures/human-stereotypes";
import { humanStereotypesFigure, stereotypeGapRows } from "../../src/figures/human-stereotypes-figure";
import { HUMAN_SOURCE, type RatingMarginal } from "../../src/figures/persona-stereotypes";
import { mulberry32 } from "../../src/random";
import { loadBenchmarkData } from "../../src/benchmark/benchmark-data";
import { PAPER_MODELS } from "../../src/types";
import { testDataDir } from "../helpers/data-dir";
import { makeTempDir } from "../helpers/temp-dir";

type Trace = Record<string, unknown>;
type Entry = Record<string, any>;

describe("Fig. 12 from the published per-token file", () => {
  const runs = loadCoinTokens(testDataDir());
  const records = coinPositionRecords(runs);

  it("has 11 stated probabilities × 30 positions, each from 5 repetitions", () => {
    expect(records).toHaveLength(11 * 30);
    expect(new Set(records.map((r) => r.repetitions))).toEqual(new Set([5]));
    expect(records[0]).toMatchObject({ statedHeads: 0, position: 1 });
  });

  // Stated 50%: P(H) at flip 1 of the five repetitions 0.81286, 0.79564, 0.81285, 0.81988, 0.82671; sampled H, H, H, T, H.
  // Stated 20%: flip 30 averages 0.0607256…, all five samples T.
  it("matches means computed by hand from the raw file", () => {
    const at = (p: number, position: number) => records.find((r) => r.statedHeads === p && r.position === position);
    expect(at(0.5, 1)?.headsProbability).toBeCloseTo(0.813589847658713, 12);
    expect(at(0.5, 1)?.sampledHeads).toBe(0.8);
    expect(at(0.2, 30)?.headsProbability).toBeCloseTo(0.06072561973631081, 12);
    expect(at(0.2, 30)?.sampledHeads).toBe(0);
  });

  it("summarises per stated probability: the first flip is near-deterministic, the mean over flips near the stated value", () => {
    const summary = coinPositionSummary(records);
    expect(summary.find((s) => s.statedHeads === 0.3)?.firstPosition).toBeLessThan(0.01);
    expect(summary.find((s) => s.statedHeads === 0.6)?.firstPosition).toBeGreaterThan(0.9);
    for (const s of summary) expect(Math.abs(s.meanHeadsProbability - s.statedHeads)).toBeLessThan(0.1);
  });

  it("draws one line per stated probability with a dotted reference in the same legend group", () => {
    const figure = coinPositionsFigure(records);
    const traces = figure.data as Trace[];
    expect(traces).toHaveLength(22);
    expect(traces.filter((t) => t["showlegend"] !== false).map((t) => t["name"])).toEqual(Array.from({ length: 11 }, (_, i) => `stated ${10 * i}%`));
    const half = traces.filter((t) => t["legendgroup"] === "p0.5");
    expect(half.map((t) => (t["line"] as Trace)["dash"])).toEqual([undefined, "dot"]);
    expect((half[1] as Trace)["y"]).toEqual([0.5, 0.5]);
    expect(String((figure.layout?.title as { text: string }).text)).toContain("GPT-4");
    expect(JSON.parse(JSON.stringify(figure))).toEqual(figure);
  });
});

describe("the per-token loader rejects a corrupted file, naming file and key", () => {
  const original = JSON.parse(readFileSync(join(testDataDir(), coinTokensPath()), "utf8")) as Record<string, Entry>;
  const first = Object.keys(original)[1] as string; // stated 90%
  const corruptions: [name: string, corrupt: (json: Record<string, Entry>) => void, message: RegExp][] = [
    ["a position missing", (j) => (j[first] as Entry)["actual_results"]["h"][0].pop(), /actual_results\.h\[0\]: 29 positions where 30 are expected$/],
    ["a probability above 1", (j) => ((j[first] as Entry)["actual_results"]["h"][2][4] = 1.2), /actual_results\.h\[2\]\[4\]: 1\.2 is outside 0–1/],
    ["a negative probability", (j) => ((j[first] as Entry)["actual_results"]["t"][0][0] = -0.1), /actual_results\.t\[0\]\[0\]: -0\.1 is outside/],
    ["a string for a number", (j) => ((j[first] as Entry)["actual_results"]["t"][1][3] = "0.5"), /actual_results\.t\[1\]\[3\]: expected a number, got "0\.5"$/],
    ["P(H) + P(T) above 1", (j) => ((j[first] as Entry)["actual_results"]["t"][0][0] = 0.9), /actual_results: P\(H\) \+ P\(T\) = .* > 1 \(repetition 1, position 1\)$/],
    ["a repetition fewer for T", (j) => (j[first] as Entry)["actual_results"]["t"].pop(), /actual_results\.t: 4 repetitions where h has 5$/],
    ["no repetitions", (j) => {
      (j[first] as Entry)["actual_results"]["h"] = [];
    }, /actual_results\.h: no repetitions$/],
    ["a response missing", (j) => (j[first] as Entry)["response"].pop(), /\.response: 4 responses for 5 repetitions$/],
    ["a stored mean that is not the mean", (j) => ((j[first] as Entry)["avg_expected_results"]["h"][7] += 0.01), /avg_expected_results\.h\[7\]: .* is not the mean of the repetitions/],
    ["a stated probability twice", (j) => ((j[first] as Entry)["expected_results"] = { h: 1, t: 0 }), /\(top level\): P\(heads\) 90% stated 0 times, expected once$/],
    ["stated P(H) + P(T) ≠ 1", (j) => ((j[first] as Entry)["expected_results"]["t"] = 0.5), /expected_results: P\(heads\) \+ P\(tails\) = .*, not 1$/],
    ["an entry removed", (j) => delete j[first], /\(top level\): P\(heads\) 90% stated 0 times, expected once$/],
    ["actual_results not an object", (j) => ((j[first] as Entry)["actual_results"] = [1]), /actual_results: expected an object, got an array$/],
  ];

  it.each(corruptions)("%s", (_, corrupt, message) => {
    const dir = makeTempDir();
    const json = structuredClone(original);
    corrupt(json);
    const file = join(dir, coinTokensPath());
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, JSON.stringify(json));
    let error: unknown;
    try {
      loadCoinTokens(dir);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DataError);
    const text = (error as DataError).message;
    expect(text.startsWith(`${file}: `)).toBe(true);
    expect(text).toMatch(message);
    expect(text).not.toContain("\n");
  });

  it("an untouched copy loads", () => {
    const dir = makeTempDir();
    const file = join(dir, coinTokensPath());
    mkdirSync(dirname(file), { recursive: true });
    copyFileSync(join(testDataDir(), coinTokensPath()), file);
    expect(loadCoinTokens(dir)).toHaveLength(11);
  });

  it("a missing file says so", () => {
    expect(() => loadCoinTokens(makeTempDir())).toThrow(/biased_coin_seq_benchmark_seq_modelprob\.json: file not found$/);
  });
});

describe("Fig. 13: humans beside the models", () => {
  const marginal = (source: string, mean: number[], likely: number): RatingMarginal => ({
    source, steering: "persona", group: "Democrat", books: 235, unparsed: 1, mean, lower: mean, upper: mean,
    likely: { mean: likely, lower: likely, upper: likely },
  });

  it("averages the models' marginals with equal weight", () => {
    const average = modelAverageMarginal(
      [marginal("a", [0.1, 0.2, 0.3, 0.4], 0.7), marginal("b", [0.3, 0.2, 0.3, 0.2], 0.5)],
      { rng: mulberry32(0), iterations: 200 },
    );
    expect(average.source).toBe(MODEL_AVERAGE_SOURCE);
    average.mean.forEach((m, j) => expect(m).toBeCloseTo([0.2, 0.2, 0.3, 0.3][j] as number, 12));
    expect(average.likely.mean).toBeCloseTo(0.6, 12);
    expect(average.unparsed).toBe(2);
    expect(average.lower[0]).toBeGreaterThanOrEqual(0.1);
    expect(average.upper[0]).toBeLessThanOrEqual(0.3);
  });

  const data = loadBenchmarkData(testDataDir());
  const result = humanStereotypes(loadStereotypeInputs(data), { rng: mulberry32(0), iterations: 100 });
  // The repository stores the per-model and human marginals behind its figure; the average over models is their plain mean.
  const stored = JSON.parse(readFileSync(join(testDataDir(), "results/human_annotations/all_q_ID_to_TV.json"), "utf8")) as Entry;
  const key = { persona: "persona_avg", "few-shot": "fewshot_avg" } as const;

  it.each(["Democrat", "Republican"])("%s: humans, each model and the model average equal the stored marginals", (group) => {
    for (const steering of ["persona", "few-shot"] as const) {
      const find = (source: string) => result.marginals.find((m) => m.source === source && m.group === group && m.steering === steering) as RatingMarginal;
      find(HUMAN_SOURCE).mean.forEach((m, j) => expect(m).toBeCloseTo(stored["humans"][group][key[steering]][j], 12));
      for (const model of PAPER_MODELS) {
        find(model).mean.forEach((m, j) => expect(m).toBeCloseTo(stored[model]["express_distribution"][group][key[steering]][j], 12));
      }
      const average = PAPER_MODELS.map((model) => stored[model]["express_distribution"][group][key[steering]] as number[]);
      find(MODEL_AVERAGE_SOURCE).mean.forEach((m, j) => expect(m).toBeCloseTo(average.reduce((a, v) => a + (v[j] as number), 0) / average.length, 12));
    }
  });

  it("persona steering: humans stereotype less than the average model, few-shot shrinks both", () => {
    const gap = (source: string, steering: string | undefined) => result.gaps.find((g) => g.source === source && g.steering === steering)?.gap as number;
    expect(gap("ground truth", undefined)).toBeLessThan(0);
    expect(gap(HUMAN_SOURCE, "persona")).toBeGreaterThan(0);
    expect(gap(MODEL_AVERAGE_SOURCE, "persona")).toBeGreaterThan(gap(HUMAN_SOURCE, "persona"));
    expect(Math.abs(gap(HUMAN_SOURCE, "few-shot"))).toBeLessThan(gap(HUMAN_SOURCE, "persona"));
    expect(Math.abs(gap(MODEL_AVERAGE_SOURCE, "few-shot"))).toBeLessThan(gap(MODEL_AVERAGE_SOURCE, "persona"));
    expect(stereotypeGapRows(result).map((r) => r.series)).toContain("Models (average) · Persona");
  });

  it("draws ground truth, humans and the model average in both panels; each model hidden until picked", () => {
    const figure = humanStereotypesFigure(result);
    const traces = figure.data as Trace[];
    const legend = traces.filter((t) => t["showlegend"] === true).map((t) => t["name"]);
    expect(legend.slice(0, 2)).toEqual(["Ground truth", "Humans · Persona"]);
    expect(legend).toContain("Models (average) · Persona");
    expect(legend).toContain("GPT-4 · Few-shot");
    expect(traces.filter((t) => t["name"] === "GPT-4 · Persona").map((t) => t["visible"])).toEqual(["legendonly", "legendonly"]);
    expect(traces.filter((t) => t["name"] === "Models (average) · Persona").map((t) => t["yaxis"])).toEqual(["y", "y2"]);
    const withoutModels = humanStereotypesFigure(result, { perModel: false }).data as Trace[];
    expect(withoutModels.some((t) => t["name"] === "GPT-4 · Persona")).toBe(false);
    // A series keeps its colour whether or not the models are drawn.
    const color = (ts: Trace[], name: string) => (ts.find((t) => t["name"] === name)?.["line"] as Trace)["color"];
    expect(color(withoutModels, "Models (average) · Persona")).toBe(color(traces, "Models (average) · Persona"));
    expect(JSON.parse(JSON.stringify(figure))).toEqual(figure);
  });
});
