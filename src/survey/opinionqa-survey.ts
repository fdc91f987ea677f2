/**
 * OpinionQA as a survey: the 100 scored questions (or the 494-question pool) asked of the six
 * scored groups, Democrat, Republican (POLPARTY), Male, Female (SEX), Black, White (RACE).
 */
import { join } from "node:path";
import Papa from "papaparse";
import { readDataText } from "../data/data-dir";
import { OPINIONQA_ATTRIBUTES, type OpinionQaQuestion, type OpinionQaSet, loadOpinionQa, loadOpinionQaSimilarity, opinionQaPath } from "../data/opinionqa";
import { SCORED_GROUPS } from "../data/results";
import { DataError } from "../errors";
import { type Survey, type SurveyAnswers, type SurveyGroup, type SurveySpec, makeSurvey } from "./types";

/** The survey's name. */
export const OPINIONQA_SURVEY_NAME = "opinionqa";

/** The scored groups, with their attribute. */
export const OPINIONQA_SURVEY_GROUPS: readonly SurveyGroup[] = SCORED_GROUPS.opinionqa.map((g) => ({ id: g.value, label: g.value, attribute: g.attribute }));

/**
 * The options of a question in the lettering of the paper's prompts without steering: every
 * option some respondent of any group (scored or not, of any attribute) chose, alphabetically.
 */
function respondentOptions(versions: readonly OpinionQaQuestion[]): string[] {
  const used = new Set<string>();
  for (const version of versions) {
    for (const counts of Object.values(version.counts)) for (const [option, count] of Object.entries(counts)) if (count > 0) used.add(option);
  }
  return [...used].sort();
}

/** The columns of info.csv the scales are read from. */
const SCALE_COLUMNS = ["key", "references", "option_ordinal"] as const;

/** Question key → each option's position on its scale, from the set's `info.csv` (`references`, `option_ordinal`). */
function loadScalePositions(dataDir: string, set: OpinionQaSet): Map<string, Map<string, number>> {
  const relative = opinionQaPath(set, "info.csv");
  const file = join(dataDir, relative);
  // papaparse reads this file about ten times as fast as csv-parse; with a header it also checks each row's width.
  const parsed = Papa.parse<Record<string, string>>(readDataText(dataDir, relative).replace(/^\uFEFF/, ""), { header: true, skipEmptyLines: true });
  const fatal = parsed.errors[0];
  if (fatal !== undefined) throw new DataError(`${file}: cannot read CSV (row ${(fatal.row ?? 0) + 1}: ${fatal.message})`, file);
  const missing = SCALE_COLUMNS.filter((column) => !(parsed.meta.fields ?? []).includes(column));
  if (missing.length > 0) throw new DataError(`${file}: no column ${missing.join(", ")}`, file);
  const rows = parsed.data;
  const out = new Map<string, Map<string, number>>();
  rows.forEach((row, i) => {
    const key = row["key"];
    const where = `${file}: row ${i + 1}`;
    if (key === undefined || row["references"] === undefined || row["option_ordinal"] === undefined) throw new DataError(`${where}: missing key, references or option_ordinal`, file);
    const references = [...row["references"].matchAll(/'((?:[^'\\]|\\.)*)'|"((?:[^"\\]|\\.)*)"/g)].map((m) => (m[1] ?? m[2] ?? "").replace(/\\(.)/g, "$1"));
    const ordinal = row["option_ordinal"].replace(/^\[|\]$/g, "").split(",").filter((v) => v.trim() !== "").map(Number);
    if (ordinal.some((v) => !Number.isFinite(v)) || ordinal.length > references.length) throw new DataError(`${where}: ${key}: option_ordinal is not a list of numbers, one per leading reference (${row["option_ordinal"]})`, file, key);
    const positions = new Map(ordinal.map((v, j) => [references[j] as string, v]));
    const previous = out.get(key);
    if (previous !== undefined && JSON.stringify([...previous]) !== JSON.stringify([...positions])) throw new DataError(`${where}: ${key}: listed twice with different scales`, file, key);
    out.set(key, positions);
  });
  return out;
}

