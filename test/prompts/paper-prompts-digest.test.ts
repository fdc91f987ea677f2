/**
 * The paper datasets' prompts and item ids, every one of the default grid (three datasets × three
 * steerings × three methods × the scored groups × every question), are pinned byte for byte: one
 * sha256 over every (id, messages) pair, with distalign's format examples and with the paper's.
 * A change to any prompt or id changes it, and with it every cache key and resumed run.
 */
import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { loadPromptData } from "../../src/prompts/prompt-data";
import { loadBenchmarkData } from "../../src/benchmark/benchmark-data";
import { planGrid } from "../../src/run/grid";
import { testDataDir } from "../helpers/data-dir";

/** The digests of the default grid. */
const DIGESTS = {
  ours: { items: 12339, sha256: "ccf28b9b8e15d1248575169de9fcd24bf348770b943687b3eb64333688af039e" },
  paper: { items: 12339, sha256: "030a0aa11a32cb97f5bb23a38b2d39c7a9838710d3d947a774f52a802152f891" },
} as const;

describe("paper prompts", () => {
  it("are unchanged, with either source of format examples", () => {
    const data = loadPromptData(loadBenchmarkData(testDataDir()));
    for (const formatExamples of ["ours", "paper"] as const) {
      const plan = planGrid(data, { models: ["openai/gpt-4o-mini"], steerings: ["none", "persona", "few-shot"], formatExamples });
      const hash = createHash("sha256");
      for (const item of plan.items) hash.update(JSON.stringify([item.id, item.request.messages]));
      expect({ items: plan.items.length, sha256: hash.digest("hex") }, formatExamples).toEqual(DIGESTS[formatExamples]);
    }
  }, 120_000);
});
