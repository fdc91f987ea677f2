/**
 * The library names options as a call does (`limit`, `maxTokens`, `datasets`); the command line
 * names its flags (`--limit`, `--max-tokens`, `--dataset`). One corpus of bad values, both ways.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { flagMessage, flagOf } from "../../src/cli/flags";
import { UsageError, defaultRunDir, loadBenchmarkData, loadPromptData, planGrid, type PromptData } from "../../src/index";
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