function opinionQaSpec(dataDir: string, set: OpinionQaSet, scales: ReadonlyMap<string, ReadonlyMap<string, number>>): Omit<SurveySpec, "examplePool"> {
  const byAttribute = new Map(OPINIONQA_ATTRIBUTES.map((attribute) => [attribute, new Map(loadOpinionQa(dataDir, attribute, set).map((q) => [q.id, q]))]));
  const first = byAttribute.get("POLPARTY") ?? new Map<string, OpinionQaQuestion>();
  const questions = [...first.values()].map((base) => {
    const versions = OPINIONQA_ATTRIBUTES.flatMap((attribute) => {
      const version = byAttribute.get(attribute)?.get(base.id);
      return version === undefined ? [] : [version];
    });
    const options = respondentOptions(versions);
    const answers: [string, SurveyAnswers][] = [];
    for (const g of OPINIONQA_SURVEY_GROUPS) {
      const counts = byAttribute.get(g.attribute as (typeof OPINIONQA_ATTRIBUTES)[number])?.get(base.id)?.counts[g.id];
      if (counts === undefined) throw new DataError(`${OPINIONQA_SURVEY_NAME}: ${base.id}: not in the ${g.attribute} file`, OPINIONQA_SURVEY_NAME, base.id);
      const n = Object.values(counts).reduce((s, c) => s + c, 0);
      if (n > 0) answers.push([g.id, { distribution: options.map((o) => (counts[o] ?? 0) / n), n }]);
    }
    const positions = scales.get(base.id);
    const scalePositions = options.map((o) => positions?.get(o) ?? null);
    const ordinal = new Set(scalePositions.filter((p) => p !== null)).size >= 2;
    return {
      id: base.id,
      text: base.text,
      options,
      scale: ordinal ? ("ordinal" as const) : ("nominal" as const),
      ...(ordinal ? { scalePositions } : {}),
      questionnaireOptions: base.mcOptions,
      answers,
    };
  });
  const similarity = loadOpinionQaSimilarity(dataDir, "500");
  const neighbours: Record<string, readonly string[]> = {};
  for (const q of questions) neighbours[q.id] = similarity[q.id] ?? [];
  return { name: OPINIONQA_SURVEY_NAME, questions, groups: OPINIONQA_SURVEY_GROUPS, neighbours };
}

/**
 * OpinionQA as a survey, from the validating loaders of src/data.
 *
 * - `options` are in the lettering of the paper's prompts without steering: every option some
 *   respondent chose (any group of any attribute), alphabetically. Persona and few-shot prompts
 *   letter only the options the group itself chose, in the same order (`usedOptions`), so each
 *   group's distribution (count / group total, zeros for options it never chose) is the same
 *   numbers in either lettering. `questionnaireOptions` is the question's `MC_options`, the
 *   questionnaire order, which the published no-steering ground truth walked (see
 *   reproduce/ground-truth.ts); on 17 questions it splits options at commas, so it can differ
 *   from `options` in spelling as well as order.
 * - `n` is the group's number of respondents; a group without respondents to a question (Pew
 *   recorded none) has no answers to it.
 * - `scale` is ordinal when `info.csv` of the pool gives the question's options positions on a
 *   scale (`option_ordinal`, two or more distinct values); `scalePositions` gives them in option
 *   order, null for options off the scale ("Refused", comma-split spellings).
 * - `neighbours` are the pool's 10 most similar questions (question_similarity_top10.json); for
 *   the 100-question set they name questions of the pool, its `examplePool`.
 * @param set "100" (the scored questions, default) or "500" (the 494-question pool)
 * @throws {DataError} naming the file and key when a file is missing or malformed
 */
export function opinionQaSurvey(dataDir: string, set: OpinionQaSet = "100"): Survey {
  // Both sets take their scales from the pool's info.csv, which is read once.
  const scales = loadScalePositions(dataDir, "500");
  const pool = makeSurvey(opinionQaSpec(dataDir, "500", scales));
  return set === "500" ? pool : makeSurvey({ ...opinionQaSpec(dataDir, "100", scales), examplePool: pool });
}
