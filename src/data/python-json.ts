/**
 * JSON as Python's `json.dump` writes it: standard JSON plus the bare literals `NaN`,
 * `Infinity` and `-Infinity`, which `JSON.parse` rejects. Those literals are read as `null`
 * (missing), never as numbers.
 */

/**
 * Replaces bare NaN/Infinity literals outside strings by `null`. Strings are skipped with
 * escape handling, so a response text that mentions "NaN" is left alone. O(n) in the text length.
 */
export function replacePythonLiterals(text: string): string {
  let out = "";
  let last = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92 /* \ */) i++;
      else if (c === 34 /* " */) inString = false;
      continue;
    }
    if (c === 34) {
      inString = true;
      continue;
    }
    for (const literal of ["-Infinity", "Infinity", "NaN"]) {
      if (text.startsWith(literal, i)) {
        out += text.slice(last, i) + "null";
        i += literal.length - 1;
        last = i + 1;
        break;
      }
    }
  }
  return last === 0 ? text : out + text.slice(last);
}

/**
 * Parses JSON that may hold Python's NaN/Infinity literals (read as null).
 * @throws {SyntaxError} as JSON.parse does, for text that is not JSON even after the literals are replaced
 */
export function parsePythonJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    if (!/NaN|Infinity/.test(text)) throw error;
    return JSON.parse(replacePythonLiterals(text));
  }
}
