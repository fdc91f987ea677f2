import { describe, expect, it } from "vitest";
import { figureBundle, figureHtml, figureTitle, fittedFigure, resolvedFigure, standaloneFigureHtml, type Figure } from "../../src/notebook/figure";
import { plotlyBundle, plotlyLoaderBundle, plotlyLoaderHtml } from "../../src/notebook/plotly-bundle";

const FIGURE: Figure = {
  data: [{ type: "bar", name: "model", x: ["gpt-4", "opus"], y: [0.21, 0.18] }],
  layout: { title: { text: "TVD by model" }, height: 300 },
};

/** The JSON literal assigned to `figure` in a figure's script. */
function embeddedFigure(html: string): unknown {
  const match = /figure = (\{.*\}), started/.exec(html);
  if (match === null) throw new Error("no embedded figure");
  return JSON.parse(match[1] as string);
}

describe("figureHtml", () => {
  it("draws into its own div once plotly.js is on the page, with the default configuration", () => {
    const html = figureHtml(FIGURE, "fig-1");
    expect(html).toContain('<div id="fig-1" class="distalign-figure" data-title="TVD by model" data-traces="1" style="width:100%;height:300px"></div>');
    expect(html).toContain("window.Plotly.newPlot(element, figure.data, figure.layout, figure.config)");
    expect(embeddedFigure(html)).toEqual({ ...FIGURE, config: { responsive: true, displaylogo: false } });
  });

  it("keeps data that looks like HTML from closing the script", () => {
    const hostile: Figure = { data: [{ type: "bar", name: "</script><script>alert(1)</script>", x: [1], y: [1] }] };
    const html = figureHtml(hostile, "fig-2");
    expect(html.match(/<\/script>/g)).toHaveLength(1);
    expect(embeddedFigure(html)).toEqual(resolvedFigure(hostile));
  });

  it("uses the layout's width and plotly's default height", () => {
    expect(figureHtml({ data: [], layout: { width: 640 } }, "fig-3")).toContain('style="width:640px;height:450px"');
  });

  it("gives every figure a different id by default", () => {
    const ids = [figureHtml(FIGURE), figureHtml(FIGURE)].map((html) => /id="([^"]+)"/.exec(html)?.[1]);
    expect(ids[0]).not.toEqual(ids[1]);
  });
});

describe("figureBundle", () => {
  it("offers plotly JSON, HTML and a text line in one output", () => {
    const bundle = figureBundle({ ...FIGURE, config: { displayModeBar: false } }, "fig-4");
    expect(bundle["application/vnd.plotly.v1+json"]).toEqual({
      data: FIGURE.data,
      layout: { ...FIGURE.layout, autosize: true, xaxis: { automargin: true }, yaxis: { automargin: true } },
      config: { responsive: true, displaylogo: false, displayModeBar: false },
    });
    expect(bundle["text/html"]).toContain('id="fig-4"');
    expect(bundle["text/plain"]).toBe('Figure "TVD by model" (1 trace)');
  });

  it("fits the output area: no fixed width, automargin axes, legends inside; the figure's own size is left to saved files", () => {
    const wide = {
      data: FIGURE.data,
      layout: { width: 1400, height: 500, xaxis: { tickangle: -20 }, yaxis2: { automargin: false }, legend: { x: 1.05 } },
    };
    const fitted = fittedFigure(wide).layout ?? {};
    expect(fitted).toEqual({
      height: 500,
      autosize: true,
      xaxis: { automargin: true, tickangle: -20 },
      yaxis: { automargin: true },
      yaxis2: { automargin: false },
      legend: { x: 1, xanchor: "right" },
    });
    expect(wide.layout.width).toBe(1400);
    expect(figureHtml(wide, "saved")).toContain("width:1400px");
    expect(figureBundle(wide, "shown")["text/html"]).toContain("width:100%");
  });

  it("reads titles given as strings or objects", () => {
    expect(figureTitle({ data: [], layout: { title: "plain" } })).toBe("plain");
    expect(figureTitle({ data: [] })).toBe("");
  });
});

describe("plotly.js loader", () => {
  it("inlines the bundle once, guarded so a page runs it only once", () => {
    const html = plotlyLoaderHtml();
    const { source, version } = plotlyBundle();
    expect(version).toMatch(/^3\./);
    expect(html.startsWith(`<script type="text/javascript" data-plotly-version="${version}">`)).toBe(true);
    expect(html).toContain(`if (!window.Plotly) {\n${source}\n}`);
    expect(html.match(/<\/script/g)).toHaveLength(1);
    expect(plotlyLoaderBundle()["text/plain"]).toBe(`plotly.js ${version} loaded for interactive figures`);
  });

  it("makes a standalone page that needs nothing from the network", () => {
    const page = standaloneFigureHtml(FIGURE, plotlyLoaderHtml());
    expect(page).toMatch(/^<!DOCTYPE html>/);
    expect(page).toContain("<title>TVD by model</title>");
    expect(page).not.toMatch(/<(script|link)[^>]+(src|href)=/);
  });
});
