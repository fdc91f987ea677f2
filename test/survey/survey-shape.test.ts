/** The survey shape's invariants and accessors, and what user files turn into. */
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { DataError, UsageError } from "../../src/errors";
import {
  answers,
  distribution,
  groupIds,
  groupsOf,
  loadSurvey,
  makeSurvey,
  neighbours,
  parseSurveyCsv,
  parseSurveyJson,
  question,
  questionIds,
  respondents,
  surveySummary,
  usedOptions,
} from "../../src/survey/index";

const EXAMPLE = join(__dirname, "..", "..", "data", "surveys", "example-survey.csv");

const base = {
  name: "s",
  groups: [{ id: "A", label: "Group A" }, { id: "B", label: "B", attribute: "x" }],
  questions: [
    { id: "q1", text: "One?", options: ["yes", "no"], scale: "nominal" as const, answers: [["A", { distribution: [0.25, 0.75], n: 4 }], ["B", { distribution: [1, 0] }]] as const },
    { id: "q2", text: "Two?", options: ["lo", "mid", "hi"], scale: "ordinal" as const, answers: [["B", { distribution: [0.2, 0.3, 0.5], n: 10 }]] as const },
  ],
  neighbours: { q1: ["q2"] },
};

describe("makeSurvey and the accessors", () => {
  it("reads questions, groups, distributions and respondents without indexing maps", () => {
    const s = makeSurvey(base);
    expect(questionIds(s)).toEqual(["q1", "q2"]);
    expect(groupIds(s)).toEqual(["A", "B"]);
    expect(question(s, "q2").groups).toEqual(["B"]);
    expect(groupsOf(s, "q1").map((g) => g.label)).toEqual(["Group A", "B"]);
    expect(distribution(s, "q1", "A")).toEqual([0.25, 0.75]);
    expect(respondents(s, "q1", "A")).toBe(4);
    expect(respondents(s, "q1", "B")).toBeUndefined();
    expect(answers(s, "q2", "A")).toBeUndefined();
    expect(usedOptions(s, "q1", "B")).toEqual(["yes"]);
    expect(neighbours(s, "q1")).toEqual(["q2"]);
    expect(neighbours(s, "q2")).toEqual([]);
    expect(() => question(s, "q3")).toThrow(UsageError);
    expect(() => distribution(s, "q1", "C")).toThrow(/s: no group "C"/);
    expect(Object.isFrozen(s) && Object.isFrozen(s.questions[0]) && Object.isFrozen(distribution(s, "q1", "A"))).toBe(true);
  });

  it.each([
    ["duplicate question", { ...base, questions: [base.questions[0], base.questions[0]] }, /s: q1: duplicate question id/],
    ["duplicate group", { ...base, groups: [base.groups[0], base.groups[0]] }, /s: A: duplicate group id/],
    ["one option", { ...base, questions: [{ ...base.questions[0], options: ["yes"] }] }, /s: q1: 1 options/],
    ["repeated option", { ...base, questions: [{ ...base.questions[0], options: ["yes", "yes"] }] }, /s: q1: options not distinct/],
    ["unknown group", { ...base, questions: [{ ...base.questions[0], answers: [["C", { distribution: [0.5, 0.5] }]] as const }] }, /s: q1\.C: unknown group/],
    ["length", { ...base, questions: [{ ...base.questions[0], answers: [["A", { distribution: [1] }]] as const }] }, /s: q1\.A: 1 shares for 2 options/],
    ["sum", { ...base, questions: [{ ...base.questions[0], answers: [["A", { distribution: [0.5, 0.4] }]] as const }] }, /s: q1\.A: shares sum to 0\.9/],
    ["negative", { ...base, questions: [{ ...base.questions[0], answers: [["A", { distribution: [1.5, -0.5] }]] as const }] }, /s: q1\.A: negative/],
    ["respondents", { ...base, questions: [{ ...base.questions[0], answers: [["A", { distribution: [0.5, 0.5], n: 2.5 }]] as const }] }, /s: q1\.A: respondents not a positive integer/],
    ["neighbour", { ...base, neighbours: { q1: ["q9"] } }, /s: q1: neighbour "q9" is not a question of s/],
    ["own neighbour", { ...base, neighbours: { q1: ["q2", "q1"] } }, /s: q1: a question is not its own neighbour/],
  ])("rejects %s", (_name, spec, message) => {
    expect(() => makeSurvey(spec as Parameters<typeof makeSurvey>[0])).toThrow(DataError);
    expect(() => makeSurvey(spec as Parameters<typeof makeSurvey>[0])).toThrow(message);
  });
});

