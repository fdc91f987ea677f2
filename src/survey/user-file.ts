/**
 * Your own survey, from a file: a long CSV or the same content as JSON. `loadSurvey(path)` reads
 * either (by extension) and returns a Survey; every problem is one DataError naming the file,
 * the line (CSV) or key path (JSON), and what is wrong.
 *
 * CSV, one row per question × group × option, with a header row:
 *
 *     question_id,question,option,group,count[,n][,scale]
 *
 * or `share` instead of `count`. Columns may come in any order; others are an error.
 * - Options keep the order of their first appearance within the question (for an ordinal
 *   question, write them in scale order); groups keep the order of their first appearance.
 * - Every group gives every option of every question: an option a group never chose is an
 *   explicit row with 0 (a missing row is an error, not a zero), and every group answers every
 *   question.
 * - `count`: non-negative numbers (weighted counts may have decimals); the distribution is
 *   count / total, and `n` the total when it is a whole number. An `n` column, if given, must
 *   equal that total.
 * - `share`: fractions summing to 1, or percentages summing to 100, within 1% of the total;
 *   the convention is detected from the first question × group and must hold for the whole
 *   file. Shares are divided by their sum. `n` (optional, a positive integer, the same on every
 *   row of a question × group) gives the respondents.
 * - `scale`: `ordinal` or `nominal`, the same on every row of a question; without the column
 *   (or left empty on every row of a question) a question is nominal.
 * - `question` is the question's text, the same on every row of the question; at least two
 *   options per question; no row twice; not every count of a question × group zero.
 * - The file is strict UTF-8 (a byte-order mark is dropped); fields are trimmed; the survey is
 *   named after the file (its base name without extension).
 *
 * JSON holds the same content (see `SurveyFileJson`); each problem names its key path.
 */
import { readFileSync } from "node:fs";
import { basename, extname } from "node:path";
import { CsvError, parse } from "csv-parse/sync";
import { DataError } from "../errors";
import { DATASETS, isPaperDataset } from "../types";
import { SCALES, type Scale, type Survey, type SurveyAnswers, type SurveyGroup, makeSurvey } from "./types";

/** The columns a survey CSV may have. */
export const SURVEY_CSV_COLUMNS = ["question_id", "question", "option", "group", "count", "share", "n", "scale"] as const;
type Column = (typeof SURVEY_CSV_COLUMNS)[number];

/** Largest accepted |sum − total| of shares, relative to the total (1 or 100). */
export const SHARE_SUM_TOLERANCE = 0.01;

/**
 * The JSON form of a survey file.
 * @example
 * {
 *   "name": "commute",
 *   "groups": [{ "id": "Urban" }, { "id": "Rural", "label": "Rural areas", "attribute": "area" }],
 *   "questions": [
 *     { "id": "q1", "text": "How long is your commute?", "scale": "ordinal",
 *       "options": ["Under 15 minutes", "15–45 minutes", "Over 45 minutes"],
 *       "answers": { "Urban": { "count": [40, 50, 10] }, "Rural": { "share": [0.3, 0.4, 0.3], "n": 80 } } }
 *   ],
 *   "neighbours": { "q1": [] }
 * }
 * `name` defaults to the file's base name, `label` to the id, `scale` to nominal; each answer
 * gives `count` (non-negative, not all zero; `n` if given must equal their sum) or `share`
 * (fractions summing to 1 or percentages summing to 100, within 1%; divided by their sum),
 * one value per option in order. Every group answers every question. `neighbours` (optional)
 * lists, per question, other questions of the file, most similar first.
 */
export interface SurveyFileJson {
  readonly name?: string;
  readonly groups: readonly { readonly id: string; readonly label?: string; readonly attribute?: string }[];
  readonly questions: readonly {
    readonly id: string;
    readonly text: string;
    readonly options: readonly string[];
    readonly scale?: Scale;
    readonly answers: Readonly<Record<string, { readonly count?: readonly number[]; readonly share?: readonly number[]; readonly n?: number }>>;
  }[];
  readonly neighbours?: Readonly<Record<string, readonly string[]>>;
}

