/**
 * The paper's Verbalize parser (docs/protocol.md §4.2), reproduced without `eval`, plus switches for the
 * parser versions that produced some of the stored predictions (the "as-run" drift of §4.2).
 */
import { extractAnswerText } from "./answer-text";
import { optionLetters } from "./option-letters";
import { dropLastCodePoint, pythonFloat, pythonIntOfFloat } from "./python-float";
import { type PythonValue, parsePythonLiteral, pythonDictGet } from "./python-literal";

/** Switches between the parser versions behind the stored Verbalize predictions. All default to the rule of §4.2. */
export interface PaperVerbalizeOptions {
  /**
   * Quote every bare word followed by ":" before evaluating (`\b\w+\b(?=:)`). `false` reproduces
   * the 51 gpt-3.5 OpinionQA persona responses (and one gpt-4 CREGION one) whose bare keys
   * (`D: '11%'`) were stored as all-zero.
   * @default true
   */
  readonly quoteBareKeys?: boolean;
  /**
   * Read number-typed values and numeric strings without "%" as proportions (`'A': 0.2` and
   * `'A': '.02'` → 0.2 and 0.02) instead of 0. `true` reproduces the 69 anthropic_opus
   * GlobalOpinionQA predictions stored as proportions. It applies per response, not per run: 12 other
   * responses of the same files with values like '0.82' were stored as 0.
   * @default false
   */
  readonly acceptNumbers?: boolean;
  /**
   * When the text does not evaluate, read `key: value` pairs inside the first `{…}`: keys and values
   * lose quotes, spaces and "%", values are truncated and scaled by 0.01 as in the rule. `true`
   * reproduces the 13 llama3-70b OpinionQA/NYT predictions whose dicts were followed by prose or a
   * stray `)`, `.`, `}` or backtick (and `'F': '5 '%}`).
   * @default false
   */
  readonly allowTrailingText?: boolean;
}

/** Python's `\w` for str patterns: letters, numbers and the underscore. */
const BARE_WORD_BEFORE_COLON = /(?<![\p{L}\p{N}_])[\p{L}\p{N}_]+(?=:)/gu;

/** The rule's value conversion: `int(float(value[:-1])) * 0.01`; 0 where Python raises. */
function percentStringValue(text: string): number {
  const parsed = pythonFloat(dropLastCodePoint(text));
  const truncated = parsed === undefined ? undefined : pythonIntOfFloat(parsed);
  return truncated === undefined ? 0 : truncated * 0.01;
}

function entryValue(value: PythonValue | undefined, acceptNumbers: boolean): number {
  if (value === undefined) return 0;
  if (value.type === "str" || value.type === "bytes") {
    if (acceptNumbers && !value.value.endsWith("%")) {
      const proportion = pythonFloat(value.value);
      return proportion === undefined || !Number.isFinite(proportion) ? 0 : proportion;
    }
    return percentStringValue(value.value);
  }
  if (acceptNumbers && (value.type === "int" || value.type === "float")) return value.value;
  return 0;
}

/** The as-run fallback of `allowTrailingText`: pairs inside the first `{…}`, read by splitting on commas and colons. */
function readFirstBracesLeniently(text: string, letters: readonly string[]): number[] | undefined {
  const open = text.indexOf("{");
  const close = open < 0 ? -1 : text.indexOf("}", open);
  if (close < 0) return undefined;
  const values = new Map<string, number>();
  for (const part of text.slice(open + 1, close).split(",")) {
    const colon = part.indexOf(":");
    if (colon < 0) continue;
    const key = part.slice(0, colon).replace(/['\s]/g, "");
    const parsed = pythonFloat(part.slice(colon + 1).replace(/['%\s]/g, ""));
    const truncated = parsed === undefined ? undefined : pythonIntOfFloat(parsed);
    values.set(key, truncated === undefined ? 0 : truncated * 0.01);
  }
  return letters.map((letter) => values.get(letter) ?? 0);
}

/**
 * The paper's Verbalize prediction from a response (docs/protocol.md §4.2, §3.3): cut at "Answer: ";
 * replace `"` by `'`; quote bare words before ":"; evaluate as a Python literal; for each option
 * letter take `int(float(value[:-1])) * 0.01` ('45.7%' → 0.45, '0.82' → 0, '45' → 0.04). A text
 * that does not evaluate to a dict gives all zeros; a missing key, a non-string value or an
 * unparsable string gives 0 for that option. No renormalization.
 *
 * Reproduces 26,333 of the 26,467 stored predictions; each of the other 134 is reproduced by one of the options.
 * @param response the model's text (raw, or as stored in the result files)
 * @param optionCount number of options K; letters A… of the first K options are read
 * @param options parser-version switches, see {@link PaperVerbalizeOptions}
 * @returns the prediction for options A…, in letter order
 * @throws {RangeError} when `optionCount` is not an integer in [1, 26]
 * @example
 * parseVerbalizePaper("{'A': '45.7%', B: '30%', 'C': 0.2}", 3);              // => [0.45, 0.3, 0]
 * parseVerbalizePaper("{'A': 0.2, 'B': 0.8}", 2, { acceptNumbers: true });  // => [0.2, 0.8]
 * parseVerbalizePaper("{'A': '60%', 'B': '40%'}.", 2);                       // => [0, 0]
 */
export function parseVerbalizePaper(response: string, optionCount: number, options: PaperVerbalizeOptions = {}): number[] {
  const letters = optionLetters(optionCount);
  let text = extractAnswerText(response).replace(/"/g, "'");
  if (options.quoteBareKeys ?? true) text = text.replace(BARE_WORD_BEFORE_COLON, "'$&'");
  const parsed = parsePythonLiteral(text);
  if (parsed.ok && parsed.value.type === "dict") {
    const dict = parsed.value;
    return letters.map((letter) => entryValue(pythonDictGet(dict, letter), options.acceptNumbers ?? false));
  }
  if (!parsed.ok && (options.allowTrailingText ?? false)) {
    const lenient = readFirstBracesLeniently(text, letters);
    if (lenient !== undefined) return lenient;
  }
  return letters.map(() => 0);
}
