/**
 * Series keep their colours when the list of series changes: colours are looked up by source,
 * never by position.
 */
import { describe, expect, it } from "vitest";
import type { PlotlyTrace } from "../../src/notebook/figure";
import { humanStereotypesFigure } from "../../src/figures/human-stereotypes-figure";
import type { RatingMarginal } from "../../src/figures/persona-stereotypes";
import { stereotypeMarginalsFigure } from "../../src/figures/persona-stereotypes-figure";
import { SOURCE_COLORS, sourceColor } from "../../src/figures/series-style";
import { PAPER_MODELS } from "../../src/types";

function marginal(source: string, steering: RatingMarginal["steering"], group = "Democrat"): RatingMarginal {
  const mean = [0.1, 0.2, 0.3, 0.4];
  return { source, steering, group, books: 235, unparsed: 0, mean, lower: mean, upper: mean, likely: { mean: 0.7, lower: 0.7, upper: 0.7 } } as RatingMarginal;
}

const colours = (traces: readonly PlotlyTrace[]): Record<string, unknown> =>
  Object.fromEntries(traces.map((t) => [t.name, (t["marker"] as { color?: unknown } | undefined)?.color ?? (t["line"] as { color?: unknown }).color]));

describe("series colours", () => {
  it("gives every paper model, the humans and the ground truth its own colour", () => {
    const keys = [...PAPER_MODELS, "humans", "ground truth"];
    expect(new Set(keys.map(sourceColor)).size).toBe(keys.length);
    expect(keys.every((k) => SOURCE_COLORS[k] !== undefined)).toBe(true);
    expect(sourceColor("openai/gpt-4o-mini")).toBe(sourceColor("openai/gpt-4o-mini"));
  });

  it("keeps each series' colour in Fig. 5 when series are added, removed or reordered", () => {
    const all = ["ground truth", "humans", "gpt-4", "anthropic_opus", "llama3-70b"];
    const rows = all.map((s) => marginal(s, s === "ground truth" ? undefined : "persona"));
    const full = colours(stereotypeMarginalsFigure(rows).data);
    const fewer = colours(stereotypeMarginalsFigure([...rows].reverse(), { sources: ["llama3-70b"] }).data);
    for (const [name, colour] of Object.entries(fewer)) expect(full[name]).toBe(colour);
    expect(Object.keys(fewer)).toHaveLength(2);
  });

  it("keeps each model's dash in Fig. 13 whichever models are drawn", () => {
    const result = (models: readonly string[]) =>
      humanStereotypesFigure({ marginals: models.map((m) => marginal(m, "persona")), gaps: [] } as unknown as Parameters<typeof humanStereotypesFigure>[0]).data;
    const dash = (traces: readonly PlotlyTrace[], name: string) => (traces.find((t) => t.name?.startsWith(name))?.["line"] as { dash?: string }).dash;
    expect(dash(result(["gpt-4", "llama3-70b"]), "Llama")).toBe(dash(result(["llama3-70b"]), "Llama"));
  });
});
