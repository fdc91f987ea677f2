/**
 * The folders of src/ form layers: a folder imports only folders below it. The layers, lowest
 * first, are listed in LAYERS (files at the top of src/ sit below every folder). The few
 * imports that climb a layer are listed in UPWARD with how many there are and why, so that any
 * new one fails this test.
 */
import { readFileSync, readdirSync } from "node:fs";
import { dirname, join, normalize } from "node:path";
import { describe, expect, it } from "vitest";

const SRC = join(__dirname, "..", "..", "src");

/** Folders, lowest first; folders on one line are one layer and may import each other. */
const LAYERS: readonly (readonly string[])[] = [
  ["data", "scoring"],
  ["parse"],
  ["benchmark"],
  ["survey", "prompts"],
  ["backends"],
  ["cache"],
  ["executor"],
  ["reproduce"],
  ["notebook"],
  ["run", "batch"],
  ["figures"],
  ["cli"],
];

/** Imports that climb: `from → to`, how many import statements, and why each stays. */
const UPWARD: Readonly<Record<string, { readonly sites: number; readonly reason: string }>> = {
  "prompts → backends": { sites: 1, reason: "a prompt is built as the backends' ChatMessage list" },
  "survey → reproduce": { sites: 1, reason: "the paper sources give few-shot examples the corrected ground truth of the paper reproduction" },
  "reproduce → run": { sites: 1, reason: "paired comparisons of run folders read the item scores of a scored run" },
  "notebook → figures": { sites: 1, reason: "saving a figure names a variant from the parameters each figure registers as its defaults" },
};

const layerOf = new Map<string, number>(LAYERS.flatMap((folders, layer) => folders.map((f) => [f, layer] as const)));

/** The src/ folder an import of `file` (relative to src/) lands in, or undefined for a top-level file or a package. */
function importedFolder(file: string, specifier: string): string | undefined {
  if (!specifier.startsWith(".")) return undefined;
  const target = normalize(join(dirname(file), specifier));
  return target.includes("/") ? target.split("/")[0] : undefined;
}

/** Import specifiers of a source text (static imports and re-exports, `import()`, `require()`). */
export function importSpecifiers(text: string): string[] {
  const found: string[] = [];
  for (const m of text.matchAll(/(?:\bfrom|\bimport|\brequire)\s*\(?\s*["']([^"']+)["']/g)) found.push(m[1] as string);
  return found;
}

/** Every import from one folder into another, as `from → to` with its count. */
function edges(files: readonly { path: string; text: string }[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const { path, text } of files) {
    const from = path.includes("/") ? path.split("/")[0] : undefined;
    if (from === undefined) continue;
    for (const specifier of importSpecifiers(text)) {
      const to = importedFolder(path, specifier);
      if (to === undefined || to === from) continue;
      const key = `${from} → ${to}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
  }
  return counts;
}

/** The edges that climb a layer (or reach a folder no layer lists). */
function upward(counts: ReadonlyMap<string, number>): Map<string, number> {
  const climbing = new Map<string, number>();
  for (const [edge, n] of counts) {
    const [from, to] = edge.split(" → ") as [string, string];
    const a = layerOf.get(from);
    const b = layerOf.get(to);
    if (a === undefined || b === undefined || b > a) climbing.set(edge, n);
  }
  return climbing;
}

const files = (readdirSync(SRC, { recursive: true }) as string[])
  .filter((f) => /\.(ts|cjs)$/.test(f))
  .map((f) => ({ path: f.split("\\").join("/"), text: readFileSync(join(SRC, f), "utf8") }));

describe("layers of src/", () => {
  it("every folder of src/ is in a layer", () => {
    const folders = new Set(files.map((f) => f.path).filter((p) => p.includes("/")).map((p) => p.split("/")[0] as string));
    expect([...folders].filter((f) => !layerOf.has(f))).toEqual([]);
  });

  it("imports climb a layer only where listed, as often as listed", () => {
    const found = Object.fromEntries([...upward(edges(files))].sort());
    const listed = Object.fromEntries(Object.entries(UPWARD).map(([edge, { sites }]) => [edge, sites]));
    expect(found).toEqual(listed);
  });

  it("the check finds each import form (self-check)", () => {
    const fixture = [
      { path: "data/a.ts", text: 'import { x } from "../run/grid";\nexport { y } from "../cli/main";\nconst z = require("../figures/z.ts");\nawait import("../notebook/n");' },
      { path: "run/b.ts", text: 'import { x } from "../data/a";\nimport { y } from "./c";\nimport "node:fs";' },
    ];
    expect(Object.fromEntries(upward(edges(fixture)))).toEqual({ "data → run": 1, "data → cli": 1, "data → figures": 1, "data → notebook": 1 });
  });
});
