import { describe, expect, it } from "vitest";
import { optionLetters } from "../../src/parse/option-letters";

describe("optionLetters", () => {
  it("labels options A, B, C, …", () => {
    expect(optionLetters(4)).toEqual(["A", "B", "C", "D"]);
    expect(optionLetters(26).at(-1)).toBe("Z");
  });
  it.each([0, 27, 2.5, Number.NaN])("rejects %d options with a RangeError", (count) => {
    expect(() => optionLetters(count)).toThrow(RangeError);
  });
});
