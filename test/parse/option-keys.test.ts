import { describe, expect, it } from "vitest";
import { matchOptionKey } from "../../src/parse/option-keys";

const TEXTS = ["1: Very unlikely", "2: Somewhat unlikely", "3: Somewhat likely", "4: Very likely"];

describe("matchOptionKey", () => {
  it.each([
    ["A", 0],
    ["'B'", 1],
    ["(C)", 2],
    ["D.", 3],
    ["d", 3],
    ["Option B", 1],
    ["option (a)", 0],
    [" “C” ", 2],
  ])("reads the letter key %j", (key, index) => {
    expect(matchOptionKey(key, 4)).toBe(index);
  });
  it("rejects letters beyond the options and words", () => {
    expect(matchOptionKey("E", 4)).toBeUndefined();
    expect(matchOptionKey("Refused", 4)).toBeUndefined();
    expect(matchOptionKey("AB", 4)).toBeUndefined();
  });
  it("reads the option text, ignoring case, spacing and a final period", () => {
    expect(matchOptionKey("3: somewhat  likely.", 4, TEXTS)).toBe(2);
    expect(matchOptionKey("Very likely", 4, TEXTS)).toBeUndefined();
  });
  it("reads a letter followed by its own text, and rejects a letter with another option's text", () => {
    expect(matchOptionKey("B. 2: Somewhat unlikely", 4, TEXTS)).toBe(1);
    expect(matchOptionKey("B. 4: Very likely", 4, TEXTS)).toBeUndefined();
    expect(matchOptionKey("B. anything", 4)).toBe(1);
  });
});
