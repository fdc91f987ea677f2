/** The per-item rows shown before an aggregate: the first items of each matching list, with the list's mean. */
import { describe, expect, it } from "vitest";
import { itemScoreRows, pairedItemRows } from "../../src/figures/item-scores";
import type { ScoreList } from "../../src/benchmark/score-lists";

const list = (group: string, values: number[], method = "sequence"): ScoreList =>
  ({ dataset: "nytimes", steering: "persona", model: "gpt-4", method, group, values, parsed: values.length, attempted: values.length, listedTwice: false }) as ScoreList;

describe("itemScoreRows", () => {
  it("takes the first items of each matching list and the whole list's mean", () => {
    const rows = itemScoreRows([list("POLPARTY/Democrat", [0.1, 0.2, 0.6]), list("SEX/Male", [0.4]), list("SEX/Male", [0.9], "verbalize")], { method: "sequence" }, 2);
    expect(rows.map((r) => [r.group, r.item, r.tv, r["list mean"], r["list length"]])).toEqual([
      ["POLPARTY/Democrat", 1, 0.1, 0.3, 3],
      ["POLPARTY/Democrat", 2, 0.2, 0.3, 3],
      ["SEX/Male", 1, 0.4, 0.4, 1],
    ]);
    expect(rows[0]).toMatchObject({ model: "GPT-4", dataset: "NYT Book Opinions", steering: "persona" });
    expect(itemScoreRows([list("SEX/Male", [0.4])], { model: "llama3-70b" })).toEqual([]);
  });
});

describe("pairedItemRows", () => {
  const keyed = (group: string, method: string, questions: string[], values: number[]): ScoreList => ({ ...list(group, values, method), questions });

  it("pairs each group's questions across the two methods by id, with second − first", () => {
    const lists = [
      keyed("POLPARTY/Democrat", "verbalize", ["q1", "q2", "q3"], [0.1, 0.2, 0.3]),
      keyed("POLPARTY/Democrat", "sequence", ["q3", "q1"], [0.5, 0.4]),
      keyed("SEX/Male", "verbalize", ["q1"], [0.25]),
      keyed("SEX/Male", "sequence", ["q1"], [0.75]),
    ];
    const rows = pairedItemRows(lists, { dataset: "nytimes", steering: "persona", model: "gpt-4" }, ["verbalize", "sequence"], 5);
    expect(rows.map((r) => [r["group"], r["question"], r["V"], r["Seq"], r["Seq − V"]])).toEqual([
      ["POLPARTY/Democrat", "q1", 0.1, 0.4, 0.30000000000000004],
      ["POLPARTY/Democrat", "q3", 0.3, 0.5, 0.2],
      ["SEX/Male", "q1", 0.25, 0.75, 0.5],
    ]);
    expect(pairedItemRows(lists, { dataset: "nytimes", steering: "persona", model: "gpt-4" }, ["verbalize", "sequence"], 1)).toHaveLength(2);
    expect(pairedItemRows([list("SEX/Male", [0.1], "verbalize"), list("SEX/Male", [0.2])], { dataset: "nytimes", steering: "persona", model: "gpt-4" }, ["verbalize", "sequence"])).toEqual([]);
  });
});
