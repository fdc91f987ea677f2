import { describe, expect, it } from "vitest";
import { extractAnswerText, removeSpaces } from "../../src/parse/answer-text";

describe("extractAnswerText (docs/protocol.md §3.3)", () => {
  it("keeps the text after the first 'Answer: '", () => {
    expect(extractAnswerText("Sure.\nAnswer: {'A': '45%'}")).toBe("{'A': '45%'}");
  });
  it("stops at a second 'Answer: ', like split('Answer: ')[1]", () => {
    expect(extractAnswerText("Answer: A B Answer: C")).toBe("A B ");
    expect(extractAnswerText("x Answer: ")).toBe("");
  });
  it("returns the whole text without the marker, which needs the space", () => {
    expect(extractAnswerText("Answer:A B")).toBe("Answer:A B");
    expect(extractAnswerText("CCDB")).toBe("CCDB");
  });
});

describe("removeSpaces", () => {
  it("removes U+0020 only, as str.replace(' ', '')", () => {
    expect(removeSpaces(" A B\tC\nD ")).toBe("AB\tC\nD");
  });
});
