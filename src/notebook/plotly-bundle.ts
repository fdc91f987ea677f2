/**
 * The plotly.js bundle, inlined into notebook output and standalone HTML so figures render
 * offline, with no CDN. The bundle is read from node_modules once per process.
 *
 * It is plotly's official "cartesian" partial bundle (bar, box, contour, heatmap, histogram,
 * histogram2d, image, pie, scatter, scatterternary, violin): 1.4 MB instead of the full bundle's
 * 4.7 MB in every notebook that shows a figure, and about half the start-up time in a browser.
 * For 3D, map or WebGL traces, point PLOTLY_PACKAGE at "plotly.js-dist-min".
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { UsageError } from "../errors";
import type { MimeBundle } from "./display";

let cached: { readonly source: string; readonly version: string } | undefined;

/** The npm package whose main file is the plotly.js bundle. */
const PLOTLY_PACKAGE = "plotly.js-cartesian-dist-min";

/** The path of the minified plotly.js bundle in node_modules. */
export function plotlyBundlePath(): string {
  return createRequire(__filename).resolve(PLOTLY_PACKAGE);
}

/**
 * The plotly.js bundle source and its version.
 * @throws {UsageError} if the bundle contains a sequence that would end an inline `<script>` early
 */
export function plotlyBundle(): { readonly source: string; readonly version: string } {
  if (cached !== undefined) return cached;
  const path = plotlyBundlePath();
  const source = readFileSync(path, "utf8");
  if (/<\/script|<!--/i.test(source)) {
    throw new UsageError(`plotlyBundle: the bundle cannot be inlined in a <script> element (${path})`);
  }
  const pkg = JSON.parse(readFileSync(join(dirname(path), "package.json"), "utf8")) as { version?: string };
  cached = { source, version: pkg.version ?? "unknown" };
  return cached;
}

/**
 * A `<script>` element that defines `window.Plotly` unless the page already has it, so the
 * bundle runs once per page however many times it is included.
 */
export function plotlyLoaderHtml(): string {
  const { source, version } = plotlyBundle();
  return (
    `<script type="text/javascript" data-plotly-version="${version}">\n` +
    `window.PlotlyConfig = { MathJaxConfig: "local" };\n` +
    `if (!window.Plotly) {\n${source}\n}\n</script>`
  );
}

/** The notebook output that loads plotly.js: the loader plus a one-line note for readers. */
export function plotlyLoaderBundle(): MimeBundle {
  const { version } = plotlyBundle();
  const note = `plotly.js ${version} loaded for interactive figures`;
  return {
    "text/html":
      plotlyLoaderHtml() +
      `\n<div class="distalign-plotly-loader" style="font-size:smaller;opacity:0.6">${note}</div>`,
    "text/plain": note,
  };
}

let loaderShownInKernel = false;

/** Whether the loader has been displayed in this kernel process (by `setupNotebook` or a first `show`). */
export function loaderShown(): boolean {
  return loaderShownInKernel;
}

/** Records that the loader has been displayed in this kernel process. */
export function markLoaderShown(): void {
  loaderShownInKernel = true;
}
