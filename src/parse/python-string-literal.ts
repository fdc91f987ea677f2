/**
 * One Python string or bytes literal, read as the tokenizer does: prefixes, single/double/triple
 * quotes, raw strings and escape sequences. Part of the eval-free literal reader (python-literal.ts).
 */

/** A literal's opening: an optional prefix of up to two letters, then the quotes. */
const STRING_START = /([rRuUbBfF]{1,2})?('''|"""|'|")/y;
const VALID_PREFIXES = new Set(["", "r", "u", "b", "f", "br", "rb", "fr", "rf"]);
const SIMPLE_ESCAPES: Record<string, string> = {
  "\\": "\\", "'": "'", '"': '"', a: "\x07", b: "\b", f: "\f", n: "\n", r: "\r", t: "\t", v: "\v",
};

/** A literal read from the source, or why Python's tokenizer rejects it. */
export type StringLiteralResult =
  | { readonly ok: true; readonly value: string; readonly bytes: boolean; readonly end: number }
  | { readonly ok: false; readonly reason: string; readonly offset: number };

/**
 * True when a string or bytes literal (with an optional prefix) starts at `pos`.
 * @example
 * startsStringLiteral("x = r'a'", 4); // => true
 */
export function startsStringLiteral(src: string, pos: number): boolean {
  STRING_START.lastIndex = pos;
  return STRING_START.test(src);
}

/** Internal: aborts reading; converted to a failed result before leaving this module. */
class InvalidLiteral extends Error {
  constructor(
    readonly reason: string,
    readonly offset: number,
  ) {
    super(reason);
  }
}

function isNewline(c: string | undefined): boolean {
  return c === "\n" || c === "\r";
}

class StringReader {
  pos: number;
  constructor(
    private readonly src: string,
    start: number,
    private readonly bytes: boolean,
    private readonly literalStart: number,
  ) {
    this.pos = start;
  }

  body(quote: string, raw: boolean): string {
    const triple = quote.length === 3;
    let out = "";
    for (;;) {
      const c = this.src[this.pos];
      if (c === undefined) throw this.error("unterminated string literal");
      if (this.src.startsWith(quote, this.pos)) {
        this.pos += quote.length;
        return out;
      }
      if (!triple && isNewline(c)) throw this.error("unterminated string literal");
      if (this.bytes && c.charCodeAt(0) > 0x7f) throw this.error("bytes can only contain ASCII literal characters");
      if (c !== "\\") {
        out += c;
        this.pos++;
        continue;
      }
      const next = this.src[this.pos + 1];
      if (next === undefined) throw this.error("unterminated string literal");
      if (raw) {
        out += c + next;
        this.pos += 2;
        continue;
      }
      out += this.escape(next);
    }
  }

  private error(what: string): InvalidLiteral {
    return new InvalidLiteral(`${what} at offset ${this.literalStart}`, this.literalStart);
  }

  private escape(next: string): string {
    this.pos += 2;
    if (isNewline(next)) {
      if (next === "\r" && this.src[this.pos] === "\n") this.pos++;
      return "";
    }
    const simple = SIMPLE_ESCAPES[next];
    if (simple !== undefined) return simple;
    if (/[0-7]/.test(next)) {
      let digits = next;
      while (digits.length < 3 && /[0-7]/.test(this.src[this.pos] ?? "")) digits += this.src[this.pos++];
      return String.fromCodePoint(parseInt(digits, 8));
    }
    const hexLength = next === "x" ? 2 : this.bytes ? 0 : next === "u" ? 4 : next === "U" ? 8 : 0;
    if (hexLength > 0) {
      const hex = this.src.slice(this.pos, this.pos + hexLength);
      if (!new RegExp(`^[0-9a-fA-F]{${hexLength}}$`).test(hex)) throw this.error(`truncated \\${next} escape in string`);
      const code = parseInt(hex, 16);
      if (code > 0x10ffff) throw this.error("illegal unicode character in string");
      this.pos += hexLength;
      return String.fromCodePoint(code);
    }
    if (next === "N" && !this.bytes) throw this.error("unsupported \\N escape in string");
    return `\\${next}`;
  }
}

/**
 * Reads the string or bytes literal starting at `pos`. Escapes follow Python: `\n`, `\x41`, `\101`,
 * `\u00e9`, a backslash-newline continuation; unknown escapes keep their backslash; raw literals keep
 * every backslash. An f-string is read only when it holds no replacement field (`{` or `}`), since
 * evaluating one would run code; `\N{…}` escapes are not supported.
 * @param src the source text
 * @param pos where the literal (its prefix, if any) starts
 * @returns the value, whether it is bytes, and the offset after the closing quotes; or the reason it is invalid
 * @example
 * readStringLiteral("'4\\x35%' rest", 0); // => { ok: true, value: "45%", bytes: false, end: 8 }
 */
export function readStringLiteral(src: string, pos: number): StringLiteralResult {
  STRING_START.lastIndex = pos;
  const match = STRING_START.exec(src);
  if (match === null) return { ok: false, reason: `expected a string at offset ${pos}`, offset: pos };
  const prefix = (match[1] ?? "").toLowerCase();
  if (!VALID_PREFIXES.has(prefix)) return { ok: false, reason: `invalid string prefix '${match[1] ?? ""}'`, offset: pos };
  const bytes = prefix.includes("b");
  const reader = new StringReader(src, pos + match[0].length, bytes, pos);
  try {
    const value = reader.body(match[2] ?? "'", prefix.includes("r"));
    if (prefix.includes("f") && /[{}]/.test(value)) return { ok: false, reason: `unsupported f-string at offset ${pos}`, offset: pos };
    return { ok: true, value, bytes, end: reader.pos };
  } catch (error) {
    if (error instanceof InvalidLiteral) return { ok: false, reason: error.reason, offset: error.offset };
    throw error;
  }
}
