import { describe, expect, it } from "vitest";
import { summarizeParseRate } from "../../src/parse/parse-rate";
import type { StrictParseResult } from "../../src/parse/strict-result";

const ok: StrictParseResult = { ok: true, distribution: [1], notes: [] };
const fail = (reason: "sum far from 1" | "all values zero"): StrictParseResult => ({ ok: false, reason, detail: `${reason} (x)` });

describe("summarizeParseRate", () => {
  it("counts successes and failures per reason, most frequent first", () => {
    const summary = summarizeParseRate([ok, fail("all values zero"), ok, fail("sum far from 1"), fail("sum far from 1"), ok]);
    expect(summary).toEqual({ total: 6, ok: 3, failed: 3, rate: 0.5, reasons: { "sum far from 1": 2, "all values zero": 1 } });
    expect(Object.keys(summary.reasons)).toEqual(["sum far from 1", "all values zero"]);
  });
  it("gives a NaN rate for an empty batch", () => {
    expect(summarizeParseRate([])).toEqual({ total: 0, ok: 0, failed: 0, rate: Number.NaN, reasons: {} });
  });
});
