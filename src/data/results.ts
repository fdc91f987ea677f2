/**
 * The paper's published raw outputs: `results/<dataset>/<method>/<model>/<task>/…/<GROUP>/<group>.json`
 * (docs/protocol.md §4.1). Each file holds, per question, the model's response text, the distribution
 * the authors derived from it, and the human distribution it was scored against.
 */
import { join } from "node:path";
import { DataError, UsageError } from "../errors";
import { type Dataset, PAPER_MODELS, type PaperModel, type ScoredMethod, type Steering } from "../types";
import { dataFileExists, readDataObject } from "./data-dir";
import { acceptedNanPrediction, predictionIrregularity } from "./known-irregularities";
import { expectArray, expectDistribution, expectNumberRecord, expectRecord, expectString } from "./validate";

/** Result-folder names of the expression methods. */
export const METHOD_DIRS: Record<ScoredMethod, string> = {
  verbalize: "express_distribution",
  sequence: "sequence",
  logprobs: "model_logprobs",
  "ts-logprobs": "rescaled_model_logprobs",
};

/** Result-folder names of the steering conditions. */
export const STEERING_DIRS: Record<Steering, string> = {
  none: "task0",
  persona: "task1",
  "few-shot": "task3_easy_hard",
};

/** A demographic group as the result files name it: the attribute folder and the value. */
export interface GroupRef {
  /** POLPARTY, SEX, RACE (OpinionQA, NYT) or `globalvalues` (GlobalOpinionQA, whose groups are country slots 0–2). */
  readonly attribute: string;
  /** Democrat, Male, White, … or "0" | "1" | "2" for the question's first, second, third country. */
  readonly value: string;
}

/** The paired groups of the paper's analyses (other-group baseline, in-group vs out-group), both ways. */
export const PAIRED_GROUPS: Readonly<Record<string, string>> = {
  Democrat: "Republican",
  Republican: "Democrat",
  Male: "Female",
  Female: "Male",
  Black: "White",
  White: "Black",
};

/** `ATTRIBUTE/value`, the group's name in score lists and run keys. */
export function groupKey(group: GroupRef): string {
  return `${group.attribute}/${group.value}`;
}

/** The groups scored by the paper, in the order its lists use (docs/protocol.md §2, §6). */
export const SCORED_GROUPS: Record<Dataset, readonly GroupRef[]> = {
  opinionqa: [
    { attribute: "POLPARTY", value: "Democrat" },
    { attribute: "POLPARTY", value: "Republican" },
    { attribute: "SEX", value: "Male" },
    { attribute: "SEX", value: "Female" },
    { attribute: "RACE", value: "Black" },
    { attribute: "RACE", value: "White" },
  ],
  nytimes: [
    { attribute: "POLPARTY", value: "Democrat" },
    { attribute: "POLPARTY", value: "Republican" },
    { attribute: "SEX", value: "Male" },
    { attribute: "SEX", value: "Female" },
  ],
  globalvalues: [
    { attribute: "globalvalues", value: "0" },
    { attribute: "globalvalues", value: "1" },
    { attribute: "globalvalues", value: "2" },
  ],
};

/** Models with published log-probabilities (the Anthropic API returns none). */
export const LOGPROB_MODELS: readonly PaperModel[] = ["gpt-3.5-turbo-0125", "gpt-4", "llama3-70b"];

/** One question of a result file. */
export interface ResultEntry {
  /** Question id (OpinionQA), "Title By Author" (NYT) or question text (GlobalOpinionQA). */
  readonly key: string;
  /** `avg_actual_results`: the stored prediction, letter → probability, NaN where Python wrote NaN. Empty when the group had no data. */
  readonly prediction: Readonly<Record<string, number>>;
  /** The raw response text (the answer token for log-probabilities); undefined when none was stored. */
  readonly response: string | undefined;
  /** `expected_results`: the human distribution scored against (persona and few-shot files). */
  readonly expected: Readonly<Record<string, number>> | undefined;
  /** `expected_results_<ATTRIBUTE>_<value>` of no-steering files, keyed `<ATTRIBUTE>_<value>`. */
  readonly expectedByGroup: Readonly<Record<string, Readonly<Record<string, number>>>>;
}

