import { describe, expect, it } from "vitest";
import { readStringLiteral, startsStringLiteral } from "../../src/parse/python-string-literal";

// Values as CPython 3.11 reads the same literals.
describe("readStringLiteral", () => {
  it.each([
    [String.raw`'45%'`, "45%"],
    [String.raw`"it's"`, "it's"],
    [String.raw`'\x34\65\u0025'`, "45%"],
    [String.raw`'\q'`, String.raw`\q`],
    [String.raw`r'\n\''`, String.raw`\n\'`],
    ["'''a\nb'''", "a\nb"],
    ["'a\\\nb'", "ab"],
    [String.raw`f'45%'`, "45%"],
  ])("reads %s", (source, value) => {
    expect(readStringLiteral(`${source} tail`, 0)).toEqual({ ok: true, value, bytes: false, end: source.length });
  });
  it("reads bytes, where \\u is not an escape", () => {
    expect(readStringLiteral("b'4\\u5'", 0)).toEqual({ ok: true, value: "4\\u5", bytes: true, end: 7 });
  });
  it.each([
    ["'abc", "unterminated string literal at offset 0"],
    ["'a\nb'", "unterminated string literal at offset 0"],
    ["'\\x4'", "truncated \\x escape in string at offset 0"],
    ["b'é'", "bytes can only contain ASCII literal characters at offset 0"],
    ["f'{x}'", "unsupported f-string at offset 0"],
    ["ur'x'", "invalid string prefix 'ur'"],
  ])("rejects %j", (source, reason) => {
    expect(readStringLiteral(source, 0)).toEqual({ ok: false, reason, offset: 0 });
  });
});

describe("startsStringLiteral", () => {
  it("recognizes quotes with or without a prefix, not names", () => {
    expect(startsStringLiteral("x = rb'a'", 4)).toBe(true);
    expect(startsStringLiteral("x = 'a'", 4)).toBe(true);
    expect(startsStringLiteral("x = raw", 4)).toBe(false);
  });
});
