/**
 * Python's `float(str)` and `int(float)` for the paper-faithful parsers, which turn '45.7%' into
 * `int(float('45.7')) * 0.01`. JavaScript's `Number()` differs from `float()` on underscores
 * ("1_0"), on "infinity"/"nan" spellings and on which whitespace is stripped.
 */

/** Characters for which Python's `str.isspace()` is true (what `float()` strips around its argument). */
const PYTHON_SPACE = String.raw`\t\n\v\f\r\x1c-\x20\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000`;
const PYTHON_WHITESPACE = new RegExp(`^[${PYTHON_SPACE}]+|[${PYTHON_SPACE}]+$`, "g");

/** The decimal grammar `float()` accepts: digits may be grouped by single underscores between digits. */
const PYTHON_DECIMAL = /^[+-]?(?:\d(?:_?\d)*(?:\.(?:\d(?:_?\d)*)?)?|\.\d(?:_?\d)*)(?:[eE][+-]?\d(?:_?\d)*)?$/;

const PYTHON_SPECIAL = /^([+-]?)(inf|infinity|nan)$/i;

/**
 * Python's `float(text)` for a string argument.
 *
 * Accepts what CPython accepts for ASCII digits: surrounding whitespace, a sign, underscores between
 * digits, "inf"/"infinity"/"nan" in any case. CPython also accepts non-ASCII decimal digits (e.g.
 * full-width "１２"); those are rejected here.
 * @param text the string passed to `float()`
 * @returns the value, or undefined where Python raises `ValueError`
 * @example
 * pythonFloat(" 45.7 "); // => 45.7
 * pythonFloat("1_000");  // => 1000
 * pythonFloat("45%");    // => undefined
 */
export function pythonFloat(text: string): number | undefined {
  const stripped = pythonStrip(text);
  const special = PYTHON_SPECIAL.exec(stripped);
  if (special !== null) {
    if (special[2]?.toLowerCase() === "nan") return Number.NaN;
    return special[1] === "-" ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
  }
  if (!PYTHON_DECIMAL.test(stripped)) return undefined;
  return Number(stripped.replace(/_/g, ""));
}

/**
 * Python's `str.strip()` without arguments: removes leading and trailing characters for which
 * `str.isspace()` is true (JavaScript's `trim()` also removes U+FEFF and keeps U+001C–U+001F, U+0085).
 * @example
 * pythonStrip(" A\n"); // => "A"
 */
export function pythonStrip(text: string): string {
  return text.replace(PYTHON_WHITESPACE, "");
}

/**
 * Python's `int(x)` for a float: truncation toward zero. Returns undefined where Python raises
 * (`ValueError` for NaN, `OverflowError` for infinities). The result is never -0.
 * @param value a float
 * @returns the truncated value, or undefined
 * @example
 * pythonIntOfFloat(-0.5); // => 0
 * pythonIntOfFloat(45.7); // => 45
 */
export function pythonIntOfFloat(value: number): number | undefined {
  if (!Number.isFinite(value)) return undefined;
  return Math.trunc(value) + 0;
}

/**
 * Python's `text[:-1]`: drops the last code point (not the last UTF-16 unit), "" for "".
 * @example
 * dropLastCodePoint("45%"); // => "45"
 */
export function dropLastCodePoint(text: string): string {
  if (text.length === 0) return text;
  const last = text.charCodeAt(text.length - 1);
  const isLowSurrogate = last >= 0xdc00 && last <= 0xdfff;
  const before = text.length >= 2 ? text.charCodeAt(text.length - 2) : 0;
  const pair = isLowSurrogate && before >= 0xd800 && before <= 0xdbff;
  return text.slice(0, text.length - (pair ? 2 : 1));
}
