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
 * The notebook output of a figure: plotly JSON (rendered natively by VS Code and by JupyterLab
 * with its plotly extension), HTML (Jupyter Notebook, JupyterLab, nbconvert exports) and a text line.
 */
export function figureBundle(figure: Figure, id?: string): MimeBundle {
  const title = figureTitle(figure);
  const traces = `${figure.data.length} trace${figure.data.length === 1 ? "" : "s"}`;
  return {
    "application/vnd.plotly.v1+json": resolvedFigure(figure),
    "text/html": figureHtml(figure, id),
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
