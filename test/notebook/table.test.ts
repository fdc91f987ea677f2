import * as dfd from "danfojs-node";
import { describe, expect, it } from "vitest";
import { formatTable, tableHtml, tableText } from "../../src/notebook/table";

const ROWS = [
  { model: "gpt-4", tvd: 0.21349, questions: 100 },
  { model: "opus", tvd: 0.1, questions: 98, note: "<b>" },
];

describe("formatTable", () => {
  it("takes columns from the records in order of first appearance and rounds non-integer columns", () => {
    const table = formatTable(ROWS, { precision: 2 });
    expect(table.columns).toEqual(["model", "tvd", "questions", "note"]);
    expect(table.rows).toEqual([
      ["gpt-4", "0.21", "100", "–"],
      ["opus", "0.10", "98", "<b>"],
    ]);
    expect(table.numeric).toEqual([false, true, true, false]);
  });

  it("applies per-column precision, also to integral columns", () => {
    const table = formatTable(ROWS, { precision: 2, columnPrecision: { tvd: 4, questions: 1 } });
    expect(table.rows.map((row) => row.slice(1, 3))).toEqual([
      ["0.2135", "100.0"],
      ["0.1000", "98.0"],
    ]);
  });

  it("writes missing, NaN, infinite and tiny negative values plainly", () => {
    const table = formatTable([{ x: -0.0001 }, { x: Number.NaN }, { x: Number.POSITIVE_INFINITY }, { x: null }, { x: 0.5 }], { precision: 2 });
    expect(table.rows.map((row) => row[0])).toEqual(["0.00", "NaN", "∞", "–", "0.50"]);
  });

  it("shows a danfojs DataFrame with its index only when the index is not 0, 1, 2, …", () => {
    const df = new dfd.DataFrame({ model: ["gpt-4", "opus"], tvd: [0.25, 0.125] });
    expect(formatTable(df).columns).toEqual(["model", "tvd"]);
    expect(formatTable(df).rows).toEqual([
      ["gpt-4", "0.250"],
      ["opus", "0.125"],
    ]);
    const indexed = df.setIndex({ column: "model", drop: true });
    expect(formatTable(indexed).columns).toEqual(["", "tvd"]);
    expect(formatTable(indexed).rows[1]).toEqual(["opus", "0.125"]);
  });

  it("summarises rows beyond maxRows", () => {
    const table = formatTable([{ a: 1 }, { a: 2 }, { a: 3 }], { maxRows: 2 });
    expect(table.rows).toHaveLength(2);
    expect(table.totalRows).toBe(3);
    expect(tableText([{ a: 1 }, { a: 2 }, { a: 3 }], { maxRows: 2 }).split("\n").pop()).toBe("(showing 2 of 3 rows)");
  });

  it("rejects a precision outside 0…20", () => {
    expect(() => formatTable(ROWS, { precision: 21 })).toThrow(RangeError);
    expect(() => formatTable(ROWS, { columnPrecision: { tvd: 1.5 } })).toThrow("formatTable: precision must be an integer in 0…20 (tvd: 1.5)");
  });
});

describe("tableHtml and tableText", () => {
  it("escapes cells, right-aligns numbers and puts the caption on top", () => {
    const html = tableHtml(ROWS, { caption: "Table 1 & more" });
    expect(html).toContain('<caption style="caption-side:top;text-align:left;font-weight:bold">Table 1 &amp; more</caption>');
    expect(html).toContain('<th style="text-align:right">tvd</th>');
    expect(html).toContain('<td style="text-align:left">&lt;b&gt;</td>');
    expect(html).not.toContain("<b>");
  });

  it("aligns plain-text columns", () => {
    expect(tableText(ROWS, { caption: "T" })).toBe(
      ["T", "model    tvd  questions  note", "gpt-4  0.213        100  –", "opus   0.100         98  <b>"].join("\n"),
    );
  });

  it("emphasises highlighted rows only", () => {
    const rows = tableHtml(ROWS, { highlightRows: [1] }).split("\n").filter((line) => line.startsWith("<tr"));
    expect(rows.map((row) => row.includes("font-weight:bold"))).toEqual([false, true]);
    expect(tableText(ROWS, { highlightRows: [1] }).split("\n").map((line) => line.slice(0, 2))).toEqual(["  ", "  ", "▶ "]);
  });
});
