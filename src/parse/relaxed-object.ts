/**
 * Reading key/value objects written by models: JSON, Python dicts (single quotes, bare keys,
 * trailing commas), bare percentages (`{A: 45%}`), typographic quotes, and, as a lenient second
 * try, objects whose quotes do not balance (`{'A': '44%', 'B': '36%, 'C': '20%'}`).
 */

/** A key and the raw text of its value, quotes removed. */
export interface RawEntry {
  readonly key: string;
  readonly value: string;
}

/** One `{…}` of a text that holds no other `{`. */
export interface ObjectSpan {
  /** Offset of "{" and of the matching "}". */
  readonly start: number;
  readonly end: number;
  /** The entries, when the object could be read. */
  readonly entries: readonly RawEntry[] | undefined;
  /** Why it could not be read, or that it was read leniently. */
  readonly problem: string | undefined;
}

const OPENING_QUOTES: Record<string, string> = { "'": "'", '"': '"', "“": "”", "‘": "’", "”": "”", "’": "’" };
const NUMBER = String.raw`[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?`;
const Q = `["'“”‘’\`]`;
const LENIENT_PAIR = new RegExp(
  String.raw`[\s,;]*${Q}?\s*([^"'“”‘’\`:,;\n{}]+?)\s*${Q}?\s*:\s*${Q}?\s*(${NUMBER}\s*%?)\s*${Q}?\s*(?=[,;\n]|$)`,
  "y",
);

class EntryReader {
  private pos = 0;
  constructor(private readonly src: string) {}

  read(): RawEntry[] {
    const entries: RawEntry[] = [];
    for (;;) {
      this.skipSeparators();
      if (this.pos >= this.src.length) return entries;
      const key = this.readToken(":");
      this.skipSpaces();
      if (this.src[this.pos] !== ":") throw new Error(`missing ':' after key ${JSON.stringify(key)}`);
      this.pos++;
      this.skipSpaces();
      const value = this.readToken(",;\n");
      this.skipSpaces();
      const next = this.src[this.pos];
      if (next !== undefined && !",;\n".includes(next)) throw new Error(`unexpected ${JSON.stringify(next)} after value of ${JSON.stringify(key)}`);
      entries.push({ key, value });
    }
  }

  private skipSpaces(): void {
    while (this.pos < this.src.length && /[ \t\r]/.test(this.src[this.pos] ?? "")) this.pos++;
  }

  private skipSeparators(): void {
    while (this.pos < this.src.length && /[\s,;]/.test(this.src[this.pos] ?? "")) this.pos++;
  }

  /** A quoted string (quotes removed) or bare text up to one of `stops`. */
  private readToken(stops: string): string {
    const c = this.src[this.pos] ?? "";
    const close = OPENING_QUOTES[c];
    if (close !== undefined) {
      const start = this.pos + 1;
      let i = start;
      let out = "";
      while (i < this.src.length && this.src[i] !== close) {
        if (this.src[i] === "\\" && i + 1 < this.src.length) i++;
        out += this.src[i];
        i++;
      }
      if (i >= this.src.length) throw new Error("unbalanced quotes");
      this.pos = i + 1;
      return out;
    }
    const start = this.pos;
    while (this.pos < this.src.length && !stops.includes(this.src[this.pos] ?? "")) {
      if (OPENING_QUOTES[this.src[this.pos] ?? ""] !== undefined) throw new Error("unbalanced quotes");
      this.pos++;
    }
    return this.src.slice(start, this.pos).trim();
  }
}

/** Lenient reading for objects with unbalanced quotes: `key: number[%]` pairs that must cover the whole text. */
function readPairsLeniently(content: string): RawEntry[] | undefined {
  const entries: RawEntry[] = [];
  LENIENT_PAIR.lastIndex = 0;
  for (;;) {
    if (/^[\s,;]*$/.test(content.slice(LENIENT_PAIR.lastIndex))) return entries.length > 0 ? entries : undefined;
    const match = LENIENT_PAIR.exec(content);
    if (match === null) return undefined;
    entries.push({ key: (match[1] ?? "").trim(), value: (match[2] ?? "").trim() });
  }
}

/**
 * Reads the inside of an object (without its braces): `key: value` entries separated by commas,
 * semicolons or newlines; keys and values quoted with ' " “ ” ‘ ’ or bare; a trailing separator allowed.
 * @param content the text between "{" and "}"
 * @returns the entries, or the problem; `lenient` when quotes did not balance and pairs were read by pattern
 * @example
 * readObjectEntries("'A': '45%', B: 55%,"); // => { entries: [{ key: "A", value: "45%" }, { key: "B", value: "55%" }], lenient: false }
 */
export function readObjectEntries(content: string): { entries: RawEntry[]; lenient: boolean } | { problem: string } {
  try {
    return { entries: new EntryReader(content).read(), lenient: false };
  } catch (error) {
    const lenient = readPairsLeniently(content);
    if (lenient !== undefined) return { entries: lenient, lenient: true };
    return { problem: (error as Error).message };
  }
}

/**
 * Every `{…}` of a text that contains no other `{`, matched by counting braces (quotes are not trusted
 * to balance in model output), with its entries read by {@link readObjectEntries}.
 * @param text a model response
 * @returns the innermost objects, in text order
 * @example
 * findObjectSpans("Example {'A': 1} then {'A': '20%', 'B': '80%'}").length; // => 2
 */
export function findObjectSpans(text: string): ObjectSpan[] {
  const spans: ObjectSpan[] = [];
  const open: { start: number; nested: boolean }[] = [];
  for (let i = 0; i < text.length; i++) {
    if (text[i] === "{") {
      const parent = open[open.length - 1];
      if (parent !== undefined) parent.nested = true;
      open.push({ start: i, nested: false });
    } else if (text[i] === "}") {
      const span = open.pop();
      if (span === undefined || span.nested) continue;
      const read = readObjectEntries(text.slice(span.start + 1, i));
      spans.push(
        "problem" in read
          ? { start: span.start, end: i, entries: undefined, problem: read.problem }
          : { start: span.start, end: i, entries: read.entries, problem: read.lenient ? "unbalanced quotes read leniently" : undefined },
      );
    }
  }
  return spans.sort((a, b) => a.start - b.start);
}
