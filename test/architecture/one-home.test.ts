/**
 * Concerns with one home: a group's `ATTRIBUTE/value` name is written by `groupKey`
 * (src/data/results.ts) only, and atomic writes go through src/files.ts.
 */
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const SRC = join(__dirname, "..", "..", "src");
const sources = (readdirSync(SRC, { recursive: true }) as string[]).filter((f) => f.endsWith(".ts")).sort();

/** Lines of `text` that spell a group key inline. */
const inlineGroupKeys = (text: string): string[] => text.split("\n").filter((l) => /\$\{[\w.]*attribute\}\/\$\{[\w.]*(value|target)\}/.test(l));
/** Lines of `text` that rename files by hand. */
const handRenames = (text: string): string[] => text.split("\n").filter((l) => /\brename(Sync)?\(/.test(l));

describe("one home per concern", () => {
  it("reads the sources", () => expect(sources.length).toBeGreaterThan(100));

  it("group keys are written by groupKey only", () => {
    const found = sources.filter((f) => f !== join("data", "results.ts")).flatMap((f) => inlineGroupKeys(readFileSync(join(SRC, f), "utf8")).map((l) => `${f}: ${l.trim()}`));
    expect(found).toEqual([]);
  });

  it("files are renamed into place by src/files.ts only", () => {
    const found = sources.filter((f) => f !== "files.ts").flatMap((f) => handRenames(readFileSync(join(SRC, f), "utf8")).map((l) => `${f}: ${l.trim()}`));
    expect(found).toEqual([]);
  });

  it("the checks find what they look for (self-check)", () => {
    expect(inlineGroupKeys("const k = `${g.attribute}/${g.value}`;\nconst m = `${attribute}/${target}`;\nfoo(`${a}/${b}`);")).toHaveLength(2);
    expect(handRenames("await rename(temp, file);\nrenameSync(a, b);\nconst renamed = 1;")).toHaveLength(2);
  });
});
