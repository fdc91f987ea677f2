/**
 * Saving figures to files: standalone offline HTML always, SVG and PNG through headless Chromium.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { outputDir } from "../config";
import { blockNetwork, launchBrowser, NO_BROWSER_NOTE } from "./browser";
import { DEFAULT_FIGURE_HEIGHT, standaloneFigureHtml, type Figure } from "./figure";
import { plotlyLoaderHtml } from "./plotly-bundle";

/** The file formats `saveFigure` writes. */
export const FIGURE_FORMATS = ["html", "svg", "png"] as const;
export type FigureFormat = (typeof FIGURE_FORMATS)[number];

/** Options of `saveFigure`. */
export interface SaveFigureOptions {
  /** @default ["html", "svg", "png"] */
  readonly formats?: readonly FigureFormat[];
  /** @default `figures/` under `outputDir()` (env DISTALIGN_OUTPUT_DIR, else output/) */
  readonly dir?: string;
  /** Image width in CSS pixels. @default layout.width, else 900 */
  readonly width?: number;
  /** Image height in CSS pixels. @default layout.height, else 450 */
  readonly height?: number;
  /** PNG pixel ratio. @default 2 */
  readonly scale?: number;
  /** Browser executable. @default `browserExecutable()` from config.ts */
  readonly browser?: string;
}

/** The files `saveFigure` wrote, and notes on formats it could not write. */
export interface SavedFigure {
  readonly html?: string;
  readonly svg?: string;
  readonly png?: string;
  readonly notes: readonly string[];
}

/** Image width, in CSS pixels, of a figure whose layout sets none. */
const DEFAULT_IMAGE_WIDTH = 900;

/**
 * Saves a figure as `<dir>/<name>.html` (standalone, plotly.js inlined, opens offline) and, when
 * a browser is available, `<name>.svg` and `<name>.png` rendered by plotly.js itself. Without a
 * browser the images are skipped with a note on stderr and in the result, not an error.
 * @param name file name without extension, e.g. "fig2"
 * @throws {RangeError} if `name` is empty, contains a path separator or ends in a known extension
 * @example
 * await saveFigure(figure, "fig2"); // → output/figures/fig2.html, fig2.svg, fig2.png
 */
export async function saveFigure(figure: Figure, name: string, options: SaveFigureOptions = {}): Promise<SavedFigure> {
  if (!/^[A-Za-z0-9_][A-Za-z0-9_.-]*$/.test(name) || /\.(html?|svg|png)$/i.test(name)) {
    throw new RangeError(`saveFigure: name must be a file name without extension (${JSON.stringify(name)})`);
  }
  const formats = new Set(options.formats ?? FIGURE_FORMATS);
  const dir = options.dir ?? join(outputDir(), "figures");
  mkdirSync(dir, { recursive: true });
  const files: { html?: string; svg?: string; png?: string } = {};
  const notes: string[] = [];
  const page = standaloneFigureHtml(figure, plotlyLoaderHtml());
  if (formats.has("html")) {
    files.html = join(dir, `${name}.html`);
    writeFileSync(files.html, page);
  }
  const images = (["svg", "png"] as const).filter((format) => formats.has(format));
  if (images.length > 0) {
    const rendered = await renderImages(page, images, {
      width: options.width ?? figure.layout?.width ?? DEFAULT_IMAGE_WIDTH,
      height: options.height ?? figure.layout?.height ?? DEFAULT_FIGURE_HEIGHT,
      scale: options.scale ?? 2,
      browser: options.browser,
    });
    if (typeof rendered === "string") {
      notes.push(`saveFigure: ${rendered}; wrote ${name}.html only`);
    } else {
      for (const [format, bytes] of rendered) {
        files[format] = join(dir, `${name}.${format}`);
        writeFileSync(files[format] as string, bytes);
      }
    }
  }
  for (const note of notes) console.warn(note);
  return { ...files, notes };
}

/**
 * Renders the figure on `page` to the given formats with `Plotly.toImage`, offline.
 * @returns the images, or a reason when no browser could be used
 */
async function renderImages(
  page: string,
  formats: readonly ("svg" | "png")[],
  size: { width: number; height: number; scale: number; browser: string | undefined },
): Promise<Map<"svg" | "png", Buffer> | string> {
  let browser;
  try {
    browser = await launchBrowser(size.browser);
  } catch (error) {
    return `the browser did not start (${error instanceof Error ? error.message.split("\n")[0] : String(error)})`;
  }
  if (browser === undefined) return NO_BROWSER_NOTE;
  try {
    const tab = await browser.newPage();
    await blockNetwork(tab);
    await tab.setContent(page, { waitUntil: "load" });
    await tab.waitForSelector("#figure .main-svg", { timeout: 30_000 });
    const images = new Map<"svg" | "png", Buffer>();
    for (const format of formats) {
      const url = await tab.evaluate(
        ([format, width, height, scale]) => {
          const plotly = (globalThis as unknown as { Plotly: { toImage(el: unknown, o: object): Promise<string> } }).Plotly;
          const element = (globalThis as unknown as { document: { getElementById(id: string): unknown } }).document.getElementById("figure");
          return plotly.toImage(element, { format, width, height, scale });
        },
        [format, size.width, size.height, size.scale] as const,
      );
      images.set(format, dataUrlBytes(url));
    }
    return images;
  } finally {
    await browser.close();
  }
}

/** The bytes of a `data:` URL, base64 or percent-encoded. */
export function dataUrlBytes(url: string): Buffer {
  const comma = url.indexOf(",");
  if (!url.startsWith("data:") || comma < 0) throw new TypeError(`dataUrlBytes: not a data URL (${url.slice(0, 40)})`);
  const header = url.slice(0, comma);
  const body = url.slice(comma + 1);
  return header.endsWith(";base64") ? Buffer.from(body, "base64") : Buffer.from(decodeURIComponent(body), "utf8");
}
