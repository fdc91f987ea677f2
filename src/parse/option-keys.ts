/**
 * Recognizing an option in a key written by a model: "A", "(A)", "A.", "a", "Option A", the option
 * text itself, or "A. <option text>".
 */

const QUOTES = /^["'“”‘’`]+|["'“”‘’`]+$/g;
const LETTER_KEY = /^(?:option\s*)?[([]?([A-Za-z])[)\]]?[.:)]?$/i;
const LETTER_AND_TEXT = /^[([]?([A-Za-z])[)\].:]\s*(.+)$/;

function normalizeText(text: string): string {
  return text.replace(QUOTES, "").replace(/\s+/g, " ").trim().replace(/[.?]$/, "").toLowerCase();
}

/**
 * The option index a key names, if any.
 * Accepted: a letter among the first K, upper or lower case, optionally in parentheses or brackets,
 * followed by ".", ":" or ")", or preceded by "Option"; the option text (case and surrounding
 * quotes, spaces and a final "." or "?" ignored); a letter followed by its own option text. With
 * `optionTexts` undefined, "A. anything" counts as A.
 * @param key the key as written, quotes included or not
 * @param optionCount number of options K
 * @param optionTexts the option texts in letter order, when known
 * @returns the 0-based option index, or undefined for a key that names no option
 * @example
 * matchOptionKey("(B)", 4);                           // => 1
 * matchOptionKey("Very likely", 2, ["Unlikely", "Very likely"]); // => 1
 * matchOptionKey("E", 4);                             // => undefined
 */
export function matchOptionKey(key: string, optionCount: number, optionTexts?: readonly string[]): number | undefined {
  const trimmed = key.replace(/\s+/g, " ").trim().replace(QUOTES, "").trim();
  const inRange = (letter: string): number | undefined => {
    const index = letter.toUpperCase().charCodeAt(0) - 65;
    return index >= 0 && index < optionCount ? index : undefined;
  };
  const letter = LETTER_KEY.exec(trimmed)?.[1];
  if (letter !== undefined) return inRange(letter);
  if (optionTexts !== undefined) {
    const normalized = normalizeText(trimmed);
    const byText = optionTexts.findIndex((text) => normalizeText(text) === normalized);
    if (byText >= 0 && byText < optionCount) return byText;
  }
  const withText = LETTER_AND_TEXT.exec(trimmed);
  if (withText?.[1] !== undefined && /^[A-Z]$/.test(withText[1])) {
    const index = inRange(withText[1]);
    if (index === undefined || optionTexts === undefined) return index;
    return normalizeText(withText[2] ?? "") === normalizeText(optionTexts[index] ?? "") ? index : undefined;
  }
  return undefined;
}
