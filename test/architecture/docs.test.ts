/**
 * docs/architecture.md matches the folders: one paragraph (`**name/**`) for each folder of src/,
 * none for a folder that does not exist, and every file it names (`name.ts`, `dir/name.cjs`, …)
 * is a file of the repository.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = join(__dirname, "..", "..");
const DOC = readFileSync(join(ROOT, "docs", "architecture.md"), "utf8");

/** Every file under `dir`, as paths relative to the repository. */
function filesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(join(ROOT, dir))) {
    const path = join(dir, entry);
    const stat = statSync(join(ROOT, path));
    if (stat.isDirectory()) out.push(...filesUnder(path));
    else out.push(path);
  }
  return out;
}

/** The folders the document gives a paragraph. */
function documentedFolders(text: string): string[] {
  return [...text.matchAll(/^\*\*([a-z0-9-]+)\/\*\*/gm)].map((m) => m[1] as string);
}

/** The file names the document quotes in backticks: `x.ts`, `a/b.cjs`, `x.json`, … */
function quotedFiles(text: string): string[] {
  return [...new Set([...text.matchAll(/`([A-Za-z0-9_./-]+\.(?:ts|cjs|mjs|js|sh|py|json|csv))`/g)].map((m) => m[1] as string))];
}

describe("docs/architecture.md", () => {
  const srcFolders = readdirSync(join(ROOT, "src")).filter((name) => statSync(join(ROOT, "src", name)).isDirectory() && name !== "node_modules");

  it("has one paragraph for each folder of src/, and none for a folder that is not there", () => {
    const documented = documentedFolders(DOC);
    expect([...documented].sort()).toEqual([...new Set(documented)].sort());
    expect([...documented].sort()).toEqual([...srcFolders].sort());
  });

  it("names only files the repository has", () => {
    const topLevel = readdirSync(ROOT).filter((name) => statSync(join(ROOT, name)).isFile());
    const files = [...topLevel, ...["src", "scripts", "bench", "bin", "test", "notebooks", "data/surveys", "docs"].flatMap(filesUnder).map((f) => relative(".", f))];
    const missing = quotedFiles(DOC).filter((name) => !/[*{}]/.test(name) && !files.some((f) => f === name || f.endsWith(`/${name}`)));
    // Files a run writes (run.json, results.jsonl, …) are not files of the repository.
    const written = new Set(["run.json", "results.jsonl", "batches.json", "items.csv", "summary.csv", "baselines.csv", "comparisons.csv", "table1a.csv", "table1b.csv", "table5.csv", "table6.csv", "breakdown.csv", "differences.csv", "leaderboard_by_metric.csv", "sensitivity.csv", "manifest.json"]);
    expect(missing.filter((name) => !written.has(name.split("/").at(-1) as string))).toEqual([]);
  });

  it("catches a paragraph for a missing folder and a file that is not there", () => {
    const text = "**nowhere/**: a folder\n\nreads `nowhere/missing-file.ts`\n";
    expect(documentedFolders(text)).toEqual(["nowhere"]);
    expect(quotedFiles(text)).toEqual(["nowhere/missing-file.ts"]);
  });
});