/** A published result file: one dataset × method × model × steering × group. */
export interface ResultCell {
  readonly dataset: Dataset;
  readonly method: ScoredMethod;
  readonly model: PaperModel;
  readonly steering: Steering;
  /** The group of the file; for no steering always NONE/Democrat, scored against every group. */
  readonly group: GroupRef;
  /** Absolute path of the file. */
  readonly file: string;
  readonly entries: readonly ResultEntry[];
}

/** What to load: one cell of the published grid. */
export interface ResultCellRef {
  readonly dataset: Dataset;
  readonly method: ScoredMethod;
  readonly model: string;
  readonly steering: Steering;
  /** Ignored for no steering, whose single file is NONE/Democrat. */
  readonly group: GroupRef;
  /** Use a different task folder, e.g. `task3_easy_hard_v1` reruns; defaults to the steering's folder. */
  readonly taskDir?: string;
}

/**
 * Checks a model name against the five published models.
 * @throws {UsageError} listing the valid names
 */
export function checkPaperModel(model: string): PaperModel {
  if ((PAPER_MODELS as readonly string[]).includes(model)) return model as PaperModel;
  throw new UsageError(`unknown model "${model}" (published outputs exist for ${PAPER_MODELS.join(", ")})`);
}

/** The path of a result file relative to the data directory. */
export function resultPath(ref: ResultCellRef): string {
  const group = ref.steering === "none" ? { attribute: "NONE", value: "Democrat" } : ref.group;
  const wave = ref.dataset === "opinionqa" ? ["Pew_American_Trends_Panel_disagreement_100"] : [];
  return join(
    "results",
    ref.dataset,
    METHOD_DIRS[ref.method],
    ref.model,
    ref.taskDir ?? STEERING_DIRS[ref.steering],
    ...wave,
    group.attribute,
    `${group.value}.json`,
  );
}

/** True when the paper published this model × method (no Anthropic log-probabilities, no GlobalOpinionQA task0). */
export function hasPublishedCell(ref: Pick<ResultCellRef, "dataset" | "method" | "model" | "steering">): boolean {
  const logprobs = ref.method === "logprobs" || ref.method === "ts-logprobs";
  if (logprobs && !LOGPROB_MODELS.includes(ref.model as PaperModel)) return false;
  return !(ref.dataset === "globalvalues" && ref.steering === "none");
}

/** Letters A, B, C, … as the result files key options. */
const LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";

/** The `expected_results_<ATTRIBUTE>_<value>` fields a no-steering file must have: its dataset's scored groups. */
function scoredGroupFields(dataset: Dataset): string[] {
  return SCORED_GROUPS[dataset].map((g) => `${g.attribute}_${g.value}`);
}

/** A stored human distribution: letters A, B, … with a probability each, or `{}` where the group has no data. */
function humanDistribution(value: unknown, file: string, key: string): Record<string, number> {
  const record = expectNumberRecord(value, file, key);
  const letters = Object.keys(record);
  if (letters.length === 0) return record;
  checkLetters(letters, file, key);
  expectDistribution(Object.values(record), file, key);
  return record;
}

function checkLetters(letters: readonly string[], file: string, key: string, anyOrder = false): void {
  const expected = anyOrder ? [...letters].sort() : letters;
  const bad = expected.findIndex((letter, i) => letter !== LETTERS[i]);
  if (bad >= 0) throw new DataError(`${file}: ${key}.${expected[bad]}: expected option letter ${LETTERS[bad]}`, file, `${key}.${expected[bad]}`);
}