/** A DataError at a line of a file: `<file>:<line>: <problem>`. */
function lineError(file: string, line: number, problem: string): DataError {
  return new DataError(`${file}:${line}: ${problem}`, file, `line ${line}`);
}

/** A DataError at a key path of a JSON file: `<file>: <key>: <problem>`. */
function keyError(file: string, key: string, problem: string): DataError {
  return new DataError(`${file}: ${key}: ${problem}`, file, key);
}

/** Reads a file as strict UTF-8 text; a byte-order mark is dropped. @throws {DataError} naming the first line that is not UTF-8 */
function readUtf8(file: string): string {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new DataError(code === "ENOENT" ? `${file}: file not found` : `${file}: cannot read (${code ?? String(error)})`, file, undefined, { cause: error });
  }
  const decoder = new TextDecoder("utf-8", { fatal: true });
  try {
    return decoder.decode(bytes).replace(/^\uFEFF/, "");
  } catch {
    let line = 1;
    let start = 0;
    for (let i = 0; i <= bytes.length; i++) {
      if (i === bytes.length || bytes[i] === 0x0a) {
        try {
          new TextDecoder("utf-8", { fatal: true }).decode(bytes.subarray(start, i));
        } catch {
          break;
        }
        line++;
        start = i + 1;
      }
    }
    throw lineError(file, line, "not UTF-8 text (save the file as UTF-8)");
  }
}

/** A number written in decimal (`12`, `0.5`, `.5`, `-3` is reported as negative); NaN otherwise. */
function decimal(text: string): number {
  return /^-?(?:[0-9]+\.?[0-9]*|\.[0-9]+)$/.test(text) ? Number(text) : Number.NaN;
}

/** Share totals: the convention a share list follows, judged by its sum. */
type ShareConvention = "fractions (summing to 1)" | "percentages (summing to 100)";
function conventionOf(sum: number): ShareConvention {
  return Math.abs(sum - 1) <= Math.abs(sum - 100) ? "fractions (summing to 1)" : "percentages (summing to 100)";
}
function conventionTotal(convention: ShareConvention): number {
  return convention === "fractions (summing to 1)" ? 1 : 100;
}

/** One question × group of a CSV as it is read. */
interface Cell {
  readonly firstLine: number;
  readonly values: Map<string, { value: number; line: number }>;
  n?: { value: number; line: number };
  /** A row of the cell with an empty `n`. */
  noN?: number;
}

interface CsvQuestion {
  readonly id: string;
  readonly firstLine: number;
  readonly text: string;
  readonly options: string[];
  scale?: { value: string; line: number };
  readonly cells: Map<string, Cell>;
}

/**
 * Parses a survey CSV (see the module comment).
 * @param file the file name used in messages and, without its extension, as the survey's name
 * @throws {DataError} `<file>:<line>: <problem>`
 */
