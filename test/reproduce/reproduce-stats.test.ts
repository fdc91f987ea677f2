import { beforeAll, describe, expect, it } from "vitest";
import { type BenchmarkData, loadBenchmarkData } from "../../src/benchmark/benchmark-data";
import { baselineItems, scaleOrder, surveyBaselines } from "../../src/reproduce/baselines-table";
import {
  type ComparisonRow,
  type Configuration,
  type StatisticsOptions,
  compareConfigurations,
  comparisonTable,
  configurationItems,
  withHolm,
} from "../../src/reproduce/comparisons";
import { toCsv } from "../../src/reproduce/csv";
import { gapIntervals, metricBoard } from "../../src/reproduce/metric-board";
import { orderedW1 } from "../../src/reproduce/ordinal-scales";
import { statisticsTables } from "../../src/reproduce/report";
import { type Reproduction, modelScoreLists, reproduce } from "../../src/reproduce/reproduce";
import type { ScoreList } from "../../src/benchmark/score-lists";
import { missingAnswerSensitivity } from "../../src/reproduce/sensitivity";
import { reproductionStatistics } from "../../src/reproduce/statistics";
import { mulberry32 } from "../../src/random";
import { noiseFloor } from "../../src/scoring/noise-floor";
import { totalVariation } from "../../src/scoring/total-variation";
import { nytSurvey } from "../../src/survey/nytimes-survey";
import { opinionQaSurvey } from "../../src/survey/opinionqa-survey";
import { DATASETS } from "../../src/types";
import { testDataDir } from "../helpers/data-dir";

const MODELS = ["gpt-4", "anthropic_opus"];
const options: StatisticsOptions = { iterations: 200, seed: 7, scheme: "question-clustered" };
let data: BenchmarkData;
let paperLists: ScoreList[];
let correctedLists: ScoreList[];

beforeAll(() => {
  data = loadBenchmarkData(testDataDir());
  paperLists = modelScoreLists(data, "paper", MODELS);
  correctedLists = modelScoreLists(data, "corrected", MODELS);
});

const board = (model: string, method: string): Configuration => ({ model, method, steering: ["persona", "few-shot"], datasets: DATASETS });

/** The leaderboard mean computed directly from the lists: per dataset, the mean of every value, then the mean over datasets. */
function directMean(lists: readonly ScoreList[], model: string, method: string, keep: (l: ScoreList, i: number) => boolean = () => true): number {
  const means = DATASETS.map((dataset) => {
    const values = lists
      .filter((l) => l.model === model && l.method === method && l.dataset === dataset && (l.steering === "persona" || l.steering === "few-shot"))
      .flatMap((l) => l.values.filter((_, i) => keep(l, i)));
    return values.reduce((a, b) => a + b, 0) / values.length;
  });
  return means.reduce((a, b) => a + b, 0) / means.length;
}

