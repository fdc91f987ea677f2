import { describe, expect, it } from "vitest";
import { parsePythonJson, replacePythonLiterals } from "../../src/data/python-json";

describe("parsePythonJson", () => {
  it("reads Python's NaN and Infinity literals as null", () => {
    expect(parsePythonJson('{"A": NaN, "B": 0.5, "C": -Infinity, "D": Infinity}')).toEqual({ A: null, B: 0.5, C: null, D: null });
  });

  it("leaves NaN inside strings alone", () => {
    expect(parsePythonJson('{"response": ["NaN is not a number"], "x": NaN}')).toEqual({ response: ["NaN is not a number"], x: null });
    expect(replacePythonLiterals('["a \\" NaN", NaN]')).toBe('["a \\" NaN", null]');
  });

  it("still rejects text that is not JSON", () => {
    expect(() => parsePythonJson('{"A": NaN')).toThrow(SyntaxError);
  });
});
