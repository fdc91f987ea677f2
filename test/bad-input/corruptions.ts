/**
 * The bad-input corpus: corruptions of the benchmark data directory, one or a few files each,
 * across every loader. Each says what `reproduce` must do with it: stop with one line naming the
 * file (and the key), or produce exactly the clean data's output (the corruption does not touch
 * what is scored, or the file is not read by `reproduce`).
 */
import { join } from "node:path";
import Papa from "papaparse";
import { readData } from "./mirror";

/** What `reproduce` must do with a corrupted data directory. */
export type Outcome =
  /** Exit non-zero with one `distalign:` line naming `file` (relative to the data dir) and `key`. */
  | { readonly error: { readonly file: string; readonly key?: string } }
  /** Exit 0 with output identical to the clean data's. */
  | "same";

/** One corruption. */
export interface Corruption {
  readonly name: string;
  /** The loader it exercises. */
  readonly loader: "results" | "opinionqa" | "nytimes" | "globalvalues" | "human" | "coin";
  /** Relative path → new content (null deletes the file), computed from the clean data. */
  readonly files: (dataDir: string) => Record<string, string | Uint8Array | null>;
  readonly outcome: Outcome;
  /**
   * The published models to reproduce (`--model`): those whose files the corruption touches, so a
   * run reads every file it must and no more. Humans and baselines are always computed.
   * "all" for corruptions of a dataset that should leave every model's numbers unchanged.
   * @default ["gpt-4"]
   */
  readonly models?: readonly string[] | "all";
  /**
   * With outcome "same": output files that legitimately change with the corruption and are left
   * out of the comparison (every other file must be byte-identical to the clean run's).
   */
  readonly differs?: readonly string[];
}

type Json = Record<string, any>;

const WAVE = "Pew_American_Trends_Panel_disagreement_100";
const OQA = join("opinions_qa", "data", "human_resp", WAVE);
const oqaFile = (attribute: string) => join(OQA, `${attribute}_data.json`);
/** The scale positions of the question pool's options (read for the ordinal metric). */
const OQA_INFO = join("opinions_qa", "data", "human_resp", "Pew_American_Trends_Panel_disagreement_500", "info.csv");
const NYT = join("nytimes", "NONE_data.json");
const GV = join("Global_Values", "data", "data.json");
const HUMAN = join("results", "human_annotations");
const COIN = join("results", "biased_coin", "gpt-4");

const OQA_T1 = join("results", "opinionqa", "express_distribution", "gpt-4", "task1", WAVE, "POLPARTY", "Democrat.json");
const OQA_T3_MALE = join("results", "opinionqa", "sequence", "anthropic_opus", "task3_easy_hard", WAVE, "SEX", "Male.json");
const OQA_T0_HUMAN_ORDER = join("results", "opinionqa", "express_distribution", "gpt-3.5-turbo-0125", "task0", WAVE, "NONE", "Democrat.json");
const OQA_TS = join("results", "opinionqa", "rescaled_model_logprobs", "gpt-4", "task1", WAVE, "RACE", "Black.json");
const OQA_TS_NAN = join("results", "opinionqa", "rescaled_model_logprobs", "gpt-3.5-turbo-0125", "task1", WAVE, "SEX", "Female.json");
const NYT_T0 = join("results", "nytimes", "sequence", "gpt-3.5-turbo-0125", "task0", "NONE", "Democrat.json");
const NYT_T3 = join("results", "nytimes", "model_logprobs", "llama3-70b", "task3_easy_hard", "SEX", "Female.json");
const NYT_T1 = join("results", "nytimes", "express_distribution", "anthropic_haiku", "task1", "POLPARTY", "Republican.json");
const GV_T1 = join("results", "globalvalues", "sequence", "gpt-4", "task1", "globalvalues", "0.json");
const GV_T3 = join("results", "globalvalues", "express_distribution", "llama3-70b", "task3_easy_hard", "globalvalues", "2.json");
const GV_SHIFTED = join("results", "globalvalues", "sequence", "gpt-3.5-turbo-0125", "task1", "globalvalues", "0.json");