describe("score lists for pairing", () => {
  it("carry one question key and one W1 per value, W1 in [0, 1] where the question is ordinal", () => {
    for (const list of [...paperLists, ...correctedLists]) {
      expect(list.questions?.length).toBe(list.values.length);
      expect(list.w1?.length).toBe(list.values.length);
      for (const w of list.w1 ?? []) if (!Number.isNaN(w)) expect(w >= 0 && w <= 1).toBe(true);
    }
    const nyt = correctedLists.filter((l) => l.dataset === "nytimes");
    expect(nyt.every((l) => l.w1?.every((w) => !Number.isNaN(w)))).toBe(true);
    expect(correctedLists.filter((l) => l.dataset === "globalvalues").every((l) => l.w1?.every(Number.isNaN))).toBe(true);
  });

  it("without the ordinal metric (w1: false): the same values and questions, no W1, no scale order on missing items", () => {
    for (const [mode, withW1] of [["paper", paperLists], ["corrected", correctedLists]] as const) {
      const without = modelScoreLists(data, mode, MODELS, { w1: false });
      expect(without).toHaveLength(withW1.length);
      without.forEach((list, i) => {
        const full = withW1[i] as ScoreList;
        expect([list.dataset, list.steering, list.model, list.method, list.group]).toEqual([full.dataset, full.steering, full.model, full.method, full.group]);
        expect(list.values).toEqual(full.values);
        expect(list.questions).toEqual(full.questions);
        expect([list.parsed, list.attempted]).toEqual([full.parsed, full.attempted]);
        expect(list.w1).toBeUndefined();
        expect(list.missing?.map((m) => [m.question, m.truth])).toEqual(full.missing?.map((m) => [m.question, m.truth]));
        expect(list.missing?.some((m) => m.order !== undefined) ?? false).toBe(false);
      });
    }
    expect(correctedLists.some((l) => l.missing?.some((m) => m.order !== undefined))).toBe(true);
  });

  it("reproduce computes W1 only with the statistics", async () => {
    const settings = { data, models: ["gpt-4"], iterations: 5, seed: 1, threads: 1 } as const;
    const tablesOnly = await reproduce({ ...settings, mode: "paper" });
    const withStatistics = await reproduce({ ...settings, mode: "paper", statistics: true });
    expect(tablesOnly.lists.filter((l) => l.model === "gpt-4").every((l) => l.w1 === undefined)).toBe(true);
    expect(withStatistics.lists.filter((l) => l.model === "gpt-4").every((l) => l.w1?.length === l.values.length)).toBe(true);
    expect(tablesOnly.table1a).toEqual(withStatistics.table1a);
  });

  it("W1 on the scale by hand: NYT-like 4 points, and an off-scale option left out with renormalising", () => {
    expect(orderedW1([1, 0, 0, 0], [0, 0, 0, 1], [0, 1, 2, 3])).toBe(1);
    expect(orderedW1([0, 1, 0, 0], [1, 0, 0, 0], [0, 1, 2, 3])).toBeCloseTo(1 / 3, 15);
    // Scale order B, A, C; option D ("Refused") is off it. On the scale p = (0, 1, 0) after
    // renormalising and q = (0.5, 0, 0.5): |0 − 0.5| + |1 − 0.5| over 2 steps = 0.5.
    expect(orderedW1([0.5, 0, 0, 0.5], [0, 0.5, 0.5, 0], [1, 0, 2])).toBeCloseTo(0.5, 15);
    expect(Number.isNaN(orderedW1([0, 0, 0, 1], [0.5, 0.5, 0, 0], [0, 1, 2]))).toBe(true);
  });
});

describe("paired comparisons on the published outputs", () => {
  it("a configuration against itself: difference, interval and replicates exactly 0, p = 1", () => {
    const row = compareConfigurations(paperLists, { family: "self", a: board("gpt-4", "verbalize"), b: board("gpt-4", "verbalize") }, "tv", options);
    expect(row).toMatchObject({ diff: 0, ciLow: 0, ciHigh: 0, p: 1 });
  });

  it("against a copy shifted by 0.01 on every item: recovers the shift, with a zero-width interval", () => {
    const shifted = paperLists.filter((l) => l.model === "gpt-4").map((l) => ({ ...l, model: "shifted", values: l.values.map((v) => v + 0.01) }));
    const row = compareConfigurations([...paperLists, ...shifted], { family: "shift", a: board("shifted", "verbalize"), b: board("gpt-4", "verbalize") }, "tv", options) as ComparisonRow;
    expect(row.diff).toBeCloseTo(0.01, 12);
    expect(row.ciLow).toBeCloseTo(0.01, 12);
    expect(row.ciHigh).toBeCloseTo(0.01, 12);
    expect(row.p).toBeLessThan(0.01);
  });

  it("the difference equals the difference of leaderboard means computed directly from the lists", () => {
    const row = compareConfigurations(paperLists, { family: "models/verbalize", a: board("anthropic_opus", "verbalize"), b: board("gpt-4", "verbalize") }, "tv", options) as ComparisonRow;
    // Paper mode drops the same items for both models on the board only where both lack them; compare on common items.
    const keys = (model: string) => new Set(paperLists.filter((l) => l.model === model && l.method === "verbalize").flatMap((l) => (l.questions ?? []).map((q) => `${l.dataset}|${l.steering}|${l.group}|${q}`)));
    const common = new Set([...keys("anthropic_opus")].filter((k) => keys("gpt-4").has(k)));
    const keep = (l: ScoreList, i: number) => common.has(`${l.dataset}|${l.steering}|${l.group}|${l.questions?.[i]}`);
    expect(row.meanA).toBeCloseTo(directMean(paperLists, "anthropic_opus", "verbalize", keep), 12);
    expect(row.meanB).toBeCloseTo(directMean(paperLists, "gpt-4", "verbalize", keep), 12);
    expect(row.diff).toBeCloseTo(row.meanA - row.meanB, 12);
    expect(row.ciLow).toBeLessThan(row.diff);
    expect(row.ciHigh).toBeGreaterThan(row.diff);
  });

  it("Holm within each family and metric matches a hand-worked family", () => {
    const base = { a: "a", b: "b", dataset: "all" as const, steering: "x", meanA: 0, meanB: 0, diff: 0, ciLow: 0, ciHigh: 0, pPercentile: 1, n: 1 };
    const rows = withHolm([
      { ...base, family: "f", metric: "tv", p: 0.01 },
      { ...base, family: "g", metric: "tv", p: 0.5 },
      { ...base, family: "f", metric: "tv", p: 0.04 },
      { ...base, family: "f", metric: "w1", p: 0.04 },
      { ...base, family: "f", metric: "tv", p: 0.03 },
      { ...base, family: "f", metric: "tv", p: 0.005 },
    ]);
    // Family f/tv: sorted 0.005, 0.01, 0.03, 0.04 → 4·0.005, 3·0.01, max(0.03, 2·0.03), max(0.06, 0.04).
    expect(rows.map((r) => r.pHolm)).toEqual([0.03, 0.5, 0.06, 0.04, 0.06, 0.02]);
  });

  it("the standard families are complete, with Holm-adjusted p-values at least the raw ones", () => {
    const rows = comparisonTable(paperLists, { ...options, iterations: 50 }, MODELS);
    const families = new Set(rows.map((r) => r.family));
    expect([...families]).toEqual(expect.arrayContaining(["models/verbalize", "models/sequence", "verbalize-vs-sequence", "few-shot-vs-persona"]));
    expect(rows.filter((r) => r.family === "verbalize-vs-sequence" && r.metric === "tv").map((r) => r.a)).toEqual(["gpt-4:verbalize", "anthropic_opus:verbalize"]);
    for (const r of rows) {
      expect(r.pHolm).toBeGreaterThanOrEqual(r.p);
      expect(r.ciLow).toBeLessThanOrEqual(r.ciHigh);
    }
    expect(new Set(rows.map((r) => r.metric))).toEqual(new Set(["tv", "w1"]));
  });
});

