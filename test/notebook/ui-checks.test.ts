/**
 * The browser check of scripts/check-notebooks-ui.ts on fixture pages shaped like Jupyter
 * Notebook's output (a 978 px `.output_subarea` per code cell): a figure wider than the output
 * area, a cut tick label, a figure that never drew and error output each fail it; the same
 * figures fitted as notebooks show them pass. Skipped without a browser.
 */
import { chromium, type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkPage, isLocalUrl } from "../../scripts/ui-checks";
import { browserExecutable } from "../../src/config";
import { BROWSER_ARGS } from "../../src/notebook/browser";
import { figureHtml, fittedFigure, type Figure } from "../../src/notebook/figure";
import { plotlyLoaderHtml } from "../../src/notebook/plotly-bundle";

const executable = browserExecutable();

/** A page of code cells, each output in a 978 px output area as in Jupyter Notebook at 1280 px. */
function notebookPage(outputs: readonly string[]): string {
  const cells = outputs
    .map((html, i) => `<div class="cell code_cell"><div class="input_prompt">In [${i + 1}]:</div><div class="output_area"><div class="output_subarea" style="width:978px;box-sizing:border-box">${html}</div></div></div>`)
    .join("\n");
  return `<!DOCTYPE html><html><head><meta charset="utf-8">${plotlyLoaderHtml()}</head><body style="margin:0;width:1280px"><div style="margin-left:150px">${cells}</div></body></html>`;
}

const wide: Figure = {
  data: [{ type: "bar", name: "TV", x: ["GPT-4", "GPT-3.5 Turbo", "Llama 3 70B Instruct"], y: [0.23, 0.29, 0.24] }],
  layout: { title: { text: "a 1400 px figure" }, width: 1400, height: 400 },
};

const longTicks: Figure = {
  data: [{ type: "bar", orientation: "h", name: "TV", y: ["GPT-4", "Llama 3 70B Instruct"], x: [0.23, 0.24] }],
  layout: { title: { text: "long tick labels" }, width: 700, height: 300, margin: { l: 20 }, yaxis: { automargin: false } },
};

describe.skipIf(executable === undefined)("the browser check on fixture pages", () => {
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    browser = await chromium.launch({ executablePath: executable as string, headless: true, args: [...BROWSER_ARGS] });
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
  });

  async function check(outputs: readonly string[], drawMs = 30_000) {
    await page.setContent(notebookPage(outputs), { waitUntil: "load" });
    await page.waitForFunction("Array.from(document.querySelectorAll('.distalign-figure')).every((f) => f.querySelector('svg.main-svg'))", undefined, { timeout: drawMs }).catch(() => undefined);
    return checkPage(page);
  }

  it("fails a figure 1400 px wide in a 978 px output area", async () => {
    const result = await check([figureHtml(wide)]);
    expect(result.figures).toBe(1);
    expect(result.outputWidth).toBe(978);
    expect(result.problems.join("\n")).toMatch(/cell 1, figure 1 "a 1400 px figure": wider than the output area \(.*1400 px of 978 px\)/);
  }, 60_000);

  it("passes the same figure as a notebook shows it (fitted to the output area)", async () => {
    const result = await check([figureHtml(fittedFigure(wide))]);
    expect(result).toMatchObject({ figures: 1, problems: [] });
  }, 60_000);

  it("fails a tick label cut at the figure's edge, and passes it with automargin", async () => {
    const cut = await check([figureHtml(longTicks)]);
    expect(cut.problems.join("\n")).toMatch(/text labels? cut at the edge \(.*"Llama 3 70B Instruct"/);
    const fitted = await check([figureHtml(fittedFigure({ ...longTicks, layout: { ...longTicks.layout, yaxis: {} } }))]);
    expect(fitted.problems).toEqual([]);
  }, 60_000);

  it("fails a value shown whole as a cell's result, and passes a long printout and a short result", async () => {
    const dump = Array.from({ length: 60 }, (_, i) => `  { dataset: 'opinionqa', index: ${i} },`).join("\n");
    const printed = Array.from({ length: 200 }, (_, i) => `prompt line ${i}`).join("\n");
    const result = await check([
      `<div class="output_subarea output_text output_result"><pre>{\n  mode: 'paper',\n  lists: [\n${dump}\n  ]\n}</pre></div>`,
      `<div class="output_subarea output_text output_stream output_stdout"><pre>${printed}</pre></div>`,
      `<div class="output_subarea output_text output_result"><pre>[ 0.18, 0.19 ]</pre></div>`,
    ]);
    expect(result.problems).toEqual(["cell 1: a value shown whole, 65 lines of text ({)"]);
  }, 60_000);

  it("fails a figure without its drawn plot, and error output, naming the cell", async () => {
    const result = await check(['<div class="distalign-figure" data-title="never drawn" style="height:300px"></div>', '<div class="output_error"><pre>NotebookStop: distalign: data/x.json: missing</pre></div>'], 500);
    expect(result.problems).toEqual([
      'cell 1, figure 1 "never drawn": no drawn plot (no svg.main-svg)',
      "cell 2: error output: NotebookStop: distalign: data/x.json: missing",
    ]);
  }, 60_000);
});

describe("requests that stay on the machine", () => {
  it("allows loopback and in-page URLs and nothing else", () => {
    expect(["http://127.0.0.1:8888/api", "http://localhost:1/x", "data:text/plain,a", "blob:http://127.0.0.1/x", "about:blank"].every(isLocalUrl)).toBe(true);
    expect(["https://cdn.plot.ly/plotly.js", "http://10.0.0.1/", "https://mathjax.org/x", "not a url"].some(isLocalUrl)).toBe(false);
  });
});
