/**
 * An eval-free reader of Python literal expressions, for the paper's Verbalize rule (docs/protocol.md §4.2),
 * which passes the model's answer to Python's `eval`. It accepts what `eval` accepts for literal
 * displays: dicts, lists, tuples and sets; str and bytes literals (single, double or triple quoted,
 * prefixes, escapes, implicit concatenation; f-strings without replacement fields); int, float and
 * complex numbers with underscores; unary `+`/`-`/`~`; `True`/`False`/`None`; comments and line
 * continuations. Indentation follows `eval`: leading spaces and tabs of the whole text are ignored,
 * later lines must not be indented.
 *
 * Everything else fails with a reason, where Python would raise or evaluate an expression: names,
 * operators between values, calls, subscripts, comprehensions, dict unpacking, f-strings with fields
 * and `\N{…}` escapes. Python could evaluate a few of these (`'4' + '5%'`); no stored response needs them.
 */

import { readStringLiteral, startsStringLiteral } from "./python-string-literal";

/** A value of a Python literal expression. */
export type PythonValue =
  | { readonly type: "str"; readonly value: string }
  /** A bytes literal; `value` holds one character per byte (U+0000–U+00FF). */
  | { readonly type: "bytes"; readonly value: string }
  | { readonly type: "int" | "float" | "complex"; readonly value: number }
  | { readonly type: "bool"; readonly value: boolean }
  | { readonly type: "none" }
  | { readonly type: "dict"; readonly entries: readonly PythonDictEntry[] }
  | { readonly type: "list" | "tuple" | "set"; readonly items: readonly PythonValue[] };

/** One dict entry. As in Python, a repeated key keeps its first position and its last value. */
export interface PythonDictEntry {
  readonly key: PythonValue;
  readonly value: PythonValue;
}

/** The outcome of reading a literal: the value, or why Python's `eval` would not give one. */
export type PythonLiteralResult =
  | { readonly ok: true; readonly value: PythonValue }
  | { readonly ok: false; readonly reason: string; readonly offset: number };

class LiteralError extends Error {
  constructor(
    readonly reason: string,
    readonly offset: number,
  ) {
    super(reason);
  }
}

const FLOAT = /(?:\d(?:_?\d)*)?\.\d(?:_?\d)*(?:[eE][+-]?\d(?:_?\d)*)?|\d(?:_?\d)*\.(?:[eE][+-]?\d(?:_?\d)*)?|\d(?:_?\d)*[eE][+-]?\d(?:_?\d)*/y;
const RADIX_INT = /0(?:[xX](?:_?[0-9a-fA-F])+|[oO](?:_?[0-7])+|[bB](?:_?[01])+)/y;
const DECIMAL_INT = /[1-9](?:_?\d)*|0(?:_?0)*/y;
const IDENTIFIER = /[\p{L}\p{Nl}_][\p{L}\p{Nl}\p{Mn}\p{Mc}\p{Nd}\p{Pc}]*/uy;
const IDENTIFIER_CHAR = /[\p{L}\p{Nl}\p{Mn}\p{Mc}\p{Nd}\p{Pc}]/u;

function isNewline(c: string | undefined): boolean {
  return c === "\n" || c === "\r";
}

/** A canonical string for dict-key identity: 1, 1.0 and True are one key in Python, "1" another. */
function keyIdentity(value: PythonValue, offset: number): string {
  switch (value.type) {
    case "str":
      return `s${JSON.stringify(value.value)}`;
    case "bytes":
      return `b${JSON.stringify(value.value)}`;
    case "int":
    case "float":
      return `n${value.value}`;
    case "complex":
      return `c${value.value}`;
    case "bool":
      return `n${value.value ? 1 : 0}`;
    case "none":
      return "None";
    case "tuple":
      return `(${value.items.map((item) => keyIdentity(item, offset)).join(",")})`;
    default:
      throw new LiteralError(`unhashable type '${value.type}'`, offset);
  }
}

class LiteralReader {
  private pos = 0;
  private depth = 0;

  constructor(private readonly src: string) {}

  read(): PythonValue {
    while (this.src[this.pos] === " " || this.src[this.pos] === "\t") this.pos++;
    this.skipBlankLines();
    const value = this.readTopLevel();
    this.skipTrivia();
    while (this.pos < this.src.length) {
      if (!isNewline(this.src[this.pos])) this.fail(`unexpected ${this.describeHere()}`);
      this.pos++;
      this.skipTrivia();
    }
    return value;
  }

  /** Blank and comment-only lines before the expression; the first line with content must not be indented. */
  private skipBlankLines(): void {
    for (;;) {
      this.skipTrivia();
      if (!isNewline(this.src[this.pos])) return;
      this.pos++;
      const lineStart = this.pos;
      while (this.src[this.pos] === " " || this.src[this.pos] === "\t") this.pos++;
      const c = this.src[this.pos];
      if (this.pos > lineStart && c !== undefined && !isNewline(c) && c !== "#") this.fail("unexpected indent");
    }
  }