describe("gap intervals and the leaderboard by metric", () => {
  it("K2S on the items both methods parsed equals Seq/V − 1 of directly computed means on those items", () => {
    const [gap] = gapIntervals(correctedLists, options, ["llama3-70b"].filter((m) => MODELS.includes(m)).concat(["gpt-4"]));
    expect(gap?.model).toBe("gpt-4");
    const keysOf = (method: string) =>
      new Set(correctedLists.filter((l) => l.model === "gpt-4" && l.method === method).flatMap((l) => (l.questions ?? []).map((q) => `${l.dataset}|${l.steering}|${l.group}|${q}`)));
    const seq = keysOf("sequence");
    const both = new Set([...keysOf("verbalize")].filter((k) => seq.has(k)));
    const keep = (l: ScoreList, i: number) => both.has(`${l.dataset}|${l.steering}|${l.group}|${l.questions?.[i]}`);
    const direct = directMean(correctedLists, "gpt-4", "sequence", keep) / directMean(correctedLists, "gpt-4", "verbalize", keep) - 1;
    expect(gap?.kssBothParsed).toBeCloseTo(direct, 12);
    expect(gap?.ciLowBothParsed).toBeLessThan(direct);
    expect(gap?.ciHighBothParsed).toBeGreaterThan(direct);
  });

  it("tv and w1 rows are on the same items, w1 ≤ tv on average, and W1 ≤ TV on every NYT item (all options on the scale)", () => {
    const rows = metricBoard(correctedLists, options, MODELS);
    for (const model of MODELS) {
      const tv = rows.find((r) => r.model === model && r.method === "verbalize" && r.metric === "tv");
      const w1 = rows.find((r) => r.model === model && r.method === "verbalize" && r.metric === "w1");
      expect(tv?.n).toBe(w1?.n);
      expect((w1?.mean as number) <= (tv?.mean as number)).toBe(true);
    }
    for (const list of correctedLists.filter((l) => l.dataset === "nytimes")) list.w1?.forEach((w, i) => !Number.isNaN(w) && expect(w).toBeLessThanOrEqual((list.values[i] as number) + 1e-12));
  });
});

