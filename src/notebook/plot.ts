/**
 * Showing figures in a tslab notebook, interactive and offline.
 */
import { displayBundle } from "./display";
import { figureBundle, type Figure } from "./figure";
import { loaderShown, markLoaderShown, plotlyLoaderBundle } from "./plotly-bundle";

/**
 * Shows a plotly.js figure in the notebook. The first figure of a kernel session also carries
 * plotly.js itself unless `setupNotebook()` already loaded it.
 * @example
 * show({ data: [{ type: "bar", x: ["a", "b"], y: [0.2, 0.8] }], layout: { title: { text: "TVD" } } });
 */
export function show(figure: Figure): void {
  if (!loaderShown()) {
    displayBundle(plotlyLoaderBundle());
    markLoaderShown();
  }
  displayBundle(figureBundle(figure));
}