  private readTopLevel(): PythonValue {
    const first = this.readValue();
    this.skipTrivia();
    if (this.src[this.pos] !== ",") return first;
    const items = [first];
    while (this.src[this.pos] === ",") {
      this.pos++;
      this.skipTrivia();
      if (this.pos >= this.src.length || isNewline(this.src[this.pos])) break;
      items.push(this.readValue());
      this.skipTrivia();
    }
    return { type: "tuple", items };
  }

  private fail(reason: string, offset = this.pos): never {
    throw new LiteralError(reason, offset);
  }

  private describeHere(): string {
    const c = this.src[this.pos];
    return c === undefined ? "end of text" : `${JSON.stringify(c)} at offset ${this.pos}`;
  }

  /** Spaces, tabs, form feeds, comments and backslash continuations; newlines too inside brackets. */
  private skipTrivia(): void {
    for (;;) {
      const c = this.src[this.pos];
      if (c === " " || c === "\t" || c === "\f") this.pos++;
      else if (c === "#") {
        while (this.pos < this.src.length && !isNewline(this.src[this.pos])) this.pos++;
      } else if (c === "\\" && isNewline(this.src[this.pos + 1])) {
        this.pos += this.src.startsWith("\r\n", this.pos + 1) ? 3 : 2;
      } else if (this.depth > 0 && isNewline(c)) this.pos++;
      else return;
    }
  }

  private expect(c: string): void {
    this.skipTrivia();
    if (this.src[this.pos] !== c) this.fail(`expected ${JSON.stringify(c)}, got ${this.describeHere()}`);
    this.pos++;
  }

  private readValue(): PythonValue {
    this.skipTrivia();
    const c = this.src[this.pos];
    if (c === "-" || c === "+" || c === "~") {
      const at = this.pos;
      this.pos++;
      return this.applyUnary(c, this.readValue(), at);
    }
    return this.readAtom();
  }

  private applyUnary(op: string, operand: PythonValue, at: number): PythonValue {
    const numeric = operand.type === "bool" ? { type: "int" as const, value: operand.value ? 1 : 0 } : operand;
    if (numeric.type !== "int" && numeric.type !== "float" && numeric.type !== "complex") {
      this.fail(`bad operand type for unary ${op}: '${operand.type}'`, at);
    }
    if (op === "~") {
      if (numeric.type !== "int") this.fail(`bad operand type for unary ~: '${numeric.type}'`, at);
      return { type: "int", value: -numeric.value - 1 };
    }
    return { type: numeric.type, value: op === "-" ? -numeric.value + 0 : numeric.value };
  }

  private readAtom(): PythonValue {
    const c = this.src[this.pos];
    if (c === undefined) this.fail("unexpected end of text");
    if (c === "{") return this.readBraces();
    if (c === "[") return { type: "list", items: this.readSequence("[", "]") };
    if (c === "(") return this.readParentheses();
    if (startsStringLiteral(this.src, this.pos)) return this.readStrings();
    if (/[0-9]/.test(c) || (c === "." && /[0-9]/.test(this.src[this.pos + 1] ?? ""))) return this.readNumber();
    IDENTIFIER.lastIndex = this.pos;
    const name = IDENTIFIER.exec(this.src)?.[0];
    if (name !== undefined) {
      const at = this.pos;
      this.pos += name.length;
      if (name === "True" || name === "False") return { type: "bool", value: name === "True" };
      if (name === "None") return { type: "none" };
      this.fail(`name '${name}' is not defined`, at);
    }
    return this.fail(`unexpected ${this.describeHere()}`);
  }

  private readBraces(): PythonValue {
    const open = this.pos;
    this.pos++;
    this.depth++;
    this.skipTrivia();
    if (this.src[this.pos] === "}") {
      this.pos++;
      this.depth--;
      return { type: "dict", entries: [] };
    }
    if (this.src.startsWith("**", this.pos)) this.fail("dict unpacking is not supported");
    const first = this.readValue();
    this.skipTrivia();
    if (this.src[this.pos] !== ":") {
      const items = [first, ...this.readRest("}")];
      for (const item of items) keyIdentity(item, open);
      return { type: "set", items };
    }
    const entries: PythonDictEntry[] = [];
    const positions = new Map<string, number>();
    let key = first;
    for (;;) {
      this.expect(":");
      const value = this.readValue();
      const identity = keyIdentity(key, open);
      const existing = positions.get(identity);
      if (existing === undefined) {
        positions.set(identity, entries.length);
        entries.push({ key, value });
      } else {
        entries[existing] = { key: entries[existing]?.key ?? key, value };
      }
      this.skipTrivia();
      if (this.src[this.pos] === "}") break;
      this.expect(",");
      this.skipTrivia();
      if (this.src[this.pos] === "}") break;
      key = this.readValue();
    }
    this.pos++;
    this.depth--;
    return { type: "dict", entries };
  }