describe("baselines and the noise floor from the human data", () => {
  it("NYT: uniform and other-group match a direct computation; the floor matches a simulation", () => {
    const survey = nytSurvey(testDataDir());
    const items = baselineItems(survey);
    const q = survey.questions[0];
    const dem = survey.answers.get(q?.id as string)?.get("Democrat");
    const rep = survey.answers.get(q?.id as string)?.get("Republican");
    const uniform = items.get("uniform\u0000tv");
    const at = uniform?.questions.findIndex((id, i) => id === q?.id && uniform.groups?.[i] === "Democrat") as number;
    const used = (dem?.distribution ?? []).filter((x) => x > 0).length;
    expect(uniform?.scores[at]).toBeCloseTo(totalVariation((dem?.distribution ?? []).map((x) => (x > 0 ? 1 / used : 0)), dem?.distribution ?? []), 12);
    const other = items.get("other-group\u0000tv");
    const j = other?.questions.findIndex((id, i) => id === q?.id && other.groups?.[i] === "Democrat") as number;
    expect(other?.scores[j]).toBeCloseTo(totalVariation(rep?.distribution ?? [], dem?.distribution ?? []), 12);
    const floor = items.get("noise-floor\u0000tv");
    const k = floor?.questions.findIndex((id, i) => id === q?.id && floor.groups?.[i] === "Democrat") as number;
    const simulated = noiseFloor(dem?.distribution ?? [], dem?.n as number, { method: "simulation", rng: mulberry32(3), draws: 40000 });
    expect(Math.abs((floor?.scores[k] as number) - simulated.value)).toBeLessThan(4 * simulated.standardError + 1e-9);
  });

  it("OpinionQA: scale order leaves off-scale options out; the floor is far below NYT's", () => {
    const survey = opinionQaSurvey(testDataDir());
    const withRefused = survey.questions.find((q) => q.scale === "ordinal" && q.options.includes("Refused"));
    const order = scaleOrder(withRefused as NonNullable<typeof withRefused>) ?? [];
    expect(order).not.toContain(withRefused?.options.indexOf("Refused"));
    const rows = [...surveyBaselines(survey, options), ...surveyBaselines(nytSurvey(testDataDir()), options)];
    const floor = (dataset: string) => rows.find((r) => r.dataset === dataset && r.baseline === "noise-floor" && r.metric === "tv")?.mean as number;
    expect(floor("nytimes")).toBeGreaterThan(3 * floor("opinionqa"));
  });
});

describe("sensitivity and seeding", () => {
  it("drop equals the corrected leaderboard mean; as-uniform adds the uniform score of each unparsed item", () => {
    const rows = missingAnswerSensitivity(correctedLists, options, ["gpt-4"]);
    const drop = rows.find((r) => r.method === "sequence" && r.policy === "drop");
    expect(drop?.mean).toBeCloseTo(directMean(correctedLists, "gpt-4", "sequence"), 12);
    const uniform = rows.find((r) => r.method === "sequence" && r.policy === "as-uniform");
    const means = DATASETS.map((dataset) => {
      const lists = correctedLists.filter((l) => l.model === "gpt-4" && l.method === "sequence" && l.dataset === dataset && l.steering !== "none");
      const values = lists.flatMap((l) => [...l.values, ...(l.missing ?? []).map((m) => totalVariation(m.truth.map(() => 1 / m.truth.length), m.truth))]);
      return values.reduce((a, b) => a + b, 0) / values.length;
    });
    expect(uniform?.mean).toBeCloseTo(means.reduce((a, b) => a + b, 0) / means.length, 12);
  });

  it("the same seed gives byte-identical files; another seed other intervals", () => {
    const small = { ...options, iterations: 30 };
    const csv = (seed: number) =>
      statisticsTables(reproductionStatistics(data, "paper", paperLists, { ...small, seed }, MODELS))
        .map((t) => toCsv(t.header, t.rows))
        .join("\n");
    const first = csv(1);
    expect(csv(1)).toBe(first);
    expect(csv(2)).not.toBe(first);
  });
});

describe("reproduce with statistics", () => {
  let plain: Reproduction;
  let withStats: Reproduction;
  beforeAll(async () => {
    plain = await reproduce({ mode: "paper", data, iterations: 30, models: MODELS, threads: 1 });
    withStats = await reproduce({ mode: "paper", data, iterations: 30, models: MODELS, threads: 2, statistics: true });
  });

  it("leaves the paper's tables unchanged", () => {
    expect(withStats.table1a).toEqual(plain.table1a);
    expect(withStats.table1b).toEqual(plain.table1b);
    expect(withStats.breakdown).toEqual(plain.breakdown);
    expect(plain.statistics).toBeUndefined();
    expect(withStats.statistics?.comparisons.length).toBeGreaterThan(0);
  });

  it("uses the question-clustered scheme by default and no sensitivity in paper mode", () => {
    expect(withStats.statistics?.scheme).toBe("question-clustered");
    expect(withStats.statistics?.sensitivity).toBeUndefined();
    expect(configurationItems(withStats.lists, board("gpt-4", "verbalize"), "tv").size).toBe(3);
  });
});
