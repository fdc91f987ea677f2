/**
 * A user survey as a run's source: prompts built from the survey (options in its order, the
 * persona template), the hardest-similar few-shot rule over TF-IDF neighbours (never the target,
 * fewer when fewer exist, the file's own neighbours when it gives them), groups as
 * {attribute, value}, stable item ids, and names that cannot pass for a paper dataset.
 */
import { describe, expect, it } from "vitest";
import { UsageError } from "../../src/errors";
import { buildPrompt } from "../../src/prompts/build-prompt";
import { FEW_SHOT_EXAMPLES, optionTextDistance } from "../../src/prompts/few-shot-selection";
import { loadPromptData, promptSpecFor, withSurveySource } from "../../src/prompts/prompt-data";
import type { BenchmarkData } from "../../src/benchmark/benchmark-data";
import { itemId, planGrid, planUnits } from "../../src/run/grid";
import { nearestByTfidf } from "../../src/survey/similarity";
import { DEFAULT_PERSONA_TEMPLATE, checkPersonaTemplate, userSurveySource } from "../../src/survey/source";
import { parseSurveyCsv, parseSurveyJson } from "../../src/survey/user-file";
import { questionTokenOf } from "../../src/survey/paper-sources";

/** Data without the paper's benchmark: any read of it fails the test. */
const noBenchmark = loadPromptData(
  new Proxy({} as BenchmarkData, {
    get: (_, key) => {
      throw new Error(`the paper's benchmark was read (${String(key)})`);
    },
  }),
);

/** A CSV of questions with two options each, groups Urban and Rural; `shares[q]` is Urban's share of option "Yes". */
function survey(texts: readonly string[], urbanYes: readonly number[], name = "towns.csv") {
  const rows = ["question_id,question,option,group,count"];
  texts.forEach((text, i) => {
    const yes = Math.round((urbanYes[i] ?? 0.5) * 100);
    rows.push(`q${i + 1},${text},Yes,Urban,${yes}`, `q${i + 1},${text},No,Urban,${100 - yes}`, `q${i + 1},${text},Yes,Rural,50`, `q${i + 1},${text},No,Rural,50`);
  });
  return parseSurveyCsv(`${rows.join("\n")}\n`, name);
}

const token = (id: string) => questionTokenOf("towns", id);

