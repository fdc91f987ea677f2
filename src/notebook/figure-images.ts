/**
 * Rendering figures to SVG and PNG with plotly.js's own `Plotly.toImage` in headless Chromium.
 * One renderer is one browser page with plotly.js loaded, reused for every figure it renders,
 * because starting a browser and plotly.js costs seconds while a figure costs a fraction of one.
 */
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { blockNetwork, launchBrowser, NO_BROWSER_NOTE, type BrowserLike, type PageLike } from "./browser";
import { DEFAULT_FIGURE_HEIGHT, resolvedFigure, type Figure } from "./figure";
import { plotlyBundlePath } from "./plotly-bundle";

/** The image formats a renderer writes. */
const IMAGE_FORMATS = ["svg", "png"] as const;
export type ImageFormat = (typeof IMAGE_FORMATS)[number];

/** Image size: CSS pixels, and the PNG pixel ratio. */
export interface ImageSize {
  readonly width: number;
  readonly height: number;
  readonly scale: number;
}

/** Image width, in CSS pixels, of a figure whose layout and options set none. */
const DEFAULT_IMAGE_WIDTH = 900;

/** PNG pixel ratio when none is set. */
const DEFAULT_IMAGE_SCALE = 2;

/**
 * The image size of a figure: `config.toImageButtonOptions` (plotly's own setting for its
 * download button, which `saveFigure` fills in), else the layout's size, else 900 × 450 at 2×.
 */
export function imageSize(figure: Figure): ImageSize {
  const options = (figure.config?.toImageButtonOptions ?? {}) as Partial<Record<keyof ImageSize, unknown>>;
  const pick = (value: unknown, fallback: number): number => (typeof value === "number" ? value : fallback);
  return {
    width: pick(options.width, figure.layout?.width ?? DEFAULT_IMAGE_WIDTH),
    height: pick(options.height, figure.layout?.height ?? DEFAULT_FIGURE_HEIGHT),
    scale: pick(options.scale, DEFAULT_IMAGE_SCALE),
  };
}

/** A browser page with plotly.js loaded, turning figures into image bytes. */
export interface FigureRenderer {
  render(figure: Figure, format: ImageFormat): Promise<Buffer>;
  close(): Promise<void>;
}

/**
 * Starts a renderer: launches the browser, opens an offline page and loads plotly.js into it.
 * @returns the renderer, or a reason why there is none (no browser, or it did not start)
 */
export async function openFigureRenderer(executable?: string): Promise<FigureRenderer | string> {
  let browser: BrowserLike | undefined;
  try {
    browser = await launchBrowser(executable);
    if (browser === undefined) return NO_BROWSER_NOTE;
    const page = await browser.newPage();
    await blockNetwork(page);
    await page.setContent('<!DOCTYPE html><html><body style="margin:0"><div id="figure"></div></body></html>');
    await page.addScriptTag({ path: plotlyBundlePath() });
    const opened = browser;
    return { render: (figure, format) => renderOnPage(page, figure, format), close: () => opened.close() };
  } catch (error) {
    await browser?.close();
    return `the browser did not start (${error instanceof Error ? error.message.split("\n")[0] : String(error)})`;
  }
}

async function renderOnPage(page: PageLike, figure: Figure, format: ImageFormat): Promise<Buffer> {
  const { width, height, scale } = imageSize(figure);
  const url = await page.evaluate(
    async ({ figure, format, width, height, scale }) => {
      // Runs in the browser, where plotly.js and the DOM exist; typed loosely because the project compiles without DOM types.
      const scope = globalThis as unknown as {
        Plotly: {
          newPlot(element: unknown, data: unknown, layout: unknown, config: unknown): Promise<unknown>;
          toImage(element: unknown, options: object): Promise<string>;
          purge(element: unknown): void;
        };
        document: { getElementById(id: string): unknown };
      };
      const element = scope.document.getElementById("figure");
      scope.Plotly.purge(element);
      const layout = { ...figure.layout, width, height };
      await scope.Plotly.newPlot(element, figure.data, layout, { ...figure.config, responsive: false });
      return scope.Plotly.toImage(element, { format, width, height, scale });
    },
    { figure: resolvedFigure(figure), format, width, height, scale },
  );
  return dataUrlBytes(url);
}

/** The bytes of a `data:` URL, base64 or percent-encoded. */
function dataUrlBytes(url: string): Buffer {
  const comma = url.indexOf(",");
  if (!url.startsWith("data:") || comma < 0) throw new TypeError(`dataUrlBytes: not a data URL (${url.slice(0, 40)})`);
  const header = url.slice(0, comma);
  const body = url.slice(comma + 1);
  return header.endsWith(";base64") ? Buffer.from(body, "base64") : Buffer.from(decodeURIComponent(body), "utf8");
}

/** The outcome of `renderStaleImages`. */
export interface RenderedImages {
  /** Files written. */
  readonly written: readonly string[];
  /** Figures that failed to render, each with the reason. */
  readonly failed: readonly string[];
  /** Why no images could be rendered, when none could. */
  readonly note?: string;
}

/**
 * Renders the SVG and PNG of every `<name>.json` figure in `dir` whose images are missing or
 * older than the JSON, in one browser session. Used after a headless run whose notebooks saved
 * figures with `DISTALIGN_FIGURE_IMAGES=defer`.
 */
export async function renderStaleImages(dir: string, executable?: string): Promise<RenderedImages> {
  if (!existsSync(dir)) return { written: [], failed: [] };
  const stale = readdirSync(dir)
    .filter((file) => file.endsWith(".json"))
    .map((file) => join(dir, file))
    .filter((json) =>
      IMAGE_FORMATS.some((format) => {
        const image = json.replace(/\.json$/, `.${format}`);
        return !existsSync(image) || statSync(image).mtimeMs < statSync(json).mtimeMs;
      }),
    );
  if (stale.length === 0) return { written: [], failed: [] };
  const renderer = await openFigureRenderer(executable);
  if (typeof renderer === "string") return { written: [], failed: [], note: renderer };
  const written: string[] = [];
  const failed: string[] = [];
  try {
    for (const json of stale) {
      try {
        const figure = JSON.parse(readFileSync(json, "utf8")) as Figure;
        for (const format of IMAGE_FORMATS) {
          const image = json.replace(/\.json$/, `.${format}`);
          writeFileSync(image, await renderer.render(figure, format));
          written.push(image);
        }
      } catch (error) {
        failed.push(`${json}: ${error instanceof Error ? error.message.split("\n")[0] : String(error)}`);
      }
    }
  } finally {
    await renderer.close();
  }
  return { written, failed };
}
