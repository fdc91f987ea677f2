import { describe, expect, it } from "vitest";
import { paperSequenceTruncation, parseSequencePaper } from "../../src/parse/paper-sequence";
import { testDataDir } from "../helpers/data-dir";
import { allStoredResponses, optionCountOf, reproduces, scoredResponses, tally } from "./stored-responses";

describe("parseSequencePaper: the rule of docs/protocol.md §4.3", () => {
  it("counts each letter and its lowercase over the length after space removal", () => {
    expect(parseSequencePaper("A B b C", 3)).toEqual([1 / 4, 2 / 4, 1 / 4]);
  });
  it("counts only the first K letters and does not renormalize", () => {
    expect(parseSequencePaper("ABCDE", 2)).toEqual([1 / 5, 1 / 5]);
  });
  it("counts lowercase prose letters as options", () => {
    const text = "Hereare30simulatedresponsesfro";
    expect(parseSequencePaper(text, 4)).toEqual([2 / 30, 0, 0, 1 / 30]);
  });
  it("truncates to the first characters when asked (OpinionQA, NYT)", () => {
    const answer = `${"A".repeat(30)}BBBB`;
    expect(parseSequencePaper(answer, 2, { truncateToChars: 30 })).toEqual([1, 0]);
    expect(parseSequencePaper(answer, 2)).toEqual([30 / 34, 4 / 34]);
    expect(paperSequenceTruncation("opinionqa")).toBe(30);
    expect(paperSequenceTruncation("nytimes")).toBe(30);
    expect(paperSequenceTruncation("globalvalues")).toBeUndefined();
  });
  it("cuts at 'Answer: ' before removing spaces and truncating (§3.3)", () => {
    expect(parseSequencePaper("Sure! Answer: A B A B", 2)).toEqual([0.5, 0.5]);
  });
  it("counts code points, as Python's len", () => {
    expect(parseSequencePaper("A😀", 1)).toEqual([0.5]);
  });
  it("gives zeros for an empty answer and rejects a bad truncation", () => {
    expect(parseSequencePaper("   ", 2)).toEqual([0, 0]);
    expect(() => parseSequencePaper("AB", 2, { truncateToChars: 0 })).toThrow(RangeError);
  });
});

describe("parseSequencePaper reproduces the stored Sequence predictions", () => {
  const dataDir = testDataDir();
  const parse = (r: { dataset: "opinionqa" | "nytimes" | "globalvalues"; response: string; stored: Record<string, number> }, truncate = paperSequenceTruncation(r.dataset)) =>
    parseSequencePaper(r.response, optionCountOf(r.stored), { truncateToChars: truncate });

  it("on the scored grid: every response of 5 models × 3 datasets × none/persona/few-shot", () => {
    const responses = scoredResponses(dataDir, "sequence");
    expect(responses.length).toBe(20_065);
    expect(tally(responses.map((r) => (reproduces(parse(r), r.stored) ? "reproduced" : `${r.dataset} ${r.model} ${r.steering}`)))).toEqual({
      reproduced: 20_065,
    });
  });

  it("needs GlobalOpinionQA untruncated: truncating to 30 would break long answers", () => {
    const gv = scoredResponses(dataDir, "sequence").filter((r) => r.dataset === "globalvalues");
    expect(gv.filter((r) => Array.from(r.response).length > 30).length).toBe(661);
    expect(gv.filter((r) => !reproduces(parse(r, 30), r.stored)).length).toBe(520);
  });

  it("in every stored file: all 21,665 predictions (docs/protocol.md §4.3)", () => {
    const responses = allStoredResponses(dataDir, "sequence");
    expect(responses.length).toBe(21_665);
    expect(responses.filter((r) => !reproduces(parse(r), r.stored))).toEqual([]);
  });
});
