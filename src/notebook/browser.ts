/**
 * Headless Chromium, driven through playwright-core with the system's browser (no download).
 * Used to render figures to PNG and SVG and to check exported notebooks.
 *
 * playwright-core is loaded at run time and described by the small interfaces below, because
 * type-checking its declarations would add seconds to every notebook that imports this module.
 */
import { createRequire } from "node:module";
import { browserExecutable } from "../config";

/** The part of a playwright `Route` used here. */
interface RouteLike {
  request(): { url(): string };
  continue(): Promise<void>;
  abort(errorCode?: string): Promise<void>;
}

/** The part of a playwright `Page` used here. */
export interface PageLike {
  route(url: string, handler: (route: RouteLike) => Promise<void>): Promise<unknown>;
  setContent(html: string): Promise<void>;
  addScriptTag(options: { path: string }): Promise<unknown>;
  evaluate<Result, Arg>(pageFunction: (arg: Arg) => Result | Promise<Result>, arg: Arg): Promise<Result>;
}

/** The part of a playwright `Browser` used here. */
export interface BrowserLike {
  newPage(): Promise<PageLike>;
  close(): Promise<void>;
}

interface ChromiumLike {
  launch(options: { executablePath: string; headless: boolean; args: string[] }): Promise<BrowserLike>;
}

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
export async function launchBrowser(executable = browserExecutable()): Promise<BrowserLike | undefined> {
  if (executable === undefined) return undefined;
  const { chromium } = createRequire(__filename)("playwright-core") as { chromium: ChromiumLike };
  return chromium.launch({ executablePath: executable, headless: true, args: [...BROWSER_ARGS] });
}

/**
 * Keeps a page offline: requests for anything but `file:`, `data:`, `blob:` and `about:` URLs
 * are aborted and their URLs collected in the returned array.
 */
export async function blockNetwork(page: Pick<PageLike, "route">): Promise<string[]> {
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
