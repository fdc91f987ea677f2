import { describe, expect, it } from "vitest";
import { findObjectSpans, readObjectEntries } from "../../src/parse/relaxed-object";

describe("readObjectEntries", () => {
  it("reads JSON, Python-dict and bare entries with a trailing separator", () => {
    expect(readObjectEntries(`"A": 0.45, 'B': '55%', C: 0%,\n`)).toEqual({
      entries: [
        { key: "A", value: "0.45" },
        { key: "B", value: "55%" },
        { key: "C", value: "0%" },
      ],
      lenient: false,
    });
  });
  it("keeps separators inside quoted keys (option texts)", () => {
    expect(readObjectEntries(`"1: Very unlikely": 20, "Yes, a lot": 80`)).toMatchObject({
      entries: [
        { key: "1: Very unlikely", value: "20" },
        { key: "Yes, a lot", value: "80" },
      ],
    });
  });
  it("reads typographic quotes", () => {
    expect(readObjectEntries("“A”: “40%”, ‘B’: ‘60%’")).toMatchObject({ entries: [{ key: "A", value: "40%" }, { key: "B", value: "60%" }] });
  });
  it("falls back to a lenient reading when quotes do not balance", () => {
    expect(readObjectEntries(`'A': '44%', 'B': '36%, 'C': '20%'`)).toEqual({
      entries: [
        { key: "A", value: "44%" },
        { key: "B", value: "36%" },
        { key: "C", value: "20%" },
      ],
      lenient: true,
    });
  });
  it("reports a problem when neither reading covers the text", () => {
    expect(readObjectEntries(`'A': '95%', 'B': '5 '%`)).toEqual({ problem: `unexpected "%" after value of "B"` });
    expect(readObjectEntries(`'A' '95%'`)).toMatchObject({ problem: expect.stringContaining("missing ':'") });
  });
});

describe("findObjectSpans", () => {
  it("returns the innermost objects in text order, counting braces only", () => {
    const spans = findObjectSpans(`e.g. {'A': 1} then {"answer": {"A": "20%", "B": "80%"}} and { unclosed`);
    expect(spans.map((s) => s.entries?.map((e) => e.key))).toEqual([["A"], ["A", "B"]]);
  });
  it("marks objects read leniently and objects that could not be read", () => {
    const spans = findObjectSpans(`{'A': '1%, 'B': '99%'} {'A' 'x'}`);
    expect(spans.map((s) => s.problem)).toEqual(["unbalanced quotes read leniently", expect.stringContaining("missing ':'")]);
  });
});
