/**
 * The listed irregularities are those of the published data, no more: each listed deviation is
 * present in the files, and taking one out of a file's data makes the loaders accept it only
 * where the list says so.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  COMMA_SPLIT_OPTION_QUESTIONS,
  EMPTY_OPINIONQA_GROUPS,
  NAN_TS_PREDICTIONS,
  PREDICTION_IRREGULARITIES,
  SHIFTED_COUNTRY_RESULTS,
  isCommaSplitOption,
} from "../../src/data/known-irregularities";
import { opinionQaPath } from "../../src/data/opinionqa";
import { parsePythonJson } from "../../src/data/python-json";
import { testDataDir } from "../helpers/data-dir";

const dataDir = testDataDir();
const json = (path: string) => parsePythonJson(readFileSync(join(dataDir, path), "utf8")) as Record<string, any>;
const attributes = ["POLPARTY", "SEX", "RACE"];

describe("known irregularities of the published data", () => {
  it("lists exactly the scored questions whose counts use comma-split options", () => {
    const found = new Set<string>();
    for (const attribute of attributes) {
      for (const [id, question] of Object.entries(json(opinionQaPath("100", `${attribute}_data.json`)))) {
        for (const [group, counts] of Object.entries<any>(question)) {
          if (group === "MC_options" || group === "question_text") continue;
          for (const option of Object.keys(counts)) {
            if (question.MC_options.includes(option)) continue;
            found.add(id);
            expect(isCommaSplitOption(option, question.MC_options), `${id}.${group}.${option}`).toBe(true);
          }
        }
      }
    }
    expect([...found].sort()).toEqual([...COMMA_SPLIT_OPTION_QUESTIONS.ids].sort());
  });

  it("reads a comma-split key only as consecutive options joined by a comma", () => {
    expect(isCommaSplitOption("Yes, was a reason", ["Yes", "was a reason", "No", "was not a reason", "Refused"])).toBe(true);
    expect(isCommaSplitOption("Yes, was not a reason", ["Yes", "was a reason", "No", "was not a reason", "Refused"])).toBe(false);
    expect(isCommaSplitOption("Yes, even if", ['"Yes', 'even if"', "No"])).toBe(true);
  });

  it("lists only groups that are empty", () => {
    for (const entry of EMPTY_OPINIONQA_GROUPS.entries) {
      const [set, rest] = entry.split(":") as ["100" | "500", string];
      const [id, group] = rest.split(".") as [string, string];
      const file = attributes.map((a) => json(opinionQaPath(set, `${a}_data.json`))).find((f) => f[id]?.[group] !== undefined);
      expect(file?.[id][group], entry).toEqual({});
    }
  });

  it("lists result files whose stored ground truth is the next country's", () => {
    const gv = json(join("Global_Values", "data", "data.json"));
    for (const [path, slot] of Object.entries(SHIFTED_COUNTRY_RESULTS.files)) {
      const own = Number(path.slice(-6, -5));
      let shifted = 0;
      let ownMatches = 0;
      for (const [question, entry] of Object.entries<any>(json(path))) {
        const stored = Object.values<number>(entry.expected_results);
        const of = (s: number) => gv[question][gv[question].countries[s]] as number[];
        if (stored.every((v, i) => Math.abs(v - (of(slot)[i] as number)) < 1e-9)) shifted += 1;
        if (stored.every((v, i) => Math.abs(v - (of(own)[i] as number)) < 1e-9)) ownMatches += 1;
      }
      expect(shifted, path).toBe(100);
      expect(ownMatches, path).toBeLessThan(100);
    }
  });

  it("lists stored predictions whose letters depart from the ground truth's", () => {
    for (const [path, entries] of Object.entries(PREDICTION_IRREGULARITIES)) {
      const file = json(path);
      for (const [key, kind] of Object.entries(entries)) {
        const letters = Object.keys(file[key].avg_actual_results);
        const expected = Object.keys(file[key].expected_results);
        if (kind === "unordered") {
          expect(letters, `${path} ${key}`).not.toEqual([...letters].sort());
          expect([...letters].sort()).toEqual(expected);
        } else {
          expect(letters.length, `${path} ${key}`).toBeGreaterThan(expected.length);
        }
      }
    }
  });

  it("lists exactly the NaN TS-Log-p predictions of each listed file", () => {
    for (const [path, keys] of Object.entries(NAN_TS_PREDICTIONS.entries)) {
      const nan = Object.entries<any>(json(path))
        .filter(([, entry]) => Object.values(entry.avg_actual_results).some((v) => v === null))
        .map(([key]) => key);
      expect(nan, path).toEqual(keys);
    }
  });
});