function parseEntry(key: string, value: unknown, file: string, ref: ResultCellRef, relativePath: string): ResultEntry {
  const record = expectRecord(value, file, key);
  const allowMissing = ref.method === "ts-logprobs" && acceptedNanPrediction(relativePath, key);
  if (record["avg_actual_results"] === undefined) throw new DataError(`${file}: ${key}.avg_actual_results: missing`, file, `${key}.avg_actual_results`);
  const prediction = expectNumberRecord(record["avg_actual_results"], file, `${key}.avg_actual_results`, allowMissing);
  const irregularity = predictionIrregularity(relativePath, key);
  checkLetters(Object.keys(prediction), file, `${key}.avg_actual_results`, irregularity === "unordered");
  for (const [letter, p] of Object.entries(prediction)) {
    if (p < 0) throw new DataError(`${file}: ${key}.avg_actual_results.${letter}: negative probability (${p})`, file, `${key}.avg_actual_results.${letter}`);
  }
  const responses = expectArray(record["response"], file, `${key}.response`);
  if (responses.length !== 1) throw new DataError(`${file}: ${key}.response: expected one response, got ${responses.length}`, file, `${key}.response`);
  const response = expectString(responses[0], file, `${key}.response[0]`);
  let expected: Record<string, number> | undefined;
  const expectedByGroup: Record<string, Record<string, number>> = {};
  if (ref.steering === "none") {
    for (const field of scoredGroupFields(ref.dataset)) {
      if (record[`expected_results_${field}`] === undefined) {
        throw new DataError(`${file}: ${key}.expected_results_${field}: missing`, file, `${key}.expected_results_${field}`);
      }
    }
    for (const [field, v] of Object.entries(record)) {
      if (field.startsWith("expected_results_")) expectedByGroup[field.slice("expected_results_".length)] = humanDistribution(v, file, `${key}.${field}`);
    }
  } else {
    if (record["expected_results"] === undefined) throw new DataError(`${file}: ${key}.expected_results: missing`, file, `${key}.expected_results`);
    expected = humanDistribution(record["expected_results"], file, `${key}.expected_results`);
    const letters = Object.keys(prediction);
    const expectedLetters = Object.keys(expected);
    if (letters.length > 0 && expectedLetters.length > 0 && letters.length !== expectedLetters.length && irregularity !== "extra-letters") {
      throw new DataError(
        `${file}: ${key}.avg_actual_results: ${letters.length} options where expected_results has ${expectedLetters.length}`,
        file,
        `${key}.avg_actual_results`,
      );
    }
  }
  return { key, prediction, response, expected, expectedByGroup };
}

/**
 * Loads one published result file, validating every entry: the prediction (letters A, B, …,
 * non-negative; NaN only for the TS-Log-p entries listed in known-irregularities.ts), one response, and the stored human distributions
 * (`expected_results`, or the scored groups' `expected_results_<GROUP>` without steering), each
 * non-negative and summing to 1, or `{}` where the group has no data. Which questions the file
 * must hold, and that the stored distributions are the dataset's, is checked against the
 * datasets by `checkResultCell`.
 * @throws {UsageError} for an unknown model or a cell the paper did not publish
 * @throws {DataError} naming the file (and key) when it is missing, truncated or malformed
 * @example
 * loadResultCell(dataDir, { dataset: "nytimes", method: "sequence", model: "gpt-4", steering: "persona",
 *   group: { attribute: "POLPARTY", value: "Democrat" } }).entries.length; // => 235
 */
export function loadResultCell(dataDir: string, ref: ResultCellRef): ResultCell {
  const model = checkPaperModel(ref.model);
  if (!hasPublishedCell(ref)) {
    throw new UsageError(`no published ${ref.method} outputs for ${ref.model} on ${ref.dataset} with steering ${ref.steering}`);
  }
  const relativePath = resultPath(ref);
  const file = join(dataDir, relativePath);
  if (!dataFileExists(dataDir, relativePath)) throw new DataError(`${file}: file not found`, file);
  const { json } = readDataObject(dataDir, relativePath);
  const entries = Object.entries(json).map(([key, value]) => parseEntry(key, value, file, ref, relativePath));
  const group = ref.steering === "none" ? { attribute: "NONE", value: "Democrat" } : ref.group;
  return { dataset: ref.dataset, method: ref.method, model, steering: ref.steering, group, file, entries };
}
