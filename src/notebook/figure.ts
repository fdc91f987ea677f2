/**
 * Figures as plain plotly.js specifications, and their HTML. A `Figure` is the `{data, layout,
 * config}` object that `Plotly.newPlot` takes, so any plotly.js example can be copied into one.
 * Use the object forms plotly.js 3 requires, e.g. `title: { text: "…" }` rather than a string.
 */
import { randomUUID } from "node:crypto";
import { escapeHtml, scriptJson, type MimeBundle } from "./display";

/** One plotly.js trace (`{ type: "bar", x, y, … }`); see https://plotly.com/javascript/reference/. */
export type PlotlyTrace = { readonly type?: string; readonly name?: string } & { readonly [key: string]: unknown };

/** plotly.js layout attributes (`title`, `xaxis`, `width`, `height`, …). */
export type PlotlyLayout = {
  readonly title?: string | { readonly text?: string; readonly [key: string]: unknown };
  readonly width?: number;
  readonly height?: number;
} & { readonly [key: string]: unknown };

/** plotly.js configuration (`responsive`, `displayModeBar`, `toImageButtonOptions`, …). */
export type PlotlyConfig = { readonly [key: string]: unknown };

/** A plotly.js figure: the arguments of `Plotly.newPlot(element, data, layout, config)`. */
export interface Figure {
  readonly data: readonly PlotlyTrace[];
  readonly layout?: PlotlyLayout;
  readonly config?: PlotlyConfig;
}

/** Configuration applied under a figure's own: resize with the page, no plotly logo. */
export const DEFAULT_PLOTLY_CONFIG: PlotlyConfig = { responsive: true, displaylogo: false };

/** The height, in pixels, of a figure whose layout sets none (plotly's own default). */
export const DEFAULT_FIGURE_HEIGHT = 450;

/** How long a figure waits for plotly.js to appear on the page before saying so. */
const PLOTLY_WAIT_MS = 30_000;

/** The figure's title text, or "" when it has none. */
export function figureTitle(figure: Figure): string {
  const title = figure.layout?.title;
  if (typeof title === "string") return title;
  return typeof title?.text === "string" ? title.text : "";
}

/** The figure with the default configuration filled in: what is drawn and what is saved. */
export function resolvedFigure(figure: Figure): Required<Figure> {
  return {
    data: figure.data,
    layout: figure.layout ?? {},
    config: { ...DEFAULT_PLOTLY_CONFIG, ...figure.config },
  };
}

/**
 * The figure as a notebook shows it: as wide as the output area (no fixed width; plotly resizes it
 * with the page), every axis with `automargin` so that long tick labels push the margin instead of
 * being cut, and a legend placed outside the figure's edges brought back inside (plotly's default
 * legend, right of the plot, takes its room from the plot area). The height is kept. Saved files keep the figure's own size (`saveFigure`).
 */
export function fittedFigure(figure: Figure): Figure {
  const { width: _width, ...layout } = { ...(figure.layout ?? {}) } as Record<string, unknown>;
  const fitted: Record<string, unknown> = { ...layout, autosize: true };
  for (const [key, value] of Object.entries(layout)) {
    if (/^[xy]axis\d*$/.test(key) && typeof value === "object" && value !== null) {
      fitted[key] = { automargin: true, ...(value as Record<string, unknown>) };
    }
  }
  for (const key of ["xaxis", "yaxis"]) if (fitted[key] === undefined) fitted[key] = { automargin: true };
  const legend = (layout["legend"] ?? {}) as Record<string, unknown>;
  if (typeof legend["x"] === "number" && (legend["x"] > 1 || legend["x"] < 0)) {
    fitted["legend"] = { ...legend, x: 1, xanchor: "right" };
  }
  return { ...figure, layout: fitted as PlotlyLayout };
}

/**
 * One figure as HTML: a `div` and a script that draws into it with `Plotly.newPlot` once
 * `window.Plotly` exists (loaded by `plotlyLoaderHtml`, earlier on the page). If plotly.js never
 * appears, the div says so instead of staying blank.
 * @param id the div's id; a random one by default
 */
export function figureHtml(figure: Figure, id = `distalign-figure-${randomUUID()}`): string {
  const resolved = resolvedFigure(figure);
  const width = resolved.layout.width === undefined ? "100%" : `${resolved.layout.width}px`;
  const height = `${resolved.layout.height ?? DEFAULT_FIGURE_HEIGHT}px`;
  const attributes =
    `id="${escapeHtml(id)}" class="distalign-figure" data-title="${escapeHtml(figureTitle(figure))}" ` +
    `data-traces="${figure.data.length}" style="width:${width};height:${height}"`;
  return `<div ${attributes}></div>
<script type="text/javascript">
(function () {
  var id = ${scriptJson(id)}, figure = ${scriptJson(resolved)}, started = Date.now();
  function draw() {
    var element = document.getElementById(id);
    if (element && window.Plotly) {
      window.Plotly.newPlot(element, figure.data, figure.layout, figure.config);
    } else if (Date.now() - started > ${PLOTLY_WAIT_MS}) {
      if (element) element.textContent = "plotly.js is not loaded on this page: run the notebook's first cell (setupNotebook()) and this cell again";
    } else {
      setTimeout(draw, 50);
    }
  }
  draw();
})();
</script>`;
}

/**
 * The notebook output of a figure, fitted to the output area (`fittedFigure`): plotly JSON (rendered natively by VS Code and by JupyterLab
 * with its plotly extension), HTML (Jupyter Notebook, JupyterLab, nbconvert exports) and a text line.
 */
export function figureBundle(figure: Figure, id?: string): MimeBundle {
  const title = figureTitle(figure);
  const traces = `${figure.data.length} trace${figure.data.length === 1 ? "" : "s"}`;
  const fitted = fittedFigure(figure);
  return {
    "application/vnd.plotly.v1+json": resolvedFigure(fitted),
    "text/html": figureHtml(fitted, id),
    "text/plain": `Figure${title === "" ? "" : ` "${title}"`} (${traces})`,
  };
}

/** A self-contained HTML page showing the figure, with plotly.js inlined: opens offline. */
export function standaloneFigureHtml(figure: Figure, loaderHtml: string): string {
  const title = figureTitle(figure) || "figure";
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>${escapeHtml(title)}</title>
${loaderHtml}
</head>
<body style="margin:0;font-family:sans-serif">
${figureHtml(figure, "figure")}
</body>
</html>
`;
}