export function parseSurveyCsv(text: string, file: string): Survey {
  if (text.trim() === "") throw lineError(file, 1, "empty file (expected a header row: question_id,question,option,group,count)");
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, { info: true, trim: true, skip_empty_lines: true, bom: true, relax_column_count: true }) as unknown as { record: string[]; info: { lines: number } }[];
  } catch (error) {
    if (error instanceof CsvError) {
      if (error.code === "CSV_QUOTE_NOT_CLOSED") throw lineError(file, openQuoteLine(text), "a quoted field starts here and is never closed");
      const line = (error as CsvError & { lines?: number }).lines ?? 1;
      const problem = `not valid CSV (${error.message.replace(/ (?:at|on) line \d+/, "").toLowerCase()})`;
      throw lineError(file, line, problem);
    }
    throw error;
  }
  const header = records[0];
  if (header === undefined) throw lineError(file, 1, "empty file (expected a header row)");
  const headerLine = header.info.lines;
  const index = new Map<Column, number>();
  header.record.forEach((name, i) => {
    if (!(SURVEY_CSV_COLUMNS as readonly string[]).includes(name)) {
      throw lineError(file, headerLine, `unknown column "${name}" (columns: ${SURVEY_CSV_COLUMNS.join(", ")})`);
    }
    if (index.has(name as Column)) throw lineError(file, headerLine, `column "${name}" given twice`);
    index.set(name as Column, i);
  });
  for (const required of ["question_id", "question", "option", "group"] as const) {
    if (!index.has(required)) throw lineError(file, headerLine, `missing column "${required}"`);
  }
  if (index.has("count") === index.has("share")) {
    throw lineError(file, headerLine, index.has("count") ? "both count and share columns (give one)" : "neither a count nor a share column (give one)");
  }
  const valueColumn: "count" | "share" = index.has("count") ? "count" : "share";
  if (records.length === 1) throw lineError(file, headerLine, "no data rows after the header");
  // Column counts are checked here rather than by the parser, so that a header problem is reported first.
  for (const { record, info } of records) {
    if (record.length !== header.record.length) throw lineError(file, info.lines, `${record.length} fields where the header has ${header.record.length}`);
  }

  const questions = new Map<string, CsvQuestion>();
  const groups: string[] = [];
  for (const { record, info } of records.slice(1)) {
    const line = info.lines;
    const field = (column: Column) => {
      const i = index.get(column);
      return i === undefined ? undefined : (record[i] ?? "");
    };
    const id = field("question_id") as string;
    const text = field("question") as string;
    const option = field("option") as string;
    const groupId = field("group") as string;
    for (const [column, value] of [["question_id", id], ["question", text], ["option", option], ["group", groupId]] as const) {
      if (value === "") throw lineError(file, line, `empty ${column}`);
    }
    const raw = field(valueColumn) as string;
    const value = decimal(raw);
    if (raw === "") throw lineError(file, line, `empty ${valueColumn}`);
    if (Number.isNaN(value)) throw lineError(file, line, `${valueColumn} is not a number ("${raw}")`);
    if (value < 0) throw lineError(file, line, `negative ${valueColumn} (${raw})`);

    let q = questions.get(id);
    if (q === undefined) {
      q = { id, firstLine: line, text, options: [], cells: new Map() };
      questions.set(id, q);
    } else if (q.text !== text) {
      throw lineError(file, line, `question ${id}: text differs from line ${q.firstLine} ("${short(text)}" vs "${short(q.text)}")`);
    }
    const scale = field("scale");
    if (scale !== undefined) {
      if (scale !== "" && !(SCALES as readonly string[]).includes(scale)) throw lineError(file, line, `unknown scale "${scale}" (ordinal or nominal)`);
      if (q.scale === undefined) q.scale = { value: scale, line };
      else if (q.scale.value !== scale) throw lineError(file, line, `question ${id}: scale "${scale}" differs from "${q.scale.value}" on line ${q.scale.line}`);
    }
    if (!q.options.includes(option)) q.options.push(option);
    if (!groups.includes(groupId)) groups.push(groupId);
    let cell = q.cells.get(groupId);
    if (cell === undefined) {
      cell = { firstLine: line, values: new Map() };
      q.cells.set(groupId, cell);
    }
    const duplicate = cell.values.get(option);
    if (duplicate !== undefined) throw lineError(file, line, `duplicate row: question ${id}, group ${groupId}, option "${option}" (first on line ${duplicate.line})`);
    cell.values.set(option, { value, line });
    const nRaw = field("n");
    if (nRaw !== undefined && nRaw !== "") {
      const n = decimal(nRaw);
      if (!Number.isSafeInteger(n) || n <= 0) throw lineError(file, line, `n is not a positive integer ("${nRaw}")`);
      if (cell.n === undefined) cell.n = { value: n, line };
      else if (cell.n.value !== n) throw lineError(file, line, `question ${id}, group ${groupId}: n ${n} differs from ${cell.n.value} on line ${cell.n.line}`);
    } else if (nRaw === "" && cell.noN === undefined) {
      cell.noN = line;
    }
    if (cell.n !== undefined && cell.noN !== undefined) {
      throw lineError(file, Math.max(cell.n.line, cell.noN), `question ${id}, group ${groupId}: n given on line ${cell.n.line} but empty on line ${cell.noN}`);
    }
  }

  let convention: { convention: ShareConvention; line: number } | undefined;
  const specQuestions = [...questions.values()].map((q) => {
    if (q.options.length < 2) throw lineError(file, q.firstLine, `question ${q.id}: ${q.options.length} option (at least 2 needed)`);
    const answers: [string, SurveyAnswers][] = [];
    for (const groupId of groups) {
      const cell = q.cells.get(groupId);
      if (cell === undefined) throw lineError(file, q.firstLine, `question ${q.id}: no rows for group ${groupId} (every group answers every question)`);
      const missing = q.options.find((o) => !cell.values.has(o));
      if (missing !== undefined) {
        throw lineError(file, cell.firstLine, `question ${q.id}, group ${groupId}: no row for option "${missing}" (other groups have one; write 0 if no one chose it)`);
      }
      const values = q.options.map((o) => cell.values.get(o)?.value ?? 0);
      const sum = values.reduce((a, b) => a + b, 0);
      const where = `question ${q.id}, group ${groupId}`;
      if (sum === 0) throw lineError(file, cell.firstLine, `${where}: every ${valueColumn} is 0 (the group has no answers)`);
      let n = cell.n?.value;
      if (valueColumn === "count") {
        if (n !== undefined && Math.abs(n - sum) > 1e-9 * sum) throw lineError(file, cell.n?.line ?? cell.firstLine, `${where}: n ${n} differs from the sum of its counts (${sum})`);
        if (n === undefined && Number.isSafeInteger(sum)) n = sum;
      } else {
        if (convention === undefined) convention = { convention: conventionOf(sum), line: cell.firstLine };
        const total = conventionTotal(convention.convention);
        if (Math.abs(sum - total) > SHARE_SUM_TOLERANCE * total) {
          throw lineError(file, cell.firstLine, `${where}: shares sum to ${round(sum)}, not ${total} (${convention.convention}, as detected from line ${convention.line})`);
        }
      }
      answers.push([groupId, { distribution: values.map((v) => v / sum), ...(n === undefined ? {} : { n }) }]);
    }
    const scale = q.scale?.value === "" || q.scale === undefined ? "nominal" : (q.scale.value as Scale);
    return { id: q.id, text: q.text, options: q.options, scale, answers };
  });
  return makeSurvey({ name: checkName(surveyName(file), file, false), questions: specQuestions, groups: groups.map((id) => ({ id, label: id })), sumTolerance: 1e-9 });
}