describe("user survey files", () => {
  it("turn the example's counts into count / n, options and groups in order of appearance", () => {
    const s = loadSurvey(EXAMPLE);
    expect(s.name).toBe("example-survey");
    expect(questionIds(s)).toEqual(["commute", "library", "parks", "broadband", "noise", "transport", "news", "priority"]);
    expect(groupIds(s)).toEqual(["Urban", "Suburban", "Rural"]);
    const commute = question(s, "commute");
    expect(commute.options).toEqual(["Under 15 minutes", "15 to 30 minutes", "31 to 60 minutes", "Over an hour"]);
    expect(commute.scale).toBe("ordinal");
    expect(question(s, "transport").scale).toBe("nominal");
    // Lines 2–5 of the file: 52, 98, 61, 19 of n = 230.
    expect(distribution(s, "commute", "Urban")).toEqual([52 / 230, 98 / 230, 61 / 230, 19 / 230]);
    expect(respondents(s, "commute", "Urban")).toBe(230);
    const summary = surveySummary(s);
    expect([summary.questions, summary.ordinal, summary.nominal, summary.options.min, summary.options.max]).toEqual([8, 5, 3, 3, 5]);
  });

  it("divide shares by their sum, in either convention, and keep n", () => {
    const csv = "question_id,question,option,group,share,n,scale\nq,Q?,b,A,30,20,\nq,Q?,a,A,69,20,\nq,Q?,a,B,40,,\nq,Q?,b,B,60,,\n";
    const s = parseSurveyCsv(csv, "dir/mine.csv");
    expect(s.name).toBe("mine");
    expect(question(s, "q").options).toEqual(["b", "a"]);
    expect(question(s, "q").scale).toBe("nominal");
    expect(distribution(s, "q", "A")).toEqual([30 / 99, 69 / 99]);
    expect(distribution(s, "q", "B")).toEqual([0.6, 0.4]);
    expect(respondents(s, "q", "A")).toBe(20);
    expect(respondents(s, "q", "B")).toBeUndefined();
    const fractions = parseSurveyCsv("question_id,question,option,group,share\nq,Q?,a,A,0.333\nq,Q?,b,A,0.667\n", "f.csv");
    expect(distribution(fractions, "q", "A")).toEqual([0.333, 0.667]);
  });

  it("read the JSON form with labels, attributes and neighbours", () => {
    const s = parseSurveyJson(
      JSON.stringify({
        name: "mine",
        groups: [{ id: "A", label: "Group A", attribute: "area" }, { id: "B" }],
        questions: [
          { id: "q1", text: "One?", options: ["x", "y"], scale: "ordinal", answers: { A: { count: [1, 3] }, B: { share: [0.5, 0.5], n: 8 } } },
          { id: "q2", text: "Two?", options: ["x", "y"], answers: { A: { count: [2, 2], n: 4 }, B: { count: [0, 5] } } },
        ],
        neighbours: { q1: ["q2"] },
      }),
      "mine.json",
    );
    expect(groupsOf(s, "q1").map((g) => [g.id, g.label, g.attribute])).toEqual([["A", "Group A", "area"], ["B", "B", undefined]]);
    expect(distribution(s, "q1", "A")).toEqual([0.25, 0.75]);
    expect(respondents(s, "q1", "A")).toBe(4);
    expect(respondents(s, "q1", "B")).toBe(8);
    expect(question(s, "q2").scale).toBe("nominal");
    expect(neighbours(s, "q1")).toEqual(["q2"]);
    expect(() => parseSurveyJson(JSON.stringify({ groups: [{ id: "A" }], questions: [{ id: "q", text: "Q", options: ["x", "y"], answers: { A: { count: [1, 1] } } }], neighbours: { q: ["q"] } }), "n.json")).toThrow(
      /n\.json: neighbours\.q\[0\]: a question is not its own neighbour/,
    );
  });
});
