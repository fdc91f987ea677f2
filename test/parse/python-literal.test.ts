import { describe, expect, it } from "vitest";
import { type PythonValue, parsePythonLiteral, pythonDictGet } from "../../src/parse/python-literal";

/** A compact view of a value: dicts as entry lists, tuples and sets tagged, complex tagged. */
function plain(value: PythonValue): unknown {
  switch (value.type) {
    case "dict":
      return { dict: value.entries.map((e) => [plain(e.key), plain(e.value)]) };
    case "list":
      return value.items.map(plain);
    case "tuple":
      return { tuple: value.items.map(plain) };
    case "set":
      return { set: value.items.map(plain) };
    case "complex":
      return { complex: true };
    case "bytes":
      return { bytes: value.value };
    case "none":
      return null;
    default:
      return value.value;
  }
}

// Inputs and results from CPython 3.11 `eval(source, {"__builtins__": {}})`; the error column is the
// exception Python raises. Strings are JSON-escaped.
const EVALUATES: [string, unknown][] = [
  ["{'A': '45%', 'B': \"55%\"}", { dict: [["A", "45%"], ["B", "55%"]] }],
  ["{'A': '45%',}", { dict: [["A", "45%"]] }],
  ["{}", { dict: [] }],
  ["  {'A': 1}", { dict: [["A", 1]] }],
  ["\n{'A': 1}\n", { dict: [["A", 1]] }],
  ["{'A':1} # note", { dict: [["A", 1]] }],
  ["{'A':\n 1,\n 'B': 2}", { dict: [["A", 1], ["B", 2]] }],
  ["{'A': 00}", { dict: [["A", 0]] }],
  ["{'A': 1_000}", { dict: [["A", 1000]] }],
  ["{'A': 'a' 'b'}", { dict: [["A", "ab"]] }],
  ["{'A': 'a'\n 'b'}", { dict: [["A", "ab"]] }],
  ["{'A': r'\\n'}", { dict: [["A", "\\n"]] }],
  ["{'A': '\\n'}", { dict: [["A", "\n"]] }],
  ["{'A': '\\x41'}", { dict: [["A", "A"]] }],
  ["{'A': '\\u00e9'}", { dict: [["A", "é"]] }],
  ["{'A': '\\101'}", { dict: [["A", "A"]] }],
  ["{'A': '\\q'}", { dict: [["A", "\\q"]] }],
  ["{'A': '''x\ny'''}", { dict: [["A", "x\ny"]] }],
  ["{'A': -1.5e3}", { dict: [["A", -1500]] }],
  ["{'A': +2}", { dict: [["A", 2]] }],
  ["{'A': -True}", { dict: [["A", -1]] }],
  ["{'A': ~3}", { dict: [["A", -4]] }],
  ["{'A': 1j}", { dict: [["A", { complex: true }]] }],
  ["{'A': .5}", { dict: [["A", 0.5]] }],
  ["{'A': 5.}", { dict: [["A", 5]] }],
  ["{'A': 0x1F}", { dict: [["A", 31]] }],
  ["{'A': 0o17}", { dict: [["A", 15]] }],
  ["{'A': 0b101}", { dict: [["A", 5]] }],
  ["{'A': 1, 'A': 2}", { dict: [["A", 2]] }],
  ["{1: 'x', 1.0: 'y', True: 'z'}", { dict: [[1, "z"]] }],
  ["{'A': [1, 2,], 'B': (1,), 'C': ()}", { dict: [["A", [1, 2]], ["B", { tuple: [1] }], ["C", { tuple: [] }]] }],
  ["{'A': {'x': 1}}", { dict: [["A", { dict: [["x", 1]] }]] }],
  ["{'A', 'B'}", { set: ["A", "B"] }],
  ["{'A': None, 'B': True, 'C': False}", { dict: [["A", null], ["B", true], ["C", false]] }],
  ["{'A': '45%'}, {'B': 1}", { tuple: [{ dict: [["A", "45%"]] }, { dict: [["B", 1]] }] }],
  ["({'A': 1})", { dict: [["A", 1]] }],
  ["{'A': b'x'}", { dict: [["A", { bytes: "x" }]] }],
  ["{'A': f'x'}", { dict: [["A", "x"]] }],
  ["{'A': u'x'}", { dict: [["A", "x"]] }],
  ["{'A': R'x'}", { dict: [["A", "x"]] }],
  ["{'A': 1}\f", { dict: [["A", 1]] }],
  ["\f{'A': 1}", { dict: [["A", 1]] }],
  ["\r\n{'A': 1}\r\n", { dict: [["A", 1]] }],
  ["\\\n{'A': 1}", { dict: [["A", 1]] }],
  ["{'A': 1\\\n}", { dict: [["A", 1]] }],
  ["[1, 2]", [1, 2]],
  ["'x'", "x"],
  ["{'A': 'it''s'}", { dict: [["A", "its"]] }],
  ["{'A': \"\"\"x\"\"\"}", { dict: [["A", "x"]] }],
  ["{'A': ''}", { dict: [["A", ""]] }],
  ["{'A': '\\\n'}", { dict: [["A", ""]] }],
  ["{(1, 2): 'x'}", { dict: [[{ tuple: [1, 2] }, "x"]] }],
  ["{'é': 1}", { dict: [["é", 1]] }],
  ["{'A': 0_0}", { dict: [["A", 0]] }],
  ["{'A': 09.5}", { dict: [["A", 9.5]] }],
  ["{'A': 1E+3}", { dict: [["A", 1000]] }],
  ["{'A': 1.e3}", { dict: [["A", 1000]] }],
];

