/**
 * The library names options as a call does (`limit`, `maxTokens`, `datasets`); the command line
 * names its flags (`--limit`, `--max-tokens`, `--dataset`). One corpus of bad values, both ways.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import ts from "typescript";
import { beforeAll, describe, expect, it } from "vitest";
import { flagMessage, flagOf, flagText, MENTIONED_OPTIONS } from "../../src/cli/flags";
import { RunFolderLockedError, DataError, UsageError, defaultRunDir, loadBenchmarkData, loadPromptData, planGrid, type PromptData } from "../../src/index";
import { distalign } from "../helpers/cli";
import { testDataDir } from "../helpers/data-dir";

let data: PromptData;
beforeAll(() => {
  data = loadPromptData(loadBenchmarkData(testDataDir()));
});

/** [option, library call, CLI arguments, message after the option's name]. */
const CASES: [string, () => unknown, string[], RegExp][] = [
  ["limit", () => planGrid(data, { models: ["paper/gpt-4"], limit: 0 }), ["--limit", "0"], /^ must be a positive integer/],
  ["maxTokens", () => planGrid(data, { models: ["paper/gpt-4"], maxTokens: 0 }), ["--max-tokens", "0"], /^ must be a positive integer/],
  ["datasets", () => planGrid(data, { models: ["paper/gpt-4"], datasets: ["pew" as never] }), ["--dataset", "pew"], /^: unknown value "pew"/],
  ["groups", () => planGrid(data, { models: ["paper/gpt-4"], datasets: ["nytimes"], groups: ["Martian"] }), ["--dataset", "nytimes", "--groups", "Martian"], /^: /],
  ["name", () => defaultRunDir("../x"), ["--name", "../x"], /^: a run name is one folder name/],
];

describe("usage errors name the option in the library and the flag in the command", () => {
  it.each(CASES)("%s", async (option, call, args, rest) => {
    let error: unknown;
    try {
      call();
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(UsageError);
    const usage = error as UsageError;
    expect(usage.option).toBe(option);
    expect(usage.message.startsWith(option)).toBe(true);
    expect(usage.message).not.toMatch(/--[a-z]/);
    expect(usage.message.slice(option.length)).toMatch(rest);

    const run = await distalign(["run", "--model", "paper/gpt-4", "--dry-run", ...args]);
    expect(run.status).toBe(2);
    const flag = flagOf(option);
    expect(args).toContain(flag);
    expect(run.stderr.startsWith(`distalign: ${flag}`), run.stderr).toBe(true);
    expect(run.stderr.slice(`distalign: ${flag}`.length)).toMatch(rest);
    expect(run.stderr.split("\n").filter(Boolean)).toHaveLength(1);
  }, 60_000);

  it("translates a leading option only, and leaves other messages alone (self-check)", () => {
    expect(flagMessage(new UsageError("maxTokens must be a positive integer (got 0)", { option: "maxTokens" }))).toBe("--max-tokens must be a positive integer (got 0)");
    expect(flagMessage(new UsageError("limit must be a positive integer (got 0)"))).toBe("limit must be a positive integer (got 0)");
    expect(flagMessage(new UsageError("name: bad; use outputDir for another place", { option: "name" }))).toBe("--name: bad; use --out for another place");
    expect(flagOf("reasoningEffort")).toBe("--reasoning-effort");
  });
});

const SRC = join(__dirname, "..", "..", "src");

/**
 * Text in src/ outside src/cli/ that names a flag (`--out`) although it is not a message of ours:
 * Chromium's command line, and a flag of vLLM's server.
 */
const NOT_OUR_FLAGS: readonly [file: string, text: RegExp][] = [
  ["notebook/browser.ts", /^--[a-z-]+$/],
  ["backends/openai-backend.ts", /\(vLLM: --max-logprobs\)/],
];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "cli" && dir === SRC ? [] : sourceFiles(path);
    return entry.name.endsWith(".ts") ? [path] : [];
  });
}

/** Every string and template text of a file (comments are not strings), with its line. */
function stringsOf(file: string): { text: string; line: number }[] {
  const source = ts.createSourceFile(file, readFileSync(file, "utf8"), ts.ScriptTarget.Latest, true);
  const out: { text: string; line: number }[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) || ts.isTemplateHead(node) || ts.isTemplateMiddle(node) || ts.isTemplateTail(node)) {
      out.push({ text: node.text, line: source.getLineAndCharacterOfPosition(node.getStart()).line + 1 });
    }
    node.forEachChild(visit);
  };
  visit(source);
  return out;
}

describe("library messages name options; the command rewrites them to flags", () => {
  it("no string in src/ outside src/cli/ names a flag", () => {
    const found: string[] = [];
    for (const file of sourceFiles(SRC)) {
      const name = relative(SRC, file);
      for (const { text, line } of stringsOf(file)) {
        if (!/(^|[^-\w])--[a-z]/.test(text)) continue;
        if (NOT_OUR_FLAGS.some(([allowed, pattern]) => allowed === name && pattern.test(text))) continue;
        found.push(`src/${name}:${line}: ${JSON.stringify(text)}`);
      }
    }
    expect(found).toEqual([]);
    // The scan sees strings: the Chromium flags it allows are there to be found.
    expect(stringsOf(join(SRC, "notebook", "browser.ts")).some(({ text }) => text === "--no-sandbox")).toBe(true);
  });

  it("flagText rewrites every mentioned option, and camel-case words only", () => {
    for (const [option, flag] of Object.entries(MENTIONED_OPTIONS)) {
      expect(flagText(`re-run with ${option}, or see ${option}.`)).toBe(`re-run with ${flag}, or see ${flag}.`);
      expect(flagOf(option) === flag || option === "declareCapabilities").toBe(true);
    }
    expect(flagText("openAiBaseUrl outputDirs the cache mode")).toBe("openAiBaseUrl outputDirs the cache mode");
  });

  it("rewrites usage and run-folder errors, never a data error naming a file's key", () => {
    expect(flagMessage(new RunFolderLockedError("d: run folder in use; wait for it to finish or use another outputDir"))).toBe("d: run folder in use; wait for it to finish or use another --out");
    expect(flagMessage(new UsageError("batch: the cache is read-only (use cacheMode read-write)", { option: "batch" }))).toBe("--batch: the cache is read-only (use --cache-mode read-write)");
    expect(flagMessage(new DataError("run.json: maxTokens: not a number", "run.json", "maxTokens"))).toBe("run.json: maxTokens: not a number");
  });

  it("a library hint reaches the command line as a flag: no model given", async () => {
    let error: unknown;
    try {
      planGrid(data, { models: [] });
    } catch (e) {
      error = e;
    }
    expect((error as UsageError).option).toBe("models");
    expect((error as Error).message).not.toMatch(/--[a-z]/);
    const run = await distalign(["run", "--dry-run"]);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/^distalign: --model: none given \(give provider\/model ids, e\.g\. openai\/gpt-4o-mini or paper\/gpt-4\)\n$/);
  }, 60_000);
});