  /** Items after the first of a comma-separated display, through the closing bracket (trailing comma allowed). */
  private readRest(close: string): PythonValue[] {
    const items: PythonValue[] = [];
    for (;;) {
      this.skipTrivia();
      if (this.src[this.pos] === close) break;
      this.expect(",");
      this.skipTrivia();
      if (this.src[this.pos] === close) break;
      items.push(this.readValue());
    }
    this.pos++;
    this.depth--;
    return items;
  }

  private readSequence(open: string, close: string): PythonValue[] {
    this.pos += open.length;
    this.depth++;
    this.skipTrivia();
    if (this.src[this.pos] === close) {
      this.pos++;
      this.depth--;
      return [];
    }
    return [this.readValue(), ...this.readRest(close)];
  }

  private readParentheses(): PythonValue {
    this.pos++;
    this.depth++;
    this.skipTrivia();
    if (this.src[this.pos] === ")") {
      this.pos++;
      this.depth--;
      return { type: "tuple", items: [] };
    }
    const first = this.readValue();
    this.skipTrivia();
    if (this.src[this.pos] === ")") {
      this.pos++;
      this.depth--;
      return first;
    }
    return { type: "tuple", items: [first, ...this.readRest(")")] };
  }

  private readNumber(): PythonValue {
    const start = this.pos;
    let type: "int" | "float" = "float";
    let text: string | undefined;
    for (const pattern of [FLOAT, RADIX_INT, DECIMAL_INT]) {
      pattern.lastIndex = start;
      text = pattern.exec(this.src)?.[0];
      if (text !== undefined) {
        type = pattern === FLOAT ? "float" : "int";
        break;
      }
    }
    if (text === undefined) return this.fail(`invalid number at offset ${start}`, start);
    this.pos += text.length;
    const digits = text.replace(/_/g, "");
    const value = type === "int" && /^0[xXoObB]/.test(digits) ? Number(digits.toLowerCase()) : Number(digits);
    const imaginary = this.src[this.pos] === "j" || this.src[this.pos] === "J";
    if (imaginary) this.pos++;
    const next = this.src[this.pos];
    if (next !== undefined && (IDENTIFIER_CHAR.test(next) || next === "." || /[0-9]/.test(next))) {
      this.fail(`invalid number literal at offset ${start}`, start);
    }
    return { type: imaginary ? "complex" : type, value };
  }

  /** One or more adjacent string literals, concatenated as Python does. */
  private readStrings(): PythonValue {
    let value = "";
    let bytes: boolean | undefined;
    while (startsStringLiteral(this.src, this.pos)) {
      const literal = readStringLiteral(this.src, this.pos);
      if (literal.ok === false) this.fail(literal.reason, literal.offset);
      if (bytes !== undefined && bytes !== literal.bytes) this.fail("cannot mix bytes and nonbytes literals");
      bytes = literal.bytes;
      value += literal.value;
      this.pos = literal.end;
      this.skipTrivia();
    }
    return { type: bytes === true ? "bytes" : "str", value };
  }
}

/**
 * Reads a Python literal expression without evaluating code: the eval-free counterpart of the
 * `eval(response)` step of the paper's Verbalize parser (docs/protocol.md §4.2).
 * @param source the text Python would evaluate
 * @returns the value, or the reason Python's `eval` would raise (or, rarely, evaluate a non-literal)
 * @example
 * parsePythonLiteral("{'A': '45%', 'B': \"55%\",}"); // => { ok: true, value: { type: "dict", entries: [...] } }
 * parsePythonLiteral("{'A': '45%'}. Done");           // => { ok: false, reason: 'unexpected "." at offset 12', offset: 12 }
 */
export function parsePythonLiteral(source: string): PythonLiteralResult {
  const nul = source.indexOf("\0");
  if (nul >= 0) return { ok: false, reason: "source cannot contain null bytes", offset: nul };
  try {
    return { ok: true, value: new LiteralReader(source).read() };
  } catch (error) {
    if (error instanceof LiteralError) return { ok: false, reason: error.reason, offset: error.offset };
    throw error;
  }
}

/**
 * Looks up a str key in a dict value, as `d[key]` does (an int key 1 never matches "1").
 * @param dict a dict value
 * @param key the str key
 * @returns the value, or undefined when the key is absent
 * @example
 * const r = parsePythonLiteral("{'A': '45%'}");
 * if (r.ok && r.value.type === "dict") pythonDictGet(r.value, "A"); // => { type: "str", value: "45%" }
 */
export function pythonDictGet(dict: Extract<PythonValue, { type: "dict" }>, key: string): PythonValue | undefined {
  for (const entry of dict.entries) {
    if (entry.key.type === "str" && entry.key.value === key) return entry.value;
  }
  return undefined;
}
