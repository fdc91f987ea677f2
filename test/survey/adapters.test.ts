/** The adapters against the validating loaders and against numbers read by hand from the raw files. */
import { beforeAll, describe, expect, it } from "vitest";
import { loadGlobalQuestions } from "../../src/data/globalvalues";
import { NYT_BOOK_COUNT, loadNytBooks, loadNytSimilarity } from "../../src/data/nytimes";
import { OPINIONQA_ATTRIBUTES, loadOpinionQa, opinionQaGroupQuestion } from "../../src/data/opinionqa";
import { SCORED_GROUPS } from "../../src/data/results";
import { targetQuestion } from "../../src/prompts/prompt-data";
import { loadBenchmarkData } from "../../src/benchmark/benchmark-data";
import {
  type Survey,
  distribution,
  examplePool,
  globalOpinionQaSurvey,
  groupsOf,
  neighbours,
  nytSurvey,
  opinionQaSurvey,
  question,
  respondents,
  usedOptions,
} from "../../src/survey/index";
import { testDataDir } from "../helpers/data-dir";

const close = (actual: readonly number[] | undefined, expected: readonly number[]) => {
  expect(actual).toBeDefined();
  expect(actual?.length).toBe(expected.length);
  actual?.forEach((p, j) => expect(p).toBeCloseTo(expected[j] as number, 12));
};

describe("opinionQaSurvey", () => {
  let survey: Survey;
  beforeAll(() => {
    survey = opinionQaSurvey(testDataDir());
  });

  it("has the 100 scored questions and the six scored groups with their attribute", () => {
    expect(survey.name).toBe("opinionqa");
    expect(survey.questions.map((q) => q.id)).toEqual(loadOpinionQa(testDataDir(), "POLPARTY").map((q) => q.id));
    expect(survey.questions).toHaveLength(100);
    expect(survey.groups.map((g) => [g.id, g.attribute])).toEqual(SCORED_GROUPS.opinionqa.map((g) => [g.value, g.attribute]));
    expect(examplePool(survey).questions).toHaveLength(494);
    expect(examplePool(examplePool(survey))).toBe(examplePool(survey));
  });

  it("gives every group's counts / total and respondents as the loaders do, in either lettering", () => {
    let cells = 0;
    for (const attribute of OPINIONQA_ATTRIBUTES) {
      for (const loaded of loadOpinionQa(testDataDir(), attribute)) {
        expect(question(survey, loaded.id).questionnaireOptions).toEqual(loaded.mcOptions);
        for (const g of SCORED_GROUPS.opinionqa.filter((r) => r.attribute === attribute)) {
          const seen = opinionQaGroupQuestion(loaded, g.value);
          if (seen === undefined) {
            expect(distribution(survey, loaded.id, g.value)).toBeUndefined();
            continue;
          }
          cells++;
          // The persona lettering (the options the group chose) holds the same shares.
          expect(usedOptions(survey, loaded.id, g.value)).toEqual(seen.options);
          const shares = distribution(survey, loaded.id, g.value) ?? [];
          close(shares.filter((p) => p > 0), seen.distribution);
          expect(respondents(survey, loaded.id, g.value)).toBe(seen.respondents);
        }
      }
    }
    expect(cells).toBe(survey.questions.reduce((n, q) => n + q.groups.length, 0));
    expect(cells).toBeGreaterThan(590);
  });

  it("letters options as the paper's prompts do, without steering and with a persona", () => {
    const benchmark = loadBenchmarkData(testDataDir());
    for (const q of survey.questions) {
      expect(q.options).toEqual(targetQuestion(benchmark, "opinionqa", "none", undefined, q.id)?.options);
      for (const g of SCORED_GROUPS.opinionqa) {
        expect(usedOptions(survey, q.id, g.value)).toEqual(targetQuestion(benchmark, "opinionqa", "persona", g, q.id)?.options);
      }
    }
  });

  it("matches counts read by hand from the raw JSON", () => {
    // GAP21Q33_g_W82, POLPARTY_data.json, Democrat: No priority 128, Refused 1, Some priority 239, Top priority 60.
    const q = question(survey, "GAP21Q33_g_W82");
    expect(q.options).toEqual(["No priority", "Refused", "Some priority", "Top priority"]);
    expect(q.questionnaireOptions).toEqual(["Top priority", "Some priority", "No priority", "Refused"]);
    close(distribution(survey, q.id, "Democrat"), [128 / 428, 1 / 428, 239 / 428, 60 / 428]);
    expect(respondents(survey, q.id, "Democrat")).toBe(428);
    // RACESURV9_W43, RACE_data.json (Black) and SEX_data.json (Male), options alphabetically.
    const r = question(survey, "RACESURV9_W43");
    expect(r.options).toEqual([
      "Always with people who are not the same race as you",
      "Always with people who are the same race as you",
      "Both about equally",
      "Mostly with people who are not the same race as you",
      "Mostly with people who are the same race as you",
      "Refused",
    ]);
    close(distribution(survey, r.id, "Black"), [39, 185, 423, 166, 580, 7].map((c) => c / 1400));
    close(distribution(survey, r.id, "Male"), [73, 296, 702, 351, 1151, 5].map((c) => c / 2578));
    expect(respondents(survey, r.id, "White")).toBe(38 + 409 + 669 + 218 + 1292 + 9);
    // info.csv: references in questionnaire order with option_ordinal [1, 2, 3, 4, 2.5]; Refused is off the scale.
    expect(r.scale).toBe("ordinal");
    expect(r.scalePositions).toEqual([4, 1, 2.5, 3, 2, null]);
  });

  it("takes neighbours from the pool's similarity lists", () => {
    const pool = examplePool(survey);
    for (const q of survey.questions) {
      const list = neighbours(survey, q.id);
      expect(list).toHaveLength(10);
      for (const id of list) expect(() => question(pool, id)).not.toThrow();
    }
  });
});

