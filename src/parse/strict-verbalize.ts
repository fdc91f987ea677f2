/**
 * distalign's strict Verbalize parser: reads the answer object of a response, decides per object
 * whether its values are percentages or fractions, and renormalizes, noting every repair. It fails
 * with a reason rather than returning zeros.
 */
import { matchOptionKey } from "./option-keys";
import { type RawEntry, findObjectSpans } from "./relaxed-object";
import {
  type OptionSpec,
  type StrictParseResult,
  formatNumber,
  resolveOptions,
  strictFailure,
} from "./strict-result";

/** Options of {@link parseVerbalizeStrict}. */
export interface StrictVerbalizeOptions {
  /**
   * Largest accepted distance of the sum from 1 (from 100 for percentages), relative. Within it the
   * values are renormalized with a note; beyond it the parse fails with "sum far from 1".
   * @default 0.1
   */
  readonly sumTolerance?: number;
  /**
   * A key that names no option and has a nonzero value: `"fail"` (its mass would be lost), or
   * `"ignore"` with a note. Such keys with value 0 are always ignored with a note.
   * @default "fail"
   */
  readonly unknownKeys?: "fail" | "ignore";
}

const VALUE = /^([+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?)\s*(%?)$/;
/** Letter keys in text without braces: "A: 45%", "'B': 0.3", "(C) = 20%". */
const LOOSE_PAIR = /(?:^|[\s,;])["'“”‘’(]?([A-Z])[)."'“”‘’]?\s*[:=]\s*["'“”‘’]?\s*([+-]?(?:\d+(?:\.\d*)?|\.\d+)\s*%?)/g;

/** Turns the entries of one object into a distribution, or a failure. */
function entriesToDistribution(
  entries: readonly RawEntry[],
  letters: readonly string[],
  texts: readonly string[] | undefined,
  options: StrictVerbalizeOptions,
): StrictParseResult {
  const tolerance = options.sumTolerance ?? 0.1;
  const notes: string[] = [];
  const values: (number | undefined)[] = letters.map(() => undefined);
  const percentFlags: boolean[] = letters.map(() => false);
  const unknown: string[] = [];
  const unknownZero: string[] = [];
  for (const entry of entries) {
    const index = matchOptionKey(entry.key, letters.length, texts);
    const match = VALUE.exec(entry.value.trim());
    if (index === undefined) {
      if (match !== null && Number(match[1]) === 0) unknownZero.push(entry.key);
      else unknown.push(entry.key);
      continue;
    }
    if (match === null) return strictFailure("non-numeric value", `${letters[index]}: ${JSON.stringify(entry.value)}`);
    const value = Number(match[1]);
    if (!Number.isFinite(value)) return strictFailure("non-numeric value", `${letters[index]}: ${JSON.stringify(entry.value)}`);
    if (value < 0) return strictFailure("negative value", `${letters[index]}: ${entry.value}`);
    if (values[index] !== undefined) notes.push(`duplicate key ${letters[index]}: last value kept`);
    values[index] = value;
    percentFlags[index] = match[2] === "%";
  }
  if (unknown.length > 0) {
    if ((options.unknownKeys ?? "fail") === "fail") return strictFailure("unknown option key", unknown.join(", "));
    notes.push(`ignored unknown keys: ${unknown.join(", ")}`);
  }
  if (unknownZero.length > 0) notes.push(`ignored unknown keys with value 0: ${unknownZero.join(", ")}`);
  const given = letters.filter((_, j) => values[j] !== undefined);
  const raw = values.map((v) => v ?? 0);
  const sum = raw.reduce((a, b) => a + b, 0);
  const anyPercent = percentFlags.some((flag) => flag);
  let scale: number;
  if (anyPercent) {
    scale = 100;
    const bare = letters.filter((_, j) => values[j] !== undefined && !percentFlags[j]);
    if (bare.length > 0) notes.push(`values without % read as percentages: ${bare.join(", ")}`);
  } else if (Math.max(...raw) <= 1 && Math.abs(sum - 1) <= tolerance) {
    scale = 1;
  } else if (Math.abs(sum - 100) <= 100 * tolerance || Math.max(...raw) > 1) {
    scale = 100;
    notes.push("values without % read as percentages");
  } else {
    scale = 1;
  }
  if (sum === 0) return strictFailure("all values zero");
  const total = sum / scale;
  if (Math.abs(total - 1) > tolerance) {
    return strictFailure("sum far from 1", scale === 100 ? `${formatNumber(sum)}%` : formatNumber(sum));
  }
  if (Math.abs(total - 1) > 1e-9) notes.push(`renormalized from ${formatNumber(total)}`);
  const missing = letters.filter((l) => !given.includes(l));
  if (missing.length > 0) notes.push(`missing ${missing.join(", ")}: set to 0`);
  return { ok: true, distribution: raw.map((v) => v / sum), notes };
}

function sameDistribution(a: readonly number[], b: readonly number[]): boolean {
  return a.every((v, j) => Math.abs(v - (b[j] ?? Number.NaN)) <= 1e-12);
}

/**
 * Strict Verbalize parser: the answer object of a response as a distribution over the options.
 *
 * - **Where:** every innermost `{…}` whose keys name options is a candidate (JSON, Python dict with
 *   single quotes, bare keys or trailing commas; prose around it is ignored). One candidate, or
 *   several identical ones (noted), is taken; several different ones fail ("several different
 *   objects"). Without braces, `A: 45%` pairs in the text are read (noted).
 * - **Keys:** "A", "(A)", "A.", "a", "Option A", the option text, "A. <option text>". Duplicate keys
 *   keep the last value (noted); keys naming no option fail ("unknown option key") unless
 *   their value is 0 or `unknownKeys: "ignore"` (noted); options without a key get 0 (noted).
 * - **Values:** numbers or numeric strings, with or without "%". Per object: if any value has "%",
 *   all are percentages (bare ones noted); otherwise the values are fractions when all are ≤ 1 and
 *   they sum to 1 within `sumTolerance`, and percentages when they sum to 100 within the tolerance
 *   or any exceeds 1 (noted). Ambiguous case: all ≤ 1 and summing far from both, e.g.
 *   `{A: 0.3, B: 0.2}`, is read as fractions and fails the sum check. Negative or non-numeric
 *   values fail.
 * - **Sum:** all zero fails; a sum within `sumTolerance` of 1 (of 100%) is renormalized, noted when
 *   it differs from 1 by more than 1e-9; beyond the tolerance the parse fails ("sum far from 1").
 * @param response the model's text
 * @param options the option texts in letter order, or only their number
 * @param settings tolerance and unknown-key policy, see {@link StrictVerbalizeOptions}
 * @returns the distribution with notes, or a failure with reason and detail
 * @throws {RangeError} when the number of options is outside [1, 26]
 * @example
 * parseVerbalizeStrict("Sure: {'A': '45%', 'B': '50%'}", 2);
 * // => { ok: true, distribution: [0.4737, 0.5263], notes: ["renormalized from 0.95"] }
 * parseVerbalizeStrict("{A: 0.2, B: 0.8, E: 0.1}", 2);
 * // => { ok: false, reason: "unknown option key", detail: "unknown option key (E)" }
 */
export function parseVerbalizeStrict(
  response: string,
  options: OptionSpec,
  settings: StrictVerbalizeOptions = {},
): StrictParseResult {
  const { letters, texts } = resolveOptions(options);
  if (response.trim() === "") return strictFailure("empty response");
  const spans = findObjectSpans(response);
  const parsed: StrictParseResult[] = [];
  let malformed: string | undefined;
  for (const span of spans) {
    if (span.entries === undefined) {
      malformed ??= span.problem;
      continue;
    }
    if (!span.entries.some((e) => matchOptionKey(e.key, letters.length, texts) !== undefined)) continue;
    const result = entriesToDistribution(span.entries, letters, texts, settings);
    parsed.push(result.ok && span.problem !== undefined ? { ...result, notes: [span.problem, ...result.notes] } : result);
  }
  const last = parsed[parsed.length - 1];
  if (parsed.length === 1 && last !== undefined) return last;
  if (last !== undefined) {
    const identical = last.ok && parsed.every((r) => r.ok && sameDistribution(r.distribution, last.distribution));
    if (!identical || !last.ok) return strictFailure("several different objects", `${parsed.length} objects`);
    return { ok: true, distribution: last.distribution, notes: [`${parsed.length} identical objects`, ...last.notes] };
  }
  if (spans.length === 0) {
    const loose = [...response.matchAll(LOOSE_PAIR)].map((m) => ({ key: m[1] ?? "", value: m[2] ?? "" }));
    const named = new Set(loose.map((e) => matchOptionKey(e.key, letters.length, texts)).filter((j) => j !== undefined));
    if (named.size >= 2) {
      const result = entriesToDistribution(loose, letters, texts, settings);
      return result.ok ? { ...result, notes: ["no braces: key-value pairs read from the text", ...result.notes] } : result;
    }
  }
  if (malformed !== undefined) return strictFailure("malformed object", malformed);
  return strictFailure("no object with option keys");
}