const OQA_PERSONA = join(HUMAN, "Distributional_Alignment_Persona_Steering_May 21, 2024_19.06.csv");
const OQA_NONE = join(HUMAN, "Distributional_Alignment_No_Steering_May 21, 2024_18.01.csv");
const NYT_FEWSHOT = join(HUMAN, "Distributional_Alignment_FewShot_Steering - NYT_July 17, 2024_10.52.csv");
const NYT_NONE_V2 = join(HUMAN, "Distributional_Alignment_No_Steering - NYT - V2_July 2, 2024_18.52.csv");
const NYT_PERSONA_OLD = join(HUMAN, "Distributional_Alignment_Persona_Steering - NYT_July 2, 2024_22.18.csv");

/** Edits a JSON file of the data directory (Python's NaN reads as null and is written back as null). */
function editJson(path: string, edit: (json: any, dataDir: string) => unknown): Corruption["files"] {
  return (dataDir) => {
    const json = JSON.parse(readData(dataDir, path).replace(/\bNaN\b/g, "null"));
    const replaced = edit(json, dataDir);
    return { [path]: JSON.stringify(replaced === undefined ? json : replaced) };
  };
}

/** Edits a text file of the data directory. */
function editText(path: string, edit: (text: string) => string | Uint8Array): Corruption["files"] {
  return (dataDir) => ({ [path]: edit(readData(dataDir, path)) });
}

/** Edits a CSV export as rows of cells. */
function editCsv(path: string, edit: (rows: string[][]) => string[][] | void): Corruption["files"] {
  return (dataDir) => {
    const rows = Papa.parse<string[]>(readData(dataDir, path), { delimiter: ",", skipEmptyLines: true }).data;
    return { [path]: `${Papa.unparse(edit(rows) ?? rows)}\n` };
  };
}

/** The row and column of the first filled cell of a column. */
function firstAnswer(rows: string[][], column: string): { row: string[]; index: number } {
  const index = (rows[0] as string[]).indexOf(column);
  const row = rows.slice(3).find((r) => (r[index] ?? "").trim() !== "");
  if (index < 0 || row === undefined) throw new Error(`corpus: no answer in ${column}`);
  return { row, index };
}

/** Windows-1252 bytes of a text (characters outside it become "?"). */
function cp1252(text: string): Uint8Array {
  const special: Record<string, number> = { "€": 0x80, "‚": 0x82, "„": 0x84, "…": 0x85, "‘": 0x91, "’": 0x92, "“": 0x93, "”": 0x94, "–": 0x96, "—": 0x97, "™": 0x99 };
  return Uint8Array.from([...text].map((c) => special[c] ?? (c.charCodeAt(0) < 256 ? c.charCodeAt(0) : 0x3f)));
}

const keys = (json: Json) => Object.keys(json);
const middleKey = (json: Json) => keys(json)[Math.floor(keys(json).length / 2)] as string;
const gvQuestion = (dataDir: string, index: number) => Object.keys(JSON.parse(readData(dataDir, GV)))[index] as string;
const nytBook = (dataDir: string, index: number) => Object.keys(JSON.parse(readData(dataDir, NYT)))[index] as string;

const error = (file: string, key?: string): Outcome => ({ error: key === undefined ? { file } : { file, key } });