describe("nytSurvey", () => {
  let survey: Survey;
  beforeAll(() => {
    survey = nytSurvey(testDataDir());
  });

  it("has the 235 books, four ordinal options and the four groups, as the loader", () => {
    const books = loadNytBooks(testDataDir());
    expect(survey.questions).toHaveLength(NYT_BOOK_COUNT);
    expect(survey.groups.map((g) => [g.id, g.attribute])).toEqual(SCORED_GROUPS.nytimes.map((g) => [g.value, g.attribute]));
    const similarity = loadNytSimilarity(testDataDir());
    for (const book of books) {
      const q = question(survey, book.id);
      expect(q.scale).toBe("ordinal");
      expect(q.options).toEqual(book.options);
      expect(neighbours(survey, book.id)).toEqual(similarity[book.id]);
      for (const g of survey.groups) {
        const counts = book.counts[g.id] ?? [];
        const n = counts.reduce((a, b) => a + b, 0);
        expect(respondents(survey, book.id, g.id)).toBe(n);
        close(distribution(survey, book.id, g.id), counts.map((c) => c / n));
      }
    }
  });

  it("matches counts read by hand from the raw JSON", () => {
    // nytimes/NONE_data.json, "The Bee Sting By Paul Murray".
    const id = "The Bee Sting By Paul Murray";
    close(distribution(survey, id, "Democrat"), [9 / 20, 6 / 20, 3 / 20, 2 / 20]);
    close(distribution(survey, id, "Female"), [9 / 22, 5 / 22, 5 / 22, 3 / 22]);
    expect(respondents(survey, id, "Male")).toBe(17);
    expect(respondents(survey, "Americanah By Chimamanda Ngozi Adichie", "Democrat")).toBe(18);
    expect(question(survey, id).text).toMatch(/^Book Title: The Bee Sting By Paul Murray\n.*How likely are you to read this book\?$/s);
  });
});

describe("globalOpinionQaSurvey", () => {
  let survey: Survey;
  beforeAll(() => {
    survey = globalOpinionQaSurvey(testDataDir());
  });

  it("has the 100 questions, each with its own countries in slot order, as the loader", () => {
    const loaded = loadGlobalQuestions(testDataDir());
    expect(survey.questions).toHaveLength(100);
    expect(survey.groups).toHaveLength(new Set(loaded.flatMap((q) => q.countries)).size);
    expect(survey.groups).toHaveLength(26);
    for (const q of loaded) {
      expect(groupsOf(survey, q.id).map((g) => g.id)).toEqual(q.countries);
      for (const c of q.countries) {
        expect(distribution(survey, q.id, c)).toEqual(q.distributions[c]);
        expect(respondents(survey, q.id, c)).toBeUndefined();
      }
      const absent = survey.groups.find((g) => !q.countries.includes(g.id));
      if (absent !== undefined) expect(distribution(survey, q.id, absent.id)).toBeUndefined();
    }
    expect(survey.groups.every((g) => g.attribute === "country")).toBe(true);
  });

  it("matches proportions read by hand from the raw JSON", () => {
    const first = survey.questions[0];
    expect(first?.id).toMatch(/^Thinking about our relations with China, in your view, which is more important -/);
    expect(first?.groups).toEqual(["Indonesia", "Philippines", "Japan"]);
    expect(distribution(survey, first?.id ?? "", "Japan")).toEqual([0.45, 0.47, 0.0, 0.0, 0.08]);
    const sixth = survey.questions[5];
    expect(sixth?.groups).toEqual(["Egypt", "Jordan", "Russia"]);
    expect(sixth?.options).toEqual(["Very favorable", "Somewhat favorable", "Somewhat unfavorable", "Very unfavorable", "DK/Refused"]);
    expect(distribution(survey, sixth?.id ?? "", "Russia")?.[4]).toBe(0.40476190476190477);
  });
});
