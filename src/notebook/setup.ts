/**
 * The first cell of every notebook.
 */
import { displayBundle } from "./display";
import { isPromiseLike, stopOnError } from "./guard";
import { markLoaderShown, plotlyLoaderBundle } from "./plotly-bundle";

/**
 * Prepares a notebook: runs the given checks, stopping the notebook with their error message on
 * one line when one fails (for example the data layer's "no data directory" error), then loads
 * plotly.js into the page once so later `show(figure)` outputs stay small.
 * Call it in the first cell, after the imports.
 * @param checks synchronous functions that throw a DistalignError when the notebook cannot run
 * @throws {NotebookStop} when a check fails with a DistalignError
 * @throws {TypeError} when a check returns a promise (use `await stopOnError(check)` for those)
 * @example
 * setupNotebook(() => requireDataDir());
 */
export function setupNotebook(...checks: ReadonlyArray<() => unknown>): void {
  for (const check of checks) {
    const result = stopOnError(check);
    if (isPromiseLike(result)) {
      Promise.resolve(result).catch(() => undefined);
      throw new TypeError("setupNotebook: a check returned a promise (use `await stopOnError(check)`)");
    }
  }
  displayBundle(plotlyLoaderBundle());
  markLoaderShown();
}
