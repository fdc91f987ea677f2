import { describe, expect, it } from "vitest";
import { dropLastCodePoint, pythonFloat, pythonIntOfFloat, pythonStrip } from "../../src/parse/python-float";

// Expected values checked against CPython 3.11: float(s), int(x), s[:-1], s.strip().
describe("pythonFloat", () => {
  it.each([
    ["45", 45],
    [" 45.7 ", 45.7],
    ["\u00a045\n", 45],
    ["+4", 4],
    ["-0.5", -0.5],
    [".5", 0.5],
    ["45.", 45],
    ["1e2", 100],
    ["1E+3", 1000],
    ["1_000", 1000],
    ["4_5.5_0", 45.5],
  ])("float(%j) = %d", (text, value) => {
    expect(pythonFloat(text)).toBe(value);
  });
  it.each(["45%", "", " ", "4__5", "_4", "4_", "0x10", "1e", "1.2.3", "45 5"])("float(%j) raises", (text) => {
    expect(pythonFloat(text)).toBeUndefined();
  });
  it("rejects non-ASCII decimal digits, which CPython accepts (a documented deviation)", () => {
    expect(pythonFloat("١٢")).toBeUndefined(); // CPython: 12.0
  });
  it("reads inf, infinity and nan in any case", () => {
    expect(pythonFloat("inf")).toBe(Number.POSITIVE_INFINITY);
    expect(pythonFloat("-Infinity")).toBe(Number.NEGATIVE_INFINITY);
    expect(pythonFloat("NaN")).toBeNaN();
  });
});

describe("pythonIntOfFloat", () => {
  it("truncates toward zero and never returns -0", () => {
    expect(pythonIntOfFloat(45.7)).toBe(45);
    expect(pythonIntOfFloat(-5.5)).toBe(-5);
    expect(Object.is(pythonIntOfFloat(-0.5), 0)).toBe(true);
  });
  it("raises (undefined) for NaN and infinities", () => {
    expect(pythonIntOfFloat(Number.NaN)).toBeUndefined();
    expect(pythonIntOfFloat(Number.POSITIVE_INFINITY)).toBeUndefined();
  });
});

describe("dropLastCodePoint", () => {
  it("drops one code point, keeping surrogate pairs whole", () => {
    expect(dropLastCodePoint("45%")).toBe("45");
    expect(dropLastCodePoint("4😀")).toBe("4");
    expect(dropLastCodePoint("")).toBe("");
  });
});

describe("pythonStrip", () => {
  it("strips what str.isspace() accepts, not U+FEFF", () => {
    expect(pythonStrip("\x1c A\u3000")).toBe("A");
    expect(pythonStrip("\ufeffA")).toBe("\ufeffA");
  });
});
