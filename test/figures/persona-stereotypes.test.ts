/**
 * Fig. 5 (persona stereotypes): marginals on hand-made vectors, and on the published data against
 * the authors' own aggregates: results/human_annotations/NYT_q_ID_to_TV.json (ground truth and
 * humans, `_avg` and bootstrap half-widths `_bs`) and all_q_ID_to_TV.json (model Verbalize means).
 */
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { readDataJson } from "../../src/data/data-dir";
import { loadStereotypeInputs } from "../../src/figures/figure-inputs";
import {
  GROUND_TRUTH_SOURCE,
  HUMAN_SOURCE,
  type RatingMarginal,
  bookDistributionRows,
  groundTruthVectors,
  modelVectors,
  likelyGaps,
  personaStereotypes,
  ratingMarginal,
} from "../../src/figures/persona-stereotypes";
import { mulberry32 } from "../../src/random";
import { loadBenchmarkData } from "../../src/benchmark/benchmark-data";
import { PAPER_MODELS, type Steering } from "../../src/types";
import { testDataDir } from "../helpers/data-dir";

const VECTORS = [
  [0.5, 0.5, 0, 0],
  [0, 0, 0.5, 0.5],
  [0.25, 0.25, 0.25, 0.25],
  [0, 0, 0, 0],
];

describe("ratingMarginal on hand-made vectors", () => {
  const source = { source: "m", steering: "persona" as const, group: "Democrat", vectors: VECTORS };

  it("averages each option over books, all-zero vectors included by default", () => {
    const m = ratingMarginal(source, { rng: mulberry32(3), iterations: 200 });
    expect(m.mean).toEqual([0.1875, 0.1875, 0.1875, 0.1875]);
    expect(m.books).toBe(4);
    expect(m.unparsed).toBe(1);
    expect(m.likely.mean).toBe(0.375); // (0 + 1 + 0.5 + 0) / 4
    m.mean.forEach((mean, j) => {
      expect(m.lower[j]).toBeLessThanOrEqual(mean);
      expect(m.upper[j]).toBeGreaterThanOrEqual(mean);
    });
  });

  it("can leave out unparsed (all-zero) vectors", () => {
    const m = ratingMarginal(source, { rng: mulberry32(3), iterations: 200, skipUnparsed: true });
    expect(m.mean).toEqual([0.25, 0.25, 0.25, 0.25]);
    expect([m.books, m.unparsed]).toEqual([3, 0]);
    expect(m.likely.mean).toBe(0.5);
  });

  it("rejects empty input and ragged vectors", () => {
    expect(() => ratingMarginal({ ...source, vectors: [] }, { rng: mulberry32(0) })).toThrow("ratingMarginal: no vectors (m, Democrat)");
    expect(() => ratingMarginal({ ...source, vectors: [[1, 0], [1]] }, { rng: mulberry32(0) })).toThrow(
      "ratingMarginal: vector 1 has 1 options, not 2 (m, Democrat)",
    );
  });

  it("finds the Democrat − Republican gap in the likely share", () => {
    const dem = ratingMarginal({ ...source, vectors: [[0, 0, 0.5, 0.5]] }, { rng: mulberry32(0), iterations: 10 });
    const rep = ratingMarginal({ ...source, group: "Republican", vectors: [[0.5, 0.3, 0.2, 0]] }, { rng: mulberry32(0), iterations: 10 });
    expect(likelyGaps([dem, rep])).toEqual([{ source: "m", steering: "persona", democrat: 1, republican: 0.2, gap: 0.8 }]);
  });
});

type Aggregate = Record<string, Record<string, number[]>>;
const STEERING_KEYS: Record<Steering, string> = { none: "nosteer", persona: "persona", "few-shot": "fewshot" };
const GROUPS = ["Democrat", "Republican", "Male", "Female"];