/** The line where a quoted field opens that is never closed (CSV quoting: `""` inside quotes is a quote). */
function openQuoteLine(text: string): number {
  let line = 1;
  let opened = 1;
  let quoted = false;
  let fieldStart = true;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') i++;
        else quoted = false;
      } else if (c === "\n") line++;
      continue;
    }
    if (c === '"' && fieldStart) {
      quoted = true;
      opened = line;
    } else if (c === "\n") line++;
    fieldStart = c === "," || c === "\n" || (fieldStart && (c === " " || c === "\t" || c === "\r"));
  }
  return opened;
}

function short(text: string): string {
  return text.length > 40 ? `${text.slice(0, 37)}…` : text;
}

function round(x: number): string {
  return String(Math.round(x * 1e6) / 1e6);
}

function surveyName(file: string): string {
  return basename(file, extname(file));
}

/**
 * Checks a user survey's name: it becomes the dataset of the run's items and scores, so it
 * cannot be a paper dataset's name, empty, or hold `|` (the separator of item ids).
 * @throws {DataError} naming the file (and the key `name` when the JSON gives it)
 */
function checkName(name: string, file: string, fromKey: boolean): string {
  const where = fromKey ? `${file}: name` : file;
  if (isPaperDataset(name)) {
    throw new DataError(`${where}: survey name "${name}" is a paper dataset's (${DATASETS.join(", ")}); ${fromKey ? "choose another name" : "rename the file"}`, file, fromKey ? "name" : undefined);
  }
  if (name === "" || name.includes("|")) throw new DataError(`${where}: survey name ${JSON.stringify(name)} must be non-empty and without "|"`, file, fromKey ? "name" : undefined);
  return name;
}

/**
 * Parses a survey JSON file (see `SurveyFileJson`).
 * @throws {DataError} `<file>: <key path>: <problem>`
 */