/** The corpus. Keys named in outcomes are those of the clean data, read when the corpus is built. */
export function corruptions(dataDir: string): Corruption[] {
  const oqaT1 = JSON.parse(readData(dataDir, OQA_T1)) as Json;
  const firstOqa = keys(oqaT1)[0] as string;
  const midOqa = middleKey(oqaT1);
  const gv0 = gvQuestion(dataDir, 0);
  const gv7 = gvQuestion(dataDir, 7);
  const book3 = nytBook(dataDir, 3);
  const book100 = nytBook(dataDir, 100);
  const list: Corruption[] = [
    // --- published result files ---
    { name: "results file replaced by {}", loader: "results", files: () => ({ [OQA_T1]: "{}" }), outcome: error(OQA_T1, firstOqa) },
    { name: "results file: one entry deleted", loader: "results", files: editJson(OQA_T1, (j) => void delete j[midOqa]), outcome: error(OQA_T1, midOqa) },
    {
      name: "results file: 3000 junk entries added",
      loader: "results", models: ["llama3-70b"],
      files: editJson(NYT_T3, (j) => {
        const first = j[keys(j)[0] as string];
        for (let i = 0; i < 3000; i++) j[`junk ${i}`] = first;
      }),
      outcome: error(NYT_T3, "junk 0"),
    },
    { name: "results file: entries in another order", loader: "results", models: ["gpt-3.5-turbo-0125"], files: editJson(OQA_T0_HUMAN_ORDER, (j) => Object.fromEntries(Object.entries(j).reverse())), outcome: error(OQA_T0_HUMAN_ORDER) },
    { name: "results file: expected_results doubled (sums to 2)", loader: "results", files: editJson(OQA_T1, (j) => { const e = j[midOqa].expected_results; for (const k of keys(e)) e[k] *= 2; }), outcome: error(OQA_T1, `${midOqa}.expected_results`) },
    { name: "results file: expected_results holds -0.5", loader: "results", files: editJson(GV_T1, (j) => { j[gv7].expected_results.A = -0.5; }), outcome: error(GV_T1, `${gv7}.expected_results`) },
    {
      name: "results file: expected_results with two values swapped (still sums to 1)",
      loader: "results", models: ["anthropic_haiku"],
      files: editJson(NYT_T1, (j) => { const e = j[book100].expected_results; [e.A, e.D] = [e.D + 0.01, e.A - 0.01]; }),
      outcome: error(NYT_T1, `${book100}.expected_results`),
    },
    { name: "results file: expected_results removed", loader: "results", models: ["llama3-70b"], files: editJson(GV_T3, (j) => void delete j[gv0].expected_results), outcome: error(GV_T3, `${gv0}.expected_results`) },
    { name: "results file: expected_results of a group with data emptied", loader: "results", models: ["anthropic_opus"], files: editJson(OQA_T3_MALE, (j) => { j[firstOqa].expected_results = {}; }), outcome: error(OQA_T3_MALE, `${firstOqa}.expected_results`) },
    {
      name: "results file: FEM2_W29 (no male respondents) given a distribution",
      loader: "results", models: ["anthropic_opus"],
      files: editJson(OQA_T3_MALE, (j) => { j.FEM2_W29.expected_results = { A: 0.5, B: 0.5 }; j.FEM2_W29.avg_actual_results = { A: 0.5, B: 0.5 }; }),
      outcome: error(OQA_T3_MALE, "FEM2_W29.expected_results"),
    },
    { name: "no-steering file: a scored group's expected_results doubled", loader: "results", models: ["gpt-3.5-turbo-0125"], files: editJson(NYT_T0, (j) => { const e = j[book3].expected_results_POLPARTY_Democrat; for (const k of keys(e)) e[k] *= 2; }), outcome: error(NYT_T0, `${book3}.expected_results_POLPARTY_Democrat`) },
    { name: "no-steering file: a scored group's expected_results removed", loader: "results", models: ["gpt-3.5-turbo-0125"], files: editJson(OQA_T0_HUMAN_ORDER, (j) => void delete j[midOqa].expected_results_SEX_Male), outcome: error(OQA_T0_HUMAN_ORDER, `${midOqa}.expected_results_SEX_Male`) },
    {
      name: "no-steering file: a group's expected_results with another group's values",
      loader: "results", models: ["gpt-3.5-turbo-0125"],
      files: editJson(OQA_T0_HUMAN_ORDER, (j) => { j[firstOqa].expected_results_RACE_White = j[firstOqa].expected_results_RACE_Black; }),
      outcome: error(OQA_T0_HUMAN_ORDER, `${firstOqa}.expected_results_RACE_White`),
    },
    { name: "results file: negative prediction", loader: "results", models: ["llama3-70b"], files: editJson(GV_T3, (j) => { j[gv7].avg_actual_results.A = -0.2; }), outcome: error(GV_T3, `${gv7}.avg_actual_results.A`) },
    { name: "results file: prediction removed", loader: "results", files: editJson(OQA_T1, (j) => void delete j[midOqa].avg_actual_results), outcome: error(OQA_T1, `${midOqa}.avg_actual_results`) },
    { name: "results file: prediction emptied", loader: "results", models: ["llama3-70b"], files: editJson(NYT_T3, (j) => { j[book3].avg_actual_results = {}; }), outcome: error(NYT_T3, `${book3}.avg_actual_results`) },
    { name: "results file: prediction letter renamed", loader: "results", files: editJson(OQA_T1, (j) => { const p = j[midOqa].avg_actual_results; p.Z = p.B; delete p.B; }), outcome: error(OQA_T1, `${midOqa}.avg_actual_results`) },
    { name: "results file: prediction with an extra letter", loader: "results", models: ["anthropic_haiku"], files: editJson(NYT_T1, (j) => { j[book3].avg_actual_results.E = 0.1; }), outcome: error(NYT_T1, `${book3}.avg_actual_results`) },
    { name: "results file: prediction a string", loader: "results", files: editJson(GV_T1, (j) => { j[gv0].avg_actual_results.B = "0.3"; }), outcome: error(GV_T1, `${gv0}.avg_actual_results.B`) },
    { name: "results file: NaN prediction outside TS-Log-p", loader: "results", models: ["llama3-70b"], files: editText(NYT_T3, (t) => t.replace(/"avg_actual_results": \{"A": [0-9.e-]+/, '"avg_actual_results": {"A": NaN')), outcome: error(NYT_T3, ".avg_actual_results.A") },
    {
      name: "TS-Log-p file: NaN where the published file has a number",
      loader: "results",
      files: editJson(OQA_TS, (j) => { j[midOqa].avg_actual_results.A = null; }),
      outcome: error(OQA_TS, `${midOqa}.avg_actual_results.A`),
    },
    { name: "TS-Log-p file: the published NaN entries re-serialised as null", loader: "results", models: ["gpt-3.5-turbo-0125"], files: editJson(OQA_TS_NAN, () => undefined), outcome: "same" },
    { name: "results file: response removed", loader: "results", files: editJson(OQA_T1, (j) => void delete j[firstOqa].response), outcome: error(OQA_T1, `${firstOqa}.response`) },
    { name: "results file: response a number", loader: "results", models: ["llama3-70b"], files: editJson(GV_T3, (j) => { j[gv0].response = [7]; }), outcome: error(GV_T3, `${gv0}.response[0]`) },
    { name: "results file: an entry null", loader: "results", models: ["anthropic_haiku"], files: editJson(NYT_T1, (j) => { j[book100] = null; }), outcome: error(NYT_T1, book100) },
    { name: "results file: top level an array", loader: "results", files: () => ({ [GV_T1]: "[]" }), outcome: error(GV_T1, "(top level)") },
    { name: "results file truncated", loader: "results", models: ["gpt-3.5-turbo-0125"], files: editText(NYT_T0, (t) => t.slice(0, t.length >> 1)), outcome: error(NYT_T0) },
    { name: "results file deleted", loader: "results", models: ["anthropic_opus"], files: () => ({ [OQA_T3_MALE]: null }), outcome: error(OQA_T3_MALE) },
    { name: "results file saved as cp1252", loader: "results", files: editText(GV_T1, (t) => cp1252(JSON.stringify(JSON.parse(t)).replace(/\\u2019/g, "’"))), outcome: error(GV_T1) },
    {
      name: "shifted-country file (a listed irregularity) given its own country's values",
      loader: "results", models: ["gpt-3.5-turbo-0125"],
      files: editJson(GV_SHIFTED, (j, dir) => {
        const gv = JSON.parse(readData(dir, GV));
        for (const [question, entry] of Object.entries<Json>(j)) {
          const own = gv[question][gv[question].countries[0]] as number[];
          entry.expected_results = Object.fromEntries(own.map((p, i) => [String.fromCharCode(65 + i), p]));
        }
      }),
      outcome: error(GV_SHIFTED, `${gv0}.expected_results`),
    },
    { name: "results file pretty-printed", loader: "results", files: editText(OQA_T1, (t) => JSON.stringify(JSON.parse(t), null, 2)), outcome: "same" },

    // --- OpinionQA ---
    { name: "OpinionQA: negative count", loader: "opinionqa", files: editJson(oqaFile("POLPARTY"), (j) => { j[midOqa].Democrat[keys(j[midOqa].Democrat)[0] as string] = -3; }), outcome: error(oqaFile("POLPARTY"), `${midOqa}.Democrat`) },
    { name: "OpinionQA: fractional count", loader: "opinionqa", files: editJson(oqaFile("SEX"), (j) => { j[firstOqa].Female[keys(j[firstOqa].Female)[0] as string] = 12.5; }), outcome: error(oqaFile("SEX"), `${firstOqa}.Female`) },
    { name: "OpinionQA: count for an option not in MC_options", loader: "opinionqa", files: editJson(oqaFile("RACE"), (j) => { j[midOqa].White = { ...j[midOqa].White, "Zzz not an option": 4 }; }), outcome: error(oqaFile("RACE"), `${midOqa}.White.Zzz not an option`) },
    {
      name: "OpinionQA: comma-split question (listed) with a key that is no split of its options",
      loader: "opinionqa",
      files: editJson(oqaFile("POLPARTY"), (j) => { j.GROWUPGUN2A_W26.Republican = { ...j.GROWUPGUN2A_W26.Republican, "Yes, was not a reason": 2 }; }),
      outcome: error(oqaFile("POLPARTY"), "GROWUPGUN2A_W26.Republican"),
    },
    { name: "OpinionQA: zero count added", loader: "opinionqa", files: editJson(oqaFile("SEX"), (j) => { j[midOqa].Male[keys(j[midOqa].Male)[0] as string] = 0; }), outcome: error(oqaFile("SEX"), `${midOqa}.Male`) },
    { name: "OpinionQA: group removed", loader: "opinionqa", files: editJson(oqaFile("POLPARTY"), (j) => void delete j[midOqa].Republican), outcome: error(oqaFile("POLPARTY"), `${midOqa}.Republican`) },
    { name: "OpinionQA: group emptied", loader: "opinionqa", files: editJson(oqaFile("RACE"), (j) => { j[firstOqa].Black = {}; }), outcome: error(oqaFile("RACE"), `${firstOqa}.Black`) },
    { name: "OpinionQA: question removed", loader: "opinionqa", files: editJson(oqaFile("POLPARTY"), (j) => void delete j[midOqa]), outcome: error(oqaFile("POLPARTY"), "(top level)") },
    { name: "OpinionQA: question renamed in one attribute file", loader: "opinionqa", files: editJson(oqaFile("SEX"), (j) => Object.fromEntries(Object.entries(j).map(([k, v]) => [k === midOqa ? "RENAMED_W99" : k, v]))), outcome: error(oqaFile("SEX"), "RENAMED_W99") },
    { name: "OpinionQA: a group's options out of alphabetical order", loader: "opinionqa", files: editJson(oqaFile("POLPARTY"), (j) => { j[firstOqa].Democrat = Object.fromEntries(Object.entries(j[firstOqa].Democrat).reverse()); }), outcome: error(oqaFile("POLPARTY"), `${firstOqa}.Democrat`) },
    { name: "OpinionQA: MC_options removed", loader: "opinionqa", files: editJson(oqaFile("RACE"), (j) => void delete j[midOqa].MC_options), outcome: error(oqaFile("RACE"), `${midOqa}.MC_options`) },
    { name: "OpinionQA: question_text a number", loader: "opinionqa", files: editJson(oqaFile("SEX"), (j) => { j[firstOqa].question_text = 5; }), outcome: error(oqaFile("SEX"), `${firstOqa}.question_text`) },
    { name: "OpinionQA: file truncated", loader: "opinionqa", files: editText(oqaFile("RACE"), (t) => t.slice(0, 5000)), outcome: error(oqaFile("RACE")) },
    { name: "OpinionQA info.csv: a row with an extra cell", loader: "opinionqa", files: editCsv(OQA_INFO, (rows) => { rows[5]?.push("extra"); }), outcome: error(OQA_INFO) },
    { name: "OpinionQA info.csv: option_ordinal not numbers", loader: "opinionqa", files: editCsv(OQA_INFO, (rows) => { const row = rows.find((r) => r[5] === firstOqa) as string[]; row[9] = "[1.0, two, 3.0]"; }), outcome: error(OQA_INFO, firstOqa) },
    { name: "OpinionQA info.csv: column option_ordinal missing", loader: "opinionqa", files: editCsv(OQA_INFO, (rows) => rows.map((r) => r.filter((_, j) => j !== 9))), outcome: error(OQA_INFO) },
    { name: "OpinionQA info.csv: deleted", loader: "opinionqa", files: () => ({ [OQA_INFO]: null }), outcome: error(OQA_INFO) },
    {
      name: "OpinionQA: a group's counts doubled (same distribution)",
      loader: "opinionqa",
      models: "all",
      files: editJson(oqaFile("POLPARTY"), (j) => { for (const k of keys(j[midOqa].Democrat)) j[midOqa].Democrat[k] *= 2; }),
      outcome: "same",
      // Respondent counts weight the pooled baseline and set the sampling noise floor; every score stays.
      differs: ["baselines.csv"],
    },

    // --- NYT Book Opinions ---
    { name: "NYT: negative count", loader: "nytimes", files: editJson(NYT, (j) => { j[book3].Democrat["2: Somewhat unlikely"] = -4; }), outcome: error(NYT, `${book3}.Democrat.2: Somewhat unlikely`) },
    { name: "NYT: fractional count", loader: "nytimes", files: editJson(NYT, (j) => { j[book100].Female["1: Very unlikely"] = 2.5; }), outcome: error(NYT, `${book100}.Female.1: Very unlikely`) },
    { name: "NYT: book removed", loader: "nytimes", files: editJson(NYT, (j) => void delete j[book100]), outcome: error(NYT, "(top level)") },
    { name: "NYT: book added", loader: "nytimes", files: editJson(NYT, (j) => { j["Another Book By Someone"] = j[book3]; }), outcome: error(NYT, "(top level)") },
    { name: "NYT: book renamed", loader: "nytimes", files: editJson(NYT, (j) => Object.fromEntries(Object.entries(j).map(([k, v]) => [k === book3 ? "Renamed By Nobody" : k, v]))), outcome: error(NYT, "Renamed By Nobody") },
    { name: "NYT: saved as cp1252", loader: "nytimes", files: editText(NYT, (t) => cp1252(JSON.stringify(JSON.parse(t)))), outcome: error(NYT) },
    { name: "NYT: an option's count removed", loader: "nytimes", files: editJson(NYT, (j) => void delete j[book3].Male["4: Very likely"]), outcome: error(NYT, `${book3}.Male.4: Very likely`) },
    { name: "NYT: options reordered", loader: "nytimes", files: editJson(NYT, (j) => { j[book100].MC_options.reverse(); }), outcome: error(NYT, `${book100}.MC_options`) },
    { name: "NYT: group removed", loader: "nytimes", files: editJson(NYT, (j) => void delete j[book3].Female), outcome: error(NYT, `${book3}.Female`) },
    { name: "NYT: a group without ratings", loader: "nytimes", files: editJson(NYT, (j) => { for (const k of keys(j[book100].Republican)) j[book100].Republican[k] = 0; }), outcome: error(NYT, `${book100}.Republican`) },
    { name: "NYT: genre a list", loader: "nytimes", files: editJson(NYT, (j) => { j[book3].genre = ["Fiction"]; }), outcome: error(NYT, `${book3}.genre`) },
    { name: "NYT: file is not JSON", loader: "nytimes", files: () => ({ [NYT]: "<html>not found</html>" }), outcome: error(NYT) },
    { name: "NYT: unused copy (POLPARTY_data.json) corrupted", loader: "nytimes", files: () => ({ [join("nytimes", "POLPARTY_data.json")]: "{" }), outcome: "same" },

    // --- GlobalOpinionQA ---
    { name: "GlobalOpinionQA: a country vector doubled", loader: "globalvalues", files: editJson(GV, (j) => { const q = j[gv7]; q[q.countries[1]] = q[q.countries[1]].map((p: number) => 2 * p); }), outcome: error(GV, gv7) },
    { name: "GlobalOpinionQA: a negative proportion", loader: "globalvalues", files: editJson(GV, (j) => { const q = j[gv0]; q[q.countries[0]][0] = -0.1; }), outcome: error(GV, gv0) },
    { name: "GlobalOpinionQA: a vector one value short", loader: "globalvalues", files: editJson(GV, (j) => { const q = j[gv7]; q[q.countries[2]].pop(); }), outcome: error(GV, gv7) },
    { name: "GlobalOpinionQA: a country removed", loader: "globalvalues", files: editJson(GV, (j) => { const q = j[gv0]; const c = q.countries.pop(); delete q[c]; if (q.countries.length > 2) { const d = q.countries.pop(); delete q[d]; } }), outcome: error(GV, `${gv0}.countries`) },
    { name: "GlobalOpinionQA: a country's values removed", loader: "globalvalues", files: editJson(GV, (j) => { const q = j[gv7]; delete q[q.countries[0]]; }), outcome: error(GV, gv7) },
    { name: "GlobalOpinionQA: question removed", loader: "globalvalues", files: editJson(GV, (j) => void delete j[gv7]), outcome: error(GV, "(top level)") },
    { name: "GlobalOpinionQA: MC_options not a list literal", loader: "globalvalues", files: editJson(GV, (j) => { j[gv0].MC_options = "Yes, No"; }), outcome: error(GV, `${gv0}.MC_options`) },
    {
      name: "GlobalOpinionQA: two proportions swapped (still sums to 1)",
      loader: "globalvalues",
      files: editJson(GV, (j) => { const q = j[gv0]; const v = q[q.countries[0]]; [v[0], v[1]] = [v[1], v[0]]; }),
      outcome: error(GV, gv0),
    },
    {
      name: "GlobalOpinionQA: a country renamed consistently (not scored by name)",
      loader: "globalvalues", models: "all",
      files: editJson(GV, (j) => { const q = j[gv7]; const c = q.countries[0]; q.countries[0] = "Atlantis"; q.Atlantis = q[c]; delete q[c]; }),
      outcome: "same",
    },

    // --- human-annotation exports ---
    { name: "human export with only its header rows", loader: "human", files: editCsv(OQA_PERSONA, (rows) => rows.slice(0, 3)), outcome: error(OQA_PERSONA) },
    { name: "human export: a row with an extra cell", loader: "human", files: editCsv(NYT_FEWSHOT, (rows) => { (rows[10] as string[]).push("extra"); }), outcome: error(NYT_FEWSHOT, "row 11") },
    { name: "human export: a row one cell short", loader: "human", files: editCsv(OQA_NONE, (rows) => { (rows[5] as string[]).pop(); }), outcome: error(OQA_NONE, "row 6") },
    { name: "human export: an answer of 300", loader: "human", files: editCsv(OQA_PERSONA, (rows) => { const a = firstAnswer(rows, "4_Q135_1"); a.row[a.index] = "300"; }), outcome: error(OQA_PERSONA, "4_Q135_1") },
    { name: "human export: an answer of -50", loader: "human", files: editCsv(NYT_FEWSHOT, (rows) => { const a = firstAnswer(rows, "110_Q136_2"); a.row[a.index] = "-50"; }), outcome: error(NYT_FEWSHOT, "110_Q136_2") },
    { name: "human export: an answer that is not a number", loader: "human", files: editCsv(OQA_NONE, (rows) => { const a = firstAnswer(rows, "7_Q_NoSteering_3"); a.row[a.index] = "abc"; }), outcome: error(OQA_NONE, "7_Q_NoSteering_3") },
    {
      name: "human export: an answer's percentages summing to 90",
      loader: "human",
      files: editCsv(NYT_FEWSHOT, (rows) => {
        const header = rows[0] as string[];
        const columns = [1, 2, 3, 4].map((k) => header.indexOf(`120_Q137_${k}`));
        const row = rows.slice(3).find((r) => columns.some((c) => Number(r[c]) >= 10)) as string[];
        const c = columns.find((i) => Number(row[i]) >= 10) as number;
        row[c] = String(Number(row[c]) - 10);
      }),
      outcome: error(NYT_FEWSHOT, "120_Q137_1"),
    },
    { name: "human export: one cell of an answer blanked", loader: "human", files: editCsv(OQA_PERSONA, (rows) => { const a = firstAnswer(rows, "30_Q139_2"); a.row[a.index] = ""; }), outcome: error(OQA_PERSONA, "30_Q139_2") },
    {
      name: "human export: a question's columns removed",
      loader: "human",
      files: editCsv(NYT_NONE_V2, (rows) => { const i = (rows[0] as string[]).indexOf("150_Q_NoSteering_3"); return rows.map((r) => r.filter((_, k) => k !== i)); }),
      outcome: error(NYT_NONE_V2, "150_Q_NoSteering_3"),
    },
    { name: "human export: not UTF-8", loader: "human", files: editText(OQA_NONE, (t) => cp1252(t.replace("Start Date", "Start Daté ’"))), outcome: error(OQA_NONE) },
    { name: "human export deleted", loader: "human", files: () => ({ [NYT_NONE_V2]: null }), outcome: error(NYT_NONE_V2) },
    { name: "human export: unterminated quote", loader: "human", files: editText(NYT_FEWSHOT, (t) => `${t.trimEnd()},"unterminated\n`), outcome: error(NYT_FEWSHOT) },
    { name: "human export with CRLF line ends", loader: "human", files: editText(OQA_PERSONA, (t) => t.replace(/\r?\n/g, "\r\n")), outcome: "same" },
    { name: "human export with a byte-order mark", loader: "human", files: editText(NYT_FEWSHOT, (t) => `\uFEFF${t}`), outcome: "same" },
    { name: "superseded human export corrupted (not read)", loader: "human", files: () => ({ [NYT_PERSONA_OLD]: "garbage" }), outcome: "same" },

    // --- biased coin (read by the figures, not by reproduce; the loader is tested on the same files) ---
    { name: "coin: stated probability 1.5", loader: "coin", files: editJson(join(COIN, "biased_coin_benchmark.json"), (j) => { j[keys(j)[1] as string].expected_results.h = 1.5; }), outcome: "same" },
    { name: "coin: a stated probability removed", loader: "coin", files: editJson(join(COIN, "biased_coin_seq_benchmark.json"), (j) => void delete j[keys(j)[4] as string]), outcome: "same" },
    { name: "coin: a pair of three values", loader: "coin", files: editJson(join(COIN, "model_logprobs", "actual_coinflip_p.json"), (j) => { j[3].push(0.5); }), outcome: "same" },
    { name: "coin: implied P(heads) negative", loader: "coin", files: editJson(join(COIN, "biased_coin_seq_benchmark.json"), (j) => { j[keys(j)[2] as string].avg_expected_results.h = -0.2; }), outcome: "same" },
  ];
  return list;
}
