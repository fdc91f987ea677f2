/** The per-item rows shown before an aggregate: the first items of each matching list, with the list's mean. */
import { describe, expect, it } from "vitest";
import { itemScoreRows } from "../../src/figures/item-scores";
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
    expect(rows[0]).toMatchObject({ model: "GPT-4", dataset: "nytimes", steering: "persona" });
    expect(itemScoreRows([list("SEX/Male", [0.4])], { model: "llama3-70b" })).toEqual([]);
  });
});