describe("userSurveySource", () => {
  const texts = [
    "Do you support more bike lanes in town",
    "Do you support more bus lanes in town",
    "Do you support more parking in town",
    "Do you support bike lanes near schools",
    "Do you ride a bike to work",
    "Do you support a new town library",
    "Would you pay more tax for bike lanes",
  ];
  const yes = [0.5, 0.55, 0.9, 0.1, 0.52, 0.3, 0.8];
  const s = survey(texts, yes);
  const source = userSurveySource(s, { questionToken: token });
  const urban = { attribute: "group", value: "Urban" };

  it("picks, of the TF-IDF most similar other questions, the five farthest in TV, in similarity order", () => {
    const examples = source.fewShotExamples(urban, "q1");
    const ranked = (nearestByTfidf(texts, 10)[0] ?? []).map((j) => `q${j + 1}`);
    const distance = (id: string) => optionTextDistance({ options: ["Yes", "No"], distribution: [0.5, 0.5] }, { options: ["Yes", "No"], distribution: [yes[Number(id.slice(1)) - 1] ?? 0, 1 - (yes[Number(id.slice(1)) - 1] ?? 0)] });
    const farthest = new Set([...ranked].sort((a, b) => distance(b) - distance(a) || ranked.indexOf(a) - ranked.indexOf(b)).slice(0, FEW_SHOT_EXAMPLES));
    expect(examples.map((e) => e.id)).toEqual(ranked.filter((id) => farthest.has(id)));
    expect(examples).toHaveLength(5);
    expect(examples.map((e) => e.id)).not.toContain("q1");
    // q5 (0.52) is the nearest in answers, so it is the one left out.
    expect(examples.map((e) => e.id)).not.toContain("q5");
    // Each example with the group's real distribution.
    const q3 = examples.find((e) => e.id === "q3");
    expect(q3?.example).toEqual({ text: texts[2], options: ["Yes", "No"], distribution: [0.9, 0.1] });
  });

  it("gives fewer examples when the survey has fewer other questions, never the target", () => {
    const small = userSurveySource(survey(texts.slice(0, 3), yes), { questionToken: token });
    for (const id of ["q1", "q2", "q3"]) {
      const ids = small.fewShotExamples(urban, id).map((e) => e.id);
      expect(ids).toHaveLength(2);
      expect(ids).not.toContain(id);
    }
  });

  it("uses the file's neighbours instead of TF-IDF when it gives them", () => {
    const json = {
      groups: [{ id: "Urban" }],
      questions: texts.slice(0, 4).map((text, i) => ({ id: `q${i + 1}`, text, options: ["Yes", "No"], answers: { Urban: { count: [i + 1, 3] } } })),
      neighbours: { q1: ["q4", "q3"] },
    };
    const withNeighbours = userSurveySource(parseSurveyJson(JSON.stringify(json), "n.json"), { questionToken: token });
    expect(withNeighbours.fewShotExamples(urban, "q1").map((e) => e.id)).toEqual(["q4", "q3"]);
    // Questions without a neighbour list fall back to TF-IDF.
    expect(withNeighbours.fewShotExamples(urban, "q2")).toHaveLength(3);
  });

  it("builds prompts from the survey: options in its order, the group named, the paper datasets' format", () => {
    const data = withSurveySource(noBenchmark, source);
    const none = promptSpecFor(data, { dataset: "towns", steering: "none", method: "verbalize", questionId: "q3" });
    expect(none?.spec.question).toEqual({ text: texts[2], options: ["Yes", "No"] });
    const persona = promptSpecFor(data, { dataset: "towns", steering: "persona", method: "sequence", group: urban, questionId: "q3" });
    const text = buildPrompt(persona!.spec)[1]?.content ?? "";
    expect(text.startsWith('Simulate 30 different people from a group of "Urban" answering')).toBe(true);
    expect(text.endsWith(`Question: ${texts[2]}\n'A'. Yes\n'B'. No\nPlease answer this question for the group "Urban".\nAnswer:`)).toBe(true);
    const fewShot = promptSpecFor(data, { dataset: "towns", steering: "few-shot", method: "verbalize", group: urban, questionId: "q1" });
    const shown = buildPrompt(fewShot!.spec)[1]?.content ?? "";
    expect(shown).toContain('How the group "Urban" answered 5 related questions:');
    expect(shown).toContain(`Context: Let the probability that an Urban responds to the following question with 'Yes' be 90%, with 'No' be 10%.\nQuestion: ${texts[2]}\n'A'. Yes\n'B'. No\nAnswer: {'A': '90%', 'B': '10%'}`);
    expect(fewShot?.fewShotIds).toEqual(source.fewShotExamples(urban, "q1").map((e) => e.id));
  });

  it("phrases the persona with the template, and checks it", () => {
    const custom = userSurveySource(s, { persona: "people living in {group} areas", questionToken: token });
    const data = withSurveySource(noBenchmark, custom);
    for (const [method, start] of [
      ["verbalize", "Simulate the answers of people living in Urban areas to the multiple-choice question"],
      ["sequence", "Simulate 30 different people from people living in Urban areas answering"],
      ["logprobs", "Answer the multiple-choice question at the end as a member of people living in Urban areas would."],
    ] as const) {
      const spec = promptSpecFor(data, { dataset: "towns", steering: "persona", method, group: urban, questionId: "q2" });
      expect(buildPrompt(spec!.spec)[1]?.content.startsWith(start), method).toBe(true);
    }
    // The default template is the paper datasets' wording, byte for byte.
    const byDefault = promptSpecFor(withSurveySource(noBenchmark, userSurveySource(s, { persona: DEFAULT_PERSONA_TEMPLATE, questionToken: token })), { dataset: "towns", steering: "persona", method: "logprobs", group: urban, questionId: "q2" });
    expect(byDefault?.spec.persona).toEqual({ kind: "group", name: "Urban" });
    expect(() => checkPersonaTemplate("voters")).toThrow(/^persona option: the persona template must contain \{group\} \(got "voters"\)$/);
    expect(() => checkPersonaTemplate(" ", "--persona")).toThrow(/^--persona: empty persona template/);
    expect(() => userSurveySource(s, { persona: "voters", questionToken: token })).toThrow(UsageError);
  });

  it("refuses a survey named after a paper dataset", () => {
    for (const name of ["opinionqa", "nytimes", "globalvalues"]) {
      expect(() => survey(texts.slice(0, 2), yes, `/tmp/${name}.csv`)).toThrow(new RegExp(`^/tmp/${name}.csv: survey name "${name}" is a paper dataset's`));
      const json = { name, groups: [{ id: "U" }], questions: [{ id: "q", text: "t", options: ["a", "b"], answers: { U: { count: [1, 1] } } }] };
      expect(() => parseSurveyJson(JSON.stringify(json), "x.json")).toThrow(/^x\.json: name: survey name .* is a paper dataset's/);
    }
  });
});

describe("the grid of a user survey", () => {
  const s = parseSurveyJson(
    JSON.stringify({
      name: "towns",
      groups: [{ id: "Urban", attribute: "area" }, { id: "Rural" }],
      questions: ["Do you bike", "Do you bus", "Do you drive"].map((text, i) => ({ id: `q${i + 1}`, text, options: ["Yes", "No"], answers: { Urban: { count: [i + 1, 2] }, Rural: { count: [2, i + 1] } } })),
    }),
    "towns.json",
  );

  it("covers every steering and method, carries the survey's name and its groups as {attribute, value}", () => {
    const units = planUnits(noBenchmark, { survey: s, steerings: ["none", "persona", "few-shot"] });
    expect(units).toHaveLength(3 * 3 + 2 * 3 * 3 * 2);
    expect(new Set(units.map((u) => u.unit.dataset))).toEqual(new Set(["towns"]));
    const none = units.find((u) => u.unit.steering === "none");
    expect(none?.unit.groups).toEqual([{ attribute: "area", value: "Urban" }, { attribute: "group", value: "Rural" }]);
    const rural = units.find((u) => u.unit.steering === "persona" && u.unit.groups[0]?.value === "Rural");
    expect(rural?.unit.groups).toEqual([{ attribute: "group", value: "Rural" }]);
  });

  it("gives stable item ids: model|survey|steering|method|attribute/value|hashed question|sample", () => {
    const plan = planGrid(noBenchmark, { models: ["openai/gpt-4o-mini"], survey: s, steerings: ["persona"], methods: ["verbalize"], groups: ["Urban"], limit: 1 });
    expect(plan.items.map((i) => i.id)).toEqual(["openai/gpt-4o-mini|towns|persona|verbalize|area/Urban|h" + "" + questionTokenOf("towns", "q1").slice(1) + "|0"]);
    expect(questionTokenOf("towns", "q1")).toMatch(/^h[0-9a-f]{12}$/);
    // The same grid planned again gives the same ids; another survey name gives others.
    expect(planGrid(noBenchmark, { models: ["openai/gpt-4o-mini"], survey: s, steerings: ["persona"], methods: ["verbalize"], groups: ["Urban"], limit: 1 }).items[0]?.id).toBe(plan.items[0]?.id);
    expect(itemId("m", { ...plan.units[0]!.unit, dataset: "other" }, 0)).not.toBe(plan.items[0]?.id);
    // Every few-shot question of three has two examples, fewer than five: the plan says which.
    const fewShot = planGrid(noBenchmark, { models: ["openai/gpt-4o-mini"], survey: s, steerings: ["few-shot"], methods: ["verbalize"] });
    expect(fewShot.shortFewShot).toEqual([{ dataset: "towns", questions: ["q1", "q2", "q3"] }]);
  });

  it("refuses datasets with a survey, and a persona template without one", () => {
    expect(() => planUnits(noBenchmark, { survey: s, datasets: ["opinionqa"] })).toThrow(/a survey and datasets \(opinionqa\) together/);
    expect(() => planUnits(noBenchmark, { datasets: ["opinionqa"], persona: "{group}" })).toThrow(/^persona option: /);
  });
});
