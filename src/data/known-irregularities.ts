/**
 * The irregularities of the authors' published data that the paper's numbers were computed
 * with, listed in one place, each with its reason. Loaders check every file against the shape
 * the dataset defines and accept a deviation only when it is listed here; any other deviation
 * is a DataError naming the file and the key.
 */
import type { Dataset } from "../types";
import type { OpinionQaSet } from "./opinionqa";

/** One accepted irregularity: where it is and why it is accepted. */
export interface Irregularity {
  readonly reason: string;
}

/**
 * OpinionQA questions whose `MC_options` list was built by splitting the answer texts at
 * commas (and keeps their quotes), so some count keys are not items of the list. Scored set only;
 * every other question's count keys must be `MC_options` items.
 */
export const COMMA_SPLIT_OPTION_QUESTIONS: Irregularity & { readonly ids: readonly string[] } = {
  reason: "MC_options was built by splitting answer texts at commas; the counts keep the whole answer texts",
  ids: [
    "DNA2b_W50",
    "ESSENPOLF1H_W36",
    "FAMSURV2Wc_W50",
    "GAP21Q27_W82",
    "GOVPRIORITYc_W54",
    "GOVPRIOgF1_W41",
    "GOVPRIOlF2_W41",
    "GROWUPGUN2A_W26",
    "HOMEASSIST3_W49",
    "JOBTRAIN_W54",
    "SMARTAPP_W49",
    "TRAITBIZMF2D_W36",
    "TRAITBIZMF2E_W36",
    "TRAITPOLWF1A_W36",
  ],
};

/**
 * True when `key` is what comma-splitting made of the options: one or more consecutive
 * `MC_options` items joined by ", ", without the surrounding quotes the split left behind.
 */
export function isCommaSplitOption(key: string, mcOptions: readonly string[]): boolean {
  const unquote = (text: string) => (text.length >= 2 && text.startsWith('"') && text.endsWith('"') ? text.slice(1, -1) : text);
  for (let from = 0; from < mcOptions.length; from++) {
    for (let to = from + 1; to <= mcOptions.length; to++) {
      const joined = mcOptions.slice(from, to).join(", ");
      if (joined === key || unquote(joined) === key) return true;
    }
  }
  return false;
}

/** True when an OpinionQA count key that is not an `MC_options` item is an accepted comma-split option. */
export function acceptedOpinionQaOption(set: OpinionQaSet, id: string, key: string, mcOptions: readonly string[]): boolean {
  // The 494-question pool (few-shot examples only) has 76 such questions; the rule alone is checked there.
  if (set === "100" && !COMMA_SPLIT_OPTION_QUESTIONS.ids.includes(id)) return false;
  return isCommaSplitOption(key, mcOptions);
}

/** OpinionQA groups without a single respondent on a question: `<set>:<id>.<group>`. */
export const EMPTY_OPINIONQA_GROUPS: Irregularity & { readonly entries: readonly string[] } = {
  reason: "Pew recorded no respondent of the group for the question; the paper skips the question for that group",
  entries: [
    "100:FEM2_W29.Male",
    "500:FEM2_W29.Male",
    "500:SEENFEM_W29.Male",
    "500:GUNLOCKED2_W26.Refused",
    "500:GUNLOADED2_W26.Refused",
    "500:GOPDIRCT_W29.Democrat",
  ],
};

/** An unscored OpinionQA group value that is empty on many questions. */
const SPARSE_OPINIONQA_GROUP: Irregularity & { readonly attribute: string; readonly value: string } = {
  reason: "too few Mixed Race respondents: 11 of the 100 and 51 of the 494 questions have none (the group is not scored)",
  attribute: "RACE",
  value: "Mixed Race",
};

/** True when an OpinionQA group may have no respondents for a question. */
export function acceptedEmptyOpinionQaGroup(set: OpinionQaSet, id: string, attribute: string, group: string): boolean {
  if (attribute === SPARSE_OPINIONQA_GROUP.attribute && group === SPARSE_OPINIONQA_GROUP.value) return true;
  return EMPTY_OPINIONQA_GROUPS.entries.includes(`${set}:${id}.${group}`);
}

/**
 * Result files whose stored `expected_results` are another country slot's distribution: the
 * paper scored them as stored. Path (relative to the data directory, `/`-separated) → the slot
 * whose country the stored values belong to.
 */
export const SHIFTED_COUNTRY_RESULTS: Irregularity & { readonly files: Readonly<Record<string, number>> } = {
  reason: "the stored ground truth belongs to the next country of the question (groups 1 and 2 are duplicates); the paper scored it as stored",
  files: {
    "results/globalvalues/sequence/gpt-3.5-turbo-0125/task1/globalvalues/0.json": 1,
    "results/globalvalues/sequence/gpt-3.5-turbo-0125/task1/globalvalues/1.json": 2,
  },
};

