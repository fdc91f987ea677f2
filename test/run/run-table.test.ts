/** The Table 1-style rows of a run, and the knowledge-to-simulation gap from them. */
import { describe, expect, it } from "vitest";
import type { ScoreList } from "../../src/benchmark/score-lists";
import { runGaps, runTable, runTableAsTable } from "../../src/run/run-table";
import type { Dataset, Steering } from "../../src/types";

function list(model: string, method: string, dataset: Dataset, steering: Steering, values: number[], attempted = values.length): ScoreList {
  return { dataset, steering, model, method, group: "POLPARTY/Democrat", values, parsed: values.length, attempted, listedTwice: false };
}

describe("runTable", () => {
  it("weights the run's datasets equally, pools persona with few-shot, and keeps no steering apart", async () => {
    const rows = await runTable(
      [
        list("m", "verbalize", "opinionqa", "persona", [0.1, 0.3]),
        list("m", "verbalize", "opinionqa", "few-shot", [0.2], 2),
        list("m", "verbalize", "nytimes", "persona", [0.5]),
        list("m", "sequence", "opinionqa", "persona", [0.4]),
        list("m", "verbalize", "opinionqa", "none", [0.9]),
      ],
      { iterations: 50, models: ["m"] },
    );
    const verbalize = rows.find((r) => r.method === "verbalize" && r.steering === "persona+few-shot");
    expect(verbalize?.perDataset).toEqual({ opinionqa: expect.closeTo(0.2, 12), nytimes: 0.5 });
    expect(verbalize?.mean).toBeCloseTo(0.35, 12);
    expect(verbalize?.n).toBe(4);
    expect(verbalize?.parseRate).toBeCloseTo(4 / 5, 12);
    // Sequence lacks NYT: a per-dataset mean, no overall one
    const sequence = rows.find((r) => r.method === "sequence");
    expect([sequence?.perDataset.opinionqa, sequence?.mean]).toEqual([0.4, undefined]);
    expect(rows.find((r) => r.steering === "none")?.mean).toBe(0.9);
    expect(runTableAsTable(rows).header).toEqual(["model", "method", "steering", "opinionqa", "nytimes", "mean", "half_width", "n", "parse_rate"]);
  });

  it("gives K2S = Seq / V − 1 where both means exist", async () => {
    const rows = await runTable([list("m", "verbalize", "opinionqa", "persona", [0.2]), list("m", "sequence", "opinionqa", "persona", [0.3])], { iterations: 20 });
    expect(runGaps(rows)).toEqual([{ model: "m", steering: "persona+few-shot", kss: expect.closeTo(0.5, 12) }]);
  });
});