describe("personaStereotypes on the published data", () => {
  let rows: RatingMarginal[];
  let humansAndTruth: Aggregate;
  let models: Record<string, Record<string, Aggregate>>;
  const find = (source: string, steering: Steering | undefined, group: string) =>
    rows.find((r) => r.source === source && r.steering === steering && r.group === group) as RatingMarginal;

  beforeAll(() => {
    const dir = testDataDir();
    rows = personaStereotypes(loadStereotypeInputs(loadBenchmarkData(dir)), {
      rng: mulberry32(0),
      models: PAPER_MODELS,
      steerings: ["none", "persona", "few-shot"],
      groups: GROUPS,
    });
    const folder = join("results", "human_annotations");
    humansAndTruth = readDataJson(dir, join(folder, "NYT_q_ID_to_TV.json")) as Aggregate;
    models = readDataJson(dir, join(folder, "all_q_ID_to_TV.json")) as Record<string, Record<string, Aggregate>>;
  });

  it("reproduces the authors' ground-truth and human marginals exactly", () => {
    for (const group of GROUPS) {
      const expected = humansAndTruth[group] ?? {};
      expect(find(GROUND_TRUTH_SOURCE, undefined, group).mean).toEqual(expected["gt_avg"]?.map((v) => expect.closeTo(v, 12)));
      for (const steering of ["none", "persona", "few-shot"] as const) {
        const key = `${STEERING_KEYS[steering]}_avg`;
        expect(find(HUMAN_SOURCE, steering, group).mean, `${group} ${key}`).toEqual(expected[key]?.map((v) => expect.closeTo(v, 12)));
      }
    }
  });

  it("has bootstrap half-widths within bootstrap noise (±25%) of the authors' `_bs`", () => {
    for (const group of GROUPS) {
      const expected = humansAndTruth[group] ?? {};
      const pairs: [RatingMarginal, number[] | undefined][] = [
        [find(GROUND_TRUTH_SOURCE, undefined, group), expected["gt_bs"]],
        [find(HUMAN_SOURCE, "persona", group), expected["persona_bs"]],
        [find(HUMAN_SOURCE, "few-shot", group), expected["fewshot_bs"]],
      ];
      for (const [row, bs] of pairs) {
        row.mean.forEach((_, j) => {
          const halfWidth = ((row.upper[j] as number) - (row.lower[j] as number)) / 2;
          expect(halfWidth / (bs?.[j] as number), `${row.source} ${row.steering} ${group} option ${j + 1}`).toBeGreaterThan(0.75);
          expect(halfWidth / (bs?.[j] as number)).toBeLessThan(1.25);
        });
      }
    }
  });

  it("reproduces the authors' Verbalize marginals of all five models, unparsed outputs included", () => {
    for (const model of PAPER_MODELS) {
      for (const group of GROUPS) {
        for (const steering of ["none", "persona", "few-shot"] as const) {
          const expected = models[model]?.["express_distribution"]?.[group]?.[`${STEERING_KEYS[steering]}_avg`];
          expect(find(model, steering, group).mean, `${model} ${steering} ${group}`).toEqual(expected?.map((v) => expect.closeTo(v, 12)));
        }
      }
    }
    expect(find("anthropic_opus", "persona", "Republican").unparsed).toBe(48);
  });

  it("shows the 'Democrats read more' artifact under persona steering, and few-shot shrinking it", () => {
    const gaps = likelyGaps(rows);
    const gap = (source: string, steering: Steering | undefined) => gaps.find((g) => g.source === source && g.steering === steering)?.gap as number;
    expect(gap(GROUND_TRUTH_SOURCE, undefined)).toBeLessThan(0); // Republicans are slightly more likely to read
    for (const model of PAPER_MODELS) {
      expect(gap(model, "persona"), model).toBeGreaterThan(0.15);
      expect(Math.abs(gap(model, "few-shot")), model).toBeLessThan(gap(model, "persona") / 2);
    }
    // humans stereotype too, less than the models (App. A.10)
    expect(gap(HUMAN_SOURCE, "persona")).toBeGreaterThan(0.05);
    expect(gap(HUMAN_SOURCE, "persona")).toBeLessThan(Math.min(...PAPER_MODELS.map((m) => gap(m, "persona"))));
    // GPT-4 persona: Democrats' likely share far above the truth, Republicans' close to it
    expect(find("gpt-4", "persona", "Democrat").likely.mean - find(GROUND_TRUTH_SOURCE, undefined, "Democrat").likely.mean).toBeGreaterThan(0.2);
    expect(Math.abs(find("gpt-4", "persona", "Republican").likely.mean - find(GROUND_TRUTH_SOURCE, undefined, "Republican").likely.mean)).toBeLessThan(0.02);
  });
});

describe("bookDistributionRows on the published data", () => {
  it("lists the first books of the lists personaStereotypes averages, with their ids and likely share", () => {
    const inputs = loadStereotypeInputs(loadBenchmarkData(testDataDir()));
    const truth = bookDistributionRows(inputs, GROUND_TRUTH_SOURCE, ["Democrat", "Republican"], 2);
    expect(truth.map((r) => [r.group, r.book])).toEqual([
      ["Democrat", inputs.books[0]?.id],
      ["Democrat", inputs.books[1]?.id],
      ["Republican", inputs.books[0]?.id],
      ["Republican", inputs.books[1]?.id],
    ]);
    const shares = (r: (typeof truth)[number]) => [r["rating 1"], r["rating 2"], r["rating 3"], r["rating 4"]];
    expect(truth.filter((r) => r.group === "Republican").map(shares)).toEqual(groundTruthVectors(inputs.books, "Republican").slice(0, 2));
    for (const row of truth) expect(row.likely).toBeCloseTo(row["rating 3"] + row["rating 4"], 12);
    const model = bookDistributionRows(inputs, { model: "gpt-4", method: "verbalize", steering: "persona" }, ["Democrat"], 3);
    expect(model.map(shares)).toEqual(modelVectors(inputs.cell, "gpt-4", "verbalize", "persona", "Democrat").slice(0, 3));
    expect(model[0]?.source).toBe("GPT-4 V, persona");
    expect(() => bookDistributionRows(inputs, { model: "gpt-4", method: "verbalize", steering: "persona" }, ["Black"])).toThrow('"Black" is not an NYT group');
  });
});
