/**
 * The valid parameter values per dataset, and the message for a wrong question id.
 */
import { describe, expect, it } from "vitest";
import { checkQuestionId, closestIds, datasetChoices } from "../../src/figures/choices";
import { UsageError } from "../../src/errors";
import { loadBenchmarkData } from "../../src/benchmark/benchmark-data";
import { testDataDir } from "../helpers/data-dir";

const data = loadBenchmarkData(testDataDir());

describe("datasetChoices", () => {
  it("lists each dataset's questions, groups, steerings and published methods", () => {
    const oqa = datasetChoices(data, "opinionqa");
    expect(oqa.questionIds).toHaveLength(100);
    expect(oqa.questionIds).toContain("GUNIDENTITY_W26");
    expect(oqa.groups).toEqual(["Democrat", "Republican", "Male", "Female", "Black", "White"]);
    expect(oqa.steerings).toEqual(["none", "persona", "few-shot"]);
    expect(oqa.methods["anthropic_opus"]).toEqual(["verbalize", "sequence"]);
    expect(oqa.methods["gpt-4"]).toEqual(["verbalize", "sequence", "logprobs", "ts-logprobs"]);
    const nyt = datasetChoices(data, "nytimes");
    expect(nyt.questionIds).toHaveLength(235);
    expect(nyt.groups).toEqual(["Democrat", "Republican", "Male", "Female"]);
    const gv = datasetChoices(data, "globalvalues");
    expect(gv.steerings).toEqual(["persona", "few-shot"]);
    expect(gv.groups).toEqual(["0", "1", "2"]);
    expect(datasetChoices(data, "globalvalues", "none").methods["gpt-4"]).toEqual([]);
  });
});

describe("checkQuestionId", () => {
  it("returns a valid id", () => {
    expect(checkQuestionId(data, "opinionqa", "GUNIDENTITY_W26")).toBe("GUNIDENTITY_W26");
  });

  it.each([
    ["opinionqa", "GUNIDENTITY_W2", "GUNIDENTITY_W26", "100 in all"],
    ["opinionqa", "gunidentity_w26", "GUNIDENTITY_W26", "100 in all"],
    ["nytimes", "The Bee Sting", "The Bee Sting By Paul Murray", "235 in all"],
  ] as const)("names a few valid ids for a wrong one (%s, %s), the closest first", (dataset, wrong, closest, total) => {
    let error: unknown;
    try {
      checkQuestionId(data, dataset, wrong);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(UsageError);
    const message = (error as UsageError).message;
    expect(message).toMatch(new RegExp(`^unknown question id "${wrong}" for ${dataset} \\(closest: "${closest}", `));
    expect(message).toContain(total);
    expect(message.match(/", "/g)).toHaveLength(4);
    expect(message).not.toContain("\n");
  });

  it("shortens GlobalOpinionQA's long question texts in the message", () => {
    expect(() => checkQuestionId(data, "globalvalues", "How much")).toThrow(/closest: "[^"]{1,61}"/);
  });
});

describe("closestIds", () => {
  it("ranks by shared prefix, then substring, then order", () => {
    expect(closestIds("ab", ["xabx", "abc", "b", "a"], 3)).toEqual(["abc", "a", "xabx"]);
  });
});
