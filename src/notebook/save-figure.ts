/**
 * Saving figures to files: plotly JSON and standalone offline HTML always, SVG and PNG through
 * headless Chromium when one is installed.
 */
import { join, relative } from "node:path";
import { inspect } from "node:util";
import { figureImageMode, outputDir, projectRoot } from "../config";
import { resolvedFigure, standaloneFigureHtml, type Figure } from "./figure";
import { imageSize, openFigureRenderer, type ImageFormat } from "./figure-images";
import { plotlyLoaderHtml } from "./plotly-bundle";
import { makeDirectorySync, writeFileAtomicSync } from "../files";
import { variantName } from "../figures/figure-defaults";

/** The file formats `saveFigure` writes. */
export const FIGURE_FORMATS = ["json", "html", "svg", "png"] as const;
export type FigureFormat = (typeof FIGURE_FORMATS)[number];

/** Options of `saveFigure`. */
export interface SaveFigureOptions {
  /** @default ["json", "html", "svg", "png"] */
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
  /**
   * The notebook parameters the figure was made with (`{ METHOD, SEED }`). When any differs from
   * the value the notebook ships with (FIGURE_DEFAULTS), the figure is a variant and is saved
   * under its own name (`variantName`): the reproduction's files stay as they are.
   */
  readonly parameters?: Readonly<Record<string, unknown>>;
}

/** The files `saveFigure` wrote, and notes on formats it did not write. */
export interface SavedFigure {
  readonly json?: string;
  readonly html?: string;
  readonly svg?: string;
  readonly png?: string;
  readonly notes: readonly string[];
}

/**
 * Saves a figure under `<dir>/<name>`: `.json` (the plotly figure, image size included), `.html`
 * (standalone, plotly.js inlined, opens offline) and, when a browser is available, `.svg` and
 * `.png` rendered by plotly.js itself. Without a browser the images are skipped with a note on
 * stderr and in the result, not an error. With `DISTALIGN_FIGURE_IMAGES=defer` (set by
 * `npm run notebooks:run`) the images are left to one batch after the run.
 * @param baseName file name without extension, e.g. "fig2"; with `options.parameters`, the name of
 *   the figure as shipped, and variants get a suffix
 * @throws {RangeError} if `baseName` is empty, contains a path separator or ends in a known extension
 * @example
 * await saveFigure(figure, "fig2"); // → output/figures/fig2.json, .html, .svg, .png
 * await saveFigure(figure, "fig4-steering-effects", { parameters: { METHOD: "verbalize" } }); // → output/figures/fig4-steering-effects--method-verbalize.*
 */
export async function saveFigure(figure: Figure, baseName: string, options: SaveFigureOptions = {}): Promise<SavedFigure> {
  if (!/^[A-Za-z0-9_][A-Za-z0-9_.-]*$/.test(baseName) || /\.(json|html?|svg|png)$/i.test(baseName)) {
    throw new RangeError(`saveFigure: name must be a file name without extension (${JSON.stringify(baseName)})`);
  }
  const name = options.parameters === undefined ? baseName : variantName(baseName, options.parameters);
  const formats = new Set(options.formats ?? FIGURE_FORMATS);
  const dir = options.dir ?? join(outputDir(), "figures");
  makeDirectorySync(dir);
  const size = imageSize(figure);
  const sized: Figure = {
    ...figure,
    config: {
      ...figure.config,
      toImageButtonOptions: {
        filename: name,
        width: options.width ?? size.width,
        height: options.height ?? size.height,
        scale: options.scale ?? size.scale,
      },
    },
  };
  const files: Partial<Record<FigureFormat, string>> = {};
  const notes: string[] = [];
  const images = (["svg", "png"] as const).filter((format) => formats.has(format));
  const deferred = images.length > 0 && figureImageMode() === "defer";
  if (formats.has("json") || deferred) {
    files.json = join(dir, `${name}.json`);
    writeFileAtomicSync(files.json, JSON.stringify(resolvedFigure(sized), null, 1) + "\n");
  }
  if (formats.has("html")) {
    files.html = join(dir, `${name}.html`);
    writeFileAtomicSync(files.html, standaloneFigureHtml(sized, plotlyLoaderHtml()));
  }
  if (deferred) {
    notes.push(`saveFigure: ${images.join(" and ")} of ${name} deferred to the end of the run`);
  } else if (images.length > 0) {
    const written = await writeImages(sized, images, dir, name, options.browser);
    if (typeof written === "string") {
      const note = `saveFigure: ${written}; ${images.join(" and ")} of ${name} not written`;
      notes.push(note);
      console.warn(note);
    } else {
      Object.assign(files, written);
    }
  }
  return withSummary({ ...files, notes });
}

/**
 * Gives the result a one-line form for notebooks, which print a cell's last value: the files
 * relative to the project root and the notes, instead of an object with absolute paths.
 */
function withSummary(saved: SavedFigure): SavedFigure {
  const paths = FIGURE_FORMATS.map((format) => saved[format]).filter((path): path is string => path !== undefined);
  const summary = [
    paths.length === 0 ? "saved nothing" : `saved ${paths.map((path) => relative(projectRoot(), path)).join(", ")}`,
    ...saved.notes,
  ].join("\n");
  return Object.defineProperty(saved, inspect.custom, { value: () => summary, enumerable: false });
}

async function writeImages(
  figure: Figure,
  formats: readonly ImageFormat[],
  dir: string,
  name: string,
  browser: string | undefined,
): Promise<Partial<Record<ImageFormat, string>> | string> {
  const renderer = await openFigureRenderer(browser);
  if (typeof renderer === "string") return renderer;
  const written: Partial<Record<ImageFormat, string>> = {};
  try {
    for (const format of formats) {
      const file = join(dir, `${name}.${format}`);
      writeFileAtomicSync(file, await renderer.render(figure, format));
      written[format] = file;
    }
  } finally {
    await renderer.close();
  }
  return written;
}
