/**
 * Headless Chromium, driven through playwright-core with the system's browser (no download).
 * Used to render figures to PNG and SVG and to check exported notebooks.
 */
import type { Browser, Page } from "playwright-core";
import { browserExecutable } from "../config";

/** Flags for a quiet, offline, throw-away headless session. */
export const BROWSER_ARGS: readonly string[] = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];

/**
 * Launches the configured browser headless (see `browserExecutable` in config.ts).
 * playwright-core gives every launch a fresh temporary profile.
 * @returns undefined when no browser is installed
 */
export async function launchBrowser(executable = browserExecutable()): Promise<Browser | undefined> {
  if (executable === undefined) return undefined;
  const { chromium } = await import("playwright-core");
  return chromium.launch({ executablePath: executable, headless: true, args: [...BROWSER_ARGS] });
}

/**
 * Keeps a page offline: requests for anything but `file:`, `data:`, `blob:` and `about:` URLs
 * are aborted and their URLs collected in the returned array.
 */
export async function blockNetwork(page: Page): Promise<string[]> {
  const blocked: string[] = [];
  await page.route("**/*", (route) => {
    const url = route.request().url();
    if (/^(file|data|blob|about):/.test(url)) return route.continue();
    blocked.push(url);
    return route.abort("internetdisconnected");
  });
  return blocked;
}

/** The message shown when no browser is found. */
export const NO_BROWSER_NOTE =
  "no Chromium-family browser found (install chromium, or set DISTALIGN_BROWSER to its path)";
