/**
 * Figures made with other parameters than a notebook ships with are saved under their own names:
 * every notebook's saveFigure call names its parameters, the registered defaults are the values of
 * the notebook's parameter cell, and a variant never takes the default file.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { FIGURE_DEFAULTS, variantName } from "../../src/figures/figure-defaults";
import { saveFigure } from "../../src/notebook/save-figure";
import { projectRoot } from "../../src/config";

const dir = join(projectRoot(), "notebooks");
const notebooks = readdirSync(dir).filter((f) => f.endsWith(".ipynb") && !f.startsWith("_"));

function codeCells(file: string): string[] {
  const notebook = JSON.parse(readFileSync(join(dir, file), "utf8")) as { cells: { cell_type: string; source: string[] | string }[] };
  return notebook.cells.filter((c) => c.cell_type === "code").map((c) => (Array.isArray(c.source) ? c.source.join("") : c.source));
}

/** The `const NAME = value;` constants of a cell, evaluated (values are JSON-like literals). */
function constants(cell: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const match of cell.matchAll(/^const ((?!PARAMETERS\b)[A-Z_]+) = (.+?);\s*(?:\/\/.*)?$/gm)) {
    const expression = (match[2] as string).replace(/\s+as\s+(const|\[[^\]]*\])\s*$/, "");
    out[match[1] as string] = new Function(`return (${expression});`)();
  }
  return out;
}

describe("figure variants", () => {
  it.each(notebooks)("%s: every saveFigure names its parameters, whose shipped values are the registered defaults", (file) => {
    const cells = codeCells(file);
    const calls = cells.flatMap((c) => [...c.matchAll(/saveFigure\((\w+), ([^,]+), \{ parameters: PARAMETERS \}\)/g)]);
    const bare = cells.flatMap((c) => [...c.matchAll(/saveFigure\([^)]*\)/g)]).length;
    expect(calls.length).toBe(bare);
    const declared = cells.flatMap((c) => [...c.matchAll(/^const PARAMETERS = \{ ([^}]*) \};/gm)]);
    expect(declared.length).toBe(calls.length === 0 ? 0 : 1);
    const shipped = Object.assign({}, ...cells.map(constants)) as Record<string, unknown>;
    for (const call of calls) {
      const name = String(new Function("FIGURE", "FIGURE_CORRECTED", `return ${call[2]};`)(shipped["FIGURE"], shipped["FIGURE_CORRECTED"]));
      const defaults = FIGURE_DEFAULTS[name];
      expect(defaults, name).toBeDefined();
      const names = (declared[0]?.[1] as string).split(",").map((s) => s.trim());
      expect(names.sort()).toEqual(Object.keys(defaults ?? {}).sort());
      for (const parameter of names) expect(shipped[parameter], `${file}: ${parameter}`).toEqual(defaults?.[parameter]);
      expect(variantName(name, Object.fromEntries(names.map((n) => [n, shipped[n]])))).toBe(name);
    }
  });

  it("names a variant by the parameters that differ, and refuses unknown ones", () => {
    expect(variantName("fig4-steering-effects", { METHOD: "verbalize", ITERATIONS: 1000, SEED: 0 })).toBe("fig4-steering-effects--method-verbalize");
    expect(variantName("fig4-steering-effects", { METHOD: "sequence", SEED: 3 })).toBe("fig4-steering-effects--seed-3");
    expect(variantName("fig5-persona-stereotypes", { STEERINGS: ["persona"], BOOTSTRAP: { iterations: 200, alpha: 0.05, seed: 0 } })).toBe(
      "fig5-persona-stereotypes--steerings-persona--bootstrap-iterations-200_alpha-0.05_seed-0",
    );
    const a = variantName("fig2-coin-calibration", { MODEL: "x".repeat(200) });
    const b = variantName("fig2-coin-calibration", { MODEL: `${"x".repeat(199)}y` });
    expect(a.length).toBeLessThanOrEqual(120);
    expect(a).not.toBe(b);
    expect(() => variantName("fig4-steering-effects", { METHODS: "x" })).toThrow(/"METHODS" is not a parameter of figure "fig4-steering-effects"/);
    expect(() => variantName("no-such-figure", {})).toThrow(/no shipped parameters registered/);
  });

  const out = mkdtempSync(join(tmpdir(), "distalign-variants-"));
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it("saves a variant beside the default files, leaving them untouched", async () => {
    const figure = { data: [{ type: "bar", x: ["a"], y: [1] }] };
    await saveFigure(figure, "fig4-steering-effects", { dir: out, formats: ["json"], parameters: { METHOD: "sequence", ITERATIONS: 1000, SEED: 0 } });
    const before = readFileSync(join(out, "fig4-steering-effects.json"), "utf8");
    await saveFigure({ data: [{ type: "bar", x: ["b"], y: [2] }] }, "fig4-steering-effects", { dir: out, formats: ["json"], parameters: { METHOD: "verbalize", ITERATIONS: 1000, SEED: 0 } });
    expect(readdirSync(out).sort()).toEqual(["fig4-steering-effects--method-verbalize.json", "fig4-steering-effects.json"]);
    expect(readFileSync(join(out, "fig4-steering-effects.json"), "utf8")).toBe(before);
  });
});
