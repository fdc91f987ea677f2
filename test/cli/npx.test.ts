/**
 * `npx distalign …` as a user types it, in a fresh copy of the project: npx starts the bin through
 * its node_modules/.bin link, and every command must run and exit with the documented status
 * (0 done, 1 data or file error, 2 usage error).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDataDir } from "../helpers/data-dir";
import { type FreshClone, freshClone, runInClone } from "./fresh-clone";

let clone: FreshClone;
beforeAll(() => {
  clone = freshClone();
});
afterAll(() => clone?.remove());

const VERSION = (JSON.parse(readFileSync(join(__dirname, "..", "..", "package.json"), "utf8")) as { version: string }).version;

/** Every line of `text`, checked to be exactly one line starting `distalign: `. */
function oneLine(text: string): string {
  const lines = text.split("\n").filter((l) => l !== "");
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(/^distalign: /);
  return lines[0] as string;
}

describe("npx distalign", () => {
  it("--help prints the commands on stdout and exits 0", async () => {
    const run = await runInClone(clone, "npx distalign --help");
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^Usage: distalign \[options\] \[command\]/);
    for (const command of ["reproduce", "data", "run", "score", "cache"]) expect(run.stdout).toMatch(new RegExp(`^  ${command}\\b`, "m"));
  });

  it("with no arguments prints the help on stderr and exits 2", async () => {
    const run = await runInClone(clone, "npx distalign");
    expect(run.status).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr).toMatch(/^Usage: distalign \[options\] \[command\]/);
    expect(run.stderr).toMatch(/^  reproduce\b/m);
  });

  it.each(["data", "cache"])("%s without a subcommand prints its help on stderr and exits 2", async (group) => {
    const run = await runInClone(clone, `npx distalign ${group}`);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr).toMatch(new RegExp(`^Usage: distalign ${group} \\[options\\] \\[command\\]`));
  });

  it("--version prints the package version", async () => {
    const run = await runInClone(clone, "npx distalign --version");
    expect(run.status).toBe(0);
    expect(run.stdout).toBe(`${VERSION}\n`);
  });

  it.each([
    ["reproduce --help", /^Usage: distalign reproduce \[options\]/, /--mode <mode>/],
    ["run --help", /^Usage: distalign run \[options\]/, /--dry-run/],
    ["score --help", /^Usage: distalign score \[options\] <dir>/, /--iterations <n>/],
    ["data --help", /^Usage: distalign data \[options\] \[command\]/, /^  fetch\b/m],
    ["cache --help", /^Usage: distalign cache \[options\] \[command\]/, /^  stats\b/m],
    ["help reproduce", /^Usage: distalign reproduce \[options\]/, /--iterations <n>/],
    ["help", /^Usage: distalign \[options\] \[command\]/, /^  run \[options\]/m],
  ])("%s prints that command's help and exits 0", async (args, usage, detail) => {
    const run = await runInClone(clone, `npx distalign ${args}`);
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(usage);
    expect(run.stdout).toMatch(detail);
  });

  it("data path prints the configured directory", async () => {
    const run = await runInClone(clone, "npx distalign data path", { DISTALIGN_DATA_DIR: testDataDir() });
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    expect(run.stdout).toBe(`${testDataDir()}\n`);
  });

  it("data path without a data directory says how to get one, in one line, exit 1", async () => {
    const run = await runInClone(clone, "npx distalign data path");
    expect(run.status).toBe(1);
    expect(run.stdout).toBe("");
    expect(oneLine(run.stderr)).toMatch(/^distalign: no benchmark data directory: set DISTALIGN_DATA_DIR .* run `npx distalign data fetch` to download it into data\/upstream$/);
  });

  it("data path with a missing directory names it, exit 1", async () => {
    const run = await runInClone(clone, "npx distalign data path", { DISTALIGN_DATA_DIR: "/nonexistent/paper-data" });
    expect(run.status).toBe(1);
    expect(oneLine(run.stderr)).toBe("distalign: data directory /nonexistent/paper-data does not exist (from DISTALIGN_DATA_DIR)");
  });

  it.each([
    ["unknowncmd", "distalign: unknown command 'unknowncmd' (add --help for usage)"],
    ["reproduc", "distalign: unknown command 'reproduc' (Did you mean reproduce?) (add --help for usage)"],
    ["reproduce --zzz", "distalign: unknown option '--zzz' (add --help for usage)"],
    ["reproduce --mode papr", "distalign: option '--mode <mode>' argument 'papr' is invalid. Allowed choices are paper, corrected. (add --help for usage)"],
    ["reproduce --iterations", "distalign: option '--iterations <n>' argument missing (add --help for usage)"],
    ["reproduce --iterations 1e3", 'distalign: --iterations must be a positive integer (got "1e3")'],
    ["score", "distalign: missing required argument 'dir' (add --help for usage)"],
    ["score a b", "distalign: too many arguments for 'score'. Expected 1 argument but got 2. (add --help for usage)"],
    ["data nope", "distalign: unknown command 'nope' (add --help for usage)"],
    ["data fetch --base-url not-a-url", 'distalign: data fetch: --base-url must be an http or https URL (got "not-a-url")'],
  ])("%s is a usage error: one line, exit 2", async (args, line) => {
    const run = await runInClone(clone, `npx distalign ${args}`, { DISTALIGN_DATA_DIR: testDataDir() });
    expect(run.stdout).toBe("");
    expect(oneLine(run.stderr)).toBe(line);
    expect(run.status).toBe(2);
  });

  it("reproduce writes its tables into the clone's output folder", async () => {
    const run = await runInClone(clone, "npx distalign reproduce --mode paper --model gpt-4 --iterations 20 --quiet", { DISTALIGN_DATA_DIR: testDataDir() });
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    const dir = join(clone.dir, "output", "reproduce-paper");
    expect(run.stdout).toBe(`\nwrote ${["table1a", "table1b", "breakdown", "table5", "table6", "comparisons", "leaderboard_by_metric", "baselines"].map((t) => join(dir, `${t}.csv`)).join(", ")}\n`);
    expect(readFileSync(join(dir, "table1a.csv"), "utf8")).toMatch(/^model,method,mean,half_width,parse_rate\ngpt-4,/);
  });
});
