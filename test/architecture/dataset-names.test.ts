/**
 * No dataset name is compared in src/ outside the adapters' home: the grid, groups, prompts,
 * scoring and the front ends ask a source (src/survey/source.ts) what a dataset does, instead of
 * testing which dataset it is. The adapters' home is src/data/ (the loaders, and the one module
 * of the published data's quirks, src/data/known-irregularities.ts) and src/survey/ (the
 * sources). Every other site is listed below with the number of comparisons it holds and why it
 * stays, so that any new comparison, anywhere, fails this test.
 */
import { readFileSync, readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = join(__dirname, "..", "..");
const SRC = join(ROOT, "src");

/** Folders where comparing dataset names is the point: the adapters and their quirks module. */
const HOME = ["src/data/", "src/survey/"];

/** The module of the published data's quirks, the one place a paper-number quirk may name a dataset. */
const QUIRKS_MODULE = "src/data/known-irregularities.ts";

/**
 * Comparisons outside the home, per file: how many, and why. These are the paper reproduction's
 * own rules for its three datasets (its published numbers), which read the paper's files rather
 * than a Survey.
 */
const ALLOWED: Readonly<Record<string, { readonly sites: number; readonly reason: string }>> = {
  "src/reproduce/baseline-scores.ts": { sites: 1, reason: "paper quirk: GlobalOpinionQA's baselines are built from its persona files (it has no task0)" },
  "src/reproduce/corrected-truth.ts": { sites: 5, reason: "paper reproduction: corrected ground truth per published result file, OpinionQA's no-steering letters re-aligned" },
  "src/reproduce/human-scores.ts": { sites: 1, reason: "paper reproduction: the human baselines exist for NYT and OpinionQA only, from different export layouts" },
  "src/reproduce/paper-scores.ts": { sites: 3, reason: "paper quirk: GlobalOpinionQA has no task0, OpinionQA task0 truth misaligned, NYT persona/few-shot rows counted twice" },
  "src/benchmark/result-checks.ts": { sites: 7, reason: "paper reproduction: which published file holds each dataset's ground truth, and GlobalOpinionQA's shifted country slots" },
  "src/figures/choices.ts": { sites: 2, reason: "paper figures: question choices per published dataset" },
  "src/figures/logprob-calibration.ts": { sites: 1, reason: "paper figure (Table 3): GlobalOpinionQA has no published no-steering outputs" },
  "src/figures/quickstart.ts": { sites: 1, reason: "paper figure: NYT questions are titled by book, the others by question text" },
  "src/figures/steering-effects.ts": { sites: 2, reason: "paper figure (Fig. 4): the OpinionQA no-steering row of the published breakdown" },
};

const NAMES = ["opinionqa", "nytimes", "globalvalues"];
const NAME = `(?:${NAMES.join("|")})`;
const QUOTED = `(["'\`])${NAME}\\1`;

/** The comparison forms: ===/!== on either side, `case "…":`, `.includes("…")`, and a list of names `.includes(…)`. */
const PATTERNS: readonly RegExp[] = [
  new RegExp(`[!=]==?\\s*${QUOTED}`, "g"),
  new RegExp(`${QUOTED}\\s*[!=]==?`, "g"),
  new RegExp(`\\bcase\\s+${QUOTED}\\s*:`, "g"),
  new RegExp(`\\.includes\\(\\s*${QUOTED}\\s*\\)`, "g"),
  new RegExp(`\\[\\s*${QUOTED}[^\\]]*\\]\\s*(?:as [\\w \\[\\]]+?)?\\)?\\s*\\.(?:includes|indexOf)\\(`, "g"),
];

/** Source text without comments (block comments, and line comments after whitespace or at a line's start). */
function stripComments(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\//g, (c) => c.replace(/[^\n]/g, " ")).replace(/(^|\s)\/\/.*$/gm, "$1");
}

/** The comparisons of dataset names in a source text, each as its line number and matched text. */
export function datasetNameComparisons(text: string): { line: number; text: string }[] {
  const code = stripComments(text);
  const found: { index: number; text: string }[] = [];
  for (const pattern of PATTERNS) for (const m of code.matchAll(pattern)) found.push({ index: m.index ?? 0, text: m[0] });
  const seen = new Set<number>();
  return found
    .sort((a, b) => a.index - b.index)
    .filter((f) => !seen.has(f.index) && (seen.add(f.index), true))
    .map((f) => ({ line: code.slice(0, f.index).split("\n").length, text: f.text }));
}

function tsFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? tsFiles(path) : name.endsWith(".ts") ? [path] : [];
  });
}

describe("dataset names in src/", () => {
  const sites = new Map<string, { line: number; text: string }[]>();
  for (const path of tsFiles(SRC)) {
    const file = relative(ROOT, path).split("\\").join("/");
    if (HOME.some((home) => file.startsWith(home))) continue;
    const found = datasetNameComparisons(readFileSync(path, "utf8"));
    if (found.length > 0) sites.set(file, found);
  }

  it("are compared nowhere outside src/data/, src/survey/ and the allowlisted files", () => {
    const unexpected = [...sites].filter(([file]) => ALLOWED[file] === undefined).map(([file, found]) => found.map((f) => `${file}:${f.line}: ${f.text}`).join("\n"));
    expect(unexpected, "compare through a SurveySource (src/survey/source.ts) instead, or move the paper quirk to src/data/known-irregularities.ts").toEqual([]);
  });

  it("are compared in each allowlisted file exactly as often as listed (a new site fails, a removed one shortens the list)", () => {
    for (const [file, { sites: count }] of Object.entries(ALLOWED)) {
      const found = sites.get(file) ?? [];
      expect(found.length, `${file}: ${found.map((f) => `line ${f.line}: ${f.text}`).join("; ")}`).toBe(count);
    }
  });

  it("has a quirks module in the adapters' home, and a reason for every allowlisted file", () => {
    expect(statSync(join(ROOT, QUIRKS_MODULE)).isFile()).toBe(true);
    for (const [file, { reason }] of Object.entries(ALLOWED)) {
      expect(reason, file).toMatch(/^paper (quirk|reproduction|figures?)/);
      expect(reason).not.toMatch(/TODO|FIXME/);
    }
  });
});

describe("datasetNameComparisons", () => {
  it("finds each comparison form", () => {
    const fixture = [
      'if (dataset === "opinionqa") return 1;',
      "if ('nytimes' !== d) return 2;",
      "switch (d) {\n  case `globalvalues`:\n}",
      'const quirk = list.includes("nytimes");',
      'const x = ["opinionqa", "nytimes"].includes(dataset);',
      'return dataset == "globalvalues";',
      'const y = (["nytimes"] as readonly string[]).indexOf(d);',
    ].join("\n");
    // Lines 3 and 5 are the switch's braces.
    expect(datasetNameComparisons(fixture).map((f) => f.line)).toEqual([1, 2, 4, 6, 7, 8, 9]);
  });

  it("ignores names that are not compared, and comments", () => {
    const fixture = [
      "const groups = SCORED_GROUPS.opinionqa;",
      'const spec = { name: "nytimes", opinionqa: 1 };',
      '// if (dataset === "opinionqa") was the old way',
      '/** e.g. `dataset === "globalvalues"` */',
      'const url = "https://example.org"; const d = "globalvalues";',
      'export const DATASETS = ["opinionqa", "nytimes", "globalvalues"] as const;',
      "const ok = isPaperDataset(name) && DATASETS.includes(name);",
    ].join("\n");
    expect(datasetNameComparisons(fixture)).toEqual([]);
  });
});