export function parseSurveyJson(text: string, file: string): Survey {
  if (text.trim() === "") throw keyError(file, "(top level)", "empty file");
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw keyError(file, "(top level)", `not valid JSON (${(error as Error).message})`);
  }
  const top = record(json, file, "(top level)");
  allowedKeys(top, ["name", "groups", "questions", "neighbours"], file, "(top level)");
  const name = checkName(top["name"] === undefined ? surveyName(file) : str(top["name"], file, "name"), file, top["name"] !== undefined);
  const groups: SurveyGroup[] = list(top["groups"], file, "groups").map((raw, i) => {
    const key = `groups[${i}]`;
    const g = record(raw, file, key);
    allowedKeys(g, ["id", "label", "attribute"], file, key);
    const id = str(g["id"], file, `${key}.id`);
    if (id === "") throw keyError(file, `${key}.id`, "empty group id");
    return {
      id,
      label: g["label"] === undefined ? id : str(g["label"], file, `${key}.label`),
      ...(g["attribute"] === undefined ? {} : { attribute: str(g["attribute"], file, `${key}.attribute`) }),
    };
  });
  if (groups.length === 0) throw keyError(file, "groups", "no groups");
  const seenGroups = new Set<string>();
  groups.forEach((g, i) => {
    if (seenGroups.has(g.id)) throw keyError(file, `groups[${i}].id`, `duplicate group "${g.id}"`);
    seenGroups.add(g.id);
  });
  let convention: { convention: ShareConvention; key: string } | undefined;
  const seenQuestions = new Set<string>();
  const rawQuestions = list(top["questions"], file, "questions");
  if (rawQuestions.length === 0) throw keyError(file, "questions", "no questions");
  const questions = rawQuestions.map((raw, i) => {
    const key = `questions[${i}]`;
    const q = record(raw, file, key);
    allowedKeys(q, ["id", "text", "options", "scale", "answers"], file, key);
    const id = str(q["id"], file, `${key}.id`);
    if (id === "") throw keyError(file, `${key}.id`, "empty question id");
    if (seenQuestions.has(id)) throw keyError(file, `${key}.id`, `duplicate question "${id}"`);
    seenQuestions.add(id);
    const text = str(q["text"], file, `${key}.text`);
    const options = list(q["options"], file, `${key}.options`).map((o, j) => str(o, file, `${key}.options[${j}]`));
    if (options.length < 2) throw keyError(file, `${key}.options`, `${options.length} option (at least 2 needed)`);
    const dup = options.find((o, j) => options.indexOf(o) !== j);
    if (dup !== undefined) throw keyError(file, `${key}.options`, `option "${dup}" given twice`);
    if (options.includes("")) throw keyError(file, `${key}.options`, "empty option");
    const scaleRaw = q["scale"] === undefined ? "nominal" : str(q["scale"], file, `${key}.scale`);
    if (!(SCALES as readonly string[]).includes(scaleRaw)) throw keyError(file, `${key}.scale`, `unknown scale "${scaleRaw}" (ordinal or nominal)`);
    const byGroup = record(q["answers"], file, `${key}.answers`);
    for (const groupId of Object.keys(byGroup)) if (!seenGroups.has(groupId)) throw keyError(file, `${key}.answers.${groupId}`, "not one of the groups");
    const answers: [string, SurveyAnswers][] = groups.map((g) => {
      const at = `${key}.answers.${g.id}`;
      if (byGroup[g.id] === undefined) throw keyError(file, `${key}.answers`, `no answers for group ${g.id} (every group answers every question)`);
      const a = record(byGroup[g.id], file, at);
      allowedKeys(a, ["count", "share", "n"], file, at);
      if ((a["count"] === undefined) === (a["share"] === undefined)) throw keyError(file, at, a["count"] === undefined ? "neither count nor share (give one)" : "both count and share (give one)");
      const kind = a["count"] === undefined ? "share" : "count";
      const values = list(a[kind], file, `${at}.${kind}`).map((v, j) => {
        const k = `${at}.${kind}[${j}]`;
        if (typeof v !== "number" || !Number.isFinite(v)) throw keyError(file, k, `not a number (${JSON.stringify(v)})`);
        if (v < 0) throw keyError(file, k, `negative ${kind} (${v})`);
        return v;
      });
      if (values.length !== options.length) throw keyError(file, `${at}.${kind}`, `${values.length} values for ${options.length} options (write 0 for an option no one chose)`);
      const sum = values.reduce((s, v) => s + v, 0);
      if (sum === 0) throw keyError(file, `${at}.${kind}`, `every ${kind} is 0 (the group has no answers)`);
      let n: number | undefined;
      if (a["n"] !== undefined) {
        n = a["n"] as number;
        if (typeof n !== "number" || !Number.isSafeInteger(n) || n <= 0) throw keyError(file, `${at}.n`, `not a positive integer (${JSON.stringify(a["n"])})`);
      }
      if (kind === "count") {
        if (n !== undefined && Math.abs(n - sum) > 1e-9 * sum) throw keyError(file, `${at}.n`, `${n} differs from the sum of the counts (${sum})`);
        if (n === undefined && Number.isSafeInteger(sum)) n = sum;
      } else {
        if (convention === undefined) convention = { convention: conventionOf(sum), key: at };
        const total = conventionTotal(convention.convention);
        if (Math.abs(sum - total) > SHARE_SUM_TOLERANCE * total) {
          throw keyError(file, `${at}.share`, `shares sum to ${round(sum)}, not ${total} (${convention.convention}, as detected from ${convention.key})`);
        }
      }
      return [g.id, { distribution: values.map((v) => v / sum), ...(n === undefined ? {} : { n }) }];
    });
    return { id, text, options, scale: scaleRaw as Scale, answers };
  });
  let neighbours: Record<string, string[]> | undefined;
  if (top["neighbours"] !== undefined) {
    neighbours = {};
    for (const [id, raw] of Object.entries(record(top["neighbours"], file, "neighbours"))) {
      const key = `neighbours.${id}`;
      if (!seenQuestions.has(id)) throw keyError(file, key, "not one of the questions");
      const others = list(raw, file, key).map((o, j) => str(o, file, `${key}[${j}]`));
      others.forEach((o, j) => {
        if (!seenQuestions.has(o)) throw keyError(file, `${key}[${j}]`, `"${o}" is not one of the questions`);
        if (o === id) throw keyError(file, `${key}[${j}]`, "a question is not its own neighbour");
      });
      neighbours[id] = others;
    }
  }
  return makeSurvey({ name, questions, groups, ...(neighbours === undefined ? {} : { neighbours }) });
}