/** The country slot whose distribution a result file stores for `slot`. */
export function storedCountrySlot(relativePath: string, slot: number): number {
  return SHIFTED_COUNTRY_RESULTS.files[relativePath.split("\\").join("/")] ?? slot;
}

/** The ways a stored prediction of the published files departs from its ground truth's letters. */
export type PredictionIrregularity = "unordered" | "extra-letters";

/** Stored predictions that depart from A, B, C, … of their ground truth: path → question key → kind. */
export const PREDICTION_IRREGULARITIES: Readonly<Record<string, Readonly<Record<string, PredictionIrregularity>>>> = {
  "results/opinionqa/express_distribution/llama3-70b/task1/Pew_American_Trends_Panel_disagreement_100/POLPARTY/Republican.json": {
    NEIGHINTERA_W32: "unordered",
  },
  "results/opinionqa/express_distribution/llama3-70b/task1/Pew_American_Trends_Panel_disagreement_100/RACE/White.json": {
    GAP21Q24_W82: "unordered",
  },
  "results/opinionqa/express_distribution/llama3-70b/task3_easy_hard/Pew_American_Trends_Panel_disagreement_100/SEX/Female.json": {
    LEGALIMG_W41: "extra-letters",
  },
};

/** The accepted irregularity of a stored prediction, if any. */
export function predictionIrregularity(relativePath: string, key: string): PredictionIrregularity | undefined {
  return PREDICTION_IRREGULARITIES[relativePath.split("\\").join("/")]?.[key];
}

/**
 * TS-Log-p predictions that are NaN (Python wrote NaN): temperature scaling of a question with no
 * log-probability mass on any option. The paper drops their NaN scores. Path → question keys;
 * a NaN anywhere else is an error.
 */
export const NAN_TS_PREDICTIONS: Irregularity & { readonly entries: Readonly<Record<string, readonly string[]>> } = {
  reason: "temperature scaling of zero option mass gave NaN; the paper drops the NaN scores",
  entries: {
    "results/globalvalues/rescaled_model_logprobs/llama3-70b/task1/globalvalues/0.json": ["When it comes to Germany’s decision-making in the European Union, do you think Germany has too much influence, has too little influence or has about the right amount of influence?"],
    "results/globalvalues/rescaled_model_logprobs/llama3-70b/task1/globalvalues/1.json": ["Overall do you think that India's growing economy is a good thing or a bad thing for our country?", "When it comes to Germany’s influence in decision-making in the European Union, do you think Germany ____?"],
    "results/globalvalues/rescaled_model_logprobs/llama3-70b/task1/globalvalues/2.json": ["Thinking about our relations with China, in your view, which is more important - being tough with China on territorial disputes between China and our country OR having a strong economic relationship with China?"],
    "results/globalvalues/rescaled_model_logprobs/llama3-70b/task3_easy_hard/globalvalues/0.json": ["Do you favor or oppose making the following the law in your country...death penalty for people who leave the Muslim religion?", "Who do you think is mostly to blame for this (that relations between Muslims and people in Western countries are generally bad), Muslims or people in Western countries?", "As I read some statements about the role of religion here and elsewhere, please tell me whether you completely agree, mostly agree, mostly disagree, or completely disagree...There should be restrictions on men and women being employed in same workplace"],
    "results/globalvalues/rescaled_model_logprobs/llama3-70b/task3_easy_hard/globalvalues/2.json": ["Which one of the religions that I name do you think of as most violent--Christianity, Islam, Judaism or Hinduism?", "Who do you think is mostly to blame for this (that relations between Muslims and people in Western countries are generally bad), Muslims or people in Western countries?", "Which country do you think will win the 2010 World Cup?"],
    "results/opinionqa/rescaled_model_logprobs/gpt-3.5-turbo-0125/task1/Pew_American_Trends_Panel_disagreement_100/SEX/Female.json": ["USMILSIZ_W92", "LOCALELECT_W29"],
  },
};

/** True when a TS-Log-p prediction may be NaN. */
export function acceptedNanPrediction(relativePath: string, key: string): boolean {
  return NAN_TS_PREDICTIONS.entries[relativePath.split("\\").join("/")]?.includes(key) ?? false;
}

/**
 * The Sequence answers of the published outputs were cut to 30 characters before parsing for
 * OpinionQA and NYT, not for GlobalOpinionQA (whose stored answers reach 1,255 characters);
 * docs/protocol.md §4.3. Per dataset, the cut in characters, or null for none.
 */
export const SEQUENCE_ANSWER_CUT: Irregularity & { readonly chars: Readonly<Record<Dataset, number | null>> } = {
  reason: "the authors' parsing cut Sequence answers to 30 characters for OpinionQA and NYT only",
  chars: { opinionqa: 30, nytimes: 30, globalvalues: null },
};
