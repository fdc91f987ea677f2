/**
 * The plotly.js bundle, inlined into notebook output and standalone HTML so figures render
 * offline, with no CDN. The bundle is read from node_modules/plotly.js-dist-min once per process.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { UsageError } from "../errors";
import type { MimeBundle } from "./display";

let cached: { readonly source: string; readonly version: string } | undefined;

/** The path of plotly.min.js from the installed plotly.js-dist-min package. */
export function plotlyBundlePath(): string {
  return createRequire(__filename).resolve("plotly.js-dist-min");
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
 * bundle (about 4.7 MB) runs once per page however many times it is included.
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