const RAISES: [string, string][] = [
  ["\n  {'A': 1}", "IndentationError"],
  ["{'A': 05}", "SyntaxError"],
  ["{'A': 1__0}", "SyntaxError"],
  ["'a'\n'b'", "SyntaxError"],
  ["{'A': '\\x4'}", "SyntaxError"],
  ["{'A': 'x\ny'}", "SyntaxError"],
  ["{'A': -'x'}", "TypeError"],
  ["{[1]: 2}", "TypeError"],
  ["{'A': x}", "NameError"],
  ["{'A': '45%'}.", "SyntaxError"],
  ["{'A': '45%'})", "SyntaxError"],
  ["{'A': '45%'} and more", "NameError"],
  ["{'A': 1};", "SyntaxError"],
  ["{'A': 1 2}", "SyntaxError"],
  ["{'A' 1}", "SyntaxError"],
  ["{'A': }", "SyntaxError"],
  ["{'A': 1,,}", "SyntaxError"],
  ["{,}", "SyntaxError"],
  ["{'A': 'unterminated}", "SyntaxError"],
  ["{'A': 1e}", "SyntaxError"],
  ["{'A': 1.2.3}", "SyntaxError"],
  ["{'A': 5abc}", "SyntaxError"],
  ["{'A': 1_}", "SyntaxError"],
  ["{'A': 0x}", "SyntaxError"],
  ["{'A': 09}", "SyntaxError"],
];

describe("parsePythonLiteral", () => {
  it.each(EVALUATES)("reads %j as Python evaluates it", (source, expected) => {
    const result = parsePythonLiteral(source);
    expect(result.ok).toBe(true);
    if (result.ok) expect(plain(result.value)).toEqual(expected);
  });

  it.each(RAISES)("fails on %j, where Python raises %s", (source) => {
    expect(parsePythonLiteral(source).ok).toBe(false);
  });

  it.each([
    ["{'A': '45%' + '1'}", "operators"],
    ["{**{'A': 1}}", "dict unpacking"],
    ["{'A': f'{x}'}", "f-string fields"],
    ["{'A': '\\N{BULLET}'}", "named escapes"],
  ])("fails on %j, which Python evaluates (%s: unsupported, documented)", (source) => {
    expect(parsePythonLiteral(source).ok).toBe(false);
  });

  it("reports where and why it stopped", () => {
    expect(parsePythonLiteral("{'A': '45%'}.")).toEqual({ ok: false, reason: 'unexpected "." at offset 12', offset: 12 });
    expect(parsePythonLiteral("{'A': x}")).toMatchObject({ ok: false, reason: "name 'x' is not defined" });
    expect(parsePythonLiteral("{'A': 'x\0'}")).toMatchObject({ ok: false, reason: "source cannot contain null bytes" });
  });
});

describe("pythonDictGet", () => {
  it("finds str keys only and returns the last value of a repeated key", () => {
    const result = parsePythonLiteral("{'A': '1%', 1: 'int', 'A': '2%'}");
    if (!result.ok || result.value.type !== "dict") throw new Error("expected a dict");
    expect(pythonDictGet(result.value, "A")).toEqual({ type: "str", value: "2%" });
    expect(pythonDictGet(result.value, "1")).toBeUndefined();
    expect(pythonDictGet(result.value, "B")).toBeUndefined();
  });
});