function record(value: unknown, file: string, key: string): Record<string, unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) throw keyError(file, key, `expected an object, got ${kindOf(value)}`);
  return value as Record<string, unknown>;
}
function list(value: unknown, file: string, key: string): unknown[] {
  if (!Array.isArray(value)) throw keyError(file, key, `expected an array, got ${kindOf(value)}`);
  return value;
}
function str(value: unknown, file: string, key: string): string {
  if (typeof value !== "string") throw keyError(file, key, `expected a string, got ${kindOf(value)}`);
  return value.trim();
}
function kindOf(value: unknown): string {
  return value === null ? "null" : value === undefined ? "nothing" : Array.isArray(value) ? "an array" : typeof value;
}
function allowedKeys(value: Record<string, unknown>, allowed: readonly string[], file: string, key: string): void {
  const unknown = Object.keys(value).find((k) => !allowed.includes(k));
  if (unknown !== undefined) throw keyError(file, key, `unknown key "${unknown}" (keys: ${allowed.join(", ")})`);
}

/**
 * Loads a survey file: `.csv` as a long CSV, `.json` as `SurveyFileJson` (see the module comment).
 * @example
 * const survey = loadSurvey("data/surveys/example-survey.csv");
 * @throws {DataError} one line naming the file, the line or key, and the problem
 */
export function loadSurvey(path: string): Survey {
  const extension = extname(path).toLowerCase();
  if (extension !== ".csv" && extension !== ".json") throw new DataError(`${path}: unknown survey file type "${extension}" (.csv or .json)`, path);
  const text = readUtf8(path);
  return extension === ".csv" ? parseSurveyCsv(text, path) : parseSurveyJson(text, path);
}
