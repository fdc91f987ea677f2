/**
 * What the browser check looks for on a Jupyter Notebook page after its cells ran: error output,
 * figures without a drawn plot, and figures (or their legends, titles and tick labels) that do not
 * fit the output area they sit in, and values shown whole (a long plain-text result). Used by scripts/check-notebooks-ui.ts, and by its test on fixture
 * pages shaped like Jupyter Notebook's output.
 */
import type { Page } from "playwright-core";

/** What one page holds, and what is wrong with it. */
export interface PageCheck {
  readonly codeCells: number;
  readonly executedCells: number;
  readonly figures: number;
  /** The narrowest output area that holds a figure, in CSS pixels (0 without figures). */
  readonly outputWidth: number;
  readonly problems: readonly string[];
}

/** Pixels a drawn element may stick out of its output area (sub-pixel rounding). */
export const FIT_TOLERANCE_PX = 1;

/**
 * Lines a cell's plain-text result (the value of its last expression, not what it prints) may
 * have: more is an object shown whole, such as a reproduction kept by the cell's last statement.
 */
export const MAX_RESULT_LINES = 40;

/**
 * Checks the rendered outputs of a page: Jupyter Notebook's `.code_cell`s (a page without them is
 * taken as one cell), each `.output_error` or `.output_stderr`, and each plotly figure: it must
 * hold an `svg.main-svg`, and neither the figure, its svg, legend and title, nor any text drawn in
 * it may reach past the edges of its `.output_subarea` (or parent element); and each plain-text
 * result (`.output_result`, as `.output_text`) may have at most `MAX_RESULT_LINES` lines.
 */
export async function checkPage(page: Page): Promise<PageCheck> {
  // tsx names the functions it compiles through a `__name` helper that the page does not have.
  await page.evaluate("globalThis.__name = globalThis.__name || ((f) => f)");
  return page.evaluate(([tolerance, maxResultLines]) => {
    // Runs in the browser; typed loosely because the project compiles without DOM types.
    type Rect = { left: number; right: number; width: number };
    type El = {
      querySelectorAll(selector: string): ArrayLike<El>;
      querySelector(selector: string): El | null;
      closest(selector: string): El | null;
      getBoundingClientRect(): Rect;
      classList: { contains(name: string): boolean };
      parentElement: El | null;
      textContent: string | null;
      clientWidth: number;
    };
    const doc = (globalThis as unknown as { document: El & { body: El } }).document;
    const problems: string[] = [];
    const firstLine = (text: string | null): string => {
      const line = (text ?? "").trim().split("\n").find((l) => l.trim() !== "") ?? "";
      return line.length > 160 ? `${line.slice(0, 157)}…` : line;
    };
    const found = Array.from(doc.querySelectorAll(".code_cell"));
    const cells = found.length > 0 ? found : [doc.body];
    let executed = 0;
    let figureCount = 0;
    let outputWidth = Infinity;
    cells.forEach((cell, i) => {
      const label = found.length > 0 ? `cell ${i + 1}` : "page";
      const prompt = cell.querySelector(".input_prompt");
      if (prompt !== null && /\[\d+\]/.test(prompt.textContent ?? "")) executed += 1;
      for (const output of Array.from(cell.querySelectorAll(".output_error"))) problems.push(`${label}: error output: ${firstLine(output.textContent)}`);
      for (const output of Array.from(cell.querySelectorAll(".output_stderr"))) problems.push(`${label}: output on stderr: ${firstLine(output.textContent)}`);
      for (const output of Array.from(cell.querySelectorAll(".output_result.output_text"))) {
        const lines = (output.textContent ?? "").trim().split("\n").length;
        if (lines > maxResultLines) problems.push(`${label}: a value shown whole, ${lines} lines of text (${firstLine(output.textContent)})`);
      }
      const plots = Array.from(cell.querySelectorAll(".distalign-figure, .js-plotly-plot")).filter(
        (el) => !(el.classList.contains("js-plotly-plot") && el.closest(".distalign-figure") !== null && !el.classList.contains("distalign-figure")),
      );
      plots.forEach((figure, j) => {
        figureCount += 1;
        const title = (figure as unknown as { getAttribute(name: string): string | null }).getAttribute("data-title") ?? "";
        const name = `${label}, figure ${j + 1}${title === "" ? "" : ` "${title.length > 60 ? `${title.slice(0, 57)}…` : title}"`}`;
        const svg = figure.querySelector("svg.main-svg");
        if (svg === null) {
          problems.push(`${name}: no drawn plot (no svg.main-svg)${figure.textContent?.trim() ? ` (${firstLine(figure.textContent)})` : ""}`);
          return;
        }
        const area = figure.closest(".output_subarea") ?? figure.parentElement ?? doc.body;
        const box = area.getBoundingClientRect();
        const left = box.left;
        const right = box.left + area.clientWidth;
        outputWidth = Math.min(outputWidth, area.clientWidth);
        const parts: [string, El][] = [
          ["figure", figure],
          ...Array.from(figure.querySelectorAll("svg.main-svg")).map((el): [string, El] => ["plot", el]),
          ...Array.from(figure.querySelectorAll(".legend")).map((el): [string, El] => ["legend", el]),
          ...Array.from(figure.querySelectorAll(".gtitle")).map((el): [string, El] => ["title", el]),
        ];
        const overflow = parts.filter(([, el]) => {
          const r = el.getBoundingClientRect();
          return r.width > 0 && (r.left < left - tolerance || r.right > right + tolerance);
        });
        if (overflow.length > 0) {
          const widest = Math.max(...overflow.map(([, el]) => el.getBoundingClientRect().right)) - left;
          problems.push(`${name}: wider than the output area (${[...new Set(overflow.map(([part]) => part))].join(", ")} reach ${Math.round(widest)} px of ${area.clientWidth} px)`);
        }
        const svgBox = svg.getBoundingClientRect();
        const clipped = Array.from(figure.querySelectorAll("svg.main-svg text")).filter((text) => {
          const r = text.getBoundingClientRect();
          return r.width > 0 && (text.textContent ?? "").trim() !== "" && (r.left < Math.max(svgBox.left, left) - tolerance || r.right > Math.min(svgBox.right, right) + tolerance);
        });
        if (clipped.length > 0) {
          problems.push(`${name}: ${clipped.length} text label${clipped.length === 1 ? "" : "s"} cut at the edge (${clipped.slice(0, 3).map((t) => `"${firstLine(t.textContent)}"`).join(", ")})`);
        }
      });
    });
    return {
      codeCells: found.length,
      executedCells: executed,
      figures: figureCount,
      outputWidth: Number.isFinite(outputWidth) ? outputWidth : 0,
      problems,
    };
  }, [FIT_TOLERANCE_PX, MAX_RESULT_LINES] as const);
}

/** True for URLs that stay on this machine: loopback hosts and `data:`, `blob:`, `about:`, `file:`. */
export function isLocalUrl(url: string): boolean {
  if (/^(data|blob|about|file):/.test(url)) return true;
  try {
    const host = new URL(url).hostname;
    return host === "127.0.0.1" || host === "localhost" || host === "[::1]" || host === "::1";
  } catch {
    return false;
  }
}
